import {
  type AppendResult,
  type EventStore,
  type FoldableEvent,
  groupByStream,
  type JsonObject,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type Subscription,
  type SubscriptionOptions,
} from '../event-store.port';
import type { SubscriptionSource } from '../postgres/postgres-subscription';
import { appendResult } from '../append-result';
import { openValue, sealValue } from './envelope-codec';
import { replaceWhere, valueAt, visitWhere, withValueAt } from './json-paths';
import type { CachedKey } from './key-cache';
import type { PersonalDataPolicy } from './personal-data-policy';
import { PersonalDataErasedError } from './personal-data.errors';
import { isSealedValue, type SealedValue } from './sealed-value';
import type { SubjectKeys } from './subject-keys.port';

/** The position queries of the log underneath; they carry no event data and pass straight through. */
type PositionQueries = Pick<SubscriptionSource, 'countAfter' | 'covers'>;

interface FieldToSeal {
  subject: string;
  path: readonly string[];
  value: unknown;
}

/**
 * The event store as everything in the hub uses it: personal fields are sealed with their
 * subject's key before the append (so the rows and the hash chain only ever hold ciphertext), and
 * opened again on every way out (streams, reads, subscriptions, audit reads). A field whose key
 * was erased reads as the policy's erased value. Deciders, projections, histories, exports and the
 * sync all go through it unchanged.
 */
export class PersonalDataEventStore implements EventStore {
  constructor(
    readonly inner: EventStore & PositionQueries & { close?(): Promise<void> },
    readonly keys: SubjectKeys,
    private readonly policy: PersonalDataPolicy,
  ) {}

  async append(appends: StreamAppend[]): Promise<AppendResult> {
    const toSeal = new Map<NewEvent, FieldToSeal[]>();
    const subjects = new Map<string, string>();
    for (const event of appends.flatMap((a) => a.events)) {
      const fields = this.fieldsToSeal(event, subjects);
      if (fields.length > 0) toSeal.set(event, fields);
    }
    if (toSeal.size === 0) return this.inner.append(appends);

    const keys = await this.keys.forWriting(subjects);
    const sealed = appends.map((a) => ({
      ...a,
      events: a.events.map((event) => {
        const fields = toSeal.get(event);
        return fields ? { ...event, data: sealFields(event.data, fields, keys) } : event;
      }),
    }));
    let result: AppendResult;
    try {
      result = await this.inner.append(sealed);
    } catch (error) {
      // A key made for this append commits on its own, without waiting for the disk: a crash
      // before the append commits may lose it. The next attempt asks the key store again rather
      // than sealing with a cached key that may no longer exist.
      this.keys.forget([...subjects.keys()]);
      throw error;
    }
    // Callers get back what they appended, not the ciphertext. Keyed as the log keeps ids (lower
    // case), which is how the result names them; the events sealed nothing come back as sent.
    const plain = new Map([...toSeal.keys()].map((event) => [event.id.toLowerCase(), event.data]));
    return appendResult(
      result.events.map((e) => {
        const data = plain.get(e.id);
        return data ? { ...e, data } : e;
      }),
      result.alreadyAppended,
    );
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.open(await this.inner.readStream(stream, options));
  }

  /** All streams' events are opened together, so their subjects' keys are looked up once. */
  async readStreams(streams: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const read = await this.inner.readStreams(streams);
    return groupByStream(streams, await this.open([...read.values()].flat()));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.open(await this.inner.readAll(options));
  }

  async readForFold(options?: ReadAllOptions): Promise<FoldableEvent[]> {
    return this.open(await this.inner.readForFold(options));
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  countAfter(...args: Parameters<PositionQueries['countAfter']>): Promise<number> {
    return this.inner.countAfter(...args);
  }

  covers(...args: Parameters<PositionQueries['covers']>): Promise<boolean> {
    return this.inner.covers(...args);
  }

  subscribe(options: SubscriptionOptions): Subscription {
    return this.inner.subscribe(this.opening(options));
  }

  subscribeForFold(options: SubscriptionOptions<FoldableEvent>): Subscription {
    return this.inner.subscribeForFold(this.opening(options));
  }

  /** The subscription's options with a handler that gets each batch opened. */
  private opening<E extends FoldableEvent>(options: SubscriptionOptions<E>): SubscriptionOptions<E> {
    const { handler } = options;
    return {
      ...options,
      handler: {
        loadCheckpoint: () => handler.loadCheckpoint(),
        handle: async (events, checkpoint) => handler.handle(await this.open(events), checkpoint),
      },
    };
  }

  /**
   * Events with their sealed fields opened; for readers that fetch rows themselves (the audit
   * log). The keys of a batch are looked up together, once.
   */
  async open<E extends FoldableEvent>(events: E[]): Promise<E[]> {
    // Every event read passes through here: one plain loop, no array or closure per event.
    const erased: string[] = [];
    const subjects = new Set<string>();
    const addSubject = (sealed: SealedValue) => subjects.add(sealed.pd);
    const sealedAt: number[] = [];
    for (let index = 0; index < events.length; index++) {
      const event = events[index];
      for (const subject of this.policy.erasedSubjectsOf(event)) erased.push(subject);
      if (visitWhere(event.data, isSealedValue, addSubject)) sealedAt.push(index);
    }
    if (erased.length > 0) this.keys.forget(erased);
    if (sealedAt.length === 0) return events;

    const keys = await this.keys.forReading([...subjects]);
    const opened = events.slice();
    const erasedValue = this.policy.erasedValue;
    const openField = (sealed: SealedValue): unknown => {
      const key = keys.get(sealed.pd);
      return key ? openValue(key, sealed) : erasedValue;
    };
    for (const index of sealedAt) {
      opened[index] = { ...events[index], data: replaceWhere(events[index].data, isSealedValue, openField) as JsonObject };
    }
    return opened;
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }

  /** The fields of an event that hold a plain personal value, noting each subject's scope. */
  private fieldsToSeal(event: NewEvent, subjects: Map<string, string>): FieldToSeal[] {
    const fields: FieldToSeal[] = [];
    for (const target of this.policy.targetsOf(event)) {
      for (const path of target.paths) {
        const value = valueAt(event.data, path);
        // "erased" is no personal data (a copy of an erased main's field); a sealed value is sealed already.
        if (value === undefined || value === this.policy.erasedValue || isSealedValue(value)) continue;
        fields.push({ subject: target.subject, path, value });
        if (!subjects.has(target.subject)) subjects.set(target.subject, target.scope);
      }
    }
    return fields;
  }
}

function sealFields(data: JsonObject, fields: readonly FieldToSeal[], keys: ReadonlyMap<string, CachedKey>): JsonObject {
  let sealed = data;
  for (const field of fields) {
    const key = keys.get(field.subject);
    if (!key) throw new PersonalDataErasedError(field.subject);
    sealed = withValueAt(sealed, field.path, sealValue(key, field.subject, field.value));
  }
  return sealed;
}
