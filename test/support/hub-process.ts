import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface HubProcess {
  url: string;
  output: () => string;
  stop(): Promise<number | null>;
}

/**
 * Starts the API the way `npm start` does (same entry point, no build step), in `cwd`, with only
 * the given environment: no DATABASE_URL or REDIS_URL unless passed.
 */
export async function startHubProcess(cwd: string, env: Record<string, string> = {}): Promise<HubProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-r',
      join(root, 'node_modules/@swc-node/register'),
      '-r',
      join(root, 'node_modules/tsconfig-paths/register'),
      join(root, 'apps/api/src/main.ts'),
    ],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(root, 'tsconfig.json'), PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`hub exited with ${code}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
