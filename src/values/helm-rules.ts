// The places where Helm 4.1.4 reads values differently from Helm 3.17.1, as one named set of switches
// (reference section 10.18). Everything else is the same algorithm for both.

/** Whose rules: Helm 4.1 (the current major) or Helm 3.17. */
export type HelmVersion = 3 | 4;

export interface HelmRules {
  version: HelmVersion;
  /** 10.2-10.5: values files are cut at `---` lines and every document is merged (Helm 3: first document only). */
  allDocuments: boolean;
  /** 10.5: YAML errors gain `cannot unmarshal yaml document: ` after the file prefix. */
  documentErrorPrefix: string;
  /** 10.6: an index cut off by the end of a --set argument ends that argument silently (Helm 3: an error). */
  indexAtEndOfInputIsEnd: boolean;
  /** 10.7: `--set-json '{...}'` merges a whole object (Helm 3: refused). */
  setJsonWholeObject: boolean;
  /** 10.8: a nested user null over a default null is kept (Helm 3: the key is deleted). */
  keepNestedNullOverNull: boolean;
  /** 10.9: how a coalesce warning is printed on stderr. */
  formatWarning(text: string, helm3Line: number): string;
}

const HELM3: HelmRules = {
  version: 3,
  allDocuments: false,
  documentErrorPrefix: '',
  indexAtEndOfInputIsEnd: false,
  setJsonWholeObject: false,
  keepNestedNullOverNull: false,
  formatWarning: (text, line) => `coalesce.go:${line}: ${text}`,
};

const HELM4: HelmRules = {
  version: 4,
  allDocuments: true,
  documentErrorPrefix: 'cannot unmarshal yaml document: ',
  indexAtEndOfInputIsEnd: true,
  setJsonWholeObject: true,
  keepNestedNullOverNull: true,
  formatWarning: (text) => `level=INFO msg="${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
};

/** The switches for a Helm major version. */
export function helmRules(version: HelmVersion): HelmRules {
  return version === 3 ? HELM3 : HELM4;
}
