import { ERROR_CODES } from '../../src/errors/error-codes';
import { readDoc } from './examples';

/** The "when" column of docs/api.md's error table as { code: text }. */
const documented = Object.fromEntries([...(readDoc('docs/api.md').split(/^(?=## )/m).find((part) => part.startsWith('## Error codes')) ?? '')
  .matchAll(/^\| `([A-Z_]+)` \| [^|]+ \| [^|]+ \| (.*) \|$/gm)].map((match) => [match[1], match[2]]));

describe('docs/api.md "Error codes"', () => {
  // Status and retry advice are held to the table by test/server/error-codes-docs.test.ts; this is what each code means.
  it('says when each code is given in the words of the code table', () => {
    expect(documented).toEqual(Object.fromEntries(Object.entries(ERROR_CODES).map(([code, rule]) => [code, rule.meaning])));
  });
});
