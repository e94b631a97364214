import {
  DocumentNode, FieldNode, FragmentDefinitionNode, getNamedType, GraphQLField, GraphQLNamedType, GraphQLSchema,
  isInterfaceType, isObjectType, Kind, OperationDefinitionNode, SelectionSetNode,
  ValueNode, valueFromASTUntyped,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../resolvers/common/connection';
import { documentLimitViolation } from './document-limits';
import { DEFAULT_LIMITS, DocumentLimits } from './limits-config';
import { UNCOUNTED, WorkCounter } from './work';

/**
 * Query cost, Shopify/GitHub style, in points:
 * - a field that returns a Node (an entity, possibly loaded from the database) costs 1;
 * - a connection costs 1 plus its page size (first/last, default 10) times what one item selects;
 * - `nodes(ids:)` costs what one item selects times the number of ids;
 * - any other list (installments, offers, ...) is loaded in one batch and costs as one object;
 * - scalars, enums and value objects (Money, PageInfo, ...) cost nothing of their own;
 * - a connection's `totalCount` (and `totalCountIsExact`, which shares its count) costs what the count
 *   may read: 1 point per COUNTED_ROWS_PER_POINT rows up to the cap, so ceil(cap / 1,000), 10 points at
 *   the default cap of 10,000; the actual cost counts the rows it did count (ceil(totalCount / 1,000), at least 1);
 *   a count read from maintained counters (plans: COUNTER_BACKED_CONNECTIONS) costs 1, whatever it says;
 * - a mutation costs 10 plus what its payload selects;
 * - every request costs at least 1, so a flood of free queries is still throttled.
 * The requested cost assumes full pages; the actual cost counts what came back.
 * Not graphql-query-complexity or graphql-armor: neither prices counts by rows nor refunds actual cost (docs/dependencies.md).
 */
export const MUTATION_COST = 10;
export const MINIMUM_COST = 1;
/** Index entries a count reads for one point: a row fetched for a page costs 1, an entry counted far less. */
export const COUNTED_ROWS_PER_POINT = 1_000;

export interface CostOptions {
  /** TOTAL_COUNT_CAP: the most rows one totalCount counts. */
  totalCountCap: number;
  /**
   * The document limits, checked (in time linear in the document's size) before a document is first
   * compiled: a document whose fields, fragments expanded, are over MAX_QUERY_FIELDS is refused
   * before any spread is expanded, whoever asks for its price.
   */
  document?: DocumentLimits;
  /** Counts the selections compiled and priced (tests bound the work by the document's size). */
  work?: WorkCounter;
}

const DEFAULT_COST_OPTIONS: CostOptions = { totalCountCap: DEFAULT_LIMITS.totalCountCap };

/** What a count read from counters costs: a few rows per merchant, never the list. */
export const COUNTER_COUNT_COST = 1;

/** What counting `rows` rows costs. */
export const countCost = (rows: number): number => Math.max(1, Math.ceil(rows / COUNTED_ROWS_PER_POINT));

/**
 * Connections whose totalCount is read from maintained counters, a few rows per merchant whatever the
 * list's length (plan_status_counts: src/db/repositories/plan-status-count.repository.ts), so it
 * costs 1 point. (Until a database's counters were first reconciled, plans are counted from the plans,
 * bounded by the cap, still at 1 point: the migrate role reconciles before any serve starts.)
 */
export const COUNTER_BACKED_CONNECTIONS: ReadonlySet<string> = new Set(['PlanConnection']);

/** The fields of a connection answered by its one count. */
const COUNT_FIELDS = new Set(['totalCount', 'totalCountIsExact']);

type CompositeParent = GraphQLNamedType;
type AnyField = GraphQLField<unknown, unknown>;

const implementsNode = (type: GraphQLNamedType): boolean =>
  type.name === 'Node' || ((isObjectType(type) || isInterfaceType(type)) && type.getInterfaces().some((i) => i.name === 'Node'));

const isConnection = (field: AnyField): boolean =>
  field.args.some((a) => a.name === 'first') && getNamedType(field.type).name.endsWith('Connection');

function fieldOf(parent: CompositeParent, name: string): AnyField | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] as AnyField | undefined : undefined;
}

/** The page-size or id-list argument of a field, as written (a literal or a variable). */
interface SizeArguments { first?: ValueNode; last?: ValueNode; ids?: ValueNode }

/**
 * One priced field of a selection set, compiled once per (document, operation): fragments flattened,
 * schema lookups done, subtrees that cannot cost anything (Money, PageInfo, ...) left out. Only what
 * depends on the request's variables (page sizes, id lists) is evaluated per request.
 */
interface CostField {
  key: string;
  own: number;
  /** A connection: 1 plus its page size times an item; its edges/nodes count per item. */
  connection: boolean;
  size: SizeArguments;
  children: CostSelection | null;
}

/** A connection's one count (totalCount / totalCountIsExact) in a selection set. */
interface CountField {
  key: string;
  /** totalCount came back: it costs what it counted; else (totalCountIsExact alone) the cap. */
  pricedByCount: boolean;
  /** Read from counters (COUNTER_BACKED_CONNECTIONS): 1 point, requested and actual. */
  counterBacked: boolean;
}

interface CostSelection {
  fields: CostField[];
  count: CountField | null;
  /** Reached along more than one path (a fragment spread in several places): priced once per request. */
  shared?: boolean;
}

interface CostProgram { root: CostSelection; isMutation: boolean }

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode) {
  return operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
}

/** The fields one response key (on one type) gathers from a selection, as graphql-js merges them. */
interface FieldGroup { on: CompositeParent; nodes: FieldNode[] }

/**
 * Compiles what executes, with no fragment expanded twice: like graphql-js's collectFields, a named
 * fragment is collected once per selection however often it is spread, and fields of one response
 * key are merged into one priced field. The sub-selection of a merged field is compiled once per
 * distinct list of selection sets, so a fragment reached along many paths (aliases × connections) is
 * compiled once. Merging fields of many fragments into one still walks each of them, which is why
 * the document limits (CostOptions.document) refuse a document too large once expanded first.
 */
class CostCompiler {
  private readonly fragments: Map<string, FragmentDefinitionNode>;
  private readonly compiled = new Map<string, CostSelection>();
  private readonly setIds = new Map<SelectionSetNode, number>();

  constructor(private readonly schema: GraphQLSchema, document: DocumentNode, private readonly work: WorkCounter) {
    this.fragments = new Map(document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]));
  }

  /** The fields of `sets`, grouped by the type they are selected on and their response key. */
  private collect(sets: readonly SelectionSetNode[], parent: CompositeParent): Map<string, FieldGroup> {
    const groups = new Map<string, FieldGroup>();
    const spread = new Set<string>();
    const walk = (set: SelectionSetNode, on: CompositeParent) => {
      for (const selection of set.selections) {
        this.work.visits++;
        if (selection.kind === Kind.FIELD) {
          const key = `${on.name}.${selection.alias?.value ?? selection.name.value}`;
          const group = groups.get(key);
          if (group) group.nodes.push(selection);
          else groups.set(key, { on, nodes: [selection] });
          continue;
        }
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          if (spread.has(selection.name.value)) continue;
          spread.add(selection.name.value);
        }
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : this.fragments.get(selection.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition ? this.schema.getType(fragment.typeCondition.name.value) : on;
        walk(fragment.selectionSet, condition ?? on);
      }
    };
    for (const set of sets) walk(set, parent);
    return groups;
  }

  private setId(set: SelectionSetNode): number {
    let id = this.setIds.get(set);
    if (id === undefined) this.setIds.set(set, (id = this.setIds.size));
    return id;
  }

  selection(sets: readonly SelectionSetNode[], parent: CompositeParent, isMutation: boolean): CostSelection {
    const key = `${parent.name}:${isMutation}:${sets.map((set) => this.setId(set)).join(',')}`;
    const known = this.compiled.get(key);
    if (known) {
      known.shared = true;
      return known;
    }
    const compiled: CostSelection = { fields: [], count: null };
    const counts: FieldNode[] = [];
    let counterBacked = false;
    for (const { on, nodes } of this.collect(sets, parent).values()) {
      const node = nodes[0];
      if (COUNT_FIELDS.has(node.name.value) && on.name.endsWith('Connection')) {
        counts.push(node);
        counterBacked = COUNTER_BACKED_CONNECTIONS.has(on.name);
        continue;
      }
      const field = fieldOf(on, node.name.value);
      if (!field) continue;
      const below = nodes.flatMap((each) => (each.selectionSet ? [each.selectionSet] : []));
      const children = below.length > 0 ? this.selection(below, getNamedType(field.type), false) : null;
      const own = isMutation ? MUTATION_COST : isConnection(field) || implementsNode(getNamedType(field.type)) ? 1 : 0;
      // A subtree of value objects can cost nothing: it is neither priced nor walked.
      if (own === 0 && !(children && (children.fields.length > 0 || children.count))) continue;
      compiled.fields.push({ key: node.alias?.value ?? node.name.value, own, connection: isConnection(field), size: sizeArguments(node), children });
    }
    if (counts.length > 0) {
      const total = counts.find((node) => node.name.value === 'totalCount');
      compiled.count = {
        key: (total ?? counts[0]).alias?.value ?? (total ?? counts[0]).name.value, pricedByCount: total !== undefined, counterBacked,
      };
    }
    this.compiled.set(key, compiled);
    return compiled;
  }
}

function sizeArguments(node: FieldNode): SizeArguments {
  const size: SizeArguments = {};
  for (const arg of node.arguments ?? []) {
    if (arg.name.value === 'first' || arg.name.value === 'last' || arg.name.value === 'ids') size[arg.name.value] = arg.value;
  }
  return size;
}

/** Compiled programs per schema and document (Apollo hands the same DocumentNode for a cached document). */
const programs = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, CostProgram | null>>>();

function programFor(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, options: CostOptions): CostProgram | null {
  let byDocument = programs.get(schema);
  if (!byDocument) programs.set(schema, (byDocument = new WeakMap()));
  let byOperation = byDocument.get(document);
  if (!byOperation) byDocument.set(document, (byOperation = new Map()));
  const key = operation.name?.value ?? '';
  let program = byOperation.get(key);
  if (program === undefined) {
    const work = options.work ?? UNCOUNTED;
    const violation = options.document ? documentLimitViolation(document, options.document, work) : null;
    if (violation) throw violation;
    const root = rootType(schema, operation);
    const isMutation = operation.operation === 'mutation';
    program = root ? { root: new CostCompiler(schema, document, work).selection([operation.selectionSet], root, isMutation), isMutation } : null;
    byOperation.set(key, program);
  }
  return program;
}

/** What one request's variables make of a compiled program. */
class CostEvaluator {
  /** A compiled selection shared by several fields (a fragment spread along many paths) is priced once. */
  private requestedCosts: Map<CostSelection, number> | null = null;
  private readonly work: WorkCounter;

  constructor(private readonly variables: Record<string, unknown>, private readonly options: CostOptions) {
    this.work = options.work ?? UNCOUNTED;
  }

  private argument(value: ValueNode | undefined): unknown {
    return value ? valueFromASTUntyped(value, this.variables) : undefined;
  }

  /** Items a connection or `ids` list is expected to return; bad sizes are refused by the resolver, so cap them. */
  private expectedItems(field: CostField): number {
    if (field.connection) {
      const size = this.argument(field.size.first) ?? this.argument(field.size.last);
      return typeof size === 'number' && Number.isInteger(size) && size >= 1 ? Math.min(size, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    }
    const ids = this.argument(field.size.ids);
    return Array.isArray(ids) ? ids.length : 1;
  }

  /** What a selection set costs: its fields per item, and the count of a connection once, at the cap. */
  requested(selection: CostSelection): number {
    const known = selection.shared ? this.requestedCosts?.get(selection) : undefined;
    if (known !== undefined) return known;
    let cost = 0;
    for (const field of selection.fields) {
      this.work.visits++;
      const children = field.children ? this.requested(field.children) : 0;
      cost += field.connection
        ? field.own + this.expectedItems(field) * children + (field.children?.count ? this.countPrice(field.children.count) : 0)
        : this.expectedItems(field) * (field.own + children);
    }
    if (selection.shared) (this.requestedCosts ??= new Map()).set(selection, cost);
    return cost;
  }

  /** Walks the data that came back: lists in connections and `nodes(ids:)` count per item, others once. */
  actual(selection: CostSelection, data: Record<string, unknown>, isMutation: boolean, perItem: boolean): number {
    let cost = 0;
    for (const field of selection.fields) {
      const value = data[field.key];
      if (value === undefined || (value === null && !isMutation)) continue;
      if (!Array.isArray(value)) {
        cost += this.itemCost(field, value);
      } else if (perItem || this.argument(field.size.ids) !== undefined) {
        for (const item of value) cost += this.itemCost(field, item);
      } else {
        let most = 0;
        for (const item of value) most = Math.max(most, this.itemCost(field, item));
        cost += most;
      }
    }
    const { count } = selection;
    if (count && data[count.key] !== undefined && data[count.key] !== null) {
      const counted = data[count.key];
      cost += count.counterBacked ? COUNTER_COUNT_COST
        : count.pricedByCount && typeof counted === 'number' ? countCost(counted) : countCost(this.options.totalCountCap);
    }
    return cost;
  }

  /** What a count may cost before it runs: 1 from counters, else what the cap lets it read. */
  private countPrice(count: CountField): number {
    return count.counterBacked ? COUNTER_COUNT_COST : countCost(this.options.totalCountCap);
  }

  private itemCost(field: CostField, item: unknown): number {
    return field.own + (field.children && item !== null && typeof item === 'object'
      ? this.actual(field.children, item as Record<string, unknown>, false, field.connection)
      : 0);
  }
}

export function requestedQueryCost(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {},
  options: CostOptions = DEFAULT_COST_OPTIONS,
): number {
  const program = programFor(schema, document, operation, options);
  if (!program) return MINIMUM_COST;
  return Math.max(MINIMUM_COST, new CostEvaluator(variables, options).requested(program.root));
}

export function actualQueryCost(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, data: Record<string, unknown>,
  options: CostOptions = DEFAULT_COST_OPTIONS,
): number {
  const program = programFor(schema, document, operation, options);
  if (!program) return MINIMUM_COST;
  return Math.max(MINIMUM_COST, new CostEvaluator(variables, options).actual(program.root, data, program.isMutation, false));
}
