import { startAllSandboxes } from '@koppelhub/connectors';

/**
 * The five sandboxes in a process of their own, as the real packages are on servers of their own:
 * the sync benchmark then charges the hub's work to the hub, not the packages' work. Sends the
 * sandboxes' addresses to its parent and runs until the parent disconnects.
 */
async function main(): Promise<void> {
  const sandboxes = await startAllSandboxes();
  process.send?.({ urls: sandboxes.urls });
  process.on('disconnect', () => void sandboxes.close().finally(() => process.exit(0)));
}

void main();
