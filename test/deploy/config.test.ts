import { ConfigError, loadConfig } from '../../src/server/config';

const MYSQL = 'mysql://root@127.0.0.1:3306/tenor_prod';
const refusal = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted the configuration');
};

describe(loadConfig.name, () => {
  it('gives the contract defaults for an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      databaseUrl: 'sqlite:data/tenor.sqlite', databasePoolSize: 10, port: 4000, isProduction: false, fixedNow: null, logLevel: 'info',
      corsOrigins: [], timeZone: 'America/New_York', chargeOffAfterDays: 120, metricsPort: 9464, databaseReplicaUrl: null,
      otelExporterEndpoint: null, limits: { maxQueryCost: 1000, throttle: { redisUrl: null } },
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', TENOR_TIME_ZONE: '', CORS_ORIGINS: '' })).toMatchObject({ port: 4000, timeZone: 'America/New_York', corsOrigins: [] });
  });

  it('reads every contract variable', () => {
    const config = loadConfig({
      DATABASE_URL: MYSQL, DATABASE_POOL_SIZE: '4', PORT: '8080', LOG_LEVEL: 'warn', TENOR_NOW: '2027-01-15T12:00:00Z',
      CORS_ORIGINS: 'https://shop.example, http://localhost:3000', TENOR_TIME_ZONE: 'Europe/Paris', CHARGE_OFF_AFTER_DAYS: '90',
      METRICS_PORT: '9100', DATABASE_REPLICA_URL: 'mysql://ro@replica:3306/tenor', REPLICA_MAX_LAG_SECONDS: '3',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318', REDIS_URL: 'redis://cache:6379', MAX_QUERY_DEPTH: '8', THROTTLE_BUCKET_POINTS: '500',
    });
    expect(config).toMatchObject({
      databaseUrl: MYSQL, databasePoolSize: 4, port: 8080, logLevel: 'warn', fixedNow: new Date('2027-01-15T12:00:00Z'),
      corsOrigins: ['https://shop.example', 'http://localhost:3000'], timeZone: 'Europe/Paris', chargeOffAfterDays: 90, metricsPort: 9100,
      databaseReplicaUrl: 'mysql://ro@replica:3306/tenor', replicaMaxLagSeconds: 3, otelExporterEndpoint: 'http://otel:4318',
      limits: { document: { maxDepth: 8 }, throttle: { bucketPoints: 500, redisUrl: 'redis://cache:6379' } },
    });
  });

  it.each([
    ['PORT', '70000'], ['PORT', 'http'], ['DATABASE_POOL_SIZE', '0'], ['DATABASE_POOL_SIZE', '2.5'], ['METRICS_PORT', '-1'],
    ['DATABASE_URL', 'postgres://db/tenor'], ['DATABASE_REPLICA_URL', 'sqlite::memory:'], ['TENOR_NOW', 'tomorrow'], ['LOG_LEVEL', 'loud'],
    ['CORS_ORIGINS', 'https://shop.example/'], ['CORS_ORIGINS', 'https://a.example,,https://b.example'], ['CORS_ORIGINS', '*'],
    ['TENOR_TIME_ZONE', 'Mars/Olympus'], ['CHARGE_OFF_AFTER_DAYS', 'never'], ['OTEL_EXPORTER_OTLP_ENDPOINT', 'otel:4318'],
    ['REDIS_URL', 'http://cache'], ['MAX_QUERY_COST', '-5'], ['SHUTDOWN_GRACE_SECONDS', '0'], ['WORKER_LEASE_SECONDS', '1'],
  ])('refuses %s=%s with a line naming the variable and the value', (name, value) => {
    expect(refusal({ [name]: value })).toContain(`${name} must be`);
    expect(refusal({ [name]: value })).toContain(`got "${value}"`);
  });

  it('reports every bad variable at once', () => {
    const message = refusal({ PORT: 'x', LOG_LEVEL: 'loud', CHARGE_OFF_AFTER_DAYS: '0' });
    expect(message.split('\n').filter((line) => / must be /.test(line)).map((line) => line.trim().split(' ')[0])).toEqual(['PORT', 'LOG_LEVEL', 'CHARGE_OFF_AFTER_DAYS']);
  });

  it('does not repeat a password from a refused URL', () => {
    const message = refusal({ DATABASE_URL: 'mysql://tenor:s3cret@db:3306/bad-name' });
    expect(message).toContain('DATABASE_URL must be');
    expect(message).not.toContain('s3cret');
  });

  it('refuses the metrics port on the public port', () => {
    expect(refusal({ PORT: '9000', METRICS_PORT: '9000' })).toMatch(/METRICS_PORT must differ from PORT/);
  });

  describe('in production', () => {
    it('starts with a MySQL DATABASE_URL and no TENOR_NOW', () => {
      expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: MYSQL })).toMatchObject({ isProduction: true, seedDemoData: false });
    });

    it('refuses to start without DATABASE_URL, saying it would serve from a SQLite file', () => {
      expect(refusal({ NODE_ENV: 'production' })).toMatch(/DATABASE_URL is required when NODE_ENV=production.*SQLite/);
    });

    it('refuses a SQLite DATABASE_URL', () => {
      expect(refusal({ NODE_ENV: 'production', DATABASE_URL: 'sqlite:/var/tenor.sqlite' })).toMatch(/DATABASE_URL must be mysql:\/\/… when NODE_ENV=production/);
    });

    it('refuses TENOR_NOW', () => {
      expect(refusal({ NODE_ENV: 'production', DATABASE_URL: MYSQL, TENOR_NOW: '2027-01-01T00:00:00Z' })).toMatch(/TENOR_NOW .* refused when NODE_ENV=production/);
    });

    it('refuses a CORS_ORIGINS entry that is not an origin', () => {
      expect(refusal({ NODE_ENV: 'production', DATABASE_URL: MYSQL, CORS_ORIGINS: 'https://shop.example,shop.example' })).toMatch(/CORS_ORIGINS must be/);
    });
  });
});
