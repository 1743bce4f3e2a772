import { randomUUID } from 'node:crypto';
import type { PackageConnector } from '../../connector.port';
import { classifyHttpFailure, headerValue } from '../../errors/classify-http-failure';
import { failureMessageOf } from '../../errors/failure-message';
import type { PushError } from '../../errors/push-error';
import { TransientPushError } from '../../errors/transient-push-error';
import { filedUnderAnotherNumber, firstFiledUnder } from '../shared/filed-under-another-number';
import type { ClientPush, PushContext, PushResult } from '../../model/client-push';
import { joinUrl, type AdapterSettings } from '../shared/adapter-settings';
import { BearerTokenCache, type IssuedToken } from '../shared/bearer-token-cache';
import { isSuccess, jsonBody, type HttpAnswer, type HttpCall } from '../shared/http-call';
import { refusesTheBatchItself } from '../shared/batch-refusal';
import { GatheredCalls } from '../shared/gathered-calls';
import { requestOAuthToken } from '../shared/oauth-token';
import { callWithBearerToken } from '../shared/with-bearer-token';
import { type BatchPartResponse, readBatchResponse, writeBatchRequest } from './odata-batch';
import {
  changedFields,
  type QicsCustomerCompany,
  type QicsCustomerCompanyWrite,
  type QicsInvoiceTarget,
  toQicsWrite,
} from './qics-customer-company';
import { filterEquals, ODATA_HEADERS, ODATA_JSON, type ODataCollection } from './qics-odata';

export interface QicsMilestonesSettings extends AdapterSettings {
  clientId: string;
  clientSecret: string;
  /** Renew the token this long before it expires (default 60 s, at most half its lifetime). */
  tokenRenewalMarginMs?: number;
  /** Requests per $batch, at most (default 25); 1 sends every request alone. */
  maxPerBatch?: number;
}

const ENTITY_SET = '/odata/CustomerCompany';
const BATCH_PATH = '/odata/$batch';
/** Requests per $batch; the pushes of one job. */
const DEFAULT_PER_BATCH = 25;

interface ODataCall {
  method: HttpCall['method'];
  path: string;
  body?: object;
}

const odataHeadersFor = (call: ODataCall): Record<string, string> =>
  call.body ? { ...ODATA_HEADERS, 'Content-Type': ODATA_JSON } : ODATA_HEADERS;

/**
 * QicsMilestones over OData V3: the client is a CustomerCompany found again by CustomerCode
 * (= client number; after a renumbering by a former one, and the code is then changed). Reads
 * first, writes only what differs, so a repeated push is `unchanged`.
 * Pushes made side by side send their reads, then their writes, in OData $batch requests.
 */
export class QicsMilestonesConnector implements PackageConnector {
  readonly packageName = 'qicsmilestones' as const;
  private readonly tokens: BearerTokenCache;
  private readonly calls: GatheredCalls<ODataCall, HttpAnswer>;

  constructor(private readonly settings: QicsMilestonesSettings) {
    this.tokens = new BearerTokenCache(() => this.requestToken(), settings.tokenRenewalMarginMs);
    this.calls = new GatheredCalls(
      settings.maxPerBatch ?? DEFAULT_PER_BATCH,
      (call) => this.alone(call),
      (calls) => this.inBatch(calls),
    );
  }

  async push(client: ClientPush, context: PushContext): Promise<PushResult> {
    const write = toQicsWrite(client);
    // A renumbered client may still be filed under a former number: found there, its CustomerCode
    // moves. Former numbers are tried first: the hub gives a number to one client only, so a record
    // under one is this client's.
    const current = (await this.findById(context.externalId, write.numbers)) ?? (await firstFiledUnder(write.numbers, (number) => this.findByCode(number)));
    // Ending a client must not wait for its invoice-to: keep whatever agreement is there. The
    // target's id there comes from the hub's record of it, not from this client's data.
    // A target in the write is the client's invoice-to, which also carries the hub's id of it there.
    const target = write.invoiceTo;
    const invoiceToId = target === undefined ? (current?.InvoiceToCustomerCompanyId ?? null) : target && (await this.resolveInvoiceTo(client.invoiceTo!));
    const desired: QicsCustomerCompanyWrite = { ...write.company, InvoiceToCustomerCompanyId: invoiceToId };
    const endAction = client.status === 'Geen klant meer' ? 'ended' : undefined;
    const invoiceTarget = target ? client.invoiceTo : undefined;

    if (!current) {
      const answer = await this.withInvoiceToFoundAgain(invoiceTarget, desired, (body) => this.send({ method: 'POST', path: ENTITY_SET, body }));
      if (answer.status === 409) throw new TransientPushError(`CustomerCode ${client.clientNumber} appeared meanwhile; retry finds it`, 409);
      if (!isSuccess(answer)) throw this.failure(answer);
      const created = jsonBody<QicsCustomerCompany>(answer);
      return { externalId: String(created.CustomerCompanyId), action: endAction ?? 'created' };
    }

    const externalId = String(current.CustomerCompanyId);
    const answer = await this.withInvoiceToFoundAgain(invoiceTarget, desired, (body) => this.patchChanges(current, body));
    if (!answer) return { externalId, action: endAction ?? 'unchanged' };
    if (!isSuccess(answer)) throw this.failure(answer);
    return { externalId, action: endAction ?? 'updated' };
  }

  /** PATCHes what differs from what QicsMilestones holds; undefined (nothing sent) when nothing does. */
  private async patchChanges(current: QicsCustomerCompany, desired: QicsCustomerCompanyWrite): Promise<HttpAnswer | undefined> {
    const changes = changedFields(current, desired);
    if (Object.keys(changes).length === 0) return undefined;
    return this.send({ method: 'PATCH', path: `${ENTITY_SET}(${current.CustomerCompanyId})`, body: changes });
  }

  /**
   * Sends `write`. Refused for the hub's recorded id of the invoice-to, the target may have been
   * re-created there under a new id: found again by its code, the write goes once more with that id.
   * Not found, the refusal stands (transient: the target's own push may create it).
   */
  private async withInvoiceToFoundAgain<A extends HttpAnswer | undefined>(
    target: QicsInvoiceTarget | undefined,
    desired: QicsCustomerCompanyWrite,
    write: (desired: QicsCustomerCompanyWrite) => Promise<A>,
  ): Promise<A> {
    const answer = await write(desired);
    if (!answer || !target || !this.refusesInvoiceTo(answer)) return answer;
    const recorded = recordedIdOf(target);
    if (recorded === undefined) return answer; // The id came from its code already.
    const found = await this.findByCode(target.clientNumber);
    if (!found || found.CustomerCompanyId === recorded) return answer;
    return write({ ...desired, InvoiceToCustomerCompanyId: found.CustomerCompanyId });
  }

  /** The invoice-to's CustomerCompanyId: the hub's id when known, else looked up by its client number. */
  private async resolveInvoiceTo(target: QicsInvoiceTarget): Promise<number> {
    const recorded = recordedIdOf(target);
    if (recorded !== undefined) return recorded;
    const found = await this.findByCode(target.clientNumber);
    // The target is pushed on its own; until it lands, this push waits its turn (transient, not refused).
    if (!found) throw new TransientPushError(`invoice-to client ${target.clientNumber} is not in QicsMilestones yet`);
    return found.CustomerCompanyId;
  }

  /** The company under the hub's id (see filedUnderAnotherNumber when its number is not the client's). */
  private async findById(externalId: string | undefined, clientNumbers: readonly string[]): Promise<QicsCustomerCompany | undefined> {
    if (!externalId || !/^\d+$/.test(externalId)) return undefined;
    const answer = await this.send({ method: 'GET', path: `${ENTITY_SET}(${externalId})` });
    if (answer.status === 404) return undefined; // Removed in QicsMilestones: fall back to the code.
    if (!isSuccess(answer)) throw this.failure(answer);
    const found = jsonBody<QicsCustomerCompany>(answer);
    if (!clientNumbers.includes(found.CustomerCode)) throw filedUnderAnotherNumber('QicsMilestones', found.CustomerCode);
    return found;
  }

  private async findByCode(clientNumber: string): Promise<QicsCustomerCompany | undefined> {
    const answer = await this.send({ method: 'GET', path: `${ENTITY_SET}?${filterEquals('CustomerCode', clientNumber)}&$top=1` });
    if (!isSuccess(answer)) throw this.failure(answer);
    return jsonBody<ODataCollection<QicsCustomerCompany>>(answer).value[0];
  }

  /** Calls made side by side (the pushes of one job) go together in a $batch. */
  private send(call: ODataCall): Promise<HttpAnswer> {
    return this.calls.call(call);
  }

  private alone(call: ODataCall): Promise<HttpAnswer> {
    return callWithBearerToken(this.tokens, this.httpCallOf(call));
  }

  private httpCallOf(call: ODataCall): HttpCall {
    return {
      method: call.method,
      url: joinUrl(this.settings.baseUrl, call.path),
      headers: odataHeadersFor(call),
      ...(call.body ? { body: JSON.stringify(call.body) } : {}),
      timeoutMs: this.settings.timeoutMs,
    };
  }

  /** One $batch; each call gets its own response, read as if it had gone alone. */
  private async inBatch(calls: ODataCall[]): Promise<HttpAnswer[]> {
    const boundary = `batch_${randomUUID()}`;
    const body = writeBatchRequest(
      boundary,
      calls.map((call) => ({
        method: call.method,
        path: call.path,
        headers: odataHeadersFor(call),
        ...(call.body ? { body: JSON.stringify(call.body) } : {}),
      })),
    );
    const answer = await callWithBearerToken(this.tokens, {
      method: 'POST',
      url: joinUrl(this.settings.baseUrl, BATCH_PATH),
      headers: { ...ODATA_HEADERS, 'Content-Type': `multipart/mixed; boundary=${boundary}` },
      body,
      timeoutMs: this.settings.timeoutMs,
    });
    // Refused for what it is (a proxy's 413, a gateway's 400): each call goes again alone, so a bad
    // one is refused alone and the rest go through.
    if (refusesTheBatchItself(answer.status)) return Promise.all(calls.map((call) => this.alone(call)));
    // Refused as a whole (401 twice, a 5xx, a 429): each call reads that answer as its own.
    if (answer.status !== 202 && answer.status !== 200) return calls.map(() => answer);
    let parts: BatchPartResponse[];
    try {
      parts = readBatchResponse(headerValue(answer.headers, 'content-type'), answer.text);
    } catch (error) {
      throw new TransientPushError(`unreadable $batch answer: ${(error as Error).message}`, answer.status);
    }
    if (parts.length !== calls.length) throw new TransientPushError(`$batch answered ${parts.length} of ${calls.length} requests`, answer.status);
    return parts.map((part) => ({ status: part.status, headers: part.headers, text: part.body }));
  }

  private failure(answer: HttpAnswer): PushError {
    const error = classifyHttpFailure(answer.status, answer.headers, answer.text);
    // An unknown invoice-to is a target that has not landed yet (push() already tried its code):
    // its own push may create it, so retrying can help.
    if (this.refusesInvoiceTo(answer)) return new TransientPushError(error.packageMessage, answer.status);
    return error;
  }

  /** The package's 400 naming the invoicing agreement: the target id it was given is none of its companies. */
  private refusesInvoiceTo(answer: HttpAnswer): boolean {
    return answer.status === 400 && /InvoiceToCustomerCompanyId/.test(failureMessageOf(answer.text, ''));
  }

  private requestToken(): Promise<IssuedToken> {
    return requestOAuthToken({
      issuer: 'QicsMilestones',
      url: joinUrl(this.settings.baseUrl, '/oauth/token'),
      form: { grant_type: 'client_credentials', client_id: this.settings.clientId, client_secret: this.settings.clientSecret },
      timeoutMs: this.settings.timeoutMs,
    });
  }

}

/** The hub's recorded CustomerCompanyId of the invoice-to, when it has a usable one. */
function recordedIdOf(target: QicsInvoiceTarget): number | undefined {
  return target.externalId && /^\d+$/.test(target.externalId) ? Number(target.externalId) : undefined;
}
