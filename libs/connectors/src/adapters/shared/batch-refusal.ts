/**
 * A 4xx that is about the batch request itself (too large for a proxy, unreadable to a gateway),
 * not about who sends it or how often: it says nothing of the calls in it, so each goes again alone.
 */
export function refusesTheBatchItself(status: number): boolean {
  return status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status);
}
