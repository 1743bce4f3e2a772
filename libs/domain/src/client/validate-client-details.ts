import type { FieldViolation } from '../shared/domain-error';
import type { CalendarDate } from '../shared/calendar-date';
import { copyData } from '../shared/copy-data';
import { hasText, isRecord } from '../shared/is-record';
import {
  checkBsn,
  checkCountryCode,
  checkIban,
  checkKvkBranchNumber,
  checkKvkNumber,
  checkPostcode,
  checkRsin,
  checkVatId,
  type IdentifierCheck,
} from '../identifiers';
import { type ClientDetails, type ClientKind, isDutchAddress } from './client-details';
import { dateOfBirthProblem } from './date-of-birth';
import { PACKAGE_NAMES } from './package-name';

const CLIENT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * What is wrong with a company's fiscal sequence (volgnummer), if anything: a whole number from 1
 * to 999, and only beside the RSIN it numbers (Nextens keys a company `<rsin>-<sequence>`; without
 * the RSIN there is no key for it to be part of). Left out, it is 1.
 */
function fiscalSequenceProblem(sequence: unknown, rsin: unknown): string | undefined {
  if (sequence === undefined) return undefined;
  if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 1 || sequence > 999) {
    return 'fiscalSequence must be a whole number from 1 to 999';
  }
  if (rsin === undefined) return 'fiscalSequence needs company.rsin: it numbers the companies sharing that fiscal number';
  return undefined;
}

export interface NormalizedDetails {
  details: ClientDetails;
  violations: FieldViolation[];
}

export function checkClientNumber(clientNumber: string): FieldViolation[] {
  return CLIENT_NUMBER.test(clientNumber)
    ? []
    : [{ field: 'clientNumber', message: 'clientNumber must be 1 to 20 letters, digits or dashes' }];
}

/**
 * Checks a client card against the identifier and shape rules and returns it normalised
 * (postcode as `1234 AB`, IBAN, VAT id and country upper-case without spaces). Every violation is
 * reported at once, so a user fixes the whole form in one go. `today` is the day of the decision,
 * which a date of birth may not lie after.
 */
export function normalizeClientDetails(kind: ClientKind, input: ClientDetails, today: CalendarDate): NormalizedDetails {
  const violations: FieldViolation[] = [];
  const details: ClientDetails = copyData(input);
  // The card arrives from outside: a field that is not text is refused, not read as text.
  const apply = (field: string, value: string | undefined, check: (v: string) => IdentifierCheck): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      violations.push({ field, message: `${field} must be a string` });
      return value;
    }
    const result = check(value);
    if (result.valid) return result.normalized;
    violations.push({ field, message: result.message });
    return value;
  };

  if (!hasText(details.searchName)) violations.push({ field: 'searchName', message: 'searchName is required' });
  if (details.debtorNumber !== undefined && (typeof details.debtorNumber !== 'string' || !CLIENT_NUMBER.test(details.debtorNumber))) {
    violations.push({ field: 'debtorNumber', message: 'debtorNumber must be 1 to 20 letters, digits or dashes' });
  }

  if (kind === 'person') {
    if (!isRecord(details.person)) violations.push({ field: 'person', message: 'a person client needs person details' });
    if (details.company) violations.push({ field: 'company', message: 'a person client has no company details' });
    if (isRecord(details.person)) {
      if (!hasText(details.person.surname)) violations.push({ field: 'person.surname', message: 'surname is required' });
      details.person.bsn = apply('person.bsn', details.person.bsn, checkBsn);
      const dob = details.person.dateOfBirth;
      const problem = dob === undefined ? undefined : dateOfBirthProblem(dob, today);
      if (problem) violations.push({ field: 'person.dateOfBirth', message: problem });
    }
  } else {
    if (!isRecord(details.company)) violations.push({ field: 'company', message: 'a company client needs company details' });
    if (details.person) violations.push({ field: 'person', message: 'a company client has no person details' });
    const company = details.company;
    if (isRecord(company)) {
      if (!hasText(company.statutoryName)) {
        violations.push({ field: 'company.statutoryName', message: 'statutoryName is required' });
      }
      company.kvkNumber = apply('company.kvkNumber', company.kvkNumber, checkKvkNumber);
      company.kvkBranchNumber = apply('company.kvkBranchNumber', company.kvkBranchNumber, checkKvkBranchNumber);
      company.rsin = apply('company.rsin', company.rsin, checkRsin);
      const sequenceProblem = fiscalSequenceProblem(company.fiscalSequence, company.rsin);
      if (sequenceProblem) violations.push({ field: 'company.fiscalSequence', message: sequenceProblem });
      company.vatId = apply('company.vatId', company.vatId, checkVatId);
      company.iban = apply('company.iban', company.iban, checkIban);
    }
  }

  const address = details.address;
  if (!isRecord(address)) {
    violations.push({ field: 'address', message: 'address is required' });
  } else {
    for (const field of ['street', 'houseNumber', 'city', 'country'] as const) {
      const value: unknown = address[field];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        violations.push({ field: `address.${field}`, message: `${field} must be a string` });
      } else if (!hasText(value)) {
        violations.push({ field: `address.${field}`, message: `${field} is required` });
      }
    }
    // Stored upper-case: the packages and the Dutch postcode rule read `nl` and `NL` as one country.
    if (hasText(address.country)) address.country = apply('address.country', address.country, checkCountryCode) ?? address.country;
    // Dutch postcodes have a fixed shape; foreign ones are kept as given.
    if (isDutchAddress(address)) {
      address.postcode = apply('address.postcode', address.postcode ?? '', checkPostcode) ?? '';
    } else if (!hasText(address.postcode)) {
      violations.push({ field: 'address.postcode', message: 'postcode is required' });
    }
  }

  if (details.email !== undefined && (typeof details.email !== 'string' || !EMAIL.test(details.email))) {
    violations.push({ field: 'email', message: 'email must be an e-mail address' });
  }

  const packages: unknown = details.packages === undefined ? [] : details.packages;
  if (!Array.isArray(packages)) {
    violations.push({ field: 'packages', message: 'packages must be a list of package names' });
    details.packages = [];
  } else {
    for (const name of packages) {
      if (!(PACKAGE_NAMES as readonly unknown[]).includes(name)) {
        violations.push({ field: 'packages', message: `unknown package "${String(name)}"; known: ${PACKAGE_NAMES.join(', ')}` });
      }
    }
    details.packages = [...new Set(packages as ClientDetails['packages'])];
  }
  return { details, violations };
}
