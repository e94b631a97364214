import type { ApiKey } from '../../entities';
import type { Repositories } from '../db/repositories';
import { displayPrefix, generateApiKey, hashApiKey } from '../auth/api-key-hash';
import { formatRate, isCurrencyCode, parseRate, type ProgramKind } from '../engine';
import { MoneyInputValue, positiveAmount } from './lifecycle/inputs';
import { STORED_TEXT } from './stored-text';
import type { Caller } from './lifecycle/commands';
import type { CommandRunner } from './lifecycle/command-runner';
import { MutationRefused, refuse } from './lifecycle/user-error';
import { PROGRAM_LIMITS } from './lending-policy';

/** Platform operations for ADMIN keys: partners, merchants, financing programs and API keys. */
export class AdminService {
  constructor(private readonly runner: CommandRunner, private readonly environment: 'live' | 'test') {}

  /** Creations are exactly-once like every other mutation that creates something. */
  private create<T>(caller: Caller, operation: string, key: string, raw: unknown, work: (tx: Repositories) => Promise<T>) {
    return this.runner.command({
      apiKeyId: caller.viewer.apiKeyId, operation, idempotencyKey: key, input: raw, now: caller.now, deadline: caller.deadline, lane: null,
    }, ({ tx }) => work(tx));
  }

  /** Changes to existing objects are naturally idempotent (retiring twice retires once). */
  private change<T>(caller: Caller, work: (tx: Repositories) => Promise<T>) {
    return this.runner.change(({ tx }) => work(tx), caller.deadline);
  }

  createPartner(caller: Caller, key: string, raw: unknown, input: { name: string }) {
    return this.create(caller, 'createPartner', key, raw, async (tx) => {
      const name = STORED_TEXT.partnerName.store(input.name);
      if (await tx.partners.byName(name)) refuse('TAKEN', 'A partner with this name exists', ['input', 'name']);
      return { partnerId: await tx.partners.insert({ name, createdAt: caller.now }) };
    });
  }

  createMerchant(caller: Caller, key: string, raw: unknown, input: { partnerId: number | null; name: string; currency: string }) {
    const now = caller.now;
    return this.create(caller, 'createMerchant', key, raw, async (tx) => {
      const partner = input.partnerId === null ? null : await tx.partners.byId(input.partnerId);
      if (!partner) refuse('NOT_FOUND', 'No partner with this id', ['input', 'partnerId']);
      if (!isCurrencyCode(input.currency)) return refuse('UNKNOWN_CURRENCY', `Unsupported currency ${input.currency}`, ['input', 'currency']);
      return { merchantId: await tx.merchants.insert({ partnerId: partner!.id, name: STORED_TEXT.merchantName.store(input.name), currency: input.currency, createdAt: now }) };
    });
  }

  createProgram(caller: Caller, key: string, raw: unknown, input: {
    merchantId: number | null; kind: ProgramKind; termCount: number; apr: string; merchantFeeRate: string;
    minAmount: MoneyInputValue; maxAmount: MoneyInputValue;
  }) {
    const now = caller.now;
    return this.create(caller, 'createFinancingProgram', key, raw, async (tx) => {
      const merchant = input.merchantId === null ? null : await tx.merchants.byId(input.merchantId, null);
      if (!merchant) return refuse('NOT_FOUND', 'No merchant with this id', ['input', 'merchantId']);
      const aprBps = rate(input.apr, ['input', 'apr']);
      const feeBps = rate(input.merchantFeeRate, ['input', 'merchantFeeRate']);
      const { minTermMonths, maxTermMonths, maxAprBps } = PROGRAM_LIMITS;
      if (input.kind === 'PAY_IN_4' && (input.termCount !== 4 || aprBps !== 0)) {
        refuse('INVALID', 'PAY_IN_4 programs have 4 payments at 0% APR', ['input', 'termCount']);
      }
      if (input.kind === 'INSTALLMENTS' && (input.termCount < minTermMonths || input.termCount > maxTermMonths)) {
        refuse('INVALID', `Installment programs run ${minTermMonths} to ${maxTermMonths} months`, ['input', 'termCount']);
      }
      if (aprBps > maxAprBps) refuse('INVALID', `APR may be at most ${formatRate(maxAprBps)}`, ['input', 'apr']);
      if (feeBps > 10_000) refuse('INVALID', 'merchantFeeRate is a percentage of at most 100.00', ['input', 'merchantFeeRate']);
      const min = positiveAmount(input.minAmount, merchant.currency, ['input', 'minAmount']);
      const max = positiveAmount(input.maxAmount, merchant.currency, ['input', 'maxAmount']);
      if (min > max) refuse('INVALID', 'minAmount must not exceed maxAmount', ['input', 'minAmount']);
      const programId = await tx.merchants.insertProgram({
        merchantId: merchant.id, partnerId: merchant.partnerId, kind: input.kind, termCount: input.termCount, aprBps,
        merchantFeeBps: feeBps, currency: merchant.currency, minAmount: min, maxAmount: max, createdAt: now, retiredAt: null,
      });
      return { programId };
    });
  }

  retireProgram(caller: Caller, programId: number | null) {
    const now = caller.now;
    return this.change(caller, async (tx) => ({
      programId: await stampOnce(programId === null ? null : await tx.merchants.program(programId), 'retiredAt',
        (id) => tx.merchants.retireProgram(id, now), 'No financing program with this id', ['input', 'programId']),
    }));
  }

  /** The plain key is returned here once and never stored. */
  issueApiKey(caller: Caller, key: string, raw: unknown, input: { name: string; role: ApiKey['role']; partnerId: number | null; partnerGiven: boolean }) {
    const now = caller.now;
    return this.create(caller, 'issueApiKey', key, raw, async (tx) => {
      if (input.role === 'PARTNER' && input.partnerId === null) {
        refuse(input.partnerGiven ? 'NOT_FOUND' : 'INVALID', 'PARTNER keys need the id of an existing partner', ['input', 'partnerId']);
      }
      if (input.role !== 'PARTNER' && input.partnerGiven) refuse('INVALID', 'Only PARTNER keys belong to a partner', ['input', 'partnerId']);
      if (input.partnerId !== null && !(await tx.partners.byId(input.partnerId))) {
        refuse('NOT_FOUND', 'No partner with this id', ['input', 'partnerId']);
      }
      const plainKey = generateApiKey(this.environment);
      const apiKeyId = await tx.apiKeys.insert({
        partnerId: input.partnerId, role: input.role, name: STORED_TEXT.apiKeyName.store(input.name), displayPrefix: displayPrefix(plainKey),
        keyHash: hashApiKey(plainKey), createdAt: now, lastUsedAt: null, revokedAt: null,
      });
      // A replay returns the key's id only: the plain key is shown once and never stored.
      return { apiKeyId, plainKey: oneTime(plainKey) };
    });
  }

  revokeApiKey(caller: Caller, apiKeyId: number | null) {
    const now = caller.now;
    return this.change(caller, async (tx) => ({
      apiKeyId: await stampOnce(apiKeyId === null ? null : await tx.apiKeys.byId(apiKeyId), 'revokedAt',
        (id) => tx.apiKeys.revoke(id, now), 'No API key with this id', ['input', 'apiKeyId']),
    }));
  }
}

/**
 * Sets a row's end-of-life timestamp (retired, revoked) unless it is already set, so repeating the
 * mutation changes nothing; a missing row is NOT_FOUND. Returns the row's id.
 */
async function stampOnce<T extends { id: number }>(
  row: T | null, column: keyof T, stamp: (id: number) => Promise<void>, missing: string, field: string[],
): Promise<number> {
  if (!row) return refuse('NOT_FOUND', missing, field);
  if (row[column] === null) await stamp(row.id);
  return row.id;
}

function rate(text: string, field: string[]): number {
  try {
    const bps = parseRate(text);
    if (bps < 0) refuse('INVALID', 'Rates cannot be negative', field);
    return bps;
  } catch (error) {
    if (error instanceof MutationRefused) throw error;
    return refuse('INVALID', 'Expected a percentage such as "15.00"', field);
  }
}

/** Survives the call that made it but not JSON (the idempotency record): toJSON drops it. */
function oneTime(plainKey: string) {
  return { value: plainKey, toJSON: () => null };
}
