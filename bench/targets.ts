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

/** Sizes the targets are set at; a run at others (the benchmarks' own test) is not comparable. */
const DEFAULT_SIZES: Record<string, string> = { BENCH_COMMANDS: '4000', BENCH_CONCURRENCY: '8', BENCH_EVENTS: '100000' };

const shown = (value: number): string => (value >= 100 ? String(Math.round(value)) : value.toFixed(2));

/**
 * What a run measured against the targets, printed at its end. A report only: the machine's speed
 * moves these figures from run to run, so a run never fails on them.
 */
export class TargetReport {
  private readonly measured = new Map<TargetName, number>();

  /** What the benchmarks before (each in a process of its own) wrote, if any. */
  static readFrom(file: string): TargetReport {
    const report = new TargetReport();
    if (!existsSync(file)) return report;
    for (const [name, value] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<TargetName, number>)) {
      report.record(name as TargetName, value);
    }
    return report;
  }

  writeTo(file: string): void {
    writeFileSync(file, JSON.stringify(Object.fromEntries(this.measured)));
  }

  record(name: TargetName, value: number): void {
    this.measured.set(name, value);
  }

  print(): void {
    if (this.measured.size === 0) return;
    const otherSizes = Object.entries(DEFAULT_SIZES).some(([name, value]) => process.env[name] !== undefined && process.env[name] !== value);
    const rows = (Object.keys(TARGETS) as TargetName[]).flatMap((name): Array<[string, string]> => {
      const value = this.measured.get(name);
      if (value === undefined) return [];
      const { label, atLeast } = TARGETS[name];
      return [[`${label} >= ${shown(atLeast)}`, `${shown(value)}  ${value >= atLeast ? 'met' : 'short'}`]];
    });
    printTable(`targets, as this run measured them${otherSizes ? ' (at sizes other than the defaults they are set at: not comparable)' : ''}`, rows);
  }
}
