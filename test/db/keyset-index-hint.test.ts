import { Application, Merchant, Plan } from '../../entities';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { onMysql } from '../support/test-database';

/**
 * Keyset pages and bounded counts name the (filters..., id) index on MySQL (entity-reads.ts, why in
 * Table.keysetIndexHint): this proves each read a partner makes carries the hint, that the hinted
 * index exists in the migrated database with exactly those columns, and that SQLite gets no hint.
 */
let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway('keyset_index_hint');
});
afterAll(() => t.close());

const HINT = /FORCE INDEX \(`([^`]+)`\)/;

/** The statements on `table` that one query sent, with the index each names (or null). */
async function hintsOf(query: string, table: string): Promise<(string | null)[]> {
  t.sql.reset();
  const answer = await t.client(KEYS.acme).request<Record<string, unknown>>(query);
  expect(answer).toBeDefined();
  return t.sql.statements.filter((sql) => sql.includes(`FROM \`${table}\` e`) || sql.includes(`FROM "${table}" "e"`) || sql.includes(`FROM "${table}" e`))
    .map((sql) => HINT.exec(sql)?.[1] ?? null);
}

/** The columns of an index of the migrated database, in order. */
async function indexColumns(table: string, index: string): Promise<string[]> {
  const rows: { Column_name: string; Seq_in_index: number | string }[] = await t.gateway.db.dataSource.query(`SHOW INDEX FROM \`${table}\` WHERE Key_name = ?`, [index]);
  return rows.sort((a, b) => Number(a.Seq_in_index) - Number(b.Seq_in_index)).map((row) => row.Column_name);
}

const firstMerchant = async () => {
  const data = await t.client(KEYS.acme).request<{ merchants: { nodes: { id: string }[] } }>('{ merchants(first: 1) { nodes { id } } }');
  return data.merchants.nodes[0].id;
};

describe('keyset reads name their index', () => {
  const cases: [string, (merchantId: string) => string, string, string[]][] = [
    ['a merchant\'s plans after a cursor', (m) => `{ node(id: "${m}") { ... on Merchant { plans(first: 2, after: "${cursorAfterOne}") { nodes { id } } } } }`, 'plans', ['merchantId', 'id']],
    ['a merchant\'s plans before a cursor, by status', (m) => `{ node(id: "${m}") { ... on Merchant { plans(last: 2, before: "${cursorAfterOne}", status: ACTIVE) { nodes { id } } } } }`, 'plans', ['merchantId', 'status', 'id']],
    ['the partner\'s plans with their count', () => '{ plans(first: 3) { totalCount nodes { id } } }', 'plans', ['partnerId', 'id']],
    ['the partner\'s delinquent plans with their count', () => '{ plans(first: 3, status: DELINQUENT) { totalCount nodes { id } } }', 'plans', ['partnerId', 'status', 'id']],
    ['the partner\'s merchants', () => '{ merchants(first: 2) { totalCount nodes { id } } }', 'merchants', ['partnerId', 'id']],
  ];
  let cursorAfterOne = '';
  let merchantId = '';
  beforeAll(async () => {
    merchantId = await firstMerchant();
    const page = await t.client(KEYS.acme).request<{ node: { plans: { edges: { cursor: string }[] } } }>(
      `{ node(id: "${merchantId}") { ... on Merchant { plans(first: 3) { edges { cursor } } } } }`);
    cursorAfterOne = page.node.plans.edges[1].cursor;
  });

  it.each(cases)('%s', async (_name, query, table, columns) => {
    const hints = await hintsOf(query(merchantId), table);
    expect(hints.length).toBeGreaterThan(0);
    if (!onMysql()) {
      expect(hints).toEqual(hints.map(() => null));
      return;
    }
    for (const hint of hints) {
      expect(hint).not.toBeNull();
      expect(await indexColumns(table, hint!)).toEqual(columns);
    }
  });

  it('gives no hint where no (filters, id) index exists', () => {
    const tables = t.gateway.db.tables;
    expect(tables.of(Plan).keysetIndexHint(['applicationId'])).toBe('');
    expect(tables.of(Application).keysetIndexHint(['partnerId'])).toBe('');
    expect(tables.of(Merchant).keysetIndexHint(['partnerId'])).toEqual(onMysql() ? expect.stringContaining('FORCE INDEX') : '');
  });
});
