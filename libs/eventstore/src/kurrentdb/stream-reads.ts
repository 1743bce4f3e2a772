import {
  BACKWARDS,
  END,
  ErrorType,
  FORWARDS,
  isCommandError,
  type KurrentDBClient,
  type RecordedEvent as KurrentRecordedEvent,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';

/** One stream's events as the client returns them; an unknown stream reads as empty. */
export async function readStreamEvents(
  client: KurrentDBClient,
  stream: string,
  options: { fromRevision: ReadRevision; maxCount?: number; backwards?: boolean },
): Promise<KurrentRecordedEvent[]> {
  const events: KurrentRecordedEvent[] = [];
  try {
    for await (const resolved of client.readStream(stream, {
      fromRevision: options.fromRevision,
      maxCount: options.maxCount,
      direction: options.backwards ? BACKWARDS : FORWARDS,
    })) {
      if (resolved.event) events.push(resolved.event);
    }
  } catch (error) {
    if (error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND) return [];
    throw error;
  }
  return events;
}

/** The last `count` events of a stream, oldest first. */
export async function readStreamTail(
  client: KurrentDBClient,
  stream: string,
  count: number,
): Promise<KurrentRecordedEvent[]> {
  const newestFirst = await readStreamEvents(client, stream, { fromRevision: END, maxCount: count, backwards: true });
  return newestFirst.reverse();
}
