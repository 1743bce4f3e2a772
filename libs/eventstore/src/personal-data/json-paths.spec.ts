import { replaceWhere, valueAt, visitWhere, withValueAt } from './json-paths';
import { isSealedValue, type SealedValue } from './sealed-value';

const sealed = (pd: string): SealedValue => ({ pd, ct: `ciphertext of ${pd}` });

describe('walking event data for sealed values', () => {
  const data = {
    clientId: 'c1',
    person: { surname: 'Jansen', bsn: sealed('person-1') },
    contacts: [{ email: sealed('contact-1') }, { phones: [sealed('contact-2'), '0612345678'] }],
    notAValue: { pd: 'person-1', ct: 'x', extra: true },
    nothing: null,
    numbers: [1, 2, 3],
  };

  it('given data with sealed values in objects and arrays, when walked, then each is visited once, in order', () => {
    const visited: string[] = [];

    const found = visitWhere(data, isSealedValue, (value) => visited.push(value.pd));

    expect(found).toBe(true);
    expect(visited).toEqual(['person-1', 'contact-1', 'contact-2']);
  });

  it('given data without sealed values (nulls, arrays of numbers, a look-alike with a third field), when walked, then nothing is visited', () => {
    const visit = jest.fn();

    const found = visitWhere({ nothing: null, numbers: [1, 2], text: 'pd', notAValue: data.notAValue }, isSealedValue, visit);

    expect(found).toBe(false);
    expect(visit).not.toHaveBeenCalled();
  });

  it('given a leaf or null at the top, when walked, then it is no match', () => {
    for (const value of [null, undefined, 'text', 42, true]) expect(visitWhere(value, isSealedValue, jest.fn())).toBe(false);
  });

  it('given sealed values, when replaced, then only the objects along their paths are copied', () => {
    const opened = replaceWhere(data, isSealedValue, (value) => `opened ${value.pd}`) as typeof data & Record<string, unknown>;

    expect(opened.person).toEqual({ surname: 'Jansen', bsn: 'opened person-1' });
    expect(opened.contacts).toEqual([{ email: 'opened contact-1' }, { phones: ['opened contact-2', '0612345678'] }]);
    expect(opened.numbers).toBe(data.numbers);
    expect(opened.notAValue).toBe(data.notAValue);
    expect(data.person.bsn).toEqual(sealed('person-1'));
  });

  it('given a path, when read and written, then the value is found and replaced without touching the original', () => {
    expect(valueAt(data, ['person', 'surname'])).toBe('Jansen');
    expect(valueAt(data, ['person', 'missing', 'deeper'])).toBeUndefined();

    const written = withValueAt(data, ['person', 'surname'], 'Pietersen');

    expect(valueAt(written, ['person', 'surname'])).toBe('Pietersen');
    expect(data.person.surname).toBe('Jansen');
    expect(written.contacts).toBe(data.contacts);
  });
});
