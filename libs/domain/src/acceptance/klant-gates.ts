import type { RegisteredClient } from '../client/client.state';
import type { DossierState } from '../dossier/dossier.state';
import type { MissingItem } from '../shared/missing-item';
import { assessWwft } from '../wwft/assess-wwft';
import { type AcceptanceState, FILE_CHANGE_NAMES } from './acceptance.state';
import { type ReadinessContext, unmetNeeds } from '../packages/package-readiness';

/**
 * Everything that must hold before `Ter goedkeuring → Klant` (docs/domain.md): approved by the named
 * approver, a complete and unexpired Wwft registration, at least one engagement, and the fields
 * each switched-on package needs. Returns every missing item, not just the first.
 */
export function missingForKlant(
  client: RegisteredClient,
  dossier: DossierState,
  acceptance: AcceptanceState,
  now: Date,
  readiness: ReadinessContext = {},
): MissingItem[] {
  const missing: MissingItem[] = [];
  const request = acceptance.request;
  if (request?.changedAfterApproval) {
    missing.push({
      item: 'approval',
      message: `the file changed after ${request.approverId} approved it (${FILE_CHANGE_NAMES[request.changedAfterApproval]}); it needs their approval again`,
    });
  } else if (!request?.approved) {
    const who = request ? ` by ${request.approverId}` : '';
    missing.push({ item: 'approval', message: `the acceptance request has not been approved${who}` });
  }
  const wwft = assessWwft(client, dossier.wwft, dossier.documents, now);
  missing.push(...wwft.missing);
  if (wwft.expired) {
    missing.push({
      item: 'wwft.review',
      message: `the Wwft registration expired on ${wwft.nextReviewDate}; record a periodic review`,
    });
  }
  if (dossier.engagements.length === 0) {
    missing.push({ item: 'engagements', message: 'no engagement (opdracht) has been recorded' });
  }
  // Portal problems (a shared login) hold the portal push, not the acceptance: docs/domain.md, portal.
  for (const need of unmetNeeds(client.kind, client.details, readiness)) {
    missing.push({ item: `packages.${need.package}.${need.field}`, message: need.message });
  }
  return missing;
}
