import type { RecordedEvent } from '@koppelhub/eventstore';
import { eventsAt, parsePointInTime } from './point-in-time';

const event = (position: number, recordedAt: string, effectiveAt?: string): RecordedEvent => ({
  id: `e${position}`,
  stream: 'client-1',
  streamVersion: position,
  position,
  transactionId: String(position),
  type: 'X',
  data: {},
  metadata: { actor: 'a', commandId: 'c', correlationId: 'c', ...(effectiveAt ? { effectiveAt } : {}) },
  recordedAt: new Date(recordedAt),
});

describe('points in time', () => {
  const history = [
    event(1, '2026-01-10T10:00:00Z'),
    event(2, '2026-03-01T10:00:00Z'),
    // Recorded in June, but a backdated end that took effect in February.
    event(3, '2026-06-15T10:00:00Z', '2026-02-01'),
  ];

  it('as at a time: only what had been recorded by then', () => {
    expect(eventsAt(history, { asAt: new Date('2026-03-15T00:00:00Z') }).map((e) => e.position)).toEqual([1, 2]);
  });

  it('as at a position: only events up to it', () => {
    expect(eventsAt(history, { asAtPosition: 1 }).map((e) => e.position)).toEqual([1]);
  });

  it('as of a business date: what was in effect then, including later backdated events', () => {
    expect(eventsAt(history, { asOf: new Date('2026-02-15T00:00:00Z') }).map((e) => e.position)).toEqual([1, 3]);
  });

  it('as of a date: the day on the firm’s calendar, so half past midnight in Amsterdam is the next day', () => {
    const aroundMidnight = [event(1, '2026-03-01T22:59:00Z'), event(2, '2026-03-01T23:30:00Z'), event(3, '2026-03-05T10:00:00Z', '2026-03-02')];

    expect(eventsAt(aroundMidnight, parsePointInTime(undefined, '2026-03-01')!).map((e) => e.position)).toEqual([1]);
    expect(eventsAt(aroundMidnight, parsePointInTime(undefined, '2026-03-02')!).map((e) => e.position)).toEqual([1, 2, 3]);
  });

  it('parses positions, times and dates, and refuses nonsense', () => {
    expect(parsePointInTime('42')).toEqual({ asAtPosition: 42 });
    expect(parsePointInTime('2026-03-01T00:00:00Z')).toEqual({ asAt: new Date('2026-03-01T00:00:00Z') });
    // A bare date is the whole of that day in Amsterdam (UTC+1 in winter)
    expect(parsePointInTime(undefined, '2026-02-01')).toEqual({ asOf: new Date('2026-02-01T22:59:59.999Z') });
    expect(parsePointInTime('2026-03-01T10:00')).toEqual({ asAt: new Date('2026-03-01T09:00:00Z') });
    expect(() => parsePointInTime('yesterday')).toThrow('asAt must be');
    expect(() => parsePointInTime('1', '2026-01-01')).toThrow('not both');
    expect(() => parsePointInTime(undefined, '1')).toThrow('asOf must be');
    expect(() => parsePointInTime('March 3, 2026')).toThrow('asAt must be');
    expect(parsePointInTime()).toBeUndefined();
  });

  it('refuses a day that does not exist, rather than reading 30 February as 2 March', () => {
    expect(() => parsePointInTime(undefined, '2026-02-30')).toThrow('asOf must be');
    expect(() => parsePointInTime('2026-02-30T12:00:00Z')).toThrow('asAt must be');
    expect(parsePointInTime(undefined, '2028-02-29')).toEqual({ asOf: new Date('2028-02-29T22:59:59.999Z') });
  });
});
