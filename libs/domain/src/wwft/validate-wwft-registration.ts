import type { FieldViolation } from '../shared/domain-error';
import { isCalendarDate } from '../shared/calendar-date';
import { CDD_LEVELS, RISK_CLASSES, SCREENING_RESULTS, type ScreeningCheck, type WwftRegistration } from './wwft-registration';

/**
 * Shape rules only (enumerations, dates, percentages). A part that is absent is not a violation:
 * the registration is filled in over time and `assessWwft` reports what is missing.
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
  const check = (field: string, value: ScreeningCheck | undefined) => {
    if (!value) return;
    oneOf(`${field}.result`, value.result, SCREENING_RESULTS);
    date(`${field}.checkedAt`, value.checkedAt);
  };

  oneOf('cdd.level', r.cdd?.level, CDD_LEVELS);
  oneOf('risk.class', r.risk?.class, RISK_CLASSES);
  const doc = r.identification?.idDocument;
  if (doc) {
    date('identification.idDocument.issuedAt', doc.issuedAt);
    date('identification.idDocument.expiresAt', doc.expiresAt);
  }
  check('screening.pep', r.screening?.pep);
  check('screening.sanctions', r.screening?.sanctions);
  (r.ubos ?? []).forEach((ubo, i) => {
    oneOf(`ubos[${i}].kind`, ubo.kind, ['owner', 'pseudo']);
    if (ubo.percent !== undefined && !(ubo.percent > 0 && ubo.percent <= 100)) {
      violations.push({ field: `ubos[${i}].percent`, message: 'percent must be above 0 and at most 100' });
    }
    if (ubo.kind === 'owner' && ubo.percent !== undefined && ubo.percent <= 25) {
      violations.push({ field: `ubos[${i}].percent`, message: 'an owner UBO holds more than 25 %; record a director as pseudo-UBO' });
    }
    check(`ubos[${i}].pep`, ubo.pep);
    check(`ubos[${i}].sanctions`, ubo.sanctions);
  });
  date('enhanced.approvedOn', r.enhanced?.approvedOn);
  return violations;
}
