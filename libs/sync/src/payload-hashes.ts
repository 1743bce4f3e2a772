import type { RecordedEvent } from '@koppelhub/eventstore';
import type { ClientRelations } from './client-push.builder';
import { canonical, payloadHash } from './payload-hash';

/**
 * Payload hashes by what the payload is built from: a client's history (the very array read, see
 * RecentHistories), its relations and, for a package switched off, the day it was. The payload is
 * a function of those, and a client's packages mostly get the same relations, so its packages'
 * jobs (and the dispatcher before them) hash it once. Kept as long as the history is.
 */
export class PayloadHashes {
  private readonly byHistory = new WeakMap<readonly RecordedEvent[], Map<string, string>>();

  /** `endedOn`: the package was switched off that day (see SyncClient), which changes its payload. */
  of(history: readonly RecordedEvent[], relations: ClientRelations, endedOn: string | undefined, payload: () => unknown): string {
    const same = `${endedOn ?? ''}|${canonical(relations)}`;
    let byRelations = this.byHistory.get(history);
    if (!byRelations) this.byHistory.set(history, (byRelations = new Map()));
    const known = byRelations.get(same);
    if (known !== undefined) return known;
    const hash = payloadHash(payload());
    byRelations.set(same, hash);
    return hash;
  }
}
