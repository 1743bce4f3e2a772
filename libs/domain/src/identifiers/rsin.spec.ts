import { checkRsin } from './rsin';

describe('RSIN', () => {
  it.each(['792376092', '995822542', '659368778', '157089319', '598523534'])('an RSIN %s is accepted', (rsin) => {
    expect(checkRsin(rsin)).toEqual({ valid: true, normalized: rsin });
  });

  it('an 8-digit RSIN is refused: unlike a BSN, an RSIN has no legacy 8-digit form', () => {
    expect(checkRsin('12345672')).toEqual({ valid: false, message: 'RSIN must be 9 digits' });
  });

  it('the same RSIN with its leading 0 written is accepted', () => {
    expect(checkRsin('012345672')).toEqual({ valid: true, normalized: '012345672' });
  });

  it.each([
    ['7923760921', 'RSIN must be 9 digits', 'it is too long'],
    ['7923760', 'RSIN must be 9 digits', 'it is too short'],
    ['79237609O', 'RSIN must be 9 digits', 'it holds a letter O instead of a zero'],
    ['792.376.092', 'RSIN must be 9 digits', 'dots are not accepted'],
    ['000000000', 'RSIN cannot be all zeros', 'it is all zeros'],
    ['792376093', 'RSIN fails the eleven-check', 'it fails the eleven-check'],
  ])('an RSIN %j is refused with "%s" because %s', (rsin, message) => {
    expect(checkRsin(rsin)).toEqual({ valid: false, message });
  });
});
