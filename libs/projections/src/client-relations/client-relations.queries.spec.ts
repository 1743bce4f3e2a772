import { derivePortalUsers, ERASED } from '@koppelhub/domain';
import type { ClientRelationsRow } from './client-relations.projection';
import { toPortalPerson } from './client-relations.queries';

/** A person client's row with only what the portal reads of it. */
const personRow = (clientId: string, email: string | null): ClientRelationsRow =>
  ({ client_id: clientId, email, packages: ['pinkweb'] }) as unknown as ClientRelationsRow;

describe('person clients as the portal sees them', () => {
  it('given a person whose private e-mail was erased, when read for the portal, then it has no e-mail', () => {
    expect(toPortalPerson(personRow('p1', ERASED))).toEqual({ id: 'p1', hasPortalPackage: true });
    expect(toPortalPerson(personRow('p2', 'jan@devries-prive.nl'))).toEqual({ id: 'p2', email: 'jan@devries-prive.nl', hasPortalPackage: true });
  });

  it('given two erased persons with the portal package, when the portal users are derived, then "erased" is nobody\'s login', () => {
    const overview = derivePortalUsers([], [toPortalPerson(personRow('p1', ERASED)), toPortalPerson(personRow('p2', ERASED))]);

    expect(overview.users.map((u) => u.login)).not.toContain(ERASED);
    expect(JSON.stringify(overview.problems)).not.toContain('duplicate-login');
  });
});
