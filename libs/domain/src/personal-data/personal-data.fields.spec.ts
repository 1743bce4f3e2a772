import { registered } from '../testing/client-events';
import { personalFieldsOf } from './personal-data.fields';

describe('which fields are personal data', () => {
  it('given a person registered, then BSN, date of birth, private e-mail and every address part are, under the client', () => {
    const event = registered('c1', 'person');
    (event.data.details.person as { dateOfBirth?: string }).dateOfBirth = '1968-04-12';
    expect(personalFieldsOf(event)).toEqual([
      {
        subject: 'client:c1',
        scope: 'client:c1',
        paths: [
          ['details', 'person', 'bsn'],
          ['details', 'person', 'dateOfBirth'],
          ['details', 'email'],
          ['details', 'address', 'street'],
          ['details', 'address', 'houseNumber'],
          ['details', 'address', 'postcode'],
          ['details', 'address', 'city'],
          ['details', 'address', 'country'],
        ],
      },
    ]);
  });

  it('given a company registered, then none are', () => {
    expect(personalFieldsOf(registered('c1', 'company'))).toEqual([]);
  });

  it("given a contact's private data synced from its main, then they are the contact's, in the scope of its client", () => {
    const event = {
      type: 'ContactPrivateDataSynced',
      data: { contactId: 'k1', clientId: 'c2', name: { surname: 'Vries' }, private: { email: 'jan@example.nl', mobile: '0612345678' } },
    };
    expect(personalFieldsOf(event)).toEqual([
      { subject: 'contact:k1', scope: 'client:c2', paths: [['private', 'email'], ['private', 'mobile']] },
    ]);
  });
});
