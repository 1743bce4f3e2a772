/**
 * Ids from the read models can be anything (uuids, numbers, odd characters). Both outputs need ids
 * that are safe as DOT names, SVG/DOM ids and Mermaid node ids, and stable across renders so a test
 * or a stylesheet can find a node. Every character outside [A-Za-z0-9] becomes `_<hex>_`, which
 * keeps the mapping one-to-one (`_` itself is encoded too).
 */
export function encodeIdPart(raw: string): string {
  let encoded = '';
  for (const char of raw) {
    encoded += /[A-Za-z0-9]/.test(char) ? char : `_${(char.codePointAt(0) ?? 0).toString(16)}_`;
  }
  return encoded;
}
