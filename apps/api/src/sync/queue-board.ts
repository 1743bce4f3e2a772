import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { SyncQueue } from '@koppelhub/sync';
import type { Queue } from 'bullmq';
import type { Express } from 'express';

/** Where the queue dashboard is served. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/** bull-board over the sync queues: an express app that routes below QUEUE_BOARD_PATH. */
export function queueBoard(queues: readonly SyncQueue[]): Express {
  const server = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  // The adapter's type names the Redis-backed Queue; it works on any backend (it asks the queue).
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue as unknown as Queue)), serverAdapter: server });
  const board = server.getRouter() as Express;
  board.disable('x-powered-by');
  return board;
}
