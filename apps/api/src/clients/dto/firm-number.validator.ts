import { Matches } from 'class-validator';

/** A client or debtor number as the firm writes it: 1 to 20 letters, digits or dashes, not starting with a dash. */
const FIRM_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;

export const IsFirmNumber = (field: 'clientNumber' | 'debtorNumber'): PropertyDecorator =>
  Matches(FIRM_NUMBER, { message: `${field} must be 1 to 20 letters, digits or dashes` });
