import { unescapeXml } from './twinfield-xml';

/** What the connector needs of an accepted customer in a ProcessXml answer. */
export interface AcceptedDimension {
  ok: true;
  uid: string | undefined;
  code: string | undefined;
  status: string | undefined;
  touched: number | undefined;
}

const WANTED = new Set(['code', 'uid', 'touched']);

/**
 * Reads an answer in which every customer was accepted by scanning its tags, taking only each
 * <dimension>'s result and status and its own <code>, <uid> and <touched>. Twinfield echoes every
 * customer whole; parsing all of that into objects was the larger part of a push's CPU.
 *
 * Undefined as soon as anything is not plainly so: a customer not accepted, another number of
 * customers than sent, a comment, CDATA or processing instruction, a tag left open. The caller then
 * parses the answer in full, which also finds refusals' messages wherever they sit.
 */
export function scanAcceptedDimensions(xml: string, count: number): AcceptedDimension[] | undefined {
  const answers: AcceptedDimension[] = [];
  /** Depth at which <dimension> elements sit: 0 for a lone one, 1 inside <dimensions>. */
  let dimensionDepth = -1;
  let depth = 0;
  let current: AcceptedDimension | undefined;
  let capturing: { name: string; from: number } | undefined;
  let at = skipDeclaration(xml);
  while ((at = xml.indexOf('<', at)) >= 0) {
    const next = xml[at + 1];
    if (next === '!' || next === '?') return undefined;
    const close = tagEnd(xml, at);
    if (close < 0) return undefined;
    if (next === '/') {
      const name = localName(xml.slice(at + 2, close).trim());
      depth--;
      if (capturing && depth === dimensionDepth + 1 && name === capturing.name && current) {
        setField(current, name, unescapeXml(xml.slice(capturing.from, at)).trim());
        capturing = undefined;
      } else if (current && depth === dimensionDepth && name === 'dimension') {
        answers.push(current);
        current = undefined;
      }
      at = close + 1;
      continue;
    }
    if (capturing) return undefined; // markup inside <code>, <uid> or <touched>
    const selfClosing = xml[close - 1] === '/';
    const nameEnd = nameEndOf(xml, at + 1, close);
    const name = localName(xml.slice(at + 1, nameEnd));
    if (depth === 0) {
      if (name === 'dimension') dimensionDepth = 0;
      else if (name === 'dimensions') dimensionDepth = 1;
      else return undefined;
    }
    if (depth === dimensionDepth && name === 'dimension') {
      const attributes = attributesIn(xml.slice(nameEnd, selfClosing ? close - 1 : close));
      if (attributes.get('result') !== '1' || selfClosing) return undefined;
      current = { ok: true, uid: undefined, code: undefined, status: attributes.get('status'), touched: undefined };
    } else if (current && depth === dimensionDepth + 1 && WANTED.has(name) && !selfClosing) {
      capturing = { name, from: close + 1 };
    }
    if (!selfClosing) depth++;
    at = close + 1;
  }
  if (depth !== 0 || current || answers.length !== count) return undefined;
  return answers;
}

function setField(answer: AcceptedDimension, name: string, text: string): void {
  const value = text === '' ? undefined : text;
  if (name === 'code') answer.code = value;
  else if (name === 'uid') answer.uid = value;
  else {
    const touched = Number(value);
    answer.touched = value !== undefined && Number.isInteger(touched) ? touched : undefined;
  }
}

/** Past a leading `<?xml …?>`, if there is one. */
function skipDeclaration(xml: string): number {
  const start = xml.search(/\S/);
  if (start < 0 || !xml.startsWith('<?xml', start)) return 0;
  const end = xml.indexOf('?>', start);
  return end < 0 ? xml.length : end + 2;
}

/** The `>` closing the tag opened at `from`, outside quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from + 1; i < xml.length; i++) {
    const char = xml[i];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i;
    }
  }
  return -1;
}

function nameEndOf(xml: string, from: number, close: number): number {
  let i = from;
  while (i < close && !/[\s/]/.test(xml[i]!)) i++;
  return i;
}

/** Without its namespace prefix, as the full parser reads it. */
function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

function attributesIn(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes.set(localName(match[1]!), unescapeXml(match[2] ?? match[3] ?? ''));
  }
  return attributes;
}
