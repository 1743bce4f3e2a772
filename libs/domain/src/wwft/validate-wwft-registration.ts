import type { FieldViolation } from '../shared/domain-error';
import { type CalendarDate, isCalendarDate } from '../shared/calendar-date';
import { isRecord } from '../shared/is-record';
import {
  CDD_LEVELS,
  RISK_CLASSES,
  SANCTIONS_LIST_NAME_MAX,
  SANCTIONS_LISTS_MAX,
  SCREENING_RESULTS,
  type WwftRegistration,
} from './wwft-registration';

/**
 * Shape and plausibility rules (objects, lists, enumerations, dates, percentages). A part that is
 * absent is not a violation: the registration is filled in over time and `assessWwft` reports what
 * is missing. `today` is the day of the decision: what was checked or issued cannot lie after it.
 */
export function validateWwftRegistration(r: WwftRegistration, today: CalendarDate): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const oneOf = (field: string, value: unknown, allowed: readonly string[]) => {
    if (value !== undefined && !allowed.includes(value as string)) {
      violations.push({ field, message: `${field} must be one of ${allowed.join(', ')}` });
    }
  };
  const date = (field: string, value: unknown) => {
    if (value !== undefined && !isCalendarDate(value)) violations.push({ field, message: `${field} must be a date as YYYY-MM-DD` });
  };
  const notAfterToday = (field: string, value: unknown) => {
    date(field, value);
    if (isCalendarDate(value) && value > today) violations.push({ field, message: `${field} must not lie in the future` });
  };
  // An array or a scalar where an object belongs would otherwise count as a recorded part.
  const object = (field: string, value: unknown): value is Record<string, unknown> => {
    if (value === undefined) return false;
    if (isRecord(value)) return true;
    violations.push({ field, message: `${field} must be an object` });
    return false;
  };
  const list = (field: string, value: unknown): unknown[] => {
    if (value === undefined) return [];
    if (Array.isArray(value)) return value;
    violations.push({ field, message: `${field} must be a list` });
    return [];
  };
  const check = (field: string, value: unknown) => {
    if (!object(field, value)) return;
    oneOf(`${field}.result`, value.result, SCREENING_RESULTS);
    notAfterToday(`${field}.checkedAt`, value.checkedAt);
  };
  const sanctions = (field: string, value: unknown) => {
    check(field, value);
    if (!isRecord(value) || value.lists === undefined) return;
    const lists = value.lists;
    if (!Array.isArray(lists) || !lists.every((name) => typeof name === 'string')) {
      violations.push({ field: `${field}.lists`, message: `${field}.lists must be a list of sanctions list names` });
    } else if (lists.length > SANCTIONS_LISTS_MAX) {
      violations.push({ field: `${field}.lists`, message: `${field}.lists may name at most ${SANCTIONS_LISTS_MAX} sanctions lists` });
    } else if (lists.some((name) => name.length > SANCTIONS_LIST_NAME_MAX)) {
      violations.push({
        field: `${field}.lists`,
        message: `${field}.lists may hold names of at most ${SANCTIONS_LIST_NAME_MAX} characters`,
      });
    }
  };

  if (object('cdd', r.cdd)) oneOf('cdd.level', r.cdd.level, CDD_LEVELS);
  if (object('risk', r.risk)) oneOf('risk.class', r.risk.class, RISK_CLASSES);
  if (object('identification', r.identification) && object('identification.idDocument', r.identification.idDocument)) {
    const { issuedAt, expiresAt } = r.identification.idDocument;
    notAfterToday('identification.idDocument.issuedAt', issuedAt);
    date('identification.idDocument.expiresAt', expiresAt);
    // An expiry in the past is allowed (assessWwft reports it); one before the issue is a typing error.
    if (isCalendarDate(issuedAt) && isCalendarDate(expiresAt) && expiresAt < issuedAt) {
      violations.push({
        field: 'identification.idDocument.expiresAt',
        message: 'identification.idDocument.expiresAt must not lie before its issuedAt',
      });
    }
  }
  if (object('screening', r.screening)) {
    check('screening.pep', r.screening.pep);
    sanctions('screening.sanctions', r.screening.sanctions);
  }
  list('representatives', r.representatives).forEach((representative, i) => object(`representatives.${i}`, representative));
  list('ubos', r.ubos).forEach((ubo, i) => {
    if (!object(`ubos.${i}`, ubo)) return;
    oneOf(`ubos.${i}.kind`, ubo.kind, ['owner', 'pseudo']);
    const percent = ubo.percent;
    if (percent !== undefined && !(typeof percent === 'number' && percent > 0 && percent <= 100)) {
      violations.push({ field: `ubos.${i}.percent`, message: 'percent must be above 0 and at most 100' });
    }
    if (ubo.kind === 'owner' && typeof percent === 'number' && percent <= 25) {
      violations.push({ field: `ubos.${i}.percent`, message: 'an owner UBO holds more than 25 %; record a director as pseudo-UBO' });
    }
    check(`ubos.${i}.pep`, ubo.pep);
    sanctions(`ubos.${i}.sanctions`, ubo.sanctions);
  });
  // Enhanced due diligence is approved by senior management before it counts; not on a day to come.
  if (object('enhanced', r.enhanced)) notAfterToday('enhanced.approvedOn', r.enhanced.approvedOn);
  return violations;
}
