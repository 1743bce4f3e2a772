import type { Checkpoint } from '../event-store.port';

/** Whether `a` lies after `b` in delivery order: by transaction id, then by position. */
export function isAfterCheckpoint(a: Checkpoint, b: Checkpoint): boolean {
  const [ta, tb] = [BigInt(a.transactionId), BigInt(b.transactionId)];
  return ta > tb || (ta === tb && a.position > b.position);
}

/** The later of two points in delivery order (`a` when they are the same). */
export function laterCheckpoint(a: Checkpoint, b: Checkpoint): Checkpoint {
  return isAfterCheckpoint(b, a) ? b : a;
}
