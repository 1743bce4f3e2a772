import { checkIban } from './iban';

const SHAPE = 'IBAN must be a Dutch IBAN: NL, 2 check digits, 4 letters and 10 digits';

describe('IBAN', () => {
  it.each([
    'NL91ABNA0417164300',
    'NL35TRIO5326502014',
    'NL17TRIO2016849340',
    'NL44RABO2247045585',
    'NL72INGB0435205617',
    'NL93ABNA8338014126',
  ])('an IBAN %s is accepted because its check digits match (mod 97 = 1)', (iban) => {
    expect(checkIban(iban)).toEqual({ valid: true, normalized: iban });
  });

  it('an IBAN is accepted upper-cased and without spaces', () => {
    expect(checkIban(' nl91 abna 0417 1643 00 ')).toEqual({ valid: true, normalized: 'NL91ABNA0417164300' });
  });

  it.each([
    ['DE91ABNA0417164300', SHAPE, 'the country prefix is not NL'],
    ['NL91ABNA041716430', SHAPE, 'it is 17 characters'],
    ['NL91ABNA04171643001', SHAPE, 'it is 19 characters'],
    ['NL9AABNA0417164300', SHAPE, 'a check digit is a letter'],
    ['NL91AB1A0417164300', SHAPE, 'the bank code holds a digit'],
    ['NL91ABNA041716430O', SHAPE, 'the account number holds a letter'],
    ['NL91-ABNA-0417-1643-00', SHAPE, 'dashes are not accepted'],
    ['NL92ABNA0417164300', 'IBAN check digits do not match (mod 97)', 'the check digits are wrong'],
    ['NL91ABNA0417164301', 'IBAN check digits do not match (mod 97)', 'the account number has a typo'],
    ['NL91ABNA0417164030', 'IBAN check digits do not match (mod 97)', 'two account digits are swapped'],
  ])('an IBAN %s is refused with "%s" because %s', (iban, message) => {
    expect(checkIban(iban)).toEqual({ valid: false, message });
  });
});
