import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { BadUserInputError } from './errors';
import type { Page, PageRequest, TotalCount } from '../../src/db/page';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;

@ObjectType({ simpleResolvers: true, description: 'Where a page sits in its list (Relay cursor connections).' })
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

/**
 * Page arguments are checked by toPageRequest, which names the argument in its error; they carry no
 * class-validator constraints. Unvalidated arguments let a connection's field resolver be called
 * directly, once per item of a nested read (src/server/schema-fast-paths.ts).
 */
export const NO_VALIDATION = { validate: false } as const;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size from the start, 1..${MAX_PAGE_SIZE}. Default ${DEFAULT_PAGE_SIZE} when neither first nor last is given.` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  after?: string;

  @Field(() => Int, { nullable: true, description: `Page size from the end, 1..${MAX_PAGE_SIZE}.` })
  last?: number;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor.' })
  before?: string;
}

/** Cursors are opaque to clients; inside they are the row id the keyset continues from. */
export const encodeCursor = (id: number): string => Buffer.from(`cursor:${id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string, argumentName: string): number {
  const match = /^cursor:([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || cursor.length > 64) throw new BadUserInputError(`${argumentName} is not a cursor returned by this connection`, argumentName);
  return Number(match[1]);
}

function checkSize(value: number, argumentName: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`${argumentName} must be between 1 and ${MAX_PAGE_SIZE}, got ${value}`, argumentName);
  }
  return value;
}

/** Validates page arguments: sizes are never clamped, a bad value is an error naming the argument. */
export function toPageRequest(args: ConnectionArgs): PageRequest {
  const has = (v: unknown) => v !== undefined && v !== null;
  if (has(args.first) && has(args.last)) throw new BadUserInputError('Pass first or last, not both', 'last');
  const page: PageRequest = {};
  if (has(args.last)) page.last = checkSize(args.last!, 'last');
  else page.first = has(args.first) ? checkSize(args.first!, 'first') : DEFAULT_PAGE_SIZE;
  if (has(args.after)) page.afterId = decodeCursor(args.after!, 'after');
  if (has(args.before)) page.beforeId = decodeCursor(args.before!, 'before');
  return page;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
  totalCountIsExact(): Promise<boolean>;
}

/**
 * A Relay connection type for one node type. totalCount is only counted when asked for, and exactly
 * only up to the configured cap (TOTAL_COUNT_CAP): a count that stops there still costs what the cap
 * costs, whatever the size of the list. `exactCount`: the list's count is read from maintained
 * counters instead (plans), exact at any size, and described so.
 */
export function connectionType<T extends object>(node: ClassType<T>, name: string, options: { exactCount?: boolean } = {}) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field() cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => [node], { description: 'The nodes of edges, for when cursors are not needed.' }) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    readonly countAll!: () => Promise<TotalCount>;

    @Field(() => Int, {
      description: options.exactCount
        ? 'How many items the whole list has, all pages together: always exact, read from counts kept per merchant and status.'
        : 'How many items the whole list has, all pages together, counted up to a cap (10,000 by default): '
          + 'when the list has more, this is the cap and totalCountIsExact is false.',
    })
    async totalCount(): Promise<number> {
      return (await this.countAll()).count;
    }

    @Field(() => Boolean, {
      description: options.exactCount
        ? 'Whether totalCount is exact: true, the count being read from counts kept per merchant and status.'
        : 'False when the list has more items than totalCount, which then stopped at the cap.',
    })
    async totalCountIsExact(): Promise<boolean> {
      return (await this.countAll()).exact;
    }
  }
  return Connection;
}

/**
 * A loaded page as a connection value: rows become API types once, and edges and cursors only when
 * a query asks for them (most ask for `nodes`; nested lists are read hundreds of times per request).
 */
class PageConnection<R extends { id: number }, T> implements ConnectionShape<T> {
  private built?: { cursor: string; node: T }[];
  readonly nodes: T[];

  readonly countAll: () => Promise<TotalCount>;

  constructor(private readonly page: Page<R>, map: (row: R) => T, countAll: () => Promise<TotalCount>) {
    this.nodes = page.rows.map(map);
    // totalCount and totalCountIsExact share one count. The field methods may run on a copy of this
    // object (type-graphql converts a plain root to its class), so the memo lives in the closure.
    let counted: Promise<TotalCount> | undefined;
    this.countAll = () => (counted ??= countAll());
  }

  get edges(): { cursor: string; node: T }[] {
    return (this.built ??= this.nodes.map((node, i) => ({ cursor: encodeCursor(this.page.rows[i].id), node })));
  }

  get pageInfo(): PageInfo {
    const rows = this.page.rows;
    return {
      hasNextPage: this.page.hasNextPage,
      hasPreviousPage: this.page.hasPreviousPage,
      startCursor: rows.length > 0 ? encodeCursor(rows[0].id) : null,
      endCursor: rows.length > 0 ? encodeCursor(rows[rows.length - 1].id) : null,
    };
  }

  // The method fields of the generated class call countAll; graphql's default resolver would call these.
  async totalCount(): Promise<number> {
    return (await this.countAll()).count;
  }

  async totalCountIsExact(): Promise<boolean> {
    return (await this.countAll()).exact;
  }
}

/** Maps a loaded page to a connection value: rows -> API types, ids -> cursors. */
export function toConnection<R extends { id: number }, T>(
  page: Page<R>, map: (row: R) => T, countAll: () => Promise<TotalCount>,
): ConnectionShape<T> {
  return new PageConnection(page, map, countAll);
}
