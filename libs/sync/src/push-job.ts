import { hash } from 'node:crypto';
import type { PackageName } from '@koppelhub/domain';

/** One client to push to a package, as of the position of the event that asked for it. */
export interface PushMember {
  clientId: string;
  /** For a re-drive, the delivery's: a job asked for by an older event does not settle a newer wish. */
  position: number;
}

/**
 * One queue job: clients to push to one package, side by side. A job of several spreads the
 * queue's own cost per job (about as much CPU as a whole push) over its members and lets the
 * connectors send them in one request where the package takes that.
 */
export interface PushJob {
  package: PackageName;
  /**
   * Deterministic, from the members it was made for: one is named after it (`memberId`), several
   * after them all, so the same members make the same job and a repeated enqueue adds nothing. The
   * dispatcher names jobs before deciding and enqueues them with the members that turned out
   * pending; a re-drive rebuilds them from the name each delivery recorded.
   */
  jobId: string;
  members: PushMember[];
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

/** Members per job. Twinfield takes as many customers in one request (see its connector). */
export const MEMBERS_PER_JOB = 25;

/** BullMQ job ids may not contain ':'; these hold uuids, a package name and a number only. */
export const memberId = (clientId: string, pkg: PackageName, position: number): string => `${clientId}_${pkg}_${position}`;

/** A job of one: the client, the package and the position of the event that asked for it. */
export function job(clientId: string, pkg: PackageName, position: number): PushJob {
  return { package: pkg, jobId: memberId(clientId, pkg, position), members: [{ clientId, position }] };
}

/** Requests, in order, as jobs of up to `size` members per package. */
export function jobsFor(
  requests: ReadonlyArray<PushMember & { pkg: PackageName }>,
  size: number = MEMBERS_PER_JOB,
): PushJob[] {
  const perPackage = new Map<PackageName, PushMember[]>();
  for (const { clientId, pkg, position } of requests) {
    const members = perPackage.get(pkg) ?? [];
    members.push({ clientId, position });
    perPackage.set(pkg, members);
  }
  const jobs: PushJob[] = [];
  for (const [pkg, members] of perPackage) {
    for (let at = 0; at < members.length; at += size) jobs.push(jobOf(pkg, members.slice(at, at + size)));
  }
  return jobs;
}

/** The job of these members, named as `PushJob.jobId` says. */
export function jobOf(pkg: PackageName, members: PushMember[]): PushJob {
  if (members.length === 1) return job(members[0].clientId, pkg, members[0].position);
  const ids = members.map((m) => memberId(m.clientId, pkg, m.position)).sort();
  const digest = hash('sha256', ids.join('\n')).slice(0, 32);
  return { package: pkg, jobId: `${pkg}_${members.length}_${digest}`, members };
}
