import { applyMergePatch } from './merge-patch';

describe('a merge patch (RFC 7396)', () => {
  const card = {
    searchName: 'VRIES',
    debtorNumber: '20001',
    person: { surname: 'Vries', initials: 'J.P.', bsn: '111222333' },
    packages: ['nextens', 'pinkweb'],
  };

  it('given one field of a nested part, then the part keeps its other fields', () => {
    expect(applyMergePatch(card, { person: { surname: 'Jansen' } })).toEqual({ ...card, person: { surname: 'Jansen', initials: 'J.P.', bsn: '111222333' } });
  });

  it('given null for a field, then the field is removed, at any depth', () => {
    expect(applyMergePatch(card, { debtorNumber: null, person: { bsn: null } })).toEqual({
      searchName: 'VRIES',
      person: { surname: 'Vries', initials: 'J.P.' },
      packages: ['nextens', 'pinkweb'],
    });
  });

  it('given a list, then it replaces the list whole', () => {
    expect(applyMergePatch(card, { packages: ['twinfield'] }).packages).toEqual(['twinfield']);
  });

  it('given a part the target lacks, then it is added without nulls', () => {
    const { person: _person, ...company } = card;
    void _person;
    expect(applyMergePatch(company as typeof card, { person: { surname: 'Bakker', bsn: null } }).person).toEqual({ surname: 'Bakker' });
  });

  it('leaves the target as it was', () => {
    const before = structuredClone(card);
    applyMergePatch(card, { person: { surname: 'Jansen' }, packages: [] });
    expect(card).toEqual(before);
  });
});
