// The cases of scripts/record-render-failures.mjs: `helm template` runs of the real charts of
// ../shared/reference/charts (and the materialised gloo-ee charts) that fail, or that use the template command's
// output flags, each recorded with Helm 3.17.1 and 4.1.4. `trace` is what validateValues should say about the
// failure: the values path it is traced to ('' = not traceable, see docs/rendering.md), and `merged` when another
// error at that value already says it (one diagnostic).
//
// Every case is `helm template <release> <chart> [-f f0.yaml] [args…]`, run in a temp dir holding f0.yaml.
export const CASES = [
  // --- validate: render failures at the value they are traced to ---------------------------------------------
  { id: 'trace/harbor-required-trust-ca', chart: 'harbor', values: 'internalTLS:\n  enabled: true\n  certSource: manual\n', trace: 'internalTLS.trustCa' },
  { id: 'trace/jenkins-required-ip-cidr', chart: 'jenkins', values: 'networkPolicy:\n  enabled: true\n  externalAgents:\n    except: [10.0.0.1/32]\n', trace: 'networkPolicy.externalAgents.ipCIDR' },
  { id: 'trace/cluster-autoscaler-range-map-required', chart: 'cluster-autoscaler', values: 'autoDiscovery:\n  clusterName: c1\nextraVolumeSecrets:\n  creds:\n    name: creds\n', trace: 'extraVolumeSecrets.creds.mountPath' },
  { id: 'trace/cluster-autoscaler-fail-untraced', chart: 'cluster-autoscaler', values: 'autoDiscovery:\n  clusterName: c1\npodDisruptionBudget:\n  minAvailable: 1\n  maxUnavailable: 1\n', trace: '' },
  { id: 'trace/gloo-range-list-required', chart: 'gloo-v1.19.10', values: 'global:\n  configMaps:\n  - data:\n      a: b\n', trace: 'global.configMaps[0].name' },
  { id: 'trace/gloo-field-of-string', chart: 'gloo-v1.19.10', values: 'gateway:\n  certGenJob: "yes"\n', trace: 'gateway.certGenJob.kubeResourceOverride' },
  { id: 'trace/gloo-image-not-a-map', chart: 'gloo-v1.17.0', values: 'gloo:\n  deployment:\n    image: quay.io/solo-io/gloo:1.17.0\n', trace: 'gloo.deployment.image', merged: 'image-block-not-map' },
  { id: 'trace/gloo-ee-licence-required', chart: 'gloo-ee:1.17.0', values: 'global:\n  image:\n    registry: r.example\n', licence: true },
  { id: 'trace/gloo-ee-licence-and-other', chart: 'gloo-ee:1.17.0', values: 'global:\n  configMaps:\n  - data:\n      a: b\n', trace: 'global.configMaps[0].name', licence: true },
  // --- YAML errors of rendered documents, in go-yaml's words --------------------------------------------------
  ...[
    ['mapping-value', 'a: b'],
    ['flow-sequence', '[1'],
    ['unknown-anchor', '*x'],
    ['anchor-then-key', '&a b: c'],
    ['quoted-unterminated', '"x'],
    ['single-quoted-unterminated', "'x"],
    ['percent', '%x'],
    ['at-sign', '@x'],
    ['backquote', '`x'],
    ['block-entry', '- x'],
    ['tag', '!x y: z'],
    ['literal', '|'],
    ['colon-end', 'x:'],
    ['question', '? x'],
  ].map(([name, v]) => ({ id: `yaml/cluster-autoscaler-${name}`, chart: 'cluster-autoscaler', values: 'autoDiscovery:\n  clusterName: c1\n', args: ['--set-string', `replicaCount=${v}`] })),
  { id: 'yaml/cluster-autoscaler-multiline-indent', chart: 'cluster-autoscaler', values: 'autoDiscovery:\n  clusterName: c1\nreplicaCount: "1\\n  x: y\\n z"\n' },
  { id: 'yaml/cluster-autoscaler-flow-mapping', chart: 'cluster-autoscaler', values: 'autoDiscovery:\n  clusterName: c1\nreplicaCount: "{a"\n' },
  { id: 'yaml/cluster-autoscaler-tab', chart: 'cluster-autoscaler', values: 'autoDiscovery:\n  clusterName: c1\nreplicaCount: "1\\n\\tx: y"\n' },
  { id: 'yaml/gloo-discovery-replicas-list-item', chart: 'gloo-v1.19.10', args: ['--set-string', 'discovery.deployment.replicas=a: [b'] },
  // --- template flags --------------------------------------------------------------------------------------------
  { id: 'flags/dapr-skip-tests', chart: 'dapr', args: ['--skip-tests'], release: 'dapr' },
  { id: 'flags/dapr-no-hooks', chart: 'dapr', args: ['--no-hooks'], release: 'dapr' },
  { id: 'flags/gloo-no-hooks', chart: 'gloo-v1.19.10', args: ['--no-hooks'] },
  { id: 'flags/gloo-skip-crds', chart: 'gloo-v1.19.10', args: ['--skip-crds'] },
  { id: 'flags/gloo-skip-crds-include-crds', chart: 'gloo-v1.17.0', args: ['--skip-crds', '--include-crds'] },
  { id: 'flags/vault-skip-tests', chart: 'vault', args: ['--skip-tests'] },
  { id: 'flags/gloo-output-dir', chart: 'gloo-v1.19.10', args: ['--output-dir', 'out'] },
  { id: 'flags/dapr-output-dir-crds-release-name', chart: 'dapr', args: ['--output-dir', 'out/', '--release-name', '--include-crds', '--skip-tests'], release: 'dapr' },
  { id: 'flags/vault-output-dir-no-hooks', chart: 'vault', args: ['--output-dir', './o', '--no-hooks'] },
  { id: 'flags/gloo-output-dir-show-only', chart: 'gloo-v1.19.10', args: ['--output-dir', 'out', '--show-only', 'templates/1-gloo-deployment.yaml'] },
  // a library chart (bitnami's common) is refused before its dependencies or values' coalescing; a values file that
  // does not parse is reported before it
  { id: 'flags/bitnami-common-library', chart: 'bitnami-rabbitmq/charts/common', release: 'c' },
  { id: 'flags/bitnami-common-library-bad-values', chart: 'bitnami-rabbitmq/charts/common', release: 'c', values: 'x: [\n' },
  { id: 'flags/bitnami-rabbitmq-schema-failure', chart: 'bitnami-rabbitmq', values: 'replicaCount: many\nauth:\n  password: p\n  erlangCookie: c\n' },
  { id: 'flags/bitnami-rabbitmq-skip-schema-validation', chart: 'bitnami-rabbitmq', values: 'replicaCount: many\nauth:\n  password: p\n  erlangCookie: c\n', args: ['--skip-schema-validation'] },
];
