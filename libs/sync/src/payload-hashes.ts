import type { RecordedEvent } from '@koppelhub/eventstore';
import type { ClientRelations } from './client-push.builder';
import { canonical, payloadHash } from './payload-hash';

/**
 * Payload hashes by what the payload is built from: a client's history (the very array read, see
 * RecentHistories) and its relations. The payload is a function of those two, and a client's
 * packages mostly get the same relations, so its packages' jobs (and the dispatcher before them)
 * hash it once. Kept as long as the history is.
 */
export class PayloadHashes {
  private readonly byHistory = new WeakMap<readonly RecordedEvent[], Map<string, string>>();

  of(history: readonly RecordedEvent[], relations: ClientRelations, payload: () => unknown): string {
    const same = canonical(relations);
    let byRelations = this.byHistory.get(history);
    if (!byRelations) this.byHistory.set(history, (byRelations = new Map()));
    const known = byRelations.get(same);
    if (known !== undefined) return known;
    const hash = payloadHash(payload());
    byRelations.set(same, hash);
    return hash;
  }
}
