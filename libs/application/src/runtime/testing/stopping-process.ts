import { exitOnUncaughtErrors, stopOnSignals } from '../process-lifecycle';

/**
 * A process whose stop behaves as its first argument says (`clean`, `fails`, `hangs`), or that
 * leaves a rejection unhandled (`unhandled`), for the lifecycle's tests. Prints `ready` once its handlers are in place.
 */
const behaviour = process.argv[2];
const logger = { log: (message: string) => console.log(message), error: (message: string) => console.error(message) };
exitOnUncaughtErrors(logger);
stopOnSignals(
  logger,
  async (signal) => {
    logger.log(`${signal}: stopping`);
    if (behaviour === 'fails') throw Object.assign(new Error('the pool would not close'), { detail: 'Key (bsn)=(111222333)' });
    if (behaviour === 'hangs') await new Promise(() => undefined);
  },
  Number(process.argv[3] ?? 500),
);
setInterval(() => undefined, 60_000);
console.log('ready');
if (behaviour === 'unhandled') setTimeout(() => void Promise.reject(new Error('a stray failure')), 50);
