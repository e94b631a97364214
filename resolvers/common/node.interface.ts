import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType({ description: 'An object with an opaque global id, fetchable with node(id:).' })
export abstract class Node {
  @Field(() => ID) id!: string;
}
