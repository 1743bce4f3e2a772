import { foldClient } from '../client/client.state';
import { registered } from '../testing/client-events';
import type { Ownership } from './ownership.events';
import { foldOwnership } from './ownership.state';
import { decideRecordOwnership } from './record-ownership.decide';

const stateOf = (id: string) => foldClient([registered(id, 'company')]);
const structure = (...links: Ownership[]) => foldOwnership(links.map((data) => ({ type: 'OwnershipRecorded', data })));
const own = (ownerId: string, ownedId: string, percent: number): Ownership => ({ ownershipId: `${ownerId}>${ownedId}`, ownerId, ownedId, percent });
const record = (given: ReturnType<typeof structure>, ownerId: string, ownedId: string, percent: number) =>
  decideRecordOwnership(
    { type: 'RecordOwnership', data: { ownershipId: `${ownerId}>${ownedId}`, ownerId, ownedId, percent } },
    given,
    stateOf(ownerId),
    stateOf(ownedId),
  );
const refusedForDecimals = expect.objectContaining({
  code: 'validation-failed',
  kind: 'validation',
  details: { violations: [{ field: 'percent', message: 'percent must be a number with at most 2 decimals' }] },
});

describe('recording ownership: percentages in whole hundredths', () => {
  it.each([50.004, 0.001, 33.333, 99.995, 1e-7])('given an empty structure, when a share of %p % is recorded, then it is refused as a validation error', (percent) => {
    expect(() => record(structure(), 'A', 'X', percent)).toThrow(refusedForDecimals);
  });

  it.each([0.01, 12.34, 33.33, 66.67, 99.99, 100])('given an empty structure, when a share of %p % is recorded, then it is accepted', (percent) => {
    expect(record(structure(), 'A', 'X', percent)).toEqual([
      { type: 'OwnershipRecorded', data: { ownershipId: 'A>X', ownerId: 'A', ownedId: 'X', percent } },
    ]);
  });

  it.each([0, -0.01, 100.01, Number.POSITIVE_INFINITY])('when the share is %p %, then it is still refused as out of range', (percent) => {
    expect(() => record(structure(), 'A', 'X', percent)).toThrow(expect.objectContaining({ code: 'ownership.invalid-percentage', kind: 'validation' }));
  });

  it('given A owns 50 % of X, when B takes 50.004 %, then it is refused: 100.008 % in total cannot be reached', () => {
    expect(() => record(structure(own('A', 'X', 50)), 'B', 'X', 50.004)).toThrow(refusedForDecimals);
  });

  it('given shares in hundredths up to 99.99 %, when another 0.01 % is recorded, then it fits exactly; 0.02 % does not', () => {
    const given = structure(own('A', 'X', 33.33), own('B', 'X', 33.33), own('C', 'X', 33.33));

    expect(record(given, 'D', 'X', 0.01)).toHaveLength(1);
    expect(() => record(given, 'D', 'X', 0.02)).toThrow(expect.objectContaining({ code: 'ownership.over-100', kind: 'rule' }));
  });

  it('given a share of 50.004 % recorded before decimals were checked, when 50 % more is recorded, then it is refused: the old share counts rounded up', () => {
    const given = structure(own('A', 'X', 50.004));

    expect(() => record(given, 'B', 'X', 50)).toThrow(expect.objectContaining({ code: 'ownership.over-100' }));
    expect(record(given, 'B', 'X', 49.99)).toHaveLength(1);
  });
});
