import { addYears, calendarDateOf, isCalendarDate } from './calendar-date';

describe('calendar dates', () => {
  it.each(['2026-11-20', '2028-02-29'])('accepts %s', (date) => expect(isCalendarDate(date)).toBe(true));
  it.each(['2026-02-30', '2027-02-29', '20261120', '2026-1-2', 20261120])('refuses %p', (date) => expect(isCalendarDate(date)).toBe(false));
  it('adds years, moving 29 February to 28 February in a year without one', () => {
    expect(addYears('2026-12-31', 5)).toBe('2031-12-31');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
  });
  it.each([
    ['2026-11-20T22:59:59Z', '2026-11-20', 'winter: UTC+1, before midnight'],
    ['2026-11-20T23:30:00Z', '2026-11-21', 'winter: half past midnight in Amsterdam'],
    ['2026-06-30T21:59:59Z', '2026-06-30', 'summer: UTC+2, before midnight'],
    ['2026-06-30T22:30:00Z', '2026-07-01', 'summer: half past midnight in Amsterdam'],
    ['2026-03-28T23:30:00Z', '2026-03-29', 'the night clocks go forward: half past midnight, still UTC+1'],
    ['0999-06-01T12:00:00Z', '0999-06-01', 'a year below 1000, padded'],
  ])('takes the day of %s on the firm\'s calendar: %s (%s)', (instant, date) => {
    expect(calendarDateOf(new Date(instant))).toBe(date);
  });
});
