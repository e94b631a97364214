import type { ApolloServerPlugin } from '@apollo/server';
import type { MiddlewareFn } from 'type-graphql';
import { apolloPlugins } from '../../src/server/apollo';
import { loadConfig } from '../../src/server/config';
import { createThrottle } from '../../src/server/limits/redis-throttle';
import { createLogger } from '../../src/server/logger';
import { metricsPlugin } from '../../src/server/metrics/metrics-plugin';
import { FastPathError } from '../../src/server/schema-fast-paths';
import { buildTenorSchema } from '../../src/server/schema';

const passThrough: MiddlewareFn = (_data, next) => next();

describe(buildTenorSchema.name, () => {
  it('builds with the plugins the gateway serves with', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const logger = createLogger('silent');
    const throttle = await createThrottle(config.limits.throttle, { clockMs: Date.now, logger, commandTimeoutMs: config.faults.redisCommandTimeoutMs });
    const plugins = apolloPlugins({
      isProduction: false, logger, limits: config.limits, throttle, maxCompiledOperations: config.maxCompiledOperations,
      faults: config.faults, observers: [metricsPlugin()],
    });
    await expect(buildTenorSchema({ plugins })).resolves.toBeDefined();
    await throttle.close();
  });

  it('refuses global middlewares, naming the fast path that would skip them', async () => {
    const building = buildTenorSchema({ typeGraphql: { globalMiddlewares: [passThrough] } });
    await expect(building).rejects.toThrow(FastPathError);
    await expect(building).rejects.toThrow(/globalMiddlewares.*callFieldResolversDirectly/);
  });

  it('refuses a DI container, naming the fast path that would bypass it', async () => {
    const building = buildTenorSchema({ typeGraphql: { container: { get: (someClass: new () => unknown) => new someClass() } } });
    await expect(building).rejects.toThrow(/container.*callFieldResolversDirectly/);
  });

  it('refuses a plugin that instruments fields (willResolveField), naming both fast paths', async () => {
    const tracing: ApolloServerPlugin<never> = {
      async requestDidStart() {
        return { async executionDidStart() {
          return { willResolveField: () => () => undefined };
        } };
      },
    };
    const building = buildTenorSchema({ plugins: [tracing] });
    await expect(building).rejects.toThrow(FastPathError);
    await expect(building).rejects.toThrow(/willResolveField.*readGettersAsProperties and callFieldResolversDirectly/);
  });

  it('accepts a plugin that hooks executions but not fields', async () => {
    const timing: ApolloServerPlugin<never> = { async requestDidStart() {
      return { async executionDidStart() {
        return { executionDidEnd: async () => undefined };
      } };
    } };
    await expect(buildTenorSchema({ plugins: [timing] })).resolves.toBeDefined();
  });
});
