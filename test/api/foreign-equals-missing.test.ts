import {
  getNamedType, GraphQLField, GraphQLInputType, GraphQLNamedType, GraphQLOutputType, GraphQLSchema, isAbstractType, isInputObjectType,
  isListType, isNonNullType, isObjectType,
} from 'graphql';
import { nodeTypes, selectionOf } from '../support/fuzz/documents';
import { FUZZ_GATEWAY_ENV, loadPublishedSchema } from '../support/fuzz/fuzz-run';
import { IdPool, validLeafValue } from '../support/fuzz/hostile-values';
import { IdsByType, seedIds } from '../support/fuzz/seed-ids';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { postQuery, RawResponse } from '../support/raw-http';

/**
 * Issue #25 (4), proved over the published schema rather than a list: for every root field (each
 * mutation, `node`, `nodes`, every query) and every id it takes (an `ID` argument, an `ID` field of
 * an input object at any depth, a list of them, or a `String` named `…Id`), another partner's id and
 * an id that never existed get the same answer, for each partner key: the same HTTP status, the same
 * top-level errors (code, message, path, argument), and the same data once ids are removed (userErrors
 * with the same code, field and message). A field added later is walked too; if the walk cannot tell
 * which type one of its ids names, or cannot reach the id with valid values around it, it fails and
 * says so.
 */

/** Foreign ids tried per type and slot: the first, middle and last the other partner has (plans of several statuses). */
const FOREIGN_PER_TYPE = 3;
/** Ids far beyond anything the seed creates: "never existed". */
const MISSING_FROM = 2_000_000_000;

/** Where an id goes in a root field's arguments, and which Node types it may name. */
interface IdSlot { path: string[]; list: boolean; types: string[] }

interface Walked { field: string; slot: string; type: string; sameAsMissing: boolean; reached: boolean; detail: string }

const unwrap = (type: GraphQLInputType): GraphQLInputType => (isNonNullType(type) ? type.ofType : type);
const capitalized = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

/** The Node types an output names: itself, its possible types, or, for a payload, its one Node-typed field. */
function nodeTypesOf(schema: GraphQLSchema, output: GraphQLOutputType, nodes: Set<string>): string[] {
  const named = getNamedType(output);
  if (nodes.has(named.name)) return [named.name];
  if (isAbstractType(named)) return schema.getPossibleTypes(named).map((t) => t.name).filter((name) => nodes.has(name));
  if (!isObjectType(named)) return [];
  const fields = Object.values(named.getFields()).map((f) => getNamedType(f.type).name).filter((name) => nodes.has(name));
  return fields.length === 1 ? fields : [];
}

/** `planId` → Plan, `programId` → FinancingProgram, `id`/`ids` → what the field returns. */
function typesNamedBy(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, name: string, nodes: Set<string>): string[] {
  if (name === 'id' || name === 'ids') return nodeTypesOf(schema, field.type, nodes);
  const stem = capitalized(name.replace(/Ids?$/, ''));
  const exact = [...nodes].filter((type) => type.toLowerCase() === stem.toLowerCase());
  return exact.length === 1 ? exact : [...nodes].filter((type) => type.endsWith(stem));
}

/** Every id a root field takes, at any depth of its arguments. */
function idSlots(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): IdSlot[] {
  const nodes = new Set(nodeTypes(schema).map((t) => t.name));
  const walk = (name: string, type: GraphQLInputType, path: string[]): IdSlot[] => {
    const named = getNamedType(type);
    if (isInputObjectType(named)) return Object.values(named.getFields()).flatMap((f) => walk(f.name, f.type, [...path, f.name]));
    if (named.name !== 'ID' && !(named.name === 'String' && /Ids?$/.test(name))) return [];
    const types = typesNamedBy(schema, field, name, nodes);
    if (types.length === 0) throw new Error(`${field.name}: cannot tell which Node type ${path.join('.')} names; call it <type>Id`);
    return [{ path, list: isListType(unwrap(type)), types }];
  };
  return field.args.flatMap((arg) => walk(arg.name, arg.type, [arg.name]));
}

const getAt = (value: unknown, path: string[]): unknown => path.reduce((v, key) => (v as Record<string, unknown> | undefined)?.[key], value);

function setAt(value: Record<string, unknown>, path: string[], leaf: unknown): Record<string, unknown> {
  const [key, ...rest] = path;
  return { ...value, [key]: rest.length === 0 ? leaf : setAt((value[key] ?? {}) as Record<string, unknown>, rest, leaf) };
}

let unique = 0;
const nextKey = () => `walk-${++unique}`;

/** A valid value of an input type with its required fields only: optional ones are where a made-up value could be refused first. */
function requiredValue(type: GraphQLInputType, name: string, pool: IdPool, fieldName: string): unknown {
  const named = getNamedType(type) as GraphQLNamedType;
  const value = isInputObjectType(named)
    ? Object.fromEntries(Object.values(named.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, requiredValue(f.type, f.name, pool, fieldName)]))
    : validLeafValue(named, name, pool, nextKey, fieldName);
  return isListType(unwrap(type)) ? [value] : value;
}

/**
 * Valid values for the field's required arguments and for the argument holding `slot`, every other
 * id being the caller's own (the first of its type), so that the refusal is about the id walked.
 */
function ownArguments(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, slot: IdSlot, own: IdsByType): Record<string, unknown> {
  const pool: IdPool = { own, foreign: {} };
  let args: Record<string, unknown> = Object.fromEntries(field.args.filter((a) => isNonNullType(a.type) || a.name === slot.path[0])
    .map((arg) => [arg.name, requiredValue(arg.type, arg.name, pool, field.name)]));
  for (const other of idSlots(schema, field)) {
    const id = own[other.types[0]]?.[0];
    if (getAt(args, other.path) !== undefined && id !== undefined) args = setAt(args, other.path, other.list ? [id] : id);
  }
  return args;
}

function document(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): string {
  const given = field.args.filter((arg) => arg.name in args);
  const definitions = given.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const call = given.length ? `${field.name}(${given.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : field.name;
  return `${kind} Walk${definitions ? `(${definitions})` : ''} { ${call} ${selectionOf(field.type, 1)} }`;
}

/** Ids say which object answered: removed, so that only what the answer says about the object is compared. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'id' && !key.endsWith('Id')).map(([key, v]) => [key, withoutIds(v)]));
}

/** What a client can tell apart: status, top-level errors, data without ids. */
const comparable = (response: RawResponse) => ({
  status: response.status,
  errors: (response.body.errors ?? []).map((e) => ({
    code: e.extensions?.code, message: e.message, path: (e as { path?: unknown }).path, argumentName: e.extensions?.argumentName, field: e.extensions?.field,
  })),
  data: withoutIds(response.body.data),
});

/**
 * The answer is about the id walked: a userError NOT_FOUND at its path, a top-level error naming its
 * argument, nothing visible (null, an empty list, a list of nulls), or a refusal of the role that no
 * argument can change (FORBIDDEN). Anything else means the values around the id refused first.
 */
function reached(response: RawResponse, field: string, slot: IdSlot): boolean {
  const errors = response.body.errors ?? [];
  if (errors.some((e) => e.extensions?.code === 'FORBIDDEN' || e.extensions?.argumentName === slot.path[0])) return true;
  const answer = response.body.data?.[field] as { userErrors?: { code: string; field: string[] | null }[] } | unknown[] | null | undefined;
  if (answer === null || (Array.isArray(answer) && answer.every((item) => item === null))) return errors.length === 0 || errors.every((e) => e.extensions?.code === 'NOT_FOUND');
  return !Array.isArray(answer) && (answer?.userErrors ?? []).some((e) => e.code === 'NOT_FOUND' && e.field?.join('.') === slot.path.join('.'));
}

/** Up to FOREIGN_PER_TYPE of the other partner's ids, spread over its list. */
function spread(ids: string[]): string[] {
  if (ids.length <= FOREIGN_PER_TYPE) return ids;
  return [0, Math.floor(ids.length / 2), ids.length - 1].map((i) => ids[i]);
}

let t: TestGateway;
let schema: GraphQLSchema;
const seen: Record<'acme' | 'globex', IdsByType> = { acme: {}, globex: {} };

/** An APPROVED application with its offers, first among the caller's own, so acceptOffer reaches its offerId. */
async function approvedApplication(key: string, ids: IdsByType): Promise<IdsByType> {
  const merchantId = ids.Merchant[0];
  const { body, text } = await postQuery(t.url, key, `mutation($input: CreateApplicationInput!) {
    createApplication(input: $input) { application { id status offers { id } } } }`, { input: {
    merchantId, amount: { amount: '400.00', currency: 'USD' }, idempotencyKey: nextKey(),
    applicant: { firstName: 'Walk', lastName: 'Er', email: `walk-${key}@example.com`, creditScore: 800 } } });
  const application = (body.data?.createApplication as { application: { id: string; status: string; offers: { id: string }[] } | null })?.application;
  if (application?.status !== 'APPROVED') throw new Error(`could not create an approved application: ${text.slice(0, 300)}`);
  return { ...ids, Application: [application.id, ...ids.Application], Offer: [...application.offers.map((o) => o.id), ...ids.Offer] };
}

/** A PARTNER key of each demo partner issued by the admin, so ApiKey ids have an owner too. */
async function apiKeyOf(partnerId: string): Promise<string> {
  const { body, text } = await postQuery(t.url, KEYS.admin, 'mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { apiKey { id } } }',
    { input: { name: 'walk', role: 'PARTNER', partnerId, idempotencyKey: nextKey() } });
  const id = (body.data?.issueApiKey as { apiKey: { id: string } | null } | undefined)?.apiKey?.id;
  if (!id) throw new Error(`could not issue an API key: ${text.slice(0, 300)}`);
  return id;
}

beforeAll(async () => {
  t = await startTestGateway('foreign_equals_missing', { env: FUZZ_GATEWAY_ENV });
  schema = loadPublishedSchema();
  for (const [name, key] of [['acme', KEYS.acme], ['globex', KEYS.globex]] as const) {
    const ids = await seedIds(t.url, key);
    seen[name] = await approvedApplication(key, { ...ids, ApiKey: [await apiKeyOf(ids.Partner[0])] });
  }
});
afterAll(() => t.close());

/** Walks every id slot of the root fields of one kind, as `key`, with `own` ids around the one walked. */
async function walk(kind: 'query' | 'mutation', key: string, own: IdsByType, foreign: IdsByType): Promise<Walked[]> {
  const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const walked: Walked[] = [];
  for (const field of Object.values(root.getFields())) {
    for (const slot of idSlots(schema, field)) {
      for (const type of slot.types) {
        const others = spread(foreign[type] ?? []);
        if (others.length === 0) throw new Error(`no ${type} of the other partner to walk ${field.name}(${slot.path.join('.')}) with`);
        const base = ownArguments(schema, field, slot, own);
        const ask = (value: unknown) => {
          const args = setAt(base, slot.path, value);
          // A fresh idempotency key per request, so that no answer is a replay of another.
          const input = args.input as Record<string, unknown> | undefined;
          return postQuery(t.url, key, document(kind, field, args), input && 'idempotencyKey' in input ? { ...args, input: { ...input, idempotencyKey: nextKey() } } : args);
        };
        const missing = others.map((_, i) => globalId(type, MISSING_FROM + i));
        // A list gets all the foreign ids at once against as many missing ones; a single id each in turn.
        const pairs: [unknown, unknown][] = slot.list ? [[others, missing]] : others.map((id, i) => [id, missing[i]]);
        for (const [foreignValue, missingValue] of pairs) {
          const asForeign = await ask(foreignValue);
          const [a, b] = [comparable(asForeign), comparable(await ask(missingValue))];
          walked.push({
            field: field.name, slot: slot.path.join('.'), type, sameAsMissing: JSON.stringify(a) === JSON.stringify(b),
            reached: reached(asForeign, field.name, slot), detail: `foreign ${JSON.stringify(a)}\nmissing ${JSON.stringify(b)}`,
          });
        }
      }
    }
  }
  return walked;
}

const differing = (walked: Walked[]) => walked.filter((w) => !w.sameAsMissing).map((w) => `${w.field}(${w.slot}) ${w.type}\n${w.detail}`);
const unreached = (walked: Walked[]) => walked.filter((w) => !w.reached).map((w) => `${w.field}(${w.slot}) ${w.type}\n${w.detail}`);

/** Root fields of a kind that take an id anywhere in their arguments: the walk must cover each. */
const fieldsWithIds = (kind: 'query' | 'mutation') =>
  Object.values((kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!).getFields()).filter((f) => idSlots(schema, f).length > 0).map((f) => f.name).sort();

describe.each([['Acme', 'acme', 'globex'], ['Globex', 'globex', 'acme']] as const)('%s\'s key: another partner\'s id answers like a missing one', (_name, who, other) => {
  const key = who === 'acme' ? KEYS.acme : KEYS.globex;

  it('in every mutation, for every id of its input', async () => {
    const walked = await walk('mutation', key, seen[who], seen[other]);
    expect(differing(walked)).toEqual([]);
    expect(unreached(walked)).toEqual([]);
    expect([...new Set(walked.map((w) => w.field))].sort()).toEqual(fieldsWithIds('mutation'));
  });

  it('in node, nodes and every query that takes an id, for every Node type', async () => {
    const walked = await walk('query', key, seen[who], seen[other]);
    expect(differing(walked)).toEqual([]);
    expect(unreached(walked)).toEqual([]);
    expect([...new Set(walked.map((w) => w.field))].sort()).toEqual(fieldsWithIds('query'));
    expect(new Set(walked.filter((w) => w.field === 'node').map((w) => w.type))).toEqual(new Set(nodeTypes(schema).map((type) => type.name)));
  });
});
