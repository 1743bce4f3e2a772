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
    expect(nextensRelationKey(referenceH())).toEqual({ key: '792376092-1' });
    expect(nextensRelationKey(referencePH1())).toEqual({ key: '995822542-1' });
    expect(nextensRelationKey(referenceW2())).toEqual({ key: '598523534-1' });
  });

  it('a company uses its fiscal sequence when there is one', () => {
    const h = referenceH();
    expect(nextensRelationKey({ ...h, company: { ...h.company!, fiscalSequence: 3 } })).toEqual({ key: '792376092-3' });
  });

  it('a person is the BSN', () => {
    expect(nextensRelationKey(referenceDGA1())).toEqual({ key: '628194821' });
  });

  it('refuses a client without key (the adapter refuses it as permanent), never quoting a BSN', () => {
    const dga1 = referenceDGA1();
    const refused = (reason: RegExp) => ({ refused: expect.stringMatching(reason) });
    expect(nextensRelationKey({ ...dga1, person: { ...dga1.person!, bsn: undefined } })).toEqual(refused(/no BSN/));
    const failing = nextensRelationKey({ ...dga1, person: { ...dga1.person!, bsn: '628194822' } });
    expect(failing).toEqual(refused(/fails the elfproef/));
    expect(JSON.stringify(failing)).not.toContain('628194822');
    expect(nextensRelationKey({ ...referenceW2(), company: undefined })).toEqual(refused(/no fiscal number/));
    const h = referenceH();
    expect(nextensRelationKey({ ...h, company: { ...h.company!, fiscalSequence: 0 } })).toEqual(refused(/sequence/));
  });
});
