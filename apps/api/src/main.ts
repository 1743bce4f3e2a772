import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { describeError, exitOnUncaughtErrors, HubRuntime, loadSettingsOrExit, logLevelsFor, stopOnSignals } from '@koppelhub/application';
import { announceAdminKey } from './auth/announce-admin-key';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const logger = new Logger('koppelhub');
  const settings = loadSettingsOrExit(logger);
  Logger.overrideLogger(logLevelsFor(settings.LOG_LEVEL));

  exitOnUncaughtErrors(logger);

  const runtime = await HubRuntime.start(settings, { projections: true, anchors: true });
  await announceAdminKey(runtime, logger);
  const app = await createApi(runtime);

  await app.listen(settings.PORT, '0.0.0.0');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const where = runtime.database.mode === 'embedded' ? `embedded database in ${settings.DATA_DIR}` : 'PostgreSQL';
  logger.log(`Koppelhub listening on http://localhost:${port} (${where}); API docs at /api/docs`);
  // Only once it listens: a signal during the start ends the process the default way, rather than a
  // stop racing a start still under way.
  stopOnSignals(logger, async (signal) => {
    logger.log(`${signal}: stopping`);
    // No new requests first, those in flight answered; only then the parts they use close (Nest's
    // own close would run the modules' destroy hooks while the server still took requests).
    await new Promise<void>((resolve) => app.getHttpServer().close(() => resolve()));
    await app.close();
    await runtime.stop();
  });
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});
