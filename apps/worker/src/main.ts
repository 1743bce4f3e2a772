import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { describeError, exitOnUncaughtErrors, HubRuntime, loadSettingsOrExit, logLevelsFor, startHubSync, stopOnSignals } from '@koppelhub/application';
import { registerSyncStatusMetrics, startMetricsListener } from '@koppelhub/sync';
import { Registry } from 'prom-client';

async function main(): Promise<void> {
  const logger = new Logger('koppelhub-worker');
  const settings = loadSettingsOrExit(logger);
  Logger.overrideLogger(logLevelsFor(settings.LOG_LEVEL));
  if (!settings.DATABASE_URL) {
    // The embedded database lives inside the API process, and so does its sync.
    logger.error('the worker needs DATABASE_URL (embedded mode runs everything inside the API)');
    process.exit(1);
  }
  exitOnUncaughtErrors(logger);
  const runtime = await HubRuntime.start(settings, { projections: false });
  const metrics = new Registry();
  registerSyncStatusMetrics(metrics, runtime.database.pool, runtime.store);
  const sync = await startHubSync(runtime, { metrics });
  const metricsListener = settings.METRICS_PORT === undefined ? undefined : await startMetricsListener(metrics, settings.METRICS_PORT);
  if (metricsListener) logger.log(`metrics on http://localhost:${metricsListener.port}/metrics`);
  logger.log(`sync dispatcher and connector workers running${sync.onSandboxes ? ' against the in-process sandboxes' : ''}; queues on ${sync.backend.description}`);
  for (const [pkg, url] of Object.entries(sync.sandboxes?.urls ?? {})) logger.log(`${pkg} sandbox at ${url}`);
  if (sync.onSandboxes) {
    // Deliveries to the sandboxes are recorded as pushed: a worker configured later finds nothing to send.
    logger.warn('no package endpoints are configured: clients are pushed to throwaway sandboxes and recorded as delivered; set the package URLs (README, configuration) before real clients become Klant');
  }

  const lagTimer = setInterval(async () => {
    const lag = await sync.dispatcher.lag().catch(() => undefined);
    if (lag) logger.log(`sync-dispatcher: at position ${lag.checkpoint.position}, ${lag.behind} behind`);
  }, 30_000);
  lagTimer.unref();

  stopOnSignals(logger, async (signal) => {
    logger.log(`${signal}: finishing the pushes in hand, then stopping`);
    clearInterval(lagTimer);
    await metricsListener?.close();
    await sync.close();
    await runtime.stop();
  });
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});
