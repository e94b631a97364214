import v8 from 'node:v8';

/** V8's old-generation growth factor, in percent: a lower peak RSS at about the same CPU (docs/performance.md, step 25). */
export const HEAP_GROWING_PERCENT = 150;

const FLAG = /^--heap[-_]growing[-_]percent(=|$)/;

/**
 * Sets the factor for this process unless the operator chose one (on the command line or in
 * NODE_OPTIONS). V8 reads it each time it sizes the heap after a collection, so setting it at start
 * takes effect from the next one. Returns whether it was set here.
 */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  if ([...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => FLAG.test(arg))) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
