import { randomUUID } from 'node:crypto';
import { readBatchRequest, writeBatchResponse } from '../../adapters/qicsmilestones/odata-batch';
import type { QicsCustomerCompany } from '../../adapters/qicsmilestones/qics-customer-company';
import { decodedPath } from '../shared/batch-format';
import { SandboxTokens } from '../shared/sandbox-tokens';
import { bearerTokenOf, emptyReply, jsonReply, parseJson, type SandboxReply, type SandboxRequest } from '../shared/sandbox-http';
import { startSandboxServer, type RunningSandbox, type SandboxHandlerContext, type SandboxOptions } from '../shared/sandbox-server';

export interface QicsMilestonesSandboxOptions extends SandboxOptions {
  clientId?: string;
  clientSecret?: string;
  /** Token lifetime; short in tests that let a token expire by itself. Default 3600. */
  tokenLifetimeSeconds?: number;
}

export type QicsMilestonesSandbox = RunningSandbox<QicsCustomerCompany[]> & {
  /** Every token issued so far stops working (same as `POST /__sandbox/expire-tokens`). */
  expireTokens(): void;
  tokensIssued(): number;
  /**
   * What a user does by hand in QicsMilestones: deletes the company filed under `customerCode` and
   * enters it again under the same code. It gets a new CustomerCompanyId; invoicing agreements that
   * named the old one are dropped (null), as no agreement may name a company that is gone. Returns
   * the new company. A method, not a `/__sandbox/` endpoint: those take no arguments.
   */
  recreateCompany(customerCode: string): QicsCustomerCompany;
};

export const QICS_SANDBOX_CLIENT = { clientId: 'koppelhub', clientSecret: 'qics-sandbox-secret' } as const;
const NAME_MAX_LENGTH = 50;
const WRITABLE = ['CustomerCode', 'Name', 'IsActive', 'DebtorNumber', 'InvoiceToCustomerCompanyId'] as const;

/**
 * QicsMilestones' OData V3 service for CustomerCompany, JSON light. Quirks kept: Name cut to 50
 * characters, an InvoiceToCustomerCompanyId that matches no CustomerCompany is refused with a 400
 * OData error, CustomerCode unique (409), client-credentials tokens that expire. Takes $batch
 * requests (odata-batch.ts), each write in a changeset of its own.
 */
export async function startQicsMilestonesSandbox(options: QicsMilestonesSandboxOptions = {}): Promise<QicsMilestonesSandbox> {
  const client = { clientId: options.clientId ?? QICS_SANDBOX_CLIENT.clientId, clientSecret: options.clientSecret ?? QICS_SANDBOX_CLIENT.clientSecret };
  const tokens = new SandboxTokens(options.tokenLifetimeSeconds ?? 3600);
  const companies = new Map<number, QicsCustomerCompany>();
  /** CustomerCompanyId by CustomerCode (unique; a change moves it): look-ups and the 409 check need no scan. */
  const idByCode = new Map<string, number>();
  let nextId = 1;
  let baseUrl = '';

  const handle = async (request: SandboxRequest, context: SandboxHandlerContext): Promise<SandboxReply> => {
    if (request.path === '/oauth/token' && request.method === 'POST') return issueToken(request);
    const route = /^\/odata\/CustomerCompany(?:\((\d+)\))?$/.exec(request.path);
    if (!route) return odataError(404, `No HTTP resource was found that matches the request URI '${request.path}'.`);
    if (!tokens.isValid(bearerTokenOf(request))) {
      return odataError(401, 'Authorization has been denied for this request.', { 'www-authenticate': 'Bearer error="invalid_token"' });
    }
    const faulted = await context.fault();
    if (faulted) return faulted;

    const id = route[1] === undefined ? undefined : Number(route[1]);
    if (id === undefined && request.method === 'GET') return list(request.query);
    if (id === undefined && request.method === 'POST') return create(request.body);
    if (id !== undefined && request.method === 'GET') {
      const found = companies.get(id);
      return found ? entity(200, found) : odataError(404, `CustomerCompany(${id}) does not exist.`);
    }
    if (id !== undefined && (request.method === 'PATCH' || request.method === 'MERGE')) return update(id, request.body);
    return odataError(405, `${request.method} is not supported on this resource.`);
  };

  const issueToken = (request: SandboxRequest): SandboxReply => {
    const form = new URLSearchParams(request.body);
    if (form.get('grant_type') !== 'client_credentials') return jsonReply(400, { error: 'unsupported_grant_type' });
    if (form.get('client_id') !== client.clientId || form.get('client_secret') !== client.clientSecret) {
      return jsonReply(401, { error: 'invalid_client', error_description: 'Unknown client or wrong secret.' });
    }
    const issued = tokens.issue();
    return jsonReply(200, { access_token: issued.token, token_type: 'bearer', expires_in: issued.expiresInSeconds });
  };

  const list = (query: URLSearchParams): SandboxReply => {
    const filter = query.get('$filter');
    let found: QicsCustomerCompany[];
    if (filter !== null) {
      // Only the filter the connector uses; anything else is a 400 like an unsupported query would be.
      const match = /^CustomerCode eq '((?:[^']|'')*)'$/.exec(filter.trim());
      if (!match?.[1]) return odataError(400, `The $filter '${filter}' is not supported.`);
      const id = idByCode.get(match[1].replace(/''/g, "'"));
      const company = id === undefined ? undefined : companies.get(id);
      found = company ? [company] : [];
    } else {
      // Every company only when no filter picks one: a look-up by code stays one map read.
      found = [...companies.values()];
    }
    const top = query.get('$top');
    if (top !== null) found = found.slice(0, Number(top));
    return jsonReply(200, { 'odata.metadata': `${baseUrl}/odata/$metadata#CustomerCompany`, value: found }, odataHeaders());
  };

  const create = (body: string): SandboxReply => {
    const input = readWrite(body);
    if (typeof input === 'string') return odataError(400, input);
    if (!input.CustomerCode) return odataError(400, 'CustomerCode is required.');
    if (!input.Name) return odataError(400, 'Name is required.');
    const refused = checkInvoiceTo(input.InvoiceToCustomerCompanyId);
    if (refused) return refused;
    if (idByCode.has(input.CustomerCode)) {
      return odataError(409, `A CustomerCompany with CustomerCode '${input.CustomerCode}' already exists.`);
    }
    const company: QicsCustomerCompany = {
      CustomerCompanyId: nextId++,
      CustomerCode: input.CustomerCode,
      Name: cut(input.Name),
      IsActive: input.IsActive ?? true,
      DebtorNumber: input.DebtorNumber ?? null,
      InvoiceToCustomerCompanyId: input.InvoiceToCustomerCompanyId ?? null,
    };
    companies.set(company.CustomerCompanyId, company);
    idByCode.set(company.CustomerCode, company.CustomerCompanyId);
    return entity(201, company, { location: `${baseUrl}/odata/CustomerCompany(${company.CustomerCompanyId})` });
  };

  const update = (id: number, body: string): SandboxReply => {
    const current = companies.get(id);
    if (!current) return odataError(404, `CustomerCompany(${id}) does not exist.`);
    const input = readWrite(body);
    if (typeof input === 'string') return odataError(400, input);
    if (input.CustomerCode !== undefined && input.CustomerCode !== current.CustomerCode) {
      if (!input.CustomerCode) return odataError(400, 'CustomerCode is required.');
      if (idByCode.has(input.CustomerCode)) {
        return odataError(409, `A CustomerCompany with CustomerCode '${input.CustomerCode}' already exists.`);
      }
      idByCode.delete(current.CustomerCode);
      idByCode.set(input.CustomerCode, id);
    }
    if (input.Name !== undefined && !input.Name) return odataError(400, 'Name is required.');
    if (input.InvoiceToCustomerCompanyId === id) return odataError(400, 'InvoiceToCustomerCompanyId cannot reference the company itself.');
    const refused = checkInvoiceTo(input.InvoiceToCustomerCompanyId);
    if (refused) return refused;
    companies.set(id, { ...current, ...input, Name: cut(input.Name ?? current.Name), CustomerCompanyId: id });
    return emptyReply(204);
  };

  const checkInvoiceTo = (invoiceToId: number | null | undefined): SandboxReply | undefined => {
    if (invoiceToId === null || invoiceToId === undefined || companies.has(invoiceToId)) return undefined;
    return odataError(400, `InvoiceToCustomerCompanyId ${invoiceToId} does not reference an existing CustomerCompany.`);
  };

  const running = await startSandboxServer(
    {
      name: 'qicsmilestones',
      operationOf: (request) => {
        if (request.path === '/oauth/token') return 'POST token';
        const keyed = /\(\d+\)$/.test(request.path) ? '(id)' : '';
        return `${request.method} ${request.path.replace(/^\/odata\//, '').replace(/\(\d+\)$/, '')}${keyed}`;
      },
      handle,
      batch: {
        path: '/odata/$batch',
        open: (batch) => {
          if (!tokens.isValid(bearerTokenOf(batch))) {
            return odataError(401, 'Authorization has been denied for this request.', { 'www-authenticate': 'Bearer error="invalid_token"' });
          }
          const parts = readBatchRequest(batch.headers['content-type'], batch.body);
          if (typeof parts === 'string') return odataError(400, parts);
          // Each part keeps the batch's credentials; its own headers say what its body is.
          const { 'content-type': _type, 'content-length': _length, ...batchHeaders } = batch.headers;
          return parts.map((part) => {
            // Parts name their resource by path or relative to the service root.
            const url = new URL(part.path, 'http://sandbox/odata/');
            return { method: part.method, path: decodedPath(url.pathname), query: url.searchParams, headers: { ...batchHeaders, ...part.headers }, body: part.body ?? '' };
          });
        },
        close: (replies, requests) => {
          const boundary = `batchresponse_${randomUUID()}`;
          const responses = replies.map((reply, i) => ({
            status: reply.status,
            headers: reply.headers ?? {},
            body: reply.body ?? '',
            write: requests[i]!.method !== 'GET',
          }));
          return { status: 202, headers: { 'content-type': `multipart/mixed; boundary=${boundary}`, dataserviceversion: '3.0' }, body: writeBatchResponse(boundary, responses) };
        },
      },
      faultReplies: {
        status: (status) => odataError(status, `Injected HTTP ${status}.`),
        permanent: (message) => odataError(400, message),
        rateLimited: (seconds) => odataError(429, 'Rate limit exceeded.', { 'retry-after': String(seconds) }),
      },
      records: () => [...companies.values()].map((company) => ({ ...company })),
      reset: () => {
        companies.clear();
        idByCode.clear();
        nextId = 1;
      },
      admin: { 'expire-tokens': () => tokens.expireAll() },
    },
    options,
  );
  const recreateCompany = (customerCode: string): QicsCustomerCompany => {
    const oldId = idByCode.get(customerCode);
    const old = oldId === undefined ? undefined : companies.get(oldId);
    if (oldId === undefined || !old) throw new Error(`no CustomerCompany with CustomerCode '${customerCode}' to re-create`);
    companies.delete(oldId);
    for (const [id, company] of companies) {
      if (company.InvoiceToCustomerCompanyId === oldId) companies.set(id, { ...company, InvoiceToCustomerCompanyId: null });
    }
    const recreated: QicsCustomerCompany = { ...old, CustomerCompanyId: nextId++ };
    companies.set(recreated.CustomerCompanyId, recreated);
    idByCode.set(customerCode, recreated.CustomerCompanyId);
    return { ...recreated };
  };

  baseUrl = running.url;
  return { ...running, expireTokens: () => void tokens.expireAll(), tokensIssued: () => tokens.count(), recreateCompany };
}

type WriteInput = Partial<Omit<QicsCustomerCompany, 'CustomerCompanyId'>>;

/** Parses and type-checks a write body; a property the entity does not have is refused, as OData does. */
function readWrite(body: string): WriteInput | string {
  const parsed = parseJson(body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'The request body is not a JSON object.';
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (key.startsWith('odata.')) continue;
    if (!(WRITABLE as readonly string[]).includes(key)) return `The property '${key}' does not exist on type 'CustomerCompany'.`;
    const expected = key === 'IsActive' ? 'boolean' : key === 'InvoiceToCustomerCompanyId' ? 'number' : 'string';
    const nullable = key === 'DebtorNumber' || key === 'InvoiceToCustomerCompanyId';
    if (!(typeof value === expected || (nullable && value === null))) return `The property '${key}' has an invalid value.`;
    input[key] = value;
  }
  return input as WriteInput;
}

function cut(name: string): string {
  return Array.from(name).slice(0, NAME_MAX_LENGTH).join('');
}

function odataHeaders(): Record<string, string> {
  return { 'content-type': 'application/json;odata=minimalmetadata;charset=utf-8', dataserviceversion: '3.0' };
}

function entity(status: number, company: QicsCustomerCompany, headers: Record<string, string> = {}): SandboxReply {
  return jsonReply(status, { 'odata.metadata': '$metadata#CustomerCompany/@Element', ...company }, { ...odataHeaders(), ...headers });
}

function odataError(status: number, message: string, headers: Record<string, string> = {}): SandboxReply {
  return jsonReply(status, { 'odata.error': { code: '', message: { lang: 'en-US', value: message } } }, { ...odataHeaders(), ...headers });
}
