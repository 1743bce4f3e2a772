import { startAllSandboxes } from '@koppelhub/connectors';

/**
 * The five sandboxes in a process of their own, as the real packages are on servers of their own:
 * the sync benchmark then charges the hub's work to the hub, not the packages' work. Sends the
 * sandboxes' addresses to its parent, answers "cpu" with the CPU it has used so far (so the bench can
 * say what the packages' side cost), and runs until the parent disconnects.
 */
async function main(): Promise<void> {
  const sandboxes = await startAllSandboxes();
  process.send?.({ urls: sandboxes.urls });
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  process.on('disconnect', () => void sandboxes.close().finally(() => process.exit(0)));
}

void main();
