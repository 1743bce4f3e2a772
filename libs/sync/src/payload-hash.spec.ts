import { canonical, payloadHash } from './payload-hash';

describe('payload hash', () => {
  it('is the same for the same payload whatever the key order', () => {
    expect(payloadHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(payloadHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
  });
  it('changes when a value changes', () => {
    expect(payloadHash({ city: 'Utrecht' })).not.toBe(payloadHash({ city: 'Zwolle' }));
  });
});

describe('canonical payload text', () => {
  it('keeps the text the delivery record was hashed from: sorted keys, no undefined properties, JSON values', () => {
    const payload = { b: [1, 'x', null, { z: true, a: undefined }], a: { 'quote"d': 'é\n' }, c: undefined, d: 0 };
    expect(canonical(payload)).toBe('{"a":{"quote\\"d":"é\\n"},"b":[1,"x",null,{"z":true}],"d":0}');
    expect(payloadHash(payload)).toBe('2957a2ee78d3261e456308b1b7b33254419751581d6c507223a0ba97c764cb06');
  });
});
