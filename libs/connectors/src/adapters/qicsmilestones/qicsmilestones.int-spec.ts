import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PermanentPushError } from '../../errors/permanent-push-error';
import { TransientPushError } from '../../errors/transient-push-error';
import {
  QICS_SANDBOX_CLIENT,
  startQicsMilestonesSandbox,
  type QicsMilestonesSandbox,
} from '../../sandboxes/qicsmilestones/qicsmilestones.sandbox';
import { ended, referenceClients, referenceDGA1, referenceH, referencePH1, referenceW2 } from '../../testing/reference-clients';
import { itClassifiesCommonFaults, itKeepsBatchFaultsWithTheirPush } from '../../testing/common-fault-cases';
import { failureOf } from '../../testing/failure-of';
import { injectFault, resetSandbox, sandboxAdmin } from '../../testing/sandbox-admin';
import { QicsMilestonesConnector } from './qicsmilestones.connector';

describe('QicsMilestones connector against the QicsMilestones sandbox', () => {
  let sandbox: QicsMilestonesSandbox;
  let connector: QicsMilestonesConnector;

  beforeAll(async () => {
    sandbox = await startQicsMilestonesSandbox();
    connector = new QicsMilestonesConnector({ baseUrl: sandbox.url, ...QICS_SANDBOX_CLIENT, timeoutMs: 1000 });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => resetSandbox(sandbox.url));

  const operations = (): string[] => sandbox.requests().map((request) => request.operation);

  it('creates one CustomerCompany keyed by client number', async () => {
    const result = await connector.push(referenceH(), {});

    expect(sandbox.records()).toEqual([
      {
        CustomerCompanyId: Number(result.externalId),
        CustomerCode: '20010',
        Name: 'De Vries & Van den Berg Holding B.V.',
        IsActive: true,
        DebtorNumber: '20010',
        InvoiceToCustomerCompanyId: null,
      },
    ]);
    expect(result.action).toBe('created');
  });

  it('is idempotent: the same push again is unchanged and writes nothing', async () => {
    const first = await connector.push(referenceH(), {});

    const second = await connector.push(referenceH(), { externalId: first.externalId });

    expect(second).toEqual({ externalId: first.externalId, action: 'unchanged' });
    expect(sandbox.records()).toHaveLength(1);
    expect(operations().filter((operation) => operation.startsWith('POST CustomerCompany'))).toHaveLength(1);
    expect(operations()).not.toContain('PATCH CustomerCompany(id)');
  });

  it('finds the record by CustomerCode after the hub lost the external id', async () => {
    const first = await connector.push(referenceH(), {});

    const again = await connector.push({ ...referenceH(), debtorNumber: '20099' }, {});

    expect(again).toEqual({ externalId: first.externalId, action: 'updated' });
    expect(sandbox.records()).toEqual([expect.objectContaining({ CustomerCode: '20010', DebtorNumber: '20099' })]);
  });

  it('updates only what changed', async () => {
    const first = await connector.push(referenceH(), {});

    const result = await connector.push({ ...referenceH(), name: 'VB Holding B.V.' }, { externalId: first.externalId });

    expect(result.action).toBe('updated');
    expect(sandbox.records()[0]).toMatchObject({ Name: 'VB Holding B.V.', IsActive: true });
  });

  describe('a renumbered client', () => {
    const renumbered = () => ({ ...referenceH(), clientNumber: '20110', formerClientNumbers: ['20010'] });

    it('given H filed under 20010, when pushed as 20110, then the same CustomerCompany gets the new CustomerCode', async () => {
      const first = await connector.push(referenceH(), {});

      const result = await connector.push(renumbered(), { externalId: first.externalId });

      expect(result).toEqual({ externalId: first.externalId, action: 'updated' });
      expect(sandbox.records().map((r) => [r.CustomerCompanyId, r.CustomerCode])).toEqual([[Number(first.externalId), '20110']]);
    });

    it('given the external id lost, when pushed as 20110, then it is found under its former number and not made twice', async () => {
      const first = await connector.push(referenceH(), {});

      await connector.push(renumbered(), {});
      const again = await connector.push(renumbered(), {});

      expect(again).toEqual({ externalId: first.externalId, action: 'unchanged' });
      expect(sandbox.records().map((r) => r.CustomerCode)).toEqual(['20110']);
    });

    it('given the renumbering landed, when a push built before it runs late, then it waits (transient) instead of making a second company', async () => {
      const first = await connector.push(referenceH(), {});
      await connector.push(renumbered(), { externalId: first.externalId });

      const error = await failureOf(connector.push(referenceH(), { externalId: first.externalId }));

      expect(error).toBeInstanceOf(TransientPushError);
      expect((error as TransientPushError).packageMessage).toContain('under number 20110, which this push does not know');
      expect(sandbox.records().map((r) => r.CustomerCode)).toEqual(['20110']);
    });

    it('given another company already filed under the new number, then the package refuses the change and nothing moves', async () => {
      await connector.push(referenceH(), {});
      await connector.push({ ...referenceW2(), clientNumber: '20110', invoiceTo: undefined }, {});

      const error = await failureOf(connector.push(renumbered(), {}));

      // Refused for good: the failed list shows it, for an operator to sort out in the package
      expect(error).toBeInstanceOf(PermanentPushError);
      expect((error as PermanentPushError).httpStatus).toBe(409);
      expect(sandbox.records().map((r) => r.CustomerCode).sort()).toEqual(['20010', '20110']);
    });
  });

  it('sets IsActive false when the client is no longer a client', async () => {
    const first = await connector.push(referenceH(), {});

    const result = await connector.push(ended(referenceH()), { externalId: first.externalId });

    expect(result).toEqual({ externalId: first.externalId, action: 'ended' });
    expect(sandbox.records()).toEqual([expect.objectContaining({ CustomerCode: '20010', IsActive: false })]);
  });

  it('given an ended client, when it is pushed as a client again (its package switched back on), then the same record is active', async () => {
    const first = await connector.push(referenceH(), {});
    await connector.push(ended(referenceH()), { externalId: first.externalId });

    const result = await connector.push(referenceH(), { externalId: first.externalId });

    expect(result).toEqual({ externalId: first.externalId, action: 'updated' });
    expect(sandbox.records()).toEqual([expect.objectContaining({ CustomerCode: '20010', IsActive: true })]);
  });

  describe('the 50-character name', () => {
    const longName = 'De Vries & Van den Berg Holding en Beleggingsmaatschappij Utrecht B.V.';

    it('sends the name cut to 50 characters, as the package keeps it', async () => {
      await connector.push({ ...referenceH(), name: longName }, {});

      expect(sandbox.records()[0]?.Name).toBe(longName.slice(0, 50).trimEnd());
      expect(Array.from(sandbox.records()[0]?.Name ?? '').length).toBeLessThanOrEqual(50);
    });

    it('a re-push of the long name is unchanged, not an endless update', async () => {
      const first = await connector.push({ ...referenceH(), name: longName }, {});
      const second = await connector.push({ ...referenceH(), name: longName }, { externalId: first.externalId });
      expect(second.action).toBe('unchanged');
    });
  });

  describe('invoice-to', () => {
    it('links W2 to H found by its client number', async () => {
      const h = await connector.push(referenceH(), {});

      await connector.push(referenceW2(), {});

      const w2 = sandbox.records().find((record) => record.CustomerCode === '20022');
      expect(w2?.InvoiceToCustomerCompanyId).toBe(Number(h.externalId));
    });

    it('uses the invoice-to external id when the hub knows it, without a lookup', async () => {
      const ph1 = await connector.push(referencePH1(), {});
      const dga1 = referenceDGA1();
      const lookupsBefore = operations().filter((operation) => operation === 'GET CustomerCompany').length;

      await connector.push({ ...dga1, invoiceTo: { ...dga1.invoiceTo!, externalId: ph1.externalId } }, {});

      // one lookup for DGA1 itself, none for PH1
      expect(operations().filter((operation) => operation === 'GET CustomerCompany').length - lookupsBefore).toBe(1);
      expect(sandbox.records().find((record) => record.CustomerCode === '20001')?.InvoiceToCustomerCompanyId).toBe(Number(ph1.externalId));
    });

    it('a missing target is transient, and the retry after the target landed succeeds', async () => {
      // given H is not in QicsMilestones yet
      const error = await failureOf(connector.push(referenceW2(), {}));
      expect(error).toBeInstanceOf(TransientPushError);
      expect(sandbox.records()).toHaveLength(0);

      // when H lands and W2 is retried
      await connector.push(referenceH(), {});
      const retried = await connector.push(referenceW2(), {});

      // then W2 is created with H as invoice-to
      expect(retried.action).toBe('created');
      expect(sandbox.records()).toHaveLength(2);
    });

    it("a stale invoice-to id refused by the package is transient, with the package's message", async () => {
      const w2 = referenceW2();
      const error = await failureOf(connector.push({ ...w2, invoiceTo: { ...w2.invoiceTo!, externalId: '999' } }, {}));

      expect(error).toBeInstanceOf(TransientPushError);
      expect((error as TransientPushError).packageMessage).toBe(
        'InvoiceToCustomerCompanyId 999 does not reference an existing CustomerCompany.',
      );
    });

    describe('given the target re-created in QicsMilestones under a new id', () => {
      /** W2 as the hub pushes it: invoiced to H under the hub's recorded id of H. */
      const w2InvoicedTo = (hId: string) => {
        const w2 = referenceW2();
        return { ...w2, invoiceTo: { ...w2.invoiceTo!, externalId: hId } };
      };
      const patchStatuses = (): number[] => sandbox.requests().filter((request) => request.operation === 'PATCH CustomerCompany(id)').map((request) => request.status);

      it('when the dependant is pushed again with the old recorded id, then its push lands and its invoicing names the new id', async () => {
        // Given H and W2 (invoiced to H) pushed
        const h = await connector.push(referenceH(), {});
        const w2 = await connector.push(w2InvoicedTo(h.externalId), {});
        expect(sandbox.records().find((record) => record.CustomerCode === '20022')?.InvoiceToCustomerCompanyId).toBe(Number(h.externalId));

        // When H is deleted and entered again under 20010, and W2 is pushed with H's old id
        const recreated = sandbox.recreateCompany('20010');
        expect(recreated.CustomerCompanyId).not.toBe(Number(h.externalId));
        expect(sandbox.records().find((record) => record.CustomerCode === '20022')?.InvoiceToCustomerCompanyId).toBeNull(); // the agreement went with H
        const result = await connector.push(w2InvoicedTo(h.externalId), { externalId: w2.externalId });

        // Then it lands in this attempt: the old id refused, H found by its code, its new id written
        expect(result).toEqual({ externalId: w2.externalId, action: 'updated' });
        expect(sandbox.records().find((record) => record.CustomerCode === '20022')?.InvoiceToCustomerCompanyId).toBe(recreated.CustomerCompanyId);
        expect(patchStatuses()).toEqual([400, 204]);

        // And pushed again (the hub still on the old id), it is unchanged: nothing more written
        const again = await connector.push(w2InvoicedTo(h.externalId), { externalId: w2.externalId });
        expect(again).toEqual({ externalId: w2.externalId, action: 'unchanged' });
        expect(patchStatuses()).toEqual([400, 204, 400]);
        expect(sandbox.records()).toHaveLength(2);
      });

      it('when a dependant is first pushed with the old recorded id, then it is created once, invoiced to the new id', async () => {
        const h = await connector.push(referenceH(), {});
        const recreated = sandbox.recreateCompany('20010');

        const result = await connector.push(w2InvoicedTo(h.externalId), {});

        expect(result.action).toBe('created');
        expect(sandbox.records().filter((record) => record.CustomerCode === '20022')).toEqual([
          expect.objectContaining({ CustomerCompanyId: Number(result.externalId), InvoiceToCustomerCompanyId: recreated.CustomerCompanyId }),
        ]);
        expect(sandbox.requests().filter((request) => request.operation === 'POST CustomerCompany').map((request) => request.status)).toEqual([201, 400, 201]);
      });
    });

    it('a stale invoice-to id on an update, with no target under its code either, stays transient with the package message', async () => {
      // Given W2 there without an agreement, and H nowhere in QicsMilestones
      const w2 = referenceW2();
      const first = await connector.push({ ...w2, invoiceTo: undefined }, {});

      const error = await failureOf(connector.push({ ...w2, invoiceTo: { ...w2.invoiceTo!, externalId: '999' } }, { externalId: first.externalId }));

      // Then H was looked for by its code, not found, and the push waits for H's own push
      expect(error).toBeInstanceOf(TransientPushError);
      expect((error as TransientPushError).packageMessage).toBe('InvoiceToCustomerCompanyId 999 does not reference an existing CustomerCompany.');
      expect(operations().slice(-2)).toEqual(['PATCH CustomerCompany(id)', 'GET CustomerCompany']);
      expect(sandbox.records()).toEqual([expect.objectContaining({ CustomerCode: '20022', InvoiceToCustomerCompanyId: null })]);
    });

    it('ending a client does not wait for its invoice-to', async () => {
      await connector.push(referenceH(), {});
      await connector.push(referenceW2(), {});
      await resetSandbox(sandbox.url);

      const result = await connector.push(ended(referenceW2()), {});

      expect(result.action).toBe('ended');
    });
  });

  it('the reference scenario lands with the invoice-to links of the fixture', async () => {
    // given the hub pushes the four reference clients in acceptance order, without external ids
    for (const client of referenceClients()) await connector.push(client, {});

    // then DGA1 is invoiced to PH1 and W2 to H
    const records = sandbox.records();
    const idOf = (code: string): number | undefined => records.find((record) => record.CustomerCode === code)?.CustomerCompanyId;
    const invoiceTo = Object.fromEntries(
      records.filter((record) => record.InvoiceToCustomerCompanyId !== null).map((record) => [record.CustomerCode, record.InvoiceToCustomerCompanyId]),
    );
    expect(invoiceTo).toEqual({ '20001': idOf('20011'), '20022': idOf('20010') });
    expect(records).toHaveLength(4);
  });

  describe('pushes side by side', () => {
    /** W2 and DGA1 without their invoice-to, so that no push waits on another pushed at the same time. */
    const standalone = () => [referenceH(), referencePH1(), { ...referenceW2(), invoiceTo: undefined }, { ...referenceDGA1(), invoiceTo: undefined }];
    const count = (operation: string): number => operations().filter((one) => one === operation).length;

    it('given four first pushes side by side, when they land, then reads and writes go in $batch requests and each company is created once', async () => {
      // Given
      const clients = standalone();

      // When
      const results = await Promise.all(clients.map((client) => connector.push(client, {})));

      // Then: one $batch of look-ups, one of creates, each sub-request logged as if it had come alone
      expect(count('POST batch')).toBe(2);
      expect(count('GET CustomerCompany')).toBe(4);
      expect(count('POST CustomerCompany')).toBe(4);
      expect(sandbox.requests().filter((request) => request.operation === 'POST batch')).toEqual([
        expect.objectContaining({ path: '/odata/$batch', status: 202 }),
        expect.objectContaining({ path: '/odata/$batch', status: 202 }),
      ]);
      // And each push has its own company, created exactly once
      expect(results.map((result) => result.action)).toEqual(['created', 'created', 'created', 'created']);
      const records = sandbox.records();
      expect(records.map((record) => record.CustomerCode).sort()).toEqual(['20001', '20010', '20011', '20022']);
      for (const [i, client] of clients.entries()) {
        expect(records.find((record) => record.CustomerCompanyId === Number(results[i]!.externalId))?.CustomerCode).toBe(client.clientNumber);
      }
    });

    it('given companies already there, when pushed again side by side with changes, then the PATCHes go in a $batch and only what changed is written', async () => {
      // Given
      const first = await Promise.all([referenceH(), referencePH1()].map((client) => connector.push(client, {})));
      const before = sandbox.requests().length;

      // When
      const again = await Promise.all([
        connector.push({ ...referenceH(), name: 'VB Holding B.V.' }, { externalId: first[0]!.externalId }),
        connector.push(referencePH1(), { externalId: first[1]!.externalId }),
        connector.push(ended({ ...referenceW2(), invoiceTo: undefined }), {}),
      ]);

      // Then
      expect(again).toEqual([
        { externalId: first[0]!.externalId, action: 'updated' },
        { externalId: first[1]!.externalId, action: 'unchanged' },
        { externalId: expect.any(String), action: 'ended' },
      ]);
      expect(sandbox.requests().slice(before).map((request) => request.operation).sort()).toEqual([
        'GET CustomerCompany',
        'GET CustomerCompany(id)',
        'GET CustomerCompany(id)',
        'PATCH CustomerCompany(id)',
        'POST CustomerCompany',
        'POST batch',
        'POST batch',
      ]);
      expect(sandbox.records()).toHaveLength(3);
      expect(sandbox.records().find((record) => record.CustomerCode === '20010')?.Name).toBe('VB Holding B.V.');
    });

    it('given a write the package refuses inside a batch, then only that push fails and the others are created', async () => {
      // Given: W2 with an invoice-to id QicsMilestones does not know, and its target H nowhere there
      // (H in the same batch would be found by its code, and W2 would land)
      const w2 = referenceW2();
      const stale = { ...w2, invoiceTo: { ...w2.invoiceTo!, externalId: '999' } };

      // When
      const settled = await Promise.allSettled([{ ...referenceDGA1(), invoiceTo: undefined }, stale, referencePH1()].map((client) => connector.push(client, {})));

      // Then
      expect(settled.map((one) => one.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const error = (settled[1] as PromiseRejectedResult).reason as TransientPushError;
      expect(error).toBeInstanceOf(TransientPushError);
      expect(error.packageMessage).toBe('InvoiceToCustomerCompanyId 999 does not reference an existing CustomerCompany.');
      expect(sandbox.records().map((record) => record.CustomerCode).sort()).toEqual(['20001', '20011']);
      expect(count('POST batch')).toBe(2);
      expect(sandbox.requests().filter((request) => request.operation === 'POST CustomerCompany').map((request) => request.status).sort()).toEqual([201, 201, 400]);
    });

    itKeepsBatchFaultsWithTheirPush({
      sandboxUrl: () => sandbox.url,
      connector: () => connector,
      refusal: 'DebtorNumber is not valid for this administration.',
      clients: () => standalone().slice(0, 3),
      held: () => sandbox.records().length,
      requests: () => sandbox.requests(),
      batches: 2,
    });

    it('given every token expired, when pushes go together, then the $batch gets a 401, the connector renews the token once and the pushes land', async () => {
      // Given
      await connector.push(referenceH(), {});
      const issued = sandbox.tokensIssued();
      sandbox.expireTokens();
      const before = sandbox.requests().length;

      // When
      const results = await Promise.all([referencePH1(), { ...referenceW2(), invoiceTo: undefined }].map((client) => connector.push(client, {})));

      // Then
      expect(results.map((result) => result.action)).toEqual(['created', 'created']);
      expect(sandbox.tokensIssued()).toBe(issued + 1);
      const batches = sandbox.requests().slice(before).filter((request) => request.operation === 'POST batch');
      expect(batches.map((request) => request.status)).toEqual([401, 202, 202]);
      expect(sandbox.records()).toHaveLength(3);
    });
  });

  describe('token', () => {
    it('renews the token after a 401 once and the push succeeds', async () => {
      await connector.push(referenceH(), {});
      const issued = sandbox.tokensIssued();

      // when the package forgets every token
      await sandboxAdmin(sandbox.url, 'expire-tokens');
      const result = await connector.push(referenceW2(), {});

      // then the connector got a 401, took a new token and carried on
      expect(result.action).toBe('created');
      expect(sandbox.tokensIssued()).toBe(issued + 1);
      expect(sandbox.requests().some((request) => request.status === 401)).toBe(true);
    });

    it('renews a token before it expires by itself', async () => {
      const shortLived = await startQicsMilestonesSandbox({ tokenLifetimeSeconds: 1 });
      try {
        const own = new QicsMilestonesConnector({ baseUrl: shortLived.url, ...QICS_SANDBOX_CLIENT, timeoutMs: 1000 });
        await own.push(referenceH(), {});
        await new Promise((resolve) => setTimeout(resolve, 600));

        await own.push(referenceW2(), {});

        expect(shortLived.tokensIssued()).toBe(2);
        expect(shortLived.requests().some((request) => request.status === 401)).toBe(false);
      } finally {
        await shortLived.close();
      }
    });

    it('wrong credentials are permanent', async () => {
      const stranger = new QicsMilestonesConnector({ baseUrl: sandbox.url, clientId: 'x', clientSecret: 'y', timeoutMs: 1000 });
      const error = await failureOf(stranger.push(referenceH(), {}));
      expect(error).toBeInstanceOf(PermanentPushError);
      expect((error as PermanentPushError).packageMessage).toMatch(/invalid_client/);
    });
  });

  describe('faults', () => {
    itClassifiesCommonFaults({ sandboxUrl: () => sandbox.url, connector: () => connector, refusal: 'DebtorNumber is not valid for this administration.' });

    it('faults do not leave a second record behind', async () => {
      await injectFault(sandbox.url, { kind: 'status', status: 502, count: 2 });
      await expect(connector.push(referenceH(), {})).rejects.toBeInstanceOf(TransientPushError);
      await expect(connector.push(referenceH(), {})).rejects.toBeInstanceOf(TransientPushError);
      await connector.push(referenceH(), {});
      await connector.push(referenceH(), {});
      expect(sandbox.records()).toHaveLength(1);
    });
  });

  describe('behind a proxy that refuses $batch requests as too large', () => {
    let proxy: Server;
    let behindProxy: QicsMilestonesConnector;

    beforeAll(async () => {
      // Answers 413 to every $batch, passes every other request on to the sandbox
      const target = new URL(sandbox.url);
      proxy = createServer((incoming, outgoing) => {
        if (incoming.url?.startsWith('/odata/$batch')) {
          incoming.resume();
          outgoing.writeHead(413, { 'Content-Type': 'text/html' }).end('<html><body>413 Request Entity Too Large</body></html>');
          return;
        }
        const passed = forward({ host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        });
        incoming.pipe(passed);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      behindProxy = new QicsMilestonesConnector({ baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, ...QICS_SANDBOX_CLIENT, timeoutMs: 1000 });
    });
    afterAll(async () => {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    });

    it('given pushes side by side, when their $batch is refused for itself, then each goes alone and lands', async () => {
      const results = await Promise.all([referenceH(), referencePH1()].map((client) => behindProxy.push(client, {})));

      expect(results.map((result) => result.action)).toEqual(['created', 'created']);
      expect(sandbox.records().map((record) => record.CustomerCode).sort()).toEqual(['20010', referencePH1().clientNumber].sort());
      expect(operations()).not.toContain('POST batch');
    });
  });
});
