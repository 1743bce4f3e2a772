import type { RecordedEvent } from '@koppelhub/eventstore';
import { RecentHistories } from './recent-histories';

const upTo = (position: number) => [{ position: position - 1 }, { position }] as RecordedEvent[];

describe('recent client histories', () => {
  it('given a history kept, then it serves positions it reaches and no later one', () => {
    const recent = new RecentHistories(10);
    recent.keep('a', upTo(7));

    expect(recent.reaching('a', 7)).toEqual(upTo(7));
    expect(recent.reaching('a', 3)).toEqual(upTo(7));
    expect(recent.reaching('a', 8)).toBeUndefined();
    expect(recent.reaching('b', 1)).toBeUndefined();
  });

  it('given more clients than it holds, then the one kept longest ago goes first', () => {
    const recent = new RecentHistories(2);
    recent.keep('a', upTo(1));
    recent.keep('b', upTo(2));
    recent.keep('a', upTo(3));
    recent.keep('c', upTo(4));

    expect(recent.reaching('b', 0)).toBeUndefined();
    expect(recent.reaching('a', 3)).toBeDefined();
    expect(recent.reaching('c', 4)).toBeDefined();
  });

  it('given a newer history kept, when an older read finishes after it, then the newer one stays', () => {
    // A dispatcher's read begun before a job's read of a later event, finishing last
    const recent = new RecentHistories(10);
    recent.keep('a', upTo(12));
    recent.keep('a', upTo(10));

    expect(recent.reaching('a', 10)).toEqual(upTo(12));
  });

  it('given an empty history, then it serves nothing', () => {
    const recent = new RecentHistories(2);
    recent.keep('a', []);
    expect(recent.reaching('a', 0)).toBeUndefined();
  });

  it('given a history kept longer than its time, then it serves nothing and the next keep lets it go', () => {
    let now = 0;
    const recent = new RecentHistories(10, 60_000, () => now);
    recent.keep('a', upTo(1));
    recent.keep('b', upTo(2));

    now = 60_000;
    expect(recent.reaching('a', 1)).toBeDefined();
    now = 60_001;
    expect(recent.reaching('a', 1)).toBeUndefined();

    // b, as old, goes at the next keep, though there is room for it
    recent.keep('c', upTo(3));
    expect(recent.size).toBe(1);
    expect(recent.reaching('c', 3)).toBeDefined();
  });
});
