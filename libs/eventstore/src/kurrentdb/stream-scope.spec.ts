import { EVENT_TYPE, STREAM_NAME } from '@kurrent/kurrentdb-client';
import { exactTypesRegex, StreamScope } from './stream-scope';

describe('the part of $all a store sees', () => {
  describe('with a stream prefix', () => {
    const scope = new StreamScope('hub1.');

    it('stores streams under the prefix and hands them back without it', () => {
      expect(scope.toServer('client-1')).toBe('hub1.client-1');
      expect(scope.fromServer('hub1.client-1')).toBe('client-1');
      expect(scope.fromServer('hub2.client-1')).toBeUndefined();
    });

    it('asks the server for the prefix and re-checks types on the client', () => {
      expect(scope.serverFilter(['A'])).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['hub1.'] });
      expect(scope.accepts('hub1.client-1', 'A', ['A'])).toBe(true);
      expect(scope.accepts('hub1.client-1', 'B', ['A'])).toBe(false);
      expect(scope.accepts('hub2.client-1', 'A')).toBe(false);
    });

    it('refuses a prefix naming system streams', () => {
      expect(() => new StreamScope('$hub')).toThrow('system streams');
    });
  });

  describe('without a prefix', () => {
    const scope = new StreamScope();

    it('never lets system events through', () => {
      expect(scope.accepts('client-1', 'ClientRegistered')).toBe(true);
      expect(scope.accepts('$stats-127.0.0.1:2113', 'StatsCollected')).toBe(false);
      expect(scope.accepts('client-1', '$metadata')).toBe(false);
      expect(scope.serverFilter()).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
    });

    it('asks the server for exactly the wanted types', () => {
      expect(scope.serverFilter(['A.b', 'C'])).toMatchObject({ filterOn: EVENT_TYPE, regex: '^(?:A\\.b|C)$' });
      expect(new RegExp(exactTypesRegex(['A.b'])).test('AXb')).toBe(false);
      expect(new RegExp(exactTypesRegex(['A'])).test('AB')).toBe(false);
    });
  });
});
