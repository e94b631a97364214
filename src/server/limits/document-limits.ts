import {
  DocumentNode, FragmentDefinitionNode, GraphQLError, Kind, parse, SelectionSetNode, visit,
} from 'graphql';
import type { DocumentLimits } from './limits-config';
import { DocumentLimitError } from './limit-errors';

export interface DocumentMeasures {
  depth: number;
  fields: number;
  aliases: number;
  rootFields: number;
  directives: number;
}

interface Shape { depth: number; fields: number }

/**
 * Depth and field count with fragments expanded, each fragment measured once: a "fragment bomb"
 * (fragments spreading each other many times) is counted in linear time instead of being expanded.
 */
class ShapeMeter {
  private readonly fragments: Map<string, FragmentDefinitionNode>;
  private readonly measured = new Map<string, Shape>();
  private readonly visiting = new Set<string>();

  constructor(document: DocumentNode) {
    this.fragments = new Map(document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]));
  }

  selectionSet(set: SelectionSetNode): Shape {
    let depth = 0;
    let fields = 0;
    for (const selection of set.selections) {
      let inner: Shape;
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? this.selectionSet(selection.selectionSet) : { depth: 0, fields: 0 };
        // ofType only walks a type's list/non-null wrappers (introspection), so it adds no real depth.
        inner = { depth: below.depth + (selection.name.value === 'ofType' ? 0 : 1), fields: below.fields + 1 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.selectionSet(selection.selectionSet);
      } else {
        inner = this.fragment(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      fields += inner.fields;
    }
    return { depth, fields };
  }

  private fragment(name: string): Shape {
    const known = this.measured.get(name);
    if (known) return known;
    const definition = this.fragments.get(name);
    // Unknown or cyclic fragments are left to validation, which names them precisely.
    if (!definition || this.visiting.has(name)) return { depth: 0, fields: 0 };
    this.visiting.add(name);
    const shape = this.selectionSet(definition.selectionSet);
    this.visiting.delete(name);
    this.measured.set(name, shape);
    return shape;
  }
}

/** The size of a parsed document, measured over every operation it holds (the largest counts). */
export function measureDocument(document: DocumentNode): DocumentMeasures {
  const meter = new ShapeMeter(document);
  const measures: DocumentMeasures = { depth: 0, fields: 0, aliases: 0, rootFields: 0, directives: 0 };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const shape = meter.selectionSet(definition.selectionSet);
    measures.depth = Math.max(measures.depth, shape.depth);
    measures.fields = Math.max(measures.fields, shape.fields);
    measures.rootFields = Math.max(measures.rootFields, definition.selectionSet.selections.length);
  }
  visit(document, {
    Field: (node) => {
      if (node.alias) measures.aliases++;
    },
    Directive: () => {
      measures.directives++;
    },
  });
  return measures;
}

const CHECKS: { code: DocumentLimitError['code']; measure: keyof DocumentMeasures; limit: keyof DocumentLimits; what: string }[] = [
  { code: 'MAX_DEPTH_EXCEEDED', measure: 'depth', limit: 'maxDepth', what: 'is nested' },
  { code: 'MAX_ALIASES_EXCEEDED', measure: 'aliases', limit: 'maxAliases', what: 'uses aliases' },
  { code: 'MAX_ROOT_FIELDS_EXCEEDED', measure: 'rootFields', limit: 'maxRootFields', what: 'selects root fields' },
  { code: 'MAX_DIRECTIVES_EXCEEDED', measure: 'directives', limit: 'maxDirectives', what: 'uses directives' },
  // Last: the specific limits above name the cause better when a query breaks several.
  { code: 'MAX_FIELDS_EXCEEDED', measure: 'fields', limit: 'maxFields', what: 'selects (fragments expanded)' },
];

/** The first limit the document breaks, or null. */
export function documentLimitViolation(document: DocumentNode, limits: DocumentLimits): DocumentLimitError | null {
  const measures = measureDocument(document);
  for (const check of CHECKS) {
    const actual = measures[check.measure];
    const limit = limits[check.limit];
    if (actual > limit) return new DocumentLimitError(check.code, `The query ${check.what} ${actual} times; the limit is ${limit}`, limit, actual);
  }
  return null;
}

/**
 * Parses with the token limit and checks the other limits, before Apollo validates: validation's
 * work grows with the square of the fields selected, so an oversized document must not reach it.
 * A syntax error returns null: Apollo reports it with GRAPHQL_PARSE_FAILED as for any client.
 */
export function checkQueryText(query: string, limits: DocumentLimits): DocumentLimitError | null {
  // Clients send the same few documents over and over: the verdict is remembered per text (and
  // limits), so only a new document is parsed here; Apollo caches its own parse the same way.
  let verdicts = verdictsByLimits.get(limits);
  if (!verdicts) verdictsByLimits.set(limits, (verdicts = new Map()));
  if (verdicts.has(query)) return verdicts.get(query)!;
  const verdict = checkUncached(query, limits);
  if (verdicts.size >= MAX_REMEMBERED_DOCUMENTS) verdicts.clear();
  verdicts.set(query, verdict);
  return verdict;
}

const MAX_REMEMBERED_DOCUMENTS = 1000;
const verdictsByLimits = new WeakMap<DocumentLimits, Map<string, DocumentLimitError | null>>();

function checkUncached(query: string, limits: DocumentLimits): DocumentLimitError | null {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
  } catch (error) {
    // graphql-js aborts with a syntax error; its wording is the only way to tell this one apart.
    if (error instanceof GraphQLError && error.message.includes('tokens. Parsing aborted')) {
      return new DocumentLimitError('MAX_TOKENS_EXCEEDED', `The query has more than ${limits.maxTokens} tokens`, limits.maxTokens);
    }
    return null;
  }
  return documentLimitViolation(document, limits);
}
