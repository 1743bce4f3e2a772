import { type ClientRef, type FixtureContact, holdingCluster, registrationBody } from '../fixtures/holding-cluster';
import type { TestHub } from './test-hub';

export type ContactRef = FixtureContact['ref'];

export interface ScenarioIds {
  clients: Record<ClientRef, string>;
  contacts: Record<ContactRef, string>;
}

/** A fixture contact as the registration body: everything but the fixture's own wiring (ref, at, main). */
export function contactBody(contact: FixtureContact): Record<string, unknown> {
  const { ref: _ref, at: _at, ...body } = contact;
  void _ref;
  void _at;
  const plain = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  delete plain.main;
  return plain;
}

/**
 * The reference scenario without acceptance, in the order a firm best registers them: clients,
 * cluster, contacts (then linked to their main with the link command), invoice-to,
 * correspondence company, ownership.
 */
export async function buildReferenceScenario(hub: TestHub): Promise<ScenarioIds> {
  const clients = {} as Record<ClientRef, string>;
  const contacts = {} as Record<ContactRef, string>;
  for (const client of holdingCluster.clients) {
    clients[client.ref] = (await hub.http.post('/api/clients').send(registrationBody(client)).expect(201)).body.id;
  }
  await hub.http.put(`/api/clients/${clients.H}/cluster-head`).expect(200);
  for (const member of holdingCluster.cluster.members) {
    await hub.http.put(`/api/clients/${clients[member]}/cluster`).send({ headId: clients.H }).expect(200);
  }
  for (const contact of holdingCluster.contacts) {
    const response = await hub.http.post(`/api/clients/${clients[contact.at]}/contacts`).send(contactBody(contact)).expect(201);
    contacts[contact.ref] = response.body.id;
  }
  for (const contact of holdingCluster.contacts) {
    if (!('main' in contact)) continue;
    const main = contact.main as { client?: ClientRef; contact?: ContactRef };
    const body = main.client ? { clientId: clients[main.client] } : { contactId: contacts[main.contact!] };
    await hub.http.put(`/api/contacts/${contacts[contact.ref]}/main`).send(body).expect(200);
  }
  for (const [from, to] of Object.entries(holdingCluster.invoiceTo) as [ClientRef, ClientRef][]) {
    await hub.http.put(`/api/clients/${clients[from]}/invoice-to`).send({ clientId: clients[to] }).expect(200);
  }
  for (const [person, company] of Object.entries(holdingCluster.correspondenceCompany) as [ClientRef, ClientRef][]) {
    await hub.http.put(`/api/clients/${clients[person]}/correspondence-company`).send({ clientId: clients[company] }).expect(200);
  }
  for (const link of holdingCluster.ownership) {
    await hub.http
      .post('/api/ownerships')
      .send({ ownerId: clients[link.owner], ownedId: clients[link.owned], percent: link.percent })
      .expect(201);
  }
  await hub.settle();
  return { clients, contacts };
}
