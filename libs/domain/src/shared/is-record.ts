/**
 * A JSON object: not null and not an array. Data from outside (and events recorded before a rule
 * existed) may hold an array or a scalar where an object belongs; reading it as one would throw.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text with more than white space in it; anything that is not text counts as absent. */
export function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
