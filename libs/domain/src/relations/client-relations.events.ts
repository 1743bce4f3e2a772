import type { DomainEvent } from '../shared/domain-event';

/**
 * Relations kept on the client streams (`client-<id>`), one event per client a decision touches,
 * appended together at the versions read (see docs/architecture.md).
 */
/** facturatie aan: on the invoicing client's stream. */
export type InvoiceToSet = DomainEvent<'InvoiceToSet', { clientId: string; invoiceToId: string; previousId?: string }>;
export type InvoiceToCleared = DomainEvent<'InvoiceToCleared', { clientId: string; invoiceToId: string }>;
/** On the target's stream: who invoices to it, so a chain through it is seen (and raced) there. */
export type InvoicingClientAdded = DomainEvent<'InvoicingClientAdded', { clientId: string; fromClientId: string }>;
export type InvoicingClientRemoved = DomainEvent<'InvoicingClientRemoved', { clientId: string; fromClientId: string }>;
/** Bedrijfsgegevens: the company a person client's paper mail goes to. */
export type CorrespondenceCompanySet = DomainEvent<'CorrespondenceCompanySet', { clientId: string; companyId: string }>;
export type CorrespondenceCompanyCleared = DomainEvent<'CorrespondenceCompanyCleared', { clientId: string; companyId: string }>;
/** Life partner (fiscaal partner): on both partners' streams. */
export type PartnerLinked = DomainEvent<'PartnerLinked', { clientId: string; partnerId: string }>;
export type PartnerUnlinked = DomainEvent<'PartnerUnlinked', { clientId: string; partnerId: string }>;

export type ClientRelationEvent =
  | InvoiceToSet
  | InvoiceToCleared
  | InvoicingClientAdded
  | InvoicingClientRemoved
  | CorrespondenceCompanySet
  | CorrespondenceCompanyCleared
  | PartnerLinked
  | PartnerUnlinked;

export const CLIENT_RELATION_EVENT_TYPES: ReadonlySet<string> = new Set<ClientRelationEvent['type']>([
  'InvoiceToSet',
  'InvoiceToCleared',
  'InvoicingClientAdded',
  'InvoicingClientRemoved',
  'CorrespondenceCompanySet',
  'CorrespondenceCompanyCleared',
  'PartnerLinked',
  'PartnerUnlinked',
]);
