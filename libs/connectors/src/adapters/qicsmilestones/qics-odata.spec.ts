import { changedFields, companyFieldsOf, type QicsCustomerCompany, type QicsCustomerCompanyWrite } from './qics-customer-company';
import { filterEquals, odataString } from './qics-odata';
import { ended, referenceH } from '../../testing/reference-clients';

/** The entity as written: the company's fields with the agreement the adapter resolved. */
const toCustomerCompany = (client: Parameters<typeof companyFieldsOf>[0], invoiceToId: number | null): QicsCustomerCompanyWrite => ({
  ...companyFieldsOf(client),
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

  it('maps a client to a CustomerCompany', () => {
    expect(toCustomerCompany(referenceH(), 7)).toEqual({
      CustomerCode: '20010',
      Name: 'De Vries & Van den Berg Holding B.V.',
      IsActive: true,
      DebtorNumber: '20010',
      InvoiceToCustomerCompanyId: 7,
    });
    expect(toCustomerCompany(ended(referenceH()), null).IsActive).toBe(false);
  });

  it('finds only the changed fields', () => {
    const current: QicsCustomerCompany = { CustomerCompanyId: 1, ...toCustomerCompany(referenceH(), null) };
    expect(changedFields(current, toCustomerCompany(referenceH(), null))).toEqual({});
    expect(changedFields(current, toCustomerCompany(ended(referenceH()), null))).toEqual({ IsActive: false });
  });
});
