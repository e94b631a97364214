import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';

export type OperationKind = 'query' | 'mutation';

/**
 * The operations clients are known to send (schema/operations/*.graphql, which the generated client
 * is built from), by name. Metrics label an operation by its name only when it is one of these, so
 * a client inventing names cannot create series. Read once at start-up; a missing folder is a broken
 * build and fails the start, not a silent "everything is other".
 */
export function loadKnownOperations(dir = findOperationsDir()): ReadonlyMap<string, OperationKind> {
  const known = new Map<string, OperationKind>();
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.graphql')).sort()) {
    for (const definition of parse(fs.readFileSync(path.join(dir, file), 'utf8')).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
      if (definition.operation === 'subscription') continue;
      known.set(definition.name.value, definition.operation);
    }
  }
  if (known.size === 0) throw new Error(`No named operations in ${dir}; metrics need them to bound the operation label`);
  return known;
}

/** The operation's name as metrics and traces show it: its own when known, else `other`. */
export function operationLabel(known: ReadonlyMap<string, OperationKind>, name: string | null | undefined): string {
  return name && known.has(name) ? name : 'other';
}

/** schema/operations from the source tree (tests) or next to dist/ (a build, the Docker image). */
function findOperationsDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'schema', 'operations');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`schema/operations not found above ${__dirname}; it is part of the deployment`);
  }
}
