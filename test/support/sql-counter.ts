import type { Logger } from 'typeorm';

/** Counts the statements TypeORM sends, so tests can assert batching on the real connection. */
export class SqlCounter implements Logger {
  count = 0;
  statements: string[] = [];

  logQuery(query: string): void {
    this.count++;
    this.statements.push(query);
  }

  reset(): void {
    this.count = 0;
    this.statements = [];
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
