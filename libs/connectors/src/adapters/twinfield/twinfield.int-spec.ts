import type { ClientPush } from '../../model/client-push';
import { PermanentPushError } from '../../errors/permanent-push-error';
import { RateLimitedPushError } from '../../errors/rate-limited-push-error';
import { TransientPushError } from '../../errors/transient-push-error';
import {
  startTwinfieldSandbox,
  TWINFIELD_SANDBOX_OAUTH,
  TWINFIELD_SANDBOX_TOKEN,
  TWINFIELD_SANDBOX_TOKEN_PATH,
  type TwinfieldSandbox,
} from '../../sandboxes/twinfield/twinfield.sandbox';
import { ended, referenceDGA1, referenceH, referencePH1, referenceW2 } from '../../testing/reference-clients';
import { failureOf } from '../../testing/failure-of';
import { injectFault, resetSandbox, sandboxRecords } from '../../testing/sandbox-admin';
import { TwinfieldConnector } from './twinfield.connector';
import { buildDimensionsXml } from './twinfield-dimension';
import { readDimensionAnswers } from './twinfield-response';
import { buildProcessXmlEnvelope, extractProcessXmlResult, PROCESS_XML_SOAP_ACTION } from './twinfield-soap';

describe('Twinfield connector against the Twinfield sandbox', () => {
  let sandbox: TwinfieldSandbox;
  let connector: TwinfieldConnector;

  beforeAll(async () => {
    sandbox = await startTwinfieldSandbox();
    connector = new TwinfieldConnector({ baseUrl: sandbox.url, office: 'NLA001', accessToken: TWINFIELD_SANDBOX_TOKEN, timeoutMs: 1000 });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => resetSandbox(sandbox.url));

  it('creates one customer keyed by office and debtor number', async () => {
    // given nothing in Twinfield
    // when H is pushed
    const result = await connector.push(referenceH(), {});

    // then one DEB dimension with code 20010, active, and its uid as external id
    const records = sandbox.records();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ office: 'NLA001', code: '20010', name: 'De Vries & Van den Berg Holding B.V.', status: 'active' });
    expect(records[0]?.address).toMatchObject({ field2: 'Stationsplein 1', postcode: '3511 ED', field4: 'NL792376092B01', field5: '61234567' });
    expect(result).toEqual({ externalId: records[0]?.uid, externalKey: '20010', action: 'created' });
  });

  it('given a request sent as CDATA rather than escaped, when it arrives, then Twinfield reads it the same', async () => {
    // Given the customers XML the connector writes, wrapped in CDATA inside the SOAP call
    const request = buildDimensionsXml([{ client: referenceH(), code: '20010' }], 'NLA001');
    const envelope = buildProcessXmlEnvelope(TWINFIELD_SANDBOX_TOKEN, 'NLA001', 'PLACEHOLDER').replace(
      '<xmlRequest>PLACEHOLDER</xmlRequest>',
      `<xmlRequest><![CDATA[${request}]]></xmlRequest>`,
    );

    // When it is posted
    const answer = await fetch(`${sandbox.url}/webservices/processxml.asmx`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${PROCESS_XML_SOAP_ACTION}"` },
      body: envelope,
    });

    // Then the customer is stored and answered as accepted
    expect(answer.status).toBe(200);
    expect(readDimensionAnswers(extractProcessXmlResult(await answer.text()), 1)).toEqual([
      expect.objectContaining({ ok: true, code: '20010', touched: 1 }),
    ]);
    expect(sandbox.records()).toEqual([expect.objectContaining({ code: '20010', name: 'De Vries & Van den Berg Holding B.V.' })]);
  });

  it('is idempotent: the same push again updates the one record', async () => {
    const first = await connector.push(referenceH(), {});
    const second = await connector.push(referenceH(), { externalId: first.externalId });

    expect(second).toEqual({ externalId: first.externalId, externalKey: '20010', action: 'updated' });
    expect(await sandboxRecords<unknown[]>(sandbox.url)).toHaveLength(1);
  });

  it('finds the record by its code after the hub lost the external id', async () => {
    const first = await connector.push(referenceH(), {});
    const again = await connector.push(referenceH(), {});

    expect(again).toEqual({ externalId: first.externalId, externalKey: '20010', action: 'updated' });
    expect(sandbox.records()).toHaveLength(1);
  });

  it('updates the record when the client changes', async () => {
    const first = await connector.push(referenceH(), {});
    const moved = { ...referenceH(), name: 'VB Holding B.V.', address: { ...referenceH().address, houseNumber: '3' } };

    await connector.push(moved, { externalId: first.externalId });

    expect(sandbox.records()[0]).toMatchObject({ name: 'VB Holding B.V.', touched: 2 });
    expect(sandbox.records()[0]?.address['field2']).toBe('Stationsplein 3');
  });

  describe('updating a customer Twinfield holds (an element left out keeps its value there, one sent empty clears it)', () => {
    it('given a customer pushed with a VAT id, e-mail and KvK number, when it is pushed again without them, then Twinfield has them cleared', async () => {
      // Given H in Twinfield with a search name, e-mail, VAT id, KvK number and IBAN
      const full: ClientPush = { ...referenceH(), email: 'info@vbholding.nl' };
      const first = await connector.push(full, {});
      expect(sandbox.records()[0]).toMatchObject({
        shortname: 'VRIBERHOLD',
        iban: 'NL35TRIO5326502014',
        address: { email: 'info@vbholding.nl', field4: 'NL792376092B01', field5: '61234567' },
      });

      // When the hub no longer has them
      const bare: ClientPush = {
        ...full,
        searchName: undefined,
        email: undefined,
        company: { ...full.company!, vatId: undefined, kvkNumber: undefined, iban: undefined },
      };
      const result = await connector.push(bare, { externalId: first.externalId });

      // Then Twinfield holds none of them any more, and what the hub still has is as it was; the
      // bank line, which no empty one may replace, stays the bookkeeper's to remove there
      expect(result).toEqual({ externalId: first.externalId, externalKey: '20010', action: 'updated' });
      const [record] = sandbox.records();
      expect(record?.shortname).toBeUndefined();
      expect(record?.iban).toBe('NL35TRIO5326502014');
      expect(record?.address).toEqual({
        name: 'De Vries & Van den Berg Holding B.V.',
        country: 'NL',
        city: 'Utrecht',
        postcode: '3511 ED',
        field2: 'Stationsplein 1',
      });
      expect(record?.addresses).toHaveLength(1);
      expect(record?.banks).toHaveLength(1);
    });

    it('given a customer pushed twice with a changed street, then it still has exactly one address, with the new street', async () => {
      const first = await connector.push(referenceH(), {});

      await connector.push({ ...referenceH(), address: { ...referenceH().address, street: 'Lange Viestraat', houseNumber: '2' } }, { externalId: first.externalId });

      const [record] = sandbox.records();
      expect(record?.addresses).toEqual([expect.objectContaining({ id: '1', type: 'invoice', default: true })]);
      expect(record?.addresses[0]?.fields['field2']).toBe('Lange Viestraat 2');
      expect(record?.address['field2']).toBe('Lange Viestraat 2');
      expect(record?.banks).toEqual([expect.objectContaining({ id: '1', default: true, fields: expect.objectContaining({ iban: 'NL35TRIO5326502014' }) })]);
    });

    it('given the same client pushed again, then Twinfield holds the very same customer (only its write count moves)', async () => {
      const first = await connector.push(referenceDGA1(), {});
      const before = sandbox.records()[0];

      await connector.push(referenceDGA1(), { externalId: first.externalId });

      expect(sandbox.records()).toEqual([{ ...before, touched: 2 }]);
    });
  });

  it('hides the customer when the client is no longer a client', async () => {
    const first = await connector.push(referenceH(), {});

    const result = await connector.push(ended(referenceH()), { externalId: first.externalId });

    expect(result).toEqual({ externalId: first.externalId, externalKey: '20010', action: 'ended' });
    expect(sandbox.records()).toEqual([expect.objectContaining({ code: '20010', status: 'hide' })]);
  });

  it('moves the client to a new debtor number: a customer under the new code, the former one hidden', async () => {
    // given H in Twinfield under debtor number 20010
    const first = await connector.push(referenceH(), {});

    // when its debtor number becomes 20099 (Twinfield cannot change a code)
    const result = await connector.push({ ...referenceH(), debtorNumber: '20099' }, { externalId: first.externalId, externalKey: '20010' });

    // then 20099 is a new active customer, and 20010 stays for its history, hidden
    const byCode = Object.fromEntries(sandbox.records().map((record) => [record.code, record]));
    expect(Object.keys(byCode).sort()).toEqual(['20010', '20099']);
    expect(byCode['20099']).toMatchObject({ status: 'active', name: 'De Vries & Van den Berg Holding B.V.' });
    expect(byCode['20010']).toMatchObject({ status: 'hide', uid: first.externalId });
    expect(result).toEqual({ externalId: byCode['20099']?.uid, externalKey: '20099', action: 'created' });

    // and pushing again under the new key touches only the new customer
    await connector.push({ ...referenceH(), debtorNumber: '20099' }, { externalId: result.externalId, externalKey: '20099' });
    expect(sandbox.records().map((record) => [record.code, record.status, record.touched])).toEqual([
      ['20010', 'hide', 2],
      ['20099', 'active', 2],
    ]);
  });

  it('keeps the former customer active when the new one is refused, so the retry still knows to hide it', async () => {
    const first = await connector.push(referenceH(), {});

    const error = await failureOf(connector.push({ ...referenceH(), debtorNumber: '20099/A' }, { externalId: first.externalId, externalKey: '20010' }));

    expect(error).toBeInstanceOf(PermanentPushError);
    expect(sandbox.records()).toEqual([expect.objectContaining({ code: '20010', status: 'active' })]);
  });

  it('given a push under a new code whose answer was lost, when the client moves on to a third code, then the customer under the lost one is hidden too', async () => {
    // given H in Twinfield under 20010
    const first = await connector.push(referenceH(), {});
    // and a push under 20050 that timed out, while Twinfield went on and wrote it
    await injectFault(sandbox.url, { kind: 'delay', ms: 1500 });
    const lost = await failureOf(connector.push({ ...referenceH(), debtorNumber: '20050' }, { externalId: first.externalId, externalKey: '20010' }));
    expect(lost).toBeInstanceOf(TransientPushError);
    await until(() => sandbox.records().some((record) => record.code === '20050'));

    // when its debtor number becomes 20099, the hub still holding 20010 and 20050 unconfirmed
    const result = await connector.push(
      { ...referenceH(), debtorNumber: '20099' },
      { externalId: first.externalId, externalKey: '20010', unconfirmedKeys: ['20050'] },
    );

    // then only 20099 is active: 20010 and 20050 stay for their history, hidden
    expect(sandbox.records().map((record) => [record.code, record.status])).toEqual([
      ['20010', 'hide'],
      ['20050', 'hide'],
      ['20099', 'active'],
    ]);
    expect(result).toMatchObject({ externalKey: '20099', action: 'created' });
  });

  it('given a code a push was sent under that never reached Twinfield, when the client is pushed under another, then no customer is made under it', async () => {
    const first = await connector.push(referenceH(), {});

    await connector.push({ ...referenceH(), debtorNumber: '20099' }, { externalId: first.externalId, externalKey: '20010', unconfirmedKeys: ['20050'] });

    expect(sandbox.records().map((record) => [record.code, record.status])).toEqual([
      ['20010', 'hide'],
      ['20099', 'active'],
    ]);
    expect(sandbox.requests().map((request) => request.operation)).toContain('ProcessXmlString read');
  });

  it('given an unconfirmed code another client is filed under, when the client is pushed under a new one, then that customer is left as it is', async () => {
    // Given W2 in Twinfield under 20050, and H under 20010
    await connector.push({ ...referenceW2(), debtorNumber: '20050' }, {});
    const first = await connector.push(referenceH(), {});

    // When H moves to 20099, the hub holding 20050 unconfirmed for H (a push of a mistyped number, say)
    await connector.push({ ...referenceH(), debtorNumber: '20099' }, { externalId: first.externalId, externalKey: '20010', unconfirmedKeys: ['20050'] });

    // Then W2's customer stays active
    expect(sandbox.records().map((record) => [record.code, record.status])).toEqual([
      ['20050', 'active'],
      ['20010', 'hide'],
      ['20099', 'active'],
    ]);
  });

  it('files the client under its debtor number, which the hub records before a push', () => {
    expect(connector.keyOf({ ...referenceH(), debtorNumber: ' 20099 ' })).toBe('20099');
    expect(connector.keyOf({ ...referenceH(), debtorNumber: undefined })).toBeUndefined();
  });

  it('hides the customer under the code it holds when the client ended without its debtor number (switched off in the same edit)', async () => {
    const first = await connector.push(referenceH(), {});

    const result = await connector.push({ ...ended(referenceH()), debtorNumber: undefined }, { externalId: first.externalId, externalKey: '20010' });

    expect(result).toEqual({ externalId: first.externalId, externalKey: '20010', action: 'ended' });
    expect(sandbox.records()).toEqual([expect.objectContaining({ code: '20010', status: 'hide' })]);
  });

  it('refuses a client without a debtor number without calling Twinfield', async () => {
    const error = await failureOf(connector.push({ ...referenceW2(), debtorNumber: undefined }, {}));

    expect(error).toBeInstanceOf(PermanentPushError);
    expect(sandbox.requests()).toHaveLength(0);
  });

  it('sends a person with a debtor number without BSN or date of birth', async () => {
    await connector.push(referenceDGA1(), {});

    expect(sandbox.records()).toEqual([expect.objectContaining({ code: '20001', name: 'Jan Pieter de Vries' })]);
    expect(JSON.stringify(sandbox.records())).not.toMatch(/628194821|1968-04-12/);
  });

  it("reports Twinfield's own refusal inside HTTP 200 as permanent", async () => {
    const error = await failureOf(connector.push({ ...referenceH(), name: '' }, {}));

    expect(error).toBeInstanceOf(PermanentPushError);
    expect((error as PermanentPushError).packageMessage).toBe('Naam is verplicht.');
  });

  it('refuses an invalid code as permanent', async () => {
    const error = await failureOf(connector.push({ ...referenceH(), debtorNumber: '20010/A' }, {}));

    expect(error).toBeInstanceOf(PermanentPushError);
    expect((error as PermanentPushError).packageMessage).toBe('Code is ongeldig.');
  });

  describe('faults', () => {
    it('500 → TransientPushError', async () => {
      await injectFault(sandbox.url, { kind: 'status', status: 500, count: 1 });
      const error = await failureOf(connector.push(referenceH(), {}));
      expect(error).toBeInstanceOf(TransientPushError);
      expect((error as TransientPushError).httpStatus).toBe(500);
      expect((error as TransientPushError).packageMessage).toBe('Injected HTTP 500');
    });

    it('429 → RateLimitedPushError with retryAfterMs', async () => {
      await injectFault(sandbox.url, { kind: 'rate-limit', retryAfterSeconds: 2, count: 1 });
      const error = await failureOf(connector.push(referenceH(), {}));
      expect(error).toBeInstanceOf(RateLimitedPushError);
      expect((error as RateLimitedPushError).retryAfterMs).toBe(2000);
    });

    it('an answer slower than the timeout → TransientPushError', async () => {
      await injectFault(sandbox.url, { kind: 'delay', ms: 1500, count: 1 });
      const error = await failureOf(connector.push(referenceH(), {}));
      expect(error).toBeInstanceOf(TransientPushError);
      expect((error as TransientPushError).packageMessage).toMatch(/no answer within 1000 ms/);
    });

    it("permanent → PermanentPushError carrying Twinfield's message", async () => {
      await injectFault(sandbox.url, { kind: 'permanent', message: 'Debiteur is geblokkeerd.', count: 2 });
      const error = await failureOf(connector.push(referenceH(), {}));
      expect(error).toBeInstanceOf(PermanentPushError);
      expect((error as PermanentPushError).packageMessage).toBe('Debiteur is geblokkeerd.');
    });

    it('given a request of three customers refused as a whole, then each is sent again alone and only its own answer counts', async () => {
      // given Twinfield refusing the next request as a whole, naming no customer
      await injectFault(sandbox.url, { kind: 'permanent', message: 'Het verzoek is ongeldig.', count: 1 });

      // when three pushes go together in one request
      const results = await Promise.all([referenceH(), referenceDGA1(), referencePH1()].map((client) => connector.push(client, {})));

      // then none is refused for it: each went again on its own and was created
      expect(results.map((result) => result.action)).toEqual(['created', 'created', 'created']);
      expect(sandbox.records().map((record) => record.code).sort()).toEqual(['20001', '20010', '20011']);
      expect(sandbox.requests()).toHaveLength(4);
    });

    it('a push after the fault passed succeeds', async () => {
      await injectFault(sandbox.url, { kind: 'status', status: 503, count: 1 });
      await expect(connector.push(referenceH(), {})).rejects.toBeInstanceOf(TransientPushError);
      await expect(connector.push(referenceH(), {})).resolves.toMatchObject({ action: 'created' });
    });
  });

  describe('one request in flight per office', () => {
    it('Twinfield refuses a second concurrent request for the same office as rate limited', async () => {
      // given two processes (two connectors) for one office, and a slow answer for the first request
      const otherProcess = new TwinfieldConnector({ baseUrl: sandbox.url, office: 'NLA001', accessToken: TWINFIELD_SANDBOX_TOKEN, timeoutMs: 1000 });
      await injectFault(sandbox.url, { kind: 'delay', ms: 300, count: 1 });

      // when both push at once
      const [first, second] = await Promise.allSettled([
        connector.push(referenceH(), {}),
        new Promise((resolve) => setTimeout(resolve, 50)).then(() => otherProcess.push(referenceDGA1(), {})),
      ]);

      // then the first gets through and the second is told to come back
      expect(first.status).toBe('fulfilled');
      expect(second.status).toBe('rejected');
      const error = (second as PromiseRejectedResult).reason as RateLimitedPushError;
      expect(error).toBeInstanceOf(RateLimitedPushError);
      expect(error.retryAfterMs).toBe(1000);
      expect(sandbox.requests().map((request) => request.status)).toContain(429);
    });

    it('one connector queues its own concurrent pushes, so Twinfield never sees two at once', async () => {
      // given a slow answer for the first request
      await injectFault(sandbox.url, { kind: 'delay', ms: 300, count: 1 });

      // when three pushes for the same office are handed to one connector at once
      const results = await Promise.all([referenceH(), referenceDGA1(), referencePH1()].map((client) => connector.push(client, {})));

      // then all land, and no request was refused as a second one in flight
      expect(results.map((result) => result.action)).toEqual(['created', 'created', 'created']);
      expect(sandbox.records().map((record) => record.code).sort()).toEqual(['20001', '20010', '20011']);
      expect(sandbox.requests().every((request) => request.status === 200)).toBe(true);
    });

    it('lets requests for different offices run at once', async () => {
      const otherOffice = new TwinfieldConnector({ baseUrl: sandbox.url, office: 'NLA002', accessToken: TWINFIELD_SANDBOX_TOKEN, timeoutMs: 1000 });
      await injectFault(sandbox.url, { kind: 'delay', ms: 300, count: 1 });

      const results = await Promise.all([
        connector.push(referenceH(), {}),
        new Promise((resolve) => setTimeout(resolve, 50)).then(() => otherOffice.push(referenceH(), {})),
      ]);

      expect(results.map((result) => result.action)).toEqual(['created', 'created']);
      expect(sandbox.records().map((record) => record.office).sort()).toEqual(['NLA001', 'NLA002']);
    });
  });

  describe('several customers per request', () => {
    /** H goes alone and is answered slowly; the clients pushed meanwhile wait for the next request. */
    const whileFirstIsSlow = async (others: ClientPush[], via = connector) => {
      await injectFault(sandbox.url, { kind: 'delay', ms: 300, count: 1 });
      const first = via.push(referenceH(), {});
      await new Promise((resolve) => setTimeout(resolve, 50));
      const rest = await Promise.allSettled(others.map((client) => via.push(client, {})));
      await first;
      return rest;
    };

    it('pushes handed in while a request is on its way go together in the next one', async () => {
      // when three pushes arrive while H's request is on its way
      const rest = await whileFirstIsSlow([referenceDGA1(), referencePH1(), referenceW2()]);

      // then they land in one request, each answered with its own uid
      expect(rest.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      expect(sandbox.requests()).toHaveLength(2);
      const uids = rest.map((outcome) => (outcome as PromiseFulfilledResult<{ externalId: string }>).value.externalId);
      const byCode = new Map(sandbox.records().map((record) => [record.code, record.uid]));
      expect(uids).toEqual([byCode.get('20001'), byCode.get('20011'), byCode.get(referenceW2().debtorNumber!)]);
    });

    it('sends at most maxPerRequest customers in one request', async () => {
      const smallBatches = new TwinfieldConnector({ baseUrl: sandbox.url, office: 'NLA001', accessToken: TWINFIELD_SANDBOX_TOKEN, timeoutMs: 1000, maxPerRequest: 2 });
      const rest = await whileFirstIsSlow([referenceDGA1(), referencePH1(), referenceW2()], smallBatches);

      expect(rest.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      // one request for H, then two and one
      expect(sandbox.requests()).toHaveLength(3);
      expect(sandbox.records()).toHaveLength(4);
    });

    it('a customer Twinfield refuses fails only its own push', async () => {
      const rest = await whileFirstIsSlow([referenceDGA1(), { ...referencePH1(), name: '' }]);

      expect(rest[0]).toMatchObject({ status: 'fulfilled', value: { action: 'created' } });
      const refused = (rest[1] as PromiseRejectedResult).reason as PermanentPushError;
      expect(refused).toBeInstanceOf(PermanentPushError);
      expect(refused.packageMessage).toBe('Naam is verplicht.');
      expect(sandbox.records().map((record) => record.code).sort()).toEqual(['20001', '20010']);
    });

    it('a request that fails fails every push in it, and they land when sent again', async () => {
      // given H's request answered slowly and the next one with a 500
      await injectFault(sandbox.url, { kind: 'delay', ms: 300, count: 1 });
      await injectFault(sandbox.url, { kind: 'status', status: 500, count: 1 });
      const first = connector.push(referenceH(), {});
      await new Promise((resolve) => setTimeout(resolve, 50));

      // when two pushes ride in that request
      const failed = await Promise.allSettled([referenceDGA1(), referencePH1()].map((client) => connector.push(client, {})));
      await first;

      // then both fail as transient, and sending them again lands each once
      for (const outcome of failed) expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(TransientPushError);
      const again = await Promise.all([referenceDGA1(), referencePH1()].map((client) => connector.push(client, {})));
      expect(again.map((result) => result.action)).toEqual(['created', 'created']);
      expect(sandbox.records()).toHaveLength(3);
    });

    it('tells created from updated by the write count when the hub lost the uid', async () => {
      await connector.push(referenceDGA1(), {});

      const rest = await whileFirstIsSlow([referenceDGA1(), referencePH1()]);

      expect(rest.map((outcome) => (outcome as PromiseFulfilledResult<{ action: string }>).value.action)).toEqual(['updated', 'created']);
    });
  });

  describe('with tokens renewed through OAuth', () => {
    const oauth = () => ({ ...TWINFIELD_SANDBOX_OAUTH, tokenUrl: `${sandbox.url}${TWINFIELD_SANDBOX_TOKEN_PATH}` });

    it('given every token expired, when the next push goes, then the connector renews once and it lands', async () => {
      // Given a connector that has taken a token and pushed with it
      const renewing = new TwinfieldConnector({ baseUrl: sandbox.url, office: 'NLA001', oauth: oauth(), timeoutMs: 1000 });
      await renewing.push(referenceH(), {});
      const issued = sandbox.tokensIssued();

      // When Twinfield forgets every token it issued (its hour is up)
      sandbox.expireTokens();
      const result = await renewing.push(referenceW2(), {});

      // Then the push was refused once for its token, a new one was taken, and it landed
      expect(result.action).toBe('created');
      expect(sandbox.tokensIssued()).toBe(issued + 1);
      expect(sandbox.records().map((record) => record.code).sort()).toEqual(['20010', referenceW2().debtorNumber].sort());
    });

    it('given a refresh token the login service refuses, then the push is refused as permanent, naming it', async () => {
      const revoked = new TwinfieldConnector({ baseUrl: sandbox.url, office: 'NLA001', oauth: { ...oauth(), refreshToken: 'revoked' }, timeoutMs: 1000 });
      const error = await failureOf(revoked.push(referenceH(), {}));
      expect(error).toBeInstanceOf(PermanentPushError);
      expect((error as PermanentPushError).message).toMatch(/invalid_grant/);
      expect(sandbox.records()).toEqual([]);
    });

    it('given neither a token nor what renews one, or both, then the connector is not made', () => {
      expect(() => new TwinfieldConnector({ baseUrl: sandbox.url, office: 'NLA001', timeoutMs: 1000 })).toThrow(/either an access token or the OAuth settings/);
      expect(() => new TwinfieldConnector({ baseUrl: sandbox.url, office: 'NLA001', accessToken: TWINFIELD_SANDBOX_TOKEN, oauth: oauth(), timeoutMs: 1000 })).toThrow(
        /either an access token or the OAuth settings/,
      );
    });
  });

  it('refuses an unknown access token as permanent', async () => {
    const stranger = new TwinfieldConnector({ baseUrl: sandbox.url, office: 'NLA001', accessToken: 'wrong', timeoutMs: 1000 });
    const error = await failureOf(stranger.push(referenceH(), {}));
    expect(error).toBeInstanceOf(PermanentPushError);
    expect((error as PermanentPushError).packageMessage).toMatch(/Access denied/);
  });

  it('logs requests without bodies', async () => {
    await connector.push(referenceH(), {});
    const log = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as { counts: Record<string, number> };
    expect(log.counts).toEqual({ 'ProcessXmlString dimension': 1 });
    expect(JSON.stringify(log)).not.toMatch(/Stationsplein|vbholding/);
  });
});

/** Waits for what a sandbox does after its answer has gone (a delayed request it still carries out). */
async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('the sandbox never got there');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
