import {
  type AppendStreamRequest,
  convertToCommandError,
  ErrorType,
  isCommandError,
  jsonEvent,
  type KurrentDBClient,
  type RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { PartiallyDuplicateAppend, WrongExpectedVersion } from '../errors';
import type { AppendResult, RecordedEvent, StreamAppend } from '../event-store.port';
import { appendResult } from '../append-result';
import { assertRetryOf } from '../retry-check';
import { ANY_TAIL_WINDOW, checkAppend, checkStream, normaliseId, type StreamCheck } from './append-check';
import { toMetadataJson, toProperties } from './metadata-codec';
import { type ReadEvent, toReadEvent } from './recorded-event';
import { comparePositions, firstRevisionAfter, toStreamState, versionOfState } from './revisions';
import { UnsupportedKurrentDbServer } from './server-version';
import { readStreamEvents, readStreamTail } from './stream-reads';
import type { StreamScope } from './stream-scope';

interface PlannedAppend extends StreamAppend {
  /** The stream's name on the server (with the store's prefix). */
  serverStream: string;
}

interface Lookup {
  verdict: 'stored' | 'write' | 'partial';
  events: ReadEvent[];
}

/**
 * Appends for the KurrentDB store: one stream through `appendToStream` (metadata stored as JSON,
 * server-side deduplication by event id), several through `multiStreamAppend` (one atomic
 * transaction, 25.1+). Because a success does not say whether the server wrote or deduplicated, the
 * stored events are looked for first; every write is read back for its positions.
 */
export class KurrentDbAppender {
  constructor(
    private readonly client: KurrentDBClient,
    private readonly scope: StreamScope,
    private readonly serverVersion: string,
  ) {}

  async append(appends: StreamAppend[]): Promise<AppendResult> {
    if (new Set(appends.map((a) => a.stream)).size !== appends.length) {
      throw new Error('an append names each stream once');
    }
    if (appends.every((a) => a.events.length === 0)) return appendResult([], false);
    if (appends.some((a) => a.events.length === 0)) {
      // A version check without a write needs appendRecords (KurrentDB 26.1); dropping it silently would be unsafe.
      throw new Error('the KurrentDB adapter cannot check a stream it does not write to');
    }
    const planned = appends.map((a) => ({ ...a, serverStream: this.scope.toServer(a.stream) }));
    const ids = planned.flatMap((p) => p.events.map((e) => e.id));

    const before = await this.lookUp(planned);
    if (before.verdict === 'stored') return resultOf(before.events, true);
    if (before.verdict === 'partial') throw new PartiallyDuplicateAppend(ids);

    let revisions: Map<string, bigint>;
    try {
      revisions = planned.length === 1 ? await this.appendOne(planned[0]) : await this.appendMany(planned);
    } catch (thrown) {
      // The client converts most gRPC errors itself; a raw one can still escape its stream handlers.
      const error = thrown instanceof Error ? convertToCommandError(thrown) : thrown;
      const conflict = this.toConflict(error, planned);
      if (!conflict) throw this.translate(error);
      // An identical append running at the same time may have written first: then this is a retry.
      const after = await this.lookUp(planned);
      if (after.verdict === 'stored') return resultOf(after.events, true);
      if (after.verdict === 'partial') throw new PartiallyDuplicateAppend(ids);
      throw conflict;
    }
    // Should this read fail, the events are stored all the same; the caller's retry finds them.
    const written = await Promise.all(planned.map((p) => this.readBack(p, revisions)));
    return resultOf(written.flat(), false);
  }

  private async appendOne(append: PlannedAppend): Promise<Map<string, bigint>> {
    const result = await this.client.appendToStream(
      append.serverStream,
      append.events.map((e) =>
        jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: toMetadataJson(e.metadata) }),
      ),
      { streamState: toStreamState(append.expectedVersion) },
    );
    return new Map([[append.serverStream, result.nextExpectedRevision]]);
  }

  private async appendMany(appends: PlannedAppend[]): Promise<Map<string, bigint>> {
    const requests: AppendStreamRequest[] = appends.map((a) => ({
      streamName: a.serverStream,
      expectedState: toStreamState(a.expectedVersion),
      events: a.events.map((e) =>
        jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: toProperties(e.metadata) }),
      ),
    }));
    const result = await this.client.multiStreamAppend(requests);
    return new Map(result.responses.map((r) => [r.streamName, r.revision]));
  }

  /**
   * Looks, per stream, where the events would be if this append had been stored already. Found
   * there, they must be the events asked for (see assertRetryOf): the server deduplicates by id alone.
   */
  private async lookUp(appends: PlannedAppend[]): Promise<Lookup> {
    const found = await Promise.all(appends.map((a) => this.candidates(a)));
    const checks: StreamCheck[] = appends.map((a, i) =>
      checkStream(
        a.events.map((e) => e.id),
        found[i].map((e) => e.id),
        a.expectedVersion === 'any',
      ),
    );
    const verdict = checkAppend(checks);
    if (verdict !== 'stored') return { verdict, events: [] };
    const events = checks.flatMap((check, i) => {
      const offset = check.verdict === 'stored' ? check.offset : 0;
      return this.convert(found[i].slice(offset, offset + appends[i].events.length));
    });
    assertRetryOf(
      appends.flatMap((a) => a.events.map((e) => ({ ...e, stream: a.stream }))),
      events.map((e) => e.event),
    );
    return { verdict, events };
  }

  private candidates(append: PlannedAppend): Promise<KurrentRecordedEvent[]> {
    const count = append.events.length;
    if (append.expectedVersion === 'any') {
      return readStreamTail(this.client, append.serverStream, Math.max(ANY_TAIL_WINDOW, count));
    }
    return readStreamEvents(this.client, append.serverStream, {
      fromRevision: firstRevisionAfter(append.expectedVersion),
      maxCount: count,
    });
  }

  /** The events just written, read by revision: the only way to learn each one's `$all` position. */
  private async readBack(append: PlannedAppend, revisions: Map<string, bigint>): Promise<ReadEvent[]> {
    const last = revisions.get(append.serverStream);
    if (last === undefined) throw new Error(`KurrentDB did not report a revision for ${append.serverStream}`);
    const count = append.events.length;
    const stored = await readStreamEvents(this.client, append.serverStream, {
      fromRevision: last - BigInt(count) + 1n,
      maxCount: count,
    });
    const expected = append.events.map((e) => normaliseId(e.id));
    if (stored.length !== count || stored.some((e, i) => normaliseId(e.id) !== expected[i])) {
      throw new Error(`events appended to ${append.stream} could not be read back at revision ${last}`);
    }
    return this.convert(stored);
  }

  private convert(events: KurrentRecordedEvent[]): ReadEvent[] {
    return events.map((e) => {
      const read = toReadEvent(e, this.scope);
      if (!read) throw new Error(`event ${e.id} in ${e.streamId} is not one this store wrote`);
      return read;
    });
  }

  private toConflict(error: unknown, appends: PlannedAppend[]): WrongExpectedVersion | undefined {
    if (!(error instanceof Error) || !isCommandError(error) || error.type !== ErrorType.WRONG_EXPECTED_VERSION) {
      return undefined;
    }
    const append = appends.find((a) => a.serverStream === error.streamName) ?? appends[0];
    // `any` never conflicts; version 0 and `no_stream` both mean "empty", reported as PostgreSQL does.
    const expected =
      append.expectedVersion === 'any' || append.expectedVersion === 0 ? 'no_stream' : append.expectedVersion;
    return new WrongExpectedVersion(append.stream, expected, versionOfState(error.actualState));
  }

  private translate(error: unknown): unknown {
    if (error instanceof Error && isCommandError(error) && error.type === ErrorType.UNSUPPORTED) {
      return new UnsupportedKurrentDbServer(this.serverVersion);
    }
    return error;
  }
}

function resultOf(read: ReadEvent[], alreadyAppended: boolean): AppendResult {
  const ordered = [...read].sort((a, b) => comparePositions(a.at, b.at));
  const events: RecordedEvent[] = ordered.map((r) => r.event);
  return appendResult(events, alreadyAppended);
}
