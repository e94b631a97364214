import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { buildSchema, getOperationAST, parse } from 'graphql';
import { jitGateway } from '../../src/server/jit-gateway';
import { loadConfig } from '../../src/server/config';

const schema = buildSchema('type Query { a: Int b: Int c: Int }');

/** What Apollo hands the gateway executor for one request, reduced to what jitGateway reads. */
function request(query: string): GatewayGraphQLRequestContext {
  const document = parse(query);
  return {
    request: { query, variables: {} }, document, operation: getOperationAST(document)!, operationName: null,
    queryHash: query, context: {},
  } as unknown as GatewayGraphQLRequestContext;
}

async function executorOf(gateway: ReturnType<typeof jitGateway>): Promise<GatewayExecutor> {
  const { executor } = await gateway.load({ apollo: { keyHash: undefined, graphRef: undefined, key: undefined, graphVariant: 'current' } } as never);
  if (!executor) throw new Error('jitGateway must provide an executor');
  return executor;
}

describe(jitGateway.name, () => {
  it('evicts the least recently used operation when full, not everything at once', async () => {
    const gateway = jitGateway(schema, 2);
    const execute = await executorOf(gateway);
    await execute(request('{ a }'));
    await execute(request('{ b }'));
    await execute(request('{ a }')); // a is now the most recently used
    await execute(request('{ c }'));
    expect(gateway.compiled.has('{ a }:')).toBe(true);
    expect(gateway.compiled.has('{ b }:')).toBe(false);
    expect(gateway.compiled.has('{ c }:')).toBe(true);
    expect(gateway.compiled.size).toBe(2);
  });

  it('answers a missing operation with graphql-js\'s error instead of failing', async () => {
    const execute = await executorOf(jitGateway(schema));
    const document = parse('query A { a } query B { b }');
    const result = await execute({ ...request('{ a }'), document, operation: undefined } as unknown as GatewayGraphQLRequestContext);
    expect(result.errors?.[0].message).toBe('Must provide operation name if query contains multiple operations.');
  });
});

describe('MAX_COMPILED_OPERATIONS', () => {
  it('defaults to 1000', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).maxCompiledOperations).toBe(1000);
  });

  it('is read from the environment and must be a whole number from 1', () => {
    expect(loadConfig({ NODE_ENV: 'test', MAX_COMPILED_OPERATIONS: '50' }).maxCompiledOperations).toBe(50);
    expect(() => loadConfig({ NODE_ENV: 'test', MAX_COMPILED_OPERATIONS: '0' })).toThrow(/MAX_COMPILED_OPERATIONS must be a whole number from 1/);
  });
});
