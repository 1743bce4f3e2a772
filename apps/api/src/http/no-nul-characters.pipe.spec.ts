import { ValidationFailed } from '@koppelhub/domain';
import { NoNulCharactersPipe } from './no-nul-characters.pipe';

describe('refusing the NUL character, which PostgreSQL cannot store', () => {
  const pipe = new NoNulCharactersPipe();
  const violationsOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof ValidationFailed) return error.violations.map((v) => v.field);
      throw error;
    }
    return [];
  };

  it('given a body with NUL in nested fields and in a key, then each is named, without its value', () => {
    const body = { searchName: 'A\u0000', company: { statutoryName: 'ok' }, packages: ['pinkweb', 'x\u0000'], extra: { ['k\u0000']: 1 } };

    expect(violationsOf(() => pipe.transform(body, { type: 'body' }))).toEqual(['searchName', 'packages.1', 'extra.k\u0000']);
    expect(() => pipe.transform({ bsn: '11122\u0000333' }, { type: 'body' })).toThrow(/bsn must not contain/);
    expect(() => pipe.transform({ bsn: '11122\u0000333' }, { type: 'body' })).not.toThrow(/11122/);
  });

  it('given a query or a route parameter holding NUL, then it is named', () => {
    expect(violationsOf(() => pipe.transform({ q: '\u0000' }, { type: 'query' }))).toEqual(['q']);
    expect(violationsOf(() => pipe.transform('a\u0000', { type: 'param', data: 'id' }))).toEqual(['id']);
  });

  it('given values without NUL, then they pass unchanged', () => {
    const body = { name: 'De Vries & Van den Berg\t', nested: [{ n: 1, b: true, z: null }] };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });
});
