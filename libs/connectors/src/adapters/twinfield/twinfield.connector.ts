import type { PackageConnector } from '../../connector.port';
import { classifyHttpFailure } from '../../errors/classify-http-failure';
import { PermanentPushError } from '../../errors/permanent-push-error';
import { RateLimitedPushError } from '../../errors/rate-limited-push-error';
import { TransientPushError } from '../../errors/transient-push-error';
import type { ClientPush, PushContext, PushResult } from '../../model/client-push';
import { personalValuesOf } from '../../model/personal-values';
import { joinUrl, type AdapterSettings } from '../shared/adapter-settings';
import { BearerTokenCache } from '../shared/bearer-token-cache';
import { type HttpAnswer, httpCall } from '../shared/http-call';
import { redactError } from '../shared/redact';
import { RequestBatches } from './request-batches';
import { type Lane, SerialLane } from './serial-lane';
import { buildDimensionsXml, MAX_DIMENSIONS_PER_REQUEST, toTwinfieldCustomer, twinfieldCode } from './twinfield-dimension';
import { buildReadDimensionXml, readDimensionRead } from './twinfield-read';
import { isBudgetMessage, readDimensionAnswers, type DimensionAnswer } from './twinfield-response';
import { buildProcessXmlEnvelope, extractProcessXmlResult, isClientFault, PROCESS_XML_SOAP_ACTION, soapFaultOf } from './twinfield-soap';
import { refreshTwinfieldToken, refusesTheToken, type TwinfieldOAuth } from './twinfield-token';

export interface TwinfieldSettings extends AdapterSettings {
  /** Twinfield's office (administration) code, sent as CompanyCode. */
  office: string;
  /**
   * A fixed OAuth 2 access token (tests, a short job), or what renews it: Twinfield's tokens live an
   * hour, so a hub that runs for longer gives `oauth`. One of the two.
   */
  accessToken?: string;
  oauth?: TwinfieldOAuth;
  /** Path of the ProcessXml web service under baseUrl (the cluster URL). */
  processXmlPath?: string;
  /**
   * The office's lane: one request in flight. Default: this process's own; processes that push to
   * the same office give it one they share.
   */
  lane?: Lane;
  /** Customers per request, at most; default 25 (Twinfield's fair-use advice). */
  maxPerRequest?: number;
}

/**
 * Twinfield over SOAP ProcessXml: the client becomes a customer (dimension DEB) whose code is the
 * debtor number. Twinfield allows one request in flight per office: one connector serves one
 * office and sends its requests one after the other through the office's lane, which other
 * processes share when given one. Pushes that arrive while a request is on its way go together in
 * the next, up to 25 customers in one <dimensions> (RequestBatches); each gets its own answer, so
 * one refused customer fails only its own push (a request refused as a whole is sent again customer
 * by customer). Should Twinfield still refuse a request as too many at once, it arrives here as a
 * RateLimitedPushError.
 */
export class TwinfieldConnector implements PackageConnector {
  readonly packageName = 'twinfield' as const;

  private readonly batches: RequestBatches<DimensionWrite, PushResult>;
  private readonly tokens?: BearerTokenCache;
  /** The office's lane, which reads take too: one request in flight per office. */
  private readonly lane: Lane;

  constructor(private readonly settings: TwinfieldSettings) {
    if ((settings.accessToken === undefined) === (settings.oauth === undefined)) {
      throw new Error('Twinfield needs either an access token or the OAuth settings that renew one');
    }
    const oauth = settings.oauth;
    if (oauth) this.tokens = new BearerTokenCache(() => refreshTwinfieldToken(oauth, settings.timeoutMs));
    this.lane = settings.lane ?? new SerialLane();
    this.batches = new RequestBatches(
      this.lane,
      settings.maxPerRequest ?? MAX_DIMENSIONS_PER_REQUEST,
      (writes) => this.write(writes),
      (error, writes) => redactError(error, writes.flatMap(({ client }) => personalValuesOf(client))),
    );
  }

  keyOf(client: ClientPush): string | undefined {
    return twinfieldCode(client);
  }

  async push(client: ClientPush, context: PushContext): Promise<PushResult> {
    // An ended client whose debtor number went with the switch-off is hidden under the code it has.
    const ending = client.status === 'Geen klant meer';
    const code = twinfieldCode(client) ?? (ending ? context.externalKey : undefined);
    if (!code) {
      throw new PermanentPushError(`client ${client.clientNumber} has no debtor number; Twinfield keys customers by it`);
    }
    const formerCode = context.externalKey !== undefined && context.externalKey !== code ? context.externalKey : undefined;
    // A new debtor number is a new customer: Twinfield cannot change a code.
    const result = await this.batches.submit({ client, code, known: context.externalId !== undefined && !formerCode });
    // The customer under the former number is hidden only once the new one is there, so a failure
    // in between leaves the client in Twinfield, and the retry (the hub still holds the former
    // key) hides it then. It keeps its history, as at the end of a relationship.
    const hidden = { ...client, status: 'Geen klant meer' as const };
    if (formerCode) await this.batches.submit({ client: hidden, code: formerCode, known: true });
    // A code an earlier push was sent under without its answer coming back (a timeout, a crash)
    // may hold an active customer too. Each is read first: a write would make a customer under a
    // code that never got there.
    for (const unconfirmed of new Set(context.unconfirmedKeys ?? [])) {
      if (unconfirmed === code || unconfirmed === formerCode) continue;
      if (await this.holdsActiveFor(client, unconfirmed)) await this.batches.submit({ client: hidden, code: unconfirmed, known: true });
    }
    return { ...result, externalKey: code };
  }

  /**
   * Whether Twinfield holds this client active under the code. The customer there must bear the
   * client's name or search name: one under a code another client uses too is not this one's to hide.
   */
  private async holdsActiveFor(client: ClientPush, code: string): Promise<boolean> {
    const answer = readDimensionRead(await this.lane.run(() => this.processXmlResult(buildReadDimensionXml(this.settings.office, code))));
    if ('refused' in answer) throw refusal(answer.refused);
    if (!answer.found || answer.status === 'hide') return false;
    const customer = toTwinfieldCustomer(client, code);
    return answer.name === customer.name || (answer.shortname !== undefined && answer.shortname === customer.shortname);
  }

  /**
   * The code is the key, so a write is idempotent with or without the hub's uid, and no read is
   * needed first. Twinfield counts a customer's writes in `touched`: when the hub holds no uid (a
   * first push, or a crash lost the answer), a count of 1 tells that this write created it.
   */
  private async write(writes: DimensionWrite[]): Promise<Array<PushResult | Error>> {
    const answers = await this.processXml(buildDimensionsXml(writes, this.settings.office), writes.length);
    // A request of several customers refused as a whole names none of them: each is sent again
    // alone (still in this turn of the office's lane), so only a customer Twinfield refuses for
    // itself fails. An exhausted budget is everyone's, and waits.
    const refusedAsAWhole = answers[0] && !answers[0].ok && answers[0].whole && !answers[0].messages.some(isBudgetMessage);
    if (writes.length > 1 && refusedAsAWhole) {
      const alone: Array<PushResult | Error> = [];
      for (const write of writes) alone.push(...(await this.write([write])));
      return alone;
    }
    return answers.map((answer, i) => {
      const { client, known } = writes[i]!;
      if (!answer.ok) return refusal(answer.messages);
      if (!answer.uid) return new TransientPushError('Twinfield accepted the dimension but returned no uid');
      const created = !known && answer.touched === 1;
      const action = client.status === 'Geen klant meer' ? 'ended' : created ? 'created' : 'updated';
      return { externalId: answer.uid, action };
    });
  }

  private async processXml(requestXml: string, count: number): Promise<DimensionAnswer[]> {
    return readDimensionAnswers(await this.processXmlResult(requestXml), count);
  }

  /** Sends a ProcessXml request and answers its result, the XML Twinfield returns for it. */
  private async processXmlResult(requestXml: string): Promise<string> {
    const token = this.tokens ? await this.tokens.get() : this.settings.accessToken!;
    let answer = await this.send(token, requestXml);
    // A token that expired (or was revoked) before the cache renewed it: renewed once, sent again.
    if (this.tokens && answer.status === 500 && refusesTheToken(soapFaultOf(answer.text))) {
      this.tokens.invalidate(token);
      answer = await this.send(await this.tokens.get(), requestXml);
    }
    if (answer.status !== 200) {
      // SOAP 1.1 answers every fault with HTTP 500, the caller's own mistakes (a token refused, a
      // request it cannot read) too: the fault code says whose it is. Any other status is a
      // gateway's or a limit's, read as such.
      const fault = answer.status === 500 ? soapFaultOf(answer.text) : undefined;
      if (fault) {
        const message = fault.message || fault.code;
        throw isClientFault(fault) ? new PermanentPushError(message, 500) : new TransientPushError(message, 500);
      }
      throw classifyHttpFailure(answer.status, answer.headers, answer.text);
    }
    return extractProcessXmlResult(answer.text);
  }

  private send(token: string, requestXml: string): Promise<HttpAnswer> {
    return httpCall({
      method: 'POST',
      url: joinUrl(this.settings.baseUrl, this.settings.processXmlPath ?? '/webservices/processxml.asmx'),
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${PROCESS_XML_SOAP_ACTION}"` },
      body: buildProcessXmlEnvelope(token, this.settings.office, requestXml),
      timeoutMs: this.settings.timeoutMs,
    });
  }
}

interface DimensionWrite {
  client: ClientPush;
  code: string;
  /** The hub holds the customer's uid: it exists already. */
  known: boolean;
}

function refusal(messages: string[]): PermanentPushError | RateLimitedPushError {
  const message = messages.join('; ');
  // Twinfield reports an exhausted API budget the same way as a validation error: inside a 200.
  if (messages.some(isBudgetMessage)) return new RateLimitedPushError(message, undefined, 200);
  return new PermanentPushError(message, 200);
}
