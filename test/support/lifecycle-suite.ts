import type { GraphQLClient } from 'graphql-request';
import { MerchantsDocument } from '../../schema/generated/graphql';
import { KEYS, startTestGateway, TestGateway } from './gateway';
import { bookProblems } from './invariants';

export const usd = (amount: string) => ({ amount, currency: 'USD' as const });

export interface LifecycleSuite {
  /** The suite's gateway; usable inside tests and hooks (it starts in the suite's beforeAll). */
  t: TestGateway;
  /** Acme's client: the partner these suites drive plans for. */
  acme(): GraphQLClient;
  /** A fresh idempotency key, `<prefix>-<n>`. */
  nextKey(): string;
  /** How many keys nextKey has handed out (suites derive distinct applicant emails from it). */
  keysUsed(): number;
  /** The id of Acme's USD merchant in the demo seed. */
  usdMerchant(): string;
}

/**
 * The prologue of the API suites that drive plans through the lifecycle as Acme: one test gateway
 * on a fresh seeded database for the file, Acme's USD merchant, fresh idempotency keys, and after
 * every test the clock set back to `now` (`resetClock`) and the books checked (`checkBooks`).
 */
export function lifecycleSuite(
  tag: string, options: { now?: string; env?: NodeJS.ProcessEnv; keyPrefix?: string; checkBooks?: boolean; resetClock?: boolean } = {},
): LifecycleSuite {
  let gateway: TestGateway | undefined;
  let merchant: string | undefined;
  let keys = 0;
  const started = (): TestGateway => gateway ?? failNotStarted();
  const t: TestGateway = {
    get gateway() { return started().gateway; },
    get url() { return started().url; },
    get sql() { return started().sql; },
    setNow: (iso) => started().setNow(iso),
    client: (key) => started().client(key),
    close: () => started().close(),
  };
  const acme = () => t.client(KEYS.acme);

  beforeAll(async () => {
    gateway = await startTestGateway(tag, { now: options.now, env: options.env });
    const { merchants } = await acme().request(MerchantsDocument, { first: 10 });
    merchant = merchants.edges.find((e) => e.node.currency === 'USD')!.node.id;
  });
  if (options.resetClock || options.checkBooks) {
    afterEach(async () => {
      if (options.resetClock && options.now) t.setNow(options.now);
      if (options.checkBooks) expect(await bookProblems(t.gateway.db)).toEqual([]);
    });
  }
  afterAll(() => gateway?.close());

  return {
    t,
    acme,
    nextKey: () => `${options.keyPrefix ?? tag}-${++keys}`,
    keysUsed: () => keys,
    usdMerchant: () => merchant ?? failNotStarted(),
  };
}

function failNotStarted(): never {
  throw new Error('the lifecycle suite has not started: use it inside tests and hooks');
}
