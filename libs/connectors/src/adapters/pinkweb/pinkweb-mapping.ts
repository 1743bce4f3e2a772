import type { ClientPush } from '../../model/client-push';
import type { PinkwebClientPut } from './pinkweb.contract';

export function toPinkwebClient(client: ClientPush): PinkwebClientPut {
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
