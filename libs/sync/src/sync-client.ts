import { type ClientState, foldClient, type PackageName } from '@koppelhub/domain';
import type { RecordedEvent } from '@koppelhub/eventstore';

/** What the sync needs to know of a client, folded from its stream. */
export interface SyncClient {
  state: ClientState & { exists: true };
  /** Klant was reached at least once: nothing is pushed before that, ever. */
  everKlant: boolean;
  endDate?: string;
  /** Its personal data was erased after retention: what is left reads "erased" and must not overwrite a package. */
  personalDataErased?: boolean;
}

export function toSyncClient(events: readonly RecordedEvent[]): SyncClient | undefined {
  const state = foldClient(events);
  if (!state.exists) return undefined;
  let everKlant = false;
  let endDate: string | undefined;
  let personalDataErased = false;
  for (const event of events) {
    if (event.type === 'PersonalDataErased') personalDataErased = true;
    if (event.type !== 'ClientStatusChanged') continue;
    const data = event.data as { to?: string; endDate?: string };
    if (data.to === 'Klant') everKlant = true;
    if (data.to === 'Geen klant meer') endDate = data.endDate;
  }
  return {
    state,
    everKlant,
    endDate,
    ...(personalDataErased ? { personalDataErased } : {}),
  };
}

export type SyncVerdict = { push: true } | { push: false; reason: string };

/**
 * Per package, whether the client goes there now (domain.md's connector table). Nothing before the
 * first Klant; after it, Klant and Geen klant meer are both pushed (the adapters carry out each
 * package's end-of-relationship behaviour).
 */
export function verdictFor(pkg: PackageName, client: SyncClient): SyncVerdict {
  const { state } = client;
  if (!client.everKlant) return { push: false, reason: 'not Klant yet' };
  if (client.personalDataErased) return { push: false, reason: 'personal data erased' };
  if (state.status !== 'Klant' && state.status !== 'Geen klant meer') {
    return { push: false, reason: `status ${state.status}` };
  }
  if (!state.details.packages.includes(pkg)) return { push: false, reason: 'package switched off' };
  if (pkg === 'casewarecloud' && state.kind !== 'company') return { push: false, reason: 'companies only' };
  if ((pkg === 'twinfield' || pkg === 'qicsmilestones') && !state.details.debtorNumber) {
    return { push: false, reason: 'no debtor number' };
  }
  return { push: true };
}
