import { displayName } from '@koppelhub/domain';
import type { ClientPush, PushContact, PushPortalUser } from '@koppelhub/connectors';
import type { SyncClient } from './sync-client';

/** What a push needs beyond the client's own stream: relations kept by other read models. */
export interface ClientRelations {
  invoiceTo?: { clientId: string; clientNumber: string };
  contacts: PushContact[];
  portalUsers: PushPortalUser[];
  /** Keys of portal users seeing the client whose login is in doubt: kept as they are (ClientPush). */
  heldPortalUsers?: string[];
}

export const NO_RELATIONS: ClientRelations = { contacts: [], portalUsers: [] };

/**
 * The whole client as a package should see it now; adapters map it to their own protocol. A
 * package switched off after it took the client (`endedOn`, see SyncClient) sees it ended.
 */
export function buildClientPush(client: SyncClient, relations: ClientRelations, endedOn?: string): ClientPush {
  const { state } = client;
  const { details } = state;
  return {
    clientId: state.id,
    clientNumber: state.clientNumber,
    ...(client.state.formerClientNumbers.length > 0 ? { formerClientNumbers: [...client.state.formerClientNumbers] } : {}),
    ...(details.debtorNumber ? { debtorNumber: details.debtorNumber } : {}),
    kind: state.kind,
    status: state.status === 'Geen klant meer' || endedOn ? 'Geen klant meer' : 'Klant',
    ...(client.endDate || endedOn ? { endDate: client.endDate ?? endedOn } : {}),
    name: displayName(state.kind, details),
    searchName: details.searchName,
    ...(details.person ? { person: { ...details.person } } : {}),
    ...(details.company ? { company: { ...details.company } } : {}),
    address: { ...details.address },
    ...(details.email ? { email: details.email } : {}),
    ...(relations.invoiceTo ? { invoiceTo: relations.invoiceTo } : {}),
    contacts: relations.contacts,
    portalUsers: relations.portalUsers,
    ...(relations.heldPortalUsers?.length ? { heldPortalUsers: relations.heldPortalUsers } : {}),
  };
}
