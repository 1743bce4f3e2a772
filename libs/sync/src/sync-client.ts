import {
  type CalendarDate,
  calendarDateOf,
  type ClientEvent,
  type ClientState,
  evolveClient,
  initialClientState,
  isHeldByPackages,
  PACKAGE_NAMES,
  type PackageName,
} from '@koppelhub/domain';
import type { RecordedEvent } from '@koppelhub/eventstore';

/** What the sync needs to know of a client, folded from its stream. */
export interface SyncClient {
  state: ClientState & { exists: true };
  /** Klant was reached at least once: nothing is pushed before that, ever. */
  everKlant: boolean;
  endDate?: string;
  /** Its personal data was erased after retention: what is left reads "erased" and must not overwrite a package. */
  personalDataErased?: boolean;
  /**
   * Packages switched off after they took the client, each with the day it was switched off. Such a
   * package is told the relationship ended (its own end-of-relationship behaviour: hidden,
   * deactivated, deleted, revoked), so a portal stops showing a client the firm took off it; it
   * takes the client back as it is when switched on again.
   */
  switchedOff: ReadonlyMap<PackageName, CalendarDate>;
}

export function toSyncClient(events: readonly RecordedEvent[]): SyncClient | undefined {
  let state: ClientState = initialClientState;
  let everKlant = false;
  let endDate: string | undefined;
  let personalDataErased = false;
  const took = new Set<PackageName>();
  const switchedOff = new Map<PackageName, CalendarDate>();
  for (const event of events) {
    state = evolveClient(state, event as unknown as ClientEvent);
    if (event.type === 'PersonalDataErased') personalDataErased = true;
    if (event.type === 'ClientStatusChanged') {
      const data = event.data as { to?: string; endDate?: string };
      if (data.to === 'Klant') everKlant = true;
      if (data.to === 'Geen klant meer') endDate = data.endDate;
    }
    if (!state.exists || !everKlant || personalDataErased || !isHeldByPackages(state.status)) continue;
    for (const pkg of PACKAGE_NAMES) {
      if (state.details.packages.includes(pkg)) {
        if (cardRefusal(pkg, state) === undefined) took.add(pkg);
        switchedOff.delete(pkg);
      } else if (took.has(pkg) && !switchedOff.has(pkg)) {
        switchedOff.set(pkg, calendarDateOf(new Date(event.recordedAt)));
      }
    }
  }
  if (!state.exists) return undefined;
  return {
    state,
    everKlant,
    endDate,
    ...(personalDataErased ? { personalDataErased } : {}),
    switchedOff,
  };
}

export type SyncVerdict = { push: true; endedOn?: CalendarDate } | { push: false; reason: string };

/**
 * Per package, whether the client goes there now (domain.md's connector table). Nothing before the
 * first Klant; after it, Klant and Geen klant meer are both pushed (the adapters carry out each
 * package's end-of-relationship behaviour), and so is a package switched off after it took the
 * client, as ended there (`endedOn`).
 */
export function verdictFor(pkg: PackageName, client: SyncClient): SyncVerdict {
  const { state } = client;
  if (!client.everKlant) return { push: false, reason: 'not Klant yet' };
  if (client.personalDataErased) return { push: false, reason: 'personal data erased' };
  if (!isHeldByPackages(state.status)) return { push: false, reason: `status ${state.status}` };
  const endedOn = client.switchedOff.get(pkg);
  const refusal = cardRefusal(pkg, state, endedOn !== undefined);
  if (refusal !== undefined) return { push: false, reason: refusal };
  return endedOn !== undefined ? { push: true, endedOn } : { push: true };
}

/** Why the client's card keeps it from a package, status aside; undefined when nothing does. */
function cardRefusal(pkg: PackageName, state: ClientState & { exists: true }, switchedOffAfterTaking = false): string | undefined {
  if (!switchedOffAfterTaking && !state.details.packages.includes(pkg)) return 'package switched off';
  if (pkg === 'casewarecloud' && state.kind !== 'company') return 'companies only';
  // Twinfield and QicsMilestones find the client by its debtor number, also to end it.
  if ((pkg === 'twinfield' || pkg === 'qicsmilestones') && !state.details.debtorNumber) return 'no debtor number';
  return undefined;
}
