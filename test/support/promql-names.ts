import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

const KEYWORDS = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool', 'inf', 'nan']);

/**
 * The metric names a PromQL expression reads. Label matchers, strings, ranges, grouping clauses,
 * Grafana variables and function calls are removed first; what is left and looks like a name is one.
 */
export function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\w+/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, name, call] = match;
    if (call || KEYWORDS.has(name.toLowerCase()) || /^\d/.test(name)) continue;
    // Exponents of numbers such as 1e9 are not names.
    if (/^e\d+$/.test(name)) continue;
    names.add(name);
  }
  return [...names];
}

export const root = path.resolve(__dirname, '../..');

export interface RuleFile {
  groups: { name: string; rules: { alert?: string; record?: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[];
}

const alertRules = (): RuleFile => parseYaml(fs.readFileSync(path.join(root, 'docker/prometheus/alerts.yml'), 'utf8')) as RuleFile;

export const allRules = () => alertRules().groups.flatMap((group) => group.rules);

interface Panel { title: string; targets?: { expr: string }[]; panels?: Panel[] }

/** Every query of the Grafana dashboard (panel targets and templating queries), by where it is. */
export function dashboardExpressions(): { where: string; expr: string }[] {
  const dashboard = JSON.parse(fs.readFileSync(path.join(root, 'docker/grafana/tenor.json'), 'utf8')) as {
    panels: Panel[]; templating: { list: { name: string; query?: unknown }[] };
  };
  const fromPanels = (panels: Panel[]): { where: string; expr: string }[] => panels.flatMap((panel) => [
    ...(panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr })),
    ...fromPanels(panel.panels ?? []),
  ]);
  const fromTemplating = dashboard.templating.list
    .filter((v) => typeof v.query === 'string' && v.query.startsWith('label_values('))
    .map((v) => ({ where: `variable $${v.name}`, expr: String(v.query).replace(/^label_values\(([^,]+),.*$/, '$1') }));
  return [...fromPanels(dashboard.panels), ...fromTemplating];
}

/** Sample names a /metrics answer can have, from its # TYPE lines (histograms add _bucket, _sum and _count). */
export function exposedNames(metricsText: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of metricsText.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    else if (type === 'summary') for (const suffix of ['', '_sum', '_count']) names.add(name + suffix);
    else names.add(name);
  }
  return names;
}
