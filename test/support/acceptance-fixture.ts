import { type ClientRef, type FixtureClient, holdingCluster } from '../fixtures/holding-cluster';

/**
 * The Wwft registrations and engagements of the reference scenario, built from the fixture. What
 * the fixture leaves implicit (motivations, representatives) is filled in here the way relation
 * management would: the directors among a company's contacts represent it, and the default PEP and
 * sanctions checks were run on every UBO as well.
 */
const { wwft } = holdingCluster;

const personName = (ref: ClientRef): string => {
  const client = holdingCluster.clients.find((c) => c.ref === ref) as Extract<FixtureClient, { kind: 'person' }>;
  const { firstNames, prefix, surname } = client.person;
  return [firstNames, prefix, surname].filter(Boolean).join(' ');
};

export function wwftRegistrationOf(client: FixtureClient, ids: Record<ClientRef, string>): Record<string, unknown> {
  const checks = { pep: wwft.default.pep, sanctions: wwft.default.sanctions };
  const common = {
    cdd: { level: wwft.default.cddLevel, motivation: 'Standard CDD: Dutch group, no PEP, transparent ownership' },
    purpose: wwft.default.purpose,
    nature: 'Doorlopende samenstel- en aangifteopdracht',
    screening: checks,
    risk: { class: wwft.default.riskClass, motivation: 'Known entrepreneurs, domestic activities, no cash business' },
  };
  if (client.kind === 'person') {
    const person = wwft.persons[client.ref as keyof typeof wwft.persons];
    return { ...common, identification: { idDocument: person.idDocument, verifiedBy: person.verifiedBy } };
  }
  const company = wwft.companies[client.ref as keyof typeof wwft.companies];
  const directors = holdingCluster.contacts.filter((c) => c.at === client.ref && c.role === 'Directeur');
  return {
    ...common,
    identification: { verifiedWith: company.verifiedWith },
    representatives: directors.map((d) => ({
      name: [d.initials, 'prefix' in d ? d.prefix : undefined, d.surname].filter(Boolean).join(' '),
      authority: 'bestuurder, zelfstandig bevoegd',
      role: d.role,
    })),
    ubos: company.ubos.map((ubo) => ({
      name: personName(ubo.person as ClientRef),
      kind: 'owner',
      clientId: ids[ubo.person as ClientRef],
      percent: ubo.percent,
      indirect: ubo.indirect,
      ...checks,
    })),
    uboRegisterExtract: company.uboRegisterExtract,
  };
}

export function engagementsOf(ref: ClientRef): readonly string[] {
  return holdingCluster.engagements[ref];
}

/**
 * The organogram of the reference cluster as a dossier document (the Wwft registration's attachment),
 * drawn once for the whole structure; the hub renders it at /api/clients/:id/organogram.svg.
 */
export function organogramDocumentOf(ref: ClientRef): Record<string, unknown> {
  return { kind: 'organogram', name: `Organogram VB Holding (${ref})`, reference: 'dms://vb-holding/organogram-2026.svg', mediaType: 'image/svg+xml' };
}
