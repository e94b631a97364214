import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType({ description: 'An object with an opaque global id, fetchable with node(id:).' })
export abstract class Node {
  /** Abstract so that bulk types can compute it lazily with a getter. */
  @Field(() => ID) abstract id: string;
}
