import type { OrganogramClient, OrganogramOwnership } from '../organogram.model';
import { buildReferenceCluster } from '../testing/reference-cluster';
import { layoutRows, ownershipLevels } from './layout-rows';

function clients(ids: string[]): OrganogramClient[] {
  return ids.map((id, i) => ({ id, clientNumber: String(100 + i), name: id, kind: 'company', status: 'Klant', role: 'member', packages: [] }));
}

describe('layout rows', () => {
  it('levels the reference cluster by ownership', () => {
    const model = buildReferenceCluster();
    const levels = ownershipLevels(model.clients, model.ownerships);
    expect(Object.fromEntries(levels)).toEqual({ DGA1: 0, DGA2: 0, PH1: 1, PH2: 1, H: 2, W1: 3, W2: 3 });
    expect(layoutRows(model.clients, model.ownerships, 8).map((r) => r.clientIds)).toEqual([
      ['DGA1', 'DGA2'],
      ['PH1', 'PH2'],
      ['H'],
      ['W1', 'W2'],
    ]);
  });

  it('survives an ownership cycle', () => {
    const cycle: OrganogramOwnership[] = [
      { ownerId: 'A', ownedId: 'B', percent: 50 },
      { ownerId: 'B', ownedId: 'A', percent: 50 },
    ];
    const levels = ownershipLevels(clients(['A', 'B']), cycle);
    expect(new Set(levels.values()).size).toBe(2);
  });

  it('wraps a wide level into rows, keeping siblings of one owner together', () => {
    const ids = ['P', 'Q', ...Array.from({ length: 10 }, (_, i) => `c${i}`)];
    const ownerships = ids.slice(2).map((id, i) => ({ ownerId: i % 2 === 0 ? 'P' : 'Q', ownedId: id, percent: 100 }));
    const rows = layoutRows(clients(ids), ownerships, 4);
    expect(rows.map((r) => r.clientIds.length)).toEqual([2, 4, 4, 2]);
    expect(rows.map((r) => r.wrapped)).toEqual([false, false, true, true]);
    expect(rows[1].clientIds).toEqual(['c0', 'c2', 'c4', 'c6']);
  });
});
