#!/usr/bin/env node
// Records what the real Helm v3.17.1 and v4.1.4 binaries render for the Gloo fixture charts
// fixtures/charts/gloo-<epoch>/ under generated value combinations, and writes one corpus per epoch to
// tests/differential/gloo-renders/<epoch>.json. The resolver's Gloo profile is tested against these renders.
//
//   node scripts/record-gloo-renders.mjs                 regenerate the inputs (seeded), run Helm 3 and 4, write the corpora
//   node scripts/record-gloo-renders.mjs --check         regenerate + re-run, report differences from the recorded corpora (writes nothing)
//   node scripts/record-gloo-renders.mjs --real <git dir of a solo-io/gloo mirror>
//                                                        validate the fixtures: render every recorded case with the REAL
//                                                        chart at tag v<epoch> and compare with the recorded outcomes (writes nothing)
//   options: --only <epoch> (one epoch, e.g. 1.22.0), --seed <n> (default: the recorded seed, else DEFAULT_SEED),
//            --jobs <n> (parallel Helm processes, default: CPU count), --dump (print the generated inputs, run nothing);
//            with --real: --helm 3|4 (one Helm version; default both), --show <n> (disagreements listed per epoch and
//            Helm version, default 5), --errors (list the cases where both fail but the messages name different templates)
//
// Every case is `helm template gloo <chart> -n gloo-system [-f f0.yaml …] [--set …] [--set-string …]`, run in a
// temp dir that holds the -f files (so messages name them f0.yaml, f1.yaml, …). The inputs are built from a seeded
// PRNG (mulberry32, one stream per epoch and category), so the same seed always gives the same cases.
//
// Outcome = { status, images, stderr }: the exit code, the images of the rendered manifests (empty when the render
// failed) and the trimmed stderr. images: one entry per container and initContainer of every Deployment, DaemonSet,
// Job and CronJob pod spec, {kind, name, container, image}; and for GatewayParameters one entry per image group
// (container envoyContainer | sdsContainer | istio.istioProxyContainer | aiExtension) with the raw YAML-parsed
// fields {registry, repository, tag, digest, pullPolicy} (only the keys present) and an image string DERIVED from
// them the way the gloo-gateway deployer joins them: registry/repository:tag plus @digest when the digest is set,
// each part formatted like Go's printf %s (a missing part is %!s(<nil>), a number %!s(float64=…)). Entries are
// sorted by kind, name, container (then image).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { hashStr, Rng } from './lib/rng.mjs';
import { Case, channelFor, DIGEST_FIELDS, digestValue, maybeSplitFile, raw, VARIANTS } from './lib/values-case.mjs';
import { helm, pool, renderCase, ROOT } from './lib/helm-runner.mjs';
import { readCorpus, recordCorpus, recorderOptions } from './lib/render-corpus.mjs';
import { FIELD_POOLS, GATEWAY_PARAMETERS, glooImageBlocks } from './lib/gloo-values.mjs';

const OUT_DIR = path.join(ROOT, 'tests', 'differential', 'gloo-renders');
const DEFAULT_SEED = 20261201;

// ---------------------------------------------------------------------------------------------------------------
// Epochs: the release whose rules each fixture reproduces, and which value blocks exist there.

const EPOCHS = {
  '1.16.27': { gp: false, ai: false, nullRepoOk: false },
  '1.17.0': { gp: true, ai: false, nullRepoOk: false },
  '1.17.10': { gp: true, ai: false, nullRepoOk: false },
  '1.17.30': { gp: true, ai: false, nullRepoOk: true },
  '1.18.40': { gp: true, ai: true, nullRepoOk: true },
  '1.19.10': { gp: true, ai: true, nullRepoOk: true },
  '1.22.0': { gp: true, ai: true, nullRepoOk: true },
};

const GG = GATEWAY_PARAMETERS;
// Image blocks: values path, and the switches that make them render (applied with some probability).
const BLOCKS = glooImageBlocks();
const blocksFor = (ep) => Object.entries(BLOCKS).filter(([, b]) => (!b.gp || EPOCHS[ep].gp) && (!b.ai || EPOCHS[ep].ai));

const TOGGLES = ['discovery.enabled', 'gateway.enabled', 'gateway.validation.enabled', 'gateway.validation.webhook.enabled',
  'gateway.certGenJob.enabled', 'gateway.certGenJob.cron.enabled', 'global.glooMtls.enabled', 'global.istioSDS.enabled',
  'global.istioIntegration.enabled', 'ingress.enabled', 'settings.integrations.knative.enabled', 'accessLogger.enabled',
  'gateway.rolloutJob.enabled', 'gateway.cleanupJob.enabled', 'kubeGateway.enabled'];


// ---------------------------------------------------------------------------------------------------------------
// Case generation


function curated(ep, seed) {
  const V = ep;
  const E = EPOCHS[ep];
  const r = new Rng((seed ^ hashStr('curated')) >>> 0); // the same stream for every epoch: the same digests everywhere
  const out = [];
  const add = (name, fn) => { const c = new Case(name); fn(c); out.push(c.done()); };
  const allDigests = (c, base, ch = 'file') => { for (const d of DIGEST_FIELDS) c.via(ch, `${base}.${d}`, digestValue(r, d)); };

  add('defaults', () => {});
  // global variant values, as a file and through --set
  const variantVals = [['standard', 'standard'], ['fips', 'fips'], ['distroless', 'distroless'], ['fips-distroless', 'fips-distroless'],
    ['Distroless', 'Distroless'], ['FIPS', 'FIPS'], ['slim', 'slim'], ['empty', ''], ['null', null], ['number', 5], ['bool', true], ['list', ['distroless']]];
  for (const [n, v] of variantVals) add(`variant-${n}-file`, (c) => c.f('global.image.variant', v));
  add('variant-distroless-set', (c) => c.s('global.image.variant', 'distroless'));
  add('variant-fips-distroless-set-string', (c) => c.ss('global.image.variant', 'fips-distroless'));
  add('variant-number-set', (c) => c.s('global.image.variant', 7));
  add('variant-bool-set', (c) => c.s('global.image.variant', false));
  add('variant-string-number-set-string', (c) => c.ss('global.image.variant', '5'));
  add('variant-number-with-disableDigest', (c) => c.f('global.image.variant', 5).f('global.image.disableDigest', true));
  add('variant-bool-with-disableDigest-set', (c) => c.s('global.image.variant', true).s('global.image.disableDigest', true));
  add('variant-number-fips-true', (c) => c.f('global.image.variant', 5).f('global.image.fips', true));
  // every digest field globally, under each variant
  for (const v of [...VARIANTS, 'slim', null]) {
    add(`all-digests-global-variant-${v ?? 'unset'}`, (c) => { allDigests(c, 'global.image'); if (v !== null) c.f('global.image.variant', v); c.f('kubeGateway.enabled', true); });
  }
  add('all-digests-fips-bool-with-fips-distroless', (c) => { allDigests(c, 'global.image'); c.f('global.image.fips', true).f('global.image.variant', 'fips-distroless'); });
  add('all-digests-fips-bool-with-distroless', (c) => { allDigests(c, 'global.image'); c.f('global.image.fips', true).f('global.image.variant', 'distroless'); });
  add('digest-standard-dropped-with-variant-fips', (c) => c.f('gloo.deployment.image.digest', digestValue(r, 'digest')).f('global.image.variant', 'fips'));
  add('fips-distroless-no-fallback-digest', (c) => c.f('gloo.deployment.image.digest', digestValue(r, 'digest'))
    .f('gloo.deployment.image.fipsDigest', digestValue(r, 'fipsDigest')).f('global.image.variant', 'fips-distroless'));
  add('global-digest-applies-to-every-image', (c) => c.s('global.image.digest', digestValue(r, 'digest')).s('global.istioSDS.enabled', true)
    .s('global.glooMtls.enabled', true).s('kubeGateway.enabled', true));
  // deprecated fips
  add('deprecated-fips-true', (c) => c.f('global.image.fips', true).f('gateway.certGenJob.cron.enabled', true));
  add('deprecated-fips-string-false-is-truthy', (c) => c.ss('global.image.fips', 'false'));
  add('deprecated-fips-string-false-with-ee-repository', (c) => c.ss('global.image.fips', 'false').f('gloo.deployment.image.repository', 'gloo-ee'));
  add('deprecated-fips-true-with-fipsDigest', (c) => c.f('global.image.fips', true).f('gloo.deployment.image.fipsDigest', digestValue(r, 'fipsDigest')));
  add('deprecated-fips-true-variant-distroless', (c) => c.s('global.image.fips', true).s('global.image.variant', 'distroless'));
  add('global-fips-true-cannot-be-disabled-per-component', (c) => c.f('global.image.fips', true).f('gateway.certGenJob.image.fips', false)
    .f('gateway.certGenJob.image.variant', 'standard').f('gateway.certGenJob.image.fipsDigest', digestValue(r, 'fipsDigest')));
  add('fips-false-global', (c) => c.s('global.image.fips', false).s('global.image.variant', 'fips'));
  add('extended-true', (c) => c.s('global.image.extended', true));
  // per-component overrides
  add('component-variant-distroless-global-standard', (c) => c.f('global.image.variant', 'standard').f('discovery.deployment.image.variant', 'distroless').f('discovery.enabled', true));
  add('component-variant-empty-string-falls-back-to-global', (c) => c.f('global.image.variant', 'distroless').f('gloo.deployment.image.variant', ''));
  add('component-variant-fips-distroless-certgen', (c) => c.f('gateway.certGenJob.image.variant', 'fips-distroless').f('global.glooMtls.enabled', true));
  add('component-fips-true', (c) => c.f('gateway.certGenJob.image.fips', true).f('gloo.deployment.image.fips', true).f('gloo.deployment.image.repository', 'gloo-ee'));
  add('component-digests-all-four-per-component', (c) => {
    for (const b of ['gloo.deployment.image', 'gatewayProxies.gatewayProxy.podTemplate.image', 'gateway.certGenJob.image', 'gateway.rolloutJob.image']) allDigests(c, b);
    c.f('gloo.deployment.image.variant', 'distroless').f('gateway.certGenJob.image.variant', 'fips').f('gateway.rolloutJob.image.variant', 'fips-distroless');
  });
  add('disableDigest-global-true', (c) => { allDigests(c, 'global.image'); c.f('global.image.disableDigest', true); });
  add('disableDigest-component-false-cannot-override-global-true', (c) => c.s('global.image.disableDigest', true)
    .f('gloo.deployment.image.disableDigest', false).f('gloo.deployment.image.digest', digestValue(r, 'digest')));
  add('disableDigest-component-true', (c) => c.f('global.image.digest', digestValue(r, 'digest')).f('gateway.cleanupJob.image.disableDigest', true));
  add('disableDigest-string-false-set-string', (c) => c.ss('global.image.disableDigest', 'false').s('global.image.digest', digestValue(r, 'digest')));
  // registries
  add('registry-empty-global', (c) => c.f('global.image.registry', ''));
  add('registry-trailing-slash', (c) => c.s('global.image.registry', 'my.reg/'));
  add('registry-null-set', (c) => c.s('global.image.registry', null));
  add('registry-null-file', (c) => c.f('global.image.registry', null));
  add('registry-empty-component-falls-back', (c) => c.f('gloo.deployment.image.registry', '').s('global.image.registry', 'mirror.example.com/solo'));
  add('registry-component-own', (c) => c.s('discovery.enabled', true).s('discovery.deployment.image.registry', 'localhost:5000').s('global.glooMtls.istioProxy.image.registry', 'my.reg/istio')
    .s('global.istioIntegration.enabled', true));
  add('registry-global-not-reaching-istio', (c) => c.s('global.image.registry', 'mirror.example.com').s('global.istioSDS.enabled', true));
  // tags
  add('tag-file-float', (c) => c.f('gloo.deployment.image.tag', raw('1.10')));
  add('tag-file-float-distroless', (c) => c.f('gloo.deployment.image.tag', raw('1.10')).f('global.image.variant', 'distroless'));
  add('tag-file-int', (c) => c.f('discovery.deployment.image.tag', 110).f('global.image.variant', 'distroless').f('discovery.enabled', true));
  add('tag-set-int', (c) => c.s('gloo.deployment.image.tag', 110));
  add('tag-set-int-distroless', (c) => c.s('gloo.deployment.image.tag', 110).s('global.image.variant', 'distroless'));
  add('tag-set-float-looking-string', (c) => c.s('gloo.deployment.image.tag', '1.10').s('global.image.variant', 'distroless'));
  add('tag-set-int-gateway-proxy-distroless', (c) => c.s('gatewayProxies.gatewayProxy.podTemplate.image.tag', 110).s('global.image.variant', 'distroless'));
  add('tag-empty-string', (c) => c.f('gloo.deployment.image.tag', ''));
  add('tag-empty-string-distroless', (c) => c.f('gloo.deployment.image.tag', '').f('global.image.variant', 'distroless'));
  add('tag-empty-set', (c) => c.s('gateway.certGenJob.image.tag', ''));
  add('tag-zero-is-dropped', (c) => c.s('gloo.deployment.image.tag', 0));
  add('tag-null', (c) => c.s('gloo.deployment.image.tag', null));
  add('tag-null-with-digest', (c) => c.s('discovery.deployment.image.tag', null).s('discovery.deployment.image.digest', digestValue(r, 'digest')).s('discovery.enabled', true));
  add('global-tag-used-when-component-tag-null', (c) => c.s('gloo.deployment.image.tag', null).s('global.image.tag', '9.9.9'));
  add('global-tag-ignored-when-component-has-tag', (c) => c.s('global.image.tag', '9.9.9'));
  add('global-tag-fills-empty-component-tag', (c) => c.f('gloo.deployment.image.tag', '').f('global.image.tag', '9.9.9').f('global.image.variant', 'distroless'));
  add('tag-already-distroless-double-suffix', (c) => c.f('gloo.deployment.image.tag', `${V}-distroless`).f('global.image.variant', 'distroless'));
  add('tag-bool-true', (c) => c.s('gloo.deployment.image.tag', true));
  // repositories
  add('global-repository-ignored', (c) => c.s('global.image.repository', 'other'));
  add('global-repository-fills-empty-component', (c) => c.s('gloo.deployment.image.repository', '').s('global.image.repository', 'other'));
  add('repository-empty', (c) => c.f('gloo.deployment.image.repository', ''));
  if (E.nullRepoOk) add('repository-null', (c) => c.s('gloo.deployment.image.repository', null));
  for (const v of ['fips', 'fips-distroless']) {
    add(`repository-ee-names-variant-${v}`, (c) => c.f('gloo.deployment.image.repository', 'gloo-ee').f('discovery.deployment.image.repository', 'discovery-ee')
      .f('global.glooMtls.sds.image.repository', 'sds-ee').f('gatewayProxies.gatewayProxy.podTemplate.image.repository', 'gloo-ee-envoy-wrapper')
      .f('accessLogger.image.repository', 'observability-ee').f('accessLogger.enabled', true).f('global.glooMtls.enabled', true)
      .f('discovery.enabled', true).f('global.image.variant', v));
  }
  add('repository-unknown-distroless', (c) => c.f('gloo.deployment.image.repository', 'my-gloo').f('global.image.variant', 'distroless'));
  add('repository-fips-bool-ee', (c) => c.s('global.image.fips', true).s('gloo.deployment.image.repository', 'extauth-ee').s('gateway.rolloutJob.image.repository', 'rate-limit-ee'));
  // switches
  add('discovery-enabled', (c) => c.s('discovery.enabled', true));
  add('discovery-disabled', (c) => c.s('discovery.enabled', false));
  add('gateway-disabled', (c) => c.s('gateway.enabled', false).s('accessLogger.enabled', true).s('gateway.certGenJob.cron.enabled', true));
  add('validation-disabled', (c) => c.s('gateway.validation.enabled', false).s('gateway.certGenJob.cron.enabled', true));
  add('webhook-disabled-cron-enabled', (c) => c.s('gateway.validation.webhook.enabled', false).s('gateway.certGenJob.cron.enabled', true));
  add('certGenJob-disabled', (c) => c.s('gateway.certGenJob.enabled', false));
  add('certgen-cron-enabled', (c) => c.s('gateway.certGenJob.cron.enabled', true));
  add('gloo-mtls', (c) => c.s('global.glooMtls.enabled', true).s('global.image.variant', 'distroless'));
  add('gloo-mtls-certgen-ignores-certGenJob-enabled', (c) => c.s('global.glooMtls.enabled', true).s('gateway.certGenJob.enabled', false).s('gateway.certGenJob.cron.enabled', true));
  add('istio-sds', (c) => c.s('global.istioSDS.enabled', true));
  add('istio-sds-custom-sidecars', (c) => c.f('global.istioSDS.enabled', true).f('global.istioSDS.customSidecars', [
    { name: 'my-istio-proxy', image: 'docker.io/istio/proxyv2:1.20.1' }]).f('global.image.variant', 'distroless'));
  add('istio-integration', (c) => c.s('global.istioIntegration.enabled', true).s('global.image.variant', 'fips-distroless'));
  add('istio-integration-and-mtls', (c) => c.s('global.istioIntegration.enabled', true).s('global.glooMtls.enabled', true));
  add('ingress', (c) => c.s('ingress.enabled', true));
  add('knative-0.10.0', (c) => c.s('settings.integrations.knative.enabled', true));
  add('knative-0.7.0', (c) => c.s('settings.integrations.knative.enabled', true).s('settings.integrations.knative.version', '0.7.0'));
  add('knative-and-ingress', (c) => c.s('settings.integrations.knative.enabled', true).s('ingress.enabled', true).s('global.image.variant', 'distroless'));
  add('access-logger', (c) => c.s('accessLogger.enabled', true).s('global.image.variant', 'distroless'));
  add('rollout-and-cleanup-disabled', (c) => c.s('gateway.rolloutJob.enabled', false).s('gateway.cleanupJob.enabled', false));
  add('rollout-enabled-gateway-disabled', (c) => c.s('gateway.enabled', false));
  add('everything-enabled', (c) => { for (const t of TOGGLES) c.f(t, true); c.f('global.image.variant', 'distroless'); });
  add('everything-disabled', (c) => { for (const t of TOGGLES) c.f(t, false); });
  // GatewayParameters
  if (E.gp) {
    const gp = (name, fn) => add(`kubeGateway-${name}`, (c) => { c.f('kubeGateway.enabled', true); fn(c); });
    gp('defaults', () => {});
    gp('variant-distroless', (c) => c.f('global.image.variant', 'distroless'));
    gp('variant-fips', (c) => c.f('global.image.variant', 'fips'));
    gp('digest-quirks-fips', (c) => c.f(`${GG}.envoyContainer.image.digest`, digestValue(r, 'digest')).f(`${GG}.sdsContainer.image.fipsDigest`, digestValue(r, 'fipsDigest'))
      .f('global.image.variant', 'fips'));
    gp('digest-and-distrolessDigest', (c) => c.f(`${GG}.envoyContainer.image.digest`, digestValue(r, 'digest'))
      .f(`${GG}.envoyContainer.image.distrolessDigest`, digestValue(r, 'distrolessDigest')).f('global.image.variant', 'distroless'));
    gp('tag-rendered-unquoted', (c) => c.s(`${GG}.envoyContainer.image.tag`, '1.10'));
    gp('tag-float-distroless', (c) => c.f(`${GG}.sdsContainer.image.tag`, raw('1.10')).f('global.image.variant', 'distroless'));
    gp('global-digest', (c) => c.s('global.image.digest', digestValue(r, 'digest')));
    gp('global-digest-disableDigest', (c) => c.s('global.image.digest', digestValue(r, 'digest')).s('global.image.disableDigest', true));
    gp('envoy-image-removed', (c) => c.s(`${GG}.envoyContainer.image`, null));
    gp('sds-container-removed', (c) => c.s(`${GG}.sdsContainer`, null));
    gp('sds-image-removed', (c) => c.s(`${GG}.sdsContainer.image`, null));
    gp('istio-proxy-container-removed', (c) => c.s(`${GG}.istio.istioProxyContainer`, null));
    gp('istio-custom-sidecars', (c) => c.f(`${GG}.istio.customSidecars`, [{ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.21.0' }]));
    if (E.ai) gp('ai-extension-removed', (c) => c.s(`${GG}.aiExtension`, null));
    gp('registry-empty', (c) => c.s('global.image.registry', ''));
    gp('registry-null', (c) => c.s(`${GG}.istio.istioProxyContainer.image.registry`, null));
    gp('repository-empty-and-tag-empty', (c) => c.f(`${GG}.envoyContainer.image.repository`, '').f(`${GG}.envoyContainer.image.tag`, ''));
    gp('variant-number-no-digest', (c) => c.f('global.image.variant', 5).f('global.image.disableDigest', true));
    gp('fips-bool-certgen', (c) => c.s('global.image.fips', true).s(`${GG}.sdsContainer.image.repository`, 'sds-ee'));
  }
  // gateway proxies
  add('extra-gateway-proxy-own-variant', (c) => c.f('gatewayProxies.publicGw.podTemplate.image.variant', 'distroless')
    .f('gatewayProxies.publicGw.podTemplate.image.digest', digestValue(r, 'digest')));
  add('extra-gateway-proxy-empty-tag-overrides-default', (c) => c.f('gatewayProxies.publicGw.podTemplate.image.tag', ''));
  add('extra-gateway-proxy-null-tag', (c) => c.f('gatewayProxies.publicGw.podTemplate.image.tag', null).f('global.image.tag', '9.9.9'));
  add('extra-gateway-proxy-disabled', (c) => c.f('gatewayProxies.internalGw.disabled', true).f('gatewayProxies.publicGw.podTemplate.httpPort', 8081));
  add('gateway-proxy-disabled', (c) => c.s('gatewayProxies.gatewayProxy.disabled', true));
  add('extra-gateway-proxy-kind-deployment-false', (c) => c.f('gatewayProxies.publicGw.kind.deployment', false));
  add('extra-gateway-proxy-kind-deployment-null', (c) => c.f('gatewayProxies.publicGw.kind.deployment', null));
  add('gateway-proxy-kind-deployment-null', (c) => c.s('gatewayProxies.gatewayProxy.kind.deployment', null));
  add('gateway-proxy-kind-deployment-false', (c) => c.s('gatewayProxies.gatewayProxy.kind.deployment', false));
  add('gateway-proxy-workloadType-daemonset', (c) => c.s('gatewayProxies.gatewayProxy.kind.workloadType', 'DaemonSet'));
  add('extra-gateway-proxy-workloadType-daemonset', (c) => c.f('gatewayProxies.edgeProxy.kind.workloadType', 'DaemonSet')
    .f('gatewayProxies.edgeProxy.podTemplate.image.registry', 'my.reg'));
  add('extra-gateway-proxy-set-int-tag-distroless', (c) => c.s('gatewayProxies.publicGw.podTemplate.image.tag', 110).s('gatewayProxies.publicGw.podTemplate.image.variant', 'distroless'));
  add('extra-gateway-proxies-with-mtls-and-istio', (c) => c.f('gatewayProxies.publicGw.podTemplate.image.variant', 'fips-distroless')
    .f('gatewayProxies.internal_gw.podTemplate.image.repository', 'gloo-ee-envoy-wrapper').f('global.glooMtls.enabled', true)
    .f('global.istioSDS.enabled', true).f('global.image.variant', 'fips'));
  add('extra-gateway-proxy-gateway-disabled', (c) => c.f('gatewayProxies.publicGw.podTemplate.image.variant', 'distroless').f('gateway.enabled', false));
  // user-supplied containers
  add('user-containers-passthrough', (c) => {
    const ctr = (n) => ({ name: n, image: `docker.io/library/${n}:1.0` });
    c.f('global.image.variant', 'fips-distroless').f('global.image.registry', 'mirror.example.com').f('global.image.digest', digestValue(r, 'digest'));
    c.f('gatewayProxies.gatewayProxy.podTemplate.extraInitContainers', [ctr('proxy-init')]);
    c.f('gatewayProxies.gatewayProxy.podTemplate.extraContainers', [ctr('proxy-extra'), { name: 'no-image' }]);
    c.f('gloo.deployment.initContainers', [ctr('gloo-init')]);
    c.f('discovery.deployment.initContainers', [ctr('discovery-init')]);
    c.f('ingress.deployment.initContainers', [ctr('ingress-init')]);
    c.f('accessLogger.initContainers', [ctr('logger-init')]);
    c.f('settings.integrations.knative.proxy.initContainers', [ctr('knative-init')]);
    c.f('gateway.certGenJob.initContainers', [ctr('certgen-init')]);
    c.f('gateway.rolloutJob.initContainers', [ctr('rollout-init')]);
    c.f('gateway.cleanupJob.initContainers', [ctr('cleanup-init')]);
    c.f('global.istioSDS.customSidecars', [ctr('custom-sidecar')]);
    for (const t of ['discovery.enabled', 'ingress.enabled', 'accessLogger.enabled', 'settings.integrations.knative.enabled',
      'global.istioSDS.enabled', 'global.glooMtls.enabled', 'gateway.certGenJob.cron.enabled']) c.f(t, true);
  });
  add('ingress-proxy-initContainers-come-from-ingress-deployment', (c) => c.f('ingress.enabled', true)
    .f('ingress.deployment.initContainers', [{ name: 'from-ingress', image: 'busybox:1.36' }])
    .f('ingressProxy.deployment.initContainers', [{ name: 'from-ingress-proxy', image: 'busybox:1.35' }]));
  add('user-init-containers-set', (c) => c.s('gloo.deployment.initContainers[0].name', 'init-a').s('gloo.deployment.initContainers[0].image', 'alpine:3')
    .s('gatewayProxies.gatewayProxy.podTemplate.extraContainers[0].name', 'side').s('gatewayProxies.gatewayProxy.podTemplate.extraContainers[0].image', 'nginx'));
  // precedence and layering
  add('precedence-component-file-global-set', (c) => c.f('gloo.deployment.image.variant', 'standard').s('global.image.variant', 'distroless'));
  add('precedence-set-string-beats-set', (c) => c.s('global.image.variant', 'distroless').ss('global.image.variant', 'standard'));
  add('precedence-later-file-wins', (c) => { c.file({}).f('global.image.variant', 'distroless'); c.file({}).f('global.image.variant', 'fips'); });
  add('precedence-later-file-null-removes-default-tag', (c) => { c.file({}).f('global.image.variant', 'distroless'); c.file({}).f('discovery.deployment.image.tag', null).f('discovery.enabled', true); });
  add('multidoc-values-file', (c) => c.file({ text: 'global:\n  image:\n    variant: distroless\n---\ngloo:\n  deployment:\n    image:\n      tag: 2.0.0\n' }));
  add('image-block-replaced-by-string', (c) => c.s('gloo.deployment.image', 'foo'));
  add('global-image-null', (c) => c.s('global.image', null));
  add('global-image-variant-in-file-digest-in-set', (c) => c.f('global.image.variant', 'fips-distroless').s('global.image.fipsDistrolessDigest', digestValue(r, 'fipsDistrolessDigest')));
  // Behaviours found by comparing the fixtures with the real chart (--real). These cases draw nothing from the
  // random stream, so the inputs of the cases above stay as they were.
  add('repository-fips-bool-ee-discovery-sds', (c) => c.s('global.image.fips', true).s('gloo.deployment.image.repository', 'discovery-ee')
    .s('global.glooMtls.enabled', true).s('global.glooMtls.sds.image.repository', 'sds-ee'));
  add('gateway-proxy-kind-deployment-true', (c) => c.f('gatewayProxies.publicGw.kind.deployment', true));
  add('gateway-proxy-kind-deployment-empty-map', (c) => c.s('gatewayProxies.gatewayProxy.kind.deployment.replicas', null));
  add('gateway-proxy-workloadType-invalid', (c) => c.s('gatewayProxies.gatewayProxy.kind.workloadType', 'Foo'));
  add('gateway-proxy-workloadType-deployment-beats-kind', (c) => c.s('gatewayProxies.gatewayProxy.kind.workloadType', 'Deployment')
    .s('gatewayProxies.gatewayProxy.kind.deployment', false));
  add('certgen-image-string-with-certgen-job-off', (c) => c.s('gateway.certGenJob.image', 'foo').s('gateway.certGenJob.enabled', false));
  add('disabled-gateway-proxy-image-string', (c) => c.s('gatewayProxies.publicGw.disabled', true).s('gatewayProxies.publicGw.podTemplate.image', 'foo'));
  if (E.gp) {
    const gp = (name, fn) => add(`kubeGateway-${name}`, (c) => { c.f('kubeGateway.enabled', true); fn(c); });
    gp('istio-proxy-image-removed', (c) => c.s(`${GG}.istio.istioProxyContainer.image`, null));
    gp('istio-block-removed', (c) => c.s(`${GG}.istio`, null));
    gp('gatewayParameters-removed', (c) => c.s('kubeGateway.gatewayParameters', null));
    if (E.ai) gp('ai-extension-image-removed', (c) => c.s(`${GG}.aiExtension.image`, null));
  }
  return out;
}

// Random combinations -------------------------------------------------------------------------------------------

function fieldValue(r, ep, field) {
  const V = ep;
  switch (field) {
    case 'variant': return r.weighted(FIELD_POOLS.variant);
    case 'fips': return r.weighted(FIELD_POOLS.fips);
    case 'registry': return r.weighted(FIELD_POOLS.registry);
    case 'repository': {
      const pool = [[2, ''], [2, 'gloo-ee'], [1, 'discovery-ee'], [1, 'sds-ee'], [2, 'certgen'], [1, 'custom-repo'], [1, 'gloo'], [1, 'kubectl'], [1, 'caching-ee']];
      if (EPOCHS[ep].nullRepoOk) pool.push([1, null]);
      return r.weighted(pool);
    }
    case 'tag': return r.weighted([[3, `${V}`], [2, ''], [1, 0], [2, null], [2, raw('1.10')], [2, 110], [1, '1.10'], [2, `${V}-distroless`], [1, 'latest']]);
    case 'disableDigest': return r.weighted([[4, true], [3, false], [1, 'false']]);
    default: return digestValue(r, field); // digest fields
  }
}

function randomCase(ep, i, r) {
  const c = new Case(`random-${String(i).padStart(3, '0')}`);
  // A GatewayParameters block removed with `--set <path>=null` (nothing else is then assigned below that path:
  // Helm cannot --set-string into a key that --set made null).
  let removed = null;
  if (EPOCHS[ep].gp && r.chance(0.15)) {
    removed = r.pick([`${GG}.sdsContainer`, `${GG}.istio.istioProxyContainer`, `${GG}.envoyContainer.image`, EPOCHS[ep].ai ? `${GG}.aiExtension` : `${GG}.sdsContainer.image`]);
  }
  const put = (p, v) => { if (!removed || !(p === removed || p.startsWith(`${removed}.`))) c.via(channelFor(r, v), p, v); };
  const blocks = blocksFor(ep);
  let extras = false;
  // global image settings
  if (r.chance(0.7)) put('global.image.variant', fieldValue(r, ep, 'variant'));
  if (r.chance(0.12)) put('global.image.fips', fieldValue(r, ep, 'fips'));
  for (const d of DIGEST_FIELDS) if (r.chance(0.25)) put(`global.image.${d}`, digestValue(r, d));
  if (r.chance(0.12)) put('global.image.disableDigest', fieldValue(r, ep, 'disableDigest'));
  if (r.chance(0.08)) put('global.image.registry', r.weighted([[3, 'mirror.example.com/gloo'], [1, ''], [1, 'my.reg/'], [0.5, null]]));
  if (r.chance(0.08)) put('global.image.tag', r.pick(['9.9.9', '2.0.0-rc1']));
  if (r.chance(0.05)) put('global.image.repository', 'fallback-repo');
  // per-component overrides
  const n = r.weighted([[2, 0], [4, 1], [3, 2], [2, 3], [1, 4]]);
  for (const [, b] of r.sample(blocks, n)) {
    const fields = r.sample(['variant', 'fips', 'registry', 'repository', 'tag', 'digest', 'fipsDigest', 'distrolessDigest', 'fipsDistrolessDigest', 'disableDigest'], r.int(1, 3));
    for (const f of fields) put(`${b.path}.${f}`, fieldValue(r, ep, f));
    if (r.chance(0.8)) for (const [p, v] of b.on) put(p, v);
  }
  // switches
  for (const t of TOGGLES) if (r.chance(0.12)) put(t, r.chance(0.6));
  if (r.chance(0.15)) { put('settings.integrations.knative.enabled', true); put('settings.integrations.knative.version', r.pick(['0.7.0', '0.10.0'])); }
  if (r.chance(0.1)) put('global.istioSDS.customSidecars', [{ name: 'sidecar', image: 'docker.io/istio/proxyv2:1.19.0' }]);
  // GatewayParameters structure
  if (removed) { put('kubeGateway.enabled', true); c.s(removed, null); }
  // extra gateway proxies (the default proxy is never disabled together with extra ones)
  if (r.chance(0.25)) {
    extras = true;
    for (const name of r.sample(['publicGw', 'internalGw', 'edge_proxy'], r.int(1, 2))) {
      const base = `gatewayProxies.${name}`;
      const what = r.pick(['variant', 'tag', 'disabled', 'kind', 'workloadType', 'registry', 'digest', 'plain']);
      if (what === 'variant') put(`${base}.podTemplate.image.variant`, fieldValue(r, ep, 'variant'));
      else if (what === 'tag') put(`${base}.podTemplate.image.tag`, fieldValue(r, ep, 'tag'));
      else if (what === 'disabled') put(`${base}.disabled`, true);
      else if (what === 'kind') c.f(`${base}.kind.deployment`, r.pick([false, null]));
      else if (what === 'workloadType') put(`${base}.kind.workloadType`, 'DaemonSet');
      else if (what === 'registry') put(`${base}.podTemplate.image.registry`, fieldValue(r, ep, 'registry'));
      else if (what === 'digest') put(`${base}.podTemplate.image.${r.pick(DIGEST_FIELDS)}`, digestValue(r, 'digest'));
      else put(`${base}.podTemplate.httpPort`, 8090);
    }
  }
  if (!extras && r.chance(0.05)) put('gatewayProxies.gatewayProxy.disabled', true);
  if (r.chance(0.1)) put('gatewayProxies.gatewayProxy.kind.workloadType', 'DaemonSet');
  // user containers
  if (r.chance(0.15)) {
    const where = r.pick(['gloo.deployment.initContainers', 'gatewayProxies.gatewayProxy.podTemplate.extraContainers',
      'gatewayProxies.gatewayProxy.podTemplate.extraInitContainers', 'gateway.certGenJob.initContainers', 'gateway.rolloutJob.initContainers']);
    put(where, [{ name: 'user', image: 'docker.io/library/busybox:1.36' }]);
  }
  // several -f files now and then: split the assignments of the first file
  maybeSplitFile(c, r);
  return c.done();
}

function generate(ep, seed, count = 80) {
  const cases = curated(ep, seed);
  const r = new Rng((seed ^ hashStr(`${ep}:random`)) >>> 0);
  for (let i = 0; i < count; i++) cases.push(randomCase(ep, i, r));
  const names = new Set();
  for (const c of cases) { if (names.has(c.name)) throw new Error(`duplicate case ${c.name}`); names.add(c.name); }
  return cases;
}

// ---------------------------------------------------------------------------------------------------------------
// Corpus files

const outFile = (ep) => path.join(OUT_DIR, `${ep}.json`);
const readStored = (ep) => readCorpus(outFile(ep));

async function main() {
  const { opt, has, check, selected: epochs, jobs, seedFor } = recorderOptions(Object.keys(EPOCHS), 'epoch');
  fs.mkdirSync(OUT_DIR, { recursive: true });
  let failures = 0;
  const realGit = opt('--real');
  if (realGit) {
    // Validation only, nothing written: render every case with the REAL chart at the epoch's release tag
    // (templates from a local git mirror of solo-io/gloo, values.yaml and Chart.yaml from the fixture) with Helm 3
    // and Helm 4, and compare with the fixture's recorded outcome for the same Helm version: a case agrees when both
    // fail, or both succeed with the same images. stderr text is not compared; for cases where both fail, the first
    // template file each message names is compared and counted separately.
    for (const ep of epochs) {
      const stored = readStored(ep);
      if (!stored) { console.log(`${ep}: no recorded corpus`); failures++; continue; }
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-real-'));
      try {
        const tar = execFileSync('git', ['--git-dir', realGit, 'archive', `v${ep}`, 'install/helm/gloo'], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
        execFileSync('tar', ['-x', '-C', tmp], { input: tar });
        const realDir = path.join(tmp, 'install', 'helm', 'gloo');
        for (const f of ['values.yaml', 'Chart.yaml']) fs.copyFileSync(path.join(ROOT, 'fixtures', 'charts', `gloo-${ep}`, f), path.join(realDir, f));
        const majors = opt('--helm') ? [Number(opt('--helm'))] : [3, 4];
        if (majors.some((m) => !helm.BINARIES[m])) throw new Error(`--helm must be 3 or 4, not ${opt('--helm')}`);
        const tasks = stored.cases.flatMap((c, i) => majors.map((m) => [i, m]));
        const rendered = await pool(tasks, jobs, ([i, m]) => renderCase(m, realDir, stored.cases[i]));
        const firstLine = (o) => `error: ${(o.stderr.split('\n').find((l) => /^Error|level=ERROR|error/.test(l)) || o.stderr.split('\n')[0])}`;
        // template file named by an error message (e.g. gloo/templates/43-gatewayparameters.yaml), if any
        const errFile = (o) => (o.stderr.match(/templates\/[A-Za-z0-9_.-]+\.(?:yaml|tpl)/) || [null])[0];
        for (const m of majors) {
          let agree = 0;
          let errFileDiffers = 0;
          const disagree = [];
          stored.cases.forEach((c, i) => {
            const a = c[`helm${m}`];
            const b = rendered[i * majors.length + majors.indexOf(m)];
            const same = a.status === b.status && (a.status !== 0 || JSON.stringify(a.images) === JSON.stringify(b.images));
            if (same) {
              agree++;
              if (a.status !== 0 && errFile(a) !== errFile(b)) { errFileDiffers++; if (has('--errors')) console.log(`  ${c.name} (helm${m}): both fail; fixture names ${errFile(a)}, real ${errFile(b)}`); }
            } else disagree.push({ name: c.name, fixture: a.status ? firstLine(a) : a.images, real: b.status ? firstLine(b) : b.images });
          });
          console.log(`${ep}: the real chart agrees with the fixture on ${agree} of ${stored.cases.length} cases (Helm ${m}, ${helm.BINARIES[m].version})`
            + `; both fail but name a different template file in ${errFileDiffers}`);
          for (const d of disagree.slice(0, Number(opt('--show') ?? 5))) {
            if (Array.isArray(d.fixture) && Array.isArray(d.real)) {
              // only the entries that differ
              const ks = (e) => JSON.stringify(e);
              const fa = new Set(d.fixture.map(ks)), ra = new Set(d.real.map(ks));
              console.log(`  ${d.name}\n    fixture only ${JSON.stringify(d.fixture.filter((e) => !ra.has(ks(e))))}\n    real only    ${JSON.stringify(d.real.filter((e) => !fa.has(ks(e))))}`);
            } else console.log(`  ${d.name}\n    fixture ${JSON.stringify(d.fixture)}\n    real    ${JSON.stringify(d.real)}`);
          }
          failures += disagree.length;
        }
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    }
    if (failures) process.exitCode = 1;
    return;
  }
  for (const ep of epochs) {
    const stored = readStored(ep);
    const seed = seedFor(stored, DEFAULT_SEED);
    const inputs = generate(ep, seed);
    if (has('--dump')) { for (const c of inputs) console.log(JSON.stringify(c)); continue; }
    const chartRel = `fixtures/charts/gloo-${ep}`;
    const chartDir = path.join(ROOT, chartRel);
    failures += await recordCorpus({
      label: ep, inputs, chartDir, file: outFile(ep), stored, check, jobs, tool: 'record-gloo-renders',
      header: { epoch: ep, chart: chartRel, seed, helm: { 3: helm.BINARIES[3].version, 4: helm.BINARIES[4].version } },
    });
  }
  if (check && failures) process.exitCode = 1;
}

await main();
