import { PermanentPushError } from '../../errors/permanent-push-error';
import { redact, redactError } from './redact';

describe('redact', () => {
  it('replaces every occurrence of each personal value', () => {
    expect(redact('BSN 628194821 bestaat al (628194821), geboren 1968-04-12', ['628194821', '1968-04-12'])).toBe(
      'BSN [redacted] bestaat al ([redacted]), geboren [redacted]',
    );
  });

  it('leaves the text alone without values, or with values too short to be personal data', () => {
    expect(redact('Relatie is gearchiveerd.', [undefined, '', '1'])).toBe('Relatie is gearchiveerd.');
  });

  it('takes a longer value out whole before a shorter one it contains, in whatever order they come', () => {
    expect(redact('adres Lindelaan 12a onbekend', ['Lindelaan', '12a', 'Lindelaan 12a'])).toBe('adres [redacted] onbekend');
  });

  it('ignores case', () => {
    expect(redact('postcode 3581ab, straat LINDELAAN', ['3581AB', 'Lindelaan'])).toBe('postcode [redacted], straat [redacted]');
  });

  it('takes a value of 3 to 5 characters out only as a whole word', () => {
    expect(redact('huisnummer 12a; code 112a, 12ab; Ede, Edese', ['12a', 'Ede'])).toBe('huisnummer [redacted]; code 112a, 12ab; [redacted], Edese');
  });

  it('reads a value literally, not as a pattern', () => {
    expect(redact('jan+test@x.nl en janntest@xxnl', ['jan+test@x.nl'])).toBe('[redacted] en janntest@xxnl');
  });

  it('never finds a value inside a [redacted] it put there', () => {
    expect(redact('BSN 628194821', ['628194821', 'redacted'])).toBe('BSN [redacted]');
  });

  it('takes the values out of a push error’s package message as well as its message', () => {
    const error = redactError(new PermanentPushError('postcode 3581AB ongeldig', 422), ['3581AB']);
    expect(error.message).toBe('postcode [redacted] ongeldig');
    expect(error.packageMessage).toBe('postcode [redacted] ongeldig');
  });
});
