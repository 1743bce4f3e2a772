import { type EntryProcess, startEntryProcess } from './entry-process';

export interface WorkerProcess extends EntryProcess {
  /** The worker's own metrics listener. */
  metricsUrl: string;
}

/**
 * Starts the worker the way `npm run start:worker` does, with a metrics listener on a free port,
 * once its dispatcher and connector workers run.
 */
export async function startWorkerProcess(cwd: string, env: Record<string, string>): Promise<WorkerProcess> {
  const worker = await startEntryProcess(
    'apps/worker/src/main.ts',
    cwd,
    { METRICS_PORT: '0', ...env },
    /metrics on (http:\/\/localhost:\d+\/metrics)[\s\S]*connector workers running/,
  );
  return { ...worker, metricsUrl: worker.ready[1] };
}
