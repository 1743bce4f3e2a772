import type { PackageName } from '@koppelhub/domain';
import {
  type ClientPush,
  type PackageConnector,
  PermanentPushError,
  personalValuesOf,
  RateLimitedPushError,
  type PushResult,
  redactError,
} from '@koppelhub/connectors';
import { Coalescer, type EventStore, type RecordedEvent } from '@koppelhub/eventstore';
import { buildClientPush } from './client-push.builder';
import { readClientHistories } from './client-histories';
import type { ClientRelationsReader } from './client-relations.reader';
import type { DeliveryLocks } from './delivery-locks';
import { type Delivery, deliveryKey, type DeliveryStore, type PushedAnswer, type UnconfirmedKey } from './delivery.store';
import type { PushMetrics } from './metrics/push.metrics';
import { OneAtATimePerKey } from './one-at-a-time-per-key';
import { PayloadHashes } from './payload-hashes';
import { RecentHistories } from './recent-histories';
import { toSyncClient, verdictFor } from './sync-client';

export type PushOutcome = PushResult['action'] | 'skipped';

export interface PushProcessorOptions {
  metrics?: PushMetrics;
  /** Histories read lately, shared with the dispatcher when both run in this process. */
  recent?: RecentHistories;
  /** Hashes of the packages' views of the pushes built from those histories, shared likewise. */
  hashes?: PayloadHashes;
  /** Keeps the jobs of one client and package one at a time across worker processes as well. */
  acrossProcesses?: DeliveryLocks;
}

/**
 * One push: reads the client as it is now (jobs carry ids only), builds the payload, skips it when
 * the package already holds that package's view of it (see packageView: what its adapter would
 * send), and records the package's own id. Errors keep the
 * connectors' classification so the queue can stop, wait as told, or back off.
 */
export class PushProcessor {
  /** The jobs running side by side share their reads and writes (see Coalescer). */
  private readonly histories: Coalescer<string, RecordedEvent[]>;
  private readonly records: Coalescer<{ clientId: string; pkg: PackageName }, Delivery>;
  private readonly answers: Coalescer<PushedAnswer, void>;
  private readonly keysBeforePush: Coalescer<UnconfirmedKey, void>;
  /**
   * Jobs for the same client and package (one per event that asked) run one after the other: two
   * at once would both read the delivery before either recorded its answer, and so create the
   * client twice in a package (neither knowing the other's id) or leave the older payload there.
   * The later one reads the record the earlier left, and mostly finds it unchanged. In this process
   * only, unless locks across processes are given (which keep one task per key here too).
   */
  private readonly perDelivery: Pick<DeliveryLocks, 'run'>;
  private readonly metrics?: PushMetrics;
  private readonly recent: RecentHistories;
  private readonly hashes: PayloadHashes;

  constructor(
    store: EventStore,
    private readonly relations: ClientRelationsReader,
    private readonly deliveries: DeliveryStore,
    private readonly connectors: Record<PackageName, PackageConnector>,
    options: PushProcessorOptions = {},
  ) {
    this.metrics = options.metrics;
    this.recent = options.recent ?? new RecentHistories();
    this.hashes = options.hashes ?? new PayloadHashes();
    this.perDelivery = options.acrossProcesses ?? new OneAtATimePerKey<string>();
    this.histories = new Coalescer((clientIds) => readClientHistories(store, clientIds), String);
    this.records = new Coalescer(
      (pairs) => deliveries.getMany(pairs),
      ({ clientId, pkg }) => deliveryKey(clientId, pkg),
    );
    this.answers = new Coalescer((answers) => deliveries.markPushedMany(answers));
    this.keysBeforePush = new Coalescer((notes) => deliveries.noteUnconfirmedKeys(notes));
  }

  /** `askedAt`: position of the event the job was queued for (see DeliveryStore.markSkipped). */
  async process(clientId: string, pkg: PackageName, askedAt?: number): Promise<PushOutcome> {
    try {
      const outcome = await this.perDelivery.run(deliveryKey(clientId, pkg), () => this.push(clientId, pkg, askedAt));
      this.metrics?.counted(pkg, outcome === 'unchanged' || outcome === 'skipped' ? outcome : 'pushed');
      return outcome;
    } catch (error) {
      this.metrics?.failed(pkg, error);
      throw error;
    }
  }

  private async push(clientId: string, pkg: PackageName, askedAt: number | undefined): Promise<PushOutcome> {
    const delivery = await this.records.load({ clientId, pkg });
    const history = await this.historyFor(clientId, askedAt, delivery);
    const client = toSyncClient(history);
    // Jobs queued before the asking position was kept settle as of what they read.
    const settledUpTo = askedAt ?? history.at(-1)?.position ?? 0;
    if (!client) return this.skip(clientId, pkg, 'unknown client', settledUpTo);
    const verdict = verdictFor(pkg, client);
    if (!verdict.push) return this.skip(clientId, pkg, verdict.reason, settledUpTo);
    const relations = await this.relations.read(clientId, pkg);
    // The package's own view of the push (what its adapter sends), hashed as the dispatcher did: a
    // hash the dispatcher left for this history is found kept, and nothing is built to compare.
    let made: ClientPush | undefined;
    const hash = this.hashes.of(pkg, history, relations, verdict.endedOn, () => (made = buildClientPush(client, relations, verdict.endedOn)));
    // Unchanged, unless a push under another key went unanswered since: it may have left a record.
    if (delivery?.pushedHash === hash && !delivery.unconfirmedKeys) return 'unchanged';
    const built = made ?? buildClientPush(client, relations, verdict.endedOn);
    let payload = built;
    if (built.invoiceTo) {
      // The hours package links to the target by its own id, known once the target was pushed
      // there: the hub's record, not the client's data, so it is added after the hash.
      const target = await this.records.load({ clientId: built.invoiceTo.clientId, pkg });
      if (target?.externalId) payload = { ...built, invoiceTo: { ...built.invoiceTo, externalId: target.externalId } };
    }
    const connector = this.connectors[pkg];
    try {
      const unconfirmedKeys = await this.noteKeyBeforePush(connector, payload, delivery);
      const answered = this.metrics?.timer(pkg);
      const result = await connector
        .push(payload, { externalId: delivery?.externalId, externalKey: delivery?.externalKey, unconfirmedKeys })
        .finally(() => answered?.());
      await this.answers.load({ clientId, pkg, hash, externalId: result.externalId, externalKey: result.externalKey });
      return result.action;
    } catch (error) {
      // The message goes to the failed list and to the queue's record of the job: a package that
      // echoes what it got must not put a BSN or a home address there.
      redactError(error, personalValuesOf(payload));
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof RateLimitedPushError)) {
        const refused = error instanceof PermanentPushError;
        await this.deliveries.noteAttempt(clientId, pkg, message, { failed: refused, refused, askedAt });
      }
      throw error;
    }
  }

  /**
   * Records the key the push is about to file the client under, where the package's key can
   * change, unless the delivery knows it already; answers the keys earlier pushes were sent under
   * without an answer, which the push is to look under.
   */
  private async noteKeyBeforePush(connector: PackageConnector, payload: ClientPush, delivery: Delivery | undefined): Promise<string[]> {
    const unconfirmed = delivery?.unconfirmedKeys ?? [];
    const key = connector.keyOf?.(payload);
    if (delivery && key !== undefined && key !== delivery.externalKey && !unconfirmed.includes(key)) {
      await this.keysBeforePush.load({ clientId: delivery.clientId, pkg: delivery.package, key });
    }
    return unconfirmed.filter((other) => other !== key);
  }

  /**
   * The client's history, reaching at least the event the job was asked for and the newest wish
   * the dispatcher has recorded for this package: a history another of the client's jobs read just
   * before serves when it reaches both, else it is read. Anything newer than the dispatcher has
   * decided on gets a job of its own, as it would had this one read the store itself.
   */
  private async historyFor(clientId: string, askedAt: number | undefined, delivery: Delivery | undefined): Promise<RecordedEvent[]> {
    if (askedAt !== undefined) {
      const recent = this.recent.reaching(clientId, Math.max(askedAt, delivery?.desiredPosition ?? 0));
      if (recent) return recent;
    }
    const history = (await this.histories.load(clientId)) ?? [];
    this.recent.keep(clientId, history);
    return history;
  }

  /** Nothing to push any more (the client changed after its job was queued): settle the delivery. */
  private async skip(clientId: string, pkg: PackageName, reason: string, settledUpTo: number): Promise<PushOutcome> {
    await this.deliveries.markSkipped(clientId, pkg, reason, settledUpTo);
    return 'skipped';
  }
}
