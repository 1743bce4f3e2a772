import type { RegisteredClient } from '../client/client.state';
import type { DossierDocument } from '../dossier/dossier.model';
import { type CalendarDate, calendarDateOf } from '../shared/calendar-date';
import { hasText, isRecord } from '../shared/is-record';
import type { MissingItem } from '../shared/missing-item';
import type { WwftRegistration } from './wwft-registration';

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
 * command or query (a decision never reads the clock). A part recorded in the wrong shape (an
 * array or a scalar where an object belongs, as an older event may hold) counts as missing. The
 * organogram belongs to the registration but is kept as a document of the dossier (`attachments`).
 */
export function assessWwft(
  client: RegisteredClient,
  recorded: RecordedWwft | undefined,
  attachments: readonly Pick<DossierDocument, 'kind'>[],
  now: Date,
): WwftAssessment {
  const today = calendarDateOf(now);
  if (!recorded) {
    return { complete: false, expired: false, missing: [{ item: 'wwft', message: 'no Wwft registration has been recorded' }] };
  }
  const r = recorded.registration;
  const missing: MissingItem[] = [];
  // Every part checked this way is text (a free text or the name of a level or class).
  const need = (present: unknown, item: string, message: string) => {
    if (!hasText(present)) missing.push({ item: `wwft.${item}`, message });
  };
  const cdd = partOf(r.cdd);
  const risk = partOf(r.risk);
  const screening = partOf(r.screening);

  need(cdd.level, 'cdd.level', 'the CDD level (simplified, standard or enhanced) is not set');
  need(cdd.motivation, 'cdd.motivation', 'the CDD level has no motivation');
  missing.push(...identificationGaps(client, r, today));
  if (client.kind === 'company') {
    // Every one recorded must be complete: a list with a complete one beside an empty one is not.
    const representatives = listOf(r.representatives);
    if (representatives.length === 0 || !representatives.every((p) => isRecord(p) && hasText(p.name) && hasText(p.authority))) {
      missing.push({ item: 'wwft.representatives', message: 'not every representative is recorded with their name and authority' });
    }
    const ubos = listOf(r.ubos);
    if (ubos.length === 0 || !ubos.every((ubo) => isRecord(ubo) && hasText(ubo.name) && hasText(ubo.kind))) {
      missing.push({ item: 'wwft.ubos', message: 'not every UBO (or pseudo-UBO) is recorded with their name and kind' });
    }
    need(r.uboRegisterExtract, 'uboRegisterExtract', 'the UBO-register extract reference is missing');
  }
  listOf(r.ubos).map(partOf).forEach((ubo, index) => {
    missing.push(...screeningGaps(`ubos.${index}`, `UBO ${String(ubo.name)}`, ubo.pep, ubo.sanctions));
  });
  need(r.purpose, 'purpose', 'the purpose of the relationship is missing');
  need(r.nature, 'nature', 'the nature of the relationship is missing');
  if (!attachments.some((document) => document.kind === 'organogram')) {
    missing.push({ item: 'wwft.organogram', message: 'no organogram is attached to the dossier' });
  }
  missing.push(...screeningGaps('screening', 'the client', screening.pep, screening.sanctions));
  need(risk.class, 'risk.class', 'the risk class (low, medium or high) is not set');
  need(risk.motivation, 'risk.motivation', 'the risk class has no motivation');
  missing.push(...enhancedGaps(r));

  const expired = recorded.nextReviewDate !== undefined && recorded.nextReviewDate < today;
  return { complete: missing.length === 0, expired, nextReviewDate: recorded.nextReviewDate, missing };
}

/** A part of the registration as an object, or an empty one when it is absent or not an object. */
function partOf(part: unknown): Record<string, unknown> {
  return isRecord(part) ? part : {};
}

/** A list part as a list, or an empty one when it is absent or not a list. */
function listOf(list: unknown): unknown[] {
  return Array.isArray(list) ? list : [];
}

function identificationGaps(client: RegisteredClient, r: WwftRegistration, today: CalendarDate): MissingItem[] {
  const gaps: MissingItem[] = [];
  const id = partOf(r.identification);
  if (client.kind === 'person') {
    if (!client.details.person?.dateOfBirth) {
      gaps.push({ item: 'wwft.identification.dateOfBirth', message: 'the client card has no date of birth' });
    }
    const doc = id.idDocument;
    const unrecorded = isRecord(doc) ? ID_DOCUMENT_PARTS.filter(([part]) => !hasText(doc[part])).map(([, name]) => name) : [];
    if (!isRecord(doc)) {
      gaps.push({ item: 'wwft.identification.idDocument', message: 'no ID document (type, number, issue date and place, expiry) is recorded' });
    } else if (unrecorded.length > 0) {
      gaps.push({ item: 'wwft.identification.idDocument', message: `the ID document lacks its ${unrecorded.join(', ')}` });
    } else if (typeof doc.expiresAt === 'string' && doc.expiresAt < today) {
      gaps.push({ item: 'wwft.identification.idDocument.expiresAt', message: `the ID document expired on ${doc.expiresAt}` });
    }
    if (!hasText(id.verifiedBy)) {
      gaps.push({ item: 'wwft.identification.verifiedBy', message: 'who verified the identity is not recorded' });
    }
    return gaps;
  }
  const company = client.details.company;
  if (!company?.legalForm) gaps.push({ item: 'wwft.identification.legalForm', message: 'the client card has no legal form' });
  if (!company?.kvkNumber) gaps.push({ item: 'wwft.identification.kvkNumber', message: 'the client card has no KvK number' });
  if (!hasText(id.verifiedWith)) {
    gaps.push({ item: 'wwft.identification.verifiedWith', message: 'how the identity was verified is not recorded' });
  }
  return gaps;
}

/** What identifies an ID document, with how a message names it. */
const ID_DOCUMENT_PARTS = [
  ['type', 'type'],
  ['number', 'number'],
  ['issuedAt', 'issue date'],
  ['issuedPlace', 'issue place'],
  ['expiresAt', 'expiry date'],
] as const;

/** A check counts once it says what it found and when. */
const isDoneCheck = (check: unknown): check is Record<string, unknown> => isRecord(check) && hasText(check.result) && hasText(check.checkedAt);

function screeningGaps(path: string, who: string, pep: unknown, sanctions: unknown): MissingItem[] {
  const gaps: MissingItem[] = [];
  if (!isDoneCheck(pep)) gaps.push({ item: `wwft.${path}.pep`, message: `no PEP check of ${who} (date, result) is recorded` });
  if (!isDoneCheck(sanctions) || !Array.isArray(sanctions.lists) || sanctions.lists.length === 0) {
    gaps.push({ item: `wwft.${path}.sanctions`, message: `no sanctions screening (lists, date, result) of ${who} is recorded` });
  } else if (sanctions.result === 'hit') {
    gaps.push({ item: `wwft.${path}.sanctions`, message: `the sanctions screening of ${who} has a hit: acceptance is blocked` });
  }
  return gaps;
}

/** Enhanced CDD is needed for a PEP (client or UBO), for high risk, or when chosen. */
export function needsEnhancedCdd(r: WwftRegistration): boolean {
  const isHit = (check: unknown) => isRecord(check) && check.result === 'hit';
  return (
    partOf(r.cdd).level === 'enhanced' ||
    partOf(r.risk).class === 'high' ||
    isHit(partOf(r.screening).pep) ||
    listOf(r.ubos).some((ubo) => isHit(partOf(ubo).pep))
  );
}

function enhancedGaps(r: WwftRegistration): MissingItem[] {
  if (!needsEnhancedCdd(r)) return [];
  const gaps: MissingItem[] = [];
  const level = partOf(r.cdd).level;
  const enhanced = partOf(r.enhanced);
  if (level !== undefined && level !== 'enhanced') {
    gaps.push({ item: 'wwft.cdd.level', message: 'a PEP or high risk requires enhanced CDD' });
  }
  if (!hasText(enhanced.sourceOfWealth)) {
    gaps.push({ item: 'wwft.enhanced.sourceOfWealth', message: 'enhanced CDD needs the source of wealth' });
  }
  if (!hasText(enhanced.approvedBy) || !enhanced.approvedOn) {
    gaps.push({ item: 'wwft.enhanced.approval', message: 'enhanced CDD needs an approval (by whom, on which date)' });
  }
  return gaps;
}
