/** What the lifecycle writes to: the entry point's logger. */
export interface LifecycleLogger {
  log(message: string): void;
  error(message: string): void;
}

/** How long a stop may take before the process gives up on it (Docker's grace is set above it). */
export const STOP_TIMEOUT_MS = 20_000;

/**
 * The message and stack of an error, and nothing else: a driver's error carries fields (a row's
 * values in PostgreSQL's `detail`) that may hold personal data, which printing the object would show.
 */
export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Stops the process on SIGINT or SIGTERM, once: `stop` finishes the work in hand, then the process
 * exits 0. A stop that fails or outlasts `timeoutMs` exits 1, as does a second signal (an operator
 * who presses Ctrl-C again means it), so a supervisor restarts what did not stop cleanly.
 */
export function stopOnSignals(logger: LifecycleLogger, stop: (signal: NodeJS.Signals) => Promise<void>, timeoutMs = STOP_TIMEOUT_MS): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.error(`${signal} again: exiting at once`);
      process.exit(1);
    }
    stopping = true;
    // Not unref'd: a stop that hangs with nothing else left to run must still end in exit 1, not 0.
    setTimeout(() => {
      logger.error(`still stopping after ${timeoutMs} ms: exiting`);
      process.exit(1);
    }, timeoutMs);
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`stopping failed: ${describeError(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** An error nothing caught leaves the process in an unknown state: it is logged and the process exits 1. */
export function exitOnUncaughtErrors(logger: LifecycleLogger): void {
  process.on('uncaughtException', (error) => {
    logger.error(`uncaught exception: ${describeError(error)}`);
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error(`unhandled rejection: ${describeError(reason)}`);
    process.exit(1);
  });
}
