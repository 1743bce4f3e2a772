import { benchAudit } from './audit.bench';
import { benchProjectionRebuild, benchSpreadLogRebuild } from './projection-rebuild.bench';
import { benchReadYourWrites } from './read-your-writes.bench';
import { benchRegisterClient } from './register-client.bench';
import { benchSync } from './sync.bench';
import { TargetReport } from './targets';

/** `npm run bench`: every figure beside its baseline measured in the same run. */
async function main(): Promise<void> {
  const only = process.argv[2];
  // The figures depend on them: the hub's start scripts give Node the same flags.
  const flags = [...process.execArgv.filter((flag) => flag.startsWith('--')), ...(process.env.NODE_OPTIONS ? [process.env.NODE_OPTIONS] : [])];
  console.log(`node ${process.version} ${flags.join(' ')}`);
  const targets = new TargetReport();
  if (!only || only === 'commands') await benchRegisterClient(targets);
  if (!only || only === 'rebuild') await benchProjectionRebuild(targets);
  if (!only || only === 'rebuild' || only === 'rebuild-spread') await benchSpreadLogRebuild();
  if (!only || only === 'audit') await benchAudit();
  if (!only || only === 'sync') await benchSync();
  if (!only || only === 'waiters') await benchReadYourWrites();
  targets.print();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
