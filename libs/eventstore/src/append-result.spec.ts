import { appendResult } from './append-result';
import type { RecordedEvent } from './event-store.port';

const recorded = (stream: string, streamVersion: number, position: number): RecordedEvent => ({
  id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  stream,
  streamVersion,
  position,
  transactionId: '1',
  type: 'Happened',
  data: {},
  metadata: { actor: 'test', commandId: 'c1', correlationId: 'c1' },
  recordedAt: new Date(0),
});

describe("an append's result", () => {
  const events = [recorded('client-a', 3, 10), recorded('client-b', 1, 11), recorded('client-a', 4, 12)];

  it('given events on two streams, then each stream reads at the version of its last event', () => {
    expect(appendResult(events, false).streamVersions).toEqual({ 'client-a': 4, 'client-b': 1 });
  });

  it('given the same append read twice, then the versions are the same record, worked out once', () => {
    const result = appendResult(events, false);
    expect(result.streamVersions).toBe(result.streamVersions);
  });

  it('given no events, then no stream has a version', () => {
    const result = appendResult([], false);
    expect(result.events).toEqual([]);
    expect(result.streamVersions).toEqual({});
  });

  it('when it is written out as JSON, then the versions are in it like any other field', () => {
    const result = appendResult(events, true);
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      events: JSON.parse(JSON.stringify(events)),
      alreadyAppended: true,
      streamVersions: { 'client-a': 4, 'client-b': 1 },
    });
  });

  it('then the result carries no accessor of its own', () => {
    // One of its own is allocated in the old generation, where it keeps the events alive through
    // every young collection (see AppendedEvents).
    const result = appendResult(events, false);
    expect(Object.getOwnPropertyDescriptor(result, 'streamVersions')).toBeUndefined();
    expect(Object.keys(result).sort()).toEqual(['alreadyAppended', 'events']);
  });
});
