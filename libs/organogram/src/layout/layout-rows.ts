import type { OrganogramClient, OrganogramOwnership } from '../organogram.model';

export interface LayoutOptions {
  /** Clients side by side on one ownership level before the rest wraps to a new row (default 8). */
  maxPerRow?: number;
}

export function maxPerRowOf(options: LayoutOptions): number {
  return Math.max(1, Math.floor(options.maxPerRow ?? 8));
}

/**
 * Ownership level per client: 0 for a client nobody in the model owns, else one below its deepest
 * owner. A cycle (A owns B owns A, which the registry does not forbid) is cut where it closes.
 */
export function ownershipLevels(clients: readonly OrganogramClient[], ownerships: readonly OrganogramOwnership[]): Map<string, number> {
  const owners = new Map<string, string[]>();
  for (const o of ownerships) owners.set(o.ownedId, [...(owners.get(o.ownedId) ?? []), o.ownerId]);
  const levels = new Map<string, number>();
  const visiting = new Set<string>();
  const levelOf = (id: string): number => {
    const known = levels.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return -1; // the owner that closes a cycle does not push this client down
    visiting.add(id);
    const level = Math.max(-1, ...(owners.get(id) ?? []).map(levelOf)) + 1;
    visiting.delete(id);
    levels.set(id, level);
    return level;
  };
  for (const client of clients) levelOf(client.id);
  return levels;
}

/**
 * The clients in rows, top to bottom: one band per ownership level, and a level wider than
 * `maxPerRow` wrapped into several rows (like Graphviz's `unflatten`), so 30 clients do not make one
 * enormous row. Within a level, siblings stay together: ordered on their largest owner, then number.
 */
export interface LayoutRow {
  level: number;
  clientIds: string[];
  /** True when this row is the wrapped rest of the level of the row above. */
  wrapped: boolean;
}

export function layoutRows(
  clients: readonly OrganogramClient[],
  ownerships: readonly OrganogramOwnership[],
  maxPerRow: number,
): LayoutRow[] {
  const levels = ownershipLevels(clients, ownerships);
  const order = new Map(clients.map((client, i) => [client.id, i]));
  const mainOwner = new Map<string, number>();
  for (const o of [...ownerships].sort((a, b) => a.percent - b.percent)) mainOwner.set(o.ownedId, order.get(o.ownerId) ?? -1);

  const byLevel = new Map<number, OrganogramClient[]>();
  for (const client of clients) {
    const level = levels.get(client.id) ?? 0;
    byLevel.set(level, [...(byLevel.get(level) ?? []), client]);
  }

  const rows: LayoutRow[] = [];
  for (const level of [...byLevel.keys()].sort((a, b) => a - b)) {
    const sorted = [...(byLevel.get(level) ?? [])].sort(
      (a, b) =>
        (mainOwner.get(a.id) ?? -1) - (mainOwner.get(b.id) ?? -1) ||
        a.clientNumber.localeCompare(b.clientNumber, 'nl', { numeric: true }),
    );
    for (let i = 0; i < sorted.length; i += maxPerRow) {
      rows.push({ level, clientIds: sorted.slice(i, i + maxPerRow).map((c) => c.id), wrapped: i > 0 });
    }
  }
  return rows;
}
