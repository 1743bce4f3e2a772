import type { Database } from '@koppelhub/eventstore';
import { embeddedQueueBackend } from './embedded-queue-backend';
import { postgresQueueBackend } from './postgres-queue-backend';
import type { QueueBackend } from './queue-backend';
import { redisQueueBackend } from './redis-queue-backend';

/**
 * Redis when REDIS_URL is set; otherwise BullMQ's PostgreSQL backend on the hub's own database:
 * the server named by DATABASE_URL, or the embedded PGlite.
 */
export async function queueBackendFor(
  database: Database,
  settings: { REDIS_URL?: string; DATABASE_URL?: string },
): Promise<QueueBackend> {
  if (settings.REDIS_URL) return redisQueueBackend(settings.REDIS_URL);
  if (database.mode === 'embedded') return embeddedQueueBackend(database);
  if (!settings.DATABASE_URL) throw new Error('a server database without DATABASE_URL: nowhere to put the queues');
  return postgresQueueBackend({ connectionString: settings.DATABASE_URL });
}
