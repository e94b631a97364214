import {
  getNamedType, GraphQLArgument, GraphQLField, GraphQLInputObjectType, GraphQLInputType, GraphQLNamedType, GraphQLObjectType, GraphQLOutputType,
  GraphQLSchema, isAbstractType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType,
} from 'graphql';
import { hostileLeafValues, hostileLists, IdPool, isList, validLeafValue } from './hostile-values';
import { SeededRandom } from './seeded-random';

export type FuzzRole = 'PARTNER' | 'ANALYST' | 'ADMIN';

/** One request of the fuzz run: a document, its variables, and what it exercises. */
export interface FuzzCase {
  role: FuzzRole;
  label: string;
  query: string;
  variables: Record<string, unknown>;
  mutation: boolean;
}

export interface FuzzPlan {
  schema: GraphQLSchema;
  pools: Record<FuzzRole, IdPool>;
  random: SeededRandom;
  /** How many hostile values each argument gets (sampled from its type's list); mutations get fewer per leaf. */
  valuesPerArgument: number;
  valuesPerMutationLeaf: number;
}

/** A selection of every field that needs no argument, `depth` object levels down (ids only below that). */
export function selectionOf(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isAbstractType(named)) return '{ __typename id }';
  const object = named as GraphQLObjectType;
  const fields = Object.values(object.getFields()).filter((field) => field.args.every((arg) => !isNonNullType(arg.type)));
  const parts = fields.flatMap((field): string[] => {
    const inner = getNamedType(field.type);
    if (isLeafType(inner)) return [field.name];
    if (depth <= 0) return isObjectType(inner) && inner.getFields().id ? [`${field.name} { id }`] : [];
    const args = field.args.some((arg) => arg.name === 'first') ? '(first: 3)' : '';
    return [`${field.name}${args} ${selectionOf(field.type, depth - 1)}`];
  });
  return `{ ${parts.join(' ')} }`;
}

const typeText = (type: GraphQLInputType): string => type.toString();

/** Every hostile value of one argument, lists and input objects included (each leaf of an input object in turn). */
function hostileArgumentValues(plan: FuzzPlan, pool: IdPool, arg: GraphQLArgument, fieldName: string, count: number): unknown[] {
  const named = getNamedType(arg.type);
  if (isInputObjectType(named)) {
    const base = validInput(named, pool, () => 'fuzz', fieldName);
    return sampleEachLeaf(plan.random, leafVariants(named, base, pool, fieldName), count);
  }
  const values = plan.random.sample(hostileLeafValues(named, arg.name, pool, fieldName), count);
  if (!isList(arg.type)) return values;
  return hostileLists(values, validLeafValue(named, arg.name, pool, () => 'x', fieldName)).concat(values.map((v) => [v]));
}

let uniqueCounter = 0;
const uniqueKey = () => `fuzz-${++uniqueCounter}`;

/** An input object of valid leaves, recursively. */
export function validInput(type: GraphQLInputObjectType, pool: IdPool, unique: () => string, fieldName?: string): Record<string, unknown> {
  return Object.fromEntries(Object.values(type.getFields()).map((field) => {
    const named = getNamedType(field.type);
    const value = isInputObjectType(named) ? validInput(named, pool, unique, fieldName) : validLeafValue(named, field.name, pool, unique, fieldName);
    return [field.name, isListType(isNonNullType(field.type) ? field.type.ofType : field.type) ? [value] : value];
  }));
}

/**
 * The input with one leaf replaced by each of its hostile values (or left out), for every leaf, nested
 * objects included: one list of variants per leaf.
 */
function leafVariants(type: GraphQLInputObjectType, base: Record<string, unknown>, pool: IdPool, fieldName?: string): Record<string, unknown>[][] {
  return Object.values(type.getFields()).flatMap((field) => {
    const named = getNamedType(field.type);
    if (isInputObjectType(named)) {
      return leafVariants(named, base[field.name] as Record<string, unknown>, pool, fieldName)
        .map((variants) => variants.map((inner) => ({ ...base, [field.name]: inner })));
    }
    return [[...hostileLeafValues(named, field.name, pool, fieldName), undefined].map((value) => {
      const variant = { ...base };
      if (value === undefined) delete variant[field.name];
      else variant[field.name] = value;
      return variant;
    })];
  });
}

/** `count` variants of each leaf: its sharpest value (listed first) and a sample of the others. */
const sampleEachLeaf = (random: SeededRandom, leaves: Record<string, unknown>[][], count: number) =>
  leaves.flatMap(([sharpest, ...others]) => [sharpest, ...random.sample(others, count - 1)]);

/** `field(a: $a, …)` with its variable definitions, for the arguments given. */
function call(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): { definitions: string[]; text: string } {
  const given = field.args.filter((arg) => arg.name in args);
  return {
    definitions: given.map((arg) => `$${arg.name}: ${typeText(arg.type)}`),
    text: given.length ? `${field.name}(${given.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : field.name,
  };
}

function validArgs(field: GraphQLField<unknown, unknown>, pool: IdPool): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of field.args.filter((a) => isNonNullType(a.type))) {
    const named = getNamedType(arg.type) as GraphQLNamedType;
    const value = isInputObjectType(named) ? validInput(named, pool, uniqueKey, field.name) : validLeafValue(named, arg.name, pool, uniqueKey, field.name);
    args[arg.name] = isList(arg.type) ? [value] : value;
  }
  return args;
}

/** Scalars with their own parseLiteral: their hostile values are also sent inline, not only as variables. */
const LITERAL_SCALARS = new Set(['Date', 'DateTime', 'Decimal']);

/** A GraphQL literal for a plain value (JSON's string escapes are GraphQL's too). */
const literal = (value: unknown): string => (value === null ? 'null' : typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Each argument of `field` in turn gets each of its hostile values; the others keep valid values. */
function argumentCases(plan: FuzzPlan, role: FuzzRole, field: GraphQLField<unknown, unknown>, wrap: (fieldText: string) => string,
  extraDefinitions: string[], extraVariables: Record<string, unknown>, label: string): FuzzCase[] {
  const pool = plan.pools[role];
  const document = (definitions: string[], text: string) =>
    `query Fuzz${definitions.length + extraDefinitions.length ? `(${[...extraDefinitions, ...definitions].join(', ')})` : ''} { ${wrap(`${text} ${selectionOf(field.type, 1)}`)} }`;
  return field.args.flatMap((arg) => hostileArgumentValues(plan, pool, arg, field.name, plan.valuesPerArgument).flatMap((value): FuzzCase[] => {
    const args = { ...validArgs(field, pool), [arg.name]: value };
    const { definitions, text } = call(field, args);
    const asVariable: FuzzCase = { role, label: `${label}(${arg.name})`, query: document(definitions, text), variables: { ...extraVariables, ...args }, mutation: false };
    if (!LITERAL_SCALARS.has(getNamedType(arg.type).name) || typeof value === 'object') return [asVariable];
    const { [arg.name]: _inlined, ...others } = args;
    const rest = call(field, others);
    const inline = rest.text.includes('(') ? rest.text.replace('(', `(${arg.name}: ${literal(value)}, `) : `${field.name}(${arg.name}: ${literal(value)})`;
    return [asVariable, { role, label: `${label}(${arg.name} inline)`, query: document(rest.definitions, inline), variables: { ...extraVariables, ...others }, mutation: false }];
  }));
}

/** Every root query field with arguments, each argument hostile in turn. */
export function rootQueryCases(plan: FuzzPlan, role: FuzzRole): FuzzCase[] {
  return Object.values(plan.schema.getQueryType()!.getFields()).filter((field) => field.args.length > 0)
    .flatMap((field) => argumentCases(plan, role, field, (text) => text, [], {}, `Query.${field.name}`));
}

const FULL_READS_PER_TYPE = 3;

/** Every field with arguments of every Node type, reached through `node(id:)` with a real id the role can see. */
export function nodeFieldCases(plan: FuzzPlan, role: FuzzRole): FuzzCase[] {
  const pool = plan.pools[role];
  return nodeTypes(plan.schema).flatMap((type) => {
    const ids = pool.own[type.name] ?? [];
    const id = ids[0];
    if (!id) return [];
    const withArgs = Object.values(type.getFields()).filter((field) => field.args.length > 0);
    // Every field of several objects of the type (plans in several states), read with default arguments.
    const full = ids.slice(0, FULL_READS_PER_TYPE).map((each): FuzzCase => ({
      role, label: `${type.name} (every field)`, mutation: false, variables: { id: each },
      query: `query Fuzz($id: ID!) { node(id: $id) { __typename ... on ${type.name} ${selectionOf(type, 2)} } }`,
    }));
    return [...full, ...withArgs.flatMap((field) => argumentCases(plan, role, field, (text) => `node(id: $id) { ... on ${type.name} { ${text} } }`,
      ['$id: ID!'], { id }, `${type.name}.${field.name}`))];
  });
}

/** Every mutation: the valid input once, then each leaf with `valuesPerLeaf` of its hostile values. */
export function mutationCases(plan: FuzzPlan, role: FuzzRole, valuesPerLeaf = plan.valuesPerMutationLeaf): FuzzCase[] {
  const pool = plan.pools[role];
  return Object.values(plan.schema.getMutationType()!.getFields()).flatMap((field) => {
    const inputType = getNamedType(field.args[0].type) as GraphQLInputObjectType;
    const selection = selectionOf(field.type, 1);
    const base = validInput(inputType, pool, uniqueKey, field.name);
    const variants = [base, ...sampleEachLeaf(plan.random, leafVariants(inputType, base, pool, field.name), valuesPerLeaf)];
    return variants.map((input): FuzzCase => ({
      role, label: `Mutation.${field.name}`, mutation: true,
      // A fresh idempotency key per request unless the variant is about the key itself.
      variables: { input: typeof input.idempotencyKey === 'string' && input.idempotencyKey.startsWith('fuzz') ? { ...input, idempotencyKey: uniqueKey() } : input },
      query: `mutation Fuzz($input: ${typeText(field.args[0].type)}) { ${field.name}(input: $input) ${selection} }`,
    }));
  });
}

export function nodeTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType =>
    isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'));
}

/**
 * The shape of a document built to multiply work with little text, as an adversary writes it:
 * fragments chained M0 → M1 → … each spreading the next `spreads` times (doubled spreads), and
 * selecting it again under `aliases` aliased connections (aliases × connections), entered from the
 * root and, with `throughInterface`, through fragments on the Node interface.
 */
export interface FragmentHeavySpec {
  levels: number;
  spreads: number;
  aliases: number;
  pageSize: number;
  throughInterface: boolean;
}

/** A document of that shape against the published schema (its variable `$id` is a merchant's id when throughInterface). */
export function fragmentHeavyDocument(spec: FragmentHeavySpec): string {
  const fragments = Array.from({ length: spec.levels }, (_, i) => {
    const next = `M${i + 1}`;
    const spreads = Array.from({ length: spec.spreads }, () => `...${next}`).join(' ');
    const aliased = Array.from({ length: spec.aliases }, (_, a) =>
      `p${a}: plans(first: ${spec.pageSize}) { totalCount nodes { id merchant { ...${next} } } }`).join(' ');
    return `fragment M${i} on Merchant { id name ${spreads} ${aliased} }`;
  });
  fragments.push(`fragment M${spec.levels} on Merchant { id currency }`);
  const roots = [`merchants(first: ${spec.pageSize}) { nodes { ...M0 } }`];
  if (spec.throughInterface) {
    fragments.push('fragment N on Node { id ... on Merchant { ...M0 } ... on Plan { merchant { ...M0 } } }');
    roots.push('node(id: $id) { ...N }', 'nodes(ids: [$id, $id]) { ...N }');
  }
  return `query FragmentHeavy${spec.throughInterface ? '($id: ID!)' : ''} { ${roots.join(' ')} } ${fragments.join(' ')}`;
}

const HEAVY_DOCUMENTS_PER_ROLE = 40;

/**
 * Fragment-heavy documents with the role's own merchant id: small ones the limits admit and price,
 * larger ones they refuse, all sent like every other read.
 */
export function fragmentHeavyCases(plan: FuzzPlan, role: FuzzRole): FuzzCase[] {
  const id = plan.pools[role].own.Merchant?.[0];
  if (!id) return [];
  return Array.from({ length: HEAVY_DOCUMENTS_PER_ROLE }, (): FuzzCase => {
    const spec: FragmentHeavySpec = {
      levels: plan.random.pick([0, 1, 2, 3, 5, 8, 24]), spreads: plan.random.pick([1, 2, 3]), aliases: plan.random.pick([0, 1, 2]),
      pageSize: plan.random.pick([1, 2, 5]), throughInterface: plan.random.next() < 0.5,
    };
    return {
      role, label: `FragmentHeavy(${JSON.stringify(spec)})`, query: fragmentHeavyDocument(spec), mutation: false,
      variables: spec.throughInterface ? { id } : {},
    };
  });
}
