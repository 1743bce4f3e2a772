import type { RecordedEvent } from '@koppelhub/eventstore';

/**
 * Client histories read lately, the most recent `capacity` clients. A client's jobs for its
 * several packages run close together and each needs its history; one read can serve them all
 * as long as it reaches what each job must reflect (see PushProcessor).
 */
export class RecentHistories {
  private readonly histories = new Map<string, RecordedEvent[]>();

  /** By default more clients than a worker has jobs for in hand at once. */
  constructor(private readonly capacity = 5_000) {}

  /** The history kept for the client if it reaches `position`. */
  reaching(clientId: string, position: number): RecordedEvent[] | undefined {
    const history = this.histories.get(clientId);
    const last = history?.at(-1)?.position;
    return last !== undefined && last >= position ? history : undefined;
  }

  keep(clientId: string, history: RecordedEvent[]): void {
    this.histories.delete(clientId);
    this.histories.set(clientId, history);
    // A Map iterates in insertion order: the first key is the one kept longest ago.
    if (this.histories.size > this.capacity) this.histories.delete(this.histories.keys().next().value!);
  }
}
