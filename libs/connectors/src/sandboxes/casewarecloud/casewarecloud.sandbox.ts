import { randomUUID } from 'node:crypto';
import type {
  CasewareAccess,
  CasewareEntity,
  CasewareEntityWrite,
  CasewarePerson,
  CasewarePersonWrite,
} from '../../adapters/casewarecloud/caseware.resources';
import { SandboxTokens } from '../shared/sandbox-tokens';
import { bearerTokenOf, jsonReply, parseJson, type SandboxReply, type SandboxRequest } from '../shared/sandbox-http';
import { startSandboxServer, type RunningSandbox, type SandboxHandlerContext, type SandboxOptions } from '../shared/sandbox-server';

export interface CasewareCloudSandboxOptions extends SandboxOptions {
  clientId?: string;
  clientSecret?: string;
  /** Token lifetime; CaseWare's is 30 minutes, tests shorten it. Default 1800. */
  tokenLifetimeSeconds?: number;
}

export interface CasewareCloudRecords {
  entities: CasewareEntity[];
  persons: CasewarePerson[];
  /** Access per entity CWGuid. */
  access: Record<string, CasewareAccess[]>;
}

export type CasewareCloudSandbox = RunningSandbox<CasewareCloudRecords> & {
  expireTokens(): void;
  tokensIssued(): number;
};

export const CASEWARE_SANDBOX_CLIENT = { clientId: 'koppelhub', clientSecret: 'caseware-sandbox-secret' } as const;

/**
 * CaseWare Cloud REST v2 as the connector uses it: auth token, entities, persons, access. Quirks
 * kept: 30-minute tokens (configurable), companies only, a person's e-mail unique across the
 * tenant (409) and not changeable (400), revoking an entity keeps everything.
 */
export async function startCasewareCloudSandbox(options: CasewareCloudSandboxOptions = {}): Promise<CasewareCloudSandbox> {
  const credentials = {
    clientId: options.clientId ?? CASEWARE_SANDBOX_CLIENT.clientId,
    clientSecret: options.clientSecret ?? CASEWARE_SANDBOX_CLIENT.clientSecret,
  };
  const tokens = new SandboxTokens(options.tokenLifetimeSeconds ?? 1800);
  const entities = new Map<string, CasewareEntity>();
  const persons = new Map<string, CasewarePerson>();
  const access = new Map<string, Map<string, CasewareAccess>>();

  const handle = async (request: SandboxRequest, context: SandboxHandlerContext): Promise<SandboxReply> => {
    if (request.method === 'POST' && request.path === '/api/v2/auth/token') return issueToken(request.body);
    if (!request.path.startsWith('/api/v2/')) return problem(404, `No resource at ${request.path}`);
    if (!tokens.isValid(bearerTokenOf(request))) return problem(401, 'Token is missing, invalid or expired.');
    const faulted = await context.fault();
    if (faulted) return faulted;
    return route(request);
  };

  const route = (request: SandboxRequest): SandboxReply => {
    const { method, path } = request;
    const body = parseJson(request.body);
    if (path === '/api/v2/entities' && method === 'GET') {
      const clientNumber = request.query.get('ClientNumber');
      const items = [...entities.values()].filter((entity) => clientNumber === null || entity.ClientNumber === clientNumber);
      return jsonReply(200, { Items: items });
    }
    if (path === '/api/v2/entities' && method === 'POST') return createEntity(body);
    const entityRoute = /^\/api\/v2\/entities\/([^/]+)(\/access(?:\/([^/]+))?)?$/.exec(path);
    if (entityRoute) {
      const entity = entities.get(entityRoute[1] ?? '');
      if (!entity) return problem(404, 'Entity not found.');
      if (!entityRoute[2] && method === 'GET') return jsonReply(200, entity);
      if (!entityRoute[2] && method === 'PATCH') return patchEntity(entity, body);
      if (entityRoute[2] && !entityRoute[3] && method === 'GET') {
        return jsonReply(200, { Items: [...(access.get(entity.CWGuid)?.values() ?? [])] });
      }
      if (entityRoute[3] && method === 'PUT') return putAccess(entity, entityRoute[3], body);
    }
    if (path === '/api/v2/persons/search' && method === 'POST') {
      const email = isRecord(body) && typeof body['Email'] === 'string' ? body['Email'] : undefined;
      if (!email) return problem(400, 'Email is required to search persons.');
      return jsonReply(200, { Items: [...persons.values()].filter((person) => sameEmail(person.Email, email)) });
    }
    if (path === '/api/v2/persons' && method === 'POST') return createPerson(body);
    const personRoute = /^\/api\/v2\/persons\/([^/]+)$/.exec(path);
    if (personRoute && method === 'PATCH') return patchPerson(personRoute[1] ?? '', body);
    if (personRoute && method === 'GET') {
      const person = persons.get(personRoute[1] ?? '');
      return person ? jsonReply(200, person) : problem(404, 'Person not found.');
    }
    return problem(405, `${method} ${path} is not supported.`);
  };

  const issueToken = (body: string): SandboxReply => {
    const input = parseJson(body);
    if (!isRecord(input) || input['ClientId'] !== credentials.clientId || input['ClientSecret'] !== credentials.clientSecret) {
      return problem(401, 'Invalid client credentials.');
    }
    const issued = tokens.issue();
    return jsonReply(200, { Token: issued.token, ExpiresIn: issued.expiresInSeconds });
  };

  const createEntity = (body: unknown): SandboxReply => {
    if (!isRecord(body)) return problem(400, 'Body must be a JSON object.');
    const invalid = checkEntity(body, true);
    if (invalid) return problem(400, invalid);
    const input = body as unknown as CasewareEntityWrite;
    if ([...entities.values()].some((entity) => entity.ClientNumber === input.ClientNumber)) {
      return problem(409, `An entity with ClientNumber ${input.ClientNumber} already exists.`);
    }
    const entity: CasewareEntity = { ...normalisedEntity(input), CWGuid: randomUUID() };
    entities.set(entity.CWGuid, entity);
    return jsonReply(201, entity);
  };

  const patchEntity = (entity: CasewareEntity, body: unknown): SandboxReply => {
    if (!isRecord(body)) return problem(400, 'Body must be a JSON object.');
    const invalid = checkEntity(body, false);
    if (invalid) return problem(400, invalid);
    const renumbered = body['ClientNumber'];
    if (renumbered !== undefined && renumbered !== entity.ClientNumber && [...entities.values()].some((other) => other.ClientNumber === renumbered)) {
      return problem(409, `An entity with ClientNumber ${String(renumbered)} already exists.`);
    }
    const updated: CasewareEntity = { ...entity, ...normalisedEntity({ ...entity, ...(body as Partial<CasewareEntityWrite>) }), CWGuid: entity.CWGuid };
    entities.set(entity.CWGuid, updated);
    return jsonReply(200, updated);
  };

  const createPerson = (body: unknown): SandboxReply => {
    if (!isRecord(body) || typeof body['Email'] !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(body['Email'])) {
      return problem(400, 'A valid Email is required.');
    }
    if (typeof body['LastName'] !== 'string' || body['LastName'] === '') return problem(400, 'LastName is required.');
    const email = body['Email'];
    if ([...persons.values()].some((person) => sameEmail(person.Email, email))) {
      return problem(409, 'A person with this e-mail address already exists.');
    }
    const input = body as unknown as CasewarePersonWrite;
    const person: CasewarePerson = {
      CWGuid: randomUUID(),
      Email: email,
      FirstName: input.FirstName ?? null,
      LastName: input.LastName,
      Phone: input.Phone ?? null,
    };
    persons.set(person.CWGuid, person);
    return jsonReply(201, person);
  };

  const patchPerson = (guid: string, body: unknown): SandboxReply => {
    const person = persons.get(guid);
    if (!person) return problem(404, 'Person not found.');
    if (!isRecord(body)) return problem(400, 'Body must be a JSON object.');
    if (body['Email'] !== undefined && body['Email'] !== person.Email) return problem(400, 'The e-mail address of a person cannot be changed.');
    const updated: CasewarePerson = {
      ...person,
      FirstName: body['FirstName'] === undefined ? person.FirstName : (body['FirstName'] as string | null),
      LastName: typeof body['LastName'] === 'string' && body['LastName'] !== '' ? body['LastName'] : person.LastName,
      Phone: body['Phone'] === undefined ? person.Phone : (body['Phone'] as string | null),
    };
    persons.set(guid, updated);
    return jsonReply(200, updated);
  };

  const putAccess = (entity: CasewareEntity, personGuid: string, body: unknown): SandboxReply => {
    if (!persons.has(personGuid)) return problem(404, 'Person not found.');
    if (!isRecord(body) || typeof body['Portal'] !== 'boolean') return problem(400, 'Portal (boolean) is required.');
    const grant: CasewareAccess = { PersonGuid: personGuid, Role: typeof body['Role'] === 'string' ? body['Role'] : null, Portal: body['Portal'] };
    const grants = access.get(entity.CWGuid) ?? new Map<string, CasewareAccess>();
    grants.set(personGuid, grant);
    access.set(entity.CWGuid, grants);
    return jsonReply(200, grant);
  };

  const running = await startSandboxServer(
    {
      name: 'casewarecloud',
      operationOf: (request) => {
        const path = request.path
          .replace(/^\/api\/v2\//, '')
          .replace(/\/[0-9a-f-]{36}/g, '/{id}');
        return `${request.method} ${path}`;
      },
      handle,
      faultReplies: {
        status: (status) => problem(status, `Injected HTTP ${status}.`),
        permanent: (message) => problem(400, message),
        rateLimited: (seconds) => problem(429, 'Too many requests.', { 'retry-after': String(seconds) }),
      },
      records: () => ({
        entities: [...entities.values()].map((entity) => ({ ...entity, Address: { ...entity.Address } })),
        persons: [...persons.values()].map((person) => ({ ...person })),
        access: Object.fromEntries([...access.entries()].map(([guid, grants]) => [guid, [...grants.values()].map((grant) => ({ ...grant }))])),
      }),
      reset: () => {
        entities.clear();
        persons.clear();
        access.clear();
      },
      admin: { 'expire-tokens': () => tokens.expireAll() },
    },
    options,
  );
  return { ...running, expireTokens: () => void tokens.expireAll(), tokensIssued: () => tokens.count() };
}

/** Checks an entity body; `complete` for a create, where every required field must be there. */
function checkEntity(body: Record<string, unknown>, complete: boolean): string | undefined {
  if ((complete || body['EntityType'] !== undefined) && body['EntityType'] !== 'Company') {
    return 'Only entities of type Company are supported.';
  }
  for (const field of ['ClientNumber', 'Name'] as const) {
    if ((complete || body[field] !== undefined) && (typeof body[field] !== 'string' || body[field] === '')) return `${field} is required.`;
  }
  if (complete && !isRecord(body['Address'])) return 'Address is required.';
  if (body['Status'] !== undefined && body['Status'] !== 'Active' && body['Status'] !== 'Revoked') return 'Status must be Active or Revoked.';
  return undefined;
}

function normalisedEntity(input: CasewareEntityWrite): CasewareEntityWrite {
  return {
    ClientNumber: input.ClientNumber,
    Name: input.Name,
    EntityType: 'Company',
    LegalName: input.LegalName ?? null,
    TradeName: input.TradeName ?? null,
    RegistrationNumber: input.RegistrationNumber ?? null,
    TaxNumber: input.TaxNumber ?? null,
    VatNumber: input.VatNumber ?? null,
    Email: input.Email ?? null,
    Address: { ...input.Address },
    Status: input.Status ?? 'Active',
  };
}

function sameEmail(left: string, right: string): boolean {
  return left.trim().toLowerCase() === right.trim().toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problem(status: number, message: string, headers: Record<string, string> = {}): SandboxReply {
  return jsonReply(status, { Status: status, Message: message }, headers);
}
