import { checkKvkNumber } from './kvk-number';

describe('KvK number', () => {
  it.each([
    ['61234567', '61234567'],
    [' 61234567 ', '61234567'],
  ])('a KvK number %j is accepted as %s', (input, normalized) => {
    expect(checkKvkNumber(input)).toEqual({ valid: true, normalized });
  });

  it.each([
    ['6123456', 'it is too short'],
    ['612345678', 'it is too long'],
    ['6123456a', 'it holds a letter'],
    ['6123 4567', 'inner spaces are not accepted'],
    ['', 'it is empty'],
  ])('a KvK number %j is refused because %s', (input) => {
    expect(checkKvkNumber(input)).toEqual({ valid: false, message: 'KvK number must be exactly 8 digits' });
  });
});
