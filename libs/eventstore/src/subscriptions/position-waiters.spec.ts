import { PositionNotReached, SubscriptionStopped } from '../errors';
import { PositionWaiters } from './position-waiters';

describe('callers waiting for a subscription to reach a position', () => {
  it('given callers waiting, when the subscription stops, then each is told at once that it stopped', async () => {
    const waiters = new PositionWaiters('projection-client-search');
    const waiting = [waiters.add(7, 60_000), waiters.add(9, 60_000)].map((wait) => wait.catch((error: Error) => error));

    waiters.stopWaiting();

    const errors = await Promise.all(waiting);
    expect(errors.map((error) => error instanceof SubscriptionStopped)).toEqual([true, true]);
    expect((errors[1] as Error).message).toBe('subscription projection-client-search stopped before it reached position 9');
    expect(waiters.size).toBe(0);
  });

  it('given a caller whose time runs out, then it is told the position was not reached', async () => {
    const waiters = new PositionWaiters('sync-dispatcher');

    await expect(waiters.add(3, 10)).rejects.toBeInstanceOf(PositionNotReached);
    expect(waiters.size).toBe(0);
  });

  it('given callers settled by a look, when the subscription stops later, then nothing is left to tell', async () => {
    const waiters = new PositionWaiters('projection-contacts');
    const waiting = waiters.add(5, 60_000);

    await waiters.settle(async (position) => position <= 5);
    waiters.stopWaiting();

    await expect(waiting).resolves.toBeUndefined();
  });
});
