/**
 * Counts the steps an algorithm over a document takes (selections visited, fragments resolved), so
 * that a test can bound its work by the document's size without timing it.
 */
export interface WorkCounter {
  visits: number;
}

/** For callers that do not count: one shared object nobody reads. */
export const UNCOUNTED: WorkCounter = { visits: 0 };
