import type { CachedKey } from './key-cache';

export interface SubjectKeyState {
  subject: string;
  erased: boolean;
}

/** The per-person keys: where they are kept is the adapter's business (`PersonalDataKeys` on PostgreSQL). */
export interface SubjectKeys {
  /** Keys to open sealed fields with; `null` for an erased subject (or one whose key is gone). */
  forReading(subjects: readonly string[]): Promise<Map<string, CachedKey>>;
  /**
   * Keys to seal with (subject → scope), made when missing; `null` for an erased subject, and for a
   * new one in a scope whose own subject is erased (an erased client takes no new personal data).
   */
  forWriting(subjects: ReadonlyMap<string, string>): Promise<Map<string, CachedKey>>;
  /** Every subject in a relationship's scope, erased or not. */
  inScope(scope: string): Promise<SubjectKeyState[]>;
  /**
   * Destroys the keys; the subjects stay known as erased. Keys being made in the scope meanwhile are
   * either made before (and then in `inScope` afterwards) or refused.
   */
  erase(subjects: readonly string[], scope: string): Promise<void>;
  /** Drops whatever is cached of these subjects. */
  forget(subjects: readonly string[]): void;
}
