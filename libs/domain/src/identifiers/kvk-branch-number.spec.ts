import { checkKvkBranchNumber } from './kvk-branch-number';

describe('KvK branch number (vestigingsnummer)', () => {
  it.each([
    ['000012345678', '000012345678'],
    [' 000012345678 ', '000012345678'],
  ])('a branch number %j is accepted as %s', (input, normalized) => {
    expect(checkKvkBranchNumber(input)).toEqual({ valid: true, normalized });
  });

  it.each([
    ['61234567', 'a KvK number is not a branch number'],
    ['00001234567', 'it is too short'],
    ['0000123456789', 'it is too long'],
    ['00001234567x', 'it holds a letter'],
  ])('a branch number %j is refused because %s', (input) => {
    expect(checkKvkBranchNumber(input)).toEqual({
      valid: false,
      message: 'KvK branch number must be exactly 12 digits',
    });
  });
});
