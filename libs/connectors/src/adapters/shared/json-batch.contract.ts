/**
 * JSON batch contract, for the packages whose API is ours to define (PinkWeb, Nextens): several
 * of their ordinary requests in one HTTP exchange, in the manner of Microsoft Graph's JSON
 * batching. Shared by the connectors and the sandboxes; change it here, in one place.
 *
 * `POST {package base}/api/batch`, the package's own authentication header on the batch (each
 * request carries it as if sent alone), body JsonBatchRequest with 1 to MAX_REQUESTS_PER_BATCH
 * requests, each an ordinary call of the package's contract: method, path, JSON body.
 *
 * 200 JsonBatchAnswer: one response per request, in order, each with the status, headers and body
 * the request would have had alone (a refusal, a 429 with its Retry-After, a 5xx). The package
 * runs them one after the other, each on its own: one failed request fails only itself. Any other
 * status answers the batch as a whole and none of its requests was run: 400 for a malformed batch,
 * or a gateway's 5xx.
 *
 * Paths hold no personal data, as in single requests; bodies may, as in single requests.
 */

export const JSON_BATCH_PATH = '/api/batch';

/** Requests per batch, at most. */
export const MAX_REQUESTS_PER_BATCH = 25;

export interface JsonBatchRequest {
  requests: Array<{
    /** Echoed in the response; the caller's own. */
    id: string;
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    /** The package's own path, e.g. `/api/clients/20010`. */
    path: string;
    body?: unknown;
  }>;
}

export interface JsonBatchAnswer {
  responses: Array<{
    id: string;
    status: number;
    headers?: Record<string, string>;
    body?: unknown;
  }>;
}
