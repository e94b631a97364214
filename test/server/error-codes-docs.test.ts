import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../../src/errors/error-codes';

const guide = fs.readFileSync(path.join(__dirname, '../../docs/api.md'), 'utf8');
/** From the section's heading to the next heading of its level (or the end). */
const section = guide.split(/^(?=## )/m).find((part) => part.startsWith('## Error codes')) ?? '';

/** The table in docs/api.md as { code: [status, retry] }. */
const documented = Object.fromEntries([...section.matchAll(/^\| `([A-Z_]+)` \| (\d{3}(?: always)?) \| (yes|no) \|/gm)].map((m) => [m[1], [m[2], m[3]]]));

describe('docs/api.md "Error codes"', () => {
  it('lists every code of the code table with its status, scope and whether to retry', () => {
    const expected = Object.fromEntries(Object.entries(ERROR_CODES).map(([code, rule]) =>
      [code, [`${rule.status}${rule.scope === 'response' ? ' always' : ''}`, rule.retryable ? 'yes' : 'no']]));
    expect(documented).toEqual(expected);
  });
});
