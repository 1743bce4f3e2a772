import { checkAppend, checkStream } from './append-check';

describe('recognising a repeated append', () => {
  describe('a stream appended at an expected version', () => {
    it('is stored when exactly its ids follow the expected version', () => {
      expect(checkStream(['a', 'b'], ['a', 'b'], false)).toEqual({ verdict: 'stored', offset: 0 });
    });

    it('compares ids regardless of letter case', () => {
      expect(checkStream(['AB-1'], ['ab-1'], false)).toMatchObject({ verdict: 'stored' });
    });

    it('is absent when nothing follows the expected version', () => {
      expect(checkStream(['a'], [], false)).toEqual({ verdict: 'absent' });
    });

    it('meets other events when someone else wrote after the expected version', () => {
      expect(checkStream(['a'], ['x'], false)).toEqual({ verdict: 'other' });
    });

    it('is partial when only some of its ids are there', () => {
      expect(checkStream(['a', 'b'], ['a', 'x'], false)).toEqual({ verdict: 'partial' });
      expect(checkStream(['a', 'b'], ['x', 'a'], false)).toEqual({ verdict: 'partial' });
    });
  });

  describe('a stream appended with any version', () => {
    it('is stored when its ids sit together anywhere in the tail looked at', () => {
      expect(checkStream(['a', 'b'], ['x', 'a', 'b', 'y'], true)).toEqual({ verdict: 'stored', offset: 1 });
    });

    it('is absent when the tail holds other events only: that proves nothing either way', () => {
      expect(checkStream(['a'], ['x', 'y'], true)).toEqual({ verdict: 'absent' });
    });

    it('is partial when its ids are there but not together', () => {
      expect(checkStream(['a', 'b'], ['a', 'x', 'b'], true)).toEqual({ verdict: 'partial' });
    });
  });

  describe('the whole append', () => {
    it('is already appended only when every stream holds its events', () => {
      expect(
        checkAppend([
          { verdict: 'stored', offset: 0 },
          { verdict: 'stored', offset: 2 },
        ]),
      ).toBe('stored');
    });

    it('is written when no stream holds any of its events', () => {
      expect(checkAppend([{ verdict: 'absent' }, { verdict: 'other' }])).toBe('write');
    });

    it('is refused as partial when some streams hold their events and others do not', () => {
      expect(checkAppend([{ verdict: 'stored', offset: 0 }, { verdict: 'absent' }])).toBe('partial');
      expect(checkAppend([{ verdict: 'partial' }])).toBe('partial');
    });
  });
});
