import { isPercent } from './percent.validator';

describe('a percentage', () => {
  it.each([[50], [0.01], [33.33], [100], [12.34], [0]])('given %s, then it is one', (value) => {
    expect(isPercent(value)).toBe(true);
  });

  it.each([[1e-7], [5e-324], [0.001], [33.333], [Number.NaN], [Number.POSITIVE_INFINITY], ['50'], [null]])(
    'given %s, then it is refused (and nothing throws)',
    (value) => {
      expect(isPercent(value)).toBe(false);
    },
  );
});
