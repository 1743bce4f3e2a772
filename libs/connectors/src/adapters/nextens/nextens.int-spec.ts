import { PermanentPushError } from '../../errors/permanent-push-error';
import { NEXTENS_SANDBOX_API_KEY, startNextensSandbox, type NextensSandbox } from '../../sandboxes/nextens/nextens.sandbox';
import { ended, referenceDGA1, referenceH, referencePH1, referenceW2 } from '../../testing/reference-clients';
import { itClassifiesCommonFaults, itKeepsBatchFaultsWithTheirPush } from '../../testing/common-fault-cases';
import { failureOf } from '../../testing/failure-of';
import { injectFault, resetSandbox } from '../../testing/sandbox-admin';
import { NextensConnector } from './nextens.connector';

describe('Nextens connector against the Nextens sandbox', () => {
  let sandbox: NextensSandbox;
  let connector: NextensConnector;

  beforeAll(async () => {
    sandbox = await startNextensSandbox();
    connector = new NextensConnector({ baseUrl: sandbox.url, apiKey: NEXTENS_SANDBOX_API_KEY, timeoutMs: 1000 });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => resetSandbox(sandbox.url));

  it('creates a company relation keyed by RSIN and sequence 1', async () => {
    const result = await connector.push(referenceH(), {});

    expect(sandbox.records()).toEqual([
      expect.objectContaining({ relationId: result.externalId, key: '792376092-1', kind: 'company', clientNumber: '20010', status: 'active' }),
    ]);
    expect(result.action).toBe('created');
  });

  it('uses the fiscal sequence when there is one', async () => {
    const h = referenceH();
    await connector.push({ ...h, company: { ...h.company!, fiscalSequence: 2 } }, {});
    expect(sandbox.records()[0]?.key).toBe('792376092-2');
  });

  it('creates a person keyed by BSN, with the BSN never in a URL', async () => {
    const result = await connector.push(referenceDGA1(), {});

    expect(sandbox.records()).toEqual([
      expect.objectContaining({ relationId: result.externalId, key: '628194821', kind: 'person', person: expect.objectContaining({ dateOfBirth: '1968-04-12' }) }),
    ]);
    const log = JSON.stringify(await (await fetch(`${sandbox.url}/__sandbox/requests`)).json());
    expect(log).not.toMatch(/628194821|1968-04-12/);
    expect(sandbox.requests().map((request) => request.path)).toEqual(['/api/relations/upsert']);
  });

  it('is idempotent: the same push again is unchanged', async () => {
    const first = await connector.push(referenceH(), {});

    const second = await connector.push(referenceH(), { externalId: first.externalId });

    expect(second).toEqual({ externalId: first.externalId, externalKey: '792376092-1', action: 'unchanged' });
    expect(sandbox.records()).toHaveLength(1);
  });

  it('finds the relation by key after the hub lost the external id', async () => {
    const first = await connector.push(referenceDGA1(), {});

    const again = await connector.push(referenceDGA1(), {});

    // (a person's key, the BSN, is not handed back for the hub's record)
    expect(again).toEqual({ externalId: first.externalId, action: 'unchanged' });
    expect(sandbox.records()).toHaveLength(1);
  });

  it('updates the relation when the client changes', async () => {
    const first = await connector.push(referenceH(), {});

    const result = await connector.push({ ...referenceH(), email: 'administratie@vbholding.nl' }, { externalId: first.externalId });

    expect(result.action).toBe('updated');
    expect(sandbox.records()[0]?.email).toBe('administratie@vbholding.nl');
  });

  it('follows a key change when the hub knows the relation id', async () => {
    const h = referenceH();
    const first = await connector.push(h, {});

    await connector.push({ ...h, company: { ...h.company!, fiscalSequence: 2 } }, { externalId: first.externalId });

    expect(sandbox.records()).toEqual([expect.objectContaining({ relationId: first.externalId, key: '792376092-2' })]);
  });

  it('given a relation made by a push whose answer was lost, when the key changes, then the same relation takes the new key', async () => {
    // Given H made in Nextens under 792376092-1, the hub never having had the answer
    const h = referenceH();
    const lost = await connector.push(h, {});

    // When its fiscal sequence becomes 2, the hub holding 792376092-1 as unconfirmed and no relation id
    const result = await connector.push({ ...h, company: { ...h.company!, fiscalSequence: 2 } }, { unconfirmedKeys: ['792376092-1'] });

    // Then Nextens still holds one relation, now under the new key
    expect(sandbox.records()).toEqual([expect.objectContaining({ relationId: lost.externalId, key: '792376092-2' })]);
    expect(result).toEqual({ externalId: lost.externalId, externalKey: '792376092-2', action: 'updated' });
  });

  it('given an unconfirmed key Nextens never got, when the company is pushed under another, then it is made under that one alone', async () => {
    const h = referenceH();

    const result = await connector.push({ ...h, company: { ...h.company!, fiscalSequence: 2 } }, { unconfirmedKeys: ['792376092-1'] });

    expect(result.action).toBe('created');
    expect(sandbox.records()).toEqual([expect.objectContaining({ relationId: result.externalId, key: '792376092-2' })]);
    expect(sandbox.requests().map((request) => [request.path, request.status])).toEqual([
      ['/api/relations/find', 404],
      ['/api/relations/upsert', 201],
    ]);
  });

  it('given an unconfirmed key another client is filed under, when the company is pushed under its own, then that relation is left as it is', async () => {
    // Given W2 in Nextens under 598523534-1
    const w2 = await connector.push(referenceW2(), {});
    const h = referenceH();

    // When H is pushed, the hub holding 598523534-1 unconfirmed for H (a mistyped RSIN, say)
    const result = await connector.push(h, { unconfirmedKeys: ['598523534-1'] });

    // Then W2's relation keeps its key and H gets one of its own
    expect(result.action).toBe('created');
    const byKey = Object.fromEntries(sandbox.records().map((relation) => [relation.key, relation.relationId]));
    expect(byKey).toEqual({ '598523534-1': w2.externalId, '792376092-1': result.externalId });
  });

  it("records a company's key before a push, never a person's BSN", () => {
    expect(connector.keyOf(referenceH())).toBe('792376092-1');
    expect(connector.keyOf(referenceDGA1())).toBeUndefined();
  });

  it('Geen klant meer is still pushed, marked ended with the end date', async () => {
    const first = await connector.push(referenceW2(), {});

    const result = await connector.push(ended(referenceW2(), '2025-06-30'), { externalId: first.externalId });

    expect(result).toEqual({ externalId: first.externalId, externalKey: '598523534-1', action: 'ended' });
    expect(sandbox.records()).toEqual([expect.objectContaining({ status: 'ended', endDate: '2025-06-30' })]);
  });

  it('holds all four reference clients apart', async () => {
    for (const client of [referenceDGA1(), referenceH(), referencePH1(), referenceW2()]) await connector.push(client, {});
    expect(sandbox.records().map((relation) => relation.key).sort()).toEqual(['598523534-1', '628194821', '792376092-1', '995822542-1']);
  });

  describe('pushes side by side', () => {
    const operations = (): string[] => sandbox.requests().map((request) => request.operation);

    it('given four pushes made side by side, when they land, then they go as one batch and each gets its own result', async () => {
      // Given
      const clients = [referenceH(), referencePH1(), referenceW2(), referenceDGA1()];

      // When
      const results = await Promise.all(clients.map((client) => connector.push(client, {})));

      // Then: one batch, each request logged with its ordinary operation
      expect(operations().sort()).toEqual(['POST /api/relations/upsert', 'POST /api/relations/upsert', 'POST /api/relations/upsert', 'POST /api/relations/upsert', 'POST batch']);
      expect(sandbox.requests().filter((request) => request.operation === 'POST batch')).toEqual([expect.objectContaining({ path: '/api/batch', status: 200 })]);
      // And each push has its own relation, held exactly once
      expect(results.map((result) => result.action)).toEqual(['created', 'created', 'created', 'created']);
      const records = sandbox.records();
      expect(records.map((relation) => relation.key).sort()).toEqual(['598523534-1', '628194821', '792376092-1', '995822542-1']);
      expect(new Set(results.map((result) => result.externalId)).size).toBe(4);
      for (const [i, client] of clients.entries()) {
        expect(records.find((relation) => relation.relationId === results[i]!.externalId)?.clientNumber).toBe(client.clientNumber);
      }
      // And the log, batch and all, holds no BSN or date of birth
      expect(JSON.stringify(await (await fetch(`${sandbox.url}/__sandbox/requests`)).json())).not.toMatch(/628194821|1968-04-12/);
    });

    it('given pushes side by side of clients already there, when pushed again together, then each is unchanged and nothing doubles', async () => {
      // Given
      const first = await Promise.all([referenceH(), referencePH1()].map((client) => connector.push(client, {})));

      // When
      const again = await Promise.all([
        connector.push(referenceH(), { externalId: first[0]!.externalId }),
        connector.push(referencePH1(), {}),
      ]);

      // Then
      expect(again).toEqual([
        { externalId: first[0]!.externalId, externalKey: '792376092-1', action: 'unchanged' },
        { externalId: first[1]!.externalId, externalKey: '995822542-1', action: 'unchanged' },
      ]);
      expect(sandbox.records()).toHaveLength(2);
      expect(operations().filter((operation) => operation === 'POST batch')).toHaveLength(2);
    });

    itKeepsBatchFaultsWithTheirPush({
      sandboxUrl: () => sandbox.url,
      connector: () => connector,
      refusal: 'Relatie is gearchiveerd.',
      clients: () => [referenceH(), referencePH1(), referenceW2()],
      held: () => sandbox.records().length,
      requests: () => sandbox.requests(),
      batches: 1,
    });

    it('given a wrong API key, when pushes go together, then each is refused as permanent and nothing is stored', async () => {
      // Given
      const stranger = new NextensConnector({ baseUrl: sandbox.url, apiKey: 'wrong', timeoutMs: 1000 });

      // When
      const settled = await Promise.allSettled([referenceH(), referencePH1()].map((client) => stranger.push(client, {})));

      // Then
      expect(settled.map((one) => one.status === 'rejected' && one.reason instanceof PermanentPushError)).toEqual([true, true]);
      expect(sandbox.records()).toEqual([]);
      expect(operations()).toContain('POST batch');
    });
  });

  describe('key rules', () => {
    it('a person without BSN is refused before calling Nextens', async () => {
      const dga1 = referenceDGA1();
      const error = await failureOf(connector.push({ ...dga1, person: { ...dga1.person!, bsn: undefined } }, {}));
      expect(error).toBeInstanceOf(PermanentPushError);
      expect(sandbox.requests()).toHaveLength(0);
    });

    it('a BSN failing the elfproef is refused without quoting it', async () => {
      const dga1 = referenceDGA1();
      const error = await failureOf(connector.push({ ...dga1, person: { ...dga1.person!, bsn: '123456789' } }, {}));
      expect(error).toBeInstanceOf(PermanentPushError);
      expect((error as PermanentPushError).message).not.toContain('123456789');
    });

    it('the sandbox refuses a malformed key with its own 422', async () => {
      const response = await fetch(`${sandbox.url}/api/relations/upsert`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Api-Key': NEXTENS_SANDBOX_API_KEY },
        body: JSON.stringify({ key: '792376092', kind: 'company' }),
      });
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({ error: { code: 'validation', field: 'key', message: 'A company key must be <RSIN>-<sequence> with a valid RSIN.' } });
    });

    it.each([
      ['endDate', { status: 'ended', endDate: '2026-12-01T23:30:00.000Z' }],
      ['person.dateOfBirth', { person: { surname: 'Vries', dateOfBirth: '1968-02-30' } }],
    ])('the sandbox refuses a %s that is not a day as YYYY-MM-DD with its own 422', async (field, fields) => {
      const relation = {
        key: '628194821',
        kind: 'person',
        clientNumber: 'P1',
        name: 'J.P. de Vries',
        status: 'active',
        person: { surname: 'Vries' },
        address: { postcode: '3581 AB', city: 'Utrecht' },
        ...fields,
      };
      const response = await fetch(`${sandbox.url}/api/relations/upsert`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Api-Key': NEXTENS_SANDBOX_API_KEY },
        body: JSON.stringify(relation),
      });
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: unknown }).error).toMatchObject({ code: 'validation', field });
    });
  });

  describe('faults', () => {
    itClassifiesCommonFaults({ sandboxUrl: () => sandbox.url, connector: () => connector, refusal: 'Relatie is gearchiveerd.' });

    it('a Nextens message quoting the BSN or date of birth comes back redacted', async () => {
      await injectFault(sandbox.url, { kind: 'permanent', message: 'BSN 628194821 (geboren 1968-04-12) hoort bij een andere relatie.' });
      const error = await failureOf(connector.push(referenceDGA1(), {}));
      expect(error).toBeInstanceOf(PermanentPushError);
      expect((error as PermanentPushError).packageMessage).toBe('BSN [redacted] (geboren [redacted]) hoort bij een andere relatie.');
      expect((error as PermanentPushError).message).not.toMatch(/628194821|1968-04-12/);
    });

    it('a wrong API key is permanent', async () => {
      const stranger = new NextensConnector({ baseUrl: sandbox.url, apiKey: 'wrong', timeoutMs: 1000 });
      await expect(stranger.push(referenceH(), {})).rejects.toBeInstanceOf(PermanentPushError);
    });
  });
});
