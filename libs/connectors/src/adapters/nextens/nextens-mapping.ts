import type { ClientPush } from '../../model/client-push';
import type { NextensRelationUpsert } from './nextens.contract';
import { nextensRelationKey } from './nextens-relation-key';

export function toNextensRelation(client: ClientPush, relationId: string | undefined): NextensRelationUpsert {
  const ended = client.status === 'Geen klant meer';
  return {
    key: nextensRelationKey(client),
    kind: client.kind,
    relationId,
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
