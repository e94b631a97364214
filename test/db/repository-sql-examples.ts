import { Installment, Merchant, Offer, Plan, Repayment } from '../../entities';
import { asMinor } from '../../src/engine';
import { EntityReads } from '../../src/db/entity-reads';
import { ApiKeyRepository } from '../../src/db/repositories/api-key.repository';
import { ApplicantRepository } from '../../src/db/repositories/applicant.repository';
import { ApplicationRepository } from '../../src/db/repositories/application.repository';
import { DatabaseHealthRepository } from '../../src/db/repositories/database-health.repository';
import { IdempotencyRepository } from '../../src/db/repositories/idempotency.repository';
import { MerchantRepository } from '../../src/db/repositories/merchant.repository';
import { MigrationLockRepository } from '../../src/db/repositories/migration-lock.repository';
import { PartnerRepository } from '../../src/db/repositories/partner.repository';
import { PlanBooksRepository } from '../../src/db/repositories/plan-books.repository';
import { PlanStatusCountRepository } from '../../src/db/repositories/plan-status-count.repository';
import { PlanRepository } from '../../src/db/repositories/plan.repository';
import { WorkerLeaseRepository } from '../../src/db/repositories/worker-lease.repository';
import type { Dialect } from '../../src/db/sql/dialect';
import type { StatementRunner } from '../../src/db/sql/statement-runner';
import type { NewRow } from '../../src/db/table';

/** One call of a repository method: its arguments, how the SQL file names it, and the rows each statement answers (default: none). */
export interface Example<A extends unknown[]> {
  args: A;
  label?: string;
  answers?: unknown[][];
}

type Method<R> = { [K in keyof R]: R[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof R] & string;
type Arguments<F> = F extends (...args: infer A) => Promise<unknown> ? A : never;

/** A repository's examples: at least one for every public method (the type requires it; the test checks the class too). */
export interface RepositoryExamples<R> {
  repository: new (sql: StatementRunner) => R;
  /** src/db/queries/<file>.sql */
  file: string;
  /** The dialects it runs on (default: both). */
  dialects?: readonly Dialect['name'][];
  methods: { [K in Method<R>]: (Example<Arguments<R[K]>> | Arguments<R[K]>)[] };
}

const examples = <R>(entry: RepositoryExamples<R>): RepositoryExamples<unknown> => entry as unknown as RepositoryExamples<unknown>;

const at = new Date('2027-01-15T15:00:00.000Z');
const hash = 'a3f1c9e2…sha-256 of the key';

const plan: NewRow<Plan> = {
  partnerId: 7, merchantId: 12, applicationId: 301, offerId: 902, kind: 'PAY_IN_4', termCount: 4, aprBps: 0, disclosedAprBps: 0,
  merchantFeeBps: 500, currency: 'USD', authorizedAmount: asMinor(40000), principal: asMinor(0), refundedAmount: asMinor(0), merchantFee: asMinor(0), status: 'AUTHORIZED',
  capturedOn: null, authorizationExpiresAt: new Date('2027-01-22T15:00:00.000Z'), chargedOffAt: null, nextStatusCheckOn: '2027-01-22',
  createdAt: at, updatedAt: at, version: 1,
};
const installment = (sequence: number): NewRow<Installment> => ({
  planId: 55, sequence, dueDate: '2027-01-15', amountDue: asMinor(10000), principal: asMinor(10000), interest: asMinor(0), amountPaid: asMinor(0), principalPaid: asMinor(0), interestPaid: asMinor(0),
  status: 'PENDING',
});
const offer = (programId: number): NewRow<Offer> => ({
  applicationId: 301, programId, kind: 'INSTALLMENTS', termCount: 12, aprBps: 1500, disclosedAprBps: 1500, merchantFeeBps: 300,
  amountFinanced: asMinor(40000), installmentAmount: asMinor(3610), financeCharge: asMinor(3320), totalOfPayments: asMinor(43320),
});

export const REPOSITORY_EXAMPLES: RepositoryExamples<unknown>[] = [
  examples({
    repository: ApiKeyRepository, file: 'api-key.repository',
    methods: {
      active: [[hash]],
      activeAmong: [[[hash, 'b7d0…another key']]],
      byId: [[3]],
      insert: [{ args: [{ partnerId: 7, role: 'PARTNER', name: 'checkout', displayPrefix: 'tnr_live_ab12', keyHash: hash, createdAt: at, lastUsedAt: null, revokedAt: null }], label: 'a key' }],
      recordUse: [[3, at]],
      revoke: [[3, at]],
    },
  }),
  examples({
    repository: PartnerRepository, file: 'partner.repository',
    methods: {
      byId: [[7]],
      byName: [['Acme Commerce']],
      any: [[]],
      insert: [{ args: [{ name: 'Acme Commerce', createdAt: at }], label: 'a partner' }],
    },
  }),
  examples({
    repository: MerchantRepository, file: 'merchant.repository',
    methods: {
      byId: [[12, null], [12, 7]],
      programsOf: [[12]],
      program: [[40]],
      insert: [{ args: [{ partnerId: 7, name: 'Acme Outdoor', currency: 'USD', createdAt: at }], label: 'a merchant' }],
      insertProgram: [{
        args: [{ merchantId: 12, partnerId: 7, kind: 'PAY_IN_4', termCount: 4, aprBps: 0, merchantFeeBps: 500, currency: 'USD', minAmount: asMinor(5000), maxAmount: asMinor(100000), createdAt: at, retiredAt: null }],
        label: 'a program',
      }],
      retireProgram: [[40, at]],
    },
  }),
  examples({
    repository: ApplicationRepository, file: 'application.repository',
    methods: {
      byId: [[301, null], [301, 7]],
      lock: [[301, null], [301, 7]],
      lockMany: [[[303, 301, 302]]],
      expiredApproved: [[at, 50]],
      insert: [{
        args: [{
          partnerId: 7, merchantId: 12, amount: asMinor(40000), currency: 'USD', status: 'APPROVED', declineReason: null, applicantFirstName: 'Pat',
          applicantLastName: 'Buyer', applicantEmail: 'pat@example.com', applicantPhone: null, applicantCreditScore: 780, createdAt: at,
          expiresAt: new Date('2027-01-22T15:00:00.000Z'), version: 1,
        }],
        label: 'an application',
      }],
      setStatus: [[301, 'ACCEPTED']],
      recordEvent: [{
        args: [{ applicationId: 301, type: 'ACCEPTED', fromStatus: 'APPROVED', toStatus: 'ACCEPTED', apiKeyId: 3, requestId: 'req-1', createdAt: at }],
        label: 'an event',
      }],
      insertOffers: [{ args: [[offer(40), offer(41)]], label: 'two offers' }],
      offer: [[902, 301]],
      offersOf: [[301]],
    },
  }),
  examples({
    repository: ApplicantRepository, file: 'applicant.repository',
    methods: {
      lock: [['pat@example.com', at]],
      applicationsIn: [['pat@example.com', 'APPROVED']],
      plansIn: [['pat@example.com', ['AUTHORIZED', 'ACTIVE', 'DELINQUENT']]],
    },
  }),
  examples({
    repository: PlanRepository, file: 'plan.repository',
    methods: {
      lock: [[55, null], [55, 7]],
      lockMany: [[[57, 55, 56]]],
      dueForStatusCheck: [['2027-01-15', null, 50], ['2027-01-15', { id: 55, nextStatusCheckOn: '2027-01-14' }, 50]],
      insert: [{ args: [plan], label: 'a plan' }],
      save: [{ args: [55, { status: 'ACTIVE', nextStatusCheckOn: '2027-01-29', updatedAt: at }], label: 'a status change' }],
      saveMany: [{ args: [[55, 56], { status: 'DELINQUENT', nextStatusCheckOn: '2027-01-16', updatedAt: at }], label: 'the sweep moving two plans' }],
      recordEvents: [{
        args: [[{ planId: 55, type: 'REPAYMENT_RECORDED', fromStatus: null, toStatus: null, amount: asMinor(10000), apiKeyId: 3, requestId: 'req-1', createdAt: at }]],
        label: 'an event',
      }],
    },
  }),
  examples({
    repository: PlanBooksRepository, file: 'plan-books.repository',
    methods: {
      installmentsOf: [[55]],
      installmentsOfPlans: [[[55, 56]]],
      repaymentsOf: [[55]],
      refundsOf: [[55]],
      insertInstallments: [{ args: [[installment(1), installment(2), installment(3), installment(4)]], label: 'a pay-in-4 schedule' }],
      updateInstallment: [{ args: [501, { amountPaid: asMinor(10000), principalPaid: asMinor(10000), interestPaid: asMinor(0), status: 'PAID' }], label: 'a payment applied' }],
      insertRepayment: [{
        args: [{ planId: 55, amount: asMinor(10000), currency: 'USD', status: 'SUCCEEDED', effectiveDate: '2027-01-15', ledgerSequence: 2, createdAt: at, reversedAt: null, reversalReason: null }],
        label: 'a repayment',
      }],
      updateRepayment: [{ args: [80, { status: 'REVERSED', reversedAt: at, reversalReason: 'chargeback' }], label: 'a reversal' }],
      insertRefund: [{
        args: [{ planId: 55, amount: asMinor(5000), currency: 'USD', creditReturned: asMinor(5000), merchantFeeReversed: asMinor(250), reason: 'Item returned', effectiveDate: '2027-01-15', ledgerSequence: 3, createdAt: at }],
        label: 'a refund',
      }],
      updateRefund: [{ args: [90, { creditReturned: asMinor(4000) }], label: 'a refund replayed' }],
      allocationsOf: [[55]],
      insertAllocations: [{
        args: [[{ planId: 55, repaymentId: 80, installmentId: 501, sequence: 1, principal: asMinor(10000), interest: asMinor(0) }]],
        label: 'one allocation',
      }],
      deleteAllocationsOf: [[55]],
    },
  }),
  examples({
    repository: IdempotencyRepository, file: 'idempotency.repository',
    methods: {
      insert: [{
        args: [{ apiKeyId: 3, idempotencyKey: 'K-1', operation: 'recordRepayment', requestHash: 'c0ffee…', response: '', createdAt: at, expiresAt: new Date('2027-01-16T15:00:00.000Z') }],
        label: 'a record',
      }],
      setResponse: [[700, '{"planId":55}']],
      find: [[3, 'K-1']],
      deleteIfExpired: [[700, at]],
      expired: [[at, 500]],
      deleteExpiredAmong: [[[700, 701], at]],
    },
  }),
  examples({
    repository: PlanStatusCountRepository, file: 'plan-status-count.repository',
    methods: {
      add: [{ args: [[{ merchantId: 12, partnerId: 7, status: 'ACTIVE', plans: 1 }, { merchantId: 12, partnerId: 7, status: 'AUTHORIZED', plans: -1 }]], label: 'a capture' }],
      exact: [[]],
      ofMerchants: [[[12, 13], null], [[12, 13], 'ACTIVE']],
      total: [[7, null], [7, 'ACTIVE'], [null, null], [null, 'ACTIVE']],
      snapshot: [[12]],
      partnerOf: [[12]],
      createCheck: [[12]],
      lockCheck: [[12]],
      markChecked: [[12, at]],
      nextToCheck: [[5]],
      merchantsAfter: [[12, 100]],
      backfilled: [[]],
      markBackfilled: [[at]],
      plansGrouped: [[]],
      allCounters: [[]],
    },
  }),
  examples({
    repository: WorkerLeaseRepository, file: 'worker-lease.repository',
    methods: {
      create: [['maintenance']],
      take: [['maintenance', 'worker-1', 1_800_000_030_000, 1_800_000_000_000]],
      release: [['maintenance', 'worker-1']],
      holder: [['maintenance']],
    },
  }),
  examples({
    repository: DatabaseHealthRepository, file: 'database-health.repository',
    methods: { answers: [[]] },
  }),
  examples({
    repository: MigrationLockRepository, file: 'migration-lock.repository', dialects: ['mysql'],
    methods: { create: [[]], hold: [[600]], release: [[]] },
  }),
  examples({
    repository: EntityReads, file: 'entity-reads',
    methods: {
      byIds: [[Merchant, [12, 13], null], [Plan, [55], 7], [Installment, [501, 502], 7], [Offer, [902], 7]],
      children: [[Installment, 'planId', [55, 56], 'sequence']],
      page: [[Plan, 7, { first: 20 }], [Plan, 7, { first: 20, afterId: 55 }, { status: 'ACTIVE' }], [Plan, null, { last: 20, beforeId: 90 }]],
      count: [{ args: [Plan, 7, { status: 'ACTIVE' }, 10_000], answers: [[{ n: 3 }]] }],
      pagesByParent: [[Plan, 'merchantId', [12], { first: 100 }, {}], [Repayment, 'planId', [55, 56, 57], { first: 10 }, {}]],
      countsByParent: [[Repayment, 'planId', [55, 56], {}, 10_000]],
    },
  }),
];
