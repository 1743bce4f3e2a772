import type { ClientPush } from '../../model/client-push';
import { truncateName } from './qics-name';
import { clientNumbersOf } from '../shared/filed-under-another-number';

/** The CustomerCompany entity (OData V3, JSON light) as far as the connector reads and writes it. */
export interface QicsCustomerCompany {
  /** QicsMilestones' own key (Edm.Int32): our external id. */
  CustomerCompanyId: number;
  /** Our client number: the key we find a customer by again. */
  CustomerCode: string;
  Name: string;
  IsActive: boolean;
  DebtorNumber: string | null;
  /** Invoicing agreement: who gets the invoices; must be an existing CustomerCompany. */
  InvoiceToCustomerCompanyId: number | null;
}

export type QicsCustomerCompanyWrite = Omit<QicsCustomerCompany, 'CustomerCompanyId'>;
/** The company's own fields: the invoicing agreement is resolved per push (see QicsWrite). */
export type QicsCompanyFields = Omit<QicsCustomerCompanyWrite, 'InvoiceToCustomerCompanyId'>;

/** Whom a client's invoices go to, as the hub names the target: QicsMilestones' id for it is resolved per push. */
export type QicsInvoiceTarget = NonNullable<ClientPush['invoiceTo']>;

/**
 * What QicsMilestones is sent for a client, as far as the client decides it: the company, found
 * again under one of `numbers` (former ones first: a renumbered client's CustomerCode moves), and
 * the invoicing agreement (see invoiceTargetOf), which the adapter turns into QicsMilestones' id for
 * the target. The adapter writes exactly this (only what differs from what QicsMilestones holds),
 * and the hub hashes it to tell whether QicsMilestones needs a push at all (see packageView), so the
 * two cannot drift apart. The target is named by the hub's id and its number (looked up by when the
 * hub knows no id of it there), never by that id: the hub's record of it is no data of this client.
 */
export interface QicsWrite {
  numbers: string[];
  company: QicsCompanyFields;
  /** Absent for an ended client: its agreement is kept as QicsMilestones has it. */
  invoiceTo?: { clientId: string; clientNumber: string } | null;
}

export function toQicsWrite(client: ClientPush): QicsWrite {
  const target = invoiceTargetOf(client);
  return {
    numbers: clientNumbersOf(client),
    company: companyFieldsOf(client),
    ...(target === undefined ? {} : { invoiceTo: target && { clientId: target.clientId, clientNumber: target.clientNumber } }),
  };
}

/**
 * The invoice-to the adapter links the client to: the target while the client is Klant (none when
 * it has none, or invoices to itself), and undefined once it ended: ending a client must not wait
 * for its invoice-to, so whatever agreement QicsMilestones has is kept.
 */
function invoiceTargetOf(client: ClientPush): QicsInvoiceTarget | null | undefined {
  if (client.status !== 'Klant') return undefined;
  const target = client.invoiceTo;
  return target && target.clientNumber !== client.clientNumber ? target : null;
}

function companyFieldsOf(client: ClientPush): QicsCompanyFields {
  return {
    CustomerCode: client.clientNumber,
    Name: truncateName(client.name),
    IsActive: client.status === 'Klant',
    DebtorNumber: client.debtorNumber ?? null,
  };
}

/** The fields of `desired` that differ from `current`: what a PATCH must carry, empty when unchanged. */
export function changedFields(current: QicsCustomerCompany, desired: QicsCustomerCompanyWrite): Partial<QicsCustomerCompanyWrite> {
  const changes: Partial<QicsCustomerCompanyWrite> = {};
  for (const key of Object.keys(desired) as Array<keyof QicsCustomerCompanyWrite>) {
    if (current[key] !== desired[key]) Object.assign(changes, { [key]: desired[key] });
  }
  return changes;
}
