import { prefersHtml } from '../../src/server/http/media-type';

describe(prefersHtml.name, () => {
  it.each([
    ['text/html', true],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['text/*', true],
    ['text/html, application/json', true],
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/json', false],
    ['application/json, text/html;q=0.1', false],
    ['application/graphql-response+json, text/html;q=0.5', false],
    ['application/json, text/html', false],
    ['text/html;q=0, */*', false],
    // HTML ties with application/graphql-response+json through */*: not ranked above it (Apollo picks the JSON type too).
    ['*/*, application/json;q=0.1', false],
    ['application/xhtml+xml', false],
  ])('ranks HTML first for %j: %s', (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });
});
