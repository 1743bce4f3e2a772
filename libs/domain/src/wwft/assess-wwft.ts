import type { RegisteredClient } from '../client/client.state';
import { type CalendarDate, calendarDateOf } from '../shared/calendar-date';
import type { MissingItem } from '../shared/missing-item';
import type { ScreeningCheck, SanctionsCheck, WwftRegistration } from './wwft-registration';

export interface WwftAssessment {
  complete: boolean;
  /** Past its next review date: a registration must be reviewed again before it counts. */
  expired: boolean;
  nextReviewDate?: CalendarDate;
  missing: MissingItem[];
}

export interface RecordedWwft {
  registration: WwftRegistration;
  nextReviewDate?: CalendarDate;
}

/**
 * What the Wwft registration of a client still lacks, every item at once. `now` comes from the
 * command or query (a decision never reads the clock).
 */
export function assessWwft(client: RegisteredClient, recorded: RecordedWwft | undefined, now: Date): WwftAssessment {
  const today = calendarDateOf(now);
  if (!recorded) {
    return { complete: false, expired: false, missing: [{ item: 'wwft', message: 'no Wwft registration has been recorded' }] };
  }
  const r = recorded.registration;
  const missing: MissingItem[] = [];
  const need = (present: unknown, item: string, message: string) => {
    if (present === undefined || present === null || (typeof present === 'string' && present.trim() === '')) {
      missing.push({ item: `wwft.${item}`, message });
    }
  };

  need(r.cdd?.level, 'cdd.level', 'the CDD level (simplified, standard or enhanced) is not set');
  need(r.cdd?.motivation, 'cdd.motivation', 'the CDD level has no motivation');
  missing.push(...identificationGaps(client, r, today));
  if (client.kind === 'company') {
    if (!r.representatives?.length) {
      missing.push({ item: 'wwft.representatives', message: 'no representative with their authority is recorded' });
    }
    if (!r.ubos?.length) {
      missing.push({ item: 'wwft.ubos', message: 'no UBO (or pseudo-UBO) is recorded' });
    }
    need(r.uboRegisterExtract, 'uboRegisterExtract', 'the UBO-register extract reference is missing');
  }
  (r.ubos ?? []).forEach((ubo, index) => {
    missing.push(...screeningGaps(`ubos[${index}]`, `UBO ${ubo.name}`, ubo.pep, ubo.sanctions));
  });
  need(r.purpose, 'purpose', 'the purpose of the relationship is missing');
  missing.push(...screeningGaps('screening', 'the client', r.screening?.pep, r.screening?.sanctions));
  need(r.risk?.class, 'risk.class', 'the risk class (low, medium or high) is not set');
  need(r.risk?.motivation, 'risk.motivation', 'the risk class has no motivation');
  missing.push(...enhancedGaps(r));

  const expired = recorded.nextReviewDate !== undefined && recorded.nextReviewDate < today;
  return { complete: missing.length === 0, expired, nextReviewDate: recorded.nextReviewDate, missing };
}

function identificationGaps(client: RegisteredClient, r: WwftRegistration, today: CalendarDate): MissingItem[] {
  const gaps: MissingItem[] = [];
  const id = r.identification;
  if (client.kind === 'person') {
    if (!client.details.person?.dateOfBirth) {
      gaps.push({ item: 'wwft.identification.dateOfBirth', message: 'the client card has no date of birth' });
    }
    const doc = id?.idDocument;
    if (!doc) {
      gaps.push({ item: 'wwft.identification.idDocument', message: 'no ID document (type, number, issue date and place, expiry) is recorded' });
    } else if (doc.expiresAt < today) {
      gaps.push({ item: 'wwft.identification.idDocument.expiresAt', message: `the ID document expired on ${doc.expiresAt}` });
    }
    if (!id?.verifiedBy?.trim()) {
      gaps.push({ item: 'wwft.identification.verifiedBy', message: 'who verified the identity is not recorded' });
    }
    return gaps;
  }
  const company = client.details.company;
  if (!company?.legalForm) gaps.push({ item: 'wwft.identification.legalForm', message: 'the client card has no legal form' });
  if (!company?.kvkNumber) gaps.push({ item: 'wwft.identification.kvkNumber', message: 'the client card has no KvK number' });
  if (!id?.verifiedWith?.trim()) {
    gaps.push({ item: 'wwft.identification.verifiedWith', message: 'how the identity was verified is not recorded' });
  }
  return gaps;
}

function screeningGaps(
  path: string,
  who: string,
  pep: ScreeningCheck | undefined,
  sanctions: SanctionsCheck | undefined,
): MissingItem[] {
  const gaps: MissingItem[] = [];
  if (!pep) gaps.push({ item: `wwft.${path}.pep`, message: `no PEP check of ${who} is recorded` });
  if (!sanctions || sanctions.lists.length === 0) {
    gaps.push({ item: `wwft.${path}.sanctions`, message: `no sanctions screening (lists, date, result) of ${who} is recorded` });
  } else if (sanctions.result === 'hit') {
    gaps.push({ item: `wwft.${path}.sanctions`, message: `the sanctions screening of ${who} has a hit: acceptance is blocked` });
  }
  return gaps;
}

/** Enhanced CDD is needed for a PEP (client or UBO), for high risk, or when chosen. */
export function needsEnhancedCdd(r: WwftRegistration): boolean {
  return (
    r.cdd?.level === 'enhanced' ||
    r.risk?.class === 'high' ||
    r.screening?.pep?.result === 'hit' ||
    (r.ubos ?? []).some((ubo) => ubo.pep?.result === 'hit')
  );
}

function enhancedGaps(r: WwftRegistration): MissingItem[] {
  if (!needsEnhancedCdd(r)) return [];
  const gaps: MissingItem[] = [];
  if (r.cdd?.level !== undefined && r.cdd.level !== 'enhanced') {
    gaps.push({ item: 'wwft.cdd.level', message: 'a PEP or high risk requires enhanced CDD' });
  }
  if (!r.enhanced?.sourceOfWealth?.trim()) {
    gaps.push({ item: 'wwft.enhanced.sourceOfWealth', message: 'enhanced CDD needs the source of wealth' });
  }
  if (!r.enhanced?.approvedBy?.trim() || !r.enhanced.approvedOn) {
    gaps.push({ item: 'wwft.enhanced.approval', message: 'enhanced CDD needs an approval (by whom, on which date)' });
  }
  return gaps;
}
