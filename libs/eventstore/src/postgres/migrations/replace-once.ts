/**
 * `text` with `fragment` replaced; throws unless the fragment occurs exactly once. Later migrations
 * of `es_append_batch` are derived from the released text with it, so a module fails to load if the
 * text it changes ever stops matching.
 */
export function replaceOnce(text: string, fragment: string, replacement: string): string {
  return replaceEvery(text, fragment, replacement, 1);
}

/** `text` with every `fragment` replaced; throws unless it occurs exactly `times` times. */
export function replaceEvery(text: string, fragment: string, replacement: string, times: number): string {
  // Split and joined rather than String.replace, which would read "$" sequences in the replacement.
  const parts = text.split(fragment);
  if (parts.length - 1 !== times) {
    throw new Error(`expected ${times} occurrences in es_append_batch, found ${parts.length - 1}, of: ${fragment}`);
  }
  return parts.join(replacement);
}
