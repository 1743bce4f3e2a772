import { clientRelationsProjection, clientSearchProjection, contactsProjection, subscriptionIdOf } from '@koppelhub/projections';
import type { Database } from '@koppelhub/eventstore';
import { type LocalReadModel, ReadModelRelationsReader } from './read-model-relations.reader';

/** Read models the sync waits for before deciding; unit fakes for the database and the store. */
describe('waiting for the read models before deciding', () => {
  const ids = [contactsProjection, clientRelationsProjection, clientSearchProjection].map(subscriptionIdOf);
  const fakes = (covered: boolean) => {
    const query = jest.fn(async () => ({ rows: [{ transaction_id: '5', global_position: '40' }] }));
    const covers = jest.fn(async () => covered);
    return { database: { pool: { query } } as unknown as Database, store: { covers } as never, query, covers };
  };
  const local = (id: string, waitFor: LocalReadModel['waitFor'], isRunning = true): LocalReadModel => ({ id, isRunning, waitFor });

  it('given every read model kept in this process, when asked to catch up, then it waits on them and polls no checkpoint', async () => {
    const { database, store, query } = fakes(false);
    const waitFor = jest.fn(async () => undefined);
    await new ReadModelRelationsReader(database, store, ids.map((id) => local(id, waitFor))).catchUp(42);
    expect(waitFor).toHaveBeenCalledTimes(3);
    expect(waitFor).toHaveBeenCalledWith(42, expect.any(Number));
    expect(query).not.toHaveBeenCalled();
  });

  it('given a read model of this process stopped for a rebuild, when asked to catch up, then its checkpoint is polled instead', async () => {
    const { database, store, query, covers } = fakes(true);
    const stopped = local(ids[2], async () => Promise.reject(new Error('not running')));
    await new ReadModelRelationsReader(database, store, [local(ids[0], async () => undefined), local(ids[1], async () => undefined), stopped]).catchUp(42);
    expect(query).toHaveBeenCalledTimes(1);
    expect(covers).toHaveBeenCalledWith({ transactionId: '5', position: 40 }, 42, clientSearchProjection.eventTypes);
  });

  it('given a catch-up that reached every read model, when the next batch holds only a status change, then only client search is waited for', async () => {
    const { database, store } = fakes(false);
    const waited: string[] = [];
    const reader = new ReadModelRelationsReader(database, store, ids.map((id) => local(id, async () => void waited.push(id))));
    await reader.catchUp(42, new Set(['ContactRegistered', 'ClientStatusChanged']));
    waited.length = 0;

    await reader.catchUp(43, new Set(['ClientStatusChanged']));

    expect(waited).toEqual([subscriptionIdOf(clientSearchProjection)]);
  });

  it('given no catch-up yet (a start), when asked with the batch types, then every read model is waited for', async () => {
    const { database, store } = fakes(false);
    const waitFor = jest.fn(async () => undefined);
    await new ReadModelRelationsReader(database, store, ids.map((id) => local(id, waitFor))).catchUp(42, new Set(['ClientStatusChanged']));
    expect(waitFor).toHaveBeenCalledTimes(3);
  });

  it('given a catch-up that failed, when asked again with the batch types, then every read model is waited for', async () => {
    const { database, store, query } = fakes(false);
    let answering = true;
    const waitFor = jest.fn(async () => {
      if (!answering) throw new Error('not running');
    });
    const reader = new ReadModelRelationsReader(database, store, ids.map((id) => local(id, waitFor)));
    await reader.catchUp(42, new Set(['ClientStatusChanged']));
    // A catch-up fails: the read models stop answering, and their checkpoints cannot be read
    answering = false;
    query.mockRejectedValueOnce(new Error('connection lost'));
    await expect(reader.catchUp(43, new Set(['ContactRegistered']))).rejects.toThrow('connection lost');
    answering = true;
    waitFor.mockClear();

    await reader.catchUp(44, new Set(['ClientStatusChanged']));

    expect(waitFor).toHaveBeenCalledTimes(3);
  });

  it('given read models kept by another process, when asked to catch up, then each checkpoint is polled', async () => {
    const { database, store, query } = fakes(true);
    await new ReadModelRelationsReader(database, store).catchUp(42);
    expect(query).toHaveBeenCalledTimes(3);
  });
});
