import { isDutchAddress } from '../client/client-details';
import { checkCountryCode, checkPostcode } from '../identifiers';
import type { FieldViolation } from '../shared/domain-error';
import { copyData } from '../shared/copy-data';
import { hasText, isRecord } from '../shared/is-record';
import type { ContactData } from './contact.model';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An e-mail address as a contact stores it: lower-case, because a login compares that way. */
export const contactEmail = (value: string): string => value.trim().toLowerCase();

/** Shape rules of a contact; e-mail addresses are stored lower-case, because a login compares that way. */
export function normalizeContact(input: ContactData): { contact: ContactData; violations: FieldViolation[] } {
  const contact: ContactData = copyData(input);
  const violations: FieldViolation[] = [];
  if (!hasText(contact.name?.surname)) violations.push({ field: 'surname', message: 'surname is required' });
  const email = (field: string, value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    // Not text (null included): refused rather than read as text.
    const trimmed = typeof value === 'string' ? contactEmail(value) : '';
    if (!EMAIL.test(trimmed)) violations.push({ field, message: `${field} must be an e-mail address` });
    return typeof value === 'string' ? trimmed : value;
  };
  if (contact.email !== undefined) contact.email = email('email', contact.email);
  const given: unknown = contact.private;
  if (given !== undefined && given !== null && !isRecord(given)) violations.push({ field: 'private', message: 'private must be an object' });
  contact.private = isRecord(given) ? { ...given } : {};
  if (contact.private.email !== undefined) contact.private.email = email('private.email', contact.private.email);
  const address = contact.private.address;
  if (address !== undefined && !isRecord(address)) {
    violations.push({ field: 'private.address', message: 'private.address must be an address' });
  } else if (address) {
    const country: unknown = address.country;
    if (country !== undefined && typeof country !== 'string') {
      violations.push({ field: 'private.address.country', message: 'private.address.country must be a string' });
    } else if (typeof country === 'string') {
      // Checked and stored as on a client's card, so a linked contact's copy compares equal.
      const check = checkCountryCode(country);
      if (check.valid) address.country = check.normalized;
      else violations.push({ field: 'private.address.country', message: check.message });
    }
    if (isDutchAddress(address)) {
      const check = checkPostcode(typeof address.postcode === 'string' ? address.postcode : '');
      if (check.valid) address.postcode = check.normalized;
      else violations.push({ field: 'private.address.postcode', message: check.message });
    }
  }
  contact.portal = contact.portal === true;
  return { contact, violations };
}
