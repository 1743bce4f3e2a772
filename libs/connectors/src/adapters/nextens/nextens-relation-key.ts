import type { ClientPush } from '../../model/client-push';

/**
 * The elfproef for BSN and RSIN: nine digits, weights 9..2 and -1, sum divisible by 11, not all
 * zeros: the hub's own identifier check, so nothing the hub accepts is refused here (100000009 sums to 0 and is valid).
 */
export function passesElfproef(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((total, digit, index) => total + digit * (9 - index), 0) - (digits[8] ?? 0);
  return sum % 11 === 0 && !/^0+$/.test(value);
}

/**
 * Nextens' key for a client: company `<RSIN>-<sequence>` (the RSIN is the fiscal number; sequence
 * 1 when empty), person the BSN; or why the client cannot have one, which the adapter refuses as
 * permanent (without the key Nextens cannot hold the relation, and retrying changes nothing). The
 * refusal never quotes a BSN.
 */
export function nextensRelationKey(client: ClientPush): { key: string } | { refused: string } {
  if (client.kind === 'person') {
    const bsn = client.person?.bsn?.trim();
    if (!bsn) return { refused: `client ${client.clientNumber} has no BSN; Nextens keys persons by it` };
    if (!passesElfproef(bsn)) return { refused: `client ${client.clientNumber} has a BSN that fails the elfproef` };
    return { key: bsn };
  }
  const fiscalNumber = client.company?.rsin?.trim();
  if (!fiscalNumber) return { refused: `client ${client.clientNumber} has no fiscal number (RSIN); Nextens keys companies by it` };
  if (!passesElfproef(fiscalNumber)) return { refused: `client ${client.clientNumber}: fiscal number ${fiscalNumber} fails the elfproef` };
  const sequence = client.company?.fiscalSequence ?? 1;
  if (!Number.isInteger(sequence) || sequence < 1) return { refused: `client ${client.clientNumber}: fiscal sequence must be 1 or more` };
  return { key: `${fiscalNumber}-${sequence}` };
}
