// Validates Kubernetes manifests (a JSON array on stdin) against the schemas of kubernetes-models and
// @kubernetes-models/prometheus-operator, which are ES modules only (hence a separate process, not
// jest's CommonJS). Prints a JSON array of { kind, name, error } for every manifest that fails.
import { readFileSync } from 'node:fs';

const manifests = JSON.parse(readFileSync(0, 'utf8'));

/** The model module of an apiVersion/kind: core v1 has no group in its path. */
function modelPath({ apiVersion, kind }) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [null, apiVersion];
  if (group === 'monitoring.coreos.com') return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
}

const problems = [];
for (const manifest of manifests) {
  const where = { kind: manifest.kind, name: manifest.metadata?.name };
  try {
    const module = await import(modelPath(manifest));
    new module[manifest.kind](manifest).validate();
  } catch (error) {
    problems.push({ ...where, error: String(error.message ?? error) });
  }
}
console.log(JSON.stringify(problems));
