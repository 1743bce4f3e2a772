import { changedFields, type QicsCustomerCompany, type QicsCustomerCompanyWrite, toQicsWrite } from './qics-customer-company';
import { filterEquals, odataString } from './qics-odata';
import { ended, referenceDGA1, referenceH } from '../../testing/reference-clients';

/** The entity as the adapter writes it: the client's company fields with the agreement it resolved. */
const entityOf = (client: Parameters<typeof toQicsWrite>[0], invoiceToId: number | null): QicsCustomerCompanyWrite => ({
  ...toQicsWrite(client).company,
  InvoiceToCustomerCompanyId: invoiceToId,
});

describe('QicsMilestones OData helpers', () => {
  it('quotes string literals the OData way', () => {
    expect(odataString("O'Brien")).toBe("'O''Brien'");
  });

  it('builds an encoded equality filter', () => {
    expect(filterEquals('CustomerCode', '20010')).toBe('$filter=CustomerCode%20eq%20\'20010\'');
    expect(decodeURIComponent(filterEquals('CustomerCode', "a'b&c"))).toBe("$filter=CustomerCode eq 'a''b&c'");
  });

  it('maps a client to what QicsMilestones is sent: the company, the numbers to find it under, the invoice-to target', () => {
    expect(toQicsWrite({ ...referenceDGA1(), formerClientNumbers: ['19001'] })).toEqual({
      numbers: ['19001', '20001'],
      company: { CustomerCode: '20001', Name: 'Jan Pieter de Vries', IsActive: true, DebtorNumber: '20001' },
      invoiceTo: { clientId: referenceDGA1().invoiceTo!.clientId, clientNumber: '20011' },
    });
  });

  it('names no invoice-to for a client invoicing itself or nobody, and leaves it out once the client ended', () => {
    expect(toQicsWrite({ ...referenceH(), invoiceTo: { clientId: referenceH().clientId, clientNumber: '20010' } }).invoiceTo).toBeNull();
    expect(toQicsWrite({ ...referenceH(), invoiceTo: undefined }).invoiceTo).toBeNull();
    const endedClient = toQicsWrite(ended(referenceDGA1()));
    expect(endedClient).not.toHaveProperty('invoiceTo');
    expect(endedClient.company.IsActive).toBe(false);
  });

  it('finds only the changed fields', () => {
    const current: QicsCustomerCompany = { CustomerCompanyId: 1, ...entityOf(referenceH(), null) };
    expect(changedFields(current, entityOf(referenceH(), null))).toEqual({});
    expect(changedFields(current, entityOf(ended(referenceH()), null))).toEqual({ IsActive: false });
  });
});
