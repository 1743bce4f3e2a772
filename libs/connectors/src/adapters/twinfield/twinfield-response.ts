import { TransientPushError } from '../../errors/transient-push-error';
import { scanAcceptedDimensions } from './twinfield-answer-scan';
import { asRecord, textOf, twinfieldXmlParser } from './twinfield-xml';

export type DimensionAnswer =
  | { ok: true; uid: string | undefined; code: string | undefined; status: string | undefined; touched: number | undefined }
  | { ok: false; messages: string[]; /** The request was refused as a whole, not this dimension alone. */ whole?: true };

/**
 * Reads a ProcessXml answer to `count` dimensions sent in one <dimensions>: one answer each, in
 * the order sent. Twinfield answers HTTP 200 even when it refuses: `result="0"` on the element and
 * the reasons as `msg` attributes (with msgtype="error") on the offending elements, or as <msg>
 * elements; both are collected. A refusal of the request as a whole (one refused element where
 * `count` were sent) is every dimension's answer.
 */
export function readDimensionAnswers(resultXml: string, count: number): DimensionAnswer[] {
  // The usual answer, every customer accepted, is scanned for the few values a push needs.
  const accepted = scanAcceptedDimensions(resultXml, count);
  if (accepted) return accepted;
  const whole = parseResult(resultXml);
  return answersIn(whole, count) ?? refusedOrMiscounted(whole, count);
}

/** A ProcessXml result parsed; unreadable XML is a transient failure (a gateway's page, say). */
export function parseResult(xml: string): Record<string, unknown> | undefined {
  try {
    return asRecord(twinfieldXmlParser.parse(xml));
  } catch {
    throw new TransientPushError('Twinfield result is unreadable XML');
  }
}

/** One answer per dimension sent, or undefined when the count differs. */
function answersIn(root: Record<string, unknown> | undefined, count: number): DimensionAnswer[] | undefined {
  const enclosing = asRecord(root?.['dimensions']);
  const single = asRecord(root?.['dimension']);
  const children = enclosing ? [enclosing['dimension']].flat().map(asRecord) : single ? [single] : [];
  if (children.length !== count || children.some((child) => child === undefined)) return undefined;
  return children.map((child) => answerOf(child as Record<string, unknown>));
}

function refusedOrMiscounted(root: Record<string, unknown> | undefined, count: number): DimensionAnswer[] {
  const enclosing = asRecord(root?.['dimensions']);
  const single = asRecord(root?.['dimension']);
  const whole = enclosing ?? single;
  if (whole && whole['@_result'] === '0') return Array.from({ length: count }, () => ({ ...refusalOf(whole), whole: true as const }));
  const children = enclosing ? [enclosing['dimension']].flat().length : single ? 1 : 0;
  throw new TransientPushError(`Twinfield answered ${children} dimensions for the ${count} sent`);
}

function answerOf(dimension: Record<string, unknown>): DimensionAnswer {
  if (dimension['@_result'] !== '1') return refusalOf(dimension);
  const touched = Number(textOf(dimension['touched']));
  return {
    ok: true,
    uid: textOf(dimension['uid']) ?? textOf(dimension['@_uid']),
    code: textOf(dimension['code']),
    status: textOf(dimension['@_status']),
    touched: Number.isInteger(touched) ? touched : undefined,
  };
}

function refusalOf(node: Record<string, unknown>): DimensionAnswer {
  const messages = collectErrorMessages(node);
  return { ok: false, messages: messages.length > 0 ? messages : ['Twinfield refused the dimension without a message'] };
}

/** Twinfield's budget (its API rate limit) exceeded: worth retrying later, unlike a validation message. */
export function isBudgetMessage(message: string): boolean {
  return /budget|too many requests|rate limit/i.test(message);
}

/** Every error message a refused answer holds: `msg` attributes (not warnings) and <msg> elements. */
export function collectErrorMessages(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) collectErrorMessages(item, into);
    return into;
  }
  const record = asRecord(node);
  if (!record) return into;
  const msg = record['@_msg'];
  if (typeof msg === 'string' && msg !== '' && record['@_msgtype'] !== 'warning') into.push(msg);
  for (const [key, value] of Object.entries(record)) {
    if (key.startsWith('@_')) continue;
    if (key === 'msg') {
      for (const text of Array.isArray(value) ? value : [value]) {
        const message = textOf(text);
        if (message) into.push(message);
      }
      continue;
    }
    collectErrorMessages(value, into);
  }
  return into;
}
