import {
  type ClientEvent,
  type ClientRelationEvent,
  clientSubject,
  displayName,
  ERASED,
  eraseLeaves,
  type PersonalDataErased,
} from '@koppelhub/domain';
import type { RowProjection } from '../runtime/row-projection';

export interface ClientRelationsRow {
  client_id: string;
  client_number: string;
  kind: 'company' | 'person';
  name: string;
  /** A person's private e-mail: the login of a portal user without contacts. */
  email: string | null;
  address: Record<string, unknown>;
  packages: string[];
  invoice_to_id: string | null;
  correspondence_company_id: string | null;
  partner_id: string | null;
}

const TYPES = [
  'ClientRegistered',
  'ClientDetailsChanged',
  'ClientRenumbered',
  'InvoiceToSet',
  'InvoiceToCleared',
  'CorrespondenceCompanySet',
  'CorrespondenceCompanyCleared',
  'PartnerLinked',
  'PartnerUnlinked',
  'PersonalDataErased',
] as const;

/** Per client what the relation read models need: name, address, packages, invoice-to, correspondence, partner. */
export const clientRelationsProjection: RowProjection<ClientRelationsRow> = {
  name: 'client-relations',
  table: 'rm_client_relations',
  key: 'client_id',
  columns: [
    { name: 'client_id', type: 'uuid' },
    { name: 'client_number', type: 'text' },
    { name: 'kind', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'email', type: 'text' },
    { name: 'address', type: 'jsonb' },
    { name: 'packages', type: 'jsonb' },
    { name: 'invoice_to_id', type: 'uuid' },
    { name: 'correspondence_company_id', type: 'uuid' },
    { name: 'partner_id', type: 'uuid' },
  ],
  eventTypes: TYPES,
  keysOf: (event) => ((TYPES as readonly string[]).includes(event.type) ? [String(event.data.clientId)] : []),
  evolve(row, recorded) {
    const event = recorded as unknown as ClientEvent | ClientRelationEvent | PersonalDataErased;
    if (event.type === 'ClientRegistered') {
      const { clientId, clientNumber, kind, details } = event.data;
      return {
        client_id: clientId,
        client_number: clientNumber,
        kind,
        name: displayName(kind, details),
        email: details.email ?? null,
        address: { ...details.address },
        packages: details.packages,
        invoice_to_id: null,
        correspondence_company_id: null,
        partner_id: null,
      };
    }
    if (!row) return undefined;
    switch (event.type) {
      case 'ClientDetailsChanged': {
        const { details } = event.data;
        return { ...row, name: displayName(row.kind, details), email: details.email ?? null, address: { ...details.address }, packages: details.packages };
      }
      case 'ClientRenumbered':
        return { ...row, client_number: event.data.to };
      case 'InvoiceToSet':
        return { ...row, invoice_to_id: event.data.invoiceToId };
      case 'InvoiceToCleared':
        return { ...row, invoice_to_id: null };
      case 'CorrespondenceCompanySet':
        return { ...row, correspondence_company_id: event.data.companyId };
      case 'CorrespondenceCompanyCleared':
        return { ...row, correspondence_company_id: null };
      case 'PartnerLinked':
        return { ...row, partner_id: event.data.partnerId };
      case 'PartnerUnlinked':
        return { ...row, partner_id: null };
      case 'PersonalDataErased':
        // A person's e-mail and address are private (sealed); a company's are not, and stay.
        if (row.kind !== 'person' || !event.data.subjects.includes(clientSubject(row.client_id))) return undefined;
        return { ...row, email: row.email === null ? null : ERASED, address: eraseLeaves(row.address) };
      default:
        return undefined;
    }
  },
};
