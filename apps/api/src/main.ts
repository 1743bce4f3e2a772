import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { HubRuntime, loadSettingsOrExit, logLevelsFor } from '@koppelhub/application';
import { announceAdminKey } from './auth/announce-admin-key';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const logger = new Logger('koppelhub');
  const settings = loadSettingsOrExit(logger);
  Logger.overrideLogger(logLevelsFor(settings.LOG_LEVEL));

  const runtime = await HubRuntime.start(settings, { projections: true, anchors: true });
  await announceAdminKey(runtime, logger);
  const app = await createApi(runtime);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    await app.close();
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await app.listen(settings.PORT, '0.0.0.0');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const where = runtime.database.mode === 'embedded' ? `embedded database in ${settings.DATA_DIR}` : 'PostgreSQL';
  logger.log(`Koppelhub listening on http://localhost:${port} (${where}); API docs at /api/docs`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
