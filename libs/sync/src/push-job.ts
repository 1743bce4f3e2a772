import type { PackageName } from '@koppelhub/domain';

export interface PushJob {
  clientId: string;
  package: PackageName;
  /** Deterministic: the client, the package and the position of the event that asked for it. */
  jobId: string;
  /** That position (for a re-drive, the delivery's): a job asked for by an older event does not settle a newer wish. */
  position: number;
}

export interface EnqueueOptions {
  /**
   * A job id the queue kept as finished (completed, or failed for good) would make the add a
   * no-op; with this set, that job is removed and added again. For re-drives: their delivery is
   * still pending, so whatever that job did did not settle it.
   */
  replaceFinished?: boolean;
}

export type Enqueue = (jobs: PushJob[], options?: EnqueueOptions) => Promise<void>;

/** BullMQ job ids may not contain ':'; these hold uuids, a package name and a number only. */
export function job(clientId: string, pkg: PackageName, position: number): PushJob {
  return { clientId, package: pkg, jobId: `${clientId}_${pkg}_${position}`, position };
}
