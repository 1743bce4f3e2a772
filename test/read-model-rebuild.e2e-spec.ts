import { ERASED } from '@koppelhub/domain';
import { testDatabaseKinds as kinds } from '../libs/eventstore/src/testing/test-database';
import { holdingCluster } from './fixtures/holding-cluster';
import { acceptanceAgents, endRelationshipToday, takeToKlant } from './support/approved-scenario';
import { buildReferenceScenario, type ScenarioIds } from './support/reference-scenario';
import { startTestHub, type TestHub } from './support/test-hub';

const DGA1 = holdingCluster.clients.find((c) => c.ref === 'DGA1')!;

describe.each(kinds)('every read model rebuilt from position 0 on %s', (kind) => {
  // The hub's clock: real time until the erasure needs a day past the retention.
  const clock = { at: undefined as Date | undefined, now() { return this.at ?? new Date(); } };
  let hub: TestHub;
  let ids: ScenarioIds;

  /** Every read model's rows, in key order. */
  const snapshot = async () => {
    const tables: Record<string, unknown[]> = {};
    for (const { projection } of hub.runtime.projections) {
      const { rows } = await hub.runtime.database.pool.query(`select * from ${projection.table} order by ${projection.key}`);
      tables[projection.name] = rows;
    }
    return tables;
  };

  beforeAll(async () => {
    hub = await startTestHub(kind, {}, { clock });
    const as = await acceptanceAgents(hub);

    // Given the reference scenario: clients, cluster, contacts linked to their mains, invoice-to,
    // correspondence company and ownership ...
    ids = await buildReferenceScenario(hub);
    // ... with a contact changed, a main link undone, a contact added and removed, and an
    // ownership removed ...
    const [changed] = holdingCluster.contacts;
    await hub.http.patch(`/api/contacts/${ids.contacts[changed.ref]}`).send({ role: 'Directeur', phone: '0301234567' }).expect(200);
    const linked = holdingCluster.contacts.find((c) => 'main' in c)!;
    await hub.http.delete(`/api/contacts/${ids.contacts[linked.ref]}/main`).expect(200);
    const extra = await hub.http.post(`/api/clients/${ids.clients.W2}/contacts`).send({ surname: 'Tijdelijk', portal: false }).expect(201);
    await hub.http.delete(`/api/contacts/${extra.body.id}`).expect(200);
    const { rows: links } = await hub.runtime.database.pool.query<{ ownership_id: string }>(
      'select ownership_id from rm_ownerships order by ownership_id limit 1',
    );
    await hub.http.delete(`/api/ownerships/${links[0].ownership_id}`).expect(200);

    // ... and DGA1 taken through acceptance to Klant, ended, and erased once the retention passed
    await takeToKlant(as, ids.clients.DGA1, DGA1, ids.clients);
    const { erasableFrom } = await endRelationshipToday(as.centraleAdministratie, ids.clients.DGA1);
    clock.at = new Date(`${erasableFrom}T08:00:00Z`);
    await as.centraleAdministratie.post(`/api/clients/${ids.clients.DGA1}/personal-data/erasure`).expect(200);
    await hub.settle();
  }, 180_000);

  afterAll(async () => {
    await hub?.stop();
  });

  it('given that history folded live, when each read model is rebuilt, then every table holds the same rows', async () => {
    const live = await snapshot();
    // The history reached every read model
    expect(live['client-search']).toHaveLength(holdingCluster.clients.length);
    expect(live['cluster-membership'].length).toBeGreaterThan(0);
    expect(live.contacts.length).toBeGreaterThan(0);
    expect(live.ownerships).toHaveLength(holdingCluster.ownership.length - 1);
    expect(live['client-relations'].length).toBeGreaterThan(0);
    // and the erasure: DGA1's home city is erased from its search row
    const dga1 = (live['client-search'] as Array<{ client_id: string; city: string | null }>).find((row) => row.client_id === ids.clients.DGA1);
    expect(dga1?.city).toBe(ERASED);
    expect(JSON.stringify(live)).not.toContain(DGA1.person.bsn);

    for (const runner of hub.runtime.projections) await runner.rebuild();

    expect(await snapshot()).toEqual(live);
  }, 60_000);
});
