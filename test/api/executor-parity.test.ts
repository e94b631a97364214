import fs from 'node:fs';
import path from 'node:path';
import {
  DocumentNode, execute, getNamedType, getOperationAST, GraphQLInputType, GraphQLSchema, isInputObjectType, isListType, isNonNullType,
  ASTNode, Kind, OperationDefinitionNode, parse, print, typeFromAST, visit,
} from 'graphql';
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import { authenticate } from '../../src/auth/authenticate';
import { loadConfig, Config } from '../../src/server/config';
import { DEFAULT_MAX_COMPILED_OPERATIONS, jitGateway } from '../../src/server/jit-gateway';
import { requestContext } from '../../src/server/request-context';
import { buildTenorSchema } from '../../src/server/schema';
import { asOf } from '../../src/engine';
import { Services } from '../../src/services/services';
import { FuzzRole, validInput } from '../support/fuzz/documents';
import { FUZZ_GATEWAY_ENV, fuzzCases, idPools, KEY_OF, loadPublishedSchema } from '../support/fuzz/fuzz-run';
import { IdPool, validLeafValue } from '../support/fuzz/hostile-values';
import { SeededRandom } from '../support/fuzz/seeded-random';
import { startTestGateway, TestGateway } from '../support/gateway';
import { leafValues } from '../support/leaf-values';

let t: TestGateway;
let schema: GraphQLSchema;
let jit: GatewayExecutor;
let services: Services;
let config: Config;
/** The test gateway's clock (startTestGateway's default). */
const NOW = '2027-03-01T12:00:00Z';
let pools: Record<FuzzRole, IdPool>;

beforeAll(async () => {
  t = await startTestGateway('parity', { env: FUZZ_GATEWAY_ENV });
  // The gateway's own schema (fast paths applied) and its jit executor, as app.ts wires them.
  schema = await buildTenorSchema();
  jit = (await jitGateway(schema, DEFAULT_MAX_COMPILED_OPERATIONS).load({ apollo: { key: '', keyHash: '', graphRef: '', graphVariant: '' } } as never)).executor!;
  config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TENOR_NOW: NOW });
  services = new Services(t.gateway.runner, 'test', config, t.gateway.reads, { countCap: config.limits.totalCountCap });
  pools = await idPools(t);
});
afterAll(() => t.close());

/** One execution's context, exactly as the gateway builds it for this role (fresh loaders each time). */
async function contextFor(role: FuzzRole) {
  const viewer = await authenticate(t.gateway.db.repositories.apiKeys, `Bearer ${KEY_OF[role]}`, { refuseDemoKeys: false });
  return requestContext(t.gateway.reads, services, viewer, { requestId: 'parity' }, asOf(new Date(NOW), config.timeZone), config.limits.totalCountCap);
}

/** What a client receives: the result as JSON (a Date object and its ISO string would otherwise differ only in memory). */
const wire = (result: unknown) => JSON.parse(JSON.stringify(result)) as { data?: unknown; errors?: unknown[] };

async function bothExecutors(role: FuzzRole, document: DocumentNode, variables: Record<string, unknown>) {
  const operation = getOperationAST(document) as OperationDefinitionNode;
  const reference = wire(await execute({ schema, document, variableValues: variables, contextValue: await contextFor(role) }));
  const compiled = wire(await jit({
    document, operation, operationName: operation.name?.value ?? null, queryHash: print(document), context: await contextFor(role),
    request: { query: print(document), variables }, source: print(document),
  } as never));
  return { reference, compiled };
}

const operationsIn = (file: string): DocumentNode[] => {
  const dir = path.join(__dirname, '../../schema/operations');
  const fragments = fs.readFileSync(path.join(dir, 'fragments.graphql'), 'utf8');
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  return parse(text).definitions.map((definition) => {
    const own = { kind: 'Document', definitions: [definition] } as DocumentNode;
    // Only the fragments the operation spreads (directly or through other fragments).
    const all = parse(`${print(own)}\n${fragments}`);
    const used = new Set<string>();
    const pending: ASTNode[] = [definition];
    while (pending.length) {
      visit(pending.pop()!, { FragmentSpread(spread) {
        if (used.has(spread.name.value)) return;
        used.add(spread.name.value);
        pending.push(all.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === spread.name.value)!);
      } });
    }
    return { ...all, definitions: all.definitions.filter((d) => d.kind !== 'FragmentDefinition' || used.has(d.name.value)) };
  });
};

/** The id type an operation's `$id` means, from the operation's name. */
const ID_TYPE_OF_OPERATION: Record<string, string[]> = {
  MerchantPrograms: ['Merchant'], MerchantPlans: ['Merchant'], MerchantApplications: ['Merchant'], NestedRead: ['Merchant'],
  Plan: ['Plan'], Application: ['Application'], Node: ['Merchant', 'Plan', 'Application', 'Installment', 'Repayment', 'Refund', 'FinancingProgram', 'Partner', 'PlanEvent'],
};

let keyCounter = 0;
/** Variables for an operation: valid values from the fuzz's generator, `$id` once per id of the types it means (several plans in several states). */
function variableSets(document: DocumentNode, pool: IdPool): Record<string, unknown>[] {
  const operation = getOperationAST(document)!;
  const base: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType;
    const named = getNamedType(type);
    const name = definition.variable.name.value;
    const unique = () => `parity-${++keyCounter}`;
    let value: unknown = isInputObjectType(named) ? validInput(named, pool, unique, operation.name?.value) : validLeafValue(named, name, pool, unique);
    if (name === 'first') value = 5;
    if (isListType(isNonNullType(type) ? type.ofType : type)) value = Object.values(pool.own).flatMap((ids) => ids.slice(0, 2));
    if (isNonNullType(type) || ['first', 'asOf'].includes(name)) base[name] = value;
  }
  const idTypes = ID_TYPE_OF_OPERATION[operation.name?.value ?? ''];
  if (!idTypes) return [base];
  return idTypes.flatMap((type) => (pool.own[type] ?? []).slice(0, 6).map((id) => ({ ...base, id })));
}

const CONTRACT: Record<string, RegExp> = {
  Decimal: /^-?\d+(\.\d+)?$/,
  DateTime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/,
  Date: /^\d{4}-\d{2}-\d{2}$/,
};
const checkedLeaves: Record<string, number> = { Decimal: 0, DateTime: 0, Date: 0 };

/** Both executors agree, and every Decimal, DateTime and Date leaf the client gets keeps its scalar's contract. */
function expectParity(document: DocumentNode, { reference, compiled }: { reference: { data?: unknown; errors?: unknown[] }; compiled: { data?: unknown; errors?: unknown[] } }) {
  expect(reference.errors).toBeUndefined();
  expect(compiled).toEqual(reference);
  for (const { type, value } of leafValues(schema, document, compiled.data)) {
    if (!CONTRACT[type]) continue;
    checkedLeaves[type]++;
    expect({ type, value }).toEqual({ type, value: expect.stringMatching(CONTRACT[type]) });
  }
}

describe('executor parity (graphql-js execute and the gateway\'s graphql-jit path)', () => {
  const roles: FuzzRole[] = ['PARTNER', 'ANALYST', 'ADMIN'];

  it.each(roles)('gives identical results for every read in schema/operations as %s', async (role) => {
    for (const document of operationsIn('reads.graphql')) {
      for (const variables of variableSets(document, pools[role])) expectParity(document, await bothExecutors(role, document, variables));
    }
  });

  it('gives identical payloads for every mutation in schema/operations (the jit run replays the first by its idempotencyKey)', async () => {
    // The one field a replay answers differently by design: a new key is shown once, never again.
    const withoutPlainKey = <T>(result: T): T => JSON.parse(JSON.stringify(result).replace(/"plainKey":"[^"]*"/, '"plainKey":null')) as T;
    for (const role of roles) {
      for (const document of operationsIn('mutations.graphql')) {
        const [variables] = variableSets(document, pools[role]);
        const { reference, compiled } = await bothExecutors(role, document, variables);
        if (reference.errors) expect(compiled).toEqual(reference);
        else expectParity(document, { reference: withoutPlainKey(reference), compiled: withoutPlainKey(compiled) });
      }
    }
  });

  it('gives identical results for a sample of the fuzz\'s successful reads', async () => {
    const random = new SeededRandom(7);
    const reads = random.sample(fuzzCases(loadPublishedSchema(), pools).filter((c) => !c.mutation), 300);
    let compared = 0;
    for (const c of reads) {
      const document = parse(c.query);
      const results = await bothExecutors(c.role, document, c.variables);
      if (results.reference.errors) continue;
      expectParity(document, results);
      compared++;
    }
    console.log(`executor parity: ${compared} successful fuzz reads compared; leaves checked so far ${JSON.stringify(checkedLeaves)}`);
    expect(compared).toBeGreaterThan(50);
  });

  it('checked Decimal, DateTime and Date leaves (so the contract checks above cannot pass vacuously)', () => {
    expect(checkedLeaves.Decimal).toBeGreaterThan(100);
    expect(checkedLeaves.DateTime).toBeGreaterThan(10);
    expect(checkedLeaves.Date).toBeGreaterThan(10);
  });
});
