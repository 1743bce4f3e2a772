/**
 * Escaping for the two kinds of DOT strings this renderer writes.
 *
 * Labels are HTML-like (`<…>`), so text goes in as HTML entities: `&`, `<`, `>` and quotes would
 * otherwise end a tag, start one, or be read as a broken entity ("&amp" in "Smit &amp Co"), and a
 * backslash is doubled, because Graphviz would turn "\N" into the node's name even here.
 * Everything else (ids, colours, classes) is a quoted DOT string, where only `"` and `\` matter.
 */
export function escapeHtmlText(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\\/g, '\\\\'); // Graphviz substitutes \N, \G… even in HTML labels; \\ is a plain backslash
}

/** A quoted DOT string. Backslashes are doubled because escString attributes read `\N`, `\G`, … */
export function quoteDot(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

export type DotAttributes = Record<string, string | number | boolean | HtmlLabel | undefined>;

/** Marks a label as HTML-like, written as `<…>` instead of a quoted string. */
export interface HtmlLabel {
  html: string;
}

export function html(markup: string): HtmlLabel {
  return { html: markup };
}

/** `[a="x", label=<…>]`; undefined values are left out so callers can pass optional attributes. */
export function formatAttributes(attributes: DotAttributes): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (typeof value === 'object') parts.push(`${key}=<${value.html}>`);
    else parts.push(`${key}=${quoteDot(String(value))}`);
  }
  return parts.length === 0 ? '' : ` [${parts.join(', ')}]`;
}
