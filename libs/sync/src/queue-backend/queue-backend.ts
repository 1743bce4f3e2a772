import type { PushMember } from '../push-job';
import type { IQueueBackend, JobProgress, Processor, Queue, Worker, WorkerOptions } from 'bullmq';

/** What a push job carries: ids only, never personal data (see PushJob). */
export interface PushJobData {
  package: string;
  members?: PushMember[];
  /** Jobs queued before jobs held several clients name one, flat. */
  clientId?: string;
  /** Position of the event that asked for the push (absent on jobs queued before it was kept). */
  position?: number;
}

// The connection options type differs per store (ioredis options, a pg pool or config) and BullMQ
// uses it both ways (options in, factory taking them), so no common type fits but `any`; the
// classes are used through the store-neutral IQueueBackend.
type AnyConnection = any;
export type SyncQueue = Queue<PushJobData, unknown, string, PushJobData, unknown, string, IQueueBackend, AnyConnection>;
export type SyncWorker = Worker<PushJobData, unknown, string, IQueueBackend, JobProgress, AnyConnection>;
export type SyncWorkerOptions = Omit<WorkerOptions, 'connection' | 'prefix'>;

/**
 * Where BullMQ keeps the queues: Redis, or BullMQ's PostgreSQL backend on the hub's own database.
 * Everything that builds a BullMQ class asks the backend, so the store is chosen in one place.
 * A backend is ready to use once held (the PostgreSQL ones have migrated their schema).
 */
export interface QueueBackend {
  readonly kind: 'redis' | 'postgres';
  /** Where the queues are, for logs: no credentials. */
  readonly description: string;
  queue(name: string): SyncQueue;
  worker(name: string, processor: Processor<PushJobData, unknown, string>, options: SyncWorkerOptions): SyncWorker;
  /** Releases what the backend itself holds; close its queues and workers first. */
  close(): Promise<void>;
}
