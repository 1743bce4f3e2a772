import { SerialLane } from './serial-lane';

describe('SerialLane', () => {
  const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  it('runs tasks one at a time, in order', async () => {
    const lane = new SerialLane();
    const events: string[] = [];
    const task = (name: string, ms: number) => async (): Promise<string> => {
      events.push(`start ${name}`);
      await tick(ms);
      events.push(`end ${name}`);
      return name;
    };

    const results = await Promise.all([lane.run(task('a', 30)), lane.run(task('b', 1)), lane.run(task('c', 1))]);

    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('a failed task fails its own caller and does not block the next', async () => {
    const lane = new SerialLane();
    const failing = lane.run(async () => {
      throw new Error('boom');
    });
    const next = lane.run(async () => 'ok');

    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
