import { INVOICE_TO_PACKAGE } from '@koppelhub/domain';
import type { ClientRelationsReader } from './client-relations.reader';
import { type Delivery, deliveryKey, type DeliveryStore } from './delivery.store';
import { type Enqueue, jobsFor, memberId, type PushJob } from './push-job';

/**
 * The delivery record, not the queue, says what must go out. A round puts back on the queue what
 * the queue may have lost, and gives a push that ran out of retries waiting for its invoice-to
 * target another go once that target has landed.
 */
export class DeliveryRedrive {
  constructor(
    private readonly deliveries: DeliveryStore,
    private readonly relations: ClientRelationsReader,
    private readonly enqueue: Enqueue,
  ) {}

  async round(staleAfterMs: number): Promise<void> {
    await this.requeuePending(staleAfterMs);
    await this.dependentsOfLandedTargets();
  }

  /**
   * Rebuilds the jobs the dispatcher named (the job id each delivery records), so a job still
   * waiting, running or backing off is not doubled; a job lost with the queue's data (Redis
   * restarted empty, flushed, failed over) is enqueued again with its members still pending, and
   * so is one the queue kept as finished although a delivery of its is still pending (it stalled
   * out, or an older push's answer came in last). At start-up (0 ms) that is every pending
   * delivery: a crash between the committed decision and the enqueue left them behind.
   */
  async requeuePending(staleAfterMs: number): Promise<void> {
    const stale = await this.deliveries.stalePending(staleAfterMs);
    if (stale.length === 0) return;
    await this.enqueue(jobsNamedIn(stale), { replaceFinished: true });
  }

  /**
   * A push to a package that links the invoice-to target by its own id fails, transiently, until
   * the target is there; when the target's own push is late (its worker crashed and the job waited
   * for the lock to expire) the retries can run out first. Once the target has landed, such a
   * given-up push is reopened under a job id of its own per landing, so rounds in several workers
   * enqueue it once, and a push given up again waits for the target's next landing (or an operator).
   */
  private async dependentsOfLandedTargets(): Promise<void> {
    const waiting: Array<{ failed: Delivery; targetId: string }> = [];
    // Only the hours package waits for a target; a refusal waits for an operator.
    const given = (await this.deliveries.withStatus('failed')).filter((d) => d.package === INVOICE_TO_PACKAGE && !d.refused);
    const targets = await Promise.all(given.map((failed) => this.relations.read(failed.clientId, failed.package)));
    given.forEach((failed, n) => {
      const target = targets[n]?.invoiceTo;
      if (target && target.clientId !== failed.clientId) waiting.push({ failed, targetId: target.clientId });
    });
    if (waiting.length === 0) return;
    // The targets' deliveries in one read.
    const landings = await this.deliveries.getMany(waiting.map(({ failed, targetId }) => ({ clientId: targetId, pkg: failed.package })));
    const jobs: PushJob[] = [];
    for (const { failed, targetId } of waiting) {
      const landed = landings.get(deliveryKey(targetId, failed.package));
      if (landed?.status !== 'pushed' || !landed.externalId) continue;
      // Once per landing, whenever the push was given up: its last attempt may have looked for the
      // target just before it landed and had its failure written just after.
      const jobId = `${failed.clientId}_${failed.package}_after_${landed.updatedAt.getTime()}`;
      if (failed.jobId === jobId) continue;
      if (!(await this.deliveries.reopen(failed.clientId, failed.package, jobId))) continue;
      jobs.push({ package: failed.package, jobId, members: [{ clientId: failed.clientId, position: failed.desiredPosition }] });
    }
    // Not enqueued (the queue down a moment), they stay pending under their job ids: a later
    // round puts pending deliveries back on the queue, as it does for a job the queue lost.
    if (jobs.length > 0) await this.enqueue(jobs);
  }
}

/**
 * An operator's re-drive of failed deliveries: back to pending under new jobs, up to
 * MEMBERS_PER_JOB per package, each named for this re-drive (the failed jobs keep their ids in the
 * queue's failed set) and recorded on its deliveries. Returns the deliveries it reopened.
 */
export async function redriveFailed(deliveries: DeliveryStore, enqueue: Enqueue, failed: readonly Delivery[], stamp = Date.now()): Promise<Delivery[]> {
  const reopening = jobsFor(failed.map((d) => ({ clientId: d.clientId, pkg: d.package, position: d.desiredPosition }))).flatMap((j, n) => {
    const jobId = j.members.length === 1 ? `${j.members[0]!.clientId}_${j.package}_redrive_${stamp}` : `${j.package}_redrive_${stamp}_${n}`;
    return j.members.map((m) => ({ clientId: m.clientId, pkg: j.package, jobId }));
  });
  const reopened = await deliveries.reopenMany(reopening);
  // Built from what was reopened: its wish as it is now, and nothing another re-drive took first.
  await enqueue(jobsNamedIn(reopened));
  return reopened;
}

/** The pending deliveries as the jobs that carry them; one recorded before jobs were named gets one of its own. */
export function jobsNamedIn(pending: readonly Delivery[]): PushJob[] {
  const jobs = new Map<string, PushJob>();
  for (const d of pending) {
    const jobId = d.jobId ?? memberId(d.clientId, d.package, d.desiredPosition);
    const member = { clientId: d.clientId, position: d.desiredPosition };
    const key = `${d.package} ${jobId}`;
    const named = jobs.get(key);
    if (named) named.members.push(member);
    else jobs.set(key, { package: d.package, jobId, members: [member] });
  }
  return [...jobs.values()];
}
