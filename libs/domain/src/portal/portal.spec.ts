import { contactRegistered, givenContact, linkedTo } from '../contact/contact.testing';
import { contactData } from '../contact/contact.testing';
import { decideGrantPortalAccess } from './grant-portal-access.decide';
import { derivePortalUsers, type PortalContact } from './portal-users';

const DGA1 = { kind: 'client' as const, id: 'DGA1' };
const DGA2 = { kind: 'client' as const, id: 'DGA2' };
const HADM = { kind: 'contact' as const, id: 'H-ADM' };

/** The reference scenario's ten contacts with their mains. */
const reference: PortalContact[] = [
  { id: 'H-DGA1', clientId: 'H', email: 'jan@vbholding.nl', portal: true, main: DGA1 },
  { id: 'H-DGA2', clientId: 'H', email: 'anna@vbholding.nl', portal: true, main: DGA2 },
  { id: 'H-ADM', clientId: 'H', email: 'm.jansen@vbholding.nl', portal: true },
  { id: 'PH1-DGA1', clientId: 'PH1', email: 'jan@vbholding.nl', portal: true, main: DGA1 },
  { id: 'PH2-DGA2', clientId: 'PH2', email: 'anna@vbholding.nl', portal: true, main: DGA2 },
  { id: 'W1-DGA1', clientId: 'W1', email: 'jan@vbholding.nl', portal: true, main: DGA1 },
  { id: 'W1-ADM', clientId: 'W1', email: 'm.jansen@vbholding.nl', portal: true, main: HADM },
  { id: 'W1-HR', clientId: 'W1', email: 'k.bakker@vbbouw.nl', portal: false },
  { id: 'W2-DGA2', clientId: 'W2', email: 'anna@vbholding.nl', portal: true, main: DGA2 },
  { id: 'W2-ADM', clientId: 'W2', email: 'm.jansen@vbholding.nl', portal: true, main: HADM },
];
const persons = [
  { id: 'DGA1', email: 'jan@devries-prive.nl', hasPortalPackage: true },
  { id: 'DGA2', email: 'anna@vandenberg-prive.nl', hasPortalPackage: true },
];

describe('portal users', () => {
  it('given the reference scenario, then four portal users see exactly their registrations', () => {
    const { users, problems } = derivePortalUsers(reference, persons);
    expect(Object.fromEntries(users.map((u) => [u.key, u.clientIds]))).toEqual({
      'client:DGA1': ['DGA1', 'H', 'PH1', 'W1'],
      'client:DGA2': ['DGA2', 'H', 'PH2', 'W2'],
      'contact:H-ADM': ['H', 'W1', 'W2'],
      'contact:W1-HR': [],
    });
    expect(users.find((u) => u.key === 'client:DGA1')?.login).toBe('jan@vbholding.nl');
    expect(users.find((u) => u.key === 'contact:H-ADM')?.login).toBe('m.jansen@vbholding.nl');
    expect(problems).toEqual([]);
  });

  it('given W1-ADM is not (yet) linked, then the shared login is reported naming both portal users', () => {
    const unlinked = reference.map((c) => (c.id === 'W1-ADM' ? { ...c, main: undefined } : c));
    expect(derivePortalUsers(unlinked, persons).problems).toEqual([
      expect.objectContaining({ code: 'portal.duplicate-login', login: 'm.jansen@vbholding.nl', users: ['contact:H-ADM', 'contact:W1-ADM'] }),
    ]);
  });

  it('given W1-ADM is not linked and writes the login in other capitals, then it is the same login, reported as shared', () => {
    const unlinked = reference.map((c) => (c.id === 'W1-ADM' ? { ...c, main: undefined, email: 'M.Jansen@VBHolding.nl' } : c));
    expect(derivePortalUsers(unlinked, persons).problems).toEqual([
      expect.objectContaining({ code: 'portal.duplicate-login', users: ['contact:H-ADM', 'contact:W1-ADM'] }),
    ]);
  });

  it('given the contacts of a person client write its e-mail in other capitals, then they agree on one login', () => {
    const capitals = reference.map((c) => (c.id === 'W1-DGA1' ? { ...c, email: 'Jan@VBHolding.nl' } : c));
    const { users, problems } = derivePortalUsers(capitals, persons);
    expect(users.find((u) => u.key === 'client:DGA1')?.login?.toLowerCase()).toBe('jan@vbholding.nl');
    expect(problems).toEqual([]);
  });

  it('given the contacts of a person client disagree on the e-mail, then that is reported', () => {
    const disagreeing = reference.map((c) => (c.id === 'W1-DGA1' ? { ...c, email: 'jan@vbbouw.nl' } : c));
    const { users, problems } = derivePortalUsers(disagreeing, persons);
    expect(users.find((u) => u.key === 'client:DGA1')?.login).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ code: 'portal.login-disagreement', user: 'client:DGA1' })]);
  });

  it('given a person client with the portal package and no contacts, then it sees itself with its own e-mail', () => {
    const { users } = derivePortalUsers([], [persons[0]]);
    expect(users).toEqual([{ key: 'client:DGA1', main: DGA1, login: 'jan@devries-prive.nl', contactIds: [], clientIds: ['DGA1'] }]);
  });
});

describe('giving portal access', () => {
  const grant = (clientId: string) => ({ type: 'GrantPortalAccess' as const, data: { contactId: 'H-ADM', clientId } });
  const main = givenContact(contactRegistered('H-ADM', 'H', contactData({ portal: true })));
  const w1 = givenContact(contactRegistered('W1-ADM', 'W1', contactData({ portal: false })), linkedTo('W1-ADM', 'W1', HADM));
  const known = { exists: true };

  it('given a linked registration at W1 with the portal off, when access to W1 is given, then that registration switches on', () => {
    const events = decideGrantPortalAccess(grant('W1'), main, known, 'contact:H-ADM', [w1]);
    expect(events).toEqual([
      expect.objectContaining({ type: 'ContactChanged', data: expect.objectContaining({ contactId: 'W1-ADM', changedFields: ['portal'] }) }),
    ]);
  });

  it('given no registration at PH1, when access to PH1 is given, then it is refused', () => {
    expect(() => decideGrantPortalAccess(grant('PH1'), main, known, 'contact:H-ADM', [w1])).toThrow(
      expect.objectContaining({ code: 'portal.no-registration', details: { user: 'contact:H-ADM', clientId: 'PH1' } }),
    );
  });

  it('given a client that does not exist, when access to it is given, then the client is not found', () => {
    expect(() => decideGrantPortalAccess(grant('NONE'), main, { exists: false }, 'contact:H-ADM', [w1])).toThrow(
      expect.objectContaining({ code: 'client.not-found', kind: 'not-found', details: { clientId: 'NONE' } }),
    );
  });

  it('given access already on, when given again, then nothing changes', () => {
    expect(decideGrantPortalAccess(grant('H'), main, known, 'contact:H-ADM', [w1])).toEqual([]);
  });
});
