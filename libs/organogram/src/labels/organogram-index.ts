import type {
  OrganogramClient,
  OrganogramContact,
  OrganogramInvoiceTo,
  OrganogramModel,
  OrganogramOwnership,
} from '../organogram.model';
import { groupLetter } from './text';

/** A portal user group shared by two or more contacts: the same login at several clients. */
export interface PortalGroup {
  key: string;
  letter: string;
  index: number;
}

/**
 * The model as both renderers need it: clients by id, contacts per client, portal groups, and only
 * the edges whose ends exist. Dangling references are dropped rather than thrown, because one stale
 * read-model row should not stop a whole organogram; `validateOrganogramModel` reports them.
 */
export interface OrganogramIndex {
  clients: OrganogramClient[];
  clientById: Map<string, OrganogramClient>;
  /** Every contact once (the first of duplicate ids), in model order. */
  contacts: OrganogramContact[];
  contactsByClient: Map<string, OrganogramContact[]>;
  /** Contacts whose client is not in the model: drawn loose instead of disappearing. */
  looseContacts: OrganogramContact[];
  ownerships: OrganogramOwnership[];
  invoiceTo: OrganogramInvoiceTo[];
  groupOf(contact: OrganogramContact): PortalGroup | undefined;
}

/** The key of the portal user group: a contact without a mainKey is the main of its own group. */
function groupKey(contact: OrganogramContact): string {
  return contact.mainKey ?? `contact:${contact.id}`;
}

export function indexOrganogram(model: OrganogramModel): OrganogramIndex {
  const clientById = new Map<string, OrganogramClient>();
  for (const client of model.clients) if (!clientById.has(client.id)) clientById.set(client.id, client);
  const clients = [...clientById.values()];

  // Duplicate ids would merge into one node in DOT; the first one wins, as for clients.
  const contacts: OrganogramContact[] = [];
  const contactIds = new Set<string>();
  for (const contact of model.contacts) {
    if (contactIds.has(contact.id)) continue;
    contactIds.add(contact.id);
    contacts.push(contact);
  }

  const contactsByClient = new Map<string, OrganogramContact[]>();
  const looseContacts: OrganogramContact[] = [];
  for (const contact of contacts) {
    if (!clientById.has(contact.atClientId)) {
      looseContacts.push(contact);
      continue;
    }
    const list = contactsByClient.get(contact.atClientId) ?? [];
    list.push(contact);
    contactsByClient.set(contact.atClientId, list);
  }

  // A mainKey may name the main contact by its id (the main itself carries no mainKey): fold those together.
  const resolvedKey = (contact: OrganogramContact): string =>
    contact.mainKey !== undefined && contactIds.has(contact.mainKey) ? `contact:${contact.mainKey}` : groupKey(contact);
  const members = new Map<string, number>();
  for (const contact of contacts) members.set(resolvedKey(contact), (members.get(resolvedKey(contact)) ?? 0) + 1);
  const groups = new Map<string, PortalGroup>();
  for (const contact of contacts) {
    const key = resolvedKey(contact);
    if ((members.get(key) ?? 0) < 2 || groups.has(key)) continue;
    groups.set(key, { key, letter: groupLetter(groups.size), index: groups.size });
  }

  return {
    clients,
    clientById,
    contacts,
    contactsByClient,
    looseContacts,
    ownerships: model.ownerships.filter((o) => clientById.has(o.ownerId) && clientById.has(o.ownedId)),
    invoiceTo: model.invoiceTo.filter((i) => clientById.has(i.fromId) && clientById.has(i.toId)),
    groupOf: (contact) => groups.get(resolvedKey(contact)),
  };
}

/** Problems in the model that the renderers silently work around; for the caller to log. */
export function validateOrganogramModel(model: OrganogramModel): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const client of model.clients) {
    if (ids.has(client.id)) problems.push(`client ${client.id} appears more than once`);
    ids.add(client.id);
  }
  const known = (id: string): boolean => ids.has(id);
  for (const o of model.ownerships) {
    if (!known(o.ownerId) || !known(o.ownedId)) problems.push(`ownership ${o.ownerId} → ${o.ownedId} names an unknown client`);
    if (!Number.isFinite(o.percent) || o.percent < 0 || o.percent > 100) {
      problems.push(`ownership ${o.ownerId} → ${o.ownedId} has percentage ${o.percent}`);
    }
  }
  for (const i of model.invoiceTo) {
    if (!known(i.fromId) || !known(i.toId)) problems.push(`invoice-to ${i.fromId} → ${i.toId} names an unknown client`);
  }
  const contactIds = new Set<string>();
  for (const c of model.contacts) {
    if (contactIds.has(c.id)) problems.push(`contact ${c.id} appears more than once`);
    contactIds.add(c.id);
    if (!known(c.atClientId)) problems.push(`contact ${c.id} is at unknown client ${c.atClientId}`);
    for (const seen of c.seesClientIds) if (!known(seen)) problems.push(`contact ${c.id} sees unknown client ${seen}`);
  }
  return problems;
}
