import type { Fault } from '../sandboxes/shared/fault';

/** Talks to a sandbox's own endpoints over HTTP, the way a demo or another process would. */
export async function injectFault(sandboxUrl: string, fault: Fault): Promise<void> {
  const response = await fetch(`${sandboxUrl}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (response.status !== 201) throw new Error(`fault refused: HTTP ${response.status} ${await response.text()}`);
}

export async function clearFaults(sandboxUrl: string): Promise<void> {
  await fetch(`${sandboxUrl}/__sandbox/faults`, { method: 'DELETE' });
}

export async function resetSandbox(sandboxUrl: string): Promise<void> {
  await fetch(`${sandboxUrl}/__sandbox/reset`, { method: 'POST' });
}

export async function sandboxRecords<T>(sandboxUrl: string): Promise<T> {
  const response = await fetch(`${sandboxUrl}/__sandbox/records`);
  return (await response.json()) as T;
}

export async function sandboxAdmin(sandboxUrl: string, action: string): Promise<void> {
  const response = await fetch(`${sandboxUrl}/__sandbox/${action}`, { method: 'POST' });
  if (!response.ok) throw new Error(`sandbox ${action} failed: HTTP ${response.status}`);
}
