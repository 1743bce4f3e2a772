import { elevenProof } from './eleven-proof';

describe('the eleven-check', () => {
  it.each(['111222333', '123456782', '628194821', '252760189', '792376092', '012345672'])(
    'passes %s because its weighted sum is a multiple of 11',
    (digits) => {
      expect(elevenProof(digits)).toBe(true);
    },
  );

  it.each([
    ['123456789', 'its weighted sum is not a multiple of 11'],
    ['000000000', 'nine zeros are never issued'],
    ['12345678', 'it is not 9 digits'],
    ['1234567820', 'it is not 9 digits'],
    ['12345678a', 'it holds a letter'],
  ])('fails %s because %s', (digits) => {
    expect(elevenProof(digits)).toBe(false);
  });
});
