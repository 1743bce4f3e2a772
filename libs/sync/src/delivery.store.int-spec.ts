import { randomUUID } from 'node:crypto';
import { eventStoreMigrations, inTransaction } from '@koppelhub/eventstore';
import { openTestDatabase, type TestDatabase } from '../../eventstore/src/testing/test-database';
import { deliveryKey, DeliveryStore } from './delivery.store';
import { syncMigrations } from './sync.migrations';

describe('the delivery record, several deliveries at once (PGlite)', () => {
  let test: TestDatabase;
  let deliveries: DeliveryStore;

  beforeAll(async () => {
    test = await openTestDatabase('pglite', [...eventStoreMigrations, ...syncMigrations]);
    deliveries = new DeliveryStore(test.database.pool);
  });
  afterAll(async () => {
    await test.dispose();
  });

  const want = (clientId: string, pkg: 'nextens' | 'twinfield', hash: string, position = 1) =>
    inTransaction(test.database.pool, (tx) => deliveries.want(tx, clientId, pkg, hash, position));

  it('given deliveries of two clients, when read together, then each comes back under its own key and unknown ones are absent', async () => {
    const [a, b, unknown] = [randomUUID(), randomUUID(), randomUUID()];
    await want(a, 'nextens', 'ha');
    await want(b, 'twinfield', 'hb');

    const read = await deliveries.getMany([
      { clientId: a, pkg: 'nextens' },
      { clientId: b, pkg: 'twinfield' },
      { clientId: unknown, pkg: 'nextens' },
    ]);

    expect(read.get(deliveryKey(a, 'nextens'))).toMatchObject({ desiredHash: 'ha', status: 'pending' });
    expect(read.get(deliveryKey(b, 'twinfield'))).toMatchObject({ desiredHash: 'hb', status: 'pending' });
    expect(read.has(deliveryKey(unknown, 'nextens'))).toBe(false);
  });

  it('given five pending deliveries to two packages, when paged, then pages follow one order, filter by package and count them all', async () => {
    await test.database.pool.query('delete from sync_deliveries');
    const ids = Array.from({ length: 5 }, () => randomUUID());
    for (const [i, id] of ids.entries()) await want(id, i % 2 === 0 ? 'nextens' : 'twinfield', `h${i}`);

    const pages = [1, 2, 3].map((page) => deliveries.pageWithStatus('pending', { page, pageSize: 2 }));
    const [first, second, third] = await Promise.all(pages);
    const past = await deliveries.pageWithStatus('pending', { page: 9, pageSize: 2 });
    const nextens = await deliveries.pageWithStatus('pending', { page: 1, pageSize: 10, pkg: 'nextens' });

    expect([first!.items.length, second!.items.length, third!.items.length]).toEqual([2, 2, 1]);
    expect([first, second, third].map((p) => p!.total)).toEqual([5, 5, 5]);
    const listed = [first, second, third].flatMap((p) => p!.items);
    expect(listed.map((d) => d.clientId).sort()).toEqual([...ids].sort());
    expect(listed).toEqual((await deliveries.withStatus('pending')).sort((a, b) => +a.updatedAt - +b.updatedAt || a.clientId.localeCompare(b.clientId)));
    expect(past).toEqual({ items: [], total: 5 });
    expect(nextens.items.map((d) => d.clientId).sort()).toEqual([ids[0], ids[2], ids[4]].sort());
    expect(nextens.total).toBe(3);
    expect(await deliveries.pageWithStatus('failed', { page: 1, pageSize: 10 })).toEqual({ items: [], total: 0 });
  });

  it('given keys noted before pushes whose answers never came, when an answer is recorded, then they are cleared', async () => {
    const a = randomUUID();
    await want(a, 'twinfield', 'ha');

    // Given two keys noted, one of them twice (its push was retried), and a failed attempt between
    await deliveries.noteUnconfirmedKey(a, 'twinfield', '20050');
    await deliveries.noteAttempt(a, 'twinfield', 'timed out', { failed: false });
    await deliveries.noteUnconfirmedKey(a, 'twinfield', '20050');
    await deliveries.noteUnconfirmedKey(a, 'twinfield', '20099');
    expect((await deliveries.get(a, 'twinfield'))?.unconfirmedKeys).toEqual(['20050', '20099']);

    // When the package's answer is recorded
    await deliveries.markPushedMany([{ clientId: a, pkg: 'twinfield', hash: 'ha', externalId: 'uid-1', externalKey: '20099' }]);

    // Then the delivery knows the answer's key alone
    const delivery = await deliveries.get(a, 'twinfield');
    expect(delivery).toMatchObject({ status: 'pushed', externalKey: '20099' });
    expect(delivery?.unconfirmedKeys).toBeUndefined();
  });

  it('given a push under another key gone unanswered, when the payload the package last answered for is wanted again, then it is pending', async () => {
    // Given a delivery pushed as ha, then wanted as hb, whose push under a new key got no answer
    const a = randomUUID();
    await want(a, 'twinfield', 'ha');
    await deliveries.markPushedMany([{ clientId: a, pkg: 'twinfield', hash: 'ha', externalId: 'uid-1', externalKey: '20010' }]);
    await want(a, 'twinfield', 'hb', 2);
    await deliveries.noteUnconfirmedKey(a, 'twinfield', '20050');

    // When ha is wanted again (the key went back)
    const needed = await want(a, 'twinfield', 'ha', 3);

    // Then it is pending: the package may hold the client under 20050 too
    expect(needed).toBe(true);
    expect(await deliveries.get(a, 'twinfield')).toMatchObject({ status: 'pending', desiredHash: 'ha', pushedHash: 'ha' });
  });

  it('given pushes of two clients noting their keys at once, when written in one statement, then each delivery holds its own', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await want(a, 'twinfield', 'ha');
    await want(b, 'twinfield', 'hb');

    await deliveries.noteUnconfirmedKeys([
      { clientId: a, pkg: 'twinfield', key: '20050' },
      { clientId: b, pkg: 'twinfield', key: '30050' },
      { clientId: b, pkg: 'twinfield', key: '30050' },
    ]);

    expect((await deliveries.get(a, 'twinfield'))?.unconfirmedKeys).toEqual(['20050']);
    expect((await deliveries.get(b, 'twinfield'))?.unconfirmedKeys).toEqual(['30050']);
  });

  it('given two answers for one delivery in one write, when recorded, then the last one counts', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await want(a, 'nextens', 'new');
    await want(b, 'nextens', 'hb');

    await deliveries.markPushedMany([
      { clientId: a, pkg: 'nextens', hash: 'new', externalId: 'first' },
      { clientId: b, pkg: 'nextens', hash: 'hb', externalId: 'rb' },
      { clientId: a, pkg: 'nextens', hash: 'old', externalId: 'second' },
    ]);

    expect(await deliveries.get(a, 'nextens')).toMatchObject({ pushedHash: 'old', externalId: 'second', status: 'pending' });
    expect(await deliveries.get(b, 'nextens')).toMatchObject({ pushedHash: 'hb', externalId: 'rb', status: 'pushed' });
  });

  it('given a delivery its job skipped, when the same payload is wanted again, then it is pending again', async () => {
    // Given a push its job found nothing to do for (the package was switched off meanwhile)
    const a = randomUUID();
    await want(a, 'nextens', 'h', 5);
    await deliveries.markSkipped(a, 'nextens', 'package switched off', 5);
    expect(await deliveries.get(a, 'nextens')).toMatchObject({ status: 'skipped' });

    // When the package is switched back on: the same payload, wanted by a later event
    const again = await want(a, 'nextens', 'h', 9);

    // Then it needs a push again, as of that event
    expect(again).toBe(true);
    expect(await deliveries.get(a, 'nextens')).toMatchObject({ status: 'pending', desiredPosition: 9 });
  });

  it('given a pending delivery wanted again by a later event, when the older job finds nothing to push, then it stays pending', async () => {
    // Given a delivery pending as of event 5, and wanted again, unchanged, as of event 8
    const a = randomUUID();
    await want(a, 'twinfield', 'h', 5);
    expect(await want(a, 'twinfield', 'h', 8)).toBe(true);

    // When the job asked for by event 5 read the client before event 8 and skips it
    await deliveries.markSkipped(a, 'twinfield', 'no debtor number', 5);

    // Then the delivery waits for the job of event 8
    expect(await deliveries.get(a, 'twinfield')).toMatchObject({ status: 'pending', desiredPosition: 8 });
  });

  it('given a pushed delivery, when the same payload is wanted again, then nothing is needed', async () => {
    const a = randomUUID();
    await want(a, 'twinfield', 'h', 5);
    await deliveries.markPushedMany([{ clientId: a, pkg: 'twinfield', hash: 'h', externalId: 'x' }]);

    expect(await want(a, 'twinfield', 'h', 9)).toBe(false);
    expect(await deliveries.get(a, 'twinfield')).toMatchObject({ status: 'pushed', desiredPosition: 5 });
  });

  it('given a newer payload already pushed, when an older push answers last, then the delivery is pending again', async () => {
    // Given payload h2 wanted and pushed, while the push of the older h1 is still out
    const a = randomUUID();
    await want(a, 'nextens', 'h1', 5);
    await want(a, 'nextens', 'h2', 6);
    await deliveries.markPushedMany([{ clientId: a, pkg: 'nextens', hash: 'h2', externalId: 'x' }]);

    // When the older push's answer comes in after it
    await deliveries.markPushedMany([{ clientId: a, pkg: 'nextens', hash: 'h1', externalId: 'x' }]);

    // Then the package may hold h1: the delivery is pending, for the re-drive to send h2 again
    expect(await deliveries.get(a, 'nextens')).toMatchObject({ status: 'pending', pushedHash: 'h1', desiredHash: 'h2' });
  });

  it('given a newer wish already pushed, when a job asked for by an older event is refused last, then the delivery stays pushed', async () => {
    // Given the card refused at position 10, corrected at 20, and the correction pushed
    const a = randomUUID();
    await want(a, 'twinfield', 'h10', 10);
    await want(a, 'twinfield', 'h20', 20);
    await deliveries.markPushedMany([{ clientId: a, pkg: 'twinfield', hash: 'h20', externalId: 'x' }]);

    // When the refusal of the job asked at 10 is recorded after that
    await deliveries.noteAttempt(a, 'twinfield', 'Name is required', { failed: true, refused: true, askedAt: 10 });

    // Then it marks nothing: the wish it was for is gone
    expect(await deliveries.get(a, 'twinfield')).toMatchObject({ status: 'pushed', desiredHash: 'h20', pushedHash: 'h20', attempts: 0 });
  });

  it('given a wish another job pushed meanwhile, when this job’s last attempt failure is written after, then the delivery stays pushed', async () => {
    // Given a wish at 10, pushed by another worker's job while this one kept finding it busy
    const a = randomUUID();
    await want(a, 'nextens', 'h10', 10);
    await deliveries.markPushedMany([{ clientId: a, pkg: 'nextens', hash: 'h10', externalId: 'n-1' }]);

    // When this job's attempts run out and its failure is written
    await deliveries.noteAttempt(a, 'nextens', 'delivery busy in another worker', { failed: true, askedAt: 10 });

    // Then the delivery stays pushed, out of the failed list
    expect(await deliveries.get(a, 'nextens')).toMatchObject({ status: 'pushed', pushedHash: 'h10', attempts: 0 });
  });

  it('given a pending wish, when its own job’s last attempt fails, then the delivery is failed', async () => {
    const a = randomUUID();
    await want(a, 'twinfield', 'h10', 10);

    await deliveries.noteAttempt(a, 'twinfield', 'HTTP 503', { failed: true, askedAt: 10 });

    expect(await deliveries.get(a, 'twinfield')).toMatchObject({ status: 'failed', message: 'HTTP 503', attempts: 1 });
  });
});
