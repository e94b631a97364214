import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { buildSchema, DocumentNode, getOperationAST, parse, visit } from 'graphql';
import { measureDocument } from '../../src/server/limits/document-limits';
import { DocumentLimitError } from '../../src/server/limits/limit-errors';
import { DEFAULT_LIMITS } from '../../src/server/limits/limits-config';
import { CostOptions, requestedQueryCost } from '../../src/server/limits/query-cost';
import { WorkCounter } from '../../src/server/limits/work';
import { fragmentHeavyDocument, FragmentHeavySpec } from '../support/fuzz/documents';

const schema = buildSchema(fs.readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));

/** Fragments chained `levels` deep, each spreading the next twice: 2^levels fields once expanded. */
const fragmentBomb = (levels: number) => `query { ...F0 } ${Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} `
  + `fragment F${levels} on Query { __typename }`;

const specs: fc.Arbitrary<FragmentHeavySpec> = fc.record({
  levels: fc.integer({ min: 0, max: 40 }),
  spreads: fc.integer({ min: 1, max: 4 }),
  aliases: fc.integer({ min: 0, max: 3 }),
  pageSize: fc.integer({ min: 1, max: 100 }),
  throughInterface: fc.boolean(),
});

const documentOf = (text: string): DocumentNode => parse(text, { noLocation: true });

/** What the gateway does with a document it is asked to price: refuse it by the limits, or price it. */
function refuseOrCost(text: string, options: CostOptions = DEFAULT_LIMITS): { work: number; outcome: string | number } {
  const work: WorkCounter = { visits: 0 };
  const document = documentOf(text);
  try {
    return { work: work.visits, outcome: requestedQueryCost(schema, document, getOperationAST(document)!, { id: 'TWVyY2hhbnQ6MQ' }, { ...options, work }) };
  } catch (error) {
    if (!(error instanceof DocumentLimitError)) throw error;
    return { work: work.visits, outcome: error.code };
  }
}

/** No document limits: what the cost compiler does on its own, with nothing refused first. */
const UNLIMITED: CostOptions = { totalCountCap: DEFAULT_LIMITS.totalCountCap };

describe('the work of refusing or pricing a document', () => {
  it('refuses the 1 KB bomb of 24 doubled levels visiting each of its selections once, never expanding it', () => {
    const bomb = fragmentBomb(24);
    expect(bomb.length).toBeLessThan(1024);
    const work: WorkCounter = { visits: 0 };
    expect(measureDocument(documentOf(bomb), work).fields).toBe(2 ** 24);
    const selections = 1 + 2 * 24 + 1;
    expect(work.visits).toBe(selections);
    expect(refuseOrCost(bomb)).toEqual({ work: selections, outcome: 'MAX_FIELDS_EXCEEDED' });
  });

  it('prices doubled spreads, however deep, with work linear in the document even when no limit refuses them first', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), (levels) => {
      const bomb = fragmentBomb(levels);
      const { work, outcome } = refuseOrCost(bomb, UNLIMITED);
      expect(outcome).toBe(1);
      expect(work).toBeLessThanOrEqual(2 * levels + 3);
    }));
  });

  it('refuses or prices every fragment-heavy document (nested and doubled spreads, aliases × connections, interfaces) visiting at most one selection per character', () => {
    fc.assert(fc.property(specs, (spec) => {
      const text = fragmentHeavyDocument(spec);
      const { work } = refuseOrCost(text);
      expect(work).toBeLessThanOrEqual(text.length);
    }), { numRuns: 300 });
  });

  it('measures the limits of every fragment-heavy document visiting each selection as written exactly once', () => {
    fc.assert(fc.property(specs, (spec) => {
      const text = fragmentHeavyDocument(spec);
      const document = documentOf(text);
      const work: WorkCounter = { visits: 0 };
      measureDocument(document, work);
      let written = 0;
      visit(document, { Field: () => void written++, FragmentSpread: () => void written++, InlineFragment: () => void written++ });
      expect(work.visits).toBe(written);
    }), { numRuns: 200 });
  });
});

describe(requestedQueryCost.name, () => {
  const price = (text: string) => refuseOrCost(text, UNLIMITED).outcome;

  it('prices a fragment spread several times as once, since it runs once', () => {
    fc.assert(fc.property(specs.filter((spec) => spec.levels <= 6), fc.integer({ min: 2, max: 4 }), (spec, spreads) => {
      expect(price(fragmentHeavyDocument({ ...spec, spreads }))).toBe(price(fragmentHeavyDocument({ ...spec, spreads: 1 })));
    }), { numRuns: 100 });
  });

  it('prices a field selected twice under one response key once, and two aliases twice', () => {
    const merchants = 'merchants(first: 5) { nodes { id } }';
    expect(price(`{ ${merchants} }`)).toBe(1 + 5);
    expect(price(`{ ${merchants} ${merchants} }`)).toBe(1 + 5);
    expect(price(`{ ...A ...B } fragment A on Query { ${merchants} } fragment B on Query { ${merchants} }`)).toBe(1 + 5);
    expect(price(`{ a: ${merchants} b: ${merchants} }`)).toBe(2 * (1 + 5));
  });

  it('prices fragments on an interface by the fields each type condition selects', () => {
    const onMerchant = '{ node(id: "x") { ... on Merchant { plans(first: 2) { nodes { id } } } } }';
    const onNode = '{ node(id: "x") { ...N } } fragment N on Node { id ... on Merchant { plans(first: 2) { nodes { id } } } }';
    expect(price(onNode)).toBe(price(onMerchant));
    expect(price(onMerchant)).toBe(1 + 1 + 2);
  });
});
