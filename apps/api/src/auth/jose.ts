import { randomUUID } from 'node:crypto';

/**
 * jose ships only as an ES module, and this code compiles to CommonJS, where TypeScript would turn
 * `import()` into `require()`. A function built at run time keeps the real dynamic import. Its
 * source is made unique because V8 caches compiled functions by source together with the module
 * they were first compiled for: a test runner's second test file would otherwise import through
 * the first (already torn-down) one.
 */
const importModule = new Function('specifier', `return import(specifier); // ${randomUUID()}`) as (
  specifier: string,
) => Promise<unknown>;

let jose: Promise<typeof import('jose')> | undefined;

export function loadJose(): Promise<typeof import('jose')> {
  jose ??= importModule('jose') as Promise<typeof import('jose')>;
  return jose;
}
