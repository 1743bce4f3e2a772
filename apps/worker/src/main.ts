import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { HubRuntime, InvalidSettings, loadSettings, ReadModelRelationsReader } from '@koppelhub/application';
import { endpointsFromEnvironment, redisConnection, startSyncRuntime } from '@koppelhub/sync';

async function main(): Promise<void> {
  const logger = new Logger('koppelhub-worker');
  let settings;
  try {
    settings = loadSettings();
  } catch (error) {
    if (error instanceof InvalidSettings) {
      logger.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (!settings.DATABASE_URL || !settings.REDIS_URL) {
    // The embedded database lives inside the API process; a separate worker needs the servers.
    logger.error('the worker needs DATABASE_URL and REDIS_URL (embedded mode runs everything inside the API)');
    process.exit(1);
  }
  const runtime = await HubRuntime.start(settings, { projections: false });
  const endpoints = endpointsFromEnvironment(process.env);
  const sync = await startSyncRuntime({
    database: runtime.database,
    store: runtime.store,
    endpoints,
    // Contacts, portal users and invoice-to come from the read models the API keeps.
    relations: new ReadModelRelationsReader(runtime.database, runtime.store),
    queue: { connection: redisConnection(settings.REDIS_URL) },
  });
  logger.log(`sync dispatcher and connector workers running${endpoints ? '' : ' against the in-process sandboxes'}`);

  const lagTimer = setInterval(async () => {
    const lag = await sync.dispatcher.lag().catch(() => undefined);
    if (lag) logger.log(`sync-dispatcher: at position ${lag.checkpoint.position}, ${lag.behind} behind`);
  }, 30_000);
  lagTimer.unref();

  const stop = async (signal: string) => {
    logger.log(`${signal}: finishing the pushes in hand, then stopping`);
    clearInterval(lagTimer);
    await sync.close();
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
