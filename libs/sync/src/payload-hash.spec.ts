import { payloadHash } from './payload-hash';

describe('payload hash', () => {
  it('is the same for the same payload whatever the key order', () => {
    expect(payloadHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(payloadHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
  });
  it('changes when a value changes', () => {
    expect(payloadHash({ city: 'Utrecht' })).not.toBe(payloadHash({ city: 'Zwolle' }));
  });
});
