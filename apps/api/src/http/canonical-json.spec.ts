import { canonicalJson } from './canonical-json';

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
});
