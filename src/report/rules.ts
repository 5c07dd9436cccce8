// The help text of every diagnostic code a report can carry. SARIF consumers (code scanning) show a rule's
// help beside each result, so each code gets one sentence on what it means and one on how to fix it. Codes
// that are not listed (a newer library, a chart schema's keyword) still get a rule, with generic help.

/** What a report says about one diagnostic code. */
export interface RuleHelp {
  /** One line: what the code means. */
  summary: string;
  /** How to fix it. */
  help: string;
}

const yaml = (summary: string): RuleHelp => ({ summary, help: 'Fix the YAML at the reported line and column; Helm refuses the file as it is.' });
const set = (summary: string): RuleHelp => ({ summary, help: 'Correct the --set-family argument; `helm template` would refuse it with the same message.' });

const coalesce = (summary: string): RuleHelp => ({ summary, help: 'Helm prints a coalesce warning here and ignores the value: give it the same type as the chart default.' });

const RULES: Readonly<Record<string, RuleHelp>> = {
  YAML_SYNTAX: yaml('The YAML does not parse.'),
  YAML_INVALID_UTF8: { summary: 'The file holds bytes that are not UTF-8.', help: 'Save the file as UTF-8 (Helm reads nothing else); a binary file is not a values file.' },
  YAML_CONTROL_CHARACTER: { summary: 'The file holds a control character (a binary file, a NUL byte).', help: 'Remove the control character or pass a text values file; Helm refuses binary input.' },
  YAML_ALIAS_BOMB: yaml('Too much of the document comes from aliases (an alias bomb).'),
  YAML_UNKNOWN_ANCHOR: yaml('An alias (*name) refers to an anchor that is not defined.'),
  YAML_RECURSIVE_ALIAS: yaml('An alias is used inside its own anchor.'),
  YAML_MERGE_NOT_MAP: yaml('A merge key (<<) merges something that is not a map.'),
  YAML_BAD_TAG_VALUE: yaml('An explicit tag does not fit its value (e.g. !!int abc).'),
  YAML_TOO_DEEP: yaml('The document nests deeper than the limit.'),
  YAML_INVALID_KEY: yaml('A key Helm cannot use: null, a map or a list as a key.'),
  YAML_UNSUPPORTED_NUMBER: yaml('.inf or .nan as a value, which Helm cannot turn into JSON.'),
  YAML_DOCUMENT_SEPARATOR: yaml('Text after --- on a document separator line (Helm 4 refuses it).'),
  VALUES_NOT_A_MAP: { summary: 'The values document is not a map.', help: 'A values file must be a YAML map at the top level (key: value lines).' },
  VALUES_TOO_LARGE: { summary: 'The values file is over the size limit.', help: 'Split the file; values files of this size are refused to stay fast and safe.' },
  SET_SYNTAX: set('A --set argument does not parse.'),
  SET_TYPE_CONFLICT: set('A --set argument uses a key both as a value and as a map or list.'),
  SET_INDEX: set('A --set list index is negative or too large.'),
  SET_JSON: set('A --set-json value is not valid JSON.'),
  SET_TOO_LARGE: set('A --set argument is over the size limit.'),
  SUBCHART_TYPE_MISMATCH: { summary: "A subchart's key holds something that is not a map.", help: 'Give the subchart key a map of values (or remove it).' },
  CHART_MISSING: { summary: 'The chart is missing or has no Chart.yaml.', help: 'Point --chart at a chart directory or a packaged .tgz.' },
  CHART_INVALID: { summary: 'The chart metadata is invalid.', help: 'Fix Chart.yaml as `helm lint` would ask.' },
  CHART_DEPENDENCY_MISSING: { summary: 'A dependency in Chart.yaml is not under charts/.', help: 'Run `helm dependency build` or add the subchart under charts/.' },
  CHART_ARCHIVE: { summary: 'The packaged chart is not a valid archive.', help: 'Package the chart again with `helm package`.' },
  CHART_TOO_LARGE: { summary: 'The packaged chart is larger than Helm accepts.', help: 'Remove large files from the chart.' },
  CHART_IMPORT: { summary: 'import-values in Chart.yaml cannot be applied.', help: 'Fix the import-values entry of the dependency.' },
  CHART_NOT_REGULAR_FILE: { summary: 'A chart path or a file in a chart is not a regular file (a named pipe, socket or device).', help: 'Replace it with a regular file; a FIFO is never read, since reading it would block forever.' },
  CHART_READ_ERROR: { summary: 'The file system refused to read a chart file (a symlink loop, permissions).', help: 'Fix the link or the permissions named in the message.' },
  INVALID_INPUT: { summary: 'The input cannot be read as values.', help: 'Pass a readable values file.' },
  'chart-version-assumed': { summary: 'No chart version was given, so the current rules were assumed.', help: 'Give --chart-version (or chartVersion in .helm-image-variant.yaml) to check against the rules of the version you deploy.' },
  'chart-version-unsupported': { summary: 'The chart version is outside the versions this tool knows.', help: 'Use a supported chart version or upgrade helm-image-variant.' },
  'chart-version-invalid': { summary: 'The chart version is not a semantic version.', help: 'Give a version such as 1.18.0.' },
  'profile-unknown': { summary: 'The profile is not known.', help: 'Use a built-in profile or a profile file.' },
  'render-limit': { summary: 'The chart could not be rendered within the renderer\'s budgets (time, output, depth).', help: 'A template loops, recurses or prints more than any real release does; the message names the budget. Raise it only for a chart you trust.' },
  'render-failed': { summary: '`helm template` would fail on these values.', help: 'Fix the value named in the message; the chart cannot render with it.' },
  'workloads-unknown': { summary: 'Generic mode: which workloads render the images is unknown.', help: 'Use a profile for the chart to know its workloads.' },
  'image-not-rendered': { summary: 'An image block could not be rendered.', help: 'Fix the image block named in the message.' },
  'image-not-composed': { summary: 'Generic mode: an image block that does not compose into a reference a runtime could pull.', help: "Fix the block's registry, repository, tag and digest, or render the chart's templates for its exact image." },
  'license-key-missing': { summary: 'No licence key in the values: the chart refuses to render without one.', help: 'Pass the key at install (helm install ... --set license_key=...); --require-license makes this an error.' },
  'invalid-option': { summary: 'An option of the library call has the wrong type.', help: 'Pass the option as the message says (e.g. chartVersion as a string).' },
  'value-type': {
    summary: "A value of another type than the chart's values reference gives it (per chart version): an error where helm template fails with it (recorded with the real Helm), a warning where the chart coerces or prints it.",
    help: 'Write the value in the type the message names (a map with enabled:, a boolean, an integer), or remove it for the chart default.',
  },
  'unknown-key': {
    summary: "A key the chart at this version neither documents nor reads: Helm ignores it and the chart's default applies (a misspelt or misnested key, or one removed in an earlier release).",
    help: 'Use the suggested key (the nearest documented one), move it to where the chart reads it, or delete it. Keys under values the chart passes through (annotations, labels, extraEnv, kubeResourceOverride, pod specs) are never reported.',
  },
  'field-not-string': { summary: 'The chart prints a string unquoted into a resource, where YAML reads it back as a number or boolean.', help: 'Use a value that YAML reads as a string even unquoted (e.g. tag 1.10.0 instead of 1.10).' },
  'globals-skipped': coalesce("global is not a map, so Helm skips the globals."),
  'globals-conflict': coalesce('A global key is a map in one place and not in another; Helm skips it.'),
  'globals-key-is-table': coalesce('A global key is a map where a value was expected; Helm skips it.'),
  'values-skipped-not-table': coalesce('A subchart value is skipped because it is not a map.'),
  'values-table-overwritten': coalesce('A map in the chart defaults is replaced by a value that is not a map.'),
  'values-non-table-ignored': coalesce('A value that is not a map is ignored because the chart defaults hold a map there.'),
  'variant-unknown': { summary: 'global.image.variant (or an image variant) is not one of standard, fips, distroless, fips-distroless.', help: 'Use one of the four variants; the chart silently deploys standard images for any other string.' },
  'variant-case-mismatch': { summary: 'A variant written in the wrong case (the chart compares exactly).', help: 'Write the variant in lower case, e.g. distroless.' },
  'variant-not-string': { summary: 'A variant that is not a string; helm template fails comparing it.', help: 'Quote the variant as a string.' },
  'variant-unavailable': { summary: 'The variant is not published for this chart version or image tag.', help: 'Use a variant the chart version publishes, or a chart version that publishes it.' },
  'variant-not-applied': { summary: 'The variant is set but the chart does not apply it to this image.', help: 'Set the variant where the chart reads it, or expect the standard image here.' },
  'fips-deprecated': { summary: 'fips: true is the older switch; newer charts use the variant.', help: 'Use global.image.variant: fips (or fips-distroless).' },
  'fips-enterprise-only': { summary: 'FIPS images are published for the enterprise chart only.', help: 'Use the enterprise chart for FIPS images, or a non-FIPS variant.' },
  'fips-not-boolean': { summary: 'fips is not a boolean.', help: 'Write fips: true or fips: false.' },
  'tag-not-string': { summary: 'An image tag that YAML reads as a number (1.10 becomes 1.1).', help: 'Quote the tag, e.g. tag: "1.10".' },
  'tag-double-suffix': { summary: 'The tag already carries a variant suffix, and the chart adds another.', help: 'Write the plain version as the tag and choose the variant with variant:.' },
  'digest-dropped': { summary: 'A digest the chart does not print for this variant or version.', help: 'Remove the digest, or pin the image with a digest the chart uses.' },
  'digest-stale': { summary: 'A digest pinned beside a changed tag or variant points at another image.', help: 'Update or remove the digest when changing the tag or the variant.' },
  'image-block-not-map': { summary: 'An image block is not a map; helm template fails merging it.', help: 'Write the image block as a map (registry, repository, tag, ...).' },
  'image-field-type': { summary: 'An image field of the wrong type.', help: 'Image fields are strings (quote them) and switches are booleans.' },
  'pull-policy-invalid': { summary: 'An imagePullPolicy Kubernetes refuses.', help: 'Use Always, IfNotPresent or Never.' },
  'reference-invalid': { summary: 'The image reference the chart would print is not a valid reference.', help: 'Fix the registry, repository, tag or digest named in the message.' },
  'arch-unsupported': { summary: 'Distroless images are not published for this node architecture.', help: 'Use a standard or fips variant on those nodes.' },
  'chart-schema': { summary: "The values break the chart's own values.schema.json; Helm refuses them.", help: 'Fix the value as the message says; helm install and helm template check this schema.' },
  'chart-schema-invalid': { summary: "The chart's values.schema.json is not a valid schema.", help: 'Fix the chart schema; Helm refuses to use it.' },
  'images-not-modelled': { summary: 'An enabled subchart whose images the profile does not describe.', help: 'Its images are not listed or checked; describe the subchart in a profile to include them.' },
  'profile-invalid': { summary: 'The profile file does not follow the profile format.', help: 'Fix the profile as schemas/profile.schema.json and docs/profiles.md describe.' },
  'values-not-a-map': { summary: 'The values given to the validator are not a map.', help: "Pass a map of values, as Helm's .Values is." },
  'values-too-deep': { summary: 'The values nest deeper than the limit; nothing was validated.', help: 'Flatten the values; real values files nest a dozen levels.' },
  'int64-precision': { summary: 'An integer beyond 2^53 cannot be held exactly by JavaScript numbers.', help: 'Quote the value if it is meant as a string.' },
};

/** Help for a diagnostic code: the catalogue's entry, or generic help naming the code. */
export function ruleHelp(code: string): RuleHelp {
  return Object.prototype.hasOwnProperty.call(RULES, code)
    ? RULES[code]!
    : { summary: `Finding ${code}.`, help: 'See the message for what was found and what is expected; docs/cli.md lists the codes.' };
}
