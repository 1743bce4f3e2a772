import { hash, randomUUID } from 'node:crypto';
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 *
 * The lock is written whole to a file of its own and then linked into place, so nobody ever reads
 * it empty or half written (a lock read empty named no process and was taken over, from a process
 * that was taking it). See `take` for how several processes finding one stale lock agree.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const token = randomUUID();
  const content = `${process.pid} ${token} ${hostname()}`;
  const draft = join(dataDir, `${LOCK_FILE}.${token}.tmp`);
  writeFileSync(draft, content, { flag: 'wx' });
  try {
    take(dataDir, path, draft);
  } finally {
    rmSync(draft, { force: true });
  }
  held.add(token);
  return () => {
    held.delete(token);
    // Its own lock only: never one another process took after this one's was removed.
    if (readLock(path) === content) rmSync(path, { force: true });
  };
}

/**
 * Links `draft` at `path`: a link never replaces a file, so of the processes linking at once one
 * gets the lock. A stale lock in the way is removed only by the process that claims that very lock
 * (a claim is a lock itself, taken the same way, named after the stale content), and only while it
 * is still there: two processes removing one stale lock, the second removed the lock the first had
 * just taken, and both went on. A claim left by a process that stopped mid-way is stale in turn.
 */
function take(dataDir: string, path: string, draft: string): void {
  for (;;) {
    try {
      linkSync(draft, path);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const found = readLock(path);
    // Released meanwhile: link again.
    if (found === undefined) continue;
    const holder = liveHolder(found);
    if (holder !== undefined) throw new DataDirInUse(dataDir, holder);
    // Left behind by a process that stopped without closing: take it over. A live process
    // claiming it is taking it over: the folder is in use by that one.
    const claim = `${path}.claim-${hash('sha256', found).slice(0, 16)}`;
    take(dataDir, claim, draft);
    try {
      // While this process holds the claim, no other removes the stale lock: it is either still
      // there, or another claimant replaced it before this claim was taken.
      if (readLock(path) === found) rmSync(path, { force: true });
    } finally {
      rmSync(claim, { force: true });
    }
  }
}

function readLock(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The process holding a lock of this content, or undefined when it is stale. */
function liveHolder(content: string): number | undefined {
  const [pid, token, host] = content.trim().split(' ');
  const holder = Number(pid);
  const earlierSelf = holder === process.pid && host === hostname() && !held.has(token ?? '');
  return Number.isInteger(holder) && holder > 0 && !earlierSelf && isRunning(holder) ? holder : undefined;
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
