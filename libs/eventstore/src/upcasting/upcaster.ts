import type { JsonObject, RecordedEvent } from '../event-store.port';

/**
 * Reads one event type at one schema version and yields the next version's data. Events are never
 * rewritten in the log (the hash chain covers their stored bytes); old shapes are lifted on read.
 */
export interface Upcaster {
  type: string;
  /** The schema version it reads; it yields `from + 1`. */
  from: number;
  upcast(data: JsonObject): JsonObject;
}

/** Where an event records the schema version it was written at; absent means version 1. */
export const SCHEMA_VERSION = 'schemaVersion';

/** Every upcaster of the hub, chained per type: version 1 → 2 → … → current. */
export class UpcasterChain {
  private readonly steps = new Map<string, Upcaster>();
  private readonly current = new Map<string, number>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) {
      const key = stepKey(upcaster.type, upcaster.from);
      if (this.steps.has(key)) throw new Error(`two upcasters read ${upcaster.type} version ${upcaster.from}`);
      this.steps.set(key, upcaster);
    }
    for (const { type } of upcasters) {
      let version = 1;
      while (this.steps.has(stepKey(type, version))) version++;
      this.current.set(type, version);
    }
  }

  /** The version an event of this type is written at today. */
  currentVersion(type: string): number {
    return this.current.get(type) ?? 1;
  }

  /** The event lifted to its type's current schema version (the same object when already current). */
  upcast(event: RecordedEvent): RecordedEvent {
    // Every event read passes through here, and most types never changed shape.
    const current = this.current.get(event.type);
    if (current === undefined) return event;
    const written = Number(event.metadata[SCHEMA_VERSION] ?? 1);
    // Events written since the type last moved are current: no step key to build and look up.
    if (written >= current) return event;
    let version = written;
    let data = event.data;
    for (let step = this.steps.get(stepKey(event.type, version)); step; step = this.steps.get(stepKey(event.type, version))) {
      data = step.upcast(data);
      version++;
    }
    if (version === written) return event;
    return { ...event, data, metadata: withSchemaVersion(event.metadata, version) };
  }

  /** Metadata stamped with the current version, for types that have moved past version 1. */
  stamp<T extends JsonObject>(type: string, metadata: T): T {
    const version = this.currentVersion(type);
    return version === 1 ? metadata : withSchemaVersion(metadata, version);
  }
}

/**
 * A copy with the version set. Not `{ ...metadata, [SCHEMA_VERSION]: version }`: on Node 20 a
 * spread followed by a key the source lacks makes a new hidden class per call (see "Conventions" in
 * docs/architecture.md).
 */
function withSchemaVersion<T extends JsonObject>(metadata: T, version: number): T {
  return Object.assign({}, metadata, { [SCHEMA_VERSION]: version });
}

const stepKey = (type: string, from: number) => `${type}@${from}`;
