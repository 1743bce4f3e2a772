import { randomBytes } from 'node:crypto';
import { createDatabaseNamed, type ScratchDatabase } from '../test/support/scratch-database';
import { type PhaseSpent, startPhase } from './phase-meter';

/** Every run starts on fresh databases, so a throwaway personal-data master key will do. */
export const BENCH_PERSONAL_DATA_KEY = randomBytes(32).toString('base64');

/**
 * A fresh database per benchmark run, so every engine starts from empty tables (`drop` removes it
 * again): named after the benchmark, behind `BENCH_DATABASE_PREFIX` (default `koppelhub_bench`), so
 * that runs side by side (the benchmarks' own test beside a developer's run) never drop each other's.
 */
export function freshDatabase(serverUrl: string, bench: string): Promise<ScratchDatabase> {
  const prefix = process.env.BENCH_DATABASE_PREFIX ?? 'koppelhub_bench';
  const name = `${prefix}_${bench}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DATABASE_PREFIX: ${prefix} does not make a plain database name`);
  return createDatabaseNamed(serverUrl, name);
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; returns the time and CPU taken. */
export async function timed(count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<PhaseSpent> {
  let next = 0;
  const done = startPhase();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return done();
}

export const rate = (count: number, seconds: number): number => Math.round(count / seconds);

/** The middle of the rounds' values (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
export const ratio = (a: number, b: number): string => (a / b).toFixed(2);

export function printTable(title: string, rows: Array<[string, string]>): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n${title}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

export const serverUrl = (): string => {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  return url;
};
