/**
 * Replaces every occurrence of the given personal values (BSN, date of birth) in a package's message
 * with [redacted]. A package that echoes what it got would otherwise put them in the hub's failed-push
 * list and its logs.
 */
export function redact(text: string, personalValues: ReadonlyArray<string | undefined>): string {
  let result = text;
  for (const value of personalValues) {
    const trimmed = value?.trim();
    // Very short values would blank out unrelated text; a BSN is 9 digits, a date 10 characters.
    if (!trimmed || trimmed.length < 6) continue;
    result = result.split(trimmed).join('[redacted]');
  }
  return result;
}

/** `redact` on an error's message, in place (before anything formats its stack); the error itself back. */
export function redactError<E>(error: E, personalValues: ReadonlyArray<string | undefined>): E {
  if (error instanceof Error) error.message = redact(error.message, personalValues);
  return error;
}
