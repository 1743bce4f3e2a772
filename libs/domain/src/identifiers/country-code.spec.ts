import { checkCountryCode } from './country-code';
import { COUNTRY_CODES } from './country-codes';

describe('ISO 3166-1 alpha-2 country code', () => {
  it.each(['NL', 'BE', 'DE', 'CW', 'SX', 'BQ'])('accepts %s', (code) => {
    expect(checkCountryCode(code)).toEqual({ valid: true, normalized: code });
  });

  it.each([['nl', 'NL'], ['Be', 'BE']])('accepts %s in any case and normalises it to %s', (input, normalized) => {
    expect(checkCountryCode(input)).toEqual({ valid: true, normalized });
  });

  // XX and XK are user-assigned, AN (Netherlands Antilles) was withdrawn, UK and EU are reserved.
  it.each(['XX', 'XK', 'AN', 'UK', 'EU', 'N', 'NLD', '', ' NL', 'N1'])('refuses %j', (code) => {
    expect(checkCountryCode(code)).toEqual({ valid: false, message: 'country must be an ISO 3166-1 alpha-2 country code, like NL' });
  });

  it('holds the 249 assigned codes, each once, as two capitals', () => {
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect(COUNTRY_CODES.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
  });
});
