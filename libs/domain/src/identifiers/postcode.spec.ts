import { checkPostcode } from './postcode';

const SHAPE = 'Postcode must be 4 digits (not starting with 0) and 2 letters, like 1234 AB';

describe('postcode', () => {
  it.each([
    ['3581 AB', '3581 AB'],
    ['3581AB', '3581 AB'],
    [' 3811 cv ', '3811 CV'],
    ['1000aa', '1000 AA'],
    ['9999 ZZ', '9999 ZZ'],
    ['1234 SB', '1234 SB'],
  ])('a postcode %j is accepted as %s', (input, normalized) => {
    expect(checkPostcode(input)).toEqual({ valid: true, normalized });
  });

  it.each(['1234 SA', '1234 SD', '1234SS', '1234 sa'])('a postcode %j is refused because its letters are not used', (postcode) => {
    expect(checkPostcode(postcode)).toEqual({ valid: false, message: 'Postcode letters SA, SD and SS are not used' });
  });

  it.each([
    ['0123 AB', 'it starts with 0'],
    ['123 AB', 'it has 3 digits'],
    ['12345 AB', 'it has 5 digits'],
    ['1234 A', 'it has 1 letter'],
    ['1234 ABC', 'it has 3 letters'],
    ['1234 A1', 'a letter is a digit'],
    ['1234  AB', 'it has two inner spaces'],
    ['1234-AB', 'a dash is not accepted'],
    ['AB 1234', 'the letters come first'],
    ['', 'it is empty'],
  ])('a postcode %j is refused because %s', (postcode) => {
    expect(checkPostcode(postcode)).toEqual({ valid: false, message: SHAPE });
  });
});
