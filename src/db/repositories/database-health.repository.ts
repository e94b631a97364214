import type { StatementRunner } from '../sql/statement-runner';

const statements = () => ({
  ping: 'SELECT 1 AS ok',
});

/** Whether the database answers at all: a probe of the connection, not of data (/readyz, the metrics' dependency gauge). */
export class DatabaseHealthRepository {
  private readonly s = this.sql.tables.statements(statements);

  constructor(private readonly sql: StatementRunner) {}

  async answers(): Promise<boolean> {
    return (await this.sql.values(this.s.ping, [])).length === 1;
  }
}
