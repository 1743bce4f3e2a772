import { copyData } from './copy-data';

describe('a copy of data that arrived as JSON', () => {
  const card = {
    searchName: 'VRIES',
    person: { surname: 'Vries', initials: 'J.P.', bsn: '111222333' },
    address: { street: 'Lindelaan', houseNumber: '12', postcode: '3581 ab', extra: null },
    packages: ['nextens', 'pinkweb'],
    fiscalSequence: 2,
    active: true,
    missing: undefined,
  };

  it('given a nested card, then the copy is equal and shares no object or list with it', () => {
    const copy = copyData(card);
    expect(copy).toStrictEqual(card);
    expect(copy.person).not.toBe(card.person);
    expect(copy.address).not.toBe(card.address);
    expect(copy.packages).not.toBe(card.packages);
  });

  it('when the copy is changed at any depth, then the original stays as it was', () => {
    const before = JSON.parse(JSON.stringify(card)) as unknown;
    const copy = copyData(card);
    copy.person.bsn = 'changed';
    copy.address.postcode = '3581 AB';
    copy.packages.push('twinfield');
    expect(JSON.parse(JSON.stringify(card))).toEqual(before);
  });

  it('given "__proto__" as a key (JSON.parse makes it an own field), then it stays a field and the prototype stays plain', () => {
    const parsed = JSON.parse('{"name": "x", "__proto__": {"polluted": true}}') as Record<string, unknown>;
    const copy = copyData(parsed);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['name', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('given an instance of a class (a validated request body), then the copy is a plain object with its own fields', () => {
    class Body {
      constructor(readonly searchName: string) {}
    }
    const copy = copyData(new Body('VRIES'));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy).toEqual({ searchName: 'VRIES' });
  });

  it('given a date, then the copy is an equal date of its own', () => {
    const at = new Date('2026-12-03T10:00:00Z');
    const copy = copyData({ at });
    expect(copy.at).toEqual(at);
    expect(copy.at).not.toBe(at);
  });
});
