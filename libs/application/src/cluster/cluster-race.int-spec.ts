import { clientStream } from '@koppelhub/domain';
import type { EventStore, PostgresEventStore, StreamAppend } from '@koppelhub/eventstore';
import { openTestEventStore, type TestEventStore } from '../../../eventstore/src/testing/test-event-store';
import { newCommandMetadata } from '../commands/command-metadata';
import { RegisterClientCommand } from '../clients/register-client/register-client.command';
import { clientIdOf, RegisterClientHandler } from '../clients/register-client/register-client.handler';
import { AttachClusterMemberHandler } from './attach-cluster-member/attach-cluster-member.handler';
import { AttachClusterMemberCommand, DesignateClusterHeadCommand, RevokeClusterHeadCommand } from './cluster-command';
import { DesignateClusterHeadHandler } from './designate-cluster-head/designate-cluster-head.handler';
import { RevokeClusterHeadHandler } from './revoke-cluster-head/revoke-cluster-head.handler';

/**
 * The store as one command sees it, where a rival command lands between that command's read and its
 * first append: the race of attaching to a head while it is being revoked (docs/domain.md, cluster structure), made
 * certain instead of left to timing.
 */
function racedBy(store: EventStore, rival: () => Promise<unknown>): EventStore {
  let raced = false;
  return new Proxy(store, {
    get(target, key) {
      if (key === 'append') {
        return async (appends: StreamAppend[]) => {
          if (!raced) {
            raced = true;
            await rival();
          }
          return target.append(appends);
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('attaching to a head while it is being revoked (PGlite)', () => {
  let test: TestEventStore;
  let store: PostgresEventStore;
  let next = 46000;
  const meta = () => newCommandMetadata('test');

  async function headWithCandidate(): Promise<{ head: string; member: string }> {
    const register = new RegisterClientHandler(store);
    const [head, member] = [String(next++), String(next++)].map((clientNumber) => clientIdOf(clientNumber));
    for (const clientNumber of [next - 2, next - 1].map(String)) {
      await register.execute(
        new RegisterClientCommand(
          {
            kind: 'company',
            clientNumber,
            startStatus: 'Prospect',
            details: {
              searchName: `RACE${clientNumber}`,
              company: { legalForm: 'BV', statutoryName: `Race ${clientNumber} B.V.` },
              address: { street: 'Kade', houseNumber: '1', postcode: '1011 AB', city: 'Amsterdam', country: 'NL' },
              packages: [],
            },
          },
          meta(),
        ),
      );
    }
    await new DesignateClusterHeadHandler(store).execute(new DesignateClusterHeadCommand(head, meta()));
    return { head, member };
  }

  beforeAll(async () => {
    test = await openTestEventStore('pglite');
    store = test.store;
  });
  afterAll(() => test.dispose());

  it('given the revoke lands first, when the attach appends, then the attach loses with a conflict naming the rule', async () => {
    const { head, member } = await headWithCandidate();
    const revoke = () => new RevokeClusterHeadHandler(store).execute(new RevokeClusterHeadCommand(head, meta()));

    const attach = new AttachClusterMemberHandler(racedBy(store, revoke)).execute(new AttachClusterMemberCommand(member, head, meta()));

    await expect(attach).rejects.toMatchObject({ kind: 'conflict', code: 'cluster.not-a-head', details: expect.objectContaining({ concurrentChange: true }) });
    expect((await store.readStream(clientStream(head))).map((e) => e.type)).toEqual(['ClientRegistered', 'ClusterHeadDesignated', 'ClusterHeadRevoked']);
    expect((await store.readStream(clientStream(member))).map((e) => e.type)).toEqual(['ClientRegistered']);
  });

  it('given the attach lands first, when the revoke appends, then the revoke loses with a conflict naming the rule', async () => {
    const { head, member } = await headWithCandidate();
    const attach = () => new AttachClusterMemberHandler(store).execute(new AttachClusterMemberCommand(member, head, meta()));

    const revoke = new RevokeClusterHeadHandler(racedBy(store, attach)).execute(new RevokeClusterHeadCommand(head, meta()));

    await expect(revoke).rejects.toMatchObject({ kind: 'conflict', code: 'cluster.head-has-members' });
    expect((await store.readStream(clientStream(member))).map((e) => e.type)).toEqual(['ClientRegistered', 'JoinedCluster']);
  });

  it('given no race, when a member is attached to a client that is no head, then it is the rule itself that refuses it', async () => {
    const { head, member } = await headWithCandidate();
    await new RevokeClusterHeadHandler(store).execute(new RevokeClusterHeadCommand(head, meta()));

    const attach = new AttachClusterMemberHandler(store).execute(new AttachClusterMemberCommand(member, head, meta()));

    await expect(attach).rejects.toMatchObject({ kind: 'rule', code: 'cluster.not-a-head' });
  });
});
