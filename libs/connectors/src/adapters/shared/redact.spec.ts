import { redact } from './redact';

describe('redact', () => {
  it('replaces every occurrence of each personal value', () => {
    expect(redact('BSN 628194821 bestaat al (628194821), geboren 1968-04-12', ['628194821', '1968-04-12'])).toBe(
      'BSN [redacted] bestaat al ([redacted]), geboren [redacted]',
    );
  });

  it('leaves the text alone without values, or with values too short to be personal data', () => {
    expect(redact('Relatie is gearchiveerd.', [undefined, '', '1'])).toBe('Relatie is gearchiveerd.');
  });
});
