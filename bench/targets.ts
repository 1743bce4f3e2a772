import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { printTable } from './support';

/**
 * The figures the hub is held to, at the benchmarks' default sizes (8 callers, 100,000 events):
 * each ratio is the median of its rounds, the rate the best round, as the tables above print them.
 */
const TARGETS = {
  hubPerRaw: { label: 'register client: hub / raw single-row INSERT', atLeast: 0.8 },
  hubPerEmmett: { label: 'register client: hub / Emmett', atLeast: 2 },
  rebuildPerRawRead: { label: 'rebuild client search: x raw read of the same rows (its fold columns)', atLeast: 0.5 },
  rebuildRate: { label: 'rebuild client search: events/s', atLeast: 100_000 },
} as const;

export type TargetName = keyof typeof TARGETS;

const shown = (value: number): string => (value >= 100 ? String(Math.round(value)) : value.toFixed(2));

/** A figure, and whether it was measured at the sizes its target is set at (the benchmarks' own test runs others). */
interface Figure {
  value: number;
  atDefaultSizes: boolean;
}

/**
 * What a run measured against the targets, printed at its end. A report only: the machine's speed
 * moves these figures from run to run, so a run never fails on them.
 */
export class TargetReport {
  private readonly measured = new Map<TargetName, Figure>();

  /** What the benchmarks before (each in a process of its own) wrote, if any. */
  static readFrom(file: string): TargetReport {
    const report = new TargetReport();
    if (!existsSync(file)) return report;
    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<TargetName, Figure>;
    for (const [name, { value, atDefaultSizes }] of Object.entries(written)) report.record(name as TargetName, value, atDefaultSizes);
    return report;
  }

  writeTo(file: string): void {
    writeFileSync(file, JSON.stringify(Object.fromEntries(this.measured)));
  }

  record(name: TargetName, value: number, atDefaultSizes: boolean): void {
    this.measured.set(name, { value, atDefaultSizes });
  }

  print(): void {
    if (this.measured.size === 0) return;
    const otherSizes = [...this.measured.values()].some((figure) => !figure.atDefaultSizes);
    const rows = (Object.keys(TARGETS) as TargetName[]).flatMap((name): Array<[string, string]> => {
      const { value } = this.measured.get(name) ?? {};
      if (value === undefined) return [];
      const { label, atLeast } = TARGETS[name];
      return [[`${label} >= ${shown(atLeast)}`, `${shown(value)}  ${value >= atLeast ? 'met' : 'short'}`]];
    });
    printTable(`targets, as this run measured them${otherSizes ? ' (at sizes other than the defaults they are set at: not comparable)' : ''}`, rows);
  }
}
