import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describeOnPostgres, postgresUrl } from '../libs/eventstore/src/testing/test-database';
import { startPrivateRedis } from './support/private-redis';
import { dropDatabase, onServer } from './support/scratch-database';

const root = join(__dirname, '..');
const serverUrl = postgresUrl ?? '';

/** Runs the README's `npm run bench` with the given environment; resolves with its exit code and output. */
function runBenchmarks(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'bench'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // A group of its own: npm runs Node through a shell, and a hang is stopped as a whole.
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Well inside the test's own timeout, so a run that hangs is reported with its output.
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 240_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const databasesNamed = async (prefix: string): Promise<string[]> =>
  (await onServer<{ datname: string }>(serverUrl, 'select datname from pg_database where starts_with(datname, $1)', [prefix])).map((row) => row.datname);

/** What a benchmark that failed or was stopped left behind. */
const dropDatabasesNamed = async (prefix: string): Promise<void> => {
  for (const name of await databasesNamed(prefix)) await dropDatabase(serverUrl, name);
};

// The benchmarks are the README's way to measure; typechecking sees their code but not their SQL,
// so a statement that lost a parameter went unnoticed until someone ran them.
describeOnPostgres('the benchmarks, run small', () => {
  it('given small sizes, when `npm run bench` runs every benchmark, then each prints its figures beside its baseline and drops its database', async () => {
    // Given a Redis of the test's own and database names no developer's run uses
    const redis = await startPrivateRedis();
    const prefix = `koppelhub_benchtest_${process.pid}`;
    try {
      // When every benchmark runs, on a small scale
      const { code, output } = await runBenchmarks({
        DATABASE_URL: serverUrl,
        REDIS_URL: redis.url,
        BENCH_DATABASE_PREFIX: prefix,
        BENCH_COMMANDS: '80',
        BENCH_ROUNDS: '1',
        BENCH_EVENTS: '1000',
        BENCH_REBUILD_ROUNDS: '1',
        BENCH_AUDIT_EVENTS: '2000',
        BENCH_SYNC_CLIENTS: '10',
        BENCH_WAIT_ROUNDS: '5',
        BENCH_WAIT_CALLERS: '3',
      });

      // Then it ends well, with each benchmark's figure beside its baseline
      expect({ code, output }).toEqual({ code: 0, output: expect.any(String) });
      expect(output).toMatch(/hub \/ raw\s+\d+\.\d\d/);
      expect(output).toMatch(/hub \/ Emmett\s+\d+\.\d\d/);
      expect(output).toMatch(/rebuild client-search \(best of 1\)\s+\d+ events\/s \(\d+\.\d\d x raw read, rounds [^;]+; \d+\.\d\d x the whole events' read\)/);
      expect(output).toMatch(
        /a log spread over time[^\n]*\n\s+raw read of the 1000 events client-search folds, their fold columns[^\n]*\n\s+raw read of the same events whole[^\n]*\n\s+rebuild client-search \(best of 1\)\s+\d+ events\/s \(\d+\.\d\d x raw read/,
      );
      expect(output).toMatch(/verify hash chains\s+\d+ events\/s \(\d+\.\d\d x raw read\)/);
      expect(output).toMatch(/pushes \/ no-op jobs\s+\d+\.\d\d/);
      expect(output).toMatch(/3 callers \/ 1 caller \(time\)\s+\d+\.\d\d/);
      // ... and at its end, each target beside what the run measured, marked as not comparable at these sizes
      expect(output).toMatch(
        new RegExp(
          [
            'targets, as this run measured them \\(at sizes other than the defaults[^\\n]*',
            'register client: hub / raw single-row INSERT >= 0\\.80\\s+\\d+\\.\\d\\d  (met|short)',
            'register client: hub / Emmett >= 2\\.00\\s+\\d+\\.\\d\\d  (met|short)',
            'rebuild client search: x raw read of the same rows \\(its fold columns\\) >= 0\\.50\\s+\\d+\\.\\d\\d  (met|short)',
            'rebuild client search: events/s >= 100000\\s+\\d+  (met|short)',
          ].join('\\n\\s+'),
        ),
      );
      // ... and no database of the run is left behind
      expect(await databasesNamed(prefix)).toEqual([]);
    } finally {
      await redis.stop();
      await dropDatabasesNamed(prefix);
    }
  }, 300_000);
});
