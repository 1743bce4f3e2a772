import type { AllSandboxes } from '@koppelhub/connectors';
import { calendarDateOf, type PackageName, retentionFrom } from '@koppelhub/domain';
import { type ClientRef, type FixtureClient, holdingCluster } from '../fixtures/holding-cluster';
import { engagementsOf, organogramDocumentOf, wwftRegistrationOf } from './acceptance-fixture';
import { buildReferenceScenario, type ScenarioIds } from './reference-scenario';
import type { HttpAgent, TestHub } from './test-hub';

export interface ApprovedScenario {
  ids: ScenarioIds;
  /** The named approver: a change to a client's card or dossier after the approval needs theirs again. */
  approver: HttpAgent;
  /** Sets Klant and ends relationships. */
  centraleAdministratie: HttpAgent;
  /** Sets the given clients (all of the scenario by default) to Klant over the API. */
  makeKlant(refs?: readonly ClientRef[]): Promise<void>;
}

/** The people acceptance takes: relation management registers, the approver approves, central administration sets Klant and ends. */
export interface AcceptanceAgents {
  relatiebeheer: HttpAgent;
  approver: HttpAgent;
  centraleAdministratie: HttpAgent;
}

export async function acceptanceAgents(hub: TestHub): Promise<AcceptanceAgents> {
  return {
    relatiebeheer: await hub.as('r.jansen', 'relatiebeheer'),
    approver: await hub.as('a.bakker', 'klantgoedkeurder'),
    centraleAdministratie: await hub.as('c.smit', 'centrale-administratie'),
  };
}

/** Takes a client registered as the fixture's `client` from its start status through approval to Klant. */
export async function takeToKlant(as: AcceptanceAgents, id: string, client: FixtureClient, clientIds: ScenarioIds['clients']): Promise<void> {
  await approveFromStart(as, id, client, clientIds);
  await as.centraleAdministratie.post(`/api/clients/${id}/status`).send({ to: 'Klant' }).expect(200);
}

/** Takes a client registered as the fixture's `client` from its start status (Prospect or Klantaanvraag) to approval. */
async function approveFromStart(
  as: { relatiebeheer: HttpAgent; approver: HttpAgent },
  id: string,
  client: FixtureClient,
  clientIds: ScenarioIds['clients'],
): Promise<void> {
  if (client.startStatus === 'Prospect') await as.relatiebeheer.post(`/api/clients/${id}/status`).send({ to: 'Klantaanvraag' }).expect(200);
  await approveClient(as, id, client, clientIds);
}

/** A relationship ended today: its retention dates, and the first day its personal data may be erased. */
export interface EndedRelationship {
  endDate: string;
  wwftUntil: string;
  fiscalUntil: string;
  erasableFrom: string;
}

/** Ends a Klant as Geen klant meer today (an end date may not lie before the day of Klant). */
export async function endRelationshipToday(centraleAdministratie: HttpAgent, id: string): Promise<EndedRelationship> {
  const endDate = calendarDateOf(new Date());
  const { fiscalUntil, wwftUntil } = retentionFrom(endDate);
  await centraleAdministratie.post(`/api/clients/${id}/status`).send({ to: 'Geen klant meer', endDate }).expect(200);
  return { endDate, wwftUntil, fiscalUntil, erasableFrom: new Date(Date.parse(fiscalUntil) + 86_400_000).toISOString().slice(0, 10) };
}

/**
 * Takes a client in Klantaanvraag, registered as the fixture's `client`, to approval: its Wwft
 * registration (naming the scenario's clients by `clientIds`), organogram and engagements, then Ter
 * goedkeuring and the approver's approval.
 */
export async function approveClient(
  as: { relatiebeheer: HttpAgent; approver: HttpAgent },
  id: string,
  client: FixtureClient,
  clientIds: ScenarioIds['clients'],
): Promise<void> {
  await as.relatiebeheer.put(`/api/clients/${id}/wwft`).send(wwftRegistrationOf(client, clientIds)).expect(200);
  await as.relatiebeheer.post(`/api/clients/${id}/dossier/documents`).send(organogramDocumentOf(client.ref)).expect(201);
  for (const description of engagementsOf(client.ref)) {
    await as.relatiebeheer.post(`/api/clients/${id}/engagements`).send({ description, startDate: '2026-01-01' }).expect(201);
  }
  await as.relatiebeheer.post(`/api/clients/${id}/status`).send({ to: 'Ter goedkeuring', approverId: as.approver.principal }).expect(200);
  await as.approver.post(`/api/clients/${id}/approval`).send({ decision: 'approved' }).expect(200);
}

/**
 * The whole reference scenario, with Wwft data and engagements, taken over the API through
 * Ter goedkeuring to approval: one step before Klant, so nothing has been pushed yet.
 */
export async function approveReferenceScenario(hub: TestHub): Promise<ApprovedScenario> {
  const { relatiebeheer, approver, centraleAdministratie } = await acceptanceAgents(hub);
  const ids = await buildReferenceScenario(hub);
  for (const client of holdingCluster.clients) await approveFromStart({ relatiebeheer, approver }, ids.clients[client.ref], client, ids.clients);
  return {
    ids,
    approver,
    centraleAdministratie,
    async makeKlant(refs = holdingCluster.clients.map((c) => c.ref)) {
      for (const ref of refs) {
        await centraleAdministratie.post(`/api/clients/${ids.clients[ref]}/status`).send({ to: 'Klant' }).expect(200);
      }
    },
  };
}

export const refOf = (clientNumber: string): ClientRef => holdingCluster.clients.find((c) => c.clientNumber === clientNumber)!.ref;

/**
 * Per package, the scenario clients it holds, sorted, one entry per record: a client held twice
 * shows twice, so comparing with `expectedHoldings()` checks "each exactly once".
 */
export function packageHoldings(sandboxes: AllSandboxes): Record<PackageName, ClientRef[]> {
  return {
    pinkweb: sandboxes.pinkweb.records().clients.map((c) => refOf(c.clientNumber)).sort(),
    casewarecloud: sandboxes.casewarecloud.records().entities.map((e) => refOf(e.ClientNumber)).sort(),
    nextens: sandboxes.nextens.records().map((r) => refOf(r.clientNumber)).sort(),
    qicsmilestones: sandboxes.qicsmilestones.records().map((r) => refOf(r.CustomerCode)).sort(),
    twinfield: sandboxes.twinfield.records().map((r) => refOf(r.code)).sort(),
  };
}

/** What each package holds once every scenario client is Klant. */
export function expectedHoldings(): Record<PackageName, ClientRef[]> {
  const expected = holdingCluster.expected.pushedClients;
  return {
    pinkweb: [...expected.pinkweb].sort(),
    casewarecloud: [],
    nextens: [...expected.nextens].sort(),
    qicsmilestones: [...expected.qicsmilestones].sort(),
    twinfield: [...expected.twinfield].sort(),
  };
}

/** How many deliveries the scenario makes in all (client × package). */
export const expectedDeliveryCount = (): number => Object.values(expectedHoldings()).reduce((sum, refs) => sum + refs.length, 0);
