import type { JsonObject, RecordedEvent } from './event-store.port';
import { assertRetryOf, sameStoredData } from './retry-check';

const stored = (id: string, data: RecordedEvent['data'], type = 'Registered', stream = 'client-1'): RecordedEvent => ({
  id,
  stream,
  streamVersion: 1,
  position: 1,
  transactionId: '1',
  type,
  data,
  metadata: { actor: 'first', commandId: 'c', correlationId: 'c' },
  recordedAt: new Date(0),
});

describe('sameStoredData', () => {
  it.each([
    ['members in another order', { a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }],
    ['values sealed for the same subject, with other ciphertext', { bsn: { pd: 'client:1', ct: 'AAA' } }, { bsn: { pd: 'client:1', ct: 'BBB' } }],
    ['null members on both sides', { email: null }, { email: null }],
  ])('given %s, then the data is the same', (_, a, b) => {
    expect(sameStoredData(a, b)).toBe(true);
  });

  it.each([
    ['another value', { a: 1 }, { a: 2 }],
    ['a member more', { a: 1 }, { a: 1, b: null }],
    ['a member missing', { a: 1, b: 2 }, { a: 1 }],
    ['a list in another order', { list: [1, 2] }, { list: [2, 1] }],
    ['a list longer', { list: [1] }, { list: [1, 1] }],
    ['a list against an object', { list: [] }, { list: {} }],
    ['values sealed for another subject', { bsn: { pd: 'client:1', ct: 'AAA' } }, { bsn: { pd: 'client:2', ct: 'AAA' } }],
    ['a sealed value against a plain one', { bsn: { pd: 'client:1', ct: 'AAA' } }, { bsn: '111222333' }],
    ['a number against its text', { n: 1 }, { n: '1' }],
  ])('given %s, then the data differs', (_, a, b) => {
    expect(sameStoredData(a, b)).toBe(false);
  });
});

describe('assertRetryOf', () => {
  const id = '6b0e7c52-1c4f-4d2a-9a57-6f1b6c1d2e3f';

  it('given the stored event under an upper-case id, when the same event is asked for, then it is a retry', () => {
    expect(() => assertRetryOf([{ id: id.toUpperCase(), stream: 'client-1', type: 'Registered', data: { a: 1 } }], [stored(id, { a: 1 })])).not.toThrow();
  });

  it('given data with an undefined member and a date, when compared, then they count as JSON sends them', () => {
    // Not JSON as the type says it must be: what a careless caller may hand over all the same.
    const asked = { id, stream: 'client-1', type: 'Registered', data: { a: 1, gone: undefined, at: new Date(0) } as unknown as JsonObject };
    expect(() => assertRetryOf([asked], [stored(id, { a: 1, at: new Date(0).toISOString() })])).not.toThrow();
  });

  it.each([
    ['another stream', { stream: 'client-2' }],
    ['another type', { type: 'Changed' }],
    ['other data', { data: { a: 2 } }],
  ])('given a stored event, when its id is asked for with %s, then EventIdReused names the id and both streams and types', (_, change) => {
    const asked = { id, stream: 'client-1', type: 'Registered', data: { a: 1 }, ...change };
    expect(() => assertRetryOf([asked], [stored(id, { a: 1 })])).toThrow(
      expect.objectContaining({ name: 'EventIdReused', eventId: id, stored: { stream: 'client-1', type: 'Registered' }, requested: { stream: asked.stream, type: asked.type } }),
    );
  });

  it('given an id not among the stored events, then it says it could not be read back', () => {
    expect(() => assertRetryOf([{ id, stream: 'client-1', type: 'Registered', data: {} }], [])).toThrow('could not be read back');
  });
});
