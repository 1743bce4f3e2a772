import { hash, randomUUID } from 'node:crypto';

/** Who asked for a command and how it relates to others; recorded on every event it produces. */
export interface CommandMetadata {
  actor: string;
  /** Stable per request: a retried request with the same Idempotency-Key carries the same id. */
  commandId: string;
  correlationId: string;
  causationId?: string;
  reason?: string;
  /**
   * When the command was asked for (ISO 8601). Decisions that depend on the date (a Wwft review
   * falling due) use this, so a conflict retry decides at the same moment.
   */
  requestedAt?: string;
}

export function newCommandMetadata(actor: string, overrides: Partial<CommandMetadata> = {}): CommandMetadata {
  const commandId = overrides.commandId ?? randomUUID();
  return {
    actor,
    commandId,
    correlationId: overrides.correlationId ?? commandId,
    requestedAt: overrides.requestedAt ?? new Date().toISOString(),
    ...overrides,
  };
}

/** The moment a decision is taken at: the command's own time, else now (commands built before it existed). */
export function decisionTimeOf(metadata: CommandMetadata): Date {
  return metadata.requestedAt ? new Date(metadata.requestedAt) : new Date();
}

/**
 * A UUID (version 5 layout) derived from a command id (or another fixed scope) and a name: the
 * events and new aggregate ids of a repeated command come out the same, so the event store
 * recognises the repeat.
 */
export function derivedId(commandId: string, name: string): string {
  const digest = hash('sha1', `${commandId}/${name}`, 'buffer');
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
