import { ValidationFailed } from '@koppelhub/domain';
import { StorableInputPipe } from './storable-input.pipe';

describe('refusing input PostgreSQL cannot store or the hub cannot walk', () => {
  const pipe = new StorableInputPipe();
  const violationsOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof ValidationFailed) return error.violations;
      throw error;
    }
    return [];
  };
  const fieldsOf = (run: () => unknown) => violationsOf(run).map((v) => v.field);

  it('given a body with NUL in nested fields and in a key, then each is named, without its value', () => {
    const body = { searchName: 'A\u0000', company: { statutoryName: 'ok' }, packages: ['pinkweb', 'x\u0000'], extra: { ['k\u0000']: 1 } };

    expect(fieldsOf(() => pipe.transform(body, { type: 'body' }))).toEqual(['searchName', 'packages.1', 'extra.k\u0000']);
    expect(() => pipe.transform({ bsn: '11122\u0000333' }, { type: 'body' })).toThrow(/bsn must not contain the NUL character/);
    expect(() => pipe.transform({ bsn: '11122\u0000333' }, { type: 'body' })).not.toThrow(/11122/);
  });

  it('given text with an unpaired surrogate, then it is refused as not well-formed', () => {
    expect(violationsOf(() => pipe.transform({ name: 'A\ud800B', city: '\udc00' }, { type: 'body' }))).toEqual([
      { field: 'name', message: 'name must be well-formed Unicode (it holds an unpaired surrogate)' },
      { field: 'city', message: 'city must be well-formed Unicode (it holds an unpaired surrogate)' },
    ]);
    expect(fieldsOf(() => pipe.transform({ name: 'emoji 😀 ok' }, { type: 'body' }))).toEqual([]);
  });

  it('given objects nested past any request, then the deepest level reached is named, without walking further', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };

    expect(violationsOf(() => pipe.transform({ company: deep }, { type: 'body' }))).toEqual([
      { field: `company${'.a'.repeat(15)}`, message: `company${'.a'.repeat(15)} must not be nested more than 16 levels deep` },
    ]);
  });

  it('given a query or a route parameter holding NUL, then it is named', () => {
    expect(fieldsOf(() => pipe.transform({ q: '\u0000' }, { type: 'query' }))).toEqual(['q']);
    expect(fieldsOf(() => pipe.transform('a\u0000', { type: 'param', data: 'id' }))).toEqual(['id']);
  });

  it('given values without any of these, then they pass unchanged', () => {
    const body = { name: 'De Vries & Van den Berg\t', nested: [{ n: 1, b: true, z: null }] };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });
});
