/** What the hub hands an adapter: one client as the hub sees it now, never a delta. */

export type { PackageName } from './package-name';

export interface PushAddress {
  street: string;
  houseNumber: string;
  houseNumberAddition?: string;
  postcode: string;
  city: string;
  /** ISO 3166-1 alpha-2, e.g. 'NL'. */
  country: string;
}

export interface PushContact {
  contactId: string;
  initials?: string;
  firstNames?: string;
  prefix?: string;
  surname: string;
  role?: string;
  email?: string;
  phone?: string;
  /** Whether this contact gets access to the client's portal / files. */
  portal: boolean;
  /**
   * The hub is in doubt about this contact's portal login (shared with another portal user,
   * missing, disagreeing): a package that grants access per contact keeps the access it gave as
   * it is, neither granted nor taken away, until the doubt is resolved (docs/domain.md: a duplicate
   * holds the portal push for those users).
   */
  portalHeld?: true;
}

export interface PushPortalUser {
  /** Stable key of the user in the hub, e.g. 'client:<uuid>' or 'contact:<uuid>'. */
  mainKey: string;
  /** Login, an e-mail address. */
  login: string;
  displayName: string;
  /** Every client number this user may see, as the hub knows it now. */
  clientNumbers: string[];
}

export interface ClientPush {
  clientId: string;
  clientNumber: string;
  /**
   * Numbers the client had before it was renumbered, the latest first. A package keying on the
   * number still files the client under one of them until this push moves it to `clientNumber`.
   */
  formerClientNumbers?: string[];
  debtorNumber?: string;
  kind: 'company' | 'person';
  status: 'Klant' | 'Geen klant meer';
  /** ISO date (yyyy-mm-dd) the relationship ended, with status 'Geen klant meer'. */
  endDate?: string;
  name: string;
  searchName?: string;
  person?: {
    initials?: string;
    firstNames?: string;
    prefix?: string;
    surname: string;
    /** Personal data: never logged, never in a URL. */
    dateOfBirth?: string;
    /** Personal data: never logged, never in a URL. */
    bsn?: string;
  };
  company?: {
    legalForm?: string;
    statutoryName: string;
    tradeName?: string;
    kvkNumber?: string;
    /** Also the fiscal number Nextens keys companies by. */
    rsin?: string;
    vatId?: string;
    iban?: string;
    /** Fiscal sequence number at the tax office (empty means 1). */
    fiscalSequence?: number;
  };
  address: PushAddress;
  email?: string;
  /**
   * Who the client's invoices go to, for the hours package only (docs/domain.md, invoice-to: the
   * setting goes there); no other package is told, so none learns of a target that is not its client.
   */
  invoiceTo?: {
    clientId: string;
    clientNumber: string;
    /** The invoice-to client's id in this package, when the hub knows it. */
    externalId?: string;
  };
  contacts: PushContact[];
  portalUsers: PushPortalUser[];
  /**
   * Keys of portal users who see this client but whose login is in doubt: a portal keeps them as
   * they are until it is resolved, rather than taking away access they already have.
   */
  heldPortalUsers?: string[];
}

export interface PushContext {
  /** This package's own id for the client, from the hub's external-id table; absent on first push or after a lost answer. */
  externalId?: string;
  /**
   * The key the package filed the client under at the last push, for packages whose key comes from
   * data that can change (Twinfield's debtor code, a Nextens company's RSIN key); absent when unknown.
   */
  externalKey?: string;
  /**
   * Keys pushes were sent under whose answer the hub never recorded (a timeout, a crash): the
   * package may have filed the client under them as well (see PackageConnector.keyOf).
   */
  unconfirmedKeys?: readonly string[];
}

export interface PushResult {
  /** The package's own id for the client: the hub records it for the next push. */
  externalId: string;
  /** The key it is filed under now, where that can change (see PushContext.externalKey). */
  externalKey?: string;
  action: 'created' | 'updated' | 'ended' | 'unchanged';
}
