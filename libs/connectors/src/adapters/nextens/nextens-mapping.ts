import type { ClientPush } from '../../model/client-push';
import type { NextensRelationUpsert } from './nextens.contract';
import { nextensRelationKey } from './nextens-relation-key';

/**
 * What Nextens is sent for a client, as far as the client decides it: the upsert without Nextens'
 * own id (`relationId`, from the hub's record, added per push), or, when the client lacks its key,
 * the refusal (see nextensRelationKey). The
 * adapter sends exactly this, and the hub hashes it to tell whether Nextens needs a push at all
 * (see packageView), so the two cannot drift apart.
 */
export function toNextensWrite(client: ClientPush): NextensRelationUpsert | { refused: string } {
  const key = nextensRelationKey(client);
  return 'refused' in key ? key : relationOf(client, key.key);
}

function relationOf(client: ClientPush, key: string): NextensRelationUpsert {
  const ended = client.status === 'Geen klant meer';
  return {
    key,
    kind: client.kind,
    clientNumber: client.clientNumber,
    name: client.name,
    status: ended ? 'ended' : 'active',
    endDate: ended ? client.endDate : undefined,
    person:
      client.kind === 'person' && client.person
        ? {
            initials: client.person.initials,
            firstNames: client.person.firstNames,
            prefix: client.person.prefix,
            surname: client.person.surname,
            dateOfBirth: client.person.dateOfBirth,
          }
        : undefined,
    company:
      client.kind === 'company' && client.company
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
  };
}
