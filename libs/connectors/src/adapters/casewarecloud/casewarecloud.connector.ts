import type { PackageConnector } from '../../connector.port';
import { classifyHttpFailure } from '../../errors/classify-http-failure';
import { PermanentPushError } from '../../errors/permanent-push-error';
import type { PushError } from '../../errors/push-error';
import { TransientPushError } from '../../errors/transient-push-error';
import { filedUnderAnotherNumber, firstFiledUnder } from '../shared/filed-under-another-number';
import type { ClientPush, PushContext, PushResult } from '../../model/client-push';
import { joinUrl, type AdapterSettings } from '../shared/adapter-settings';
import { BearerTokenCache } from '../shared/bearer-token-cache';
import { httpCall, isSuccess, jsonBody, type HttpAnswer, type HttpCall } from '../shared/http-call';
import { callWithBearerToken } from '../shared/with-bearer-token';
import { type CasewareAccessWrite, differences, sameEmail, toCasewareWrite } from './caseware-mapping';
import type {
  CasewareAccess,
  CasewareEntity,
  CasewareList,
  CasewarePerson,
  CasewarePersonWrite,
  CasewareTokenAnswer,
  CasewareTokenRequest,
} from './caseware.resources';

export interface CasewareCloudSettings extends AdapterSettings {
  clientId: string;
  clientSecret: string;
  /** Renew the token this long before it expires (default 60 s, at most half its lifetime). */
  tokenRenewalMarginMs?: number;
}

const DEFAULT_TOKEN_LIFETIME_MS = 30 * 60 * 1000;
const API = '/api/v2';

/**
 * CaseWare Cloud over REST v2. Companies only: a person client is refused as permanent (the
 * dispatcher should not route persons here). The company is an entity found again by ClientNumber;
 * its contacts with an e-mail are persons found again by e-mail (unique and fixed in CaseWare) and
 * get access to the entity with the portal switch. 'Geen klant meer' sets the entity's Status to
 * Revoked; nothing is deleted.
 */
export class CasewareCloudConnector implements PackageConnector {
  readonly packageName = 'casewarecloud' as const;
  private readonly tokens: BearerTokenCache;

  constructor(private readonly settings: CasewareCloudSettings) {
    this.tokens = new BearerTokenCache(() => this.requestToken(), settings.tokenRenewalMarginMs);
  }

  async push(client: ClientPush, context: PushContext): Promise<PushResult> {
    const write = toCasewareWrite(client);
    if (write.kind !== 'company') {
      throw new PermanentPushError(`CaseWare Cloud holds companies only; client ${client.clientNumber} is a person`);
    }
    const desired = write.entity;
    // A renumbered client may still be filed under a former number: found there, its ClientNumber
    // moves (former numbers first, as in the QicsMilestones adapter).
    const current = (await this.entityById(context.externalId, write.numbers)) ?? (await firstFiledUnder(write.numbers, (number) => this.entityByClientNumber(number)));

    let entityGuid: string;
    let changed = false;
    let created = false;
    if (!current) {
      const answer = await this.send('POST', `${API}/entities`, desired);
      if (answer.status === 409) throw new TransientPushError(`entity ${client.clientNumber} appeared meanwhile; retry finds it`, 409);
      entityGuid = this.read<CasewareEntity>(answer).CWGuid;
      created = true;
    } else {
      entityGuid = current.CWGuid;
      const patch = differences(current, desired);
      if (Object.keys(patch).length > 0) {
        this.read<CasewareEntity>(await this.send('PATCH', `${API}/entities/${entityGuid}`, patch));
        changed = true;
      }
    }

    if (!write.access) return { externalId: entityGuid, action: 'ended' };
    if (await this.syncAccess(entityGuid, write.access)) changed = true;
    return { externalId: entityGuid, action: created ? 'created' : changed ? 'updated' : 'unchanged' };
  }

  /** Makes persons and access match the contacts (see toCasewareAccess); returns whether anything was written. */
  private async syncAccess(entityGuid: string, { grants, held }: CasewareAccessWrite): Promise<boolean> {
    let changed = false;
    const access = this.read<CasewareList<CasewareAccess>>(await this.send('GET', `${API}/entities/${entityGuid}/access`)).Items;
    const wanted = new Map<string, CasewareAccess>();
    // A contact whose portal login is in doubt: its person (the e-mail is the person) is neither
    // written nor given or denied access here until the doubt is resolved.
    const kept = new Set<string>();
    for (const email of held) {
      const person = await this.personByEmail(email);
      if (person) kept.add(person.CWGuid);
    }

    for (const grant of grants) {
      const person = await this.upsertPerson(grant.person);
      if (person.changed) changed = true;
      wanted.set(person.guid, { PersonGuid: person.guid, Role: grant.role, Portal: grant.portal });
    }
    // Persons no longer among the contacts lose the portal, but stay: CaseWare keeps its history.
    for (const existing of access) {
      if (!wanted.has(existing.PersonGuid) && !kept.has(existing.PersonGuid) && existing.Portal) {
        wanted.set(existing.PersonGuid, { ...existing, Portal: false });
      }
    }
    for (const grant of wanted.values()) {
      const existing = access.find((entry) => entry.PersonGuid === grant.PersonGuid);
      if (existing && Object.keys(differences(existing, grant)).length === 0) continue;
      this.read(await this.send('PUT', `${API}/entities/${entityGuid}/access/${grant.PersonGuid}`, { Role: grant.Role, Portal: grant.Portal }));
      changed = true;
    }
    return changed;
  }

  private async upsertPerson(desired: CasewarePersonWrite): Promise<{ guid: string; changed: boolean }> {
    let existing = await this.personByEmail(desired.Email);
    if (!existing) {
      const answer = await this.send('POST', `${API}/persons`, desired);
      if (answer.status !== 409) return { guid: this.read<CasewarePerson>(answer).CWGuid, changed: true };
      // Someone made this person since our search (another push, the firm itself): use theirs.
      existing = await this.personByEmail(desired.Email);
      if (!existing) throw this.failure(answer);
    }
    // Never send the e-mail on an update: CaseWare refuses any change to it, even of case.
    const { Email: _email, ...fields } = desired;
    const patch = differences(existing, fields);
    if (Object.keys(patch).length === 0) return { guid: existing.CWGuid, changed: false };
    this.read(await this.send('PATCH', `${API}/persons/${existing.CWGuid}`, patch));
    return { guid: existing.CWGuid, changed: true };
  }

  /** The entity under the hub's id (see filedUnderAnotherNumber when its number is not the client's). */
  private async entityById(externalId: string | undefined, clientNumbers: readonly string[]): Promise<CasewareEntity | undefined> {
    if (!externalId) return undefined;
    const answer = await this.send('GET', `${API}/entities/${encodeURIComponent(externalId)}`);
    if (answer.status === 404) return undefined;
    const entity = this.read<CasewareEntity>(answer);
    if (!clientNumbers.includes(entity.ClientNumber)) throw filedUnderAnotherNumber('CaseWare Cloud', entity.ClientNumber);
    return entity;
  }

  private async entityByClientNumber(clientNumber: string): Promise<CasewareEntity | undefined> {
    const answer = await this.send('GET', `${API}/entities?ClientNumber=${encodeURIComponent(clientNumber)}`);
    return this.read<CasewareList<CasewareEntity>>(answer).Items[0];
  }

  private async personByEmail(email: string): Promise<CasewarePerson | undefined> {
    const answer = await this.send('POST', `${API}/persons/search`, { Email: email });
    return this.read<CasewareList<CasewarePerson>>(answer).Items.find((person) => sameEmail(person.Email, email));
  }

  private send(method: HttpCall['method'], path: string, body?: object): Promise<HttpAnswer> {
    return callWithBearerToken(this.tokens, {
      method,
      url: joinUrl(this.settings.baseUrl, path),
      headers: body ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
      timeoutMs: this.settings.timeoutMs,
    });
  }

  private read<T>(answer: HttpAnswer): T {
    if (!isSuccess(answer)) throw this.failure(answer);
    return jsonBody<T>(answer);
  }

  private failure(answer: HttpAnswer): PushError {
    return classifyHttpFailure(answer.status, answer.headers, answer.text);
  }

  private async requestToken(): Promise<{ token: string; expiresInMs: number }> {
    const request: CasewareTokenRequest = { ClientId: this.settings.clientId, ClientSecret: this.settings.clientSecret };
    const answer = await httpCall({
      method: 'POST',
      url: joinUrl(this.settings.baseUrl, `${API}/auth/token`),
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
      timeoutMs: this.settings.timeoutMs,
    });
    const body = this.read<CasewareTokenAnswer>(answer);
    if (typeof body.Token !== 'string') throw new PermanentPushError('CaseWare token answer has no Token', answer.status);
    return { token: body.Token, expiresInMs: typeof body.ExpiresIn === 'number' ? body.ExpiresIn * 1000 : DEFAULT_TOKEN_LIFETIME_MS };
  }
}
