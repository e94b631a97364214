import v8 from 'node:v8';

/**
 * How far V8 lets the old generation grow past what the last full collection kept, in percent. By
 * default V8 picks a factor of up to 4x for a heap that allocates fast with little GC overhead: under
 * the nested read (16 requests in flight, ~2.4 MB allocated each, ~40 MB live) the old generation
 * grew to ~190 MB between full collections, a peak RSS of 281-318 MB. At 150 (a factor of 2.5) it
 * peaked at 217-228 MB, its CPU per request within 4% of the default's (interleaved runs, medians);
 * 100 gave 197-209 MB at up to 7% more CPU, 75 and 50 cost 10-25% (docs/performance.md, step 25).
 * `--max-old-space-size` caps were worse: 165 MB at a third less throughput.
 */
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
