import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES } from '../../src/server/config';
import { readDoc } from './examples';

const root = path.resolve(__dirname, '../..');
const readme = readDoc('README.md');
const section = (markdown: string, heading: string) => markdown.split(/^(?=## )/m).find((part) => part.startsWith(`## ${heading}`)) ?? '';
const scripts = Object.keys((JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

/**
 * The README is the front door: what Tenor is, the commands, the configuration and the way into
 * docs/. Measurements and plans go stale there, so they live in docs/performance.md and the issues.
 */
describe('README.md', () => {
  it('stays within 200 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
  });

  it('names every npm script in its command table, with the contract\'s commands', () => {
    const commands = section(readme, 'Commands');
    const missing = ['npm ci', 'npm start', 'npm test', ...scripts.filter((name) => !['start', 'test', 'build'].includes(name)).map((name) => `npm run ${name}`),
      'npm run bench -- --scale'].filter((command) => !commands.includes(`\`${command}`));
    expect(missing).toEqual([]);
  });

  it('gives every environment variable Tenor reads one line of its configuration table, and docs/operations.md too', () => {
    const lines = section(readme, 'Configuration').split('\n');
    const operations = section(readDoc('docs/operations.md'), 'Configuration');
    for (const name of CONFIG_VARIABLES) {
      expect({ name, lines: lines.filter((line) => line.startsWith(`| \`${name}\` |`)).length }).toEqual({ name, lines: 1 });
      expect({ name, inOperations: operations.includes(`\`${name}\``) }).toEqual({ name, inOperations: true });
    }
  });

  it('links only to documents that exist, and to every guide in docs/', () => {
    const links = [...readme.matchAll(/\]\(((?:docs\/)[^)#]*)/g)].map((match) => match[1]);
    expect(links.filter((link) => !fs.existsSync(path.join(root, link)))).toEqual([]);
    const guides = fs.readdirSync(path.join(root, 'docs')).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`);
    expect(guides.filter((guide) => !links.includes(guide))).toEqual([]);
  });

  it('holds no dated figures, session history or list of open work', () => {
    const withoutClock = readme.replace(/TENOR_NOW=\S+/g, '');
    expect(withoutClock.match(/\b20\d\d-\d\d-\d\d\b/g)).toBeNull();
    expect(withoutClock.match(/\b(fifth|fourth|third|second|first|last) session\b|open work|\b\d+(\.\d+)?x\b/gi)).toBeNull();
  });
});
