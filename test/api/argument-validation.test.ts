import 'reflect-metadata';
import { graphql, GraphQLSchema } from 'graphql';
import { IsEmail, Max, Min } from 'class-validator';
import { Arg, Args, ArgsType, buildSchema, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { validateInput } from '../../src/server/schema';
import { refuseInvalidMutationInputs } from '../../src/server/mutation-input-refusal';
import { UserError } from '../../resolvers/common/user-error.type';

// The gateway's queries take no constrained input today; these probes hold the rule for the first that will.
@InputType()
class ProbeFilter {
  @Field() @IsEmail() contact!: string;
  @Field(() => Int) @Min(1) @Max(5) level!: number;
}

@ArgsType()
class ProbeArgs {
  @Field(() => Int) @Min(1) @Max(5) size!: number;
}

@ObjectType()
class ProbePayload {
  @Field(() => Int, { nullable: true }) level!: number | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@Resolver()
class ProbeResolver {
  @Query(() => Int)
  probe(@Arg('filter', () => ProbeFilter) filter: ProbeFilter): number {
    return filter.level;
  }

  @Query(() => Int)
  sized(@Args() { size }: ProbeArgs): number {
    return size;
  }

  @Mutation(() => ProbePayload)
  setLevel(@Arg('input', () => ProbeFilter) input: ProbeFilter): ProbePayload {
    return { level: input.level, userErrors: [] };
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema({ resolvers: [ProbeResolver], validate: true, validateFn: validateInput });
  refuseInvalidMutationInputs(schema);
});

describe(validateInput.name, () => {
  it('refuses a broken constraint of a query argument as BAD_USER_INPUT with the argument path, without the value', async () => {
    const result = await graphql({ schema, source: '{ probe(filter: { contact: "secret-person.example.org", level: 3 }) }' });
    expect(result.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'filter', field: ['filter', 'contact'] });
    expect(JSON.stringify(result)).not.toContain('secret-person');
  });

  it('names the argument itself for @Args() classes', async () => {
    const result = await graphql({ schema, source: '{ sized(size: 9) }' });
    expect(result.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'size', field: ['size'] });
  });

  it('lets a valid argument through to the resolver', async () => {
    expect((await graphql({ schema, source: '{ probe(filter: { contact: "a@example.org", level: 3 }) sized(size: 2) }' })).data).toEqual({ probe: 3, sized: 2 });
  });

  it('answers a mutation with its payload: result fields null, every failure a userError, no top-level error', async () => {
    const result = await graphql({ schema, source: 'mutation { setLevel(input: { contact: "nope", level: 0 }) { level userErrors { field code } } }' });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ setLevel: { level: null, userErrors: [
      { field: ['input', 'contact'], code: 'INVALID_EMAIL' }, { field: ['input', 'level'], code: 'OUT_OF_RANGE' },
    ] } });
  });
});

describe(refuseInvalidMutationInputs.name, () => {
  it('refuses at start-up a mutation payload that could not be answered without its resolver', async () => {
    @ObjectType()
    class StrictPayload {
      @Field(() => Int) level!: number;
      @Field(() => [UserError]) userErrors!: UserError[];
    }
    @Resolver()
    class StrictResolver {
      @Query(() => Int) ok(): number {
        return 1;
      }

      @Mutation(() => StrictPayload) strict(): StrictPayload {
        return { level: 1, userErrors: [] };
      }
    }
    const strict = await buildSchema({ resolvers: [StrictResolver] });
    expect(() => refuseInvalidMutationInputs(strict)).toThrow(/Mutation strict must return a payload whose only non-null field is userErrors \(has: level, userErrors\)/);
  });
});
