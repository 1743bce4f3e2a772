import { XMLParser } from 'fast-xml-parser';

const PARSER_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  trimValues: true,
} as const;

/** Attribute keys are '@_name'; values stay strings, so codes like '001' keep their zeros. */
export const twinfieldXmlParser = new XMLParser(PARSER_OPTIONS);

/** A parsed element as a record of its children and '@_' attributes; undefined for text or a list. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A parsed element's text (plain, or beside attributes as '#text'); undefined when empty. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  const text = asRecord(value)?.['#text'];
  return typeof text === 'string' && text !== '' ? text : undefined;
}

/** Attributes written in the order given; an undefined one is left out. */
export type XmlAttributes = Record<string, string | undefined>;

/**
 * An element holding escaped text; left out when the text is undefined, empty (`<name/>`) when it
 * is ''. Written directly rather than through a generic builder: a request of 25 customers went
 * through one in about as long as the exchange took.
 */
export function textElement(name: string, text: string | undefined, attributes: XmlAttributes = {}): string {
  if (text === undefined) return '';
  return text === '' ? `<${name}${attributesOf(attributes)}/>` : `<${name}${attributesOf(attributes)}>${escapeXml(text)}</${name}>`;
}

/** An element holding elements already written (see textElement). */
export function parentElement(name: string, children: string[], attributes: XmlAttributes = {}): string {
  return `<${name}${attributesOf(attributes)}>${children.join('')}</${name}>`;
}

function attributesOf(attributes: XmlAttributes): string {
  let text = '';
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) text += ` ${name}="${escapeXml(value)}"`;
  return text;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text content as XML escapes it: the five named entities and character references. */
export function unescapeXml(text: string): string {
  let at = text.indexOf('&');
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    const end = text.indexOf(';', at);
    if (end < 0) break;
    const char = entity(text.slice(at + 1, end));
    if (char !== undefined) {
      out += text.slice(from, at) + char;
      from = end + 1;
    }
    at = text.indexOf('&', char === undefined ? at + 1 : from);
  }
  return out + text.slice(from);
}

function entity(name: string): string | undefined {
  const named = NAMED_ENTITIES[name];
  if (named !== undefined || name[0] !== '#') return named;
  const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
