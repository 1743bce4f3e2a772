import { given, registered } from '../testing/client-events';
import { contactData, contactRegistered, givenContact, hasLinked, linkedTo } from './contact.testing';
import { decideLinkContactToMain } from './link-contact-to-main.decide';
import type { MainState } from './main-state';
import { decideUnlinkContactFromMain } from './unlink-contact-from-main.decide';

const refusedWith = (code: string) => expect.objectContaining({ code });
const link = (contactId: string, main: MainState) =>
  decideLinkContactToMain({ type: 'LinkContactToMain', data: { contactId, main: { kind: main.kind, id: main.id } } }, contactAt(contactId), main);

const contacts: Record<string, ReturnType<typeof givenContact>> = {};
const contactAt = (id: string) => contacts[id] ?? givenContact();
const personMain = (id: string, linkedContactIds: string[] = []): MainState => ({
  kind: 'client',
  id,
  client: given(registered(id, 'person', '20001')),
  linkedContactIds,
});
const contactMain = (id: string): MainState => ({ kind: 'contact', id, contact: contactAt(id) });

describe('linking a contact to its main', () => {
  beforeEach(() => {
    for (const key of Object.keys(contacts)) delete contacts[key];
    contacts['H-DGA1'] = givenContact(contactRegistered('H-DGA1', 'H'));
    contacts['H-ADM'] = givenContact(contactRegistered('H-ADM', 'H', contactData({ name: { surname: 'Jansen' }, private: { mobile: '06-1' } })));
    contacts['W1-ADM'] = givenContact(contactRegistered('W1-ADM', 'W1', contactData({ name: { surname: 'Jansen' } })));
  });

  describe('given a contact and a person client', () => {
    it('when linked, then the contact records its main, the client its linked contact, and the private data follows', () => {
      const events = link('H-DGA1', personMain('DGA1'));
      expect(events.map((e) => e.type)).toEqual(['ContactLinkedToMain', 'ClientLinkedContactAdded', 'ContactPrivateDataSynced']);
      expect(events[1]).toEqual({ type: 'ClientLinkedContactAdded', data: { clientId: 'DGA1', linkedContactId: 'H-DGA1' } });
      expect(events[2].data).toMatchObject({
        contactId: 'H-DGA1',
        private: { address: { street: 'Lindelaan' }, email: 'jan@devries-prive.nl' },
        cause: { mainKey: 'client:DGA1', reason: 'linked-to-main' },
      });
    });

    it('when linked again to the same main, then nothing changes', () => {
      contacts['H-DGA1'] = givenContact(contactRegistered('H-DGA1', 'H'), linkedTo('H-DGA1', 'H', { kind: 'client', id: 'DGA1' }));
      expect(link('H-DGA1', personMain('DGA1'))).toEqual([]);
    });

    it('when linked to another main while linked, then it is refused', () => {
      contacts['H-DGA1'] = givenContact(contactRegistered('H-DGA1', 'H'), linkedTo('H-DGA1', 'H', { kind: 'client', id: 'DGA1' }));
      expect(() => link('H-DGA1', personMain('DGA2'))).toThrow(refusedWith('contact.already-linked'));
    });
  });

  describe('given a company client as main', () => {
    it('when linked, then it is refused: a main is a person', () => {
      const company: MainState = { kind: 'client', id: 'H', client: given(registered('H')), linkedContactIds: [] };
      expect(() => link('H-DGA1', company)).toThrow(refusedWith('contact.main-not-a-person'));
    });
  });

  describe('given another contact as main', () => {
    it('when W1-ADM is linked to H-ADM, then both streams record it', () => {
      const events = link('W1-ADM', contactMain('H-ADM'));
      expect(events.slice(0, 2)).toEqual([
        { type: 'ContactLinkedToMain', data: { contactId: 'W1-ADM', clientId: 'W1', main: { kind: 'contact', id: 'H-ADM' } } },
        { type: 'LinkedContactAdded', data: { contactId: 'H-ADM', linkedContactId: 'W1-ADM' } },
      ]);
      expect(events[2].data).toMatchObject({ private: { mobile: '06-1' }, cause: { mainKey: 'contact:H-ADM' } });
    });

    it('when W1-ADM, with a private address and e-mail of its own, is linked to H-ADM that has neither, then it keeps them', () => {
      const own = { address: { street: 'Kade', houseNumber: '1', postcode: '1011 AB', city: 'Amsterdam', country: 'NL' }, email: 'w1@prive.nl' };
      contacts['W1-ADM'] = givenContact(contactRegistered('W1-ADM', 'W1', contactData({ name: { surname: 'Jansen' }, private: own })));

      const events = link('W1-ADM', contactMain('H-ADM'));

      expect(events[2].data).toMatchObject({ private: { ...own, mobile: '06-1' }, changedFields: ['private.mobile'] });
    });

    it('when a contact is linked to itself, then it is refused', () => {
      expect(() => link('H-ADM', contactMain('H-ADM'))).toThrow(refusedWith('contact.self-link'));
    });

    it('when the main is itself linked, then it is refused: one level only', () => {
      contacts['H-ADM'] = givenContact(contactRegistered('H-ADM', 'H'), linkedTo('H-ADM', 'H', { kind: 'client', id: 'DGA1' }));
      expect(() => link('W1-ADM', contactMain('H-ADM'))).toThrow(refusedWith('contact.main-is-linked'));
    });

    it('when the main is linked to the contact, then it is refused as a cycle', () => {
      contacts['H-ADM'] = givenContact(contactRegistered('H-ADM', 'H'), linkedTo('H-ADM', 'H', { kind: 'contact', id: 'W1-ADM' }));
      expect(() => link('W1-ADM', contactMain('H-ADM'))).toThrow(refusedWith('contact.link-cycle'));
    });

    it('when the contact is the main of others, then it is refused: it cannot get a main itself', () => {
      contacts['W1-ADM'] = givenContact(contactRegistered('W1-ADM', 'W1'), hasLinked('W1-ADM', 'W2-ADM'));
      expect(() => link('W1-ADM', contactMain('H-ADM'))).toThrow(refusedWith('contact.is-a-main'));
    });

    it('when the main does not exist, then it is not found', () => {
      expect(() => link('W1-ADM', contactMain('nobody'))).toThrow(refusedWith('contact.not-found'));
    });
  });

  describe('unlinking', () => {
    it('given a linked contact, when unlinked, then both the contact and its main record it', () => {
      const linked = givenContact(contactRegistered('W1-ADM', 'W1'), linkedTo('W1-ADM', 'W1', { kind: 'contact', id: 'H-ADM' }));
      expect(decideUnlinkContactFromMain({ type: 'UnlinkContactFromMain', data: { contactId: 'W1-ADM' } }, linked)).toEqual([
        { type: 'ContactUnlinkedFromMain', data: { contactId: 'W1-ADM', clientId: 'W1', main: { kind: 'contact', id: 'H-ADM' } } },
        { type: 'LinkedContactRemoved', data: { contactId: 'H-ADM', linkedContactId: 'W1-ADM' } },
      ]);
    });

    it('given an unlinked contact, when unlinked, then it is refused', () => {
      expect(() =>
        decideUnlinkContactFromMain({ type: 'UnlinkContactFromMain', data: { contactId: 'H-ADM' } }, contactAt('H-ADM')),
      ).toThrow(refusedWith('contact.not-linked'));
    });
  });
});
