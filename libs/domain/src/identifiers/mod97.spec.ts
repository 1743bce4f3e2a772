import { mod97 } from './mod97';

describe('mod 97', () => {
  it.each([
    ['0', 0],
    ['97', 0],
    ['98', 1],
    ['A', 10],
    ['z', 35],
    // 10³⁰, far past Number.MAX_SAFE_INTEGER.
    [`1${'0'.repeat(30)}`, 85],
  ])('gives the remainder of %s as %i', (text, remainder) => {
    expect(mod97(text)).toBe(remainder);
  });

  it.each(['3214282912345698765432161182', '9876543210987654321098765432109876543210'])(
    'agrees with exact BigInt arithmetic on the long number %s',
    (digits) => {
      expect(mod97(digits)).toBe(Number(BigInt(digits) % BigInt(97)));
    },
  );

  it('counts a letter as its two-digit value (A=10 … Z=35)', () => {
    expect(mod97('NL00')).toBe(mod97('232100'));
  });

  it.each(['NL 00', 'NL-00', 'é1', '\u00101', '[1', '@1'])('gives no number for %s, which holds a character that is neither a digit nor a letter', (text) => {
    expect(mod97(text)).toBeNaN();
  });
});
