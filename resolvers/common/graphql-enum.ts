/**
 * The GraphQL enum object for one of the engine's value tuples: { AUTHORIZED: 'AUTHORIZED', … }, the
 * shape registerEnumType reads. Built from the tuple so the API cannot list a value the domain lacks;
 * its values are the engine's own string type, so no cast joins the layers.
 */
export function graphqlEnum<const T extends readonly string[]>(values: T): { readonly [V in T[number]]: V } {
  return Object.fromEntries(values.map((value) => [value, value])) as { readonly [V in T[number]]: V };
}
