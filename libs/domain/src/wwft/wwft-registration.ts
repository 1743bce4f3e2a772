import type { CalendarDate } from '../shared/calendar-date';

/** Level of client due diligence (cliëntenonderzoek): vereenvoudigd, standaard, verscherpt. */
export const CDD_LEVELS = ['simplified', 'standard', 'enhanced'] as const;
export type CddLevel = (typeof CDD_LEVELS)[number];

export const RISK_CLASSES = ['low', 'medium', 'high'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

export const SCREENING_RESULTS = ['no-hit', 'hit'] as const;
export type ScreeningResult = (typeof SCREENING_RESULTS)[number];

/** A PEP check: who was screened is implied by where it sits (client or UBO). */
export interface ScreeningCheck {
  result: ScreeningResult;
  checkedAt: CalendarDate;
}

/** Sanctions screening also names the lists it ran against (e.g. NL-terrorisme, EU, UN). */
export interface SanctionsCheck extends ScreeningCheck {
  lists: string[];
}

/** Far more lists than any screening runs against, and longer names than any list has: a bound, not a norm. */
export const SANCTIONS_LISTS_MAX = 50;
export const SANCTIONS_LIST_NAME_MAX = 100;

export interface IdDocument {
  type: string;
  number: string;
  issuedAt: CalendarDate;
  issuedPlace: string;
  expiresAt: CalendarDate;
}

/**
 * How the client was identified. Name, date of birth, address, legal form, statutory name and KvK
 * number are read from the client card, so they are never kept twice; this records what the card
 * does not hold: the ID document (persons) and how the identity was verified.
 */
export interface Identification {
  idDocument?: IdDocument;
  /** Who verified the ID document (persons). */
  verifiedBy?: string;
  /** With what the identity was verified, e.g. "KvK-uittreksel 2026-11-01" (companies). */
  verifiedWith?: string;
}

/** vertegenwoordiger: someone who acts for the client, with the authority they have. */
export interface Representative {
  name: string;
  authority: string;
  role?: string;
}

/**
 * uiteindelijk belanghebbende: a natural person holding more than 25 % (`owner`), or a director
 * standing in when there is none (`pseudo`).
 */
export interface Ubo {
  name: string;
  kind: 'owner' | 'pseudo';
  /** The person client this UBO is, when registered in the hub. */
  clientId?: string;
  percent?: number;
  indirect?: boolean;
  pep?: ScreeningCheck;
  sanctions?: SanctionsCheck;
}

/** verscherpt cliëntenonderzoek: what enhanced CDD adds. */
export interface EnhancedDueDiligence {
  sourceOfWealth?: string;
  approvedBy?: string;
  approvedOn?: CalendarDate;
}

/**
 * The Wwft registration in a client's dossier. Every part is optional because it is filled in
 * over time; `assessWwft` says what is still missing.
 */
export interface WwftRegistration {
  cdd?: { level?: CddLevel; motivation?: string };
  identification?: Identification;
  representatives?: Representative[];
  ubos?: Ubo[];
  /** Reference of the UBO-register extract the UBOs were checked against. */
  uboRegisterExtract?: string;
  /** Purpose of the relationship (doel). */
  purpose?: string;
  /** Nature of the relationship (aard). */
  nature?: string;
  screening?: { pep?: ScreeningCheck; sanctions?: SanctionsCheck };
  risk?: { class?: RiskClass; motivation?: string };
  enhanced?: EnhancedDueDiligence;
}
