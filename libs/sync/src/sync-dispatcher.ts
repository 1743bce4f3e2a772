import { PACKAGE_NAMES } from '@koppelhub/domain';
import {
  type Checkpoint,
  type Database,
  type EventStore,
  inTransaction,
  PeriodicRound,
  PostgresCheckpointStore,
  type RecordedEvent,
  type Subscription,
} from '@koppelhub/eventstore';
import { buildClientPush } from './client-push.builder';
import { readClientHistories } from './client-histories';
import type { ClientRelationsReader } from './client-relations.reader';
import { deliveryKey, type DeliveryStore, type WantedDelivery } from './delivery.store';
import { DeliveryRedrive } from './delivery-redrive';
import { type Enqueue, jobsFor } from './push-job';
import { PayloadHashes } from './payload-hashes';
import type { RecentHistories } from './recent-histories';
import { toSyncClient, verdictFor } from './sync-client';

export const SYNC_DISPATCHER = 'sync-dispatcher';

export interface SyncDispatcherOptions {
  /** How often a DeliveryRedrive round runs; deliveries pending for longer than this count as lost. */
  redriveEveryMs?: number;
  /** Where the histories read to decide are left for the push jobs that follow (see PushProcessor). */
  recentHistories?: RecentHistories;
  /** Hashes of the packages' views decided on, for those jobs too. */
  payloadHashes?: PayloadHashes;
}

export const DEFAULT_REDRIVE_EVERY_MS = 15_000;

/**
 * Decides, per client and package, what must be pushed. It has its own checkpoint and delivery
 * record, so rebuilding read models never re-sends anything. Jobs carry ids only, never personal
 * data; they are enqueued after the decision is committed, and `redrivePending` re-enqueues what a
 * crash between the two left behind (job ids make that idempotent).
 */
export class SyncDispatcher {
  private subscription?: Subscription;
  private readonly checkpoints: PostgresCheckpointStore;
  private readonly redrive: DeliveryRedrive;
  private readonly redriveRounds: PeriodicRound;
  private readonly recentHistories?: RecentHistories;
  private readonly payloadHashes: PayloadHashes;

  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
    private readonly relations: ClientRelationsReader,
    private readonly deliveries: DeliveryStore,
    private readonly enqueue: Enqueue,
    options: SyncDispatcherOptions = {},
  ) {
    this.checkpoints = new PostgresCheckpointStore(database.pool);
    this.redrive = new DeliveryRedrive(deliveries, relations, enqueue);
    this.recentHistories = options.recentHistories;
    this.payloadHashes = options.payloadHashes ?? new PayloadHashes();
    // One round at a time: while the queue is unreachable an enqueue waits, and rounds must not pile
    // up. A failed round is left to the next; the delivery record keeps the work.
    const every = options.redriveEveryMs ?? DEFAULT_REDRIVE_EVERY_MS;
    this.redriveRounds = new PeriodicRound(() => this.redrive.round(every), { everyMs: every, onError: () => undefined });
  }

  start(): Subscription {
    // Where this dispatcher left the checkpoint: every worker process runs one, and a batch another
    // has decided already must not be decided (and enqueued) again, nor the checkpoint set back.
    let current: Checkpoint | undefined;
    this.subscription = this.store.subscribe({
      id: SYNC_DISPATCHER,
      batchSize: 500,
      handler: {
        loadCheckpoint: async () => (current = await this.checkpoints.load(SYNC_DISPATCHER)),
        handle: async (events, checkpoint) => {
          await this.handle(events, current!, checkpoint);
          current = checkpoint;
        },
      },
    });
    this.redriveRounds.start();
    return this.subscription;
  }

  async stop(): Promise<void> {
    // Not waited for: a round may be stuck enqueueing while the queue is unreachable.
    void this.redriveRounds.stop();
    await this.subscription?.stop();
  }

  lag() {
    if (!this.subscription) throw new Error('the sync dispatcher is not running');
    return this.subscription.lag();
  }

  waitFor(position: number, timeoutMs?: number): Promise<void> {
    if (!this.subscription) throw new Error('the sync dispatcher is not running');
    return this.subscription.waitFor(position, timeoutMs);
  }

  redrivePending(): Promise<void> {
    return this.redrive.requeuePending(0);
  }

  private async handle(events: RecordedEvent[], from: Checkpoint, checkpoint: Checkpoint): Promise<void> {
    await this.relations.catchUp?.(Math.max(...events.map((e) => e.position)), new Set(events.map((e) => e.type)));
    const triggers = await this.clientsIn(events);
    const clientIds = [...triggers.keys()];
    // Everything is read before the transaction opens: the embedded database has one connection.
    // The clients' histories in one read; their relations asked for all at once, so the relations
    // reader answers the whole batch in a few statements (eight at a time made a batch of 500
    // about 60 rounds of them, and the dispatcher set the pace of a burst).
    const histories = await readClientHistories(this.store, clientIds);
    for (const [clientId, history] of histories) this.recentHistories?.keep(clientId, history);
    const wanted = (
      await Promise.all(clientIds.map((clientId) => this.wantedFor(clientId, histories.get(clientId) ?? [], triggers.get(clientId)!)))
    ).flat();
    // Jobs are named after the deliveries asked for, and carry those that turn out pending.
    const jobs = jobsFor(wanted);
    const jobIdOf = new Map(jobs.flatMap((j) => j.members.map((m) => [deliveryKey(m.clientId, j.package), j.jobId] as const)));
    let pending = new Set<string>();
    await inTransaction(this.database.pool, async (tx) => {
      // First, as the read models do: a process that lost the race fails here, writes nothing and
      // reloads the checkpoint the winner stored.
      await this.checkpoints.advance(tx, SYNC_DISPATCHER, from, checkpoint);
      const decided = await this.deliveries.wantAll(tx, wanted.map((w) => ({ ...w, jobId: jobIdOf.get(deliveryKey(w.clientId, w.pkg)) })));
      pending = new Set(decided.map((w) => deliveryKey(w.clientId, w.pkg)));
    });
    await this.enqueue(
      jobs
        .map((j) => ({ ...j, members: j.members.filter((m) => pending.has(deliveryKey(m.clientId, j.package))) }))
        .filter((j) => j.members.length > 0),
    );
  }

  /**
   * What each package should hold for a client now, as hashes of each package's view of the push,
   * wanted as of the event that asked (its position names the job, so every change gets a job of
   * its own).
   */
  private async wantedFor(clientId: string, history: RecordedEvent[], trigger: number): Promise<WantedDelivery[]> {
    const client = toSyncClient(history);
    if (!client) return [];
    const pushed = PACKAGE_NAMES.flatMap((pkg) => {
      const verdict = verdictFor(pkg, client);
      return verdict.push ? [{ pkg, endedOn: verdict.endedOn }] : [];
    });
    const relations = await Promise.all(pushed.map(({ pkg }) => this.relations.read(clientId, pkg)));
    // Each package's hash is taken over its own view of the push (what its adapter sends), so a
    // change it ignores asks nothing of it; packages given the same relations share one push.
    const hashes = this.payloadHashes.ofPackages(
      history,
      pushed.map(({ pkg, endedOn }, i) => ({ pkg, relations: relations[i]!, endedOn })),
      (asked, endedOn) => buildClientPush(client, asked, endedOn),
    );
    return pushed.map(({ pkg }, i) => ({ clientId, pkg, hash: hashes[i]!, position: trigger }));
  }

  /**
   * The clients the batch concerns, each with the position of its newest event in the batch. Not
   * the client's own stream position: a contact's change leaves that as it was, and a job named
   * after it would be taken for the one already done.
   */
  private async clientsIn(events: RecordedEvent[]): Promise<Map<string, number>> {
    const triggers = new Map<string, number>();
    const concern = (clientId: string, position: number) =>
      triggers.set(clientId, Math.max(position, triggers.get(clientId) ?? 0));
    const beyondOwnClient: RecordedEvent[] = [];
    for (const event of events) {
      // A number's reservation concerns no package; its client's own event says what changed.
      if (event.stream.startsWith('client_number-')) continue;
      if (!event.stream.startsWith('client-')) beyondOwnClient.push(event);
      else {
        concern(event.stream.slice('client-'.length), event.position);
        if (changesPortalUsers(event)) beyondOwnClient.push(event);
      }
    }
    if (beyondOwnClient.length > 0) {
      for (const { clientId, position } of (await this.relations.clientsAffectedBy?.(beyondOwnClient)) ?? []) concern(clientId, position);
    }
    return triggers;
  }
}

/**
 * A portal user's access, as every client it sees tells the portal, names only the clients the
 * portal holds (Klant, switched on there), by number, and a person client's e-mail may be a portal
 * user's login: a client's status, number, package switches or e-mail change the portal users in
 * the payload of each other client those users see.
 */
function changesPortalUsers(event: RecordedEvent): boolean {
  if (event.type === 'ClientStatusChanged' || event.type === 'ClientRenumbered') return true;
  if (event.type !== 'ClientDetailsChanged') return false;
  const changed = event.data.changedFields;
  return Array.isArray(changed) && (changed.includes('packages') || changed.includes('email'));
}
