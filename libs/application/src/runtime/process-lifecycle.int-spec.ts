import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

/** The stopping process (testing/stopping-process.ts), started and awaited until it is ready. */
async function started(behaviour: string, timeoutMs = 500): Promise<{ child: ChildProcess; exited: Promise<{ code: number | null; output: string }> }> {
  const child = spawn(
    process.execPath,
    ['-r', join(root, 'node_modules/@swc-node/register'), join(__dirname, 'testing/stopping-process.ts'), behaviour, String(timeoutMs)],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(root, 'tsconfig.json') } },
  );
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; output: string }>((resolve) => child.once('exit', (code) => resolve({ code, output })));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready: ${output}`)), 30_000);
    child.stdout!.on('data', () => {
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { child, exited };
}

describe('the process lifecycle', () => {
  it('given SIGTERM, when the stop finishes, then the process exits 0', async () => {
    const { child, exited } = await started('clean');
    child.kill('SIGTERM');

    const { code, output } = await exited;
    expect(output).toContain('SIGTERM: stopping');
    expect(code).toBe(0);
  }, 40_000);

  it('given a stop that fails, then the process exits 1 saying why, without the error’s other fields', async () => {
    const { child, exited } = await started('fails');
    child.kill('SIGTERM');

    const { code, output } = await exited;
    expect(code).toBe(1);
    expect(output).toContain('stopping failed: Error: the pool would not close');
    expect(output).not.toContain('111222333');
  }, 40_000);

  it('given a stop that hangs, then the process exits 1 once its time is up', async () => {
    const { child, exited } = await started('hangs', 300);
    child.kill('SIGTERM');

    const { code, output } = await exited;
    expect(code).toBe(1);
    expect(output).toContain('still stopping after 300 ms: exiting');
  }, 40_000);

  it('given a second signal while stopping, then the process exits 1 at once', async () => {
    const { child, exited } = await started('hangs', 30_000);
    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGINT');

    const { code, output } = await exited;
    expect(code).toBe(1);
    expect(output).toContain('SIGINT again: exiting at once');
  }, 40_000);

  it('given a rejection nothing handles, then it is logged and the process exits 1', async () => {
    const { exited } = await started('unhandled');

    const { code, output } = await exited;
    expect(code).toBe(1);
    expect(output).toContain('unhandled rejection: Error: a stray failure');
  }, 40_000);
});
