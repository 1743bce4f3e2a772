import type { PackageConnector } from '../../connector.port';
import { classifyHttpFailure } from '../../errors/classify-http-failure';
import { PermanentPushError } from '../../errors/permanent-push-error';
import { RateLimitedPushError } from '../../errors/rate-limited-push-error';
import { TransientPushError } from '../../errors/transient-push-error';
import type { ClientPush, PushContext, PushResult } from '../../model/client-push';
import { joinUrl, type AdapterSettings } from '../shared/adapter-settings';
import { httpCall } from '../shared/http-call';
import { buildDimensionReadXml, buildDimensionXml } from './twinfield-dimension';
import { isBudgetMessage, readDimensionAnswer, type DimensionAnswer } from './twinfield-response';
import { buildProcessXmlEnvelope, extractProcessXmlResult, PROCESS_XML_SOAP_ACTION } from './twinfield-soap';
import { type Lane, SerialLane } from './serial-lane';

export interface TwinfieldSettings extends AdapterSettings {
  /** Twinfield's office (administration) code, sent as CompanyCode. */
  office: string;
  /** OAuth2 access token, or a provider when the hub renews it (Twinfield's tokens live an hour). */
  accessToken: string | (() => Promise<string>);
  /** Path of the ProcessXml web service under baseUrl (the cluster URL). */
  processXmlPath?: string;
  /**
   * The office's lane: one request in flight. Default: this process's own; processes that push to
   * the same office give it one they share.
   */
  lane?: Lane;
}

/**
 * Twinfield over SOAP ProcessXml: the client becomes a customer (dimension DEB) whose code is the
 * debtor number. Twinfield allows one request in flight per office: one connector serves one
 * office and runs its pushes one after the other (read, then write) through the office's lane,
 * which other processes share when given one. Should Twinfield still refuse a request as too many
 * at once, it arrives here as a RateLimitedPushError.
 */
export class TwinfieldConnector implements PackageConnector {
  readonly packageName = 'twinfield' as const;

  private readonly lane: Lane;

  constructor(private readonly settings: TwinfieldSettings) {
    this.lane = settings.lane ?? new SerialLane();
  }

  push(client: ClientPush, context: PushContext): Promise<PushResult> {
    return this.lane.run(() => this.pushNow(client, context));
  }

  private async pushNow(client: ClientPush, context: PushContext): Promise<PushResult> {
    const code = client.debtorNumber?.trim();
    if (!code) throw new PermanentPushError(`client ${client.clientNumber} has no debtor number; Twinfield keys customers by it`);

    // The code is the key, so the write below is idempotent with or without the hub's uid; the read
    // only tells "created" from "updated" when the hub holds no uid (a first push, or a crash lost
    // the answer). With a uid the customer is known to exist: one request instead of two.
    let existed = context.externalId !== undefined;
    if (!existed) {
      const existing = await this.processXml(buildDimensionReadXml(this.settings.office, code));
      if (!existing.ok && existing.messages.some(isBudgetMessage)) throw refusal(existing.messages);
      existed = existing.ok;
    }
    const written = await this.processXml(buildDimensionXml(client, this.settings.office, code));
    if (!written.ok) throw refusal(written.messages);
    if (!written.uid) throw new TransientPushError('Twinfield accepted the dimension but returned no uid');

    const action = client.status === 'Geen klant meer' ? 'ended' : existed ? 'updated' : 'created';
    return { externalId: written.uid, action };
  }

  private async processXml(requestXml: string): Promise<DimensionAnswer> {
    const token =
      typeof this.settings.accessToken === 'string' ? this.settings.accessToken : await this.settings.accessToken();
    const answer = await httpCall({
      method: 'POST',
      url: joinUrl(this.settings.baseUrl, this.settings.processXmlPath ?? '/webservices/processxml.asmx'),
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${PROCESS_XML_SOAP_ACTION}"` },
      body: buildProcessXmlEnvelope(token, this.settings.office, requestXml),
      timeoutMs: this.settings.timeoutMs,
    });
    // Non-200 is a SOAP fault or a gateway answer; its faultstring is the package's message.
    if (answer.status !== 200) throw classifyHttpFailure(answer.status, answer.headers, answer.text);
    return readDimensionAnswer(extractProcessXmlResult(answer.text));
  }
}

function refusal(messages: string[]): PermanentPushError | RateLimitedPushError {
  const message = messages.join('; ');
  // Twinfield reports an exhausted API budget the same way as a validation error: inside a 200.
  if (messages.some(isBudgetMessage)) return new RateLimitedPushError(message, undefined, 200);
  return new PermanentPushError(message, 200);
}
