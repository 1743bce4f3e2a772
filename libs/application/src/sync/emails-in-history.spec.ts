import type { RecordedEvent } from '@koppelhub/eventstore';
import { emailsInHistory } from './emails-in-history';

const event = (type: string, data: Record<string, unknown>) => ({ type, data }) as unknown as RecordedEvent;

describe('the e-mails a stream has given its contact or person', () => {
  it('given a contact registered, changed and removed, then every address it had, lower-cased', () => {
    const history = [
      event('ContactRegistered', { contactId: 'k1', clientId: 'c1', contact: { surname: 'Jansen', email: 'M.Jansen@VBHolding.nl' } }),
      event('ContactChanged', { contactId: 'k1', clientId: 'c1', contact: { surname: 'Jansen', email: 'marieke@elders.nl' }, changedFields: ['email'] }),
      event('ContactRemoved', { contactId: 'k1', clientId: 'c1' }),
    ];
    expect(emailsInHistory(history)).toEqual(new Set(['m.jansen@vbholding.nl', 'marieke@elders.nl']));
  });

  it('given a person client whose private e-mail changed, then both addresses', () => {
    const history = [
      event('ClientRegistered', { clientId: 'c1', details: { email: 'jan@devries-prive.nl' } }),
      event('ClientDetailsChanged', { clientId: 'c1', details: { email: 'jan@elders.nl' }, changedFields: ['email'] }),
      event('ClientStatusChanged', { clientId: 'c1', from: 'Prospect', to: 'Klantaanvraag' }),
    ];
    expect(emailsInHistory(history)).toEqual(new Set(['jan@devries-prive.nl', 'jan@elders.nl']));
  });
});
