import { ERROR_CODES } from '../../src/errors/error-codes';
import { parseDoc, readDoc } from './examples';

/** The "when" column of docs/api.md's error table as { code: text }. */
const documented = Object.fromEntries([...(readDoc('docs/api.md').split(/^(?=## )/m).find((part) => part.startsWith('## Error codes')) ?? '')
  .matchAll(/^\| `([A-Z_]+)` \| [^|]+ \| [^|]+ \| (.*) \|$/gm)].map((match) => [match[1], match[2]]));

describe('docs/api.md "Error codes"', () => {
  // Status and retry advice are held to the table by test/server/error-codes-docs.test.ts; this is what each code means.
  it('says when each code is given in the words of the code table', () => {
    expect(documented).toEqual(Object.fromEntries(Object.entries(ERROR_CODES).map(([code, rule]) => [code, rule.meaning])));
  });

  it('shows, in the error excerpts it does not run, what the code table answers', () => {
    const { excerpts } = parseDoc(readDoc('docs/api.md'), { defaultKey: '' });
    type Shown = { message: string; extensions: { code: keyof typeof ERROR_CODES; retryable?: boolean; retryAfterSeconds?: number } };
    const shown = excerpts.flatMap((excerpt) => ((JSON.parse(excerpt.text) as { errors?: Shown[] }).errors ?? []));
    expect(shown.length).toBeGreaterThan(0);
    for (const { message, extensions: { code, retryable, retryAfterSeconds } } of shown) {
      const rule = ERROR_CODES[code] as (typeof ERROR_CODES)[typeof code] & { faultMessage?: string };
      expect({ code, retryable, retryAfterSeconds, message }).toEqual({ code, retryable: rule.retryable, retryAfterSeconds: rule.retryAfterSeconds, message: rule.faultMessage ?? message });
    }
  });
});
