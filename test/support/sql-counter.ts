import type { Logger } from 'typeorm';

/** Counts the statements TypeORM sends, so tests can assert batching on the real connection. */
export class SqlCounter implements Logger {
  count = 0;
  statements: string[] = [];
  /** The parameters of each statement, by the same index. */
  parameters: unknown[][] = [];

  logQuery(query: string, parameters?: unknown[]): void {
    this.count++;
    this.statements.push(query);
    this.parameters.push(parameters ?? []);
  }

  reset(): void {
    this.count = 0;
    this.statements = [];
    this.parameters = [];
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
