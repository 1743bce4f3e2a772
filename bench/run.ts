import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchAudit } from './audit.bench';
import { benchProjectionRebuild, benchSpreadLogRebuild } from './projection-rebuild.bench';
import { benchReadYourWrites } from './read-your-writes.bench';
import { benchRegisterClient } from './register-client.bench';
import { benchSync } from './sync.bench';
import { TargetReport } from './targets';

/** Each benchmark by the name `npm run bench -- <name>` runs it under. */
const BENCHMARKS: Record<string, (targets: TargetReport) => Promise<void>> = {
  commands: (targets) => benchRegisterClient(targets),
  rebuild: async (targets) => {
    await benchProjectionRebuild(targets);
    await benchSpreadLogRebuild();
  },
  'rebuild-spread': () => benchSpreadLogRebuild(),
  audit: () => benchAudit(),
  sync: () => benchSync(),
  waiters: () => benchReadYourWrites(),
};
/** What `npm run bench` alone runs (`rebuild` takes the spread log's part too). */
const EVERY = ['commands', 'rebuild', 'audit', 'sync', 'waiters'];

/** Set for a benchmark's own process: where its figures against the targets go. */
const TARGETS_FILE = 'BENCH_TARGETS_FILE';

/**
 * `npm run bench`: every figure beside its baseline measured in the same run. Each benchmark runs
 * in a Node process of its own, as the CLI rebuilds: after the commands benchmark in the same
 * process, a rebuild ran at about two thirds of its rate (docs/architecture.md, "Ceilings").
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  if (only && !(only in BENCHMARKS)) throw new Error(`no benchmark named ${only}: one of ${Object.keys(BENCHMARKS).join(', ')}`);
  const targetsFile = process.env[TARGETS_FILE];
  if (targetsFile) {
    const targets = TargetReport.readFrom(targetsFile);
    await BENCHMARKS[only](targets);
    targets.writeTo(targetsFile);
    return;
  }
  // The figures depend on them: the hub's start scripts give Node the same flags.
  const flags = [...process.execArgv.filter((flag) => flag.startsWith('--')), ...(process.env.NODE_OPTIONS ? [process.env.NODE_OPTIONS] : [])];
  console.log(`node ${process.version} ${flags.join(' ')}`);
  const directory = mkdtempSync(join(tmpdir(), 'koppelhub-bench-'));
  try {
    const file = join(directory, 'targets.json');
    for (const name of only ? [only] : EVERY) await runInProcessOfItsOwn(name, file);
    TargetReport.readFrom(file).print();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** This script again, with the same Node flags, for the one benchmark `name`. */
function runInProcessOfItsOwn(name: string, targetsFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename, name], {
      env: { ...process.env, [TARGETS_FILE]: targetsFile },
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`benchmark ${name} ended with ${signal ?? `exit code ${code}`}`)),
    );
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
