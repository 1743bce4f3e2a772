import type { ClientPush } from '../../model/client-push';
import { truncateName } from './qics-name';

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

export function toCustomerCompany(client: ClientPush, invoiceToId: number | null): QicsCustomerCompanyWrite {
  return {
    CustomerCode: client.clientNumber,
    Name: truncateName(client.name),
    IsActive: client.status === 'Klant',
    DebtorNumber: client.debtorNumber ?? null,
    InvoiceToCustomerCompanyId: invoiceToId,
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
