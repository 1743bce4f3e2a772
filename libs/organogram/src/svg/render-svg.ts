import { type GraphvizEngine, GraphvizWorker } from './graphviz-worker';

let shared: GraphvizWorker | undefined;

/** The one worker (and so the one loaded Graphviz instance) of this process, restarted if it died. */
function graphviz(): GraphvizWorker {
  if (shared === undefined || !shared.alive) shared = new GraphvizWorker();
  return shared;
}

/** DOT → SVG with Graphviz compiled to WebAssembly. Rejects with Graphviz's message on invalid DOT. */
export function renderSvg(dot: string, engine: GraphvizEngine = 'dot'): Promise<string> {
  return graphviz().render(dot, engine);
}

/** Stops the worker, e.g. on application shutdown or in a test's afterAll; the next render starts a new one. */
export async function closeSvgRenderer(): Promise<void> {
  const worker = shared;
  shared = undefined;
  await worker?.close();
}
