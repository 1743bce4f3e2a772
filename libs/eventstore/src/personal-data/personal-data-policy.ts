import type { JsonObject } from '../event-store.port';

/** Where one subject's personal fields sit in an event's data. */
export interface PersonalFieldsTarget {
  subject: string;
  /** The relationship the data serves; erasing it erases every subject in it. */
  scope: string;
  paths: readonly (readonly string[])[];
}

/** What the store needs to know of the domain's personal data: which fields, and which events erase. */
export interface PersonalDataPolicy {
  /** What an erased field reads as. */
  readonly erasedValue: string;
  targetsOf(event: { type: string; data: JsonObject }): PersonalFieldsTarget[];
  /** Subjects an event records as erased: other processes drop their cached keys on reading it. */
  erasedSubjectsOf(event: { type: string; data: JsonObject }): string[];
}
