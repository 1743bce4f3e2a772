/**
 * Lifts the data of one event type from schema version `from` to `from + 1`. Pure, like a decider:
 * the event store applies the chain on read, so deciders and projections only know current shapes.
 */
export interface EventUpcaster {
  type: string;
  from: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}
