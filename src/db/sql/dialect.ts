/**
 * Everything our SQL says differently on MySQL/MariaDB and on SQLite, in one object per driver. A
 * repository writes one statement and asks the dialect for the part that differs; it never asks
 * which driver it is on.
 */
export interface Dialect {
  readonly name: 'mysql' | 'sqlite';
  /** An identifier quoted for the driver. */
  quote(identifier: string): string;
  /**
   * Whether a statement can lock rows for its transaction (MySQL's row locks). SQLite has none: it
   * runs one write transaction at a time (WriteSerializer), which serializes what a lock would.
   */
  readonly rowLocks: boolean;
  /** Appended to a SELECT that locks its rows: ' FOR UPDATE', or '' without row locks. */
  readonly forUpdate: string;
  /** ` FORCE INDEX (<index>)` where the planner must be told (MariaDB, see Table.keysetIndexHint); '' on SQLite. */
  forceIndex(quotedIndex: string): string;
  /** An INSERT of one row that does nothing when a row with the same `key` exists. */
  insertUnlessExists(table: string, columns: readonly string[], key: readonly string[]): string;
  /** Appended to an INSERT: a row whose `key` exists gets `column` increased by the inserted value instead. */
  onConflictAdd(key: readonly string[], column: string): string;
  /** Appended to an INSERT: a row whose `key` exists is left as it is, and locked where rows lock (MySQL). */
  onConflictKeep(key: readonly string[]): string;
  /** The statement that opens a transaction. */
  readonly beginTransaction: string;
  /** The rows a write changed, from the driver's answer. */
  affectedRows(answer: unknown): number;
  /**
   * The id of an INSERT's first row, from the driver's answer: mysql2's insertId is the first id the
   * statement generated (consecutive for a multi-row INSERT with an auto-increment step of 1),
   * better-sqlite3's lastInsertRowid the last. Any other shape fails loudly rather than answer a wrong id.
   */
  firstInsertId(answer: unknown, rowCount: number): number;
}

const insertPrefix = (table: string, columns: readonly string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;

function checkedId(id: number | null, driver: string, answer: unknown): number {
  if (id === null || !Number.isSafeInteger(id) || id < 1) throw new Error(`insert cannot read the first id from ${driver}'s answer ${JSON.stringify(answer)}`);
  return id;
}

export const MYSQL: Dialect = {
  name: 'mysql',
  quote: (identifier) => `\`${identifier.replaceAll('`', '``')}\``,
  rowLocks: true,
  forUpdate: ' FOR UPDATE',
  forceIndex: (quotedIndex) => ` FORCE INDEX (${quotedIndex})`,
  // INSERT IGNORE rather than ON DUPLICATE KEY UPDATE: it takes no exclusive lock on an existing row.
  insertUnlessExists: (table, columns) => insertPrefix(table, columns).replace('INSERT INTO', 'INSERT IGNORE INTO'),
  onConflictAdd: (_key, column) => ` ON DUPLICATE KEY UPDATE ${column} = ${column} + VALUES(${column})`,
  // A no-op update of the key: InnoDB takes an exclusive lock on the existing row, as it does on the
  // row an INSERT creates (a plain INSERT meeting a duplicate would take a shared one).
  onConflictKeep: ([first]) => ` ON DUPLICATE KEY UPDATE ${first} = ${first}`,
  beginTransaction: 'START TRANSACTION',
  affectedRows: (answer) => (answer as { affectedRows: number }).affectedRows,
  firstInsertId: (answer, _rowCount) =>
    checkedId(typeof answer === 'object' && answer !== null && 'insertId' in answer ? Number(answer.insertId) : null, 'mysql', answer),
};

export const SQLITE: Dialect = {
  name: 'sqlite',
  quote: (identifier) => `"${identifier.replaceAll('"', '""')}"`,
  rowLocks: false,
  forUpdate: '',
  forceIndex: () => '',
  insertUnlessExists: (table, columns, key) => `${insertPrefix(table, columns)} ON CONFLICT (${key.join(', ')}) DO NOTHING`,
  onConflictAdd: (key, column) => ` ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${column} = ${column} + excluded.${column}`,
  onConflictKeep: (key) => ` ON CONFLICT (${key.join(', ')}) DO NOTHING`,
  beginTransaction: 'BEGIN TRANSACTION',
  affectedRows: (answer) => (answer as { changes: number }).changes,
  firstInsertId: (answer, rowCount) => {
    const last = (answer as { lastInsertRowid?: unknown } | null)?.lastInsertRowid;
    return checkedId(typeof last === 'number' || typeof last === 'bigint' ? Number(last) - rowCount + 1 : null, 'better-sqlite3', answer);
  },
};
