import type { PackageName } from './package-name';
import { type PersonName, personDisplayName } from '../shared/person-name';

/** klant: a registered party, either a company (Klant-Bedrijf) or a natural person (Klant-Persoon). */
export type ClientKind = 'company' | 'person';

export interface Address {
  street: string;
  houseNumber: string;
  houseNumberAddition?: string;
  postcode: string;
  city: string;
  country: string;
}

/**
 * Whether an address's postcode has the Dutch shape: an address without a country counts as Dutch.
 * The country arrives unchecked from outside, so anything but text is read as absent here; the
 * country itself is refused by the shape rules.
 */
export function isDutchAddress(address: { country?: unknown }): boolean {
  return typeof address.country !== 'string' || address.country.toUpperCase() === 'NL';
}

export interface PersonDetails extends PersonName {
  dateOfBirth?: string;
  bsn?: string;
}

export interface CompanyDetails {
  legalForm?: string;
  statutoryName: string;
  tradeName?: string;
  kvkNumber?: string;
  kvkBranchNumber?: string;
  rsin?: string;
  /** volgnummer of the fiscal number (RSIN): tells apart companies sharing one, in the Nextens key `<rsin>-<sequence>`; absent means 1. */
  fiscalSequence?: number;
  vatId?: string;
  iban?: string;
}

/** The editable card of a client; the client number is not part of it (it never changes). */
export interface ClientDetails {
  /** zoeknaam */
  searchName: string;
  /** debiteurnummer */
  debtorNumber?: string;
  person?: PersonDetails;
  company?: CompanyDetails;
  address: Address;
  email?: string;
  packages: PackageName[];
}

export function displayName(kind: ClientKind, details: Pick<ClientDetails, 'person' | 'company'>): string {
  if (kind === 'company') return details.company?.statutoryName ?? '';
  return details.person ? personDisplayName(details.person) : '';
}
