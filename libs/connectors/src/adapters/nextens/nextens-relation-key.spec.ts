import { PermanentPushError } from '../../errors/permanent-push-error';
import { referenceDGA1, referenceH, referencePH1, referenceW2 } from '../../testing/reference-clients';
import { nextensRelationKey, passesElfproef } from './nextens-relation-key';

describe('Nextens relation key', () => {
  it.each(['628194821', '792376092', '995822542', '598523534', '100000009'])('%s passes the elfproef (a zero sum included, as the hub accepts it)', (number) => {
    expect(passesElfproef(number)).toBe(true);
  });

  it.each(['123456789', '000000000', '12345678', '62819482a'])('%s fails the elfproef', (number) => {
    expect(passesElfproef(number)).toBe(false);
  });

  it('a company is RSIN-sequence, sequence 1 when empty', () => {
    expect(nextensRelationKey(referenceH())).toBe('792376092-1');
    expect(nextensRelationKey(referencePH1())).toBe('995822542-1');
    expect(nextensRelationKey(referenceW2())).toBe('598523534-1');
  });

  it('a company uses its fiscal sequence when there is one', () => {
    const h = referenceH();
    expect(nextensRelationKey({ ...h, company: { ...h.company!, fiscalSequence: 3 } })).toBe('792376092-3');
  });

  it('a person is the BSN', () => {
    expect(nextensRelationKey(referenceDGA1())).toBe('628194821');
  });

  it('refuses a client without key as permanent, never quoting a BSN', () => {
    const dga1 = referenceDGA1();
    expect(() => nextensRelationKey({ ...dga1, person: { ...dga1.person!, bsn: undefined } })).toThrow(PermanentPushError);
    expect(() => nextensRelationKey({ ...dga1, person: { ...dga1.person!, bsn: '628194822' } })).toThrow(/fails the elfproef/);
    try {
      nextensRelationKey({ ...dga1, person: { ...dga1.person!, bsn: '628194822' } });
    } catch (error) {
      expect((error as Error).message).not.toContain('628194822');
    }
    expect(() => nextensRelationKey({ ...referenceW2(), company: undefined })).toThrow(/no fiscal number/);
    const h = referenceH();
    expect(() => nextensRelationKey({ ...h, company: { ...h.company!, fiscalSequence: 0 } })).toThrow(/sequence/);
  });
});
