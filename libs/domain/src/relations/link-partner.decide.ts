import { ClientNotFound } from '../client/client.errors';
import type { PartnerLinked, PartnerUnlinked } from './client-relations.events';
import type { RelatedClient } from './related-client';
import { AlreadyHasPartner, CannotRelateToItself, NoPartner, NotAPersonClient } from './relations.errors';

export interface LinkPartner {
  type: 'LinkPartner';
  data: { clientId: string; partnerId: string };
}

/** Fiscal partners: two person clients, symmetric (an event on each stream), at most one partner each. */
export function decideLinkPartner(command: LinkPartner, client: RelatedClient, partner: RelatedClient): PartnerLinked[] {
  const { clientId, partnerId } = command.data;
  if (!client.state.exists) throw new ClientNotFound(clientId);
  if (!partner.state.exists) throw new ClientNotFound(partnerId);
  if (clientId === partnerId) throw new CannotRelateToItself('partner', clientId);
  if (client.state.kind !== 'person') throw new NotAPersonClient('partner', clientId);
  if (partner.state.kind !== 'person') throw new NotAPersonClient('partner', partnerId);
  if (client.relations.partnerId === partnerId) return [];
  if (client.relations.partnerId !== undefined) throw new AlreadyHasPartner(clientId, client.relations.partnerId);
  if (partner.relations.partnerId !== undefined) throw new AlreadyHasPartner(partnerId, partner.relations.partnerId);
  return [
    { type: 'PartnerLinked', data: { clientId, partnerId } },
    { type: 'PartnerLinked', data: { clientId: partnerId, partnerId: clientId } },
  ];
}

export interface UnlinkPartner {
  type: 'UnlinkPartner';
  data: { clientId: string };
}

export function decideUnlinkPartner(command: UnlinkPartner, client: RelatedClient): PartnerUnlinked[] {
  const { clientId } = command.data;
  if (!client.state.exists) throw new ClientNotFound(clientId);
  const partnerId = client.relations.partnerId;
  if (partnerId === undefined) throw new NoPartner(clientId);
  return [
    { type: 'PartnerUnlinked', data: { clientId, partnerId } },
    { type: 'PartnerUnlinked', data: { clientId: partnerId, partnerId: clientId } },
  ];
}
