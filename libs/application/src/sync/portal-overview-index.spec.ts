import { derivePortalUsers } from '@koppelhub/domain';
import { PortalOverviewIndex } from './portal-overview-index';

describe('lookups into a portal overview', () => {
  // Given Marieke's contacts at the holding and a work company under one main, and two people sharing a login at W2
  const overview = derivePortalUsers(
    [
      { id: 'k-h', clientId: 'H', email: 'M.Jansen@VBHolding.nl', portal: true },
      { id: 'k-w1', clientId: 'W1', email: 'm.jansen@vbholding.nl', portal: true, main: { kind: 'contact', id: 'k-h' } },
      { id: 'k-a', clientId: 'W2', email: 'info@w2.nl', portal: true },
      { id: 'k-b', clientId: 'W2', email: 'info@w2.nl', portal: true },
    ],
    [],
  );
  const index = PortalOverviewIndex.of(overview);
  const keys = (users: readonly { key: string }[]) => users.map((u) => u.key);

  it('when asked who sees a client, then the same users a scan of the overview finds, in its order', () => {
    for (const clientId of ['H', 'W1', 'W2', 'PH1']) {
      expect(keys(index.usersSeeing(clientId))).toEqual(keys(overview.users.filter((u) => u.clientIds.includes(clientId))));
    }
    expect(keys(index.usersSeeing('W1'))).toEqual(['contact:k-h']);
  });

  it('when asked who sees through a contact, or logs in with an e-mail in any case, then that user', () => {
    expect(keys(index.usersThrough('k-w1'))).toEqual(['contact:k-h']);
    expect(keys(index.usersWithLogin('M.JANSEN@vbholding.nl'))).toEqual(['contact:k-h']);
    expect(index.usersWithLogin('nobody@example.nl')).toEqual([]);
  });

  it('when asked who is held back, then the users sharing a login and their contacts', () => {
    expect([...index.heldUserKeys].sort()).toEqual(['contact:k-a', 'contact:k-b']);
    expect([...index.heldContactIds].sort()).toEqual(['k-a', 'k-b']);
  });

  it('when asked again for the same overview, then the index built the first time', () => {
    expect(PortalOverviewIndex.of(overview)).toBe(index);
  });
});
