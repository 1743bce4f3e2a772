import { cleanText } from '../labels/text';

/**
 * Text inside a quoted Mermaid label. Mermaid has no backslash escapes: characters are written as
 * entity codes (`#quot;`, `#amp;`, `#35;`), which it turns back into the character when it draws.
 * `#` goes first so a name that happens to contain "#quot;" is not read as an entity. `&`, `<`, `>`
 * are encoded too because Mermaid draws labels as HTML, where they would start an entity or a tag.
 */
export function escapeMermaidText(value: string): string {
  return cleanText(value)
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/&/g, '#amp;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;');
}

/** A label of several lines, each escaped, joined with Mermaid's line break. */
export function mermaidLabel(lines: readonly string[]): string {
  return `"${lines.map(escapeMermaidText).join('<br/>')}"`;
}

/**
 * The front-matter title is YAML, not a Mermaid label: a JSON string is a valid YAML double-quoted
 * scalar, so JSON.stringify escapes it correctly.
 */
export function yamlString(value: string): string {
  return JSON.stringify(cleanText(value));
}
