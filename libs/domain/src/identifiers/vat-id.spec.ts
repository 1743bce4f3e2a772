import { checkVatId } from './vat-id';

describe('VAT id', () => {
  it.each(['NL792376092B01', 'NL995822542B01'])('a VAT id %s is accepted because its 9 digits pass the eleven-check', (vat) => {
    expect(checkVatId(vat)).toEqual({ valid: true, normalized: vat });
  });

  it('a VAT id NL002455799B11 is accepted because the whole id passes mod 97, though its digits fail the eleven-check', () => {
    expect(checkVatId('NL002455799B11')).toEqual({ valid: true, normalized: 'NL002455799B11' });
  });

  it('a VAT id is accepted upper-cased and without spaces', () => {
    expect(checkVatId(' nl 792376092 b01 ')).toEqual({ valid: true, normalized: 'NL792376092B01' });
  });

  it.each([
    ['BE792376092B01', 'VAT id must look like NL123456789B01', 'the country prefix is not NL'],
    ['792376092B01', 'VAT id must look like NL123456789B01', 'the country prefix is missing'],
    ['NL79237609B01', 'VAT id must look like NL123456789B01', 'it has 8 digits'],
    ['NL7923760921B01', 'VAT id must look like NL123456789B01', 'it has 10 digits'],
    ['NL79237609AB01', 'VAT id must look like NL123456789B01', 'a digit is a letter'],
    ['NL792376092C01', 'VAT id must look like NL123456789B01', 'the separator is not B'],
    ['NL792376092B1', 'VAT id must look like NL123456789B01', 'the suffix has one digit'],
    ['NL792.376.092B01', 'VAT id must look like NL123456789B01', 'dots are not accepted'],
    ['NL792376092B00', 'VAT id suffix B00 is not valid', 'the suffix is B00'],
    ['NL000000000B01', 'VAT id number cannot be all zeros', 'its digits are all zeros'],
    ['NL000000000B73', 'VAT id number cannot be all zeros', 'all zeros is refused even where mod 97 would pass'],
    ['NL792376093B01', 'VAT id fails both the eleven-check and the mod 97 check', 'neither check passes'],
    ['NL002455799B12', 'VAT id fails both the eleven-check and the mod 97 check', 'a changed suffix breaks mod 97'],
  ])('a VAT id %s is refused with "%s" because %s', (vat, message) => {
    expect(checkVatId(vat)).toEqual({ valid: false, message });
  });
});
