import {
  DocumentNode, FieldNode, FragmentDefinitionNode, getNamedType, GraphQLField, GraphQLNamedType, GraphQLSchema,
  isInterfaceType, isObjectType, Kind, OperationDefinitionNode, SelectionSetNode,
  valueFromASTUntyped,
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

/** What counting `rows` rows costs. */
export const countCost = (rows: number): number => Math.max(1, Math.ceil(rows / COUNTED_ROWS_PER_POINT));

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

class CostWalker {
  private readonly fragments: Map<string, FragmentDefinitionNode>;
  private readonly plans = new Map<SelectionSetNode, Map<string, FieldPlan[]>>();

  constructor(
    private readonly schema: GraphQLSchema, document: DocumentNode, private readonly variables: Record<string, unknown>,
    private readonly options: CostOptions,
  ) {
    this.fragments = new Map(document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]));
  }

  /** Each field of a selection set with the type it is selected on, fragments flattened. */
  *fields(set: SelectionSetNode, parent: CompositeParent): Generator<{ node: FieldNode; parent: CompositeParent }> {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        yield { node: selection, parent };
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : this.fragments.get(selection.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition ? this.schema.getType(fragment.typeCondition.name.value) : parent;
        yield* this.fields(fragment.selectionSet, condition ?? parent);
      }
    }
  }

  argument(node: FieldNode, name: string): unknown {
    const arg = node.arguments?.find((a) => a.name.value === name);
    return arg ? valueFromASTUntyped(arg.value, this.variables) : undefined;
  }

  /** Items a connection or `ids` list is expected to return; bad sizes are refused by the resolver, so cap them. */
  expectedItems(field: AnyField, node: FieldNode): number {
    if (isConnection(field)) {
      const size = this.argument(node, 'first') ?? this.argument(node, 'last');
      return typeof size === 'number' && Number.isInteger(size) && size >= 1 ? Math.min(size, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    }
    const ids = this.argument(node, 'ids');
    return Array.isArray(ids) ? ids.length : 1;
  }

  ownCost(field: AnyField, isMutationRoot: boolean): number {
    if (isMutationRoot) return MUTATION_COST;
    return isConnection(field) || implementsNode(getNamedType(field.type)) ? 1 : 0;
  }

  /** A count field of a connection type, where the count is charged (once per selection set). */
  isCount(on: CompositeParent, node: FieldNode): boolean {
    return COUNT_FIELDS.has(node.name.value) && on.name.endsWith('Connection');
  }

  /** What a selection set costs: its fields per item, and the count of a connection once (see `countIn`). */
  requested(set: SelectionSetNode, parent: CompositeParent, isMutation: boolean): number {
    let cost = 0;
    for (const { node, parent: on } of this.fields(set, parent)) {
      if (this.isCount(on, node)) continue;
      const field = fieldOf(on, node.name.value);
      if (!field) continue;
      const childType = getNamedType(field.type);
      const children = node.selectionSet ? this.requested(node.selectionSet, childType, false) : 0;
      const own = this.ownCost(field, isMutation);
      cost += isConnection(field)
        ? own + this.expectedItems(field, node) * children + this.countIn(node.selectionSet, childType)
        : this.expectedItems(field, node) * (own + children);
    }
    return cost;
  }

  /** A connection's count is one statement whatever its page size: priced once, at the cap. */
  countIn(set: SelectionSetNode | undefined, connection: CompositeParent): number {
    if (!set) return 0;
    for (const { node, parent: on } of this.fields(set, connection)) {
      if (this.isCount(on, node)) return countCost(this.options.totalCountCap);
    }
    return 0;
  }

  /**
   * The fields of a selection set resolved once per (selection set, type): walking the response visits
   * the same selection for every item of every list, and re-flattening fragments there was the cost.
   */
  private plan(set: SelectionSetNode, parent: CompositeParent, isMutation: boolean): FieldPlan[] {
    const key = `${parent.name}:${isMutation}`;
    let byType = this.plans.get(set);
    if (!byType) this.plans.set(set, (byType = new Map()));
    let plan = byType.get(key);
    if (!plan) {
      plan = [];
      const counts: FieldNode[] = [];
      for (const { node, parent: on } of this.fields(set, parent)) {
        if (this.isCount(on, node)) {
          counts.push(node);
          continue;
        }
        const field = fieldOf(on, node.name.value);
        if (!field) continue;
        const childType = getNamedType(field.type);
        const children = node.selectionSet ? this.plan(node.selectionSet, childType, false) : null;
        const own = this.ownCost(field, isMutation);
        // A subtree of value objects (Money, PageInfo, ...) can cost nothing: it is not walked at all.
        if (own === 0 && !(children && children.length > 0)) continue;
        plan.push({
          key: node.alias?.value ?? node.name.value, own, children, perItem: isConnection(field),
          countsEveryItem: this.argument(node, 'ids') !== undefined,
        });
      }
      if (counts.length > 0) plan.push(this.countPlan(counts));
      byType.set(key, plan);
    }
    return plan;
  }

  /**
   * The one count of a connection: priced by the totalCount that came back when it was selected, else
   * (totalCountIsExact alone) at the cap, since the count read up to it.
   */
  private countPlan(counts: FieldNode[]): FieldPlan {
    const total = counts.find((node) => node.name.value === 'totalCount');
    const base = { children: null, perItem: false, countsEveryItem: false };
    return total
      ? { ...base, key: total.alias?.value ?? total.name.value, own: 0, pricedByCount: true }
      : { ...base, key: counts[0].alias?.value ?? counts[0].name.value, own: countCost(this.options.totalCountCap) };
  }

  /** Walks the data that came back: lists in connections and `nodes(ids:)` count per item, others once. */
  actual(set: SelectionSetNode, parent: CompositeParent, data: Record<string, unknown>, isMutation: boolean, perItem: boolean): number {
    return this.actualOf(this.plan(set, parent, isMutation), data, isMutation, perItem);
  }

  private actualOf(plan: FieldPlan[], data: Record<string, unknown>, isMutation: boolean, perItem: boolean): number {
    let cost = 0;
    for (const field of plan) {
      const value = data[field.key];
      if (value === undefined || (value === null && !isMutation)) continue;
      if (!Array.isArray(value)) {
        cost += this.itemCost(field, value);
      } else if (perItem || field.countsEveryItem) {
        for (const item of value) cost += this.itemCost(field, item);
      } else {
        let most = 0;
        for (const item of value) most = Math.max(most, this.itemCost(field, item));
        cost += most;
      }
    }
    return cost;
  }

  private itemCost(field: FieldPlan, item: unknown): number {
    if (field.pricedByCount) return countCost(typeof item === 'number' ? item : this.options.totalCountCap);
    return field.own + (field.children && item !== null && typeof item === 'object'
      ? this.actualOf(field.children, item as Record<string, unknown>, false, field.perItem)
      : 0);
  }
}

/** One field of a selection set, prepared for walking the response. */
interface FieldPlan {
  key: string;
  own: number;
  children: FieldPlan[] | null;
  /** A connection: its edges/nodes count per item. */
  perItem: boolean;
  /** `nodes(ids:)`: every item counts. */
  countsEveryItem: boolean;
  /** totalCount: costs what it counted (countCost of its value). */
  pricedByCount?: boolean;
}

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode) {
  return operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
}

export function requestedQueryCost(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {},
  options: CostOptions = DEFAULT_COST_OPTIONS,
): number {
  const root = rootType(schema, operation);
  if (!root) return MINIMUM_COST;
  const cost = new CostWalker(schema, document, variables, options).requested(operation.selectionSet, root, operation.operation === 'mutation');
  return Math.max(MINIMUM_COST, cost);
}

export function actualQueryCost(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, data: Record<string, unknown>,
  options: CostOptions = DEFAULT_COST_OPTIONS,
): number {
  const root = rootType(schema, operation);
  if (!root) return MINIMUM_COST;
  const cost = new CostWalker(schema, document, variables, options).actual(operation.selectionSet, root, data, operation.operation === 'mutation', false);
  return Math.max(MINIMUM_COST, cost);
}
