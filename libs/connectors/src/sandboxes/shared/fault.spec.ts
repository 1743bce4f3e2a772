import { parseFault } from './fault';
import { FaultQueue } from './fault-queue';

describe('parseFault', () => {
  it('accepts the four kinds', () => {
    expect(parseFault({ kind: 'status', status: 500, count: 3 })).toEqual({ kind: 'status', status: 500, count: 3 });
    expect(parseFault({ kind: 'rate-limit', retryAfterSeconds: 1 })).toEqual({ kind: 'rate-limit', retryAfterSeconds: 1, count: 1 });
    expect(parseFault({ kind: 'delay', ms: 2000 })).toEqual({ kind: 'delay', ms: 2000, count: 1 });
    expect(parseFault({ kind: 'permanent', message: 'Nee' })).toEqual({ kind: 'permanent', message: 'Nee', count: 1 });
  });

  it.each([
    [null, 'fault must be a JSON object'],
    [{ kind: 'status', status: 200 }, 'status must be 400..599'],
    [{ kind: 'delay' }, 'ms must be >= 0'],
    [{ kind: 'status', status: 500, count: 0 }, 'count must be a positive integer'],
    [{ kind: 'explode' }, 'kind must be one of status, rate-limit, delay, permanent'],
  ])('refuses %j', (input, reason) => {
    expect(parseFault(input)).toBe(reason);
  });
});

describe('FaultQueue', () => {
  it('plays each fault count times, in order', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'status', status: 500, count: 2 });
    queue.add({ kind: 'delay', ms: 10 });
    expect(queue.size()).toBe(3);
    expect(queue.take()?.kind).toBe('status');
    expect(queue.take()?.kind).toBe('status');
    expect(queue.take()?.kind).toBe('delay');
    expect(queue.take()).toBeUndefined();
  });

  it('clears', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'status', status: 500, count: 5 });
    queue.clear();
    expect(queue.take()).toBeUndefined();
  });
});
