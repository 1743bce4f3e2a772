import type { Checkpoint, ExpectedVersion } from '../event-store.port';

/**
 * Numbering between the port and KurrentDB. KurrentDB numbers a stream's events from revision 0;
 * the port numbers them from version 1 (an empty stream is version 0). Everything crossing the
 * adapter boundary goes through these functions, so no caller ever sees a revision.
 */

/** What KurrentDB's append takes as the expected stream state (the client's `AppendStreamState`). */
export type KurrentStreamState = 'any' | 'no_stream' | bigint;

/** A `$all` position as the client reports it. */
export interface KurrentPosition {
  commit: bigint;
  prepare: bigint;
}

export function versionOf(revision: bigint): number {
  return toSafeNumber(revision + 1n, 'stream revision');
}

export function revisionOf(version: number): bigint {
  if (!Number.isSafeInteger(version) || version < 1) throw new Error(`not a stream version: ${version}`);
  return BigInt(version - 1);
}

/**
 * `no_stream` ↔ NO_STREAM, `any` ↔ ANY, version n ↔ revision n - 1. Version 0 (an empty stream)
 * has no revision: it means the same as `no_stream`.
 */
export function toStreamState(expected: ExpectedVersion): KurrentStreamState {
  if (expected === 'any' || expected === 'no_stream') return expected;
  return expected === 0 ? 'no_stream' : revisionOf(expected);
}

/** The server's view of a stream's current state, as a port version (no stream = 0). */
export function versionOfState(actual: bigint | 'no_stream' | string): number {
  if (actual === 'no_stream') return 0;
  const revision = typeof actual === 'bigint' ? actual : BigInt(actual);
  // Negative states (-1 no stream, -5 deleted, -6 tombstoned in the v2 protocol) have no events to count.
  return revision < 0n ? 0 : versionOf(revision);
}

/** The revision right after the expected version: where an append's first event must land. */
export function firstRevisionAfter(expected: number | 'no_stream'): bigint {
  return expected === 'no_stream' ? 0n : BigInt(expected);
}

/**
 * Checkpoint.position is the commit position and Checkpoint.transactionId the prepare position
 * (as a decimal string). Events written through gRPC have commit = prepare, so the position alone
 * is unique; the pair is kept because `$all` is ordered by (commit, prepare).
 */
export function checkpointOf(position: KurrentPosition): Checkpoint {
  return { transactionId: position.prepare.toString(10), position: toSafeNumber(position.commit, 'commit position') };
}

/** `start` for the port's start checkpoint; otherwise the `$all` position it names. */
export function positionOf(checkpoint: Checkpoint): KurrentPosition | 'start' {
  if (checkpoint.position === 0 && checkpoint.transactionId === '0') return 'start';
  if (!/^\d+$/.test(checkpoint.transactionId)) {
    // A checkpoint stored by another adapter (a PostgreSQL xid8) means nothing on `$all`.
    throw new Error(`checkpoint ${JSON.stringify(checkpoint)} is not a KurrentDB $all position`);
  }
  return { commit: BigInt(checkpoint.position), prepare: BigInt(checkpoint.transactionId) };
}

/** Orders `$all` positions the way the log does: by commit, then by prepare. */
export function comparePositions(a: KurrentPosition, b: KurrentPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** True when `position` lies strictly after the checkpoint (everything does after the start). */
export function isAfter(position: KurrentPosition, checkpoint: KurrentPosition | 'start'): boolean {
  return checkpoint === 'start' || comparePositions(position, checkpoint) > 0;
}

/**
 * Positions are byte offsets in the transaction log: they stay below 2^53 for any realistic
 * database (8 PiB), but a silent rounding would reorder events, so an unsafe value fails loudly.
 */
export function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new Error(`${what} ${value} does not fit a JavaScript number`);
  }
  return Number(value);
}
