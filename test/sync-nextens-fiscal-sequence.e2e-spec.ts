import type { SyncRuntime } from '@koppelhub/sync';
import type { Response } from 'supertest';
import { describeOnPostgres } from '../libs/eventstore/src/testing/test-database';
import { type ClientRef, holdingCluster, registrationBody } from './fixtures/holding-cluster';
import { type AcceptanceAgents, acceptanceAgents, takeToKlant } from './support/approved-scenario';
import { refusedWritingNothing } from './support/refused-writing-nothing';
import { syncSettled } from './support/sync-settled';
import { ownQueuesOn, startTestSync } from './support/test-sync';
import { startTestHub, type TestHub } from './support/test-hub';

const redisUrl = process.env.REDIS_URL;
const describeWithServices = redisUrl ? describeOnPostgres : describe.skip;
if (!redisUrl) console.warn('REDIS_URL is not set: the end-to-end Nextens fiscal-sequence suite is skipped');

/** The fiscal number the parts of one fiscal unity share (W1's RSIN in the reference scenario). */
const RSIN = '157089319';
const W1 = holdingCluster.clients.find((c) => c.ref === 'W1')!;

/** A part of the fiscal unity: W1's card under a number, name and KvK number of its own, in Nextens only. */
function unityPart(clientNumber: string, kvkNumber: string, company: Record<string, unknown>): Record<string, unknown> {
  const body = registrationBody(W1);
  return {
    ...body,
    clientNumber,
    debtorNumber: clientNumber,
    searchName: `VBDEEL${clientNumber}`,
    company: { ...(body.company as object), statutoryName: `VB Deel ${clientNumber} B.V.`, kvkNumber, rsin: RSIN, ...company },
    packages: ['nextens'],
  };
}

describeWithServices('a company\'s fiscal sequence, over HTTP to the Nextens sandbox (PostgreSQL, Redis, sandboxes)', () => {
  let hub: TestHub;
  let sync: SyncRuntime;
  let as: AcceptanceAgents;
  const nextensRelations = () => sync.sandboxes!.nextens.records().filter((r) => r.key.startsWith(`${RSIN}-`));

  beforeAll(async () => {
    hub = await startTestHub('postgres');
    sync = await startTestSync(hub, {
      timeoutMs: 2_000,
      queue: ownQueuesOn(redisUrl!),
    });
    as = await acceptanceAgents(hub);
  }, 60_000);
  afterAll(async () => {
    await sync?.close({ removeQueues: true });
    await hub?.stop();
  });

  /** Registers a part, takes it through acceptance to Klant, and answers its id. */
  async function registeredAsKlant(body: Record<string, unknown>): Promise<string> {
    const id = (await as.relatiebeheer.post('/api/clients').send(body).expect(201)).body.id as string;
    await takeToKlant(as, id, W1, {} as Record<ClientRef, string>);
    return id;
  }

  it('keeps two companies sharing one RSIN apart in Nextens by their fiscal sequences, and re-keys a part whose sequence changes', async () => {
    // Given two parts of a fiscal unity with one RSIN, numbered 1 and 2, taken to Klant
    await registeredAsKlant(unityPart('29701', '61234580', { fiscalSequence: 1 }));
    const second = await registeredAsKlant(unityPart('29702', '61234581', { fiscalSequence: 2 }));
    expect((await as.relatiebeheer.get(`/api/clients/${second}`).expect(200)).body.company).toMatchObject({ rsin: RSIN, fiscalSequence: 2 });

    // When they sync
    await syncSettled(sync, hub.runtime.store);

    // Then Nextens holds two relations, keyed <rsin>-1 and <rsin>-2
    const held = () => nextensRelations().map((r) => ({ key: r.key, clientNumber: r.clientNumber })).sort((a, b) => a.key.localeCompare(b.key));
    expect(held()).toEqual([
      { key: `${RSIN}-1`, clientNumber: '29701' },
      { key: `${RSIN}-2`, clientNumber: '29702' },
    ]);
    const relationOfSecond = nextensRelations().find((r) => r.clientNumber === '29702')!.relationId;

    // When the second's sequence changes to 3
    const changed = await as.relatiebeheer.patch(`/api/clients/${second}`).send({ company: { fiscalSequence: 3 } }).expect(200);
    expect(changed.body.company).toMatchObject({ rsin: RSIN, fiscalSequence: 3 });
    await syncSettled(sync, hub.runtime.store);

    // Then Nextens moved the same relation to <rsin>-3, and the first kept its own
    expect(held()).toEqual([
      { key: `${RSIN}-1`, clientNumber: '29701' },
      { key: `${RSIN}-3`, clientNumber: '29702' },
    ]);
    expect(nextensRelations().find((r) => r.clientNumber === '29702')!.relationId).toBe(relationOfSecond);
  }, 90_000);

  describe('a fiscal sequence that is not a whole number from 1 to 999 is refused, naming company.fiscalSequence, and writes nothing', () => {
    let company: string;
    beforeAll(async () => {
      company = (await as.relatiebeheer.post('/api/clients').send(unityPart('29711', '61234582', {})).expect(201)).body.id as string;
    });

    /** Expects a 400 problem telling `message` of company.fiscalSequence, with no event appended. */
    async function expectRefused(send: () => PromiseLike<Response>, message: string): Promise<void> {
      const response = await refusedWritingNothing(hub, send, 400);
      expect(response.body.violations).toEqual([{ field: 'company.fiscalSequence', message }]);
    }

    it.each([
      ['0', 0, 'fiscalSequence must not be less than 1'],
      ['1000', 1000, 'fiscalSequence must not be greater than 999'],
      ['"2" (a string)', '2', 'fiscalSequence must be an integer number'],
      ['1.5', 1.5, 'fiscalSequence must be an integer number'],
    ])('when a company is registered with %s', async (_name, fiscalSequence, message) => {
      await expectRefused(() => as.relatiebeheer.post('/api/clients').send(unityPart('29712', '61234583', { fiscalSequence })), message);
    });

    it.each([
      ['0', 0, 'fiscalSequence must not be less than 1'],
      ['"2" (a string)', '2', 'fiscalSequence must be an integer number'],
    ])('when a company\'s card is changed to %s', async (_name, fiscalSequence, message) => {
      await expectRefused(() => as.relatiebeheer.patch(`/api/clients/${company}`).send({ company: { fiscalSequence } }), message);
    });

    it('when a company is registered with a sequence but no RSIN, then the sequence is refused: it numbers the RSIN', async () => {
      await expectRefused(
        () => as.relatiebeheer.post('/api/clients').send(unityPart('29713', '61234584', { rsin: undefined, fiscalSequence: 2 })),
        'fiscalSequence needs company.rsin: it numbers the companies sharing that fiscal number',
      );
    });
  });
});
