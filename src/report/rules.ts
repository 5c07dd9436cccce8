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
  INVALID_INPUT: { summary: 'The input cannot be read as values.', help: 'Pass a readable values file.' },
  'chart-version-assumed': { summary: 'No chart version was given, so the current rules were assumed.', help: 'Give --chart-version (or chartVersion in .helm-image-variant.yaml) to check against the rules of the version you deploy.' },
  'chart-version-unsupported': { summary: 'The chart version is outside the versions this tool knows.', help: 'Use a supported chart version or upgrade helm-image-variant.' },
  'chart-version-invalid': { summary: 'The chart version is not a semantic version.', help: 'Give a version such as 1.18.0.' },
  'profile-unknown': { summary: 'The profile is not known.', help: 'Use a built-in profile or a profile file.' },
  'render-failed': { summary: '`helm template` would fail on these values.', help: 'Fix the value named in the message; the chart cannot render with it.' },
  'workloads-unknown': { summary: 'Generic mode: which workloads render the images is unknown.', help: 'Use a profile for the chart to know its workloads.' },
  'image-not-rendered': { summary: 'An image block could not be rendered.', help: 'Fix the image block named in the message.' },
  'globals-skipped': coalesce("global is not a map, so Helm skips the globals."),
  'globals-conflict': coalesce('A global key is a map in one place and not in another; Helm skips it.'),
  'globals-key-is-table': coalesce('A global key is a map where a value was expected; Helm skips it.'),
  'values-skipped-not-table': coalesce('A subchart value is skipped because it is not a map.'),
  'values-table-overwritten': coalesce('A map in the chart defaults is replaced by a value that is not a map.'),
  'values-non-table-ignored': coalesce('A value that is not a map is ignored because the chart defaults hold a map there.'),
  'int64-precision': { summary: 'An integer beyond 2^53 cannot be held exactly by JavaScript numbers.', help: 'Quote the value if it is meant as a string.' },
};

/** Help for a diagnostic code: the catalogue's entry, or generic help naming the code. */
export function ruleHelp(code: string): RuleHelp {
  return Object.prototype.hasOwnProperty.call(RULES, code)
    ? RULES[code]!
    : { summary: `Finding ${code}.`, help: 'See the message for what was found and what is expected; docs/cli.md lists the codes.' };
}
