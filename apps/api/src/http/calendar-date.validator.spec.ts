import { validateSync } from 'class-validator';
import { IsCalendarDate } from './calendar-date.validator';

class Dated {
  @IsCalendarDate()
  dateOfBirth!: unknown;
}

describe('a calendar date', () => {
  const messagesOf = (value: unknown) =>
    validateSync(Object.assign(new Dated(), { dateOfBirth: value })).flatMap((error) => Object.values(error.constraints ?? {}));

  it.each([['2024-02-29'], ['1968-04-12'], ['2026-12-31'], ['1900-01-01']])('given %s, then it is one', (value) => {
    expect(messagesOf(value)).toEqual([]);
  });

  it.each([
    ['2023-02-29', 'a day that does not exist'],
    ['2026-02-30', 'a day that does not exist'],
    ['2026-13-01', 'a month that does not exist'],
    ['19680412', 'the basic format, without hyphens'],
    ['2026-05', 'a month'],
    ['2026', 'a year'],
    ['2026-W05-1', 'a week date'],
    ['2026-123', 'an ordinal date'],
    ['2026-05-01T00:00:00Z', 'a date-time'],
    [' 2026-05-01', 'a date with a space'],
    [20260501, 'a number'],
    [null, 'null'],
  ])('given %j (%s), then it is refused as not a date', (value: unknown, _what: string) => {
    expect(messagesOf(value)).toEqual(['dateOfBirth must be a date as YYYY-MM-DD']);
  });
});
