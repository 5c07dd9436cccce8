// Command-line flags as one table per command: the parser, --help and docs/cli.md all follow it. Helm's
// values flags keep Helm's forms: -f/--values splits on commas (a CSV list, as Helm's StringSlice does),
// the --set family takes each argument whole and may repeat.
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { nearest } from './near.js';

/** One flag of a command. */
export interface FlagSpec {
  name: string;
  short?: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** Shown in --help as `--name VALUE`. */
  value?: string;
  /** Allowed values, checked when parsed. */
  choices?: readonly string[];
  help: string;
}

const DEFAULTS_FLAGS: FlagSpec[] = [
  { name: 'chart', type: 'string', value: 'PATH', help: 'chart directory or packaged .tgz whose values.yaml (and subcharts, Chart.yaml version, values.schema.json) are the defaults' },
  { name: 'profile', type: 'string', value: 'NAME|PATH', help: 'built-in profile (gloo, gloo-ee, generic) or a profile file (YAML or JSON); its defaults at --chart-version are used when there is no --chart' },
  { name: 'chart-version', type: 'string', value: 'VERSION', help: "the chart version whose rules apply (default: --chart's own version, or its bundled gloo's; without --chart, the current rules)" },
  { name: 'values', short: 'f', type: 'string', multiple: true, value: 'FILES', help: 'values files layered over the defaults, in order (comma-separated or repeated, as Helm)' },
  { name: 'set', type: 'string', multiple: true, value: 'K=V', help: 'set values as helm --set does (repeatable)' },
  { name: 'set-string', type: 'string', multiple: true, value: 'K=V', help: 'set STRING values as helm --set-string does' },
  { name: 'set-json', type: 'string', multiple: true, value: 'K=JSON', help: 'set JSON values as helm --set-json does' },
  { name: 'set-file', type: 'string', multiple: true, value: 'K=PATH', help: "set values from files' contents as helm --set-file does" },
  { name: 'set-literal', type: 'string', multiple: true, value: 'K=V', help: 'set a literal STRING value as helm --set-literal does' },
  { name: 'helm-version', type: 'string', value: '3|4', choices: ['3', '4'], help: 'read values as Helm 4.1 (default) or Helm 3.17 does' },
  { name: 'require-license', type: 'boolean', help: "a missing gloo-ee license_key is an error, as the chart fails (default: an info; the key is passed at install)" },
];

const HELP: FlagSpec = { name: 'help', short: 'h', type: 'boolean', help: 'show this help' };

/** The commands and their flags. */
export const COMMANDS = {
  validate: {
    usage: 'helm-image-variant validate [options] [FILES or GLOBS...]',
    summary: 'check values files: each file is layered over the chart defaults and any -f files, then validated',
    positionals: true,
    flags: [
      ...DEFAULTS_FLAGS,
      { name: 'format', type: 'string', value: 'FORMAT', choices: ['text', 'json', 'sarif', 'github'], help: 'report format: text (default), json, sarif (SARIF 2.1.0), github (Actions annotations)' },
      { name: 'strict', type: 'boolean', help: 'exit 1 on warnings too' },
      { name: 'verbose', type: 'boolean', help: 'show diagnostics of severity info in text and github reports' },
      { name: 'color', type: 'boolean', help: 'colour the text report even when stdout is not a terminal' },
      { name: 'no-color', type: 'boolean', help: 'never colour the text report (as NO_COLOR does)' },
      { name: 'config', type: 'string', value: 'PATH', help: 'configuration file (default: .helm-image-variant.yaml in the current directory, when present)' },
      { name: 'no-config', type: 'boolean', help: 'ignore .helm-image-variant.yaml' },
      { name: 'release-name', type: 'string', value: 'NAME', help: 'the release name the chart is rendered and resolved with, as in helm template NAME (default gloo)' },
      { name: 'namespace', short: 'n', type: 'string', value: 'NAMESPACE', help: 'the release namespace the chart is rendered with (default "default")' },
      HELP,
    ] as FlagSpec[],
  },
  images: {
    usage: 'helm-image-variant images [options] [FILES or GLOBS...]',
    summary: 'list every image a release deploys, computed like helm template from the defaults, -f files and --set flags; with FILES, one release per file',
    positionals: true,
    flags: [
      ...DEFAULTS_FLAGS,
      { name: 'release-name', type: 'string', value: 'NAME', help: 'the release name workload names derive from, as in helm template NAME (default gloo)' },
      { name: 'output', short: 'o', type: 'string', value: 'FORMAT', choices: ['table', 'list', 'json', 'copy', 'skopeo'], help: 'table (default), list (one reference per line, unique and sorted), json (with workloads and variant), copy (SOURCE DESTINATION lines, needs --mirror) or skopeo (a skopeo sync YAML file)' },
      { name: 'mirror', type: 'string', value: 'REGISTRY[/PREFIX]', help: 'print a values overlay that makes the release pull every image from this mirror (pass it as the last -f); with -o copy, the destinations' },
      { name: 'mirror-layout', type: 'string', value: 'keep|flatten', choices: ['keep', 'flatten'], help: 'keep each source path under the mirror (default: quay.io/solo-io/gloo -> MIRROR/solo-io/gloo) or flatten it to its last component (MIRROR/gloo)' },
      { name: 'output-file', type: 'string', value: 'PATH', help: 'write the --mirror overlay to PATH instead of stdout' },
      { name: 'allow-unmovable', type: 'boolean', help: 'exit 0 even when some images cannot be moved by values (they are still listed on stderr)' },
      { name: 'check', type: 'boolean', help: "ask each image's registry (or, with --mirror, the mirror) for its manifest: missing tags, digest mismatches, missing platforms; the only option that uses the network" },
      { name: 'platform', type: 'string', multiple: true, value: 'OS/ARCH', help: 'with --check: a platform every image must have (repeatable; default linux/amd64)' },
      { name: 'ca-file', type: 'string', value: 'PATH', help: "with --check: PEM certificates to trust besides the system's (a private registry's CA)" },
      { name: 'insecure', type: 'boolean', help: 'with --check: plain HTTP to registries on localhost (never elsewhere)' },
      { name: 'all-variants', type: 'boolean', help: 'list each image in every variant (standard, fips, distroless, fips-distroless) the chart version publishes, for mirrors that serve several clusters' },
      HELP,
    ] as FlagSpec[],
  },
  diff: {
    usage: 'helm-image-variant diff [release flags] (--to [release flags] | --base REV)',
    summary: 'compare the images of two releases: flags before --to describe the first, flags after it change the second (or --base REV: the same files at a git revision); exit 1 when images change',
    positionals: false,
    flags: [
      ...DEFAULTS_FLAGS,
      { name: 'release-name', type: 'string', value: 'NAME', help: 'the release name workload names derive from, as in helm template NAME (default gloo)' },
      { name: 'base', type: 'string', value: 'REV', help: 'the first release is the same flags with every file read at this git revision (e.g. origin/main in a pull request)' },
      { name: 'output', short: 'o', type: 'string', value: 'FORMAT', choices: ['text', 'json', 'markdown'], help: 'text (default), json, or markdown (a pull-request comment)' },
      HELP,
    ] as FlagSpec[],
  },
  template: {
    usage: 'helm-image-variant template [NAME] CHART [options]',
    summary: 'render a chart as `helm template [NAME] CHART` prints it, offline (release name default release-name)',
    positionals: true,
    flags: [
      ...DEFAULTS_FLAGS.filter((f) => ['values', 'set', 'set-string', 'set-json', 'set-file', 'set-literal', 'helm-version'].includes(f.name)),
      { name: 'namespace', short: 'n', type: 'string', value: 'NAMESPACE', help: 'the release namespace (default "default")' },
      { name: 'kube-version', type: 'string', value: 'VERSION', help: 'Kubernetes version for .Capabilities (default v1.35.0 with Helm 4, v1.32.0 with Helm 3)' },
      { name: 'api-versions', short: 'a', type: 'string', multiple: true, value: 'VERSIONS', help: 'extra API versions for .Capabilities (comma-separated or repeated)' },
      { name: 'include-crds', type: 'boolean', help: "include the charts' crds/ in the output" },
      { name: 'is-upgrade', type: 'boolean', help: 'set .Release.IsUpgrade instead of .Release.IsInstall' },
      { name: 'show-only', short: 's', type: 'string', multiple: true, value: 'PATH', help: 'only show manifests rendered from these templates (a glob per flag or comma-separated, as Helm)' },
      { name: 'skip-tests', type: 'boolean', help: 'leave test hooks out of the output' },
      { name: 'no-hooks', type: 'boolean', help: 'leave hooks out of the output' },
      { name: 'output-dir', type: 'string', value: 'DIR', help: 'write each template to DIR/<chart>/templates/... instead of stdout (CRDs with --include-crds too), as Helm' },
      { name: 'release-name', type: 'boolean', help: 'with --output-dir: write under DIR/NAME/' },
      { name: 'skip-crds', type: 'boolean', help: 'accepted as Helm accepts it: it changes nothing `template` prints (CRDs are printed only with --include-crds)' },
      { name: 'skip-schema-validation', type: 'boolean', help: "do not check values against the charts' values.schema.json" },
      HELP,
    ] as FlagSpec[],
  },
  schema: {
    usage: 'helm-image-variant schema --profile NAME|PATH [--chart-version VERSION] [--strict-keys]',
    summary: "print the values JSON Schema (draft-07) of a profile, to ship as a chart's values.schema.json",
    positionals: false,
    flags: [
      { name: 'profile', type: 'string', value: 'NAME|PATH', help: 'built-in profile (gloo, gloo-ee) or a profile file (YAML or JSON)' },
      { name: 'chart-version', type: 'string', value: 'VERSION', help: 'type every documented value of this chart version (gloo 1.16 and later; gloo-ee: its chart version); without it only the image blocks are typed' },
      { name: 'strict-keys', type: 'boolean', help: "close the chart's documented objects (additionalProperties: false): a misspelt key fails helm install" },
      HELP,
    ] as FlagSpec[],
  },
} as const;

/** A command's name. */
export type CommandName = keyof typeof COMMANDS;

/** Parsed flags: strings, string lists and booleans by flag name. */
export interface ParsedArgs {
  flags: Record<string, string | string[] | boolean | undefined>;
  positionals: string[];
}

/** Splits a -f argument as Helm's StringSlice does: a CSV record (quotes group commas, "" escapes a quote). */
export function splitCsv(arg: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < arg.length; i++) {
    const c = arg[i]!;
    if (quoted) {
      if (c === '"' && arg[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && atStart) {
      quoted = true;
      atStart = false;
    } else if (c === ',') {
      out.push(field);
      field = '';
      atStart = true;
    } else {
      field += c;
      atStart = false;
    }
  }
  if (quoted) throw new UsageError(`invalid argument ${JSON.stringify(arg)} for "-f, --values" flag: extraneous or missing " in quoted-field`);
  out.push(field);
  return out;
}

/** Parses a command's arguments against its flag table; every mistake is a {@link UsageError}. */
export function parseCommandArgs(command: CommandName, args: string[]): ParsedArgs {
  const spec = COMMANDS[command];
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const f of spec.flags) {
    options[f.name] = { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(unknownFlagMessage(err.message, spec.flags, args), command);
    throw new UsageError(err.message.split('\n')[0]!, command);
  }
  const flags = { ...parsed.values } as ParsedArgs['flags'];
  // a repeated single-valued flag would silently keep its last value: say so instead
  const counts = new Map<string, number>();
  for (const t of parsed.tokens ?? []) if (t.kind === 'option') counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  for (const f of spec.flags) {
    const v = flags[f.name];
    if (f.type === 'string' && !f.multiple && (counts.get(f.name) ?? 0) > 1) throw new UsageError(`--${f.name} given more than once`, command);
    if (f.choices && typeof v === 'string' && !f.choices.includes(v)) {
      throw new UsageError(`--${f.name} must be one of ${f.choices.join(', ')}; got ${JSON.stringify(v)}`, command);
    }
  }
  if (Array.isArray(flags.values)) flags.values = flags.values.flatMap(splitCsv).filter((f) => f !== '');
  if (!spec.positionals && parsed.positionals.length && !flags.help) {
    throw new UsageError(`${command} takes no file arguments (got ${JSON.stringify(parsed.positionals[0])}); pass values files with -f`, command);
  }
  return { flags, positionals: parsed.positionals };
}

/**
 * The message for a flag the command does not have: Node's own text has unbalanced quotes and no suggestion,
 * so it is rewritten here with the near miss (`--profil` -> `--profile`, `-F` -> `-f`) and how to pass a file
 * whose name starts with a dash.
 */
export function unknownFlagMessage(nodeMessage: string, flags: readonly FlagSpec[], args: readonly string[] = []): string {
  const m = /^Unknown option '([^']*)'/.exec(nodeMessage);
  if (!m) return nodeMessage.split('\n')[0]!;
  const flag = m[1]!;
  let near: string | undefined;
  if (flag.startsWith('--')) {
    const name = nearest(flag.slice(2), flags.map((f) => f.name));
    if (name !== undefined) near = `--${name}`;
  } else {
    // a long name written with one dash (-profile) reaches here as its first letter: judge the word written
    const word = args.find((a) => a.startsWith(flag) && !a.startsWith('--'));
    const long = word && word.length > 2 ? nearest(word.slice(1).split('=')[0]!, flags.map((f) => f.name)) : undefined;
    // one letter has too little to go on: only a short flag in the other case is suggested
    const short = flags.find((f) => f.short !== undefined && f.short.toLowerCase() === flag.slice(1).toLowerCase());
    if (long !== undefined) near = `--${long}`;
    else if (short) near = `-${short.short!}`;
  }
  return `Unknown option '${flag}'${near ? `; did you mean '${near}'?` : '.'} (A file whose name starts with '-' goes after '--', as in: -- ${flag})`;
}

/** The --help text of a command, from its flag table. */
export function commandHelp(command: CommandName): string {
  const spec = COMMANDS[command];
  const rows = spec.flags.map((f) => [`${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.value ? ` ${f.value}` : ''}`, f.help]);
  const width = Math.max(...rows.map((r) => r[0]!.length));
  return [
    `Usage: ${spec.usage}`,
    '',
    `${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`,
    '',
    'Options:',
    ...rows.map(([a, b]) => `  ${a!.padEnd(width)}  ${b}`),
    '',
    command === 'diff'
      ? 'Exit codes: 0 the images are the same; 1 images change; 2 usage error, unreadable input, or a release that cannot be resolved.'
      : 'Exit codes: 0 no problems; 1 problems found (or warnings with --strict); 2 usage error or unreadable input.',
    '',
  ].join('\n');
}

/** The top-level --help text. */
export function mainHelp(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  const width = Math.max(...names.map((n) => n.length));
  return [
    'Usage: helm-image-variant <command> [options]',
    '',
    'Read Helm values exactly as Helm 4 (or 3) does, validate global.image.variant and list the images a chart deploys.',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n].summary}`),
    '',
    'Options:',
    '  -h, --help     show help (also: helm-image-variant <command> --help)',
    '  -V, --version  print the version',
    '',
  ].join('\n');
}
