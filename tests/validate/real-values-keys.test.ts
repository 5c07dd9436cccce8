// Every unknown-key and value-type warning on the 78 real values files (../shared/reference/real-values), each file's
// with the reason it is right: a key the chart at that version (the version the file names where the profile has
// it, else the newest) neither documents nor reads, or a value the chart coerces. And held-out typos: one documented
// key of each file misspelt in place is caught at its line and column, with the meant key as suggestion and nothing
// else changed in the file's report.
import fs from 'node:fs';
import path from 'node:path';
import { loadValues, validateValues, type Diagnostic, type LoadedValues } from '../../src/index';
import { glooTypeTree, type TypeNode } from '../../src/validate/value-types';
import { SHARED } from '../helpers/cases';

interface Entry {
  id: string;
  chart: 'gloo' | 'gloo-ee';
  chartVersion: string | null;
  kind: string;
}
const dir = path.join(SHARED, 'real-values');
const entries: Entry[] = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as Entry[];

const EXPECTED: Record<string, { why: string; rows: string[] }> = {
  "cposta-api-gw-fed-values": {
    why: "gloo.gateway.logLevel: the gateway deployment (and its logLevel) was folded into gloo long before 1.16, nothing reads it; gloo.rbac: the bundled gloo chart has no rbac value (gloo-ee has a top-level one, gloo reads global.glooRbac)",
    rows: [
      "warning unknown-key gloo.gateway.logLevel 17:15",
      "warning unknown-key gloo.rbac 33:3"
    ],
  },
  "cposta-gloo-all-default-ee-values": {
    why: "devPortal: a gloo-ee 1.x key, not in any of the three gloo-ee trees (the portal is gateway-portal-web-server); gloo.crds: the gloo chart has no crds value (CRDs come from its crds/ folder)",
    rows: [
      "warning unknown-key devPortal 20:1",
      "warning unknown-key gloo.crds 18:3"
    ],
  },
  "cposta-gloo-all-multiple-proxies": {
    why: "the same devPortal and gloo.crds as cposta-gloo-all-default-ee-values",
    rows: [
      "warning unknown-key devPortal 49:1",
      "warning unknown-key gloo.crds 47:3"
    ],
  },
  "cmwylie-helm-overrides": {
    why: "gloo.deployment: one level too high; the bundled gloo chart reads gloo.gloo.deployment",
    rows: [
      "warning unknown-key gloo.deployment 7:3"
    ],
  },
  "cmwylie-helm-values-dump": {
    why: "a values dump of gloo-ee 1.6.13 against the newest built-in chart: apiServer and rateLimit were gloo-ee 1.6 keys, gateway.deployment / gateway.serviceAccount went with the gateway deployment, disableUsageStatistics was removed; none is read by the assumed chart",
    rows: [
      "warning unknown-key apiServer 1:1",
      "warning unknown-key gloo.gateway.deployment 119:5",
      "warning unknown-key gloo.gateway.serviceAccount 132:5",
      "warning unknown-key gloo.gloo.deployment.disableUsageStatistics 188:31",
      "warning unknown-key rateLimit 315:1"
    ],
  },
  "rio-gloo-values": {
    why: "a gloo 0.x file: gateway.deployment and gatewayProxies.gatewayProxy.upgrade are not read by the current chart",
    rows: [
      "warning unknown-key gateway.deployment 10:3",
      "warning unknown-key gatewayProxies.gatewayProxy.upgrade 16:14"
    ],
  },
  "kamesh-eks-a-install-ee-values": {
    why: "the typo the index notes: settings.watchNamespace (the chart reads watchNamespaces)",
    rows: [
      "warning unknown-key gloo.settings.watchNamespace 4:5"
    ],
  },
  "codeverifier-1-14-values": {
    why: "a 1.14 file on the current chart: disableGeneratedGateways is read under gatewaySettings, gracefulShutdown and terminationGracePeriodSeconds under podTemplate, a proxy-level logLevel is read nowhere; gloo.gloo.deployment.serviceAccount: the chart reads gloo.serviceAccount",
    rows: [
      "warning unknown-key gloo.gatewayProxies.gatewayProxy.disableGeneratedGateways 242:33",
      "warning unknown-key gloo.gatewayProxies.gatewayProxy.gracefulShutdown 295:7",
      "warning unknown-key gloo.gatewayProxies.gatewayProxy.logLevel 290:17",
      "warning unknown-key gloo.gatewayProxies.gatewayProxy.terminationGracePeriodSeconds 300:38",
      "warning unknown-key gloo.gloo.deployment.serviceAccount 399:7"
    ],
  },
  "akshay-vault-override-values": {
    why: "the same proxy-level keys and gloo.deployment.serviceAccount as codeverifier-1-14-values",
    rows: [
      "warning unknown-key gloo.gatewayProxies.gatewayProxy.disableGeneratedGateways 242:33",
      "warning unknown-key gloo.gatewayProxies.gatewayProxy.gracefulShutdown 292:7",
      "warning unknown-key gloo.gatewayProxies.gatewayProxy.logLevel 287:17",
      "warning unknown-key gloo.gatewayProxies.gatewayProxy.terminationGracePeriodSeconds 297:38",
      "warning unknown-key gloo.gloo.deployment.serviceAccount 402:7"
    ],
  },
  "day0ops-cache-testing-values": {
    why: "the same proxy-level keys and gloo.deployment.serviceAccount as codeverifier-1-14-values",
    rows: [
      "warning unknown-key gloo.gatewayProxies.gatewayProxy.disableGeneratedGateways 204:33",
      "warning unknown-key gloo.gatewayProxies.gatewayProxy.gracefulShutdown 257:7",
      "warning unknown-key gloo.gatewayProxies.gatewayProxy.logLevel 252:17",
      "warning unknown-key gloo.gatewayProxies.gatewayProxy.terminationGracePeriodSeconds 262:38",
      "warning unknown-key gloo.gloo.deployment.serviceAccount 361:7"
    ],
  },
  "codeverifier-sharded-gw-values": {
    why: "the same proxy-level keys, on both data-plane proxies, and gloo.deployment.serviceAccount, as codeverifier-1-14-values",
    rows: [
      "warning unknown-key gloo.gatewayProxies.dataPlaneTenantProxy1.disableGeneratedGateways 212:33",
      "warning unknown-key gloo.gatewayProxies.dataPlaneTenantProxy1.gracefulShutdown 269:7",
      "warning unknown-key gloo.gatewayProxies.dataPlaneTenantProxy1.logLevel 264:17",
      "warning unknown-key gloo.gatewayProxies.dataPlaneTenantProxy1.terminationGracePeriodSeconds 274:38",
      "warning unknown-key gloo.gatewayProxies.dataPlaneTenantProxy2.disableGeneratedGateways 351:33",
      "warning unknown-key gloo.gatewayProxies.dataPlaneTenantProxy2.gracefulShutdown 408:7",
      "warning unknown-key gloo.gatewayProxies.dataPlaneTenantProxy2.logLevel 403:17",
      "warning unknown-key gloo.gatewayProxies.dataPlaneTenantProxy2.terminationGracePeriodSeconds 413:38",
      "warning unknown-key gloo.gloo.deployment.serviceAccount 512:7"
    ],
  },
  "ably77-oss-to-ee-values-ee": {
    why: "gateway.deployment: the gateway deployment no longer exists; no template reads it",
    rows: [
      "warning unknown-key gloo.gateway.deployment 45:5"
    ],
  },
  "ably77-oss-to-ee-values-oss": {
    why: "gateway.deployment: as in the -ee file",
    rows: [
      "warning unknown-key gateway.deployment 41:3"
    ],
  },
  "solo-gg-use-cases-argocd-inline": {
    why: "gloo.disableLeaderElection: one level too high; the bundled gloo chart reads gloo.gloo.disableLeaderElection",
    rows: [
      "warning unknown-key gloo.disableLeaderElection 4:26"
    ],
  },
  "solo-poc-parrot-istio-values": {
    why: "crds is no gloo-ee value; gloo.deployment one level too high (gloo.gloo.deployment); gloo.glooMtls is read at global.glooMtls; settings.create: \"create\" is a non-empty string, so true, where a boolean is tested",
    rows: [
      "warning unknown-key crds 1:1",
      "warning unknown-key gloo.deployment 46:3",
      "warning unknown-key gloo.glooMtls 27:3",
      "warning value-type gloo.settings.create 34:13"
    ],
  },
  "solo-poc-airtel-oidc-values": {
    why: "the same four as solo-poc-parrot-istio-values",
    rows: [
      "warning unknown-key crds 1:1",
      "warning unknown-key gloo.deployment 69:3",
      "warning unknown-key gloo.glooMtls 48:3",
      "warning value-type gloo.settings.create 54:13"
    ],
  },
  "solo-poc-mercari-values": {
    why: "the same four as solo-poc-parrot-istio-values",
    rows: [
      "warning unknown-key crds 1:1",
      "warning unknown-key gloo.deployment 45:3",
      "warning unknown-key gloo.glooMtls 27:3",
      "warning value-type gloo.settings.create 33:13"
    ],
  },
  "solo-aoa-gg-1.18-standalone": {
    why: "gloo.gateway.logLevel and gloo.rbac: not values of gloo 1.18 (see cposta-api-gw-fed-values)",
    rows: [
      "warning unknown-key gloo.gateway.logLevel 19:15",
      "warning unknown-key gloo.rbac 38:3"
    ],
  },
  "solo-aoa-gg-1.18-oss": {
    why: "gateway.logLevel: not a value of gloo 1.18; nothing reads it",
    rows: [
      "warning unknown-key gateway.logLevel 15:13"
    ],
  },
  "solo-workshops-gg-1.19-enterprise": {
    why: "livenessProbeEnabled under kubeGateway...podTemplate: the GatewayParameters template does not read it (only the edge gateway proxy and gloo deployments do)",
    rows: [
      "warning unknown-key gloo.kubeGateway.gatewayParameters.glooGateway.podTemplate.livenessProbeEnabled 9:33"
    ],
  },
  "solo-workshops-gg-1.19-openshift": {
    why: "as solo-workshops-gg-1.19-enterprise",
    rows: [
      "warning unknown-key gloo.kubeGateway.gatewayParameters.glooGateway.podTemplate.livenessProbeEnabled 9:33"
    ],
  },
  "solo-workshops-gg-1.18-portal-test": {
    why: "gloo.rbac: not a value of the bundled gloo chart",
    rows: [
      "warning unknown-key gloo.rbac 20:3"
    ],
  },
  "solo-workshops-gg-1.19-ai-gateway": {
    why: "as solo-workshops-gg-1.19-enterprise",
    rows: [
      "warning unknown-key gloo.kubeGateway.gatewayParameters.glooGateway.podTemplate.livenessProbeEnabled 9:33"
    ],
  },
  "issue-kgw-988-ingress-registry": {
    why: "a gloo 0.18 file on the current chart: crds, rbac, global.pullPolicy and knative.installKnative are read nowhere; httpPort \"80\" / httpsPort \"443\" are strings where the reference types an integer",
    rows: [
      "warning unknown-key crds 1:1",
      "warning unknown-key global.pullPolicy 43:15",
      "warning unknown-key rbac 23:1",
      "warning unknown-key settings.integrations.knative.installKnative 31:23",
      "warning value-type settings.integrations.knative.proxy.httpPort 33:19",
      "warning value-type settings.integrations.knative.proxy.httpsPort 34:20"
    ],
  },
  "issue-kgw-4296-ee-toplevel-gatewayproxies": {
    why: "the issue itself: gatewayProxies at the top level of gloo-ee is ignored (it belongs under gloo.)",
    rows: [
      "warning unknown-key gatewayProxies 8:1"
    ],
  },
  "issue-kgw-857-dashed-proxy-name": {
    why: "rbac: a gloo 0.17 key, read nowhere now",
    rows: [
      "warning unknown-key rbac 1:1"
    ],
  },
  "issue-kgw-9320-fed-apiserver-digest": {
    why: "glooFedApiserver at the top level: it belongs under gloo-fed.",
    rows: [
      "warning unknown-key glooFedApiserver 1:1"
    ],
  },
  "issue-kgw-4689-misnested": {
    why: "the issue itself: discovery at the top level of gloo-ee is ignored (gloo.discovery)",
    rows: [
      "warning unknown-key discovery 13:1"
    ],
  },
  "issue-kgw-4152-proposed-proxyimage": {
    why: "global.istioSDS.proxyImage was proposed in the issue and never added to the chart",
    rows: [
      "warning unknown-key global.istioSDS.proxyImage 4:17"
    ],
  },
  "chart-gloo-ee-solo-io-gloo-v1.16.2": {
    why: "the gloo-ee 1.16.2 values template sets gloo.gatewayProxies.gatewayProxy.service.extraPorts, which no template of gloo 1.16 or gloo-ee 1.16.2 reads (git grep at v1.16.2-alpine: only podTemplate.extraPorts is read); the published 1.16.2 tree dropped it",
    rows: [
      "warning unknown-key gloo.gatewayProxies.gatewayProxy.service.extraPorts 32:9"
    ],
  },
  "pasdam-oathkeeper-values": {
    why: "gloo.deployment.disableUsageStatistics: removed from the chart, read nowhere",
    rows: [
      "warning unknown-key gloo.deployment.disableUsageStatistics 26:29"
    ],
  },
  "jsnider-doks-gloo-values": {
    why: "global.stats: not a gloo value (global.glooStats is)",
    rows: [
      "warning unknown-key global.stats 168:3"
    ],
  },
  "baloise-cluster-apps-gloo-values": {
    why: "a gloo 1.3 file on the current chart: crds, gateway.deployment, global.wasm and disableUsageStatistics are read nowhere",
    rows: [
      "warning unknown-key crds 9:1",
      "warning unknown-key gateway.deployment 30:3",
      "warning unknown-key global.wasm 99:3",
      "warning unknown-key gloo.deployment.disableUsageStatistics 103:29"
    ],
  },
  "hntrssthmpsn-kind-terraform": {
    why: "httpNodePort / httpsNodePort are unexpanded terraform strings (\"${var...}\") where an integer is printed; global.AddEnterpriseSettings is not a gloo value",
    rows: [
      "warning unknown-key global.AddEnterpriseSettings 22:26",
      "warning value-type gatewayProxies.gatewayProxy.service.httpNodePort 16:21",
      "warning value-type gatewayProxies.gatewayProxy.service.httpsNodePort 17:22"
    ],
  },
  "pickjonathan-wrapper-values": {
    why: "a wrapper chart's values read as gloo-ee: a literal key `global\\.istioSDS\\.enabled` (a --set path written into YAML, so one key with dots) and gloo-ee (the wrapper's subchart key) are no gloo-ee values",
    rows: [
      "warning unknown-key global\\.istioSDS\\.enabled 1:26",
      "warning unknown-key gloo-ee 2:1"
    ],
  },
  "chart-gloo-ee-pickjonathan-vendored-1.5.0": {
    why: "a vendored gloo-ee 1.5.0 on the current chart: apiServer, rateLimit, gateway.deployment, gateway.serviceAccount, disableUsageStatistics are 1.5-era keys read nowhere now",
    rows: [
      "warning unknown-key apiServer 1:1",
      "warning unknown-key gloo.gateway.deployment 112:5",
      "warning unknown-key gloo.gateway.serviceAccount 124:5",
      "warning unknown-key gloo.gloo.deployment.disableUsageStatistics 175:31",
      "warning unknown-key rateLimit 295:1"
    ],
  },
  "chart-gloo-ee-lgadban-dataplane-1.8.1": {
    why: "a vendored gloo-ee 1.8.1: gateway.deployment and gateway.serviceAccount are read nowhere now",
    rows: [
      "warning unknown-key gloo.gateway.deployment 80:5",
      "warning unknown-key gloo.gateway.serviceAccount 86:5"
    ],
  },
  "argha-wrapper-gloo-values": {
    why: "a wrapper chart's values checked as the gloo chart itself (as the file index says): the keys under its gloo: are the wrapper's subchart values, so gloo.gloo and gloo.kubeGateway are not gloo values at the top of the gloo chart",
    rows: [
      "warning unknown-key gloo.gloo 4:3",
      "warning unknown-key gloo.kubeGateway 2:3"
    ],
  },
  "jeeten-vendored-gloo-1.3.17-values": {
    why: "a gloo 1.3.17 file on the current chart: crds, gateway.deployment, global.wasm, disableUsageStatistics are read nowhere",
    rows: [
      "warning unknown-key crds 9:1",
      "warning unknown-key gateway.deployment 30:3",
      "warning unknown-key global.wasm 100:3",
      "warning unknown-key gloo.deployment.disableUsageStatistics 104:29"
    ],
  },
  "stefanprodan-vendored-gloo-0.20.8-values": {
    why: "a gloo 0.20.8 file on the current chart: crds, gateway.conversionJob, gateway.deployment are read nowhere; kind.deployment.antiAffinity is read at the proxy level (gatewayProxies.<name>.antiAffinity); global.glooRbac.Namespaced has the wrong case (namespaced)",
    rows: [
      "warning unknown-key crds 10:1",
      "warning unknown-key gateway.conversionJob 30:3",
      "warning unknown-key gateway.deployment 35:3",
      "warning unknown-key gatewayProxies.gatewayProxyV2.kind.deployment.antiAffinity 62:23",
      "warning unknown-key global.glooRbac.Namespaced 86:17"
    ],
  },
};

function versionOf(e: Entry): string | undefined {
  const m = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?/.exec(e.chartVersion ?? '');
  if (!m) return undefined;
  const [maj, min] = m[0].split('.').map(Number);
  return maj === 1 && min! >= 16 ? m[0] : undefined;
}

function load(e: Entry, text?: string): LoadedValues {
  const bytes = text !== undefined ? text : new Uint8Array(fs.readFileSync(path.join(dir, 'files', `${e.id}.yaml`)));
  const source = { name: `${e.id}.yaml`, text: bytes };
  const set = e.chart === 'gloo-ee' ? ['license_key=placeholder-license-key'] : [];
  return e.kind === 'chart' ? loadValues({ chartValues: source, set }) : loadValues({ valuesFiles: [source], set });
}

const row = (d: Diagnostic) => `${d.severity} ${d.code} ${d.path} ${d.location ? `${d.location.line}:${d.location.column}` : '-'}`;
const validate = (e: Entry, loaded: LoadedValues) => {
  const version = versionOf(e);
  return validateValues(loaded, { profile: e.chart, ...(version ? { chartVersion: version } : {}) }).diagnostics;
};

test('78 files; every listed file exists and has a reason', () => {
  expect(entries).toHaveLength(78);
  for (const [id, x] of Object.entries(EXPECTED)) {
    expect(entries.map((e) => e.id)).toContain(id);
    expect(x.why.length).toBeGreaterThan(20);
  }
});

test.each(entries.map((e) => [e.id, e] as const))('%s', (_id, e) => {
  const rows = validate(e, load(e))
    .filter((d) => d.severity === 'warning' && (d.code === 'unknown-key' || d.code === 'value-type'))
    .map(row);
  expect(rows.sort()).toEqual([...(EXPECTED[e.id]?.rows ?? [])].sort());
});

/** A documented scalar key of the file, written as `key: value` on one line, that is no entry of a map of any keys. */
function heldOut(e: Entry, loaded: LoadedValues, text: string): { parts: string[]; line: number; start: number } | undefined {
  const tree = glooTypeTree(versionOf(e) ?? '1.22.1')!;
  const lines = text.split('\n');
  const found: Array<{ parts: string[]; line: number; start: number }> = [];
  const walk = (node: TypeNode, v: unknown, parts: string[], prefix: string[]) => {
    if (!v || typeof v !== 'object' || Array.isArray(v) || node.open || !node.props || node.any) return;
    for (const [k, c] of Object.entries(v as Record<string, unknown>)) {
      const child = Object.prototype.hasOwnProperty.call(node.props, k) ? node.props[k] : undefined;
      if (!child || /image$/i.test(k) || k.length < 5) continue;
      if (child.types && (typeof c === 'boolean' || typeof c === 'number' || (typeof c === 'string' && c !== ''))) {
        const loc = loaded.locate([...prefix, ...parts, k].join('.'));
        const l = loc ? lines[loc.line - 1] : undefined;
        const start = l === undefined ? -1 : l.indexOf(`${k}:`);
        if (loc && l !== undefined && start >= 0 && start < loc.column - 1 && l.slice(0, start).trim() === '') found.push({ parts: [...prefix, ...parts, k], line: loc.line, start });
      } else walk(child, c, [...parts, k], prefix);
    }
  };
  const values = loaded.values as Record<string, unknown>;
  if (e.chart === 'gloo') walk(tree, values, [], []);
  else walk(tree, values.gloo, [], ['gloo']);
  return found[Math.floor(found.length / 2)];
}

const typoCases = entries.filter((e) => e.kind !== 'chart');
test.each(typoCases.map((e) => [e.id, e] as const))('held-out typo in %s', (_id, e) => {
  const text = fs.readFileSync(path.join(dir, 'files', `${e.id}.yaml`), 'utf8');
  const base = load(e, text);
  const pick = heldOut(e, base, text);
  if (!pick) return; // a file with no documented scalar key of its own (only images, maps of entries)
  const key = pick.parts[pick.parts.length - 1]!;
  // swap two middle letters: the most common typo, and never another documented key here
  const i = Math.floor(key.length / 2);
  const typo = key.slice(0, i - 1) + key[i] + key[i - 1] + key.slice(i + 1);
  if (typo === key) return;
  const lines = text.split('\n');
  const l = lines[pick.line - 1]!;
  lines[pick.line - 1] = l.slice(0, pick.start) + typo + l.slice(pick.start + key.length);
  const before = validate(e, base).map(row);
  const after = validate(e, load(e, lines.join('\n')));
  const added = after.map(row).filter((r) => !before.includes(r));
  const typoPath = [...pick.parts.slice(0, -1), typo].join('.');
  const d = after.find((x) => x.code === 'unknown-key' && x.path === typoPath);
  expect(d).toBeDefined();
  expect(d!.location!.line).toBe(pick.line);
  expect(d!.suggestion).toBe(pick.parts.join('.'));
  // nothing else new: the key's default now applies, which is what the finding says
  expect(added.filter((r) => !r.includes(` ${typoPath} `))).toEqual([]);
});
