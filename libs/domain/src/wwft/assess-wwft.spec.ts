import type { CompanyDetails } from '../client/client-details';
import type { RegisteredClient } from '../client/client.state';
import { companyDetails, given, personDetails, registered } from '../testing/client-events';
import { completeCompanyWwft, completePersonWwft } from '../testing/acceptance-events';
import { assessWwft } from './assess-wwft';
import type { IdDocument, WwftRegistration } from './wwft-registration';

const now = new Date('2026-11-20T10:00:00Z');
const company = given(registered('c1')) as RegisteredClient;
const person = given(registered('p1', 'person')) as RegisteredClient;
const personWithBirthDate = { ...person, details: personDetails({ person: { surname: 'Vries', dateOfBirth: '1968-04-12' } }) };
const companyCardWith = (card: Partial<CompanyDetails>): RegisteredClient => ({
  ...company,
  details: companyDetails({ company: { ...companyDetails().company!, ...card } }),
});
const items = (assessment: { missing: { item: string }[] }) => assessment.missing.map((m) => m.item);
const hit = { result: 'hit' as const, checkedAt: '2026-11-02' };
/** The dossier's documents: the organogram, attached as a document, is part of the registration. */
const ORGANOGRAM = [{ kind: 'organogram' as const }];

describe('assessing a Wwft registration', () => {
  it('given none, then the registration itself is missing', () => {
    expect(assessWwft(company, undefined, [], now)).toEqual({
      complete: false,
      expired: false,
      missing: [{ item: 'wwft', message: 'no Wwft registration has been recorded' }],
    });
  });

  it('given a complete company registration, then nothing is missing', () => {
    expect(assessWwft(company, { registration: completeCompanyWwft(), nextReviewDate: '2029-11-20' }, ORGANOGRAM, now)).toEqual({
      complete: true,
      expired: false,
      nextReviewDate: '2029-11-20',
      missing: [],
    });
  });

  it('given an empty company registration, then every part is named', () => {
    expect(items(assessWwft(company, { registration: {} }, [], now))).toEqual([
      'wwft.cdd.level',
      'wwft.cdd.motivation',
      'wwft.identification.verifiedWith',
      'wwft.representatives',
      'wwft.ubos',
      'wwft.uboRegisterExtract',
      'wwft.purpose',
      'wwft.nature',
      'wwft.organogram',
      'wwft.screening.pep',
      'wwft.screening.sanctions',
      'wwft.risk.class',
      'wwft.risk.motivation',
    ]);
  });

  it('given a complete registration without the nature of the relationship, then it is named', () => {
    expect(items(assessWwft(company, { registration: completeCompanyWwft({ nature: ' ' }) }, ORGANOGRAM, now))).toEqual(['wwft.nature']);
  });

  it('given a complete registration but only other documents in the dossier, then the organogram is named', () => {
    const documents = [{ kind: 'kvk-extract' as const }, { kind: 'ubo-extract' as const }];
    expect(assessWwft(person, { registration: completePersonWwft() }, documents, now).missing).toEqual([
      { item: 'wwft.identification.dateOfBirth', message: 'the client card has no date of birth' },
      { item: 'wwft.organogram', message: 'no organogram is attached to the dossier' },
    ]);
  });

  it('given a person without a birth date on the card and no ID document, then both are named', () => {
    const registration = completePersonWwft({ identification: { verifiedBy: 'relatiebeheer' } });
    expect(items(assessWwft(person, { registration }, ORGANOGRAM, now))).toEqual([
      'wwft.identification.dateOfBirth',
      'wwft.identification.idDocument',
    ]);
  });

  it('given a company whose card has no legal form, then the legal form is named', () => {
    const registration = completeCompanyWwft();
    expect(items(assessWwft(companyCardWith({ legalForm: undefined }), { registration }, ORGANOGRAM, now))).toEqual([
      'wwft.identification.legalForm',
    ]);
  });

  it('given a company whose card has no KvK number, then the KvK number is named', () => {
    const registration = completeCompanyWwft();
    expect(items(assessWwft(companyCardWith({ kvkNumber: undefined }), { registration }, ORGANOGRAM, now))).toEqual([
      'wwft.identification.kvkNumber',
    ]);
  });

  it('given a person whose ID document is recorded without who verified it, then the verifier is named', () => {
    const { idDocument } = completePersonWwft().identification!;
    const registration = completePersonWwft({ identification: { idDocument } });
    expect(assessWwft(personWithBirthDate, { registration }, ORGANOGRAM, now).missing).toEqual([
      { item: 'wwft.identification.verifiedBy', message: 'who verified the identity is not recorded' },
    ]);
  });

  it('given a person whose ID document has expired, then it is named', () => {
    const registration = completePersonWwft();
    registration.identification!.idDocument!.expiresAt = '2026-01-01';
    expect(items(assessWwft(personWithBirthDate, { registration }, ORGANOGRAM, now))).toEqual(['wwft.identification.idDocument.expiresAt']);
  });

  // The types require these parts; a registration decided elsewhere, or recorded as JSON, may lack them.
  it('given a person whose ID document lacks its number and expiry, then the document is named with what it lacks', () => {
    const idDocument = { type: 'paspoort', issuedAt: '2022-03-01', issuedPlace: 'Utrecht' } as unknown as IdDocument;
    const registration = completePersonWwft({ identification: { idDocument, verifiedBy: 'relatiebeheer' } });
    expect(assessWwft(personWithBirthDate, { registration }, ORGANOGRAM, now).missing).toEqual([
      { item: 'wwft.identification.idDocument', message: 'the ID document lacks its number, expiry date' },
    ]);
  });

  it('given screenings recorded without their result or date, then each check is named', () => {
    const screening = { pep: { checkedAt: '2026-11-02' }, sanctions: { lists: ['EU'], result: 'clear' } } as unknown as WwftRegistration['screening'];
    const registration = completePersonWwft({ screening });
    expect(items(assessWwft(personWithBirthDate, { registration }, ORGANOGRAM, now))).toEqual(['wwft.screening.pep', 'wwft.screening.sanctions']);
  });

  it('given a representative without authority and a UBO without kind beside complete ones, then both lists are named', () => {
    const complete = completeCompanyWwft();
    const registration = completeCompanyWwft({
      representatives: [...(complete.representatives ?? []), { name: 'B. Bakker' }],
      ubos: [...(complete.ubos ?? []), { name: 'C. Claes', pep: hit, sanctions: { lists: ['EU'], result: 'clear', checkedAt: '2026-11-02' } }],
    } as unknown as Partial<WwftRegistration>);
    expect(items(assessWwft(company, { registration }, ORGANOGRAM, now))).toEqual(expect.arrayContaining(['wwft.representatives', 'wwft.ubos']));
  });

  it('given a UBO without checks, then the UBO checks are named', () => {
    const registration = completeCompanyWwft({ ubos: [{ name: 'A. van den Berg', kind: 'owner', percent: 50 }] });
    expect(items(assessWwft(company, { registration }, ORGANOGRAM, now))).toEqual(['wwft.ubos.0.pep', 'wwft.ubos.0.sanctions']);
  });

  it('given a PEP UBO under standard CDD, then enhanced CDD with source of wealth and approval is needed', () => {
    const base = completeCompanyWwft();
    const registration = completeCompanyWwft({ ubos: [{ ...base.ubos![0], pep: hit }] });
    expect(items(assessWwft(company, { registration }, ORGANOGRAM, now))).toEqual([
      'wwft.cdd.level',
      'wwft.enhanced.sourceOfWealth',
      'wwft.enhanced.approval',
    ]);
  });

  describe('given enhanced CDD is required for one cause alone', () => {
    const enhancedCdd: Partial<WwftRegistration> = {
      cdd: { level: 'enhanced', motivation: 'High risk sector or PEP' },
      enhanced: { sourceOfWealth: 'Sale of a previous company', approvedBy: 'compliance officer', approvedOn: '2026-11-10' },
    };
    const highRisk: Partial<WwftRegistration> = { risk: { class: 'high', motivation: 'Cash-intensive' } };
    const pepClient: Partial<WwftRegistration> = { screening: { ...completePersonWwft().screening, pep: hit } };

    it('when it is high risk, under standard CDD without source of wealth or approval, then it is incomplete naming each', () => {
      const registration = completeCompanyWwft(highRisk);
      expect(assessWwft(company, { registration }, ORGANOGRAM, now)).toMatchObject({
        complete: false,
        missing: [
          { item: 'wwft.cdd.level', message: 'a PEP or high risk requires enhanced CDD' },
          { item: 'wwft.enhanced.sourceOfWealth', message: 'enhanced CDD needs the source of wealth' },
          { item: 'wwft.enhanced.approval', message: 'enhanced CDD needs an approval (by whom, on which date)' },
        ],
      });
    });

    it('when it is high risk, under enhanced CDD with source of wealth and approval, then it is complete', () => {
      const registration = completeCompanyWwft({ ...highRisk, ...enhancedCdd });
      expect(assessWwft(company, { registration }, ORGANOGRAM, now)).toMatchObject({ complete: true, missing: [] });
    });

    it('when the client’s own PEP check is a hit, under standard CDD without source of wealth or approval, then it is incomplete naming each', () => {
      const registration = completePersonWwft(pepClient);
      expect(assessWwft(personWithBirthDate, { registration }, ORGANOGRAM, now)).toMatchObject({
        complete: false,
        missing: [
          { item: 'wwft.cdd.level', message: 'a PEP or high risk requires enhanced CDD' },
          { item: 'wwft.enhanced.sourceOfWealth', message: 'enhanced CDD needs the source of wealth' },
          { item: 'wwft.enhanced.approval', message: 'enhanced CDD needs an approval (by whom, on which date)' },
        ],
      });
    });

    it('when the client’s own PEP check is a hit, under enhanced CDD with source of wealth and approval, then it is complete', () => {
      const registration = completePersonWwft({ ...pepClient, ...enhancedCdd });
      expect(assessWwft(personWithBirthDate, { registration }, ORGANOGRAM, now)).toMatchObject({ complete: true, missing: [] });
    });
  });

  it('given a sanctions hit, then acceptance is blocked by it', () => {
    const registration = completeCompanyWwft({ screening: { ...completeCompanyWwft().screening, sanctions: { ...hit, lists: ['EU'] } } });
    expect(assessWwft(company, { registration }, ORGANOGRAM, now).missing).toEqual([
      { item: 'wwft.screening.sanctions', message: 'the sanctions screening of the client has a hit: acceptance is blocked' },
    ]);
  });

  it('given parts recorded as arrays (as an event from before the shape rules may hold), then they count as missing', () => {
    const base = completePersonWwft();
    const registration = {
      ...base,
      identification: { idDocument: [], verifiedBy: 'relatiebeheer' },
      screening: { pep: [], sanctions: [] },
    } as unknown as WwftRegistration;

    expect(items(assessWwft(personWithBirthDate, { registration }, ORGANOGRAM, now))).toEqual([
      'wwft.identification.idDocument',
      'wwft.screening.pep',
      'wwft.screening.sanctions',
    ]);
  });

  it('given a company registration whose parts are all of the wrong shape, then each is named and nothing throws', () => {
    const registration = {
      cdd: [],
      identification: 'KvK',
      representatives: [[]],
      ubos: [[], 'UBO'],
      uboRegisterExtract: 12,
      purpose: ['x'],
      nature: { text: 'x' },
      screening: { pep: 'no-hit', sanctions: { result: 'no-hit', checkedAt: '2026-11-02', lists: 'EU' } },
      risk: [],
      enhanced: [],
    } as unknown as WwftRegistration;

    expect(items(assessWwft(company, { registration }, ORGANOGRAM, now))).toEqual([
      'wwft.cdd.level',
      'wwft.cdd.motivation',
      'wwft.identification.verifiedWith',
      'wwft.representatives',
      'wwft.ubos',
      'wwft.uboRegisterExtract',
      'wwft.ubos.0.pep',
      'wwft.ubos.0.sanctions',
      'wwft.ubos.1.pep',
      'wwft.ubos.1.sanctions',
      'wwft.purpose',
      'wwft.nature',
      'wwft.screening.pep',
      'wwft.screening.sanctions',
      'wwft.risk.class',
      'wwft.risk.motivation',
    ]);
  });

  it('given a review date in the past, then it is expired; on the day itself it is not', () => {
    expect(assessWwft(company, { registration: completeCompanyWwft(), nextReviewDate: '2026-11-19' }, ORGANOGRAM, now).expired).toBe(true);
    expect(assessWwft(company, { registration: completeCompanyWwft(), nextReviewDate: '2026-11-20' }, ORGANOGRAM, now).expired).toBe(false);
  });
});
