import fs from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildTenorSchema } from './schema';

/** The committed schema artifact: sorted, so a diff shows only real changes. */
export async function renderSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildTenorSchema()))}\n`;
}

/** The project root: the nearest folder with package.json (this file runs from src/ or dist/src/). */
function projectRoot(dir = __dirname): string {
  return fs.existsSync(path.join(dir, 'package.json')) ? dir : projectRoot(path.dirname(dir));
}

export const SCHEMA_FILE = path.join(projectRoot(), 'schema/schema.graphql');

if (require.main === module) {
  renderSchema()
    .then((sdl) => {
      fs.writeFileSync(SCHEMA_FILE, sdl);
      console.log(`wrote ${SCHEMA_FILE}`);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
