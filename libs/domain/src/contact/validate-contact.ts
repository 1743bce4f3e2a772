import { checkPostcode } from '../identifiers';
import type { FieldViolation } from '../shared/domain-error';
import type { ContactData } from './contact.model';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Shape rules of a contact; e-mail addresses are stored lower-case, because a login compares that way. */
export function normalizeContact(input: ContactData): { contact: ContactData; violations: FieldViolation[] } {
  const contact: ContactData = structuredClone(input);
  const violations: FieldViolation[] = [];
  if (!contact.name?.surname?.trim()) violations.push({ field: 'surname', message: 'surname is required' });
  const email = (field: string, value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const trimmed = value.trim().toLowerCase();
    if (!EMAIL.test(trimmed)) violations.push({ field, message: `${field} must be an e-mail address` });
    return trimmed;
  };
  if (contact.email !== undefined) contact.email = email('email', contact.email);
  contact.private = { ...(contact.private ?? {}) };
  if (contact.private.email !== undefined) contact.private.email = email('private.email', contact.private.email);
  const address = contact.private.address;
  if (address && (address.country ?? 'NL').toUpperCase() === 'NL') {
    const check = checkPostcode(address.postcode ?? '');
    if (check.valid) address.postcode = check.normalized;
    else violations.push({ field: 'private.address.postcode', message: check.message });
  }
  contact.portal = contact.portal === true;
  return { contact, violations };
}
