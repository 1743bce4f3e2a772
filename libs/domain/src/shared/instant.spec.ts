import { isInstant } from './instant';

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
