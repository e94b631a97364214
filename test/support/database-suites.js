// Which test files can give a different result on MariaDB than on SQLite. CI runs the whole suite on
// SQLite and then only these on MariaDB (jest project "database"); the others (project "no-database")
// would run the very same code a second time. Plain CommonJS: jest.config.js reads it before any transform.
const fs = require('node:fs');
const path = require('node:path');

/** The one switch between the two runs (test/support/test-database.ts). Nothing under src/ reads it. */
const SWITCH = 'TEST_DATABASE_URL';
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
const EXTENSIONS = ['', '.ts', '.js', '.mjs', '/index.ts', '/index.js'];

/** The file a relative import names, or null for one this repository does not have (left to the compiler). */
function resolveImport(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** What a file mentions and imports, read once per jest start. */
function scan(file, scanned) {
  if (!scanned.has(file)) {
    const source = fs.readFileSync(file, 'utf8');
    const imports = [...source.matchAll(RELATIVE_IMPORT)].map((match) => resolveImport(file, match[1]))
      .filter((imported) => imported && !imported.includes(`${path.sep}node_modules${path.sep}`));
    scanned.set(file, { mentionsSwitch: source.includes(SWITCH), imports });
  }
  return scanned.get(file);
}

/**
 * True when `file`, or any file of the repository it imports (relatively, at any depth), mentions
 * TEST_DATABASE_URL: its outcome can depend on the database the run points at. A suite that never
 * reaches the switch runs identically with and without it.
 */
function readsDatabaseSwitch(file, scanned = new Map()) {
  const visited = new Set([file]);
  const pending = [file];
  while (pending.length > 0) {
    const { mentionsSwitch, imports } = scan(pending.pop(), scanned);
    if (mentionsSwitch) return true;
    for (const imported of imports) {
      if (!visited.has(imported)) {
        visited.add(imported);
        pending.push(imported);
      }
    }
  }
  return false;
}

/** Every *.test.ts under `folder`, split by readsDatabaseSwitch. */
function splitSuites(folder, ignored = () => false) {
  const suites = fs.readdirSync(folder, { recursive: true })
    .map((entry) => path.join(folder, entry))
    .filter((file) => file.endsWith('.test.ts') && !ignored(file))
    .sort();
  const scanned = new Map();
  const database = suites.filter((file) => readsDatabaseSwitch(file, scanned));
  return { database, noDatabase: suites.filter((file) => !database.includes(file)) };
}

module.exports = { readsDatabaseSwitch, splitSuites };
