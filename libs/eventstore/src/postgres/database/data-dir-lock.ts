import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The embedded database's folder is held by another live process: opening it too would corrupt it. */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by process ${pid} (the API?): stop it first, ` +
        'or run both against a PostgreSQL server (DATABASE_URL)',
    );
    this.name = 'DataDirInUse';
  }
}

const LOCK_FILE = 'koppelhub.pid';

/** The tokens of the locks this process holds: a lock naming its pid but none of these is an earlier process's. */
const held = new Set<string>();

/**
 * Takes the folder for this process. PGlite has no lock of its own, and two processes writing one
 * folder leave it unreadable (an operator's CLI run next to the API would do it). A lock left by
 * a process that no longer runs is taken over, and so is one naming this very process's pid and
 * host that it never took: a container restarted after a crash runs the hub as process 1 again,
 * under the same host name. Another container on the same volume has another host name, and its
 * process 1 is not this one. Returns the release.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      const token = randomUUID();
      writeSync(fd, `${process.pid} ${token} ${hostname()}`);
      closeSync(fd);
      held.add(token);
      return () => {
        held.delete(token);
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const [pid, token, host] = readFileSync(path, 'utf8').trim().split(' ');
    const holder = Number(pid);
    const earlierSelf = holder === process.pid && host === hostname() && !held.has(token ?? '');
    if (Number.isInteger(holder) && holder > 0 && !earlierSelf && isRunning(holder)) throw new DataDirInUse(dataDir, holder);
    // Left behind by a process that stopped without closing: take it over.
    rmSync(path, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
