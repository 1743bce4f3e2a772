const MARK = '[redacted]';
/** Shorter values would blank out unrelated text ("12", "NL"). */
const SHORTEST = 3;
/** From this length a value is taken out wherever it occurs (a BSN is 9 digits, a date 8 to 10 characters). */
const SHORTEST_ANYWHERE = 6;

/**
 * Replaces every occurrence of the given personal values (BSN, date of birth, address parts, ...) in
 * a package's message with [redacted]. A package that echoes what it got would otherwise put them in
 * the hub's failed-push list and its logs. Case is ignored (a package may echo "3581ab"); a value of
 * 3 to 5 characters ("12a", "Ede") only counts as a whole word, so it does not strike inside others.
 */
export function redact(text: string, personalValues: ReadonlyArray<string | undefined>): string {
  const pattern = patternOf(personalValues);
  return pattern ? text.replace(pattern, MARK) : text;
}

/** `redact` on an error's message, in place (before anything formats its stack); the error itself back. */
export function redactError<E>(error: E, personalValues: ReadonlyArray<string | undefined>): E {
  if (error instanceof Error) {
    error.message = redact(error.message, personalValues);
    // A PushError holds the package's words a second time, which a logger writing out the error would show.
    const pushError = error as { packageMessage?: unknown };
    if (typeof pushError.packageMessage === 'string') pushError.packageMessage = redact(pushError.packageMessage, personalValues);
  }
  return error;
}

/** One pattern, so a value is never found inside an earlier [redacted]; longest first, so "Lindelaan 12a" goes whole before "Lindelaan". */
function patternOf(personalValues: ReadonlyArray<string | undefined>): RegExp | undefined {
  const values = new Map<string, string>();
  for (const value of personalValues) {
    const trimmed = value?.trim();
    if (trimmed && trimmed.length >= SHORTEST) values.set(trimmed.toLowerCase(), trimmed);
  }
  if (values.size === 0) return undefined;
  const alternatives = [...values.values()]
    .sort((a, b) => b.length - a.length)
    .map((value) => (value.length >= SHORTEST_ANYWHERE ? escaped(value) : `(?<![\\p{L}\\p{N}])${escaped(value)}(?![\\p{L}\\p{N}])`));
  return new RegExp(alternatives.join('|'), 'giu');
}

function escaped(value: string): string {
  return value.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
