import type { GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import { getVariableValues, GraphQLSchema, printSchema } from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** Compiled operations kept per process; partners send a small set of operations over and over. */
export const MAX_COMPILED_OPERATIONS = 1000;

/**
 * Executes operations with graphql-jit instead of graphql-js. Apollo parses and validates as usual
 * (and caches both); this replaces only the execution, which on large nested reads was most of the
 * CPU: graphql-js interprets the selection for every one of thousands of fields, graphql-jit compiles
 * each operation once into a function. Apollo Server 5 exposes its executor only through the gateway
 * interface, hence the shape of this object.
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  const compiled = new Map<string, CompiledQuery>();
  let notify: GatewaySchemaLoadOrUpdateCallback | null = null;
  return {
    onSchemaLoadOrUpdate(callback) {
      notify = callback;
      return () => {
        notify = null;
      };
    },
    async load() {
      notify?.({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return {
        schema,
        executor: async (request) => {
          // Variables are coerced by graphql-js first: its errors are the ones Apollo recognises as
          // BAD_USER_INPUT (HTTP 400), naming the variable; graphql-jit's own lack that detail.
          const variables = request.request.variables ?? {};
          const coerced = getVariableValues(schema, request.operation.variableDefinitions ?? [], variables);
          if (coerced.errors) return { errors: coerced.errors };
          const key = `${request.queryHash}:${request.operationName ?? ''}`;
          let query = compiled.get(key);
          if (!query) {
            // Our resolvers already return leaf values in their final form (strings for Decimal and
            // Date, enum names, numbers): re-serializing each of thousands of leaves is pure cost.
            const result = compileQuery(schema, request.document, request.operationName ?? undefined, { disableLeafSerialization: true });
            if (!isCompiledQuery(result)) return result;
            if (compiled.size >= MAX_COMPILED_OPERATIONS) compiled.clear();
            compiled.set(key, (query = result));
          }
          return query.query(undefined, request.context, variables);
        },
      };
    },
    async stop() {},
  };
}
