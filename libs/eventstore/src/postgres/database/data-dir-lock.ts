import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
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

/**
 * Takes the folder for this process. PGlite has no lock of its own, and two processes writing one
 * folder leave it unreadable (an operator's CLI run next to the API would do it). A lock left by
 * a process that no longer runs is taken over. Returns the release.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) throw new DataDirInUse(dataDir, holder);
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
