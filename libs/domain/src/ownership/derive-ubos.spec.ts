import { deriveUbos } from './derive-ubos';
import type { Ownership } from './ownership.events';

const own = (ownerId: string, ownedId: string, percent: number): Ownership => ({ ownershipId: `${ownerId}>${ownedId}`, ownerId, ownedId, percent });
const isPerson = (id: string) => id.startsWith('DGA');

/** Levels 1 (bottom) to `levels` (top) of companies A and B; each owns 50 % of both companies one level below. */
function ladder(levels: number): Ownership[] {
  const links: Ownership[] = [];
  for (let level = 2; level <= levels; level++) {
    for (const owner of ['A', 'B']) {
      for (const owned of ['A', 'B']) links.push(own(`L${level}${owner}`, `L${level - 1}${owned}`, 50));
    }
  }
  return links;
}

/** The chain-by-chain walk deriveUbos used before, kept as the oracle for small structures. */
function chainByChainShares(clientId: string, links: readonly Ownership[]) {
  const shares = new Map<string, { fraction: number; indirect: boolean }>();
  const walk = (ownedId: string, fraction: number, depth: number, path: ReadonlySet<string>) => {
    for (const link of links.filter((l) => l.ownedId === ownedId)) {
      if (path.has(link.ownerId)) continue;
      const share = (fraction * link.percent) / 100;
      if (isPerson(link.ownerId)) {
        const current = shares.get(link.ownerId) ?? { fraction: 0, indirect: false };
        shares.set(link.ownerId, { fraction: current.fraction + share, indirect: current.indirect || depth > 0 });
      } else {
        walk(link.ownerId, share, depth + 1, new Set([...path, link.ownerId]));
      }
    }
  };
  walk(clientId, 1, 0, new Set([clientId]));
  return [...shares]
    .map(([personId, { fraction, indirect }]) => ({ personId, percent: Math.round(fraction * 100 * 10_000) / 10_000, indirect, pseudo: false }))
    .filter((ubo) => ubo.percent > 25)
    .sort((a, b) => b.percent - a.percent || a.personId.localeCompare(b.personId));
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An acyclic structure: company Ci is only owned by companies Cj with j > i and by persons, at most 100 % in total. */
function randomStructure(random: () => number, companies: number): Ownership[] {
  const links: Ownership[] = [];
  for (let owned = 0; owned < companies; owned++) {
    const candidates = [...Array.from({ length: companies - owned - 1 }, (_, i) => `C${owned + 1 + i}`), 'DGA1', 'DGA2', 'DGA3'];
    let left = 100_00;
    for (const owner of candidates) {
      if (left === 0 || random() < 0.4) continue;
      const hundredths = 1 + Math.floor(random() * left);
      left -= hundredths;
      links.push(own(owner, `C${owned}`, hundredths / 100));
    }
  }
  return links;
}

describe('UBO derivation over many chains', () => {
  it('given a ladder of 40 levels (2^40 chains), when the UBOs of the bottom company are derived, then both persons hold exactly 50 %', () => {
    const links = [...ladder(40), own('DGA1', 'L40A', 50), own('DGA1', 'L40B', 50), own('DGA2', 'L40A', 50), own('DGA2', 'L40B', 50)];

    expect(deriveUbos('L1A', links, isPerson)).toEqual([
      { personId: 'DGA1', percent: 50, indirect: true, pseudo: false },
      { personId: 'DGA2', percent: 50, indirect: true, pseudo: false },
    ]);
  });

  it('given a ladder of 40 levels under uneven owners and a direct holder, when derived, then shares are multiplied and added over all chains', () => {
    // T: 60 % L1A, 40 % DGA3. Every ladder company holds half of L1A; DGA1 owns 70 % of L40A, DGA2 30 % of L40A and all of L40B.
    const links = [...ladder(40), own('L1A', 'T', 60), own('DGA3', 'T', 40), own('DGA1', 'L40A', 70), own('DGA2', 'L40A', 30), own('DGA2', 'L40B', 100)];

    expect(deriveUbos('T', links, isPerson)).toEqual([
      { personId: 'DGA3', percent: 40, indirect: false, pseudo: false },
      { personId: 'DGA2', percent: 39, indirect: true, pseudo: false },
    ]);
    // DGA1: 60 % × 50 % × 70 % = 21 %, under the threshold, still counted for a pseudo-UBO.
    expect(deriveUbos('T', links.filter((l) => l.ownerId !== 'DGA2' && l.ownerId !== 'DGA3'), isPerson, [{ personId: 'DGA1' }])).toEqual([
      { personId: 'DGA1', percent: 21, indirect: false, pseudo: true },
    ]);
  });

  it('given random acyclic structures, when derived, then the result is the one of walking every chain separately', () => {
    const random = seeded(20_240_601);
    for (let round = 0; round < 200; round++) {
      const links = randomStructure(random, 2 + Math.floor(random() * 7));
      for (const clientId of new Set(links.map((l) => l.ownedId))) {
        expect({ clientId, links, ubos: deriveUbos(clientId, links, isPerson) }).toEqual({ clientId, links, ubos: chainByChainShares(clientId, links) });
      }
    }
  });

  // On cycles the result depends on which link is met first (the old walk cut each chain on its own
  // and could differ): a recorded structure has none, so it only has to end, not to agree.
  it('given a stale read model with cycles, when derived, then it ends and the links closing a cycle are skipped', () => {
    // T ← A ← B ← A is a cycle above T; T ← C ← T one through T itself.
    const links = [own('A', 'T', 60), own('B', 'A', 100), own('A', 'B', 50), own('DGA1', 'B', 50), own('C', 'T', 40), own('T', 'C', 10), own('DGA2', 'C', 90)];

    expect(deriveUbos('T', links, isPerson)).toEqual([
      { personId: 'DGA2', percent: 36, indirect: true, pseudo: false },
      { personId: 'DGA1', percent: 30, indirect: true, pseudo: false },
    ]);
  });
});
