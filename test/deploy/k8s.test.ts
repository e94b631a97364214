import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../src/server/config';
import { startTestGateway, TestGateway } from '../support/gateway';

/** Manifests are checked against the schemas first, then walked as plain data. */
type Manifest = Record<string, any>;

const root = path.resolve(__dirname, '../..');
const dir = path.join(root, 'docker/k8s');
const kustomization = parse(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as { namespace: string; resources: string[] };
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const load = (file: string): Manifest[] => parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map((d) => d.toJS() as Manifest);
const manifests = files.flatMap(load);
const applied = kustomization.resources.flatMap(load);
const find = (kind: string, name: string) => {
  const found = applied.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in kustomization.yaml's resources`);
  return found;
};
const api = find('Deployment', 'tenor-api');
const worker = find('Deployment', 'tenor-worker');
const migrate = find('Job', 'tenor-migrate');
const configMap = find('ConfigMap', 'tenor-config');
const podSpecs = [api, worker, migrate].map((m) => m.spec.template.spec);
const containers = podSpecs.flatMap((spec) => spec.containers as Manifest[]);
const apiContainer = api.spec.template.spec.containers[0];
const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
const portNumber = (port: string | number) => (typeof port === 'number' ? port : apiContainer.ports.find((p: Manifest) => p.name === port)?.containerPort);
const config = loadConfig({ ...configMap.data, DATABASE_URL: 'mysql://tenor@mysql:3306/tenor' });

describe('docker/k8s', () => {
  it('lists every manifest in kustomization.yaml except the example Secret, and each listed one exists', () => {
    expect([...kustomization.resources].sort()).toEqual(files.filter((f) => f !== 'secret.example.yaml').sort());
  });

  it('validates every manifest against the Kubernetes and prometheus-operator schemas', () => {
    const problems = JSON.parse(execFileSync(process.execPath, [path.join(root, 'test/support/validate-k8s.mjs')], {
      input: JSON.stringify(manifests), encoding: 'utf8',
    }));
    expect(problems).toEqual([]);
    expect(new Set(manifests.map((m) => m.kind))).toEqual(new Set([
      'Namespace', 'ConfigMap', 'Secret', 'Deployment', 'Job', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'ServiceMonitor', 'PodMonitor',
    ]));
  });

  it('puts everything in the namespace it creates', () => {
    expect(find('Namespace', kustomization.namespace)).toBeDefined();
  });

  it('keeps secret values out of the repository', () => {
    const secret = manifests.find((m) => m.kind === 'Secret')!;
    expect(Object.values(secret.stringData ?? {}).every((v) => v === '')).toBe(true);
    expect(secret.data).toBeUndefined();
    const referenced = containers.flatMap((c) => (c.env ?? []).map((e: Manifest) => e.valueFrom?.secretKeyRef).filter(Boolean));
    for (const ref of referenced) {
      expect(ref.name).toBe(secret.metadata.name);
      expect(Object.keys(secret.stringData)).toContain(ref.key);
    }
  });

  it('sets only environment variables the configuration reads, and values it accepts in production', () => {
    const names = [...Object.keys(configMap.data), ...containers.flatMap((c) => (c.env ?? []).map((e: Manifest) => e.name))];
    for (const name of names) expect(CONFIG_VARIABLES).toContain(name);
    for (const c of containers) expect(c.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
    expect(config.isProduction).toBe(true);
  });

  it('runs the three roles of one image', () => {
    expect(new Set(containers.map((c) => c.image)).size).toBe(1);
    expect(containers.map((c) => c.args)).toEqual([['serve'], ['worker'], ['migrate']]);
  });

  it('exposes the configured ports under the names the probes, the Service and the ServiceMonitor use', () => {
    expect(apiContainer.ports).toEqual([{ name: 'http', containerPort: config.port }, { name: 'metrics', containerPort: config.metricsPort }]);
    const service = find('Service', 'tenor-api');
    for (const port of service.spec.ports) expect(portNumber(port.targetPort)).toBeDefined();
    const monitor = find('ServiceMonitor', 'tenor-api');
    expect(monitor.spec.endpoints.map((e: Manifest) => e.port)).toEqual(['metrics']);
    expect(portNumber(service.spec.ports.find((p: Manifest) => p.name === 'metrics').targetPort)).toBe(config.metricsPort);
    expect(matches(monitor.spec.selector.matchLabels, service.metadata.labels)).toBe(true);
    // The worker has no Service: its metrics port is scraped from the pod, under the same job name.
    const podMonitor = find('PodMonitor', 'tenor-worker');
    expect(podMonitor.spec.podMetricsEndpoints.map((e: Manifest) => e.port)).toEqual(['metrics']);
    expect(worker.spec.template.spec.containers[0].ports).toEqual([{ name: 'metrics', containerPort: config.metricsPort }]);
    expect(matches(podMonitor.spec.selector.matchLabels, worker.spec.template.metadata.labels)).toBe(true);
    expect([monitor.spec.jobLabel, podMonitor.spec.jobLabel]).toEqual(['app.kubernetes.io/name', 'app.kubernetes.io/name']);
  });

  it('has selectors that match the pod labels (Deployments, Service, PDB, NetworkPolicy) and an HPA on the API Deployment', () => {
    for (const deployment of [api, worker]) expect(matches(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    const apiLabels = api.spec.template.metadata.labels;
    expect(matches(find('Service', 'tenor-api').spec.selector, apiLabels)).toBe(true);
    expect(matches(find('PodDisruptionBudget', 'tenor-api').spec.selector.matchLabels, apiLabels)).toBe(true);
    expect(matches(find('NetworkPolicy', 'tenor-api').spec.podSelector.matchLabels, apiLabels)).toBe(true);
    expect(matches(find('Service', 'tenor-api').spec.selector, worker.spec.template.metadata.labels)).toBe(false);
    for (const spread of api.spec.template.spec.topologySpreadConstraints) expect(matches(spread.labelSelector.matchLabels, apiLabels)).toBe(true);
    const hpa = find('HorizontalPodAutoscaler', 'tenor-api');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'tenor-api' });
    expect(hpa.spec.minReplicas).toBe(api.spec.replicas);
    expect(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds).toBeGreaterThan(0);
  });

  it('runs 3 API replicas and leaves room for a rolling update within the disruption budget', () => {
    const replicas = api.spec.replicas;
    expect(replicas).toBe(3);
    const pdb = find('PodDisruptionBudget', 'tenor-api').spec;
    const allowedDisruptions = pdb.maxUnavailable ?? replicas - pdb.minAvailable;
    expect(allowedDisruptions).toBeGreaterThanOrEqual(1);
    expect(allowedDisruptions).toBeLessThan(replicas);
    const { maxSurge, maxUnavailable } = api.spec.strategy.rollingUpdate;
    expect(maxSurge).toBeGreaterThanOrEqual(1);
    expect(maxUnavailable).toBeLessThanOrEqual(allowedDisruptions);
  });

  it('gives the kubelet more time than preStop plus the drain before it kills a pod', () => {
    const spec = api.spec.template.spec;
    const drainSeconds = apiContainer.lifecycle.preStop.sleep.seconds + (config.shutdown.delayMs + config.shutdown.graceMs) / 1000;
    expect(spec.terminationGracePeriodSeconds).toBeGreaterThan(drainSeconds);
    expect(worker.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(config.shutdown.graceMs / 1000);
  });

  it('runs every container non-root on a read-only root filesystem with an emptyDir /tmp, and resources set', () => {
    for (const spec of podSpecs) {
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
      const tmp = spec.volumes.find((v: Manifest) => v.emptyDir);
      for (const c of spec.containers) {
        expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
        expect(c.volumeMounts).toContainEqual({ name: tmp.name, mountPath: '/tmp' });
        expect(c.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
        expect(c.resources.limits.memory).toEqual(expect.any(String));
      }
    }
  });

  it('lets in only the API port from the ingress controller and the metrics port from monitoring, and out only MySQL, Redis and DNS', () => {
    const policies = applied.filter((m) => m.kind === 'NetworkPolicy');
    expect(policies.find((p) => Object.keys(p.spec.podSelector).length === 0)?.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    const rules = (direction: 'ingress' | 'egress') => policies.flatMap((p) => (p.spec[direction] ?? []) as Manifest[]);
    const ingress = rules('ingress').map((r) => [r.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'], r.ports.map((p: Manifest) => p.port)]);
    expect(ingress).toEqual(expect.arrayContaining([['ingress-nginx', [config.port]], ['monitoring', [config.metricsPort]]]));
    for (const [from, ports] of ingress) expect([`${from}`, ports]).toEqual(from === 'ingress-nginx' ? ['ingress-nginx', [config.port]] : ['monitoring', [config.metricsPort]]);
    const egressPorts = new Set(rules('egress').flatMap((r) => r.ports.map((p: Manifest) => p.port)));
    expect(egressPorts).toEqual(new Set([3306, 6379, 53]));
    for (const rule of rules('egress')) expect(rule.to).toBeDefined();
  });

  describe('probes', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway('k8s_probes');
    });
    afterAll(() => gateway.close());

    it('point at paths the app answers with 200 on the http port', async () => {
      const base = gateway.url.replace('/graphql', '');
      for (const kind of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        const probe = apiContainer[kind].httpGet;
        expect([kind, portNumber(probe.port)]).toEqual([kind, config.port]);
        expect([kind, (await fetch(`${base}${probe.path}`)).status]).toEqual([kind, 200]);
      }
      expect(apiContainer.readinessProbe.httpGet.path).toBe('/readyz');
      expect(apiContainer.livenessProbe.httpGet.path).toBe('/healthz');
    });
  });
});
