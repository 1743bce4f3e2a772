import type { FieldViolation } from '../shared/domain-error';
import { isCalendarDate } from '../shared/calendar-date';
import { isRecord } from '../shared/is-record';
import { CDD_LEVELS, RISK_CLASSES, SCREENING_RESULTS, type WwftRegistration } from './wwft-registration';

/**
 * Shape rules only (objects, lists, enumerations, dates, percentages). A part that is absent is not
 * a violation: the registration is filled in over time and `assessWwft` reports what is missing.
 */
export function validateWwftRegistration(r: WwftRegistration): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const oneOf = (field: string, value: unknown, allowed: readonly string[]) => {
    if (value !== undefined && !allowed.includes(value as string)) {
      violations.push({ field, message: `${field} must be one of ${allowed.join(', ')}` });
    }
  };
  const date = (field: string, value: unknown) => {
    if (value !== undefined && !isCalendarDate(value)) violations.push({ field, message: `${field} must be a date as YYYY-MM-DD` });
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
    date(`${field}.checkedAt`, value.checkedAt);
  };
  const sanctions = (field: string, value: unknown) => {
    check(field, value);
    if (!isRecord(value) || value.lists === undefined) return;
    if (!Array.isArray(value.lists) || !value.lists.every((name) => typeof name === 'string')) {
      violations.push({ field: `${field}.lists`, message: `${field}.lists must be a list of sanctions list names` });
    }
  };

  if (object('cdd', r.cdd)) oneOf('cdd.level', r.cdd.level, CDD_LEVELS);
  if (object('risk', r.risk)) oneOf('risk.class', r.risk.class, RISK_CLASSES);
  if (object('identification', r.identification) && object('identification.idDocument', r.identification.idDocument)) {
    date('identification.idDocument.issuedAt', r.identification.idDocument.issuedAt);
    date('identification.idDocument.expiresAt', r.identification.idDocument.expiresAt);
  }
  if (object('screening', r.screening)) {
    check('screening.pep', r.screening.pep);
    sanctions('screening.sanctions', r.screening.sanctions);
  }
  list('representatives', r.representatives).forEach((representative, i) => object(`representatives[${i}]`, representative));
  list('ubos', r.ubos).forEach((ubo, i) => {
    if (!object(`ubos[${i}]`, ubo)) return;
    oneOf(`ubos[${i}].kind`, ubo.kind, ['owner', 'pseudo']);
    const percent = ubo.percent;
    if (percent !== undefined && !(typeof percent === 'number' && percent > 0 && percent <= 100)) {
      violations.push({ field: `ubos[${i}].percent`, message: 'percent must be above 0 and at most 100' });
    }
    if (ubo.kind === 'owner' && typeof percent === 'number' && percent <= 25) {
      violations.push({ field: `ubos[${i}].percent`, message: 'an owner UBO holds more than 25 %; record a director as pseudo-UBO' });
    }
    check(`ubos[${i}].pep`, ubo.pep);
    sanctions(`ubos[${i}].sanctions`, ubo.sanctions);
  });
  if (object('enhanced', r.enhanced)) date('enhanced.approvedOn', r.enhanced.approvedOn);
  return violations;
}
