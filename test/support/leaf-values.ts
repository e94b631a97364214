import {
  DocumentNode, FieldNode, FragmentDefinitionNode, getNamedType, GraphQLCompositeType, GraphQLSchema, isAbstractType, isLeafType,
  isObjectType, Kind, OperationDefinitionNode, SelectionSetNode,
} from 'graphql';

/** Every leaf value of a result with the name of its scalar or enum type, found by walking the operation over the schema. */
export function leafValues(schema: GraphQLSchema, document: DocumentNode, data: unknown): { type: string; value: unknown }[] {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const root = operation.operation === 'mutation' ? schema.getMutationType()! : schema.getQueryType()!;
  const found: { type: string; value: unknown }[] = [];

  const fieldsOf = (selectionSet: SelectionSetNode, typeName: string): FieldNode[] => selectionSet.selections.flatMap((selection): FieldNode[] => {
    if (selection.kind === Kind.FIELD) return [selection];
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value)! : selection;
    const condition = fragment.typeCondition?.name.value;
    return condition === undefined || condition === typeName || isAbstractType(schema.getType(condition)) ? fieldsOf(fragment.selectionSet, typeName) : [];
  });

  const walk = (value: unknown, type: GraphQLCompositeType, selectionSet: SelectionSetNode): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) return value.forEach((item) => walk(item, type, selectionSet));
    const record = value as Record<string, unknown>;
    const concrete = isAbstractType(type) ? schema.getType(String(record.__typename)) : type;
    if (!isObjectType(concrete)) return;
    for (const field of fieldsOf(selectionSet, concrete.name)) {
      if (field.name.value === '__typename') continue;
      const definition = concrete.getFields()[field.name.value];
      const fieldValue = record[field.alias?.value ?? field.name.value];
      const named = getNamedType(definition.type);
      if (isLeafType(named)) {
        for (const leaf of Array.isArray(fieldValue) ? fieldValue : [fieldValue]) if (leaf !== null && leaf !== undefined) found.push({ type: named.name, value: leaf });
      } else {
        walk(fieldValue, named as GraphQLCompositeType, field.selectionSet!);
      }
    }
  };
  walk(data, root, operation.selectionSet);
  return found;
}
