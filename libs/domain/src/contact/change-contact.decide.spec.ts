import { given, personDetails, registered } from '../testing/client-events';
import { decideChangeContact } from './change-contact.decide';
import { contactData, contactRegistered, givenContact, hasLinked, linkedTo } from './contact.testing';
import { syncContactsOfPersonClient } from './private-data-sync';
import { decideRegisterContact } from './register-contact.decide';
import { decideRemoveContact } from './remove-contact.decide';

const refusedWith = (code: string) => expect.objectContaining({ code });
const NEW_ADDRESS = { street: 'Oudegracht', houseNumber: '100', postcode: '3511 AX', city: 'Utrecht', country: 'NL' };

describe('contact data', () => {
  describe('registering', () => {
    it('given a client, when a contact is registered, then it is recorded with e-mails in lower case', () => {
      const events = decideRegisterContact(
        { type: 'RegisterContact', data: { contactId: 'C', clientId: 'H', contact: contactData({ email: 'Jan@VBHolding.nl' }) } },
        given(registered('H')),
        givenContact(),
      );
      expect(events).toEqual([{ type: 'ContactRegistered', data: { contactId: 'C', clientId: 'H', contact: contactData() } }]);
    });

    it('given no client, when a contact is registered, then it is not found', () => {
      expect(() =>
        decideRegisterContact({ type: 'RegisterContact', data: { contactId: 'C', clientId: 'H', contact: contactData() } }, given(), givenContact()),
      ).toThrow(refusedWith('client.not-found'));
    });

    it('when the form has no surname and a bad e-mail, then every violation is reported', () => {
      const bad = contactData({ name: { surname: ' ' }, email: 'nope' });
      expect(() =>
        decideRegisterContact({ type: 'RegisterContact', data: { contactId: 'C', clientId: 'H', contact: bad } }, given(registered('H')), givenContact()),
      ).toThrow(expect.objectContaining({ code: 'validation-failed', details: { violations: expect.arrayContaining([expect.objectContaining({ field: 'surname' }), expect.objectContaining({ field: 'email' })]) } }));
    });
  });

  describe('given a contact, its private address country', () => {
    const contact = givenContact(contactRegistered('C', 'H'));
    const change = (patch: object) => decideChangeContact({ type: 'ChangeContact', data: { contactId: 'C', patch } }, contact);
    const register = (country: string) =>
      decideRegisterContact(
        { type: 'RegisterContact', data: { contactId: 'C', clientId: 'H', contact: contactData({ private: { address: { ...NEW_ADDRESS, country } } }) } },
        given(registered('H')),
        givenContact(),
      );
    const notACountry = { field: 'private.address.country', message: 'country must be an ISO 3166-1 alpha-2 country code, like NL' };

    it('when a contact is registered with country XX, then it is refused by name', () => {
      expect(() => register('XX')).toThrow(expect.objectContaining({ code: 'validation-failed', violations: [notACountry] }));
    });

    it('when a contact is registered with country nl, then it is stored as NL (the postcode checked as Dutch)', () => {
      const [event] = register('nl');
      expect(event.data.contact.private.address).toEqual(NEW_ADDRESS);
    });

    it('when the private address is changed to country XX, then it is refused by name', () => {
      expect(() => change({ private: { address: { ...NEW_ADDRESS, country: 'XX' } } })).toThrow(expect.objectContaining({ violations: [notACountry] }));
    });
  });

  describe('given a change from outside the HTTP edge, with values that are not text', () => {
    const contact = givenContact(contactRegistered('C', 'H'));
    const change = (patch: object) => decideChangeContact({ type: 'ChangeContact', data: { contactId: 'C', patch } }, contact);

    it.each([[12], [['NL']]])('when the private address has country %j, then it is refused by name instead of failing', (country) => {
      expect(() => change({ private: { address: { ...NEW_ADDRESS, country } } })).toThrow(
        expect.objectContaining({ violations: [{ field: 'private.address.country', message: 'private.address.country must be a string' }] }),
      );
    });

    it('when the e-mail addresses are null, then they are refused by name instead of failing', () => {
      expect(() => change({ email: null, private: { email: null } })).toThrow(
        expect.objectContaining({
          violations: [
            { field: 'email', message: 'email must be an e-mail address' },
            { field: 'private.email', message: 'private.email must be an e-mail address' },
          ],
        }),
      );
    });
  });

  describe('given a main contact with two linked contacts', () => {
    const main = givenContact(contactRegistered('H-ADM', 'H'), hasLinked('H-ADM', 'W1-ADM'), hasLinked('H-ADM', 'W2-ADM'));
    const linked = ['W1-ADM', 'W2-ADM'].map((id) =>
      givenContact(contactRegistered(id, id.slice(0, 2)), linkedTo(id, id.slice(0, 2), { kind: 'contact', id: 'H-ADM' })),
    );

    it('when its private address changes, then both linked contacts follow, each with the main as cause', () => {
      const events = decideChangeContact(
        { type: 'ChangeContact', data: { contactId: 'H-ADM', patch: { private: { address: NEW_ADDRESS } } } },
        main,
        linked,
      );
      expect(events.map((e) => [e.type, e.data.contactId])).toEqual([
        ['ContactChanged', 'H-ADM'],
        ['ContactPrivateDataSynced', 'W1-ADM'],
        ['ContactPrivateDataSynced', 'W2-ADM'],
      ]);
      expect(events[1].data).toMatchObject({ changedFields: ['private.address'], cause: { mainKey: 'contact:H-ADM', reason: 'main-changed' } });
    });

    it('when only its business phone changes, then the linked contacts are left alone', () => {
      const events = decideChangeContact({ type: 'ChangeContact', data: { contactId: 'H-ADM', patch: { phone: '030-1' } } }, main, linked);
      expect(events.map((e) => e.type)).toEqual(['ContactChanged']);
    });

    it('when nothing changes, then no event', () => {
      expect(decideChangeContact({ type: 'ChangeContact', data: { contactId: 'H-ADM', patch: { role: 'Directeur' } } }, main, linked)).toEqual([]);
    });

    it('when a linked contact’s private data is edited directly, then it is refused: it follows its main', () => {
      expect(() =>
        decideChangeContact({ type: 'ChangeContact', data: { contactId: 'W1-ADM', patch: { private: { email: 'x@y.nl' } } } }, linked[0]),
      ).toThrow(refusedWith('contact.private-data-follows-main'));
    });

    it('when the main is removed, then it is refused while contacts are linked to it', () => {
      expect(() => decideRemoveContact({ type: 'RemoveContact', data: { contactId: 'H-ADM' } }, main)).toThrow(refusedWith('contact.is-a-main'));
    });

    it('when a linked contact is removed, then its main loses it too', () => {
      expect(decideRemoveContact({ type: 'RemoveContact', data: { contactId: 'W1-ADM' } }, linked[0]).map((e) => e.type)).toEqual([
        'ContactRemoved',
        'LinkedContactRemoved',
      ]);
    });
  });

  describe('given a person client with linked contacts', () => {
    const { email: _email, ...withoutEmail } = personDetails();
    void _email;
    const registeredWith = (details: typeof withoutEmail) =>
      given({ type: 'ClientRegistered', data: { clientId: 'DGA1', kind: 'person', clientNumber: '20001', status: 'Prospect', details } });
    const linkedWithEmail = [givenContact(contactRegistered('H-DGA1', 'H', contactData({ private: { email: 'jan@devries-prive.nl', mobile: '06-1' } })))];

    it('when it clears its private e-mail, then its linked contacts lose theirs and keep their mobile (it keeps none)', () => {
      const [event] = syncContactsOfPersonClient(registeredWith(withoutEmail), linkedWithEmail, registeredWith(personDetails()));
      expect(event.data.changedFields).toEqual(['private.address', 'private.email']);
      expect(event.data.private).toEqual({ address: withoutEmail.address, mobile: '06-1' });
    });

    it('when it never had a private e-mail, then a linked contact keeps its own', () => {
      const [event] = syncContactsOfPersonClient(registeredWith(withoutEmail), linkedWithEmail, registeredWith(withoutEmail));
      expect(event.data.changedFields).toEqual(['private.address']);
      expect(event.data.private).toEqual({ address: withoutEmail.address, email: 'jan@devries-prive.nl', mobile: '06-1' });
    });

    describe('whose private e-mail has capitals', () => {
      const capitals = registeredWith(personDetails({ email: 'Jan@DeVries-Prive.nl' }));
      const linkedToClient = givenContact(contactRegistered('H-DGA1', 'H'), linkedTo('H-DGA1', 'H', { kind: 'client', id: 'DGA1' }));

      it('when its linked contacts follow it, then they get the e-mail in lower case, as a contact keeps it', () => {
        const [event] = syncContactsOfPersonClient(capitals, [linkedToClient], registeredWith(personDetails()));
        expect(event.data.private.email).toBe('jan@devries-prive.nl');
      });

      it('when a contact that followed it with the capitals has its portal switched off, then that is taken, not refused as an edit of its private data', () => {
        // Given a contact synced before copies were stored lower-case
        const synced = givenContact(contactRegistered('H-DGA1', 'H'), linkedTo('H-DGA1', 'H', { kind: 'client', id: 'DGA1' }), {
          type: 'ContactPrivateDataSynced',
          data: {
            contactId: 'H-DGA1',
            clientId: 'H',
            name: contactData().name,
            private: { address: personDetails().address, email: 'Jan@DeVries-Prive.nl' },
            changedFields: ['private.address', 'private.email'],
            cause: { mainKey: 'client:DGA1', reason: 'linked-to-main' },
          },
        });
        const [event, ...rest] = decideChangeContact({ type: 'ChangeContact', data: { contactId: 'H-DGA1', patch: { portal: false } } }, synced);
        expect(rest).toEqual([]);
        expect(event).toMatchObject({ type: 'ContactChanged', data: { changedFields: ['portal'] } });
      });
    });

    it('when its address changes, then every linked contact gets it, caused by the client', () => {
      const moved = given({
        type: 'ClientRegistered',
        data: { clientId: 'DGA1', kind: 'person', clientNumber: '20001', status: 'Prospect', details: personDetails({ address: NEW_ADDRESS }) },
      });
      const linked = ['H-DGA1', 'PH1-DGA1', 'W1-DGA1'].map((id) => givenContact(contactRegistered(id, 'X')));
      const events = syncContactsOfPersonClient(moved, linked, registeredWith(personDetails()));
      expect(events).toHaveLength(3);
      expect(events.every((e) => e.data.private.address?.street === 'Oudegracht')).toBe(true);
      expect(events[0].data.cause).toEqual({ mainKey: 'client:DGA1', reason: 'main-changed' });
    });
  });
});
