import { TransientPushError } from '../../errors/transient-push-error';
import { joinUrl, type AdapterSettings } from './adapter-settings';
import { GatheredCalls } from './gathered-calls';
import { type AnswerHeaders, type HttpAnswer, type HttpCall, httpCall, jsonBody } from './http-call';
import { type JsonBatchAnswer, type JsonBatchRequest, JSON_BATCH_PATH, MAX_REQUESTS_PER_BATCH } from './json-batch.contract';
import { redact } from './redact';
import { refusesTheBatchItself } from './batch-refusal';

/** One of the package's ordinary requests: method, path under the base URL, JSON body. */
export interface PackageCall {
  method: HttpCall['method'];
  path: string;
  body?: unknown;
  /**
   * The personal values the call carries (personalValuesOf): an answer given to a whole batch is
   * every call's, so it reaches each with the values of all of them taken out.
   */
  personalValues?: readonly string[];
}

export interface JsonBatchSettings extends AdapterSettings {
  /** The package's authentication (and any other fixed) headers, sent on every exchange. */
  headers: Record<string, string>;
  /** Requests per batch; default and most: MAX_REQUESTS_PER_BATCH. */
  maxPerBatch?: number;
}

/**
 * Sends a package's calls made side by side as JSON batches (json-batch.contract.ts) and answers
 * each call with its own response, as if it had gone alone: the connector reads it as it reads a
 * single answer. A batch refused for itself (a 4xx other than 401, 403, 408, 429) is sent again
 * call by call; any other answer to the batch as a whole is every call's answer.
 */
export class JsonBatchClient {
  private readonly gathered: GatheredCalls<PackageCall, HttpAnswer>;

  constructor(private readonly settings: JsonBatchSettings) {
    this.gathered = new GatheredCalls(
      Math.min(settings.maxPerBatch ?? MAX_REQUESTS_PER_BATCH, MAX_REQUESTS_PER_BATCH),
      (call) => this.exchange(call.method, call.path, call.body),
      (calls) => this.together(calls),
    );
  }

  call(call: PackageCall): Promise<HttpAnswer> {
    return this.gathered.call(call);
  }

  private async together(calls: PackageCall[]): Promise<HttpAnswer[]> {
    const batch: JsonBatchRequest = {
      requests: calls.map((call, i) => ({ id: String(i), method: call.method, path: call.path, body: call.body })),
    };
    const answer = await this.exchange('POST', JSON_BATCH_PATH, batch);
    // Refused for what it is (too large for a proxy, unreadable to a gateway), a batch says nothing
    // of its calls: each goes again alone, so a bad one is refused alone and the rest go through.
    if (refusesTheBatchItself(answer.status)) return Promise.all(calls.map((call) => this.exchange(call.method, call.path, call.body)));
    // Answered as a whole for every call alike (a gateway's 5xx, credentials, a rate limit): each
    // call reads that answer as its own, with no other call's personal values in it, should the
    // package have echoed the batch it got.
    if (answer.status !== 200) {
      const shared = withoutPersonalValues(answer, calls.flatMap((call) => call.personalValues ?? []));
      return calls.map(() => shared);
    }
    const responses = jsonBody<Partial<JsonBatchAnswer> | null>(answer)?.responses;
    if (!Array.isArray(responses) || responses.length !== calls.length) {
      throw new TransientPushError(`batch answered ${responses?.length ?? 'no'} responses for ${calls.length} requests`, 200);
    }
    return responses.map(asAnswer);
  }

  private exchange(method: HttpCall['method'], path: string, body: unknown): Promise<HttpAnswer> {
    return httpCall({
      method,
      url: joinUrl(this.settings.baseUrl, path),
      headers: body === undefined ? this.settings.headers : { ...this.settings.headers, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      timeoutMs: this.settings.timeoutMs,
    });
  }
}

function withoutPersonalValues(answer: HttpAnswer, personalValues: string[]): HttpAnswer {
  if (personalValues.length === 0) return answer;
  return { status: answer.status, headers: answer.headers, text: redact(answer.text, personalValues) };
}


function asAnswer(response: JsonBatchAnswer['responses'][number]): HttpAnswer {
  const { body } = response;
  const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  if (body === undefined) return { status: response.status, headers, text: '' };
  if (typeof body === 'string') return { status: response.status, headers, text: body };
  return new ParsedAnswer(response.status, headers, body);
}

/**
 * An answer that came already parsed: its text is written out only if asked for (an error's
 * message). A class, not an object literal with a getter, which would keep the body alive through
 * young collections (see "No getters in object literals made per call" in docs/architecture.md).
 */
class ParsedAnswer implements HttpAnswer {
  constructor(
    readonly status: number,
    readonly headers: AnswerHeaders,
    readonly json: unknown,
  ) {}

  get text(): string {
    return JSON.stringify(this.json);
  }
}
