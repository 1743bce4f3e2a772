import { EventEmitter } from 'node:events';
import {
  type AllStreamResolvedEvent,
  type AppendStreamRequest,
  type EventData,
  type Filter,
  type KurrentDBClient,
  type ReadPosition,
  type ReadRevision,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';

interface StoredEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  isJson: true;
  position: { commit: bigint; prepare: bigint };
}

type State = 'any' | 'no_stream' | 'stream_exists' | bigint;

/**
 * An in-memory stand-in for the few KurrentDB client calls the adapter makes, with the server
 * behaviour the adapter relies on as we understand it: revisions from 0, `$all` positions with
 * commit = prepare, reads from a position inclusive, subscriptions exclusive, single-stream appends
 * deduplicated by event id, multi-stream appends atomic and NOT deduplicated, system events
 * interleaved in `$all`. It lets the contract suite run without a server; it proves the adapter
 * against these assumptions, not the assumptions against KurrentDB.
 */
export class FakeKurrentDb {
  readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private nextPosition = 100n;
  private writes = 0;

  constructor(private readonly serverVersion = '25.1.0.2371') {
    this.writeSystemEvent();
  }

  /** The client, as the adapter sees it. */
  client(): KurrentDBClient {
    const fake = {
      capabilities: Promise.resolve({ serverVersion: this.serverVersion }),
      readStream: (stream: string, options: { fromRevision?: ReadRevision; maxCount?: number; direction?: string }) =>
        this.readStream(stream, options),
      readAll: (options: { fromPosition?: ReadPosition; maxCount?: number; direction?: string; filter?: Filter }) =>
        this.readAll(options),
      appendToStream: async (stream: string, events: EventData[], options: { streamState?: State }) =>
        this.appendToStream(stream, events, options.streamState ?? 'any'),
      multiStreamAppend: async (requests: AppendStreamRequest[]) => this.multiStreamAppend(requests),
      subscribeToAll: (options: { fromPosition?: ReadPosition; filter?: Filter }) => this.subscribeToAll(options),
      dispose: async () => undefined,
    };
    // A test double: it implements only the members the adapter calls.
    return fake as unknown as KurrentDBClient;
  }

  private async *readStream(
    stream: string,
    {
      fromRevision = 'start',
      maxCount = Number.MAX_SAFE_INTEGER,
      direction = 'forwards',
    }: { fromRevision?: ReadRevision; maxCount?: number; direction?: string },
  ) {
    const events = this.streams.get(stream);
    if (!events) throw new StreamNotFoundError(undefined, stream);
    const ordered = direction === 'backwards' ? [...events].reverse() : events;
    const from =
      fromRevision === 'start'
        ? direction === 'backwards'
          ? -1n
          : 0n
        : fromRevision === 'end'
          ? BigInt(events.length)
          : fromRevision;
    const selected = ordered.filter((e) =>
      fromRevision === 'end' && direction === 'backwards'
        ? true
        : direction === 'backwards'
          ? e.revision <= from
          : e.revision >= from,
    );
    for (const event of selected.slice(0, Number(maxCount))) yield { event: { ...event } };
  }

  private async *readAll({
    fromPosition = 'start',
    maxCount = Number.MAX_SAFE_INTEGER,
    direction = 'forwards',
    filter,
  }: {
    fromPosition?: ReadPosition;
    maxCount?: number;
    direction?: string;
    filter?: Filter;
  }): AsyncGenerator<AllStreamResolvedEvent> {
    const backwards = direction === 'backwards';
    const ordered = backwards ? [...this.log].reverse() : this.log;
    const selected = ordered.filter((e) => {
      if (!matches(e, filter)) return false;
      if (fromPosition === 'start' || fromPosition === 'end') return true;
      // Forwards reads include the event at the position; backwards reads start before it.
      return backwards ? e.position.commit < fromPosition.commit : e.position.commit >= fromPosition.commit;
    });
    for (const event of selected.slice(0, Number(maxCount))) yield { event: { ...event } } as AllStreamResolvedEvent;
  }

  private appendToStream(stream: string, events: EventData[], state: State) {
    const current = this.streams.get(stream) ?? [];
    const ids = events.map((e) => e.id);
    const duplicate = this.idempotent(current, ids, state);
    if (duplicate) return { success: true, nextExpectedRevision: duplicate.revision, position: duplicate.position };
    this.check(stream, current, state);
    const written = this.write(stream, events, (e) => e.metadata);
    this.afterWrite();
    const last = written[written.length - 1];
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  private multiStreamAppend(requests: AppendStreamRequest[]) {
    for (const request of requests) {
      for (const event of request.events) {
        const metadata = event.metadata as Record<string, unknown> | undefined;
        if (metadata && Object.values(metadata).some((v) => typeof v !== 'string')) {
          throw new Error(
            'multiStreamAppend requires metadata to be a plain object with string keys and string values.',
          );
        }
      }
      this.check(request.streamName, this.streams.get(request.streamName) ?? [], request.expectedState);
    }
    const responses = requests.map((request) => {
      const written = this.write(request.streamName, request.events, (e) => ({
        ...(e.metadata as Record<string, string> | undefined),
        '$schema.format': 'Json',
        '$schema.name': e.type,
      }));
      return { streamName: request.streamName, revision: written[written.length - 1].revision };
    });
    this.afterWrite();
    return { position: this.nextPosition - 100n, responses };
  }

  private subscribeToAll({ fromPosition = 'start', filter }: { fromPosition?: ReadPosition; filter?: Filter }) {
    const emitter = new EventEmitter();
    let closed = false;
    let wake: (() => void) | undefined;
    const onAppended = () => wake?.();
    this.appended.on('appended', onAppended);
    const fake = this;
    async function* feed() {
      // A subscription starts after its position (exclusive), unlike a read.
      let index =
        fromPosition === 'start'
          ? 0
          : fromPosition === 'end'
            ? fake.log.length
            : fake.log.findIndex((e) => e.position.commit > fromPosition.commit);
      if (index < 0) index = fake.log.length;
      let caughtUp = false;
      while (!closed) {
        if (index < fake.log.length) {
          const event = fake.log[index++];
          if (matches(event, filter)) yield { event: { ...event } };
          continue;
        }
        if (!caughtUp) {
          caughtUp = true;
          emitter.emit('caughtUp', {});
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
    const iterator = feed();
    return Object.assign(emitter, {
      [Symbol.asyncIterator]: () => iterator,
      unsubscribe: async () => {
        closed = true;
        fake.appended.off('appended', onAppended);
        wake?.();
      },
    });
  }

  private idempotent(current: StoredEvent[], ids: string[], state: State): StoredEvent | undefined {
    if (current.length === 0) return undefined;
    const start =
      state === 'any'
        ? current.findIndex((e) => e.id === ids[0])
        : state === 'no_stream'
          ? 0
          : state === 'stream_exists'
            ? -1
            : Number(state) + 1;
    if (start < 0) return undefined;
    const slice = current.slice(start, start + ids.length);
    return slice.length === ids.length && slice.every((e, i) => e.id === ids[i]) ? slice[slice.length - 1] : undefined;
  }

  private check(stream: string, current: StoredEvent[], state: State): void {
    const revision = current.length === 0 ? undefined : BigInt(current.length - 1);
    const ok =
      state === 'any' ||
      (state === 'no_stream' && revision === undefined) ||
      (state === 'stream_exists' && revision !== undefined) ||
      (typeof state === 'bigint' && revision === state);
    if (!ok) {
      throw new WrongExpectedVersionError(undefined, {
        streamName: stream,
        expected: state,
        current: revision ?? 'no_stream',
      });
    }
  }

  private write(stream: string, events: EventData[], metadataOf: (e: EventData) => unknown): StoredEvent[] {
    const current = this.streams.get(stream) ?? [];
    const written = events.map((e, i) => {
      const position = this.nextPosition;
      this.nextPosition += 100n;
      const stored: StoredEvent = {
        streamId: stream,
        id: e.id,
        revision: BigInt(current.length + i),
        type: e.type,
        created: new Date(),
        data: JSON.parse(JSON.stringify(e.data)),
        metadata: metadataOf(e) === undefined ? undefined : JSON.parse(JSON.stringify(metadataOf(e))),
        isJson: true,
        position: { commit: position, prepare: position },
      };
      return stored;
    });
    this.streams.set(stream, [...current, ...written]);
    this.log.push(...written);
    return written;
  }

  /** Every third write the server adds an event of its own, as KurrentDB's statistics do. */
  private afterWrite(): void {
    if (++this.writes % 3 === 0) this.writeSystemEvent();
    this.appended.emit('appended');
  }

  private writeSystemEvent(): void {
    this.write(
      '$stats-127.0.0.1:2113',
      [
        {
          id: crypto.randomUUID(),
          type: '$statsCollected',
          data: {},
          metadata: undefined,
          contentType: 'application/json',
        },
      ],
      () => undefined,
    );
  }
}

function matches(event: StoredEvent, filter?: Filter): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? event.streamId : event.type;
  if ('prefixes' in filter) return filter.prefixes.some((p) => subject.startsWith(p));
  return new RegExp(filter.regex).test(subject);
}
