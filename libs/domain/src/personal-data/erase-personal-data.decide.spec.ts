import { foldAcceptance } from '../acceptance/acceptance.state';
import { retentionFrom } from '../acceptance/retention';
import type { ClientStatus } from '../client/client-status';
import { foldClient } from '../client/client.state';
import type { DomainEvent } from '../shared/domain-event';
import { statusChanged } from '../testing/acceptance-events';
import { registered } from '../testing/client-events';
import { decideErasePersonalData, type ErasureContext } from './erase-personal-data.decide';

const C = 'c1';
const END = '2026-12-31';
const klant: DomainEvent[] = [
  registered(C, 'person'),
  statusChanged(C, 'Prospect', 'Klantaanvraag'),
  statusChanged(C, 'Klantaanvraag', 'Ter goedkeuring', { approverId: 'key:a' }),
  statusChanged(C, 'Ter goedkeuring', 'Klant'),
];
const ended = [...klant, statusChanged(C, 'Klant', 'Geen klant meer', { endDate: END, retention: retentionFrom(END) })];

const contextOf = (events: DomainEvent[], subjects: string[] = [], recorded: string[] = []): ErasureContext => ({
  client: foldClient(events),
  acceptance: foldAcceptance(events),
  subjects,
  recorded,
});
const erase = (today: string, context: ErasureContext) =>
  decideErasePersonalData({ type: 'ErasePersonalData', data: { clientId: C, today } }, context);
const refusedWith = (code: string, details: object = {}) => expect.objectContaining({ code, details: expect.objectContaining(details) });

describe('erasing personal data after retention', () => {
  describe('given a client that ended on 2026-12-31 (Wwft until 2031-12-31, fiscal until 2033-12-31)', () => {
    it('when erasure is asked while the fiscal retention runs, then it is refused naming the rule and the date', () => {
      expect(() => erase('2032-06-01', contextOf(ended))).toThrow(
        refusedWith('personal-data.retention-not-ended', {
          rule: 'retention.fiscal',
          retainedUntil: '2033-12-31',
          erasableFrom: '2034-01-01',
          wwftUntil: '2031-12-31',
          fiscalUntil: '2033-12-31',
        }),
      );
    });

    it('when erasure is asked on the last day of retention, then it is still refused', () => {
      expect(() => erase('2033-12-31', contextOf(ended))).toThrow(refusedWith('personal-data.retention-not-ended'));
    });

    it('when erasure is asked the day after, then the person and every live key in its scope are erased', () => {
      const subjects = [`client:${C}`, 'contact:k2', 'contact:k1'];
      expect(erase('2034-01-01', contextOf(ended, subjects))).toEqual([
        {
          type: 'PersonalDataErased',
          data: {
            clientId: C,
            subjects: [`client:${C}`, 'contact:k1', 'contact:k2'],
            erasedOn: '2034-01-01',
            retention: { wwftUntil: '2031-12-31', fiscalUntil: '2033-12-31' },
          },
        },
      ]);
    });

    it('when the client holds no key of its own yet (a company), then its subject is erased all the same', () => {
      const [event] = erase('2034-01-01', contextOf(ended));
      expect(event.data.subjects).toEqual([`client:${C}`]);
    });

    it('when everything was erased before, then nothing is decided (a repeat is harmless)', () => {
      const erased = [`client:${C}`, 'contact:k1'];
      expect(erase('2034-01-01', contextOf(ended, erased, erased))).toEqual([]);
    });

    it('when a contact got a key after an earlier erasure, then only that one is erased now', () => {
      expect(erase('2034-01-02', contextOf(ended, [`client:${C}`, 'contact:k3'], [`client:${C}`]))[0].data.subjects).toEqual(['contact:k3']);
    });

    it('when keys were destroyed but the erasure never recorded (a crash), then it is recorded now', () => {
      expect(erase('2034-01-02', contextOf(ended, [`client:${C}`, 'contact:k1']))[0].data.subjects).toEqual([`client:${C}`, 'contact:k1']);
    });
  });

  describe.each<[ClientStatus, DomainEvent[]]>([
    ['Klant', klant],
    ['Prospect', [registered(C, 'person')]],
  ])('given a client that is %s', (status, events) => {
    it('when erasure is asked, then it is refused: the relationship has not ended', () => {
      expect(() => erase('2099-01-01', contextOf(events))).toThrow(
        refusedWith('personal-data.relationship-not-ended', { status }),
      );
    });
  });

  it('given a client ended with 9999-12-31 before end dates were bounded, when erasure is asked today, then it is refused: its retention dates are no dates, and the data is kept', () => {
    const openEnded = [...klant, statusChanged(C, 'Klant', 'Geen klant meer', { endDate: '9999-12-31', retention: retentionFrom('9999-12-31') })];
    expect(retentionFrom('9999-12-31')).toEqual({ wwftUntil: '+010004-12', fiscalUntil: '+010006-12' });

    expect(() => erase('2026-12-02', contextOf(openEnded))).toThrow(
      refusedWith('personal-data.retention-unreadable', { wwftUntil: '+010004-12', fiscalUntil: '+010006-12' }),
    );
  });

  it('given no client, when erasure is asked, then it is not found', () => {
    expect(() => erase('2099-01-01', contextOf([]))).toThrow(expect.objectContaining({ code: 'client.not-found' }));
  });
});
