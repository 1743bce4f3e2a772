import { TransientPushError } from '../../errors/transient-push-error';
import { parentElement, textElement, twinfieldXmlParser } from './twinfield-xml';

/** A ProcessXml read of one customer (dimension DEB) of the office, by its code. */
export function buildReadDimensionXml(office: string, code: string): string {
  return parentElement('read', [
    textElement('type', 'dimensions'),
    textElement('office', office),
    textElement('dimtype', 'DEB'),
    textElement('code', code),
  ]);
}

/** What a read of one customer tells: that there is none, the customer, or Twinfield's refusal. */
export type DimensionRead =
  | { found: false }
  | { found: true; status: 'active' | 'hide'; name: string | undefined; shortname: string | undefined }
  | { refused: string[] };

/** Reads the answer to `buildReadDimensionXml`. */
export function readDimensionRead(resultXml: string): DimensionRead {
  let parsed: unknown;
  try {
    parsed = twinfieldXmlParser.parse(resultXml);
  } catch {
    throw new TransientPushError('Twinfield result is unreadable XML');
  }
  const dimension = recordOf(recordOf(parsed)?.['dimension']);
  if (!dimension) throw new TransientPushError('Twinfield answered a read without a dimension');
  if (dimension['@_result'] === '1') {
    return {
      found: true,
      status: dimension['@_status'] === 'hide' ? 'hide' : 'active',
      name: textOf(dimension['name']),
      shortname: textOf(dimension['shortname']),
    };
  }
  const messages = messagesIn(dimension);
  return messages.some((message) => /bestaat niet|does not exist/i.test(message)) ? { found: false } : { refused: messages };
}

function messagesIn(node: unknown, into: string[] = []): string[] {
  const record = recordOf(node);
  if (!record) return into;
  const msg = record['@_msg'];
  if (typeof msg === 'string' && msg !== '' && record['@_msgtype'] !== 'warning') into.push(msg);
  for (const [key, value] of Object.entries(record)) if (!key.startsWith('@_')) messagesIn(value, into);
  return into;
}

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  const text = recordOf(value)?.['#text'];
  return typeof text === 'string' && text !== '' ? text : undefined;
}
