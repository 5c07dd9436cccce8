/** A place in a source text: 1-based line and column, pointing at the value (for a map or list: at its key). */
export interface SourceLocation {
  /** The file name as given (a values file), or the flag that set the value: `--set`, `--set-string`, ... */
  file: string;
  line: number;
  column: number;
}

/** Severity of a {@link Diagnostic}. */
export type Severity = 'error' | 'warning' | 'info';

/** One finding about values: stable `code`, where it is, and what to do about it. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** Helm dotted path, e.g. `global.image.variant` (empty for the whole document). */
  path: string;
  /** JSON pointer to the same place, e.g. `/global/image/variant`. */
  pointer: string;
  location?: SourceLocation;
  suggestion?: string;
  /** The exact line the chosen Helm version prints on stderr for this, where Helm prints one. */
  helmOutput?: string;
}

/**
 * Stable codes of {@link ValuesError}. Each names one way Helm (or this library's safety limits) refuses
 * input; the message carries Helm's own text where Helm has one.
 */
export type ValuesErrorCode =
  | 'YAML_SYNTAX'
  | 'YAML_INVALID_UTF8'
  | 'YAML_CONTROL_CHARACTER'
  | 'YAML_ALIAS_BOMB'
  | 'YAML_UNKNOWN_ANCHOR'
  | 'YAML_RECURSIVE_ALIAS'
  | 'YAML_MERGE_NOT_MAP'
  | 'YAML_BAD_TAG_VALUE'
  | 'YAML_TOO_DEEP'
  | 'YAML_INVALID_KEY'
  | 'YAML_UNSUPPORTED_NUMBER'
  | 'YAML_DOCUMENT_SEPARATOR'
  | 'VALUES_NOT_A_MAP'
  | 'VALUES_TOO_LARGE'
  | 'SET_SYNTAX'
  | 'SET_TYPE_CONFLICT'
  | 'SET_INDEX'
  | 'SET_JSON'
  | 'SET_TOO_LARGE'
  | 'SUBCHART_TYPE_MISMATCH'
  | 'CHART_MISSING'
  | 'CHART_INVALID'
  | 'CHART_DEPENDENCY_MISSING'
  | 'CHART_ARCHIVE'
  | 'CHART_TOO_LARGE'
  | 'CHART_IMPORT'
  /** A chart path or a file in a chart that is not a regular file or directory (a FIFO, a socket, a device). */
  | 'CHART_NOT_REGULAR_FILE'
  /** The file system refused to read a chart (a symlink loop, permissions, too many open files...). */
  | 'CHART_READ_ERROR'
  | 'INVALID_INPUT';

/**
 * Thrown wherever Helm would refuse the input (and where this library's bounds refuse hostile input).
 * `message` is the text Helm prints after `Error: ` when Helm has one; `location` points into the input.
 */
export class ValuesError extends Error {
  override readonly name = 'ValuesError';
  readonly code: ValuesErrorCode;
  readonly location?: SourceLocation;
  /** The source (file name or flag) that caused the error. */
  readonly source?: string;
  /** The Helm dotted path of the value at fault, where the error is about one value (e.g. a subchart key that is not a map). */
  readonly path?: string;
  /**
   * Where Helm's own answer is random, the other messages Helm may print for the same input; the message is
   * one of Helm's possible answers too. Set for `YAML_INVALID_KEY` with several refused keys: sigs.k8s.io/yaml
   * walks each map in Go's random map order, so which key Helm names changes from run to run (at most 64 listed).
   */
  readonly alternatives?: readonly string[];

  constructor(code: ValuesErrorCode, message: string, location?: SourceLocation, source?: string, path?: string, alternatives?: readonly string[]) {
    super(message);
    this.code = code;
    if (location) this.location = location;
    if (source !== undefined) this.source = source;
    if (path !== undefined) this.path = path;
    if (alternatives?.length) this.alternatives = alternatives;
  }
}

/**
 * Stable codes of {@link ResolveError}. `render-failed`: the chart's templates fail as `helm template` would
 * (the message is Helm's error text); `render-limit`: a template passed one of the renderer's counted budgets
 * (execution steps, output bytes, include depth), where Helm would run on for a very long time or out of memory;
 * `invalid-option`: an option of the wrong type.
 */
export type ResolveErrorCode =
  | 'chart-version-unsupported'
  | 'chart-version-invalid'
  | 'profile-unknown'
  | 'profile-invalid'
  | 'render-failed'
  | 'render-limit'
  | 'invalid-option';

/** Where `helm template` would fail, or the request cannot be answered. */
export class ResolveError extends Error {
  override readonly name = 'ResolveError';
  constructor(
    readonly code: ResolveErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}
