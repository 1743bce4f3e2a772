import type { ClientPush } from '../../model/client-push';
import type { PinkwebClientPut } from './pinkweb.contract';

/**
 * What PinkWeb is sent for a client: its card under its number (a PUT), or, once the relationship
 * ended, a delete under its number and then each former one (whichever PinkWeb still files it
 * under). The adapter sends exactly this, and the hub hashes it to tell whether PinkWeb needs a
 * push at all (see packageView), so the two cannot drift apart.
 */
export type PinkwebWrite = { put: PinkwebClientPut } | { delete: string[] };

export function toPinkwebWrite(client: ClientPush): PinkwebWrite {
  if (client.status === 'Geen klant meer') return { delete: [client.clientNumber, ...(client.formerClientNumbers ?? [])] };
  return { put: toPinkwebClient(client) };
}

function toPinkwebClient(client: ClientPush): PinkwebClientPut {
  return {
    clientNumber: client.clientNumber,
    ...(client.formerClientNumbers?.length ? { formerClientNumbers: [...client.formerClientNumbers] } : {}),
    debtorNumber: client.debtorNumber,
    kind: client.kind,
    name: client.name,
    searchName: client.searchName,
    // Deliberately without BSN and date of birth.
    person: client.person
      ? { initials: client.person.initials, firstNames: client.person.firstNames, prefix: client.person.prefix, surname: client.person.surname }
      : undefined,
    company: client.company
      ? {
          legalForm: client.company.legalForm,
          statutoryName: client.company.statutoryName,
          tradeName: client.company.tradeName,
          kvkNumber: client.company.kvkNumber,
          vatId: client.company.vatId,
        }
      : undefined,
    address: { ...client.address },
    email: client.email,
    contacts: client.contacts.map((contact) => ({ ...contact })),
    portalUsers: client.portalUsers.map((user) => ({ ...user, clientNumbers: [...user.clientNumbers] })),
    ...(client.heldPortalUsers?.length ? { heldPortalUsers: [...client.heldPortalUsers] } : {}),
  };
}
