import type { PackageConnector } from '../../connector.port';
import { classifyHttpFailure } from '../../errors/classify-http-failure';
import { PermanentPushError } from '../../errors/permanent-push-error';
import { TransientPushError } from '../../errors/transient-push-error';
import type { ClientPush, PushContext, PushResult } from '../../model/client-push';
import { personalValuesOf } from '../../model/personal-values';
import type { AdapterSettings } from '../shared/adapter-settings';
import { isSuccess, jsonBody } from '../shared/http-call';
import { JsonBatchClient } from '../shared/json-batch-client';
import type { PinkwebErrorAnswer, PinkwebPortalUser, PinkwebPutAnswer } from './pinkweb.contract';
import { toPinkwebWrite } from './pinkweb-mapping';

export interface PinkwebSettings extends AdapterSettings {
  apiKey: string;
}

/**
 * PinkWeb over the contract in pinkweb.contract.ts. The client number is PinkWeb's key and so
 * the external id; a PUT is naturally idempotent. 'Geen klant meer' deletes the client in PinkWeb.
 * Pushes made side by side go in JSON batches (json-batch.contract.ts), each answered on its own.
 */
export class PinkwebConnector implements PackageConnector {
  readonly packageName = 'pinkweb' as const;

  private readonly http: JsonBatchClient;

  constructor(settings: PinkwebSettings) {
    this.http = new JsonBatchClient({
      ...settings,
      headers: { Accept: 'application/json', Authorization: `Bearer ${settings.apiKey}` },
    });
  }

  async push(client: ClientPush, _context: PushContext): Promise<PushResult> {
    const write = toPinkwebWrite(client);

    if ('delete' in write) {
      // Under its number, or a former one when the renumbering never reached PinkWeb.
      for (const number of write.delete) {
        const answer = await this.http.call({ method: 'DELETE', path: `/api/clients/${encodeURIComponent(number)}` });
        if (isSuccess(answer)) break;
        // 404: not under this number, or already gone (an earlier delete whose answer we lost).
        if (answer.status !== 404) throw classifyHttpFailure(answer.status, answer.headers, answer.text, pinkwebMessage);
      }
      return { externalId: client.clientNumber, action: 'ended' };
    }

    const path = `/api/clients/${encodeURIComponent(write.put.clientNumber)}`;
    const answer = await this.http.call({ method: 'PUT', path, body: write.put, personalValues: personalValuesOf(client) });
    if (answer.status === 409) {
      const message = pinkwebMessage(answer.text, 'HTTP 409');
      // One login for two users of this very push: PinkWeb refuses it whatever else changes, and
      // the hub should have held them (a defect to see, not to retry for a day).
      if (sharesALogin(write.put.portalUsers)) throw new PermanentPushError(message, answer.status);
      // Otherwise, as PinkWeb applies this push's own removals first, the login is held by a user
      // of another client whose change has not reached PinkWeb yet (the hub holds duplicate logins,
      // so that client's own push is on its way); a client PinkWeb renumbered since this push was
      // built is pushed again as it is now. Retrying waits for either; if it never comes, the
      // retries run out.
      throw new TransientPushError(message, answer.status);
    }
    if (!isSuccess(answer)) throw classifyHttpFailure(answer.status, answer.headers, answer.text, pinkwebMessage);
    const result = jsonBody<PinkwebPutAnswer>(answer);
    return { externalId: result.clientId ?? client.clientNumber, action: result.outcome };
  }
}

/** Two users in one push with one login (compared as PinkWeb does, without regard to case). */
function sharesALogin(users: PinkwebPortalUser[]): boolean {
  const owners = new Map<string, string>();
  for (const user of users) {
    const login = user.login.toLowerCase();
    const owner = owners.get(login);
    if (owner !== undefined && owner !== user.mainKey) return true;
    owners.set(login, user.mainKey);
  }
  return false;
}

function pinkwebMessage(body: string, fallback: string): string {
  try {
    const parsed = JSON.parse(body) as Partial<PinkwebErrorAnswer>;
    if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
      return parsed.errors.map((error) => (error.field ? `${error.field}: ${error.message}` : error.message)).join('; ');
    }
  } catch {
    // Not PinkWeb's JSON (a proxy's page, say): the status says enough.
  }
  return fallback;
}
