import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUse } from './data-dir-lock';
import { openEmbeddedDatabase } from './embedded-database';

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
});
