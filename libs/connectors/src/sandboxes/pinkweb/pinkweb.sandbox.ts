import type { PinkwebClientPut, PinkwebContact, PinkwebPortalUser } from '../../adapters/pinkweb/pinkweb.contract';
import { canonicalJson } from '../shared/canonical-json';
import { jsonBatchFormat } from '../shared/sandbox-json-batch';
import { bearerTokenOf, emptyReply, jsonBodyOf, jsonReply, type SandboxReply, type SandboxRequest } from '../shared/sandbox-http';
import { startSandboxServer, type RunningSandbox, type SandboxHandlerContext, type SandboxOptions } from '../shared/sandbox-server';

export interface PinkwebSandboxOptions extends SandboxOptions {
  apiKey?: string;
}

export interface PinkwebRecords {
  clients: Array<Omit<PinkwebClientPut, 'portalUsers'>>;
  portalUsers: PinkwebPortalUser[];
  /** Contacts PinkWeb removed because a push no longer held them, per client number. */
  removedContacts: Record<string, string[]>;
}

export type PinkwebSandbox = RunningSandbox<PinkwebRecords>;

export const PINKWEB_SANDBOX_API_KEY = 'pinkweb-sandbox-key';

/**
 * PinkWeb as pinkweb.contract.ts describes it. Quirk kept: a push is authoritative for the
 * client's contacts (missing ones are removed) and for who of the portal users sees this client,
 * but for the users it says to keep as they are.
 */
export async function startPinkwebSandbox(options: PinkwebSandboxOptions = {}): Promise<PinkwebSandbox> {
  const apiKey = options.apiKey ?? PINKWEB_SANDBOX_API_KEY;
  const clients = new Map<string, Omit<PinkwebClientPut, 'portalUsers'>>();
  const users = new Map<string, PinkwebPortalUser>();
  const removedContacts = new Map<string, string[]>();
  /** Where a renumbering moved each number from: a push under a number moved away is a stale one. */
  const renumberedTo = new Map<string, string>();
  /**
   * The number a client once filed under `number` is held under now, when PinkWeb still holds it.
   * The moves form chains without cycles: a move to a number drops that number's own move.
   */
  const currentNumberOf = (number: string): string | undefined => {
    let current = renumberedTo.get(number);
    while (current !== undefined && renumberedTo.has(current)) current = renumberedTo.get(current);
    return current !== undefined && clients.has(current) ? current : undefined;
  };

  const handle = async (request: SandboxRequest, context: SandboxHandlerContext): Promise<SandboxReply> => {
    const route = /^\/api\/clients\/([^/]+)$/.exec(request.path);
    if (!route?.[1]) return errors(404, '', `No resource at ${request.path}`);
    if (bearerTokenOf(request) !== apiKey) return errors(401, '', 'Unknown API key.');
    const faulted = await context.fault();
    if (faulted) return faulted;
    if (request.method === 'PUT') return put(route[1], jsonBodyOf(request));
    if (request.method === 'DELETE') return remove(route[1]);
    if (request.method === 'GET') {
      const client = clients.get(route[1]);
      return client ? jsonReply(200, client) : errors(404, '', 'Client not found.');
    }
    return errors(405, '', `${request.method} not allowed`);
  };

  const put = (clientId: string, body: unknown): SandboxReply => {
    const invalid = validate(clientId, body);
    if (invalid) return errors(422, invalid.field, invalid.message);
    const { portalUsers, heldPortalUsers = [], formerClientNumbers = [], ...client } = body as PinkwebClientPut;
    const former = clients.has(clientId) ? undefined : formerClientNumbers.find((number) => clients.has(number));
    const filedAs = clients.has(clientId) || former ? undefined : currentNumberOf(clientId);
    if (filedAs) return errors(409, 'clientNumber', `This client was renumbered to ${filedAs}; push it under that number.`);
    const twice = portalUsers.find((user, index) => portalUsers.slice(0, index).some((other) => sameLogin(other, user) && other.mainKey !== user.mainKey));
    if (twice) return errors(409, 'portalUsers.login', 'This login is given to more than one portal user in this push.');
    // The push is authoritative: the users it leaves out lose this client (and go when that was
    // their last) before its logins are checked, so a login only a left-out user held is free.
    const after = usersAfterPush(portalUsers, heldPortalUsers, clientId, former);
    for (const user of portalUsers) {
      const owner = [...after.values()].find((other) => sameLogin(other, user) && other.mainKey !== user.mainKey);
      if (owner) return errors(409, 'portalUsers.login', 'This login belongs to another portal user.');
    }

    const usersBefore = canonicalJson([...users.values()]);
    if (former) renumber(former, clientId);
    const previous = clients.get(clientId);
    const dropped = (previous?.contacts ?? []).filter((old) => !client.contacts.some((contact) => contact.contactId === old.contactId));
    if (dropped.length > 0) removedContacts.set(clientId, [...(removedContacts.get(clientId) ?? []), ...dropped.map((contact) => contact.contactId)]);
    clients.set(clientId, { ...client, contacts: client.contacts.map((contact): PinkwebContact => ({ ...contact })) });

    users.clear();
    for (const [key, user] of after) users.set(key, user);

    if (!previous) return jsonReply(201, { clientId, outcome: 'created' });
    const same = canonicalJson(previous) === canonicalJson(clients.get(clientId)) && usersBefore === canonicalJson([...users.values()]);
    return jsonReply(200, { clientId, outcome: same && !former ? 'unchanged' : 'updated' });
  };

  /**
   * The portal users as they are once the push is applied (renumbering, then pushed users upserted,
   * then left-out users revoked), computed without writing so a refused push changes nothing.
   */
  const usersAfterPush = (
    portalUsers: PinkwebPortalUser[],
    heldPortalUsers: string[],
    clientId: string,
    former: string | undefined,
  ): Map<string, PinkwebPortalUser> => {
    const after = new Map<string, PinkwebPortalUser>();
    for (const user of users.values()) {
      const clientNumbers = former ? user.clientNumbers.map((number) => (number === former ? clientId : number)).sort() : [...user.clientNumbers];
      after.set(user.mainKey, { ...user, clientNumbers });
    }
    for (const user of portalUsers) after.set(user.mainKey, { ...user, clientNumbers: [...new Set(user.clientNumbers)].sort() });
    for (const user of [...after.values()]) {
      const pushed = portalUsers.some((pushed) => pushed.mainKey === user.mainKey);
      if (!pushed && !heldPortalUsers.includes(user.mainKey)) revoke(after, user, clientId);
    }
    return after;
  };

  /** Files a client under its new number, its contacts along (the users' access moves in usersAfterPush). */
  const renumber = (from: string, to: string): void => {
    clients.set(to, { ...clients.get(from)!, clientNumber: to });
    clients.delete(from);
    renumberedTo.set(from, to);
    renumberedTo.delete(to);
    const removed = removedContacts.get(from);
    if (removed) removedContacts.set(to, removed);
    removedContacts.delete(from);
  };

  const remove = (clientId: string): SandboxReply => {
    if (!clients.delete(clientId)) return errors(404, '', 'Client not found.');
    for (const user of [...users.values()]) revoke(users, user, clientId);
    return emptyReply(204);
  };

  return startSandboxServer(
    {
      name: 'pinkweb',
      operationOf: (request) => `${request.method} ${request.path.replace(/^\/api\/clients\/[^/]+$/, '/api/clients/{client_id}')}`,
      handle,
      batch: jsonBatchFormat,
      faultReplies: {
        status: (status) => errors(status, '', `Injected HTTP ${status}.`),
        permanent: (message) => errors(422, '', message),
        rateLimited: (seconds) => errors(429, '', 'Too many requests.', { 'retry-after': String(seconds) }),
      },
      records: () => ({
        clients: [...clients.values()].map((client) => structuredClone(client)),
        portalUsers: [...users.values()].map((user) => structuredClone(user)),
        removedContacts: Object.fromEntries(removedContacts),
      }),
      reset: () => {
        clients.clear();
        users.clear();
        removedContacts.clear();
        renumberedTo.clear();
      },
    },
    options,
  );
}

function validate(clientId: string, body: unknown): { field: string; message: string } | undefined {
  if (typeof body !== 'object' || body === null) return { field: '', message: 'Body must be a JSON object.' };
  const input = body as Partial<PinkwebClientPut>;
  if (input.clientNumber !== clientId) return { field: 'clientNumber', message: 'clientNumber must equal the client_id in the path.' };
  if (!input.name) return { field: 'name', message: 'name is required.' };
  if (input.kind !== 'company' && input.kind !== 'person') return { field: 'kind', message: 'kind must be company or person.' };
  if (!input.address?.postcode) return { field: 'address.postcode', message: 'postcode is required.' };
  if (!Array.isArray(input.contacts)) return { field: 'contacts', message: 'contacts must be a list (may be empty).' };
  if (!Array.isArray(input.portalUsers)) return { field: 'portalUsers', message: 'portalUsers must be a list (may be empty).' };
  if (input.contacts.some((contact) => !contact.contactId || !contact.surname)) {
    return { field: 'contacts', message: 'Every contact needs a contactId and a surname.' };
  }
  if (new Set(input.contacts.map((contact) => contact.contactId)).size !== input.contacts.length) {
    return { field: 'contacts', message: 'contactId must be unique within a client.' };
  }
  for (const user of input.portalUsers) {
    if (!user.mainKey || !/^[^@\s]+@[^@\s]+$/.test(user.login ?? '')) return { field: 'portalUsers', message: 'A portal user needs a mainKey and an e-mail login.' };
    if (!user.clientNumbers?.includes(clientId)) return { field: 'portalUsers.clientNumbers', message: 'A portal user pushed with a client must have access to it.' };
  }
  const former = input.formerClientNumbers;
  if (former !== undefined && (!Array.isArray(former) || former.some((number) => typeof number !== 'string' || !number || number === clientId))) {
    return { field: 'formerClientNumbers', message: 'formerClientNumbers must be a list of other client numbers.' };
  }
  const held = input.heldPortalUsers;
  if (held !== undefined && (!Array.isArray(held) || held.some((key) => typeof key !== 'string' || !key))) {
    return { field: 'heldPortalUsers', message: 'heldPortalUsers must be a list of mainKeys.' };
  }
  if (held?.some((key) => input.portalUsers!.some((user) => user.mainKey === key))) {
    return { field: 'heldPortalUsers', message: 'A portal user is either pushed or kept as it is, not both.' };
  }
  return undefined;
}


function revoke(users: Map<string, PinkwebPortalUser>, user: PinkwebPortalUser, clientId: string): void {
  user.clientNumbers = user.clientNumbers.filter((number) => number !== clientId);
  // A user with access to nothing is gone, and its login is free for someone else.
  if (user.clientNumbers.length === 0) users.delete(user.mainKey);
}

/** Logins are e-mail addresses: compared without regard to case. */
function sameLogin(a: PinkwebPortalUser, b: PinkwebPortalUser): boolean {
  return a.login.toLowerCase() === b.login.toLowerCase();
}

function errors(status: number, field: string, message: string, headers: Record<string, string> = {}): SandboxReply {
  return jsonReply(status, { errors: [{ field, message }] }, headers);
}
