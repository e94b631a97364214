import type { ApiKey } from '../../entities';
import { hashApiKey } from '../auth/api-key-hash';
import { cancelApplicationInTx, createApplicationInTx } from '../services/lifecycle/application.service';
import { sweepPlanInTx } from '../services/lifecycle/status-sweep';
import { CommandContext, commandContext } from '../services/lifecycle/command-context';
import type { LendingPolicy } from '../services/lending-policy';
import {
  acceptOfferInTx, capturePlanInTx, recordRepaymentInTx, refundPlanInTx, voidPlanInTx,
} from '../services/lifecycle/plan.service';
import { CommandRunner, type UnitOfWork } from '../services/lifecycle/command-runner';
import { asMinor, type CurrencyCode, type ProgramKind } from '../engine';
import type { Database } from '../db/data-source';

/** The demo keys (README "Demo keys"). Only seeded (and only accepted) outside production. */
export const DEMO_KEYS = {
  acme: 'test_partner_acme',
  globex: 'test_partner_globex',
  analyst: 'test_analyst',
  admin: 'test_admin',
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

interface ProgramSpec {
  kind: ProgramKind;
  termCount: number;
  aprBps: number;
  merchantFeeBps: number;
  min: number;
  max: number;
}

const PROGRAMS: ProgramSpec[] = [
  { kind: 'PAY_IN_4', termCount: 4, aprBps: 0, merchantFeeBps: 500, min: 5_000, max: 100_000 },
  { kind: 'INSTALLMENTS', termCount: 6, aprBps: 0, merchantFeeBps: 450, min: 10_000, max: 1_000_000 },
  { kind: 'INSTALLMENTS', termCount: 12, aprBps: 1500, merchantFeeBps: 300, min: 10_000, max: 1_000_000 },
  { kind: 'INSTALLMENTS', termCount: 24, aprBps: 2999, merchantFeeBps: 200, min: 10_000, max: 1_000_000 },
];

const PORTFOLIO = [
  { partner: 'Acme Commerce', key: DEMO_KEYS.acme, merchants: [['Acme Outdoor', 'USD'], ['Acme Home', 'USD'], ['Acme Canada', 'CAD']] },
  { partner: 'Globex Retail', key: DEMO_KEYS.globex, merchants: [['Globex Electronics', 'USD'], ['Globex Canada', 'CAD']] },
] as const;

/**
 * One plan story per row: its program, amount and what happened to it, days before "now". Together
 * they cover every plan status. Every money movement goes through the same services the API uses,
 * so installments, repayments, allocations and refunds are consistent by construction.
 */
interface PlanStory {
  program: number;
  amount: string;
  daysAgo: number;
  capture?: boolean;
  voided?: boolean;
  payments?: { daysAfterCapture: number; amount: string }[];
  refund?: { daysAfterCapture: number; amount: string };
  /** The day the maintenance sweep runs on this plan (and charges it off when 120+ days past due). */
  sweep?: { daysAfterCapture: number };
}

const STORIES: PlanStory[] = [
  { program: 0, amount: '120.00', daysAgo: 2 },                                                      // AUTHORIZED
  { program: 2, amount: '1450.00', daysAgo: 5 },                                                     // AUTHORIZED
  { program: 0, amount: '100.01', daysAgo: 20, capture: true, payments: [{ daysAfterCapture: 0, amount: '25.01' }, { daysAfterCapture: 14, amount: '25.00' }] }, // ACTIVE
  { program: 2, amount: '800.00', daysAgo: 70, capture: true, payments: [{ daysAfterCapture: 30, amount: '72.21' }, { daysAfterCapture: 61, amount: '72.21' }] }, // ACTIVE
  { program: 3, amount: '2400.00', daysAgo: 40, capture: true, payments: [{ daysAfterCapture: 31, amount: '134.05' }] }, // ACTIVE
  { program: 1, amount: '600.00', daysAgo: 10, capture: true },                                     // ACTIVE, nothing due yet
  { program: 0, amount: '250.00', daysAgo: 75, capture: true, payments: [{ daysAfterCapture: 0, amount: '62.50' }] }, // DELINQUENT
  { program: 2, amount: '1000.00', daysAgo: 100, capture: true, payments: [{ daysAfterCapture: 31, amount: '90.26' }] }, // DELINQUENT
  { program: 0, amount: '200.00', daysAgo: 60, capture: true, payments: [0, 14, 28, 42].map((d) => ({ daysAfterCapture: d, amount: '50.00' })) }, // PAID_OFF
  { program: 1, amount: '300.00', daysAgo: 90, capture: true, payments: [{ daysAfterCapture: 20, amount: '300.00' }] }, // PAID_OFF early
  { program: 0, amount: '100.00', daysAgo: 15, capture: true, payments: [{ daysAfterCapture: 0, amount: '25.00' }], refund: { daysAfterCapture: 3, amount: '50.00' } }, // ACTIVE, partial refund
  { program: 0, amount: '80.00', daysAgo: 12, capture: true, refund: { daysAfterCapture: 2, amount: '80.00' } }, // REFUNDED
  { program: 0, amount: '60.00', daysAgo: 8, voided: true },                                          // VOIDED
  { program: 2, amount: '500.00', daysAgo: 45 },                                                     // EXPIRED (authorization lapsed)
  { program: 2, amount: '900.00', daysAgo: 220, capture: true, payments: [{ daysAfterCapture: 31, amount: '81.23' }, { daysAfterCapture: 200, amount: '50.00' }], sweep: { daysAfterCapture: 190 } }, // CHARGED_OFF, 50.00 recovered
];

const APPLICANTS = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Edsger Dijkstra', 'Barbara Liskov',
  'Donald Knuth', 'Frances Allen', 'John McCarthy', 'Radia Perlman', 'Ken Thompson', 'Margaret Hamilton', 'Leslie Lamport',
  'Shafi Goldwasser', 'Tony Hoare', 'Adele Goldberg', 'Niklaus Wirth', 'Hedy Lamarr'];

/**
 * Seeds the demo portfolio into an EMPTY database (no partners yet), in one transaction, so a
 * second start changes nothing and a failed seed leaves nothing behind. Deterministic: amounts and
 * stories are fixed; dates are relative to the server clock so every status holds "now".
 */
export async function seedDemoData(db: Database, now: Date, policy: LendingPolicy): Promise<boolean> {
  if (await db.repositories.partners.any()) return false;
  // Through the use cases partners call, in one unit of work; nobody listens to this runner.
  await new CommandRunner(db).unitOfWork(async (uow) => {
    const { tx } = uow;
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
    const ctx = (when: Date): CommandContext => commandContext(policy, when, { partnerId: null, apiKeyId: null, requestId: 'seed' });
    const addKey = (key: string, role: ApiKey['role'], partnerId: number | null) => tx.apiKeys.insert({
      partnerId, role, name: `demo ${key}`, displayPrefix: key.slice(0, 12), keyHash: hashApiKey(key), createdAt: at(400),
      lastUsedAt: null, revokedAt: null,
    });
    await addKey(DEMO_KEYS.analyst, 'ANALYST', null);
    await addKey(DEMO_KEYS.admin, 'ADMIN', null);
    let applicant = 0;
    for (const entry of PORTFOLIO) {
      const partnerId = await tx.partners.insert({ name: entry.partner, createdAt: at(400) });
      await addKey(entry.key, 'PARTNER', partnerId);
      for (const [name, currency] of entry.merchants) {
        const merchantId = await tx.merchants.insert({ partnerId, name, currency, createdAt: at(365) });
        const programIds: number[] = [];
        for (const p of PROGRAMS) {
          programIds.push(await tx.merchants.insertProgram({
            merchantId, partnerId, kind: p.kind, termCount: p.termCount, aprBps: p.aprBps,
            merchantFeeBps: p.merchantFeeBps, currency, minAmount: asMinor(p.min), maxAmount: asMinor(p.max), createdAt: at(365), retiredAt: null,
          }));
        }
        for (const story of STORIES) {
          const [firstName, lastName] = APPLICANTS[applicant++ % APPLICANTS.length].split(' ');
          const created = at(story.daysAgo);
          const { applicationId } = await createApplicationInTx(uow, ctx(created), {
            merchantId, amount: { amount: story.amount, currency },
            applicant: { firstName, lastName, email: `${firstName}.${lastName}.${applicant}@example.com`.toLowerCase(), phone: '+1 555 0100', creditScore: 760 },
          });
          const offer = (await tx.applications.offersOf(applicationId)).find((o) => o.programId === programIds[story.program])!;
          const { planId } = await acceptOfferInTx(uow, ctx(created), { applicationId, offerId: offer.id });
          if (story.voided) await voidPlanInTx(uow, ctx(at(story.daysAgo - 1)), { planId });
          if (!story.capture) continue;
          await capturePlanInTx(uow, ctx(created), { planId });
          const moves = [
            ...(story.payments ?? []).map((p) => ({ day: p.daysAfterCapture, pay: p.amount })),
            ...(story.refund ? [{ day: story.refund.daysAfterCapture, refund: story.refund.amount }] : []),
            ...(story.sweep ? [{ day: story.sweep.daysAfterCapture, sweep: true }] : []),
          ].sort((a, b) => a.day - b.day);
          for (const move of moves) {
            const when = at(story.daysAgo - move.day);
            if ('pay' in move) await recordRepaymentInTx(uow, ctx(when), { planId, amount: { amount: move.pay!, currency } });
            else if ('refund' in move) await refundPlanInTx(uow, ctx(when), { planId, amount: { amount: move.refund!, currency }, reason: 'Item returned' });
            else await sweepPlanInTx(uow, ctx(when), planId);
          }
        }
        await seedOtherApplications(uow, merchantId, currency, (daysAgo) => ctx(at(daysAgo)));
      }
    }
  });
  return true;
}

/** Applications that did not become plans: declined, open, cancelled and lapsed. */
async function seedOtherApplications(
  uow: UnitOfWork, merchantId: number, currency: CurrencyCode, at: (daysAgo: number) => CommandContext,
): Promise<void> {
  const apply = (daysAgo: number, amount: string, creditScore: number, name: string) =>
    createApplicationInTx(uow, at(daysAgo), {
      merchantId, amount: { amount, currency },
      applicant: { firstName: name, lastName: 'Shopper', email: `${name.toLowerCase()}.${merchantId}@example.com`, creditScore },
    });
  await apply(3, '450.00', 540, 'Dana');                       // DECLINED: score
  await apply(4, '25000.00', 780, 'Eli');                      // DECLINED: outside limits / exposure
  await apply(1, '320.00', 745, 'Fay');                        // APPROVED, offers open
  await apply(40, '275.00', 730, 'Gus');                       // APPROVED 40 days ago: EXPIRED
  const { applicationId } = await apply(6, '150.00', 700, 'Hal');
  await cancelApplicationInTx(uow, at(5), { applicationId }); // the shopper abandoned checkout
}
