import { QICS_NAME_MAX_LENGTH, truncateName } from './qics-name';

describe('truncateName', () => {
  it('keeps a name of 50 characters or fewer', () => {
    expect(truncateName('VB Installatietechniek B.V.')).toBe('VB Installatietechniek B.V.');
    expect(truncateName('x'.repeat(50))).toHaveLength(50);
  });

  it('cuts a longer name to 50 characters', () => {
    expect(truncateName('y'.repeat(51))).toBe('y'.repeat(50));
    expect(QICS_NAME_MAX_LENGTH).toBe(50);
  });

  it('drops spaces the cut leaves at the end and around the name', () => {
    expect(truncateName(`${'a'.repeat(49)} bcd`)).toBe('a'.repeat(49));
    expect(truncateName('  Jansen  ')).toBe('Jansen');
  });

  it('counts characters, not UTF-16 units, and never splits one', () => {
    const name = `${'é'.repeat(48)}😀😀😀`;
    const cut = truncateName(name);
    expect(Array.from(cut)).toHaveLength(50);
    expect(cut.endsWith('😀😀')).toBe(true);
  });
});
