// Before anything is timed: the gateway and the baseline must give the same answer, or the
// comparison would be between two different amounts of work.
import { checkoutUrls, estimatesBody, HEADERS, nestedReadBody, repaymentBody, runCheckout, TRIVIAL } from './operations';

async function post(url: string, body: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: HEADERS, body });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return text;
}

function dataOf(text: string, who: string): unknown {
  const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
  if (parsed.errors || parsed.data === undefined) throw new Error(`${who} answered with errors: ${text.slice(0, 500)}`);
  return parsed.data;
}

function assertSame(name: string, tenorText: string, baselineText: string, normalize = (s: string) => s): void {
  const tenor = normalize(JSON.stringify(dataOf(tenorText, 'Tenor')));
  const baseline = normalize(JSON.stringify(dataOf(baselineText, 'baseline')));
  if (tenor === baseline) return;
  let at = 0;
  while (tenor[at] === baseline[at]) at++;
  throw new Error(`${name}: Tenor and the baseline differ at character ${at}:\n  Tenor:    …${tenor.slice(Math.max(0, at - 80), at + 120)}\n  baseline: …${baseline.slice(Math.max(0, at - 80), at + 120)}`);
}

/** Ids differ between twin plans (and their new repayments); everything else must not. */
const withoutIds = (json: string) => json.replace(/"id":"[A-Za-z0-9_-]+"/g, '"id":"…"');

export interface ParityReport { nestedReadBytes: Record<string, number>; byteIdentical: Record<string, boolean> }

/**
 * Each timed scenario's identity check; `timed` names the scenarios this run times (all by default),
 * so a run never times a scenario whose answers were not compared first.
 */
export async function assertParity(tenorUrl: string, baselineOrigin: string, runId: string, timed: (name: string) => boolean = () => true): Promise<ParityReport> {
  const report: ParityReport = { nestedReadBytes: {}, byteIdentical: {} };
  if (timed('nested-read')) {
    for (const first of [10, 100]) {
      const [tenor, baseline] = await Promise.all([post(tenorUrl, nestedReadBody(first)), post(`${baselineOrigin}/nested-read`, nestedReadBody(first))]);
      assertSame(`nested-read (first: ${first})`, tenor, baseline);
      report.nestedReadBytes[`first${first}`] = Buffer.byteLength(tenor);
      report.byteIdentical[`nested-read first ${first}`] = tenor === baseline;
    }
  }
  if (timed('trivial')) {
    const trivial = JSON.stringify({ query: TRIVIAL });
    const [tenorViewer, baselineViewer] = await Promise.all([post(tenorUrl, trivial), post(`${baselineOrigin}/viewer`, trivial)]);
    assertSame('trivial', tenorViewer, baselineViewer);
    report.byteIdentical.trivial = tenorViewer === baselineViewer;
  }
  if (timed('estimates')) {
    // The edges of the programs' limits and an amount with odd cents (rounding of every schedule row).
    for (const amount of [5_000, 123_457, 2_000_000]) {
      const body = estimatesBody(amount);
      const [tenor, baseline] = await Promise.all([post(tenorUrl, body), post(`${baselineOrigin}/estimates`, body)]);
      assertSame(`estimates (${amount})`, tenor, baseline);
      report.byteIdentical[`estimates ${amount}`] = tenor === baseline;
    }
  }
  if (timed('repayment')) {
    // Twin plans: the same terms and history, so the same payment must land the same way on both.
    const tenorPayment = await post(tenorUrl, repaymentBody('tenor', 0, `${runId}-parity-tenor`));
    const baselinePayment = await post(`${baselineOrigin}/repayment`, repaymentBody('baseline', 0, `${runId}-parity-baseline`));
    assertSame('repayment', tenorPayment, baselinePayment, withoutIds);
  }
  if (timed('checkout')) {
    // A fresh shopper on each side, the same amount (odd cents) and offer (12 months): every step alike but for ids.
    const answers = await Promise.all((['tenor', 'baseline'] as const).map((side) => runCheckout(post, side, checkoutUrls(side, tenorUrl, baselineOrigin), `${runId}-parity-${side}`)));
    for (const [k, step] of ['createApplication', 'acceptOffer', 'capturePlan'].entries()) {
      assertSame(`checkout ${step}`, answers[0][k], answers[1][k], withoutIds);
    }
  }
  return report;
}

