/**
 * A validated page request: exactly one of first/last (1..100), keyset bounds by id. Keyset paging by
 * the primary key stays correct when rows are inserted between pages: nothing is skipped or repeated.
 */
export interface PageRequest {
  first?: number;
  last?: number;
  afterId?: number;
  beforeId?: number;
}

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export const pageSize = (page: PageRequest): number => page.first ?? page.last ?? 0;
export const isBackward = (page: PageRequest): boolean => page.last !== undefined;

/** Rows were fetched with one extra to learn whether another page exists; trims and orders them. */
export function toPage<T>(fetched: T[], page: PageRequest): Page<T> {
  const size = pageSize(page);
  const more = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (isBackward(page)) {
    rows.reverse();
    return { rows, hasNextPage: page.beforeId !== undefined, hasPreviousPage: more };
  }
  return { rows, hasNextPage: more, hasPreviousPage: page.afterId !== undefined };
}

/** A stable key for grouping loads that share page arguments into one batch. */
export const pageKey = (page: PageRequest, filter: object = {}): string => JSON.stringify([page, filter]);

/** A list's size as counted up to a cap: `exact` is false when the list has more than `count` rows. */
export interface TotalCount {
  count: number;
  exact: boolean;
}
