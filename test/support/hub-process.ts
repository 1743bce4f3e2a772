import { startEntryProcess } from './entry-process';

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
  const hub = await startEntryProcess('apps/api/src/main.ts', cwd, { PORT: '0', ...env }, /listening on (http:\/\/localhost:\d+)/);
  return { url: hub.ready[1], output: hub.output, stop: hub.stop };
}
