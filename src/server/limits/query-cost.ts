import {
  DocumentNode, FieldNode, FragmentDefinitionNode, getNamedType, GraphQLField, GraphQLNamedType, GraphQLSchema,
  isInterfaceType, isObjectType, Kind, OperationDefinitionNode, SelectionSetNode,
  ValueNode, valueFromASTUntyped,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../resolvers/common/connection';
import { DEFAULT_LIMITS } from './limits-config';

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
 */
export const MUTATION_COST = 10;
export const MINIMUM_COST = 1;
/** Index entries a count reads for one point: a row fetched for a page costs 1, an entry counted far less. */
export const COUNTED_ROWS_PER_POINT = 1_000;

export interface CostOptions {
  /** TOTAL_COUNT_CAP: the most rows one totalCount counts. */
  totalCountCap: number;
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

interface CostSelection { fields: CostField[]; count: CountField | null }

interface CostProgram { root: CostSelection; isMutation: boolean }

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode) {
  return operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
}

class CostCompiler {
  private readonly fragments: Map<string, FragmentDefinitionNode>;
  /** Selection sets shared through fragments are compiled once per parent type. */
  private readonly compiled = new Map<SelectionSetNode, Map<string, CostSelection>>();

  constructor(private readonly schema: GraphQLSchema, document: DocumentNode) {
    this.fragments = new Map(document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]));
  }

  /** Each field of a selection set with the type it is selected on, fragments flattened. */
  private fields(set: SelectionSetNode, parent: CompositeParent, into: { node: FieldNode; parent: CompositeParent }[] = []) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        into.push({ node: selection, parent });
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : this.fragments.get(selection.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition ? this.schema.getType(fragment.typeCondition.name.value) : parent;
        this.fields(fragment.selectionSet, condition ?? parent, into);
      }
    }
    return into;
  }

  selection(set: SelectionSetNode, parent: CompositeParent, isMutation: boolean): CostSelection {
    const key = `${parent.name}:${isMutation}`;
    let byType = this.compiled.get(set);
    if (!byType) this.compiled.set(set, (byType = new Map()));
    let compiled = byType.get(key);
    if (!compiled) {
      compiled = { fields: [], count: null };
      const counts: FieldNode[] = [];
      let counterBacked = false;
      for (const { node, parent: on } of this.fields(set, parent)) {
        if (COUNT_FIELDS.has(node.name.value) && on.name.endsWith('Connection')) {
          counts.push(node);
          counterBacked = COUNTER_BACKED_CONNECTIONS.has(on.name);
          continue;
        }
        const field = fieldOf(on, node.name.value);
        if (!field) continue;
        const children = node.selectionSet ? this.selection(node.selectionSet, getNamedType(field.type), false) : null;
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
      byType.set(key, compiled);
    }
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

function programFor(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CostProgram | null {
  let byDocument = programs.get(schema);
  if (!byDocument) programs.set(schema, (byDocument = new WeakMap()));
  let byOperation = byDocument.get(document);
  if (!byOperation) byDocument.set(document, (byOperation = new Map()));
  const key = operation.name?.value ?? '';
  let program = byOperation.get(key);
  if (program === undefined) {
    const root = rootType(schema, operation);
    const isMutation = operation.operation === 'mutation';
    program = root ? { root: new CostCompiler(schema, document).selection(operation.selectionSet, root, isMutation), isMutation } : null;
    byOperation.set(key, program);
  }
  return program;
}

/** What one request's variables make of a compiled program. */
class CostEvaluator {
  constructor(private readonly variables: Record<string, unknown>, private readonly options: CostOptions) {}

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
    let cost = 0;
    for (const field of selection.fields) {
      const children = field.children ? this.requested(field.children) : 0;
      cost += field.connection
        ? field.own + this.expectedItems(field) * children + (field.children?.count ? this.countPrice(field.children.count) : 0)
        : this.expectedItems(field) * (field.own + children);
    }
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
  const program = programFor(schema, document, operation);
  if (!program) return MINIMUM_COST;
  return Math.max(MINIMUM_COST, new CostEvaluator(variables, options).requested(program.root));
}

export function actualQueryCost(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, data: Record<string, unknown>,
  options: CostOptions = DEFAULT_COST_OPTIONS,
): number {
  const program = programFor(schema, document, operation);
  if (!program) return MINIMUM_COST;
  return Math.max(MINIMUM_COST, new CostEvaluator(variables, options).actual(program.root, data, program.isMutation, false));
}
