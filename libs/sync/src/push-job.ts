import type { PackageName } from '@koppelhub/domain';

export interface PushJob {
  clientId: string;
  package: PackageName;
  /** Deterministic: the client, the package and the position of the event that asked for it. */
  jobId: string;
}

export type Enqueue = (jobs: PushJob[]) => Promise<void>;

/** BullMQ job ids may not contain ':'; these hold uuids, a package name and a number only. */
export function job(clientId: string, pkg: PackageName, position: number): PushJob {
  return { clientId, package: pkg, jobId: `${clientId}_${pkg}_${position}` };
}
