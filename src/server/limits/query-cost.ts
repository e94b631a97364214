import {
  DocumentNode, FieldNode, FragmentDefinitionNode, getNamedType, GraphQLField, GraphQLNamedType, GraphQLSchema,
  isInterfaceType, isObjectType, Kind, OperationDefinitionNode, SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../resolvers/common/connection';

/**
 * Query cost, Shopify/GitHub style, in points:
 * - a field that returns a Node (an entity, possibly loaded from the database) costs 1;
 * - a connection costs 1 plus its page size (first/last, default 10) times what one item selects;
 * - `nodes(ids:)` costs what one item selects times the number of ids;
 * - any other list (installments, offers, ...) is loaded in one batch and costs as one object;
 * - scalars, enums and value objects (Money, PageInfo, ...) cost nothing of their own;
 * - a mutation costs 10 plus what its payload selects;
 * - every request costs at least 1, so a flood of free queries is still throttled.
 * The requested cost assumes full pages; the actual cost counts what came back.
 */
export const MUTATION_COST = 10;
export const MINIMUM_COST = 1;

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

  constructor(private readonly schema: GraphQLSchema, document: DocumentNode, private readonly variables: Record<string, unknown>) {
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

  requested(set: SelectionSetNode, parent: CompositeParent, isMutation: boolean): number {
    let cost = 0;
    for (const { node, parent: on } of this.fields(set, parent)) {
      const field = fieldOf(on, node.name.value);
      if (!field) continue;
      const children = node.selectionSet ? this.requested(node.selectionSet, getNamedType(field.type), false) : 0;
      const own = this.ownCost(field, isMutation);
      cost += isConnection(field) ? own + this.expectedItems(field, node) * children : this.expectedItems(field, node) * (own + children);
    }
    return cost;
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
      for (const { node, parent: on } of this.fields(set, parent)) {
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
      byType.set(key, plan);
    }
    return plan;
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
}

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode) {
  return operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
}

export function requestedQueryCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): number {
  const root = rootType(schema, operation);
  if (!root) return MINIMUM_COST;
  const cost = new CostWalker(schema, document, variables).requested(operation.selectionSet, root, operation.operation === 'mutation');
  return Math.max(MINIMUM_COST, cost);
}

export function actualQueryCost(
  schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, data: Record<string, unknown>,
): number {
  const root = rootType(schema, operation);
  if (!root) return MINIMUM_COST;
  const cost = new CostWalker(schema, document, variables).actual(operation.selectionSet, root, data, operation.operation === 'mutation', false);
  return Math.max(MINIMUM_COST, cost);
}
