import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface EntryProcess {
  /** What matched `ready` in the output. */
  ready: RegExpExecArray;
  output: () => string;
  /** SIGTERM: the process's own graceful stop; resolves with its exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no goodbye, as a crashed or OOM-killed process. */
  kill(): Promise<void>;
}

/**
 * Runs an app's entry point the way its npm script does (same file and Node flags, compiled on the
 * fly instead of built), in `cwd`, with only the given environment, and resolves once `ready` appears in its output.
 */
export async function startEntryProcess(
  entry: string,
  cwd: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<EntryProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--max-semi-space-size=64',
      ...['-r', join(root, 'node_modules/@swc-node/register'), '-r', join(root, 'node_modules/tsconfig-paths/register')],
      join(root, entry),
    ],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(root, 'tsconfig.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code}:\n${output}`));
    });
  });
  return {
    ready: match,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
