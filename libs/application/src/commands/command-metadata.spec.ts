import { derivedId } from './command-metadata';

describe('a derived id', () => {
  it('given the same scope and name, then it is the same UUID it has always been (stored ids depend on it)', () => {
    // Worked out apart from the code under test: SHA-1 of "client-number/K-1001", version and variant bits set.
    expect(derivedId('client-number', 'K-1001')).toBe('50de89bc-feab-5add-82fa-d310849dfab8');
  });

  it('given any scope and name, then it reads as a version 5 UUID of the RFC 4122 variant', () => {
    expect(derivedId('5c1d0a5e-1b2c-4d3e-8f40-123456789abc', 'event-0')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('given two names in one scope, then their ids differ', () => {
    expect(derivedId('command-1', 'event-0')).not.toBe(derivedId('command-1', 'event-1'));
  });
});
