import type { Column } from './column';

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A field of PostgreSQL's COPY text format: backslash, tab and line breaks escaped. */
function field(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c]) : text;
}

/**
 * One value as its column's text: what `jsonb_to_recordset` would read from the row's JSON (a Date
 * as its ISO text, JSON columns as JSON), so both ways of writing store the same.
 */
function columnText(value: unknown, column: Column): string {
  if (value === null || value === undefined) return '\\N';
  if (column.type === 'jsonb' || column.type === 'json') return field(JSON.stringify(value));
  if (value instanceof Date) return value.toISOString();
  return field(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/** Rows as the lines of a `COPY table (columns) FROM STDIN`, in the order of `columns`. */
export function copyText(rows: readonly object[], columns: readonly Column[]): string {
  let text = '';
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    let line = '';
    for (let i = 0; i < columns.length; i++) line += (i === 0 ? '' : '\t') + columnText(values[columns[i].name], columns[i]);
    text += line + '\n';
  }
  return text;
}
