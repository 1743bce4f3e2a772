import type { PackageConnector } from '../../connector.port';
import { classifyHttpFailure } from '../../errors/classify-http-failure';
import { PermanentPushError } from '../../errors/permanent-push-error';
import { TransientPushError } from '../../errors/transient-push-error';
import type { ClientPush, PushContext, PushResult } from '../../model/client-push';
import { personalValuesOf } from '../../model/personal-values';
import type { AdapterSettings } from '../shared/adapter-settings';
import { isSuccess, jsonBody } from '../shared/http-call';
import { JsonBatchClient } from '../shared/json-batch-client';
import { redact } from '../shared/redact';
import type { NextensErrorAnswer, NextensRelationUpsert, NextensUpsertAnswer } from './nextens.contract';
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

  async push(client: ClientPush, context: PushContext): Promise<PushResult> {
    const write = toNextensWrite(client);
    if ('refused' in write) throw new PermanentPushError(write.refused);
    const relation: NextensRelationUpsert = { ...write, relationId: context.externalId };
    const answer = await this.http.call({ method: 'POST', path: '/api/relations/upsert', body: relation, personalValues: personalValuesOf(client) });
    if (!isSuccess(answer)) {
      // Nextens is the one package that gets BSN and date of birth: keep them out of its messages.
      const personal = [client.person?.bsn, client.person?.dateOfBirth];
      throw classifyHttpFailure(answer.status, answer.headers, answer.text, (body, fallback) => redact(nextensMessage(body, fallback), personal));
    }
    const result = jsonBody<NextensUpsertAnswer>(answer);
    if (typeof result.relationId !== 'string') throw new TransientPushError('Nextens answered without a relationId', answer.status);
    const action = relation.status === 'ended' ? 'ended' : result.outcome;
    return { externalId: result.relationId, action };
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
