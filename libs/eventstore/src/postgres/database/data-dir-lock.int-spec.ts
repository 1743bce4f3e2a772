import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformFileSync } from '@swc/core';
import { DataDirInUse } from './data-dir-lock';
import { openEmbeddedDatabase } from './embedded-database';

/** This lock module as plain JavaScript, for other processes to take the lock with. */
function compileLock(into: string): string {
  const file = join(into, 'data-dir-lock.js');
  const { code } = transformFileSync(join(__dirname, 'data-dir-lock.ts'), {
    swcrc: false,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  writeFileSync(file, code);
  return file;
}

/**
 * A process that takes the lock at `startAt` (all of a race at the same moment), says how that
 * went, and holds what it took until its input ends: one that stopped at once would leave a stale
 * lock for a slower one to take over, rightly.
 */
const RACER = `
const [lockModule, dataDir, startAt] = process.argv.slice(1);
const { lockDataDir } = require(lockModule);
while (Date.now() < Number(startAt));
let outcome;
try {
  lockDataDir(dataDir);
  outcome = 'took it';
} catch (error) {
  outcome = error.name === 'DataDirInUse' ? 'refused' : 'failed: ' + error.message;
}
process.stdout.write(outcome + '\\n');
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

/** Starts `racers` processes taking the folder's lock at once; what each got, sorted. */
async function race(lockModule: string, dataDir: string, racers: number): Promise<string[]> {
  const startAt = Date.now() + 1_500;
  const children = Array.from({ length: racers }, () =>
    spawn(process.execPath, ['-e', RACER, lockModule, dataDir, String(startAt)], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const exited = children.map((child) => new Promise((resolve) => child.on('exit', resolve)));
  try {
    const outcomes = await Promise.all(
      children.map(
        (child) =>
          new Promise<string>((resolve, reject) => {
            let out = '';
            child.stdout.on('data', (chunk: Buffer) => {
              out += chunk.toString();
              if (out.includes('\n')) resolve(out.trim());
            });
            child.on('exit', (code) => reject(new Error(`a racer exited (${code}) before saying how it went: ${out}`)));
          }),
      ),
    );
    return outcomes.sort();
  } finally {
    for (const child of children) child.stdin.end();
    await Promise.all(exited);
  }
}

/** A pid no process has any more. */
const stoppedProcess = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('one process at a time on an embedded database folder (PGlite)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kh-lock-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given the folder open in a running process, when it is opened again, then that is refused, and allowed once it is closed', async () => {
    const first = await openEmbeddedDatabase({ dataDir });
    try {
      await expect(openEmbeddedDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirInUse);
    } finally {
      await first.close();
    }

    const again = await openEmbeddedDatabase({ dataDir });
    await again.pool.query('select 1');
    await again.close();
    expect(existsSync(join(dataDir, 'koppelhub.pid'))).toBe(false);
  });

  it('given a lock naming this process and host that it never took (a container restarted as process 1), when the folder is opened, then the lock is taken over', async () => {
    writeFileSync(join(dataDir, 'koppelhub.pid'), `${process.pid} left-by-the-container-before ${hostname()}`);

    const database = await openEmbeddedDatabase({ dataDir });
    await database.pool.query('select 1');
    await database.close();
  });

  it.each([
    ['another host (another container on the same volume)', () => `${process.pid} its-own-token another-host`],
    ['no host (written by an earlier version)', () => String(process.pid)],
  ])('given a lock naming this pid from %s, when the folder is opened, then that is refused', async (_, lock) => {
    writeFileSync(join(dataDir, 'koppelhub.pid'), lock());

    await expect(openEmbeddedDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirInUse);
  });

  it('given a lock left by a process that stopped without closing, when the folder is opened, then the lock is taken over', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(join(dataDir, 'koppelhub.pid'), String(gone));

    const database = await openEmbeddedDatabase({ dataDir });
    await database.pool.query('select 1');
    await database.close();
  });

  it('given an open that failed after it took the folder (its socket could not be served), when the folder is opened again, then it is', async () => {
    // Given a temporary folder that is a file (TMPDIR naming one; jest's process.env does not
    // reach os.tmpdir), so that the socket's private folder cannot be made, as root too
    const elsewhere = mkdtempSync(join(tmpdir(), 'kh-not-a-folder-'));
    const notAFolder = join(elsewhere, 'file');
    writeFileSync(notAFolder, '');
    const temporaryFolder = jest.spyOn(os, 'tmpdir').mockReturnValue(notAFolder);
    try {
      await expect(openEmbeddedDatabase({ dataDir })).rejects.toThrow(/ENOTDIR/);
    } finally {
      temporaryFolder.mockRestore();
      rmSync(elsewhere, { recursive: true, force: true });
    }
    expect(existsSync(join(dataDir, 'koppelhub.pid'))).toBe(false);

    // When the folder is opened again in the same process, then it opens
    const database = await openEmbeddedDatabase({ dataDir });
    await database.pool.query('select 1');
    await database.close();
  });

  describe('taken by several processes at once', () => {
    const RACERS = 8;
    const ROUNDS = 5;
    let compiled: string;
    let lockModule: string;
    beforeAll(() => {
      compiled = mkdtempSync(join(tmpdir(), 'kh-lock-module-'));
      lockModule = compileLock(compiled);
    });
    afterAll(() => rmSync(compiled, { recursive: true, force: true }));

    const oneTookIt = [...Array<string>(RACERS - 1).fill('refused'), 'took it'];

    it('given a free folder, when several processes take its lock at the same moment, then exactly one gets it (none reads the lock of another empty, half written, and takes it over)', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        // Given a folder nobody holds
        rmSync(join(dataDir, 'koppelhub.pid'), { force: true });

        // When several processes take it at once
        const outcomes = await race(lockModule, dataDir, RACERS);

        // Then one of them got it, every other was refused, and nothing was left besides the lock
        expect(outcomes).toEqual(oneTookIt);
        expect(readdirSync(dataDir)).toEqual(['koppelhub.pid']);
      }
    });

    it('given a lock left by a process that stopped, when several processes take it over at the same moment, then exactly one gets it', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        // Given a lock left by a process that stopped without closing
        writeFileSync(join(dataDir, 'koppelhub.pid'), `${stoppedProcess()} its-token ${hostname()}`);

        // When several processes take it over at once
        const outcomes = await race(lockModule, dataDir, RACERS);

        // Then one of them got it, every other was refused, and no claim or draft was left behind
        expect(outcomes).toEqual(oneTookIt);
        expect(readdirSync(dataDir)).toEqual(['koppelhub.pid']);
      }
    });

    it('given a claim on a stale lock left by a process that stopped while taking it over, when the folder is opened, then both are taken over', async () => {
      // Given a stale lock, and a claim on it from a process that stopped before it removed the lock
      const lock = `${stoppedProcess()} its-token ${hostname()}`;
      writeFileSync(join(dataDir, 'koppelhub.pid'), lock);
      const claim = `koppelhub.pid.claim-${createHash('sha256').update(lock).digest('hex').slice(0, 16)}`;
      writeFileSync(join(dataDir, claim), `${stoppedProcess()} claimant-token ${hostname()}`);

      // When the folder is opened
      const database = await openEmbeddedDatabase({ dataDir });
      await database.pool.query('select 1');
      await database.close();

      // Then it was taken, and nothing is left once it is closed
      expect(readdirSync(dataDir).filter((name) => name.startsWith('koppelhub.pid'))).toEqual([]);
    });
  });
});
