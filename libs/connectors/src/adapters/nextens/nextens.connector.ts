import type { PackageConnector } from '../../connector.port';
import { classifyHttpFailure } from '../../errors/classify-http-failure';
import { PermanentPushError } from '../../errors/permanent-push-error';
import { TransientPushError } from '../../errors/transient-push-error';
import type { ClientPush, PushContext, PushResult } from '../../model/client-push';
import { personalValuesOf } from '../../model/personal-values';
import type { AdapterSettings } from '../shared/adapter-settings';
import { type HttpAnswer, isSuccess, jsonBody } from '../shared/http-call';
import { JsonBatchClient } from '../shared/json-batch-client';
import { redact } from '../shared/redact';
import type { NextensErrorAnswer, NextensRelationFind, NextensRelationFound, NextensRelationUpsert, NextensUpsertAnswer } from './nextens.contract';
import { nextensRelationKey } from './nextens-relation-key';
import { toNextensWrite } from './nextens-mapping';

export interface NextensSettings extends AdapterSettings {
  apiKey: string;
}

/**
 * Nextens over the contract in nextens.contract.ts: one upsert per push, keyed by RSIN-sequence
 * or BSN in the body (never the URL). Ended clients are pushed too, marked ended with their end date.
 * Pushes made side by side go in JSON batches (json-batch.contract.ts), each answered on its own.
 */
export class NextensConnector implements PackageConnector {
  readonly packageName = 'nextens' as const;

  private readonly http: JsonBatchClient;

  constructor(settings: NextensSettings) {
    this.http = new JsonBatchClient({ ...settings, headers: { Accept: 'application/json', 'X-Api-Key': settings.apiKey } });
  }

  /**
   * A company's key (`<rsin>-<sequence>`), which the hub records before a push. A person's is the
   * BSN, which the hub's delivery record must not hold: none.
   */
  keyOf(client: ClientPush): string | undefined {
    const key = client.kind === 'company' ? nextensRelationKey(client) : undefined;
    return key && 'key' in key ? key.key : undefined;
  }

  async push(client: ClientPush, context: PushContext): Promise<PushResult> {
    const write = toNextensWrite(client);
    if ('refused' in write) throw new PermanentPushError(write.refused);
    // Without Nextens' id, a push under an earlier key that lost its answer (a timeout, a crash)
    // may have made the relation: found there, it is updated by its id, and so takes the new key,
    // where an upsert by the new key would make a second one.
    const relationId = context.externalId ?? (await this.relationUnder(context.unconfirmedKeys ?? [], write.key, client));
    const relation: NextensRelationUpsert = { ...write, relationId };
    const answer = await this.http.call({ method: 'POST', path: '/api/relations/upsert', body: relation, personalValues: personalValuesOf(client) });
    if (!isSuccess(answer)) throw this.failure(answer, client);
    const result = jsonBody<NextensUpsertAnswer>(answer);
    if (typeof result.relationId !== 'string') throw new TransientPushError('Nextens answered without a relationId', answer.status);
    const action = relation.status === 'ended' ? 'ended' : result.outcome;
    // A company's key is kept with the answer, so that the next push does not record it again.
    const externalKey = this.keyOf(client);
    return { externalId: result.relationId, ...(externalKey ? { externalKey } : {}), action };
  }

  /**
   * The id of the client's relation under the first of the keys (other than `current`) Nextens
   * knows. It must bear one of the client's numbers: one under a key another client has too is not
   * this one's to take over.
   */
  private async relationUnder(keys: readonly string[], current: string, client: ClientPush): Promise<string | undefined> {
    const numbers = [client.clientNumber, ...(client.formerClientNumbers ?? [])];
    for (const key of keys) {
      if (key === current) continue;
      const find: NextensRelationFind = { key };
      const answer = await this.http.call({ method: 'POST', path: '/api/relations/find', body: find, personalValues: personalValuesOf(client) });
      if (answer.status === 404) continue;
      if (!isSuccess(answer)) throw this.failure(answer, client);
      const found = jsonBody<NextensRelationFound>(answer);
      if (numbers.includes(found.clientNumber)) return found.relationId;
    }
    return undefined;
  }

  /** Nextens is the one package that gets BSN and date of birth: they are kept out of its messages. */
  private failure(answer: HttpAnswer, client: ClientPush): Error {
    const personal = [client.person?.bsn, client.person?.dateOfBirth];
    return classifyHttpFailure(answer.status, answer.headers, answer.text, (body, fallback) => redact(nextensMessage(body, fallback), personal));
  }
}

function nextensMessage(body: string, fallback: string): string {
  try {
    const parsed = JSON.parse(body) as Partial<NextensErrorAnswer>;
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
  } catch {
    // Not Nextens' JSON (a proxy's page, say): the status says enough.
  }
  return fallback;
}
