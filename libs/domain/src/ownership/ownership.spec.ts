import { foldClient } from '../client/client.state';
import { registered } from '../testing/client-events';
import { deriveUbos } from './derive-ubos';
import type { Ownership } from './ownership.events';
import { foldOwnership } from './ownership.state';
import { decideRecordOwnership, decideRemoveOwnership } from './record-ownership.decide';

const refusedWith = (code: string) => expect.objectContaining({ code });
const PERSONS = new Set(['DGA1', 'DGA2']);
const stateOf = (id: string) => foldClient([registered(id, PERSONS.has(id) ? 'person' : 'company')]);
const structure = (...links: Ownership[]) => foldOwnership(links.map((data) => ({ type: 'OwnershipRecorded', data })));
const own = (ownerId: string, ownedId: string, percent: number): Ownership => ({ ownershipId: `${ownerId}>${ownedId}`, ownerId, ownedId, percent });
const record = (given: ReturnType<typeof structure>, ownerId: string, ownedId: string, percent: number) =>
  decideRecordOwnership(
    { type: 'RecordOwnership', data: { ownershipId: 'new', ownerId, ownedId, percent } },
    given,
    stateOf(ownerId),
    stateOf(ownedId),
  );

/** The reference scenario: DGA1 → PH1 → H (50 %), DGA2 → PH2 → H (50 %), H → W1, W2. */
const reference = [
  own('DGA1', 'PH1', 100),
  own('DGA2', 'PH2', 100),
  own('PH1', 'H', 50),
  own('PH2', 'H', 50),
  own('H', 'W1', 100),
  own('H', 'W2', 100),
];

describe('ownership structure (Wwft)', () => {
  it('given an empty structure, when PH1 gets 50 % of H, then it is recorded', () => {
    expect(record(structure(), 'PH1', 'H', 50)).toEqual([
      { type: 'OwnershipRecorded', data: { ownershipId: 'new', ownerId: 'PH1', ownedId: 'H', percent: 50 } },
    ]);
  });

  it.each([0, -5, 100.5, Number.NaN])('when the percentage is %p, then it is refused', (percent) => {
    expect(() => record(structure(), 'PH1', 'H', percent)).toThrow(refusedWith('ownership.invalid-percentage'));
  });

  it('given H is 100 % owned, when someone takes another 1 %, then it is refused with the current total', () => {
    expect(() => record(structure(own('PH1', 'H', 50), own('PH2', 'H', 50)), 'W1', 'H', 1)).toThrow(
      expect.objectContaining({ code: 'ownership.over-100', details: { ownedId: 'H', currentTotal: 100, percent: 1 } }),
    );
    expect(record(structure(own('PH1', 'H', 33.33)), 'PH2', 'H', 66.67)).toHaveLength(1);
  });

  it('given DGA1 → PH1 → H → W1, when W1 would own PH1, then it is refused as a cycle', () => {
    expect(() => record(structure(...reference), 'W1', 'PH1', 10)).toThrow(
      expect.objectContaining({ code: 'ownership.cycle', details: expect.objectContaining({ path: ['W1', 'H', 'PH1'] }) }),
    );
    expect(() => record(structure(), 'H', 'H', 10)).toThrow(refusedWith('ownership.cycle'));
  });

  it('when a person would be owned, then it is refused', () => {
    expect(() => record(structure(), 'H', 'DGA1', 10)).toThrow(refusedWith('ownership.person-cannot-be-owned'));
  });

  it('given PH1 owns part of H, when it is recorded a second time, then it is refused', () => {
    expect(() => record(structure(own('PH1', 'H', 50)), 'PH1', 'H', 10)).toThrow(refusedWith('ownership.already-recorded'));
  });

  it('given a link, when removed, then it is gone; an unknown link is not found', () => {
    const given = structure(own('PH1', 'H', 50));
    expect(decideRemoveOwnership({ type: 'RemoveOwnership', data: { ownershipId: 'PH1>H' } }, given)).toEqual([
      { type: 'OwnershipRemoved', data: own('PH1', 'H', 50) },
    ]);
    expect(() => decideRemoveOwnership({ type: 'RemoveOwnership', data: { ownershipId: 'x' } }, given)).toThrow(
      refusedWith('ownership.not-found'),
    );
  });
});

describe('UBO derivation', () => {
  const isPerson = (id: string) => PERSONS.has(id);

  it('given the reference structure, then H, W1 and W2 have DGA1 and DGA2 at 50 % (two levels up)', () => {
    for (const company of ['H', 'W1', 'W2']) {
      expect(deriveUbos(company, reference, isPerson)).toEqual([
        { personId: 'DGA1', percent: 50, indirect: true, pseudo: false },
        { personId: 'DGA2', percent: 50, indirect: true, pseudo: false },
      ]);
    }
    expect(deriveUbos('PH1', reference, isPerson)).toEqual([{ personId: 'DGA1', percent: 100, indirect: false, pseudo: false }]);
  });

  it('adds shares over chains and multiplies along them', () => {
    const links = [own('DGA1', 'A', 60), own('A', 'T', 30), own('DGA1', 'T', 10), own('DGA2', 'T', 25)];
    // DGA1: 60 % × 30 % + 10 % = 28 % (> 25); DGA2: exactly 25 % is not more than 25.
    expect(deriveUbos('T', links, isPerson)).toEqual([{ personId: 'DGA1', percent: 28, indirect: true, pseudo: false }]);
  });

  it('given no one above 25 %, then the directors are pseudo-UBOs', () => {
    const links = [own('DGA1', 'T', 20), own('DGA2', 'T', 20)];
    expect(deriveUbos('T', links, isPerson, [{ personId: 'DGA2' }])).toEqual([
      { personId: 'DGA2', percent: 20, indirect: false, pseudo: true },
    ]);
  });
});
