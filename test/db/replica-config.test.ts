import { ConfigError, loadConfig } from '../../src/server/config';

const PRIMARY = 'mysql://tenor@db:3306/tenor';
const REPLICA = 'mysql://tenor_reader@db-replica:3306/tenor';

const refusal = (env: NodeJS.ProcessEnv): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('loadConfig accepted the configuration');
};

describe(loadConfig.name, () => {
  describe('DATABASE_REPLICA_URL', () => {
    it('is read with its lag limit beside a MySQL primary', () => {
      expect(loadConfig({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URL: REPLICA, REPLICA_MAX_LAG_SECONDS: '30' }))
        .toMatchObject({ databaseReplicaUrl: REPLICA, replicaMaxLagSeconds: 30 });
    });

    it('is optional: without it analysts read from the primary', () => {
      expect(loadConfig({ DATABASE_URL: PRIMARY })).toMatchObject({ databaseReplicaUrl: null });
    });

    it.each(['sqlite::memory:', 'sqlite:/var/tenor.sqlite', 'postgres://db/tenor'])('refuses %s as a replica of a MySQL primary', (url) => {
      const error = refusal({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URL: url });
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toContain('DATABASE_REPLICA_URL must be mysql://');
    });

    it.each([['the default SQLite file', {}], ['an SQLite DATABASE_URL', { DATABASE_URL: 'sqlite::memory:' }]])('refuses a replica beside %s', (_, env) => {
      const error = refusal({ ...env, DATABASE_REPLICA_URL: REPLICA });
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toMatch(/DATABASE_REPLICA_URL needs a MySQL or MariaDB DATABASE_URL/);
    });

    it.each(['0', 'soon', '-5'])('refuses REPLICA_MAX_LAG_SECONDS=%s', (value) => {
      expect(refusal({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URL: REPLICA, REPLICA_MAX_LAG_SECONDS: value }).message).toContain('REPLICA_MAX_LAG_SECONDS must be');
    });
  });
});
