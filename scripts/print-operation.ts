import fs from 'node:fs';
import path from 'node:path';
import { parse, print, separateOperations } from 'graphql';

/** The project root: the nearest folder with package.json (this file runs from scripts/ or dist/scripts/). */
function projectRoot(dir = __dirname): string {
  return fs.existsSync(path.join(dir, 'package.json')) ? dir : projectRoot(path.dirname(dir));
}

export const OPERATIONS_DIR = path.join(projectRoot(), 'schema/operations');

/**
 * Every operation of schema/operations as a document of its own: the operation and exactly the
 * fragments it spreads, directly or through other fragments. GraphQL refuses a document with a
 * fragment it does not use, so the files cannot simply be concatenated for a single request.
 */
export function standaloneOperations(): Record<string, string> {
  const files = fs.readdirSync(OPERATIONS_DIR).filter((name) => name.endsWith('.graphql')).sort();
  const document = parse(files.map((name) => fs.readFileSync(path.join(OPERATIONS_DIR, name), 'utf8')).join('\n'));
  return Object.fromEntries(Object.entries(separateOperations(document)).map(([name, operation]) => [name, print(operation)]));
}

if (require.main === module) {
  const operations = standaloneOperations();
  const name = process.argv[2];
  if (!name || !operations[name]) {
    console.error(`usage: npm run operation -- <name>\noperations: ${Object.keys(operations).join(', ')}`);
    process.exit(2);
  }
  console.log(operations[name]);
}
