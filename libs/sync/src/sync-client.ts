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
  takesANewClientIn,
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
   * Packages that took the client: switched on, their needs met, in a status they take a new client
   * in (takesANewClientIn), at some point after the first Klant. Judged on the history rather than on
   * the package's id in the delivery record: a push whose answer was lost, or still on its way when
   * the client ended, left the client there without that id, and it must still be ended there.
   */
  took: ReadonlySet<PackageName>;
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
        if (cardRefusal(pkg, state) === undefined && takesANewClientIn(pkg, state.status)) took.add(pkg);
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
    took,
    switchedOff,
  };
}

export type SyncVerdict = { push: true; endedOn?: CalendarDate } | { push: false; reason: string };

/**
 * Per package, whether the client goes there now (docs/domain.md's connector table). Nothing before the
 * first Klant; after it, each package that took the client (see SyncClient.took) gets it, Klant or
 * Geen klant meer (the adapters carry out each package's end-of-relationship behaviour), and so does
 * a package switched off after it took the client, as ended there (`endedOn`). A package switched on
 * once the client has ended gets it only if it takes ended clients (Nextens, QicsMilestones).
 */
export function verdictFor(pkg: PackageName, client: SyncClient): SyncVerdict {
  const { state } = client;
  if (!client.everKlant) return { push: false, reason: 'not Klant yet' };
  if (client.personalDataErased) return { push: false, reason: 'personal data erased' };
  if (!isHeldByPackages(state.status)) return { push: false, reason: `status ${state.status}` };
  const endedOn = client.switchedOff.get(pkg);
  const refusal = cardRefusal(pkg, state, endedOn !== undefined);
  if (refusal !== undefined) return { push: false, reason: refusal };
  if (!client.took.has(pkg)) return { push: false, reason: 'ended before the package took it' };
  return endedOn !== undefined ? { push: true, endedOn } : { push: true };
}

/** Why the client's card keeps it from a package, status aside; undefined when nothing does. */
function cardRefusal(pkg: PackageName, state: ClientState & { exists: true }, switchedOffAfterTaking = false): string | undefined {
  if (!switchedOffAfterTaking && !state.details.packages.includes(pkg)) return 'package switched off';
  if (pkg === 'casewarecloud' && state.kind !== 'company') return 'companies only';
  // Twinfield and QicsMilestones take a client by its debtor number. A package switched off after
  // it took the client still ends it without one: Twinfield by the code it holds (the delivery's
  // key), QicsMilestones by its own id or the client number.
  if ((pkg === 'twinfield' || pkg === 'qicsmilestones') && !state.details.debtorNumber && !switchedOffAfterTaking) return 'no debtor number';
  return undefined;
}
