import { writeBatchRequest } from '../../adapters/qicsmilestones/odata-batch';
import { type JsonBatchAnswer, type JsonBatchRequest, MAX_REQUESTS_PER_BATCH } from '../../adapters/shared/json-batch.contract';
import { NEXTENS_SANDBOX_API_KEY, startNextensSandbox, type NextensSandbox } from '../nextens/nextens.sandbox';
import { QICS_SANDBOX_CLIENT, startQicsMilestonesSandbox, type QicsMilestonesSandbox } from '../qicsmilestones/qicsmilestones.sandbox';
import { resetSandbox } from '../../testing/sandbox-admin';

/** Fails the test rather than hanging it when a sandbox never answers. */
const ANSWER_WITHIN_MS = 2000;

/** The batch endpoints of the sandboxes over raw HTTP: what a batch the connectors would never send gets. */
describe('sandbox batch endpoints', () => {
  describe('JSON batch (Nextens)', () => {
    let sandbox: NextensSandbox;

    beforeAll(async () => {
      sandbox = await startNextensSandbox();
    });
    afterAll(() => sandbox.close());
    beforeEach(() => resetSandbox(sandbox.url));

    /** A valid upsert of company relation `20010`+i; the RSIN passes the elfproef. */
    const upsert = (i: number): JsonBatchRequest['requests'][number] => ({
      id: `r${i}`,
      method: 'POST',
      path: '/api/relations/upsert',
      body: {
        key: `792376092-${i + 1}`,
        kind: 'company',
        clientNumber: String(20010 + i),
        name: `Holding ${i} B.V.`,
        status: 'active',
        company: { statutoryName: `Holding ${i} B.V.` },
        address: { postcode: '3511 ED', city: 'Utrecht' },
      },
    });

    const postBatch = (body: string, apiKey: string = NEXTENS_SANDBOX_API_KEY): Promise<Response> =>
      fetch(`${sandbox.url}/api/batch`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Api-Key': apiKey },
        body,
        signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
      });

    it('given two valid requests, when batched, then each is answered in order with its id and its own status', async () => {
      // Given
      const batch: JsonBatchRequest = { requests: [upsert(0), { ...upsert(1), body: { ...(upsert(1).body as object), kind: 'robot' } }] };

      // When
      const response = await postBatch(JSON.stringify(batch));

      // Then
      expect(response.status).toBe(200);
      const answer = (await response.json()) as JsonBatchAnswer;
      expect(answer.responses.map(({ id, status }) => ({ id, status }))).toEqual([
        { id: 'r0', status: 201 },
        { id: 'r1', status: 422 },
      ]);
      expect(answer.responses[1]?.body).toEqual({ error: { code: 'validation', field: 'kind', message: 'kind must be company or person.' } });
      expect(sandbox.records().map((relation) => relation.clientNumber)).toEqual(['20010']);
      expect(sandbox.requests().map((request) => request.operation)).toEqual(['POST /api/relations/upsert', 'POST /api/relations/upsert', 'POST batch']);
    });

    it('given a body that is not JSON, when batched, then it is refused with 400 and nothing is stored', async () => {
      // Given
      const body = '{"requests": [';

      // When
      const response = await postBatch(body);

      // Then
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ message: 'requests must be a non-empty array' });
      expect(sandbox.records()).toEqual([]);
      expect(sandbox.requests().map(({ operation, status }) => ({ operation, status }))).toEqual([{ operation: 'POST batch', status: 400 }]);
    });

    it('given an empty list of requests, when batched, then it is refused with 400', async () => {
      // Given / When
      const response = await postBatch(JSON.stringify({ requests: [] }));

      // Then
      expect(response.status).toBe(400);
    });

    it('given one malformed request among valid ones, when batched, then the batch is refused with 400 and none of its requests ran', async () => {
      // Given
      const batch = { requests: [upsert(0), { ...upsert(1), method: 'FETCH' }, upsert(2)] };

      // When
      const response = await postBatch(JSON.stringify(batch));

      // Then
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ message: 'requests[1].method is not a method' });
      expect(sandbox.records()).toEqual([]);
      expect(sandbox.requests().map((request) => request.operation)).toEqual(['POST batch']);
    });

    it('given a request without an id or with a relative path, when batched, then the batch is refused with 400', async () => {
      // Given
      const { id: _id, ...withoutId } = upsert(0);
      const relative = { ...upsert(0), path: 'api/relations/upsert' };

      // When
      const statuses = [(await postBatch(JSON.stringify({ requests: [withoutId] }))).status, (await postBatch(JSON.stringify({ requests: [relative] }))).status];

      // Then
      expect(statuses).toEqual([400, 400]);
      expect(sandbox.records()).toEqual([]);
    });

    it(`given more than ${MAX_REQUESTS_PER_BATCH} requests, when batched, then the batch is refused with 400 and nothing is stored`, async () => {
      // Given
      const batch: JsonBatchRequest = { requests: Array.from({ length: MAX_REQUESTS_PER_BATCH + 1 }, (_, i) => upsert(i)) };

      // When
      const response = await postBatch(JSON.stringify(batch));

      // Then
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ message: `at most ${MAX_REQUESTS_PER_BATCH} requests per batch` });
      expect(sandbox.records()).toEqual([]);
    });

    it(`given exactly ${MAX_REQUESTS_PER_BATCH} requests, when batched, then every one is run`, async () => {
      // Given
      const batch: JsonBatchRequest = { requests: Array.from({ length: MAX_REQUESTS_PER_BATCH }, (_, i) => upsert(i)) };

      // When
      const response = await postBatch(JSON.stringify(batch));

      // Then
      expect(response.status).toBe(200);
      const answer = (await response.json()) as JsonBatchAnswer;
      expect(answer.responses.map((one) => one.status)).toEqual(Array.from({ length: MAX_REQUESTS_PER_BATCH }, () => 201));
      expect(sandbox.records()).toHaveLength(MAX_REQUESTS_PER_BATCH);
    });

    it('given a wrong API key on the batch, when batched, then every request is answered 401 and nothing is stored', async () => {
      // Given
      const batch: JsonBatchRequest = { requests: [upsert(0), upsert(1), upsert(2)] };

      // When
      const response = await postBatch(JSON.stringify(batch), 'wrong');

      // Then
      expect(response.status).toBe(200);
      const answer = (await response.json()) as JsonBatchAnswer;
      expect(answer.responses.map(({ id, status }) => ({ id, status }))).toEqual([
        { id: 'r0', status: 401 },
        { id: 'r1', status: 401 },
        { id: 'r2', status: 401 },
      ]);
      expect(sandbox.records()).toEqual([]);
    });

    it('given an injected 429, when batched, then only the request it hits carries the Retry-After', async () => {
      // Given
      sandbox.faults.add({ kind: 'rate-limit', retryAfterSeconds: 7, count: 1 });

      // When
      const response = await postBatch(JSON.stringify({ requests: [upsert(0), upsert(1)] }));

      // Then
      const answer = (await response.json()) as JsonBatchAnswer;
      expect(answer.responses[0]).toMatchObject({ id: 'r0', status: 429, headers: { 'retry-after': '7' } });
      expect(answer.responses[1]).toMatchObject({ id: 'r1', status: 201 });
      expect(sandbox.records()).toHaveLength(1);
    });
  });

  describe('OData $batch (QicsMilestones)', () => {
    let sandbox: QicsMilestonesSandbox;
    const boundary = 'batch_4f0c1f6e-8a52-4d3c-9d55-0b7a2f2c1e11';

    beforeAll(async () => {
      sandbox = await startQicsMilestonesSandbox();
    });
    afterAll(() => sandbox.close());
    beforeEach(() => resetSandbox(sandbox.url));

    const token = async (): Promise<string> => {
      const response = await fetch(`${sandbox.url}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: QICS_SANDBOX_CLIENT.clientId, client_secret: QICS_SANDBOX_CLIENT.clientSecret }).toString(),
      });
      return ((await response.json()) as { access_token: string }).access_token;
    };

    const create = (code: string) => ({
      method: 'POST',
      path: '/odata/CustomerCompany',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ CustomerCode: code, Name: `Company ${code}` }),
    });

    const postBatch = (body: string, headers: Record<string, string>): Promise<Response> =>
      fetch(`${sandbox.url}/odata/$batch`, { method: 'POST', headers, body, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });

    it('given a valid batch with a token, when posted, then it is answered 202 multipart/mixed and its writes are run', async () => {
      // Given
      const body = writeBatchRequest(boundary, [create('20010'), create('20011')]);

      // When
      const response = await postBatch(body, { 'Content-Type': `multipart/mixed; boundary=${boundary}`, Authorization: `Bearer ${await token()}` });

      // Then
      expect(response.status).toBe(202);
      expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
      expect(sandbox.records().map((record) => record.CustomerCode)).toEqual(['20010', '20011']);
    });

    it('given no token, when a batch is posted, then it is refused with 401 and nothing is stored', async () => {
      // Given
      const body = writeBatchRequest(boundary, [create('20010')]);

      // When
      const response = await postBatch(body, { 'Content-Type': `multipart/mixed; boundary=${boundary}` });

      // Then
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(sandbox.records()).toEqual([]);
      expect(sandbox.requests().map(({ operation, status }) => ({ operation, status }))).toEqual([{ operation: 'POST batch', status: 401 }]);
    });

    it('given an expired token, when a batch is posted, then it is refused with 401', async () => {
      // Given
      const expired = await token();
      sandbox.expireTokens();

      // When
      const response = await postBatch(writeBatchRequest(boundary, [create('20010')]), {
        'Content-Type': `multipart/mixed; boundary=${boundary}`,
        Authorization: `Bearer ${expired}`,
      });

      // Then
      expect(response.status).toBe(401);
      expect(sandbox.records()).toEqual([]);
    });

    it('given a body that is not multipart/mixed, when posted with a token, then it is refused with 400', async () => {
      // Given
      const body = JSON.stringify({ CustomerCode: '20010', Name: 'Company' });

      // When
      const response = await postBatch(body, { 'Content-Type': 'application/json', Authorization: `Bearer ${await token()}` });

      // Then
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('A batch request must be multipart/mixed with a boundary.');
      expect(sandbox.records()).toEqual([]);
    });

    it('given a part whose request line is unreadable, when posted with a token, then the batch is refused with 400 and none of it runs', async () => {
      // Given: a valid create, then a part that is no HTTP request
      const valid = writeBatchRequest(boundary, [create('20010')]).replace(new RegExp(`--${boundary}--\\r\\n$`), '');
      const body = `${valid}--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nthis is not a request\r\n\r\n\r\n--${boundary}--\r\n`;

      // When
      const response = await postBatch(body, { 'Content-Type': `multipart/mixed; boundary=${boundary}`, Authorization: `Bearer ${await token()}` });

      // Then
      expect(response.status).toBe(400);
      expect(sandbox.records()).toEqual([]);
      expect(sandbox.requests().filter((request) => request.operation !== 'POST token').map((request) => request.operation)).toEqual(['POST batch']);
    });

    it('given a body in which the boundary never appears, when posted with a token, then the batch is refused with 400', async () => {
      // Given
      const body = 'POST /odata/CustomerCompany HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{}';

      // When
      const response = await postBatch(body, { 'Content-Type': `multipart/mixed; boundary=${boundary}`, Authorization: `Bearer ${await token()}` });

      // Then
      expect(response.status).toBe(400);
      expect(sandbox.records()).toEqual([]);
    });

    it('given a part that is neither application/http nor a changeset, when posted with a token, then the batch is refused with 400', async () => {
      // Given
      const body = `--${boundary}\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`;

      // When
      const response = await postBatch(body, { 'Content-Type': `multipart/mixed; boundary=${boundary}`, Authorization: `Bearer ${await token()}` });

      // Then
      expect(response.status).toBe(400);
      expect(sandbox.records()).toEqual([]);
    });
  });
});
