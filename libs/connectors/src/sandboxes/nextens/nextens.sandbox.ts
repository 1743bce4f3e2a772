import { randomUUID } from 'node:crypto';
import { isCalendarDate } from '@koppelhub/domain';
import type { NextensRelation, NextensRelationFind, NextensRelationFound, NextensRelationUpsert } from '../../adapters/nextens/nextens.contract';
import { passesElfproef } from '../../adapters/nextens/nextens-relation-key';
import { canonicalJson } from '../shared/canonical-json';
import { jsonBatchFormat } from '../shared/sandbox-json-batch';
import { jsonBodyOf, jsonReply, type SandboxReply, type SandboxRequest } from '../shared/sandbox-http';
import { startSandboxServer, type RunningSandbox, type SandboxHandlerContext, type SandboxOptions } from '../shared/sandbox-server';

export interface NextensSandboxOptions extends SandboxOptions {
  apiKey?: string;
}

export type NextensSandbox = RunningSandbox<NextensRelation[]>;

export const NEXTENS_SANDBOX_API_KEY = 'nextens-sandbox-key';

/**
 * Nextens as nextens.contract.ts describes it (upsert, find by key). Key rules enforced: company `<rsin>-<sequence>`,
 * person BSN, both elfproef; one relation per key; ended relations kept with their end date.
 */
export async function startNextensSandbox(options: NextensSandboxOptions = {}): Promise<NextensSandbox> {
  const apiKey = options.apiKey ?? NEXTENS_SANDBOX_API_KEY;
  const relations = new Map<string, NextensRelation>();
  /** relationId by key: one relation per key, looked up on every upsert. */
  const idByKey = new Map<string, string>();
  const store = (relation: NextensRelation, previousKey?: string) => {
    if (previousKey !== undefined && previousKey !== relation.key) idByKey.delete(previousKey);
    relations.set(relation.relationId, relation);
    idByKey.set(relation.key, relation.relationId);
  };

  const handle = async (request: SandboxRequest, context: SandboxHandlerContext): Promise<SandboxReply> => {
    const operation = OPERATIONS[request.path];
    if (!operation) return error(404, 'not_found', `No resource at ${request.path}`);
    if (request.method !== 'POST') return error(405, 'method_not_allowed', 'POST only');
    if (request.headers['x-api-key'] !== apiKey) return error(401, 'unauthorized', 'Unknown API key.');
    const faulted = await context.fault();
    if (faulted) return faulted;
    return operation === 'upsert' ? upsert(jsonBodyOf(request)) : find(jsonBodyOf(request));
  };

  const find = (body: unknown): SandboxReply => {
    const key = (body as Partial<NextensRelationFind> | null)?.key;
    if (typeof key !== 'string' || key === '') return error(422, 'validation', 'key is required.', 'key');
    const id = idByKey.get(key);
    const relation = id === undefined ? undefined : relations.get(id);
    if (!relation) return error(404, 'not_found', 'No relation has this key.');
    const found: NextensRelationFound = { relationId: relation.relationId, clientNumber: relation.clientNumber, status: relation.status };
    return jsonReply(200, found);
  };

  const upsert = (body: unknown): SandboxReply => {
    const invalid = validate(body);
    if (invalid) return error(422, 'validation', invalid.message, invalid.field);
    const input = body as NextensRelationUpsert;
    const { relationId: givenId, ...fields } = input;
    const byId = givenId ? relations.get(givenId) : undefined;
    const keyOwner = idByKey.get(input.key);
    const byKey = keyOwner === undefined ? undefined : relations.get(keyOwner);
    if (byId && byKey && byKey.relationId !== byId.relationId) {
      return error(409, 'key_in_use', 'This key already belongs to another relation.', 'key');
    }
    const current = byId ?? byKey;
    if (!current) {
      const created: NextensRelation = { ...fields, relationId: randomUUID() };
      store(created);
      return jsonReply(201, { relationId: created.relationId, outcome: 'created' });
    }
    const updated: NextensRelation = { ...fields, relationId: current.relationId };
    const outcome = canonicalJson(updated) === canonicalJson(current) ? 'unchanged' : 'updated';
    store(updated, current.key);
    return jsonReply(200, { relationId: current.relationId, outcome });
  };

  return startSandboxServer(
    {
      name: 'nextens',
      operationOf: (request) => `${request.method} ${request.path}`,
      handle,
      batch: jsonBatchFormat,
      faultReplies: {
        status: (status) => error(status, 'server_error', `Injected HTTP ${status}.`),
        permanent: (message) => error(422, 'validation', message),
        rateLimited: (seconds) => error(429, 'rate_limited', 'Too many requests.', undefined, { 'retry-after': String(seconds) }),
      },
      records: () => [...relations.values()].map((relation) => structuredClone(relation)),
      reset: () => {
        relations.clear();
        idByKey.clear();
      },
    },
    options,
  );
}

const OPERATIONS: Readonly<Record<string, 'upsert' | 'find'>> = { '/api/relations/upsert': 'upsert', '/api/relations/find': 'find' };

/** The first thing wrong with an upsert body, in Nextens' words; never quotes the key (it may be a BSN). */
function validate(body: unknown): { field: string; message: string } | undefined {
  if (typeof body !== 'object' || body === null) return { field: '', message: 'Body must be a JSON object.' };
  const input = body as Partial<NextensRelationUpsert>;
  if (input.kind !== 'company' && input.kind !== 'person') return { field: 'kind', message: 'kind must be company or person.' };
  const key = typeof input.key === 'string' ? input.key : '';
  if (input.kind === 'person' && !(/^\d{9}$/.test(key) && passesElfproef(key))) {
    return { field: 'key', message: 'A person key must be a valid BSN.' };
  }
  if (input.kind === 'company') {
    const match = /^(\d{9})-([1-9]\d*)$/.exec(key);
    if (!match?.[1] || !passesElfproef(match[1])) return { field: 'key', message: 'A company key must be <RSIN>-<sequence> with a valid RSIN.' };
  }
  if (!input.clientNumber) return { field: 'clientNumber', message: 'clientNumber is required.' };
  if (!input.name) return { field: 'name', message: 'name is required.' };
  if (input.status !== 'active' && input.status !== 'ended') return { field: 'status', message: 'status must be active or ended.' };
  if (input.status === 'ended' && !input.endDate) return { field: 'endDate', message: 'An ended relation needs an endDate.' };
  // Dates as Nextens keeps them: a day, not a moment (a time of day would have to be taken in some zone).
  if (input.endDate !== undefined && !isCalendarDate(input.endDate)) return { field: 'endDate', message: 'endDate must be a date as YYYY-MM-DD.' };
  if (input.person?.dateOfBirth !== undefined && !isCalendarDate(input.person.dateOfBirth)) {
    return { field: 'person.dateOfBirth', message: 'dateOfBirth must be a date as YYYY-MM-DD.' };
  }
  if (input.kind === 'person' && !input.person?.surname) return { field: 'person.surname', message: 'A person needs a surname.' };
  if (input.kind === 'company' && !input.company?.statutoryName) {
    return { field: 'company.statutoryName', message: 'A company needs its statutory name.' };
  }
  if (!input.address?.postcode || !input.address.city) return { field: 'address', message: 'An address needs a postcode and city.' };
  return undefined;
}


function error(status: number, code: string, message: string, field?: string, headers: Record<string, string> = {}): SandboxReply {
  return jsonReply(status, { error: { code, message, field } }, headers);
}
