import {
  DefinitionNode, DirectiveNode, DocumentNode, FragmentDefinitionNode, GraphQLError, Kind, OperationTypeNode, parse, SelectionSetNode,
} from 'graphql';
import type { DocumentLimits } from './limits-config';
import { DocumentLimitError } from './limit-errors';
import { UNCOUNTED, WorkCounter } from './work';

export interface DocumentMeasures {
  depth: number;
  fields: number;
  aliases: number;
  rootFields: number;
  directives: number;
}

interface Shape { depth: number; fields: number }

/**
 * Every measure in one walk that visits each node of the document once: depth and field count with
 * fragments expanded come from each fragment's own shape, computed once and then added (a "fragment
 * bomb" of doubled spreads is arithmetic on a few numbers, never an expansion); aliases and
 * directives are counted as written. Not graphql-armor: it has no fields or root-fields limit, and each of its rules walks again (docs/dependencies.md).
 */
class DocumentMeter {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly shapes = new Map<FragmentDefinitionNode, Shape>();
  private readonly visiting = new Set<FragmentDefinitionNode>();
  aliases = 0;
  directives = 0;

  constructor(definitions: readonly DefinitionNode[], private readonly work: WorkCounter) {
    for (const d of definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(d.name.value, d);
  }

  selectionSet(set: SelectionSetNode): Shape {
    let depth = 0;
    let fields = 0;
    for (const selection of set.selections) {
      this.work.visits++;
      this.countDirectives(selection.directives);
      let inner: Shape;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) this.aliases++;
        const below = selection.selectionSet ? this.selectionSet(selection.selectionSet) : { depth: 0, fields: 0 };
        // ofType only walks a type's list/non-null wrappers (introspection), so it adds no real depth.
        inner = { depth: below.depth + (selection.name.value === 'ofType' ? 0 : 1), fields: below.fields + 1 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.selectionSet(selection.selectionSet);
      } else {
        const definition = this.fragments.get(selection.name.value);
        // Unknown fragments are left to validation, which names them precisely.
        inner = definition ? this.fragment(definition) : { depth: 0, fields: 0 };
      }
      depth = Math.max(depth, inner.depth);
      fields += inner.fields;
    }
    return { depth, fields };
  }

  /** A fragment's shape, walked the first time it is met (spread or not) and remembered. */
  fragment(definition: FragmentDefinitionNode): Shape {
    const known = this.shapes.get(definition);
    if (known) return known;
    // A cycle counts nothing more: validation refuses it (NoFragmentCycles).
    if (this.visiting.has(definition)) return { depth: 0, fields: 0 };
    this.visiting.add(definition);
    this.countDirectives(definition.directives);
    const shape = this.selectionSet(definition.selectionSet);
    this.visiting.delete(definition);
    this.shapes.set(definition, shape);
    return shape;
  }

  countDirectives(directives: readonly DirectiveNode[] | undefined): void {
    this.directives += directives?.length ?? 0;
  }
}

/**
 * The size of a parsed document, measured over every operation it holds (the largest counts), in
 * time linear in the document's size: `work.visits` counts the selections visited.
 */
export function measureDocument(document: DocumentNode, work: WorkCounter = UNCOUNTED): DocumentMeasures {
  const meter = new DocumentMeter(document.definitions, work);
  const measures: DocumentMeasures = { depth: 0, fields: 0, aliases: 0, rootFields: 0, directives: 0 };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      // Fragments no operation spreads still count their aliases and directives.
      meter.fragment(definition);
    } else if (definition.kind === Kind.OPERATION_DEFINITION) {
      meter.countDirectives(definition.directives);
      for (const variable of definition.variableDefinitions ?? []) meter.countDirectives(variable.directives);
      const shape = meter.selectionSet(definition.selectionSet);
      measures.depth = Math.max(measures.depth, shape.depth);
      measures.fields = Math.max(measures.fields, shape.fields);
      measures.rootFields = Math.max(measures.rootFields, definition.selectionSet.selections.length);
    }
  }
  measures.aliases = meter.aliases;
  measures.directives = meter.directives;
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
export function documentLimitViolation(document: DocumentNode, limits: DocumentLimits, work: WorkCounter = UNCOUNTED): DocumentLimitError | null {
  const measures = measureDocument(document, work);
  for (const check of CHECKS) {
    const actual = measures[check.measure];
    const limit = limits[check.limit];
    if (actual > limit) return new DocumentLimitError(check.code, `The query ${check.what} ${actual} times; the limit is ${limit}`, limit, actual);
  }
  return null;
}

/** One operation of a document: enough to pick it by `operationName` and to know what it does. */
export interface OperationSummary {
  name: string | null;
  kind: OperationTypeNode;
}

/**
 * What the HTTP layer needs to know of a document before Apollo sees it: the first limit it breaks
 * and the operations it holds. A document that does not parse has neither (Apollo reports it with
 * GRAPHQL_PARSE_FAILED, as for any client), unless it broke the token limit while parsing.
 */
export interface DocumentVerdict {
  violation: DocumentLimitError | null;
  operations: readonly OperationSummary[];
}

/**
 * Parses with the token limit and checks the other limits, before Apollo validates: validation's
 * work grows with the square of the fields selected, so an oversized document must not reach it.
 */
export function documentVerdict(query: string, limits: DocumentLimits): DocumentVerdict {
  // Clients send the same few documents over and over: the verdict is remembered per text (and
  // limits), so only a new document is parsed here; Apollo caches its own parse the same way.
  let verdicts = verdictsByLimits.get(limits);
  if (!verdicts) verdictsByLimits.set(limits, (verdicts = new Map()));
  let verdict = verdicts.get(query);
  if (verdict) return verdict;
  verdict = judge(query, limits);
  if (verdicts.size >= MAX_REMEMBERED_DOCUMENTS) verdicts.clear();
  verdicts.set(query, verdict);
  return verdict;
}

/**
 * The operation `operationName` selects, as graphql-js's getOperationAST picks it: by name, or the
 * only one when no name is given; null when that selects nothing (Apollo then refuses the request).
 */
export function selectedOperation(verdict: DocumentVerdict, operationName: unknown): OperationSummary | null {
  if (typeof operationName === 'string') return verdict.operations.find((operation) => operation.name === operationName) ?? null;
  if (operationName !== undefined && operationName !== null) return null;
  return verdict.operations.length === 1 ? verdict.operations[0] : null;
}

const MAX_REMEMBERED_DOCUMENTS = 1000;
const verdictsByLimits = new WeakMap<DocumentLimits, Map<string, DocumentVerdict>>();
const UNPARSED: DocumentVerdict = { violation: null, operations: [] };

function judge(query: string, limits: DocumentLimits): DocumentVerdict {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
  } catch (error) {
    // graphql-js aborts with a syntax error; its wording is the only way to tell this one apart.
    if (error instanceof GraphQLError && error.message.includes('tokens. Parsing aborted')) {
      return { violation: new DocumentLimitError('MAX_TOKENS_EXCEEDED', `The query has more than ${limits.maxTokens} tokens`, limits.maxTokens), operations: [] };
    }
    return UNPARSED;
  }
  const operations = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [{ name: d.name?.value ?? null, kind: d.operation }] : []));
  return { violation: documentLimitViolation(document, limits), operations };
}
