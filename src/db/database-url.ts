import path from 'node:path';

export type DatabaseTarget =
  | { driver: 'sqlite'; file: string }
  | { driver: 'mysql'; host: string; port: number; user: string; password: string; database: string };

export type MysqlTarget = Extract<DatabaseTarget, { driver: 'mysql' }>;

export class DatabaseUrlError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** `sqlite:<path>`, `sqlite::memory:` or `mysql://user:pass@host:port/db` (also `mariadb://`). */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (!file) throw new DatabaseUrlError('DATABASE_URL "sqlite:" needs a path or :memory:');
    return { driver: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (!/^[A-Za-z0-9_]+$/.test(database)) {
      throw new DatabaseUrlError(`DATABASE_URL must name a database of letters, digits and _ (got "${database}")`);
    }
    return {
      driver: 'mysql',
      host: parsed.hostname || '127.0.0.1',
      port: parsed.port ? Number(parsed.port) : 3306,
      user: decodeURIComponent(parsed.username || 'root'),
      password: decodeURIComponent(parsed.password),
      database,
    };
  }
  throw new DatabaseUrlError('DATABASE_URL must start with sqlite: or mysql:// (the password, if any, is not shown here)');
}
