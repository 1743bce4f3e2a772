import type { Column } from './column';

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A field of PostgreSQL's COPY text format: backslash, tab and line breaks escaped. */
function field(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c]) : text;
}

/** Names the column and the value's kind, never the value: read models hold personal data. */
class NotCopyable extends Error {
  constructor(column: Column, value: unknown) {
    super(`${column.name} (${column.type}) cannot be copied from a value of type ${typeof value}`);
    this.name = 'NotCopyable';
  }
}

/**
 * Each column type's text, as `jsonb_to_recordset` would read the value from the row's JSON, so
 * both ways of writing store the same. Only values the read models hold are taken; anything else
 * throws (the batch then fails and its retry upserts) rather than being stored differently.
 */
const asText = (value: unknown, column: Column): string => {
  if (typeof value !== 'string') throw new NotCopyable(column, value);
  return field(value);
};

/**
 * A Date as ISO text, the last one remembered: the events of one transaction share their recording
 * time, so a rebuild's rows mostly repeat the time before them (`toISOString` was 3 % of one).
 */
const isoText = (() => {
  let lastTime = Number.NaN;
  let lastText = '';
  return (date: Date): string => {
    const time = date.getTime();
    if (time !== lastTime) {
      lastText = date.toISOString();
      lastTime = time;
    }
    return lastText;
  };
})();

const FORMATS: Record<string, (value: unknown, column: Column) => string> = {
  uuid: asText,
  text: asText,
  jsonb: (value) => field(JSON.stringify(value)),
  timestamptz: (value, column) => {
    if (value instanceof Date) return isoText(value);
    if (typeof value !== 'string') throw new NotCopyable(column, value);
    return field(value);
  },
  boolean: (value, column) => {
    if (typeof value !== 'boolean') throw new NotCopyable(column, value);
    return value ? 't' : 'f';
  },
  // A number a fold made, or the text pg reads a numeric as.
  numeric: (value, column) => {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return value;
    throw new NotCopyable(column, value);
  },
};

/** Whether every column is of a type `copyText` writes; a projection with others is upserted. */
export const copyable = (columns: readonly Column[]): boolean => columns.every((column) => column.type in FORMATS);

/** Rows as the lines of a `COPY table (columns) FROM STDIN`, in the order of `columns`; absent values as NULL. */
export function copyText(rows: readonly object[], columns: readonly Column[]): string {
  const formats = columns.map((column) => {
    const format = FORMATS[column.type];
    if (!format) throw new Error(`${column.name}: COPY takes no ${column.type} columns here`);
    return format;
  });
  let text = '';
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      const value = values[columns[i].name];
      line += (i === 0 ? '' : '\t') + (value === null || value === undefined ? '\\N' : formats[i](value, columns[i]));
    }
    text += line + '\n';
  }
  return text;
}
