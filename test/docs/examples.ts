import fs from 'node:fs';
import path from 'node:path';

/**
 * The examples of a Markdown document, as the docs mark them (docs/api.md, "How to read the
 * examples"), so a test can send each request to a real gateway and hold its answer to the document.
 *
 * - A request is a fenced block: `graphql` (a document sent by POST; header lines
 *   `# Authorization: Bearer <key>` and `# variables: {…}` may sit anywhere in it, the variables
 *   continuing on lines that start with `#` and two spaces), `http` (a raw request: request line,
 *   headers, a blank line, the body) or `sh` holding one `curl` command.
 * - Its response is the fenced block right after it: `json` (a body answered HTTP 200) or `http`
 *   (status line, the headers that matter, a blank line, the body).
 * - A `json` block marked `json excerpt` is part of a response, shown for its shape; it runs nothing.
 * - Any other fenced block is an error, except `sh` blocks without curl (commands to type).
 */
export interface Block {
  lang: string;
  flags: string[];
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
}

export interface DocRequest {
  method: string;
  /** Path and query string, e.g. `/graphql?query=…`. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

export interface DocResponse {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined for none. */
  body: unknown;
}

export interface Example {
  line: number;
  /** What a failure names: the operation or the request line. */
  title: string;
  request: DocRequest;
  response: DocResponse;
}

export interface ParsedDoc {
  examples: Example[];
  excerpts: Block[];
  /** Blocks that are neither a request with its response nor an excerpt, with why. */
  unexplained: string[];
}

const root = path.resolve(__dirname, '../..');

export const readDoc = (relative: string) => fs.readFileSync(path.join(root, relative), 'utf8');

export function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    blocks.push({ lang: open[1], flags: open[2].split(/\s+/).filter(Boolean), text: body.join('\n'), line: start + 1 });
  }
  return blocks;
}

/** The line numbers between two blocks hold nothing but blank lines. */
function adjacent(markdown: string, first: Block, second: Block): boolean {
  const lines = markdown.split('\n');
  const firstEnd = first.line + first.text.split('\n').length + 1;
  return lines.slice(firstEnd, second.line - 1).every((line) => line.trim() === '');
}

/** The `TENOR_NOW=…` a document says its examples were run at. */
export function documentedNow(markdown: string): string {
  const match = /TENOR_NOW=(\d{4}-\d{2}-\d{2}T[\d:.]+Z)/.exec(markdown);
  if (!match) throw new Error('the document does not say at which TENOR_NOW its examples run');
  return match[1];
}

export function parseDoc(markdown: string, options: { defaultKey: string }): ParsedDoc {
  const blocks = fencedBlocks(markdown);
  const examples: Example[] = [];
  const excerpts: Block[] = [];
  const unexplained: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const where = `line ${block.line} (\`\`\`${[block.lang, ...block.flags].join(' ')})`;
    if (block.lang === 'json' && block.flags.includes('excerpt')) {
      excerpts.push(block);
      continue;
    }
    if (block.lang === 'sh' && !/\bcurl\s/.test(block.text)) continue;
    let request: DocRequest;
    try {
      request = requestOf(block, options.defaultKey);
    } catch (error) {
      unexplained.push(`${where}: ${(error as Error).message}`);
      continue;
    }
    const next = blocks[i + 1];
    if (!next || !adjacent(markdown, block, next) || !['json', 'http'].includes(next.lang) || next.flags.includes('excerpt')) {
      unexplained.push(`${where}: a request without its response right after it (a \`\`\`json or \`\`\`http block)`);
      continue;
    }
    try {
      examples.push({ line: block.line, title: titleOf(block, request), request, response: responseOf(next) });
    } catch (error) {
      unexplained.push(`line ${next.line}: ${(error as Error).message}`);
    }
    i++;
  }
  // A response written inline in prose is an example the test cannot pair with its request.
  for (const [index, line] of markdown.split('\n').entries()) {
    if (/`\{"(data|errors|userErrors)"/.test(line) || /`\{"\w+":\{?"?(userErrors|repayment|plan)"/.test(line)) {
      unexplained.push(`line ${index + 1}: a response inline in prose; make it a fenced request and response`);
    }
  }
  return { examples, excerpts, unexplained };
}

function titleOf(block: Block, request: DocRequest): string {
  if (block.lang !== 'graphql') return `${request.method} ${decodeURIComponent(request.target).slice(0, 70)}`;
  const document = (JSON.parse(request.body!) as { query: string }).query;
  return /^(?:query|mutation|subscription)\s+(\w+)/.exec(document)?.[1] ?? document.replace(/\s+/g, ' ').slice(0, 70);
}

function requestOf(block: Block, defaultKey: string): DocRequest {
  if (block.lang === 'graphql') return graphqlRequest(block.text, defaultKey);
  if (block.lang === 'http') return httpRequest(block.text);
  if (block.lang === 'sh') return curlRequest(block.text);
  throw new Error(`not an example the test can run: mark a response shown for its shape \`\`\`json excerpt, or make it a request (\`\`\`graphql, \`\`\`http, \`\`\`sh with curl) followed by its response`);
}

const HEADER = /^# (Authorization|variables|operationName): ?(.*)$/;

function graphqlRequest(text: string, defaultKey: string): DocRequest {
  const fields: Record<string, string> = {};
  const document: string[] = [];
  let last: string | null = null;
  for (const line of text.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      last = header[1];
      fields[last] = header[2];
    } else if (last && /^# {2}/.test(line)) {
      fields[last] += line.slice(1);
    } else {
      last = null;
      document.push(line);
    }
  }
  const body: Record<string, unknown> = { query: document.join('\n').trim() };
  if (fields.variables) body.variables = JSON.parse(fields.variables);
  if (fields.operationName) body.operationName = fields.operationName.trim();
  return {
    method: 'POST',
    target: '/graphql',
    headers: { 'content-type': 'application/json', authorization: fields.Authorization?.trim() ?? `Bearer ${defaultKey}` },
    body: JSON.stringify(body),
  };
}

function splitHead(text: string): { head: string[]; body: string } {
  const lines = text.split('\n');
  const blank = lines.findIndex((line) => line.trim() === '');
  return blank === -1 ? { head: lines, body: '' } : { head: lines.slice(0, blank), body: lines.slice(blank + 1).join('\n').trim() };
}

function headerMap(lines: string[]): Record<string, string> {
  return Object.fromEntries(lines.map((line) => {
    const colon = line.indexOf(':');
    if (colon < 1) throw new Error(`"${line}" is not a header`);
    return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
  }));
}

function httpRequest(text: string): DocRequest {
  const { head, body } = splitHead(text);
  const start = /^(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD) (\S+) HTTP\/1\.1$/.exec(head[0] ?? '');
  if (!start) throw new Error(`"${head[0]}" is not a request line (METHOD /path HTTP/1.1)`);
  return { method: start[1], target: start[2], headers: headerMap(head.slice(1)), body: body || undefined };
}

/** Shell words of one command: single and double quotes, backslash-newline continuations. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\\\n)|(\S+)/g;
  let current: string | null = null;
  let lastEnd = 0;
  for (const match of command.matchAll(pattern)) {
    if (match[3]) continue;
    const piece = match[1] ?? match[2]?.replace(/\\(.)/g, '$1') ?? match[4];
    const joined = current !== null && match.index === lastEnd;
    if (joined) current += piece;
    else {
      if (current !== null) words.push(current);
      current = piece;
    }
    lastEnd = match.index + match[0].length;
  }
  if (current !== null) words.push(current);
  return words;
}

function curlRequest(text: string): DocRequest {
  const commands = text.split('\n').filter((line) => !line.startsWith('#')).join('\n').trim();
  const words = shellWords(commands);
  if (words[0] !== 'curl') throw new Error('an sh example must be one curl command');
  const headers: Record<string, string> = {};
  let method: string | undefined;
  let body: string | undefined;
  let url: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    if (word === '-s' || word === '-i' || word === '-si') continue;
    if (word === '-H') {
      const [name, ...rest] = words[++i].split(':');
      headers[name.trim().toLowerCase()] = rest.join(':').trim();
    } else if (word === '-d' || word === '--data') body = words[++i];
    else if (word === '-X') method = words[++i];
    else if (!word.startsWith('-')) url = word;
    else throw new Error(`curl option ${word} is not one the docs test understands`);
  }
  if (!url) throw new Error('curl without a URL');
  const target = new URL(url);
  return { method: method ?? (body === undefined ? 'GET' : 'POST'), target: target.pathname + target.search, headers, body };
}

function responseOf(block: Block): DocResponse {
  if (block.lang === 'json') return { status: 200, headers: {}, body: JSON.parse(block.text) };
  const { head, body } = splitHead(block.text);
  const status = /^HTTP\/1\.1 (\d{3})\b/.exec(head[0] ?? '');
  if (!status) throw new Error(`"${head[0]}" is not a status line (HTTP/1.1 200 OK)`);
  return { status: Number(status[1]), headers: headerMap(head.slice(1)), body: body ? JSON.parse(body) : undefined };
}
