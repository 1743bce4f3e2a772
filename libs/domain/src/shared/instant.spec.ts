import { endOfFirmDay, instantOf, isInstant } from './instant';

describe('an instant (a date, or a date and time)', () => {
  it.each(['2026-02-28', '2028-02-29', '2026-11-30T10:00', '2026-11-30T10:00:05.123Z', '2026-11-30T10:00:00+01:00'])(
    'given %s, then it is one',
    (value) => expect(isInstant(value)).toBe(true),
  );

  it.each(['2026-02-29', '2026-02-30', '2026-13-01', '2026-11-30T10:61', '2026-W48', '2026-334', 'yesterday', '', 20261130])(
    'given %s, then it is not (Date would roll a day that does not exist over into the next month)',
    (value) => expect(isInstant(value)).toBe(false),
  );
});

describe('the instant a text names', () => {
  it.each([
    ['2026-12-01', '2026-11-30T23:00:00.000Z', 'a bare date: midnight in Amsterdam, winter'],
    ['2026-07-01', '2026-06-30T22:00:00.000Z', 'a bare date: midnight in Amsterdam, summer'],
    ['2026-12-01T09:30', '2026-12-01T08:30:00.000Z', 'a time without offset is on the firm’s clock'],
    ['2026-07-01T09:30:15.25', '2026-07-01T07:30:15.250Z', 'seconds and their fraction kept'],
    ['2026-12-01T09:30:00Z', '2026-12-01T09:30:00.000Z', 'Z as written'],
    ['2026-12-01T09:30:00+05:00', '2026-12-01T04:30:00.000Z', 'an offset as written'],
    ['2026-03-29T02:30', '2026-03-29T01:30:00.000Z', 'in the hour skipped in spring: the time an hour later'],
    ['2026-10-25T02:30', '2026-10-25T00:30:00.000Z', 'in the hour repeated in autumn: its first pass'],
  ])('given %s, then it is %s (%s)', (text, expected) => {
    expect(instantOf(text).toISOString()).toBe(expected);
  });

  it('given a text that names no instant, then it refuses it', () => {
    expect(() => instantOf('2026-02-30')).toThrow(RangeError);
  });

  it.each([
    ['2026-12-01', '2026-12-01T22:59:59.999Z'],
    ['2026-07-01', '2026-07-01T21:59:59.999Z'],
    ['2026-10-25', '2026-10-25T22:59:59.999Z'],
    ['2026-03-29', '2026-03-29T21:59:59.999Z'],
  ])('given the date %s, then its day on the firm’s calendar ends at %s', (date, expected) => {
    expect(endOfFirmDay(date).toISOString()).toBe(expected);
  });
});
