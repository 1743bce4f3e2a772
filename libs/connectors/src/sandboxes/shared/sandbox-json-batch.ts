import type { IncomingHttpHeaders } from 'node:http';
import {
  type JsonBatchRequest,
  JSON_BATCH_PATH,
  MAX_REQUESTS_PER_BATCH,
} from '../../adapters/shared/json-batch.contract';
import { decodedPath, type BatchFormat } from './batch-format';
import { jsonReply, parseJson, type SandboxRequest } from './sandbox-http';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Each request's id, to echo in its response. */
const idOf = new WeakMap<SandboxRequest, string>();

/** The JSON batch of json-batch.contract.ts: each request with the batch's headers, as if it had come alone. */
export const jsonBatchFormat: BatchFormat = {
  path: JSON_BATCH_PATH,
  open(batch) {
    const requests = batchRequestsOf(parseJson(batch.body));
    if (typeof requests === 'string') return jsonReply(400, { message: requests });
    return requests.map((request) => {
      const one = new BatchedRequest(request.method, decodedPath(request.path), batch.headers, request.body);
      idOf.set(one, request.id);
      return one;
    });
  },
  close(replies, requests) {
    // Written out rather than parsed back and stringified: each JSON reply goes in as it is.
    const responses = replies.map((reply, i) => {
      const { 'content-type': type, ...headers } = reply.headers ?? {};
      const id = JSON.stringify(idOf.get(requests[i]!) ?? String(i));
      const headerText = Object.keys(headers).length > 0 ? `,"headers":${JSON.stringify(headers)}` : '';
      const body = reply.body ? (type?.includes('json') ? reply.body : JSON.stringify(reply.body)) : undefined;
      return `{"id":${id},"status":${reply.status}${headerText}${body === undefined ? '' : `,"body":${body}`}}`;
    });
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: `{"responses":[${responses.join(',')}]}` };
  },
};

function batchRequestsOf(input: unknown): JsonBatchRequest['requests'] | string {
  const requests = (input as Partial<JsonBatchRequest> | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) return 'requests must be a non-empty array';
  if (requests.length > MAX_REQUESTS_PER_BATCH) return `at most ${MAX_REQUESTS_PER_BATCH} requests per batch`;
  for (const [i, request] of requests.entries()) {
    const candidate = request as Partial<JsonBatchRequest['requests'][number]> | null;
    if (typeof candidate?.id !== 'string') return `requests[${i}].id must be a string`;
    if (typeof candidate.method !== 'string' || !METHODS.has(candidate.method)) return `requests[${i}].method is not a method`;
    if (typeof candidate.path !== 'string' || !candidate.path.startsWith('/')) return `requests[${i}].path must start with /`;
  }
  return requests as JsonBatchRequest['requests'];
}

/**
 * One request of a batch. The text is for whoever reads it as text; handlers reading JSON take
 * `json` as it is. A class, not an object literal with a getter, which would keep the body alive
 * through young collections (see "No getters in object literals made per call" in
 * docs/architecture.md).
 */
class BatchedRequest implements SandboxRequest {
  readonly query = new URLSearchParams();

  constructor(
    readonly method: string,
    readonly path: string,
    readonly headers: IncomingHttpHeaders,
    readonly json: unknown,
  ) {}

  get body(): string {
    return this.json === undefined ? '' : JSON.stringify(this.json);
  }
}
