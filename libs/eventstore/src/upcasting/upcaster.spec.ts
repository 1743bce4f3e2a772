import type { RecordedEvent } from '../event-store.port';
import { shareOneHiddenClass } from '../testing/hidden-class';
import { UpcasterChain } from './upcaster';

const recorded = (type: string, data: Record<string, unknown>, schemaVersion?: number): RecordedEvent => ({
  id: 'e1',
  stream: 's-1',
  streamVersion: 1,
  position: 1,
  transactionId: '1',
  type,
  data,
  metadata: { actor: 'a', commandId: 'c', correlationId: 'c', ...(schemaVersion ? { schemaVersion } : {}) },
  recordedAt: new Date(0),
});

describe('the upcaster chain', () => {
  const chain = new UpcasterChain([
    { type: 'Renamed', from: 1, upcast: ({ name, ...rest }) => ({ ...rest, fullName: name }) },
    { type: 'Renamed', from: 2, upcast: ({ fullName, ...rest }) => ({ ...rest, names: [fullName] }) },
  ]);

  it('lifts an event without a version through every step to the current version', () => {
    const lifted = chain.upcast(recorded('Renamed', { name: 'A', id: 1 }));
    expect(lifted.data).toEqual({ id: 1, names: ['A'] });
    expect(lifted.metadata.schemaVersion).toBe(3);
  });

  it('starts from the version an event records', () => {
    expect(chain.upcast(recorded('Renamed', { fullName: 'B' }, 2)).data).toEqual({ names: ['B'] });
  });

  it('leaves current events and other types untouched', () => {
    const current = recorded('Renamed', { names: ['C'] }, 3);
    expect(chain.upcast(current)).toBe(current);
    const other = recorded('Other', { name: 'D' });
    expect(chain.upcast(other)).toBe(other);
  });

  it('given an event as a fold reads it and the version its metadata records (as text, as readForFold reads it), when lifted, then from that version on', () => {
    const foldable = ({ position, transactionId, type, data, recordedAt }: RecordedEvent) => ({ position, transactionId, type, data, recordedAt });
    expect(chain.upcastFoldable(foldable(recorded('Renamed', { name: 'F' })), null).data).toEqual({ names: ['F'] });
    expect(chain.upcastFoldable(foldable(recorded('Renamed', { fullName: 'G' })), '2').data).toEqual({ names: ['G'] });
    const current = foldable(recorded('Renamed', { names: ['H'] }));
    expect(chain.upcastFoldable(current, '3')).toBe(current);
  });

  it('leaves an event recorded at a version beyond its chain as it was written (a newer deploy wrote it)', () => {
    const newer = recorded('Renamed', { names: ['E'], nickname: 'e' }, 4);
    expect(chain.upcast(newer)).toBe(newer);
  });

  it('stamps new events of a moved type with its current version, and only those', () => {
    expect(chain.currentVersion('Renamed')).toBe(3);
    expect(chain.stamp('Renamed', { actor: 'a' })).toEqual({ actor: 'a', schemaVersion: 3 });
    expect(chain.stamp('Other', { actor: 'a' })).toEqual({ actor: 'a' });
  });

  it('given many events stamped or lifted, then their metadata share one hidden class', () => {
    const stamped = Array.from({ length: 50 }, (_, i) => chain.stamp('Renamed', { actor: `a${i}`, commandId: 'c', correlationId: 'c' }));
    expect(shareOneHiddenClass(stamped)).toBe(true);
    const lifted = Array.from({ length: 50 }, (_, i) => chain.upcast(recorded('Renamed', { name: `N${i}` })).metadata);
    expect(shareOneHiddenClass(lifted)).toBe(true);
  });

  it('refuses two upcasters for the same type and version', () => {
    expect(() => new UpcasterChain([
      { type: 'X', from: 1, upcast: (d) => d },
      { type: 'X', from: 1, upcast: (d) => d },
    ])).toThrow('two upcasters read X version 1');
  });
});
