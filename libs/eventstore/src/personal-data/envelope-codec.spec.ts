import type { RecordedEvent, StreamAppend } from '../event-store.port';
import { InMemorySubjectKeys } from '../testing/in-memory-subject-keys';
import { newSubjectKey, openValue, sealValue, unwrapKey, wrapKey } from './envelope-codec';
import { PersonalDataEventStore } from './personal-data-event-store';
import type { PersonalDataPolicy } from './personal-data-policy';
import { PersonalDataErasedError, SealedValueUnreadable } from './personal-data.errors';
import { isSealedValue } from './sealed-value';

describe('the personal data envelope', () => {
  it('given a value sealed with a subject key, when opened with that key, then the value comes back', () => {
    const key = newSubjectKey();
    const sealed = sealValue(key, 'client:c1', '628194821');
    expect(sealed.pd).toBe('client:c1');
    expect(sealed.ct).not.toContain('628194821');
    expect(Buffer.from(sealed.ct, 'base64').toString('latin1')).not.toContain('628194821');
    expect(openValue(key, sealed)).toBe('628194821');
  });

  it('given the same value sealed twice, then the ciphertexts differ (a fresh IV each time)', () => {
    const key = newSubjectKey();
    expect(sealValue(key, 'client:c1', 'x').ct).not.toBe(sealValue(key, 'client:c1', 'x').ct);
  });

  it('given thousands of values sealed, then no IV repeats, across the random pool refilling many times', () => {
    const key = newSubjectKey();
    const ivs = new Set<string>();
    for (let i = 0; i < 5000; i++) ivs.add(Buffer.from(sealValue(key, 'client:c1', i).ct, 'base64').subarray(0, 12).toString('hex'));
    expect(ivs.size).toBe(5000);
  });

  it('given a sealed value, when opened with another key, then it fails', () => {
    const sealed = sealValue(newSubjectKey(), 'client:c1', '628194821');
    expect(() => openValue(newSubjectKey(), sealed)).toThrow(SealedValueUnreadable);
  });

  it("given a sealed value copied into another person's field, when opened, then it fails (bound to its subject)", () => {
    const key = newSubjectKey();
    const sealed = sealValue(key, 'client:c1', '628194821');
    expect(() => openValue(key, { ...sealed, pd: 'client:c2' })).toThrow(SealedValueUnreadable);
  });

  it('given a changed ciphertext, when opened, then it fails', () => {
    const key = newSubjectKey();
    const sealed = sealValue(key, 'client:c1', '628194821');
    const bytes = Buffer.from(sealed.ct, 'base64');
    bytes[14] ^= 1;
    expect(() => openValue(key, { ...sealed, ct: bytes.toString('base64') })).toThrow(SealedValueUnreadable);
  });

  it('given a subject key wrapped with the master key, then only that master key unwraps it, for that subject', () => {
    const master = newSubjectKey();
    const key = newSubjectKey();
    const wrapped = wrapKey(master, 'contact:k1', key);
    expect(unwrapKey(master, 'contact:k1', wrapped)).toEqual(key);
    expect(unwrapKey(newSubjectKey(), 'contact:k1', wrapped)).toBeUndefined();
    expect(unwrapKey(master, 'contact:k2', wrapped)).toBeUndefined();
  });
});

describe('the store that seals and opens personal fields', () => {
  const policy: PersonalDataPolicy = {
    erasedValue: 'erased',
    targetsOf: (event) =>
      event.type === 'PersonRegistered' ? [{ subject: `client:${event.data.clientId}`, scope: `client:${event.data.clientId}`, paths: [['person', 'bsn']] }] : [],
    erasedSubjectsOf: () => [],
  };
  const appended: StreamAppend[] = [];
  const inner = {
    append: async (appends: StreamAppend[]) => {
      appended.push(...appends);
      const events = appends.flatMap((a) =>
        a.events.map((e, i) => ({ ...e, stream: a.stream, streamVersion: i + 1, position: i + 1, transactionId: '1', recordedAt: new Date() })),
      );
      return { events, streamVersions: {}, alreadyAppended: false };
    },
  } as unknown as ConstructorParameters<typeof PersonalDataEventStore>[0];
  const event = { id: 'e1', type: 'PersonRegistered', data: { clientId: 'c1', person: { surname: 'Vries', bsn: '628194821' } }, metadata: { actor: 'a', commandId: 'x', correlationId: 'x' } };
  const at = new Date('2026-11-30T10:00:00Z');
  const recorded = (data: RecordedEvent['data']): RecordedEvent => ({ ...event, data, stream: 'client-c1', streamVersion: 1, position: 1, transactionId: '1', recordedAt: at });

  it('given a person, when appended, then the row gets an envelope and the caller the plain value', async () => {
    const store = new PersonalDataEventStore(inner, new InMemorySubjectKeys(), policy);
    const result = await store.append([{ stream: 'client-c1', expectedVersion: 'no_stream', events: [event] }]);
    const stored = appended.at(-1)!.events[0].data as { person: { bsn: unknown; surname: string } };
    expect(isSealedValue(stored.person.bsn)).toBe(true);
    expect(stored.person.surname).toBe('Vries');
    expect(result.events[0].data).toEqual(event.data);
    expect(await store.open([recorded(stored)])).toEqual([recorded(event.data)]);
  });

  it('given the subject key erased, when the stored event is read, then the field reads "erased"', async () => {
    const keys = new InMemorySubjectKeys();
    const store = new PersonalDataEventStore(inner, keys, policy);
    await store.append([{ stream: 'client-c1', expectedVersion: 'no_stream', events: [event] }]);
    const stored = appended.at(-1)!.events[0].data;
    await keys.erase(['client:c1'], 'client:c1');
    const [read] = await store.open([recorded(stored)]);
    expect(read.data).toEqual({ clientId: 'c1', person: { surname: 'Vries', bsn: 'erased' } });
  });

  it('given the subject key erased, when new personal data is appended for it, then it is refused', async () => {
    const keys = new InMemorySubjectKeys();
    await keys.erase(['client:c1'], 'client:c1');
    const store = new PersonalDataEventStore(inner, keys, policy);
    await expect(store.append([{ stream: 'client-c1', expectedVersion: 'any', events: [event] }])).rejects.toThrow(PersonalDataErasedError);
  });
});
