import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface PrivateRedis {
  url: string;
  /** Kills the server (SIGKILL) and starts an empty one on the same port: what a restart without persistence leaves. */
  restart(): Promise<void>;
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server of the test's own on a free port, persisting nothing, so a test may kill it (or
 * let its workers use the default key prefix) without touching the shared Redis other suites use.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async (): Promise<void> => {
    const server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = server;
    exited = new Promise((resolve) => server.once('exit', () => resolve()));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 15_000);
      server.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      server.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited:\n${output}`));
      });
    });
  };
  const kill = async (): Promise<void> => {
    child?.kill('SIGKILL');
    await exited;
    child = undefined;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    kill,
    async restart() {
      await kill();
      await start();
    },
    stop: kill,
  };
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
