/**
 * CaseWare Cloud REST v2 resources as far as the connector uses them. The public documentation
 * names the resources (auth token, entities with their CWGuid, persons); field names below are
 * the ones this connector and its sandbox agree on.
 */

/** `POST /api/v2/auth/token` body; the answer's Token is valid for 30 minutes. */
export interface CasewareTokenRequest {
  ClientId: string;
  ClientSecret: string;
}
export interface CasewareTokenAnswer {
  Token: string;
  /** Seconds; absent → 30 minutes assumed. */
  ExpiresIn?: number;
}

export interface CasewareAddress {
  Street: string;
  PostalCode: string;
  City: string;
  Country: string;
}

/** An engagement entity (`/api/v2/entities`): companies only in this set-up. */
export interface CasewareEntity {
  CWGuid: string;
  /** Our client number: the key we find an entity by again (`GET /api/v2/entities?ClientNumber=`). */
  ClientNumber: string;
  Name: string;
  EntityType: 'Company';
  LegalName: string | null;
  TradeName: string | null;
  RegistrationNumber: string | null;
  TaxNumber: string | null;
  VatNumber: string | null;
  Email: string | null;
  Address: CasewareAddress;
  /** 'Revoked' ends the relationship: nobody gets in any more, nothing is deleted. */
  Status: 'Active' | 'Revoked';
}
export type CasewareEntityWrite = Omit<CasewareEntity, 'CWGuid'>;

/**
 * A person (`/api/v2/persons`). The e-mail is unique across the tenant and cannot be changed: a
 * second person with the same e-mail is refused (409), an e-mail change is refused (400).
 * Found again with `POST /api/v2/persons/search { Email }`, which keeps the e-mail out of URLs.
 */
export interface CasewarePerson {
  CWGuid: string;
  Email: string;
  FirstName: string | null;
  LastName: string;
  Phone: string | null;
}
export type CasewarePersonWrite = Omit<CasewarePerson, 'CWGuid'>;

/** A person's access to an entity (`/api/v2/entities/{CWGuid}/access/{PersonGuid}`); Portal is the portal switch. */
export interface CasewareAccess {
  PersonGuid: string;
  Role: string | null;
  Portal: boolean;
}

export interface CasewareList<T> {
  Items: T[];
}
