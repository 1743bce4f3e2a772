import { TransientPushError } from '../../errors/transient-push-error';
import { collectErrorMessages, parseResult } from './twinfield-response';
import { asRecord, parentElement, textElement, textOf } from './twinfield-xml';

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
  const dimension = asRecord(parseResult(resultXml)?.['dimension']);
  if (!dimension) throw new TransientPushError('Twinfield answered a read without a dimension');
  if (dimension['@_result'] === '1') {
    return {
      found: true,
      status: dimension['@_status'] === 'hide' ? 'hide' : 'active',
      name: textOf(dimension['name']),
      shortname: textOf(dimension['shortname']),
    };
  }
  const messages = collectErrorMessages(dimension);
  return messages.some((message) => /bestaat niet|does not exist/i.test(message)) ? { found: false } : { refused: messages };
}
