import { parentElement, textElement } from './twinfield-xml';

/** A ProcessXml read of one customer (dimension DEB) of the office, by its code. */
export function buildReadDimensionXml(office: string, code: string): string {
  return parentElement('read', [
    textElement('type', 'dimensions'),
    textElement('office', office),
    textElement('dimtype', 'DEB'),
    textElement('code', code),
  ]);
}

/** Twinfield's refusal of a read because no customer has the code, as opposed to any other refusal. */
export const saysNoSuchDimension = (messages: readonly string[]): boolean =>
  messages.some((message) => /bestaat niet|does not exist/i.test(message));
