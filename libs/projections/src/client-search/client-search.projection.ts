import {
  type ClientEvent,
  CLIENT_EVENT_TYPES,
  clientSubject,
  displayName,
  ERASED,
  formerNumbersAfter,
  type PersonalDataErased,
} from '@koppelhub/domain';
import type { RowProjection } from '../runtime/row-projection';
import type { ClientSearchRow } from './client-search.row';

/** Client search: one row per client with what people search and filter on. */
export const clientSearchProjection: RowProjection<ClientSearchRow> = {
  name: 'client-search',
  table: 'rm_client_search',
  key: 'client_id',
  // 2: former numbers; migration 013 added their column empty to rows already folded.
  version: 2,
  columns: [
    { name: 'client_id', type: 'uuid' },
    { name: 'client_number', type: 'text' },
    { name: 'kind', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'trade_name', type: 'text' },
    { name: 'search_name', type: 'text' },
    { name: 'status', type: 'text' },
    { name: 'debtor_number', type: 'text' },
    { name: 'city', type: 'text' },
    { name: 'packages', type: 'jsonb' },
    { name: 'former_numbers', type: 'jsonb' },
    { name: 'registered_at', type: 'timestamptz' },
    { name: 'updated_at', type: 'timestamptz' },
  ],
  eventTypes: ['ClientRegistered', 'ClientDetailsChanged', 'ClientRenumbered', 'ClientStatusChanged', 'PersonalDataErased'],
  keysOf: (event) => (clientSearchProjection.eventTypes.includes(event.type) ? [String(event.data.clientId)] : []),
  evolve(row, recorded) {
    if (recorded.type === 'PersonalDataErased') return erased(row, recorded as unknown as PersonalDataErased);
    if (!CLIENT_EVENT_TYPES.has(recorded.type) && recorded.type !== 'ClientStatusChanged') return undefined;
    const event = recorded as unknown as ClientEvent | { type: 'ClientStatusChanged'; data: { to: string } };
    // The event's own Date: it becomes text once per row written, not once per event folded.
    const at = recorded.recordedAt;
    switch (event.type) {
      case 'ClientRegistered': {
        const { clientId, kind, clientNumber, status, details } = event.data;
        return {
          client_id: clientId,
          client_number: clientNumber,
          kind,
          name: displayName(kind, details),
          trade_name: details.company?.tradeName ?? null,
          search_name: details.searchName,
          status,
          debtor_number: details.debtorNumber ?? null,
          city: details.address.city,
          packages: details.packages,
          former_numbers: [],
          registered_at: at,
          updated_at: at,
        };
      }
      case 'ClientDetailsChanged': {
        if (!row) return undefined;
        const { details } = event.data;
        return {
          ...row,
          name: displayName(row.kind as 'company' | 'person', details),
          trade_name: details.company?.tradeName ?? null,
          search_name: details.searchName,
          debtor_number: details.debtorNumber ?? null,
          city: details.address.city,
          packages: details.packages,
          updated_at: at,
        };
      }
      case 'ClientRenumbered': {
        if (!row) return undefined;
        const { from, to } = event.data;
        return { ...row, client_number: to, former_numbers: formerNumbersAfter(row.former_numbers ?? [], from, to), updated_at: at };
      }
      case 'ClientStatusChanged':
        return row ? { ...row, status: event.data.to, updated_at: at } : undefined;
      default:
        return undefined;
    }
  },
};

/** A person's city is part of the home address, sealed like the rest of it. */
function erased(row: ClientSearchRow | undefined, event: PersonalDataErased): ClientSearchRow | undefined {
  if (!row || row.kind !== 'person' || row.city === null || !event.data.subjects.includes(clientSubject(row.client_id))) return undefined;
  return { ...row, city: ERASED };
}
