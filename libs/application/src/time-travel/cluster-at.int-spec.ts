import { randomUUID } from 'node:crypto';
import type { PostgresEventStore } from '@koppelhub/eventstore';
import { openTestEventStore, type TestEventStore } from '../../../eventstore/src/testing/test-event-store';
import { clientCardFrom, clusterFrom } from './cluster-at';
import type { PointInTime } from './point-in-time';

describe('the cluster and the client card at a point in time', () => {
  let test: TestEventStore;
  let store: PostgresEventStore;
  const head = randomUUID();
  const member = randomUUID();
  const meta = { actor: 'test', commandId: 'c', correlationId: 'c' };
  const event = (type: string, data: Record<string, unknown>) => ({ id: randomUUID(), type, data, metadata: meta });
  const details = (searchName: string) => ({
    searchName,
    company: { statutoryName: `${searchName} B.V.` },
    address: { street: 'Straat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' },
    packages: [],
  });
  let whileMember = 0;
  const history = (clientId: string) => store.readStream(`client-${clientId}`);
  const clusterAt = async (clientId: string, point: PointInTime) => {
    const events = await history(clientId);
    const card = clientCardFrom(events, point);
    return card && clusterFrom(store, card, events, point);
  };

  beforeAll(async () => {
    test = await openTestEventStore('pglite');
    store = test.store;
    // Given H made head and M attached, then M renamed and detached later
    for (const [id, n] of [[head, '1'], [member, '2']] as const) {
      await store.append([{ stream: `client-${id}`, expectedVersion: 'no_stream', events: [
        event('ClientRegistered', { clientId: id, kind: 'company', clientNumber: n, status: 'Prospect', details: details(`C${n}`) }),
      ] }]);
    }
    await store.append([{ stream: `client-${head}`, expectedVersion: 1, events: [event('ClusterHeadDesignated', { clientId: head })] }]);
    const attached = await store.append([
      { stream: `client-${member}`, expectedVersion: 1, events: [event('JoinedCluster', { clientId: member, headId: head })] },
      { stream: `client-${head}`, expectedVersion: 2, events: [event('ClusterMemberAdded', { clientId: head, memberId: member })] },
    ]);
    whileMember = attached.events[1].position;
    await store.append([{ stream: `client-${member}`, expectedVersion: 2, events: [
      event('ClientDetailsChanged', { clientId: member, details: details('RENAMED'), changedFields: ['searchName'] }),
    ] }]);
    await store.append([
      { stream: `client-${member}`, expectedVersion: 3, events: [event('LeftCluster', { clientId: member, headId: head })] },
      { stream: `client-${head}`, expectedVersion: 3, events: [event('ClusterMemberRemoved', { clientId: head, memberId: member })] },
    ]);
  });
  afterAll(() => test.dispose());

  it('as at the position after the attach, the cluster had the member, with its name of then', async () => {
    const view = await clusterAt(member, { asAtPosition: whileMember });
    expect(view).toMatchObject({ head: { id: head, selected: false }, memberCount: 1 });
    expect(view?.members[0]).toMatchObject({ id: member, searchName: 'C2', selected: true });
  });

  it('as at the same position, asked of the head, the cluster had the member and the head is the one marked', async () => {
    const view = await clusterAt(head, { asAtPosition: whileMember });
    expect(view).toMatchObject({ head: { id: head, selected: true }, memberCount: 1, selectedClientId: head });
    expect(view?.members[0]).toMatchObject({ id: member, searchName: 'C2', selected: false });
  });

  it('now, the member is in no cluster and the head has none', async () => {
    expect(await clusterAt(member, { asAtPosition: await store.headPosition() })).toBeUndefined();
    expect(await clusterAt(head, { asAt: new Date() })).toMatchObject({ memberCount: 0 });
  });

  it('before registration, the client did not exist', async () => {
    expect(clientCardFrom(await history(member), { asAtPosition: 1 })).toBeUndefined();
  });
});
