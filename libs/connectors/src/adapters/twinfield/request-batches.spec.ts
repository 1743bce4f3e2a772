import { RequestBatches } from './request-batches';
import { type Lane, SerialLane } from './serial-lane';

/** A request the test answers by hand. */
function controlledSend() {
  const requests: Array<{ items: string[]; answer: (answers: Array<string | Error>) => void; fail: (error: Error) => void }> = [];
  const send = (items: string[]) =>
    new Promise<Array<string | Error>>((answer, fail) => {
      requests.push({ items, answer, fail });
    });
  return { requests, send };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('RequestBatches', () => {
  it('sends the first item at once and gathers the ones after it for the next request', async () => {
    // given one request on its way
    const { requests, send } = controlledSend();
    const batches = new RequestBatches(new SerialLane(), 25, send);
    const first = batches.submit('a');
    await turn();

    // when three more are handed in meanwhile
    const later = ['b', 'c', 'd'].map((item) => batches.submit(item));
    await turn();
    expect(requests.map((request) => request.items)).toEqual([['a']]);
    requests[0]!.answer(['A']);

    // then they go together in the next request, each resolved with its own answer
    await turn();
    expect(requests.map((request) => request.items)).toEqual([['a'], ['b', 'c', 'd']]);
    requests[1]!.answer(['B', new Error('c refused'), 'D']);
    expect(await first).toBe('A');
    expect(await Promise.allSettled(later)).toEqual([
      { status: 'fulfilled', value: 'B' },
      { status: 'rejected', reason: new Error('c refused') },
      { status: 'fulfilled', value: 'D' },
    ]);
  });

  it('never puts more than maxPerRequest items in one request', async () => {
    const { requests, send } = controlledSend();
    const batches = new RequestBatches(new SerialLane(), 2, send);
    const all = ['a', 'b', 'c', 'd', 'e'].map((item) => batches.submit(item));

    for (let i = 0; i < 3; i++) {
      await turn();
      requests[i]!.answer(requests[i]!.items.map((item) => item.toUpperCase()));
    }

    expect(requests.map((request) => request.items)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(await Promise.all(all)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('fails every item of a request that fails, and goes on with the next', async () => {
    const { requests, send } = controlledSend();
    const batches = new RequestBatches(new SerialLane(), 25, send);
    const first = batches.submit('a');
    await turn();
    const failing = [batches.submit('b'), batches.submit('c')];
    requests[0]!.answer(['A']);
    await first;
    await turn();

    requests[1]!.fail(new Error('HTTP 500'));

    expect(await Promise.allSettled(failing)).toEqual([
      { status: 'rejected', reason: new Error('HTTP 500') },
      { status: 'rejected', reason: new Error('HTTP 500') },
    ]);
    const next = batches.submit('d');
    await turn();
    requests[2]!.answer(['D']);
    expect(await next).toBe('D');
  });

  it('gives every item of a request that fails the error as the shared hook makes it from all the items', async () => {
    // given a hook that takes every item's own text out of a shared error
    const { requests, send } = controlledSend();
    const shared = (error: unknown, items: string[]) => new Error(items.reduce((message, item) => message.split(item).join('[redacted]'), (error as Error).message));
    const batches = new RequestBatches(new SerialLane(), 25, send, shared);
    const both = [batches.submit('alpha'), batches.submit('bravo')];
    await turn();

    // when the request fails echoing both
    requests[0]!.fail(new Error('could not process alpha, bravo'));

    // then each gets the error without either item in it
    expect(await Promise.allSettled(both)).toEqual([
      { status: 'rejected', reason: new Error('could not process [redacted], [redacted]') },
      { status: 'rejected', reason: new Error('could not process [redacted], [redacted]') },
    ]);
  });

  it('fails every item when the answers do not match the items sent', async () => {
    const { requests, send } = controlledSend();
    const batches = new RequestBatches(new SerialLane(), 25, send);
    const both = [batches.submit('a'), batches.submit('b')];
    await turn();

    requests[0]!.answer(['A']);

    const outcomes = await Promise.allSettled(both);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect((outcomes[0] as PromiseRejectedResult).reason).toEqual(new Error('expected 2 answers, got 1'));
  });

  it('fails the waiting items when the lane cannot give a turn, and tries again for later ones', async () => {
    // given a lane whose first turn fails before the task runs (a shared lane's database gone)
    let refuse = true;
    const lane: Lane = {
      run: (task) => (refuse ? Promise.reject(new Error('lane unavailable')) : task()),
    };
    const { requests, send } = controlledSend();
    const batches = new RequestBatches(lane, 25, send);

    await expect(batches.submit('a')).rejects.toThrow('lane unavailable');

    refuse = false;
    const later = batches.submit('b');
    await turn();
    requests[0]!.answer(['B']);
    expect(await later).toBe('B');
  });
});
