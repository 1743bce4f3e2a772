import { assessWwft, type ClientFile, displayName, type RegisteredClient } from '@koppelhub/domain';
import type { RecordedEvent } from '@koppelhub/eventstore';

/**
 * The dossier as the API shows it. Identification joins the card's identity fields (never the
 * BSN) with what the Wwft registration records, so both read as one.
 */
export function toDossierView(file: ClientFile & { client: RegisteredClient }, events: RecordedEvent[], now: Date) {
  const { client, dossier, acceptance } = file;
  const wwft = dossier.wwft;
  const assessment = assessWwft(client, wwft, dossier.documents, now);
  return {
    clientId: client.id,
    clientNumber: client.clientNumber,
    name: displayName(client.kind, client.details),
    status: client.status,
    openedAt: events[0]?.recordedAt,
    acceptance,
    wwft: {
      complete: assessment.complete,
      expired: assessment.expired,
      missing: assessment.missing,
      ...(wwft
        ? {
            registration: { ...wwft.registration, identification: { ...identityOnCard(client), ...wwft.registration.identification } },
            reviewedFrom: wwft.reviewedFrom,
            nextReviewDate: wwft.nextReviewDate,
            reviews: wwft.reviews,
          }
        : {}),
    },
    engagements: dossier.engagements,
    documents: dossier.documents,
  };
}

function identityOnCard(client: RegisteredClient) {
  const { person, company, address } = client.details;
  if (client.kind === 'person') {
    return { name: displayName('person', client.details), dateOfBirth: person?.dateOfBirth, address };
  }
  return {
    legalForm: company?.legalForm,
    statutoryName: company?.statutoryName,
    tradeName: company?.tradeName,
    kvkNumber: company?.kvkNumber,
    address,
  };
}

export type DossierView = ReturnType<typeof toDossierView>;
