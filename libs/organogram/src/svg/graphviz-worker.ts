import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GRAPHVIZ_WORKER_SOURCE } from './graphviz-worker-source';

export type GraphvizEngine = 'dot' | 'neato' | 'fdp' | 'sfdp' | 'circo' | 'twopi' | 'osage' | 'patchwork';

interface WorkerReply {
  id: number;
  svg?: string;
  error?: string;
}

interface Pending {
  resolve(svg: string): void;
  reject(error: Error): void;
}

/** One worker thread holding one loaded Graphviz instance; requests are answered in any order by id. */
export class GraphvizWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor() {
    const moduleUrl = pathToFileURL(require.resolve('@hpcc-js/wasm-graphviz')).href;
    this.worker = new Worker(GRAPHVIZ_WORKER_SOURCE, { eval: true, workerData: { moduleUrl } });
    // Idle, the worker must not keep a CLI or a test run alive; `render` refs it while it works.
    this.worker.unref();
    this.worker.on('message', (reply: WorkerReply) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`Graphviz worker stopped (exit code ${code})`)));
  }

  /** False once the worker died: the owner should start a new one. */
  get alive(): boolean {
    return this.failure === undefined;
  }

  render(dot: string, engine: GraphvizEngine = 'dot'): Promise<string> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ id, dot, engine });
    });
  }

  async close(): Promise<void> {
    this.fail(new Error('Graphviz worker closed'));
    await this.worker.terminate();
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.svg !== undefined) pending.resolve(reply.svg);
    else pending.reject(new Error(`Graphviz could not render the DOT: ${reply.error ?? 'no reason given'}`));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
