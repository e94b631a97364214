import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { standaloneOperations } from '../../scripts/print-operation';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { postQuery } from '../support/raw-http';

const schema = buildSchema(fs.readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));
const operations = standaloneOperations();

describe(standaloneOperations.name, () => {
  it('finds every operation of schema/operations', () => {
    expect(Object.keys(operations)).toEqual(expect.arrayContaining(['CreateApplication', 'CapturePlan', 'NestedRead', 'PaymentEstimates', 'Node']));
  });

  it.each(Object.keys(operations))('prints %s as a document that validates on its own (no missing or unused fragment)', (name) => {
    expect(validate(schema, parse(operations[name]))).toEqual([]);
  });

  it('prints a document the gateway runs as it is', async () => {
    const t: TestGateway = await startTestGateway('operations_files');
    try {
      const response = await postQuery(t.url, KEYS.acme, operations.Plans, { first: 2 });
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
