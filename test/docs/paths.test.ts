import fs from 'node:fs';
import path from 'node:path';
import { readDoc } from './examples';

const root = path.resolve(__dirname, '../..');

/**
 * The documents that describe Tenor as it is now. docs/performance.md and docs/scaling.md also tell
 * how it got here (files of earlier steps), docs/money.md and docs/data-layer.md are their owners'.
 */
const CURRENT = ['README.md', 'docs/api.md', 'docs/mobile.md', 'docs/analysts.md', 'docs/operations.md', 'docs/deploy.md', 'docs/slo.md',
  'docs/architecture.md', ...fs.readdirSync(path.join(root, 'docs/runbooks')).map((file) => `docs/runbooks/${file}`)];
const TOP_LEVEL = /^(src|test|resolvers|entities|schema|docker|bench|scripts|docs|\.ci)\//;

describe('the documents of the current state', () => {
  it.each(CURRENT)('%s names only files the repository has', (file) => {
    const named = [...readDoc(file).matchAll(/`([A-Za-z0-9_.\/-]+)`/g)].map((match) => match[1].replace(/\/$/, ''))
      .filter((name) => TOP_LEVEL.test(name) && !name.includes('<'));
    expect([...new Set(named)].filter((name) => !fs.existsSync(path.join(root, name)))).toEqual([]);
  });
});
