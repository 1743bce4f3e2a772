/** QicsMilestones keeps at most this many characters of a CustomerCompany name. */
export const QICS_NAME_MAX_LENGTH = 50;

/**
 * Cuts a name to what QicsMilestones keeps, so what we send is what it stores and a re-push
 * compares equal. Counts code points (never splits a surrogate pair) and drops trailing spaces.
 */
export function truncateName(name: string, maxLength: number = QICS_NAME_MAX_LENGTH): string {
  const codePoints = Array.from(name.trim());
  if (codePoints.length <= maxLength) return codePoints.join('');
  return codePoints.slice(0, maxLength).join('').trimEnd();
}
