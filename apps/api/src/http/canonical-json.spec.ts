import { canonicalJson, NestedTooDeeply } from './canonical-json';

describe('canonical JSON of a request body', () => {
  it('given the same object with its keys in another order, also nested, then the text is the same', () => {
    const first = { kind: 'company', company: { statutoryName: 'Acme B.V.', rsin: '123' }, packages: ['pinkweb'] };
    const second = { packages: ['pinkweb'], company: { rsin: '123', statutoryName: 'Acme B.V.' }, kind: 'company' };

    expect(canonicalJson(second)).toBe(canonicalJson(first));
  });

  it('given arrays with the same items in another order, then the texts differ', () => {
    expect(canonicalJson({ packages: ['pinkweb', 'nextens'] })).not.toBe(canonicalJson({ packages: ['nextens', 'pinkweb'] }));
  });

  it('given any JSON value, then it reads back as that value', () => {
    const body = JSON.parse('{"b":[1,"x",null,true,{"d":{},"c":[]}],"a":"\\u00e9\\"","__proto__":{"polluted":1}}') as unknown;

    expect(JSON.parse(canonicalJson(body))).toEqual(body);
    expect(canonicalJson(body)).toBe('{"__proto__":{"polluted":1},"a":"é\\"","b":[1,"x",null,true,{"c":[],"d":{}}]}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('given a value nested thousands of levels deep, then it is refused as too deep instead of exhausting the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = i % 2 === 0 ? { a: deep } : [deep];

    const refusal = (() => {
      try {
        return canonicalJson(deep);
      } catch (error) {
        return error;
      }
    })();

    expect(refusal).not.toBeInstanceOf(RangeError);
    expect(refusal).toBeInstanceOf(NestedTooDeeply);
  });

  it('given a value nested 16 levels deep, as deep as a request may be, then it is read; one level more is refused', () => {
    const nested = (levels: number): unknown => (levels === 0 ? 'x' : { a: nested(levels - 1) });

    expect(canonicalJson(nested(16))).toBe(`${'{"a":'.repeat(16)}"x"${'}'.repeat(16)}`);
    expect(() => canonicalJson(nested(17))).toThrow(NestedTooDeeply);
    expect(() => canonicalJson([[[1]]], 2)).toThrow(NestedTooDeeply);
  });
});
