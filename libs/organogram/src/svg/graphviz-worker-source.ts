/**
 * The code the Graphviz worker thread runs (plain CommonJS, evaluated by `new Worker(…, { eval: true })`).
 *
 * Why a worker and a source string: `@hpcc-js/wasm-graphviz` ships only as an ES module. Jest (CommonJS,
 * node_modules untransformed) cannot load it in-process on Node 20, while a worker thread is a real
 * Node context where `import()` works on every Node version. A worker also keeps a slow layout off the
 * API's event loop. A string rather than a .js file, because the TypeScript build copies no .js files.
 *
 * `Graphviz.load()` runs once per worker; every request reuses that instance.
 */
export const GRAPHVIZ_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loaded = import(workerData.moduleUrl).then((module) => module.Graphviz.load());
// An unhandled rejection would kill the worker; each request reports the load error instead.
loaded.catch(() => undefined);
parentPort.on('message', async (request) => {
  try {
    const graphviz = await loaded;
    parentPort.postMessage({ id: request.id, svg: graphviz.layout(request.dot, 'svg', request.engine) });
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;
