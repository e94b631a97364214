import fs from 'node:fs';
import path from 'node:path';
import { startTestGateway, TestGateway } from '../support/gateway';
import { allRules, dashboardExpressions, exposedNames, metricNamesIn, root } from '../support/promql-names';

const RUNBOOK_SECTIONS = ['Meaning', 'Impact', 'Diagnosis', 'Mitigation', 'Escalation'];
/** Series Prometheus makes itself for every target. */
const PROMETHEUS_NAMES = ['up'];

let t: TestGateway;
let available: Set<string>;

beforeAll(async () => {
  t = await startTestGateway('observability_artifacts');
  const recorded = allRules().flatMap((rule) => (rule.record ? [rule.record] : []));
  available = new Set([...exposedNames(await (await fetch(t.gateway.metricsUrl)).text()), ...recorded, ...PROMETHEUS_NAMES]);
});
afterAll(() => t.close());

describe(metricNamesIn.name, () => {
  it('finds the metric names of an expression and nothing else', () => {
    expect(metricNamesIn('sum by (partner) (rate(tenor_a_total{outcome="x",le="0.3"}[5m])) / on() tenor:b:ratio_rate5m > 1e9 and up{job="t"}').sort())
      .toEqual(['tenor:b:ratio_rate5m', 'tenor_a_total', 'up']);
  });
});

describe('alert rules and dashboard', () => {
  it('use only metric names the gateway exposes (or rules record)', () => {
    const unknown = [
      ...allRules().map((rule) => ({ where: `rule ${rule.alert ?? rule.record}`, expr: rule.expr })),
      ...dashboardExpressions(),
    ].flatMap(({ where, expr }) => metricNamesIn(expr).filter((name) => !available.has(name)).map((name) => `${where}: ${name}`));
    expect(unknown).toEqual([]);
  });

  it('give the dashboard at least one query per panel', () => {
    expect(dashboardExpressions().length).toBeGreaterThanOrEqual(10);
  });
});

describe('runbooks', () => {
  const alerts = allRules().filter((rule) => rule.alert);

  it('exist for every alert, with Meaning, Impact, Diagnosis, Mitigation and Escalation', () => {
    const problems = alerts.flatMap((rule) => {
      const file = path.join(root, 'docs/runbooks', `${rule.alert}.md`);
      if (!fs.existsSync(file)) return [`${rule.alert}: docs/runbooks/${rule.alert}.md is missing`];
      const headings = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.startsWith('## ')).map((line) => line.slice(3).trim());
      return RUNBOOK_SECTIONS.filter((section) => !headings.includes(section)).map((section) => `${rule.alert}: no "## ${section}"`);
    });
    expect(problems).toEqual([]);
  });

  it('are what every alert\'s runbook_url points at, and every alert has a severity', () => {
    expect(alerts.filter((rule) => rule.annotations?.runbook_url !== `docs/runbooks/${rule.alert}.md`).map((rule) => rule.alert)).toEqual([]);
    expect(alerts.filter((rule) => !['page', 'ticket'].includes(rule.labels?.severity ?? '')).map((rule) => rule.alert)).toEqual([]);
  });

  it('exist only for alerts that exist', () => {
    const names = new Set(alerts.map((rule) => `${rule.alert}.md`));
    expect(fs.readdirSync(path.join(root, 'docs/runbooks')).filter((file) => !names.has(file))).toEqual([]);
  });
});
