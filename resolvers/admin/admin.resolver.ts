import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { fromGlobalId } from '../common/global-id';
import { requireAdmin } from '../common/require-role';
import { toUserErrors } from '../common/user-error.type';
import { FinancingProgram, Merchant } from '../merchant/merchant.type';
import { Partner } from '../viewer/viewer.type';
import {
  CreateFinancingProgramInput, CreateMerchantInput, CreatePartnerInput, IssueApiKeyInput, RetireFinancingProgramInput,
  RevokeApiKeyInput,
} from './admin.input';
import {
  ApiKey, CreateFinancingProgramPayload, CreateMerchantPayload, CreatePartnerPayload, IssueApiKeyPayload,
  RetireFinancingProgramPayload, RevokeApiKeyPayload,
} from './admin.type';

const idOf = (globalId: string | null | undefined, type: string) => (globalId ? fromGlobalId(globalId, type)?.id ?? null : null);
const rawInput = ({ idempotencyKey: _key, ...rest }: { idempotencyKey: string }) => rest;

function admin(ctx: Context) {
  requireAdmin(ctx);
  return { viewer: ctx.viewer, requestId: ctx.requestId, now: ctx.now, deadline: ctx.deadline };
}

@Resolver()
export class AdminResolver {
  @Mutation(() => CreatePartnerPayload, { description: 'ADMIN: onboard a partner.' })
  async createPartner(@Arg('input') input: CreatePartnerInput, @Ctx() ctx: Context): Promise<CreatePartnerPayload> {
    const outcome = await ctx.services.admin.createPartner(admin(ctx), input.idempotencyKey, rawInput(input), { name: input.name });
    const row = outcome.result && (await ctx.loaders.partner.load(outcome.result.partnerId));
    return { partner: row && Partner.from(row), userErrors: toUserErrors(outcome.userErrors) };
  }

  @Mutation(() => CreateMerchantPayload, { description: 'ADMIN: add a merchant to a partner.' })
  async createMerchant(@Arg('input') input: CreateMerchantInput, @Ctx() ctx: Context): Promise<CreateMerchantPayload> {
    const outcome = await ctx.services.admin.createMerchant(admin(ctx), input.idempotencyKey, rawInput(input), {
      partnerId: idOf(input.partnerId, 'Partner'), name: input.name, currency: input.currency,
    });
    const row = outcome.result && (await ctx.loaders.merchant.load(outcome.result.merchantId));
    return { merchant: row && Merchant.from(row), userErrors: toUserErrors(outcome.userErrors) };
  }

  @Mutation(() => CreateFinancingProgramPayload, { description: 'ADMIN: add a financing program to a merchant.' })
  async createFinancingProgram(@Arg('input') input: CreateFinancingProgramInput, @Ctx() ctx: Context): Promise<CreateFinancingProgramPayload> {
    const outcome = await ctx.services.admin.createProgram(admin(ctx), input.idempotencyKey, rawInput(input), {
      ...input, merchantId: idOf(input.merchantId, 'Merchant'),
    });
    const row = outcome.result && (await ctx.loaders.program.load(outcome.result.programId));
    return { program: row && FinancingProgram.from(row), userErrors: toUserErrors(outcome.userErrors) };
  }

  @Mutation(() => RetireFinancingProgramPayload, { description: 'ADMIN: stop a program making new offers; existing plans keep their terms.' })
  async retireFinancingProgram(@Arg('input') input: RetireFinancingProgramInput, @Ctx() ctx: Context): Promise<RetireFinancingProgramPayload> {
    const outcome = await ctx.services.admin.retireProgram(admin(ctx), idOf(input.programId, 'FinancingProgram'));
    const row = outcome.result && (await ctx.loaders.program.load(outcome.result.programId));
    return { program: row && FinancingProgram.from(row), userErrors: toUserErrors(outcome.userErrors) };
  }

  @Mutation(() => IssueApiKeyPayload, { description: 'ADMIN: issue an API key; the key is in this response only.' })
  async issueApiKey(@Arg('input') input: IssueApiKeyInput, @Ctx() ctx: Context): Promise<IssueApiKeyPayload> {
    const outcome = await ctx.services.admin.issueApiKey(admin(ctx), input.idempotencyKey, rawInput(input), {
      name: input.name, role: input.role, partnerId: idOf(input.partnerId, 'Partner'), partnerGiven: Boolean(input.partnerId),
    });
    const row = outcome.result && (await ctx.loaders.apiKey.load(outcome.result.apiKeyId));
    return {
      apiKey: row && ApiKey.from(row),
      plainKey: (outcome.result?.plainKey as { value?: string } | null)?.value ?? null,
      userErrors: toUserErrors(outcome.userErrors),
    };
  }

  @Mutation(() => RevokeApiKeyPayload, { description: 'ADMIN: revoke a key; requests with it fail from the next one on.' })
  async revokeApiKey(@Arg('input') input: RevokeApiKeyInput, @Ctx() ctx: Context): Promise<RevokeApiKeyPayload> {
    const outcome = await ctx.services.admin.revokeApiKey(admin(ctx), idOf(input.apiKeyId, 'ApiKey'));
    const row = outcome.result && (await ctx.loaders.apiKey.load(outcome.result.apiKeyId));
    return { apiKey: row && ApiKey.from(row), userErrors: toUserErrors(outcome.userErrors) };
  }
}
