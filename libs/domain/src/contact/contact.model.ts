import type { Address } from '../client/client-details';
import type { PersonName } from '../shared/person-name';

/** What a contact keeps privately; it follows the main person when the contact is linked. */
export interface PrivateData {
  address?: Address;
  email?: string;
  mobile?: string;
}

/** contactpersoon: a person registered at one client. Business e-mail and phone belong to that registration. */
export interface ContactData {
  name: PersonName;
  role?: string;
  /** Business e-mail; for a portal user group it is the login. */
  email?: string;
  phone?: string;
  private: PrivateData;
  /** klantportaal: whether this registration gives its portal user access to the client. */
  portal: boolean;
}

/**
 * hoofd(contact)persoon: the main a contact is linked to, either the person client it is (the DGA)
 * or another contact acting as main. Its `key` (`client:<id>` / `contact:<id>`) names the portal user.
 */
export type MainRef = { kind: 'client'; id: string } | { kind: 'contact'; id: string };

export const mainKey = (main: MainRef): string => `${main.kind}:${main.id}`;
