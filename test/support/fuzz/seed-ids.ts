import { postQuery } from '../raw-http';

/** Real ids of every Node type the demo seed creates, by type, as one key sees them. */
export type IdsByType = Record<string, string[]>;

const SEEN_BY_KEY = `{
  viewer { partner { id } }
  merchants(first: 10) { nodes { id programs { id }
    applications(first: 20) { nodes { id offers { id } } }
    plans(first: 20) { nodes { id status installments { id } refunds { id } repayments(first: 10) { nodes { id } } events(first: 3) { nodes { id } } } }
  } }
}`;

interface Seen {
  viewer: { partner: { id: string } | null };
  merchants: { nodes: {
    id: string; programs: { id: string }[];
    applications: { nodes: { id: string; offers: { id: string }[] }[] };
    plans: { nodes: { id: string; status: string; installments: { id: string }[]; refunds: { id: string }[]; repayments: { nodes: { id: string }[] }; events: { nodes: { id: string }[] } }[] };
  }[] };
}

/** Collects the ids `key` can see (the fuzz gateway allows the cost of this one large read). */
export async function seedIds(url: string, key: string): Promise<IdsByType> {
  const response = await postQuery(url, key, SEEN_BY_KEY);
  if (response.status !== 200 || response.body.errors) throw new Error(`seed id query failed: ${response.text.slice(0, 300)}`);
  const seen = response.body.data as unknown as Seen;
  const merchants = seen.merchants.nodes;
  // A captured, interest-bearing state first: fields that take a date or a page act on its schedule and repayments.
  const plans = merchants.flatMap((m) => m.plans.nodes).sort((a, b) => statusRank(a.status) - statusRank(b.status));
  const applications = merchants.flatMap((m) => m.applications.nodes);
  return {
    Partner: seen.viewer.partner ? [seen.viewer.partner.id] : [],
    Merchant: merchants.map((m) => m.id),
    FinancingProgram: merchants.flatMap((m) => m.programs.map((p) => p.id)),
    Application: applications.map((a) => a.id),
    Offer: applications.flatMap((a) => a.offers.map((o) => o.id)),
    Plan: plans.map((p) => p.id),
    Installment: plans.flatMap((p) => p.installments.map((i) => i.id)),
    Refund: plans.flatMap((p) => p.refunds.map((r) => r.id)),
    Repayment: plans.flatMap((p) => p.repayments.nodes.map((r) => r.id)),
    PlanEvent: plans.flatMap((p) => p.events.nodes.map((e) => e.id)),
  };
}

const STATUS_ORDER = ['ACTIVE', 'DELINQUENT', 'PAID_OFF', 'REFUNDED', 'CHARGED_OFF', 'AUTHORIZED', 'VOIDED', 'EXPIRED'];
const statusRank = (status: string) => {
  const rank = STATUS_ORDER.indexOf(status);
  return rank === -1 ? STATUS_ORDER.length : rank;
};
