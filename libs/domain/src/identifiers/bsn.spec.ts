import { checkBsn } from './bsn';

describe('BSN', () => {
  it.each(['111222333', '123456782', '628194821', '252760189'])('a BSN %s is accepted', (bsn) => {
    expect(checkBsn(bsn)).toEqual({ valid: true, normalized: bsn });
  });

  it('a legacy 8-digit BSN is accepted with a leading 0', () => {
    expect(checkBsn('12345672')).toEqual({ valid: true, normalized: '012345672' });
  });

  it('a BSN with surrounding spaces is accepted trimmed', () => {
    expect(checkBsn(' 123456782 ')).toEqual({ valid: true, normalized: '123456782' });
  });

  it.each([
    ['1234567', 'BSN must be 9 digits', 'it is too short'],
    ['1234567890', 'BSN must be 9 digits', 'it is too long'],
    ['12345678a', 'BSN must be 9 digits', 'it holds a letter'],
    ['123.456.782', 'BSN must be 9 digits', 'dots are not accepted'],
    ['123 456 782', 'BSN must be 9 digits', 'inner spaces are not accepted'],
    ['', 'BSN must be 9 digits', 'it is empty'],
    ['000000000', 'BSN cannot be all zeros', 'it is all zeros'],
    ['00000000', 'BSN cannot be all zeros', 'a padded 8-digit number is all zeros'],
    ['123456789', 'BSN fails the eleven-check', 'it fails the eleven-check'],
    ['12345678', 'BSN fails the eleven-check', 'padded to 012345678 it fails the eleven-check'],
  ])('a BSN %j is refused with "%s" because %s', (bsn, message) => {
    expect(checkBsn(bsn)).toEqual({ valid: false, message });
  });
});
