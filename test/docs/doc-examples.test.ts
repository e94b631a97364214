import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { answerDifferences, IdPairs, send } from './answers';
import { documentedNow, parseDoc, readDoc } from './examples';

/**
 * Every request docs/api.md and the README show, sent in the order they show them to one fresh
 * gateway at the clock the document names, must get the response shown: status, the headers shown,
 * and the body (ids, cursors and keys may differ; an id the document reuses must name what it named
 * before). An example the test cannot run fails it, so a document cannot grow an untested example;
 * the few excerpts it does not run are held to the code table by error-table.test.ts.
 */
const DOCUMENTS = [
  { file: 'docs/api.md', tag: 'docs_api' },
  { file: 'README.md', tag: 'docs_readme' },
];

for (const { file, tag } of DOCUMENTS) {
  describe(file, () => {
    const markdown = readDoc(file);
    const { examples, unexplained } = parseDoc(markdown, { defaultKey: KEYS.acme });
    const ids = new IdPairs();
    let t: TestGateway;
    beforeAll(async () => {
      t = await startTestGateway(tag, { now: documentedNow(markdown) });
    });
    afterAll(() => t?.close());

    it('shows no example that is not run here', () => {
      expect(unexplained).toEqual([]);
      expect(examples.length).toBeGreaterThan(0);
    });

    // In the document's order: later examples use what earlier ones created.
    for (const example of examples) {
      it(`line ${example.line}: ${example.title}`, async () => {
        const answer = await send(new URL(t.url).origin, ids.forGateway(example.request));
        const problems = answerDifferences(example.response, answer, ids);
        if (problems.length > 0) {
          throw new Error(`${file}, line ${example.line}, differs from what the gateway answers:\n  ${problems.join('\n  ')}\n`
            + `The gateway answered HTTP ${answer.status}:\n${JSON.stringify(ids.asDocumented(answer.body))}`);
        }
      });
    }
  });
}
