import { given, registered } from '../testing/client-events';
import { completeCompanyWwft, completePersonWwft, fileOf, statusChanged, wwftRecorded } from '../testing/acceptance-events';
import type { DomainEvent } from '../shared/domain-event';
import { decideRecordWwftRegistration, type RecordWwftRegistration } from './record-wwft-registration.decide';
import { decideRecordWwftReview, type RecordWwftReview } from './record-wwft-review.decide';
import { DEFAULT_REVIEW_POLICY } from './review-policy';
import type { WwftRegistration } from './wwft-registration';

const C = 'c1';
const DGA = 'dga1';
const COMPANY = 'ph1';
/** The clients UBOs may name, as the handler looks them up: a person and a company. */
const context = {
  now: new Date('2026-11-20T10:00:00Z'),
  reviewPolicy: DEFAULT_REVIEW_POLICY,
  uboClients: new Map([[DGA, 'person' as const], [COMPANY, 'company' as const]]),
};
const record = (registration: WwftRegistration): RecordWwftRegistration => ({
  type: 'RecordWwftRegistration',
  data: { clientId: C, registration },
});
const review = (data: Partial<RecordWwftReview['data']> = {}): RecordWwftReview => ({
  type: 'RecordWwftReview',
  data: { clientId: C, ...data },
});
const registering = (command: RecordWwftRegistration, ...events: DomainEvent[]) => {
  const file = fileOf(...events);
  return decideRecordWwftRegistration(command, file.client, file.dossier, context);
};
const reviewing = (command: RecordWwftReview, ...events: DomainEvent[]) => {
  const file = fileOf(...events);
  return decideRecordWwftReview(command, file.client, file.dossier, context);
};

describe('recording the Wwft registration', () => {
  describe('given UBOs that name registered clients', () => {
    const naming = (clientId: string) => completeCompanyWwft({ ubos: [{ name: 'Jan Pieter de Vries', kind: 'owner', percent: 50, clientId }] });

    it('when a UBO names a person client, then it is recorded', () => {
      expect(registering(record(naming(DGA)), registered(C))).toHaveLength(1);
    });
    it('when a UBO names a company, then it is refused: a UBO is a natural person', () => {
      expect(() => registering(record(naming(COMPANY)), registered(C))).toThrow(
        expect.objectContaining({ code: 'wwft.ubo-not-a-person', details: { clientId: COMPANY, field: 'ubos.0.clientId' } }),
      );
    });
    it('when a UBO names a client that does not exist, then it is not found', () => {
      expect(() => registering(record(naming('no-such-client')), registered(C))).toThrow(expect.objectContaining({ code: 'client.not-found' }));
    });
  });

  describe('given a client without one', () => {
    it.each([
      ['low', '2029-11-20'],
      ['medium', '2028-11-20'],
      ['high', '2027-11-20'],
    ] as const)('when recorded with risk class %s, then the next review is due %s', (riskClass, due) => {
      const registration = completeCompanyWwft({ risk: { class: riskClass, motivation: 'x' } });
      expect(registering(record(registration), registered(C))).toEqual([
        { type: 'WwftRegistrationRecorded', data: { clientId: C, registration, reviewedFrom: '2026-11-20', nextReviewDate: due } },
      ]);
    });

    it('when the review periods are configured otherwise, then they are used', () => {
      const file = fileOf(registered(C));
      const [event] = decideRecordWwftRegistration(record(completeCompanyWwft()), file.client, file.dossier, {
        ...context,
        reviewPolicy: { low: 5, medium: 2, high: 1 },
      });
      expect(event.data.nextReviewDate).toBe('2031-11-20');
    });

    it('when recorded as a draft without a risk class, then it has no review date yet', () => {
      const [event] = registering(record({ purpose: 'Jaarrekening' }), registered(C));
      expect(event.data).toEqual({ clientId: C, registration: { purpose: 'Jaarrekening' }, reviewedFrom: '2026-11-20' });
    });

    it('when a value has the wrong shape, then every violation is listed', () => {
      const registration = { cdd: { level: 'thorough' }, risk: { class: 'low' }, ubos: [{ name: 'X', kind: 'owner', percent: 20 }] };
      expect(() => registering(record(registration as unknown as WwftRegistration), registered(C))).toThrow(
        expect.objectContaining({
          violations: [
            { field: 'cdd.level', message: 'cdd.level must be one of simplified, standard, enhanced' },
            { field: 'ubos.0.percent', message: 'an owner UBO holds more than 25 %; record a director as pseudo-UBO' },
          ],
        }),
      );
    });

    it('when a part that is an object is sent as an array or a scalar, then it is refused by name', () => {
      const registration = {
        cdd: [],
        identification: { idDocument: [] },
        representatives: [[]],
        ubos: [{ name: 'X', kind: 'pseudo', pep: [], sanctions: { result: 'no-hit', checkedAt: '2026-11-02', lists: 'EU' } }],
        screening: { pep: 'no-hit', sanctions: [] },
        risk: 'low',
        enhanced: [],
      };
      expect(() => registering(record(registration as unknown as WwftRegistration), registered(C))).toThrow(
        expect.objectContaining({
          violations: [
            { field: 'cdd', message: 'cdd must be an object' },
            { field: 'risk', message: 'risk must be an object' },
            { field: 'identification.idDocument', message: 'identification.idDocument must be an object' },
            { field: 'screening.pep', message: 'screening.pep must be an object' },
            { field: 'screening.sanctions', message: 'screening.sanctions must be an object' },
            { field: 'representatives.0', message: 'representatives.0 must be an object' },
            { field: 'ubos.0.pep', message: 'ubos.0.pep must be an object' },
            { field: 'ubos.0.sanctions.lists', message: 'ubos.0.sanctions.lists must be a list of sanctions list names' },
            { field: 'enhanced', message: 'enhanced must be an object' },
          ],
        }),
      );
    });
  });

  describe('given dates and lists that cannot be right (today is 2026-11-20)', () => {
    const refusedNaming = (registration: WwftRegistration, ...violations: { field: string; message: string }[]) =>
      expect(() => registering(record(registration), registered(C))).toThrow(expect.objectContaining({ code: 'validation-failed', violations }));
    const passport = completePersonWwft().identification!.idDocument!;
    const withDocument = (dates: { issuedAt?: string; expiresAt?: string }) =>
      completePersonWwft({ identification: { idDocument: { ...passport, ...dates }, verifiedBy: 'relatiebeheer' } });

    it('when the ID document expires before it was issued, then it is refused naming its expiry', () => {
      refusedNaming(withDocument({ issuedAt: '2022-03-01', expiresAt: '2021-03-01' }), {
        field: 'identification.idDocument.expiresAt',
        message: 'identification.idDocument.expiresAt must not lie before its issuedAt',
      });
    });

    it('when the ID document was issued after today, then it is refused naming its issue date', () => {
      refusedNaming(withDocument({ issuedAt: '2026-11-21', expiresAt: '2036-11-21' }), {
        field: 'identification.idDocument.issuedAt',
        message: 'identification.idDocument.issuedAt must not lie in the future',
      });
    });

    it('when a check is recorded just after midnight in the office, then its date is today there, though it is yesterday in UTC', () => {
      const checkedToday = { result: 'no-hit' as const, checkedAt: '2026-11-21' };
      const halfPastMidnight = { ...context, now: new Date('2026-11-20T23:30:00Z') };
      const file = fileOf(registered(C));
      const registration = completeCompanyWwft({ screening: { pep: checkedToday, sanctions: { ...checkedToday, lists: ['EU'] } } });

      expect(decideRecordWwftRegistration(record(registration), file.client, file.dossier, halfPastMidnight)).toHaveLength(1);
    });

    it('when the ID document was issued today, or expired already, then it is recorded (assessWwft reports an expired one)', () => {
      expect(registering(record(withDocument({ issuedAt: '2026-11-20', expiresAt: '2036-11-20' })), registered(C))).toHaveLength(1);
      expect(registering(record(withDocument({ issuedAt: '2014-01-01', expiresAt: '2024-01-01' })), registered(C))).toHaveLength(1);
    });

    it('when a PEP or sanctions check of the client or a UBO is dated after today, then each is refused by name', () => {
      const later = { result: 'no-hit' as const, checkedAt: '2026-11-21' };
      const registration = completeCompanyWwft({
        screening: { pep: later, sanctions: { ...later, lists: ['EU'] } },
        ubos: [{ name: 'Jan Pieter de Vries', kind: 'owner', percent: 50, pep: later, sanctions: { ...later, lists: ['EU'] } }],
      });
      refusedNaming(
        registration,
        { field: 'screening.pep.checkedAt', message: 'screening.pep.checkedAt must not lie in the future' },
        { field: 'screening.sanctions.checkedAt', message: 'screening.sanctions.checkedAt must not lie in the future' },
        { field: 'ubos.0.pep.checkedAt', message: 'ubos.0.pep.checkedAt must not lie in the future' },
        { field: 'ubos.0.sanctions.checkedAt', message: 'ubos.0.sanctions.checkedAt must not lie in the future' },
      );
    });

    it('when enhanced due diligence is approved on a day after today, then it is refused by name; today it is recorded', () => {
      const approved = (approvedOn: string) =>
        completeCompanyWwft({ cdd: { level: 'enhanced', motivation: 'High risk sector' }, enhanced: { sourceOfWealth: 'Sale of a company', approvedBy: 'compliance officer', approvedOn } });
      refusedNaming(approved('2026-11-21'), { field: 'enhanced.approvedOn', message: 'enhanced.approvedOn must not lie in the future' });
      expect(registering(record(approved('2026-11-20')), registered(C))).toHaveLength(1);
    });

    it('when the screening was done today, then it is recorded', () => {
      const today = { result: 'no-hit' as const, checkedAt: '2026-11-20' };
      expect(registering(record(completeCompanyWwft({ screening: { pep: today, sanctions: { ...today, lists: ['EU'] } } })), registered(C))).toHaveLength(1);
    });

    it('when the sanctions screening names 10,000 lists, or a name longer than 100 characters, then it is refused', () => {
      const screened = { result: 'no-hit' as const, checkedAt: '2026-11-02' };
      refusedNaming(completeCompanyWwft({ screening: { sanctions: { ...screened, lists: Array.from({ length: 10_000 }, (_, i) => `L${i}`) } } }), {
        field: 'screening.sanctions.lists',
        message: 'screening.sanctions.lists may name at most 50 sanctions lists',
      });
      refusedNaming(
        completeCompanyWwft({ ubos: [{ name: 'Jan Pieter de Vries', kind: 'pseudo', sanctions: { ...screened, lists: ['x'.repeat(101)] } }] }),
        { field: 'ubos.0.sanctions.lists', message: 'ubos.0.sanctions.lists may hold names of at most 100 characters' },
      );
    });

    it('when it names 50 lists of 100 characters, then it is recorded', () => {
      const lists = Array.from({ length: 50 }, (_, i) => String(i).padEnd(100, 'x'));
      const registration = completeCompanyWwft({ screening: { sanctions: { result: 'no-hit', checkedAt: '2026-11-02', lists } } });
      expect(registering(record(registration), registered(C))).toHaveLength(1);
    });
  });

  describe('given a recorded registration', () => {
    const history = [registered(C), wwftRecorded(C, completeCompanyWwft(), '2025-01-10', '2028-01-10')];

    it('when it is corrected, then the review clock does not move', () => {
      const [event] = registering(record(completeCompanyWwft({ purpose: 'Jaarrekening en IB' })), ...history);
      expect(event.data).toMatchObject({ reviewedFrom: '2025-01-10', nextReviewDate: '2028-01-10' });
    });
    it('when the risk class rises, then the next review comes from the same start', () => {
      const [event] = registering(record(completeCompanyWwft({ risk: { class: 'high', motivation: 'PEP' } })), ...history);
      expect(event.data.nextReviewDate).toBe('2026-01-10');
    });
    it('when recorded unchanged, then nothing is written', () => {
      expect(registering(record(completeCompanyWwft()), ...history)).toEqual([]);
    });
  });

  it('given a client that is Geen klant meer, when recorded, then the closed dossier refuses', () => {
    expect(() =>
      registering(record(completeCompanyWwft()), registered(C), statusChanged(C, 'Klant', 'Geen klant meer', { endDate: '2026-01-01' })),
    ).toThrow(expect.objectContaining({ code: 'dossier.closed' }));
  });

  it('given no client, when recorded, then it is not found', () => {
    expect(() => decideRecordWwftRegistration(record({}), given(), fileOf().dossier, context)).toThrow(
      expect.objectContaining({ code: 'client.not-found' }),
    );
  });
});

describe('recording a periodic review', () => {
  const expired = [registered(C), wwftRecorded(C, completeCompanyWwft(), '2022-06-01', '2025-06-01')];

  it('given an expired registration, when reviewed today, then it is extended by its risk class', () => {
    expect(reviewing(review({ notes: 'nothing changed' }), ...expired)).toEqual([
      {
        type: 'WwftReviewRecorded',
        data: { clientId: C, reviewedOn: '2026-11-20', riskClass: 'low', notes: 'nothing changed', nextReviewDate: '2029-11-20' },
      },
    ]);
  });
  it('given a review that raises the risk, then the next review comes sooner', () => {
    const [event] = reviewing(review({ riskClass: 'high', riskMotivation: 'new PEP UBO' }), ...expired);
    expect(event.data).toMatchObject({ riskClass: 'high', nextReviewDate: '2027-11-20' });
  });
  it('given a review date in the future, then it is refused', () => {
    expect(() => reviewing(review({ reviewedOn: '2026-12-01' }), ...expired)).toThrow(
      expect.objectContaining({ code: 'validation-failed' }),
    );
  });
  it('given no registration, then there is nothing to review', () => {
    expect(() => reviewing(review(), registered(C))).toThrow(expect.objectContaining({ code: 'wwft.not-registered' }));
  });
  it('given a draft without a risk class, then the review needs one', () => {
    expect(() => reviewing(review(), registered(C), wwftRecorded(C, { purpose: 'x' }, '2026-01-01', undefined))).toThrow(
      expect.objectContaining({ code: 'wwft.no-risk-class' }),
    );
  });
  it('given a reviewed registration, then the dossier shows the new review date and the review', () => {
    const [event] = reviewing(review(), ...expired);
    const dossier = fileOf(...expired, event).dossier;
    expect(dossier.wwft).toMatchObject({ reviewedFrom: '2026-11-20', nextReviewDate: '2029-11-20', reviews: [event.data] });
  });
});
