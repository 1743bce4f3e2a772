import { newSubjectKey } from '../personal-data/envelope-codec';
import type { CachedKey } from '../personal-data/key-cache';
import type { SubjectKeys, SubjectKeyState } from '../personal-data/subject-keys.port';

/** Subject keys in memory, for unit tests of what seals and opens personal data. */
export class InMemorySubjectKeys implements SubjectKeys {
  readonly keys = new Map<string, { scope: string; key: CachedKey }>();

  async forReading(subjects: readonly string[]): Promise<Map<string, CachedKey>> {
    return new Map(subjects.map((s) => [s, this.keys.get(s)?.key ?? null]));
  }

  /** As the port says: no new key in a scope whose own subject is erased. */
  async forWriting(subjects: ReadonlyMap<string, string>): Promise<Map<string, CachedKey>> {
    const closed = (scope: string) => this.keys.get(scope)?.key === null;
    for (const [subject, scope] of subjects) if (!this.keys.has(subject) && !closed(scope)) this.keys.set(subject, { scope, key: newSubjectKey() });
    return new Map([...subjects.keys()].map((s) => [s, this.keys.get(s)?.key ?? null]));
  }

  async inScope(scope: string): Promise<SubjectKeyState[]> {
    return [...this.keys].filter(([, k]) => k.scope === scope).map(([subject, k]) => ({ subject, erased: k.key === null }));
  }

  async erase(subjects: readonly string[], scope: string): Promise<void> {
    for (const subject of subjects) this.keys.set(subject, { scope: this.keys.get(subject)?.scope ?? scope, key: null });
  }

  forget(): void {}
}
