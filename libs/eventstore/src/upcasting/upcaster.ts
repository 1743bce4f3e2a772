import type { FoldableEvent, JsonObject, RecordedEvent } from '../event-store.port';

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
    const lifted = this.lift(event.type, event.metadata[SCHEMA_VERSION], event.data);
    return lifted ? { ...event, data: lifted.data, metadata: withSchemaVersion(event.metadata, lifted.version) } : event;
  }

  /**
   * A fold's event lifted alike, given the schema version its metadata records (`readForFold` reads
   * that one value of the metadata, not the rest).
   */
  upcastFoldable<E extends FoldableEvent>(event: E, schemaVersion: unknown): E {
    const lifted = this.lift(event.type, schemaVersion, event.data);
    return lifted ? { ...event, data: lifted.data } : event;
  }

  /** The data lifted from the version it was written at; undefined when it is current already. */
  private lift(type: string, schemaVersion: unknown, data: JsonObject): { data: JsonObject; version: number } | undefined {
    // Every event read passes through here, and most types never changed shape.
    const current = this.current.get(type);
    if (current === undefined) return undefined;
    const written = Number(schemaVersion ?? 1);
    // Events written since the type last moved are current: no step key to build and look up.
    if (written >= current) return undefined;
    let version = written;
    let lifted = data;
    for (let step = this.steps.get(stepKey(type, version)); step; step = this.steps.get(stepKey(type, version))) {
      lifted = step.upcast(lifted);
      version++;
    }
    return version === written ? undefined : { data: lifted, version };
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
