import { Counter } from 'prom-client';
import { CURRENCIES, isCurrencyCode, PLAN_TRANSITIONS } from '../../engine';
import type { CommandRunner, DomainEvent } from '../../services/lifecycle/command-runner';
import { LabelBudget } from './label-budget';
import type { GatewayMetrics } from './gateway-metrics';

/** Which plan events move money, and as what. */
const MOVEMENTS: Readonly<Record<string, string>> = {
  CAPTURED: 'captured',
  REPAYMENT_RECORDED: 'repaid',
  REFUNDED: 'refunded',
  REPAYMENT_REVERSED: 'reversed',
  CHARGED_OFF: 'charged_off',
  RECOVERY_RECORDED: 'recovered',
};
const PLAN_STATUSES = new Set<string>(Object.keys(PLAN_TRANSITIONS));
/** Decline reasons are the underwriting policy's codes (a handful); the budget guards against a bug. */
const MAX_DECLINE_REASONS = 20;

/**
 * Money moved, plan transitions and application decisions, counted from the events each committed
 * unit of work publishes through the command runner (a refused or rolled-back mutation publishes
 * none, so it never counts). Amounts are integer minor units per currency: a counter of cents stays exact up to 2^53.
 */
export function instrumentBusiness(metrics: GatewayMetrics, runner: CommandRunner): void {
  const money = new Counter({
    name: 'tenor_money_moved_minor_total', help: 'Money moved by committed mutations, in minor units (cents), by currency and movement',
    labelNames: ['currency', 'movement'], registers: [metrics.registry],
  });
  const transitions = new Counter({
    name: 'tenor_plan_transitions_total', help: 'Committed plan status transitions', labelNames: ['from', 'to'], registers: [metrics.registry],
  });
  const decisions = new Counter({
    name: 'tenor_applications_decided_total', help: 'Committed application decisions by outcome (approved, declined) and decline reason',
    labelNames: ['outcome', 'reason'], registers: [metrics.registry],
  });
  // Zero series for every currency and movement: "nothing repaid for 15 minutes" needs a series to be zero.
  for (const currency of Object.keys(CURRENCIES)) for (const movement of Object.values(MOVEMENTS)) money.labels(currency, movement).inc(0);
  const reasons = new LabelBudget(MAX_DECLINE_REASONS);

  const count = (event: DomainEvent) => {
    if (event.kind === 'APPLICATION_DECIDED') {
      decisions.labels(event.approved ? 'approved' : 'declined', event.reason ? reasons.label(event.reason) : 'none').inc();
      return;
    }
    if (event.kind !== 'PLAN_EVENT') return;
    const movement = MOVEMENTS[event.type];
    const { currency } = event.plan;
    if (movement && event.amount !== null && event.amount > 0 && isCurrencyCode(currency)) money.labels(currency, movement).inc(event.amount);
    if (event.from && event.to && PLAN_STATUSES.has(event.from) && PLAN_STATUSES.has(event.to)) transitions.labels(event.from, event.to).inc();
  };
  runner.subscribe({
    committed: (events) => events.forEach(count),
    replayed: (operation) => metrics.idempotentReplays.labels(operation).inc(),
  });
}
