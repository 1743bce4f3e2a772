import { START_CHECKPOINT } from '../event-store.port';
import {
  checkpointOf,
  comparePositions,
  firstRevisionAfter,
  isAfter,
  positionOf,
  revisionOf,
  toSafeNumber,
  toStreamState,
  versionOf,
  versionOfState,
} from './revisions';

describe('KurrentDB revisions and positions', () => {
  describe('stream numbering', () => {
    it('gives the first event (revision 0) version 1, and back', () => {
      expect(versionOf(0n)).toBe(1);
      expect(versionOf(41n)).toBe(42);
      expect(revisionOf(1)).toBe(0n);
      expect(revisionOf(42)).toBe(41n);
    });

    it('has no revision for version 0 or a non-integer', () => {
      expect(() => revisionOf(0)).toThrow('not a stream version');
      expect(() => revisionOf(1.5)).toThrow('not a stream version');
    });
  });

  describe('expected versions', () => {
    it('maps no_stream and any to their constants and version n to revision n - 1', () => {
      expect(toStreamState('no_stream')).toBe('no_stream');
      expect(toStreamState('any')).toBe('any');
      expect(toStreamState(1)).toBe(0n);
      expect(toStreamState(7)).toBe(6n);
    });

    it('treats version 0 (an empty stream) as no_stream', () => {
      expect(toStreamState(0)).toBe('no_stream');
    });

    it('places an append right after the expected version', () => {
      expect(firstRevisionAfter('no_stream')).toBe(0n);
      expect(firstRevisionAfter(0)).toBe(0n);
      expect(firstRevisionAfter(3)).toBe(3n);
    });

    it('reads the server current state as a version: no stream and negative states are 0', () => {
      expect(versionOfState('no_stream')).toBe(0);
      expect(versionOfState(-1n)).toBe(0);
      expect(versionOfState(-5n)).toBe(0);
      expect(versionOfState(1n)).toBe(2);
      expect(versionOfState('4')).toBe(5);
    });
  });

  describe('$all positions and checkpoints', () => {
    it('maps the commit position to position and the prepare position to transactionId', () => {
      expect(checkpointOf({ commit: 1234n, prepare: 1200n })).toEqual({ transactionId: '1200', position: 1234 });
    });

    it('maps a checkpoint back to the same $all position', () => {
      expect(positionOf({ transactionId: '1200', position: 1234 })).toEqual({ commit: 1234n, prepare: 1200n });
    });

    it('reads the start checkpoint as the start of $all', () => {
      expect(positionOf(START_CHECKPOINT)).toBe('start');
    });

    it('refuses a checkpoint another adapter stored', () => {
      expect(() => positionOf({ transactionId: 'abc', position: 5 })).toThrow('not a KurrentDB $all position');
    });

    it('orders by commit, then prepare', () => {
      expect(comparePositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 0n })).toBeLessThan(0);
      expect(comparePositions({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 0n })).toBeGreaterThan(0);
      expect(comparePositions({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 2n })).toBe(0);
    });

    it('sees everything after the start, and only later positions after a checkpoint', () => {
      expect(isAfter({ commit: 0n, prepare: 0n }, 'start')).toBe(true);
      expect(isAfter({ commit: 5n, prepare: 5n }, { commit: 5n, prepare: 5n })).toBe(false);
      expect(isAfter({ commit: 6n, prepare: 6n }, { commit: 5n, prepare: 5n })).toBe(true);
    });

    it('fails loudly rather than round a position beyond 2^53', () => {
      expect(toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER), 'position')).toBe(Number.MAX_SAFE_INTEGER);
      expect(() => toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n, 'position')).toThrow('does not fit');
    });
  });
});
