// The Gloo chart's image rules by version: the derived table agrees with the epochs of
// ../shared/reference/gloo-chart-images.md §6 and the issue, including prereleases and unreleased patches.
import { CURRENT_GLOO_RUN, glooRules, UnsupportedVersionError } from '../../src/images/gloo-epochs';

const summary = (v: string) => {
  const r = glooRules(v);
  return [r.helper, r.fipsRepositories.includes('certgen') ? 'certgen-fips' : '-', r.disableDigest ? 'disableDigest' : '-', r.gatewayParameters].join(' ');
};

test.each([
  ['1.16.0', 'fips-bool - - none'],
  ['1.16.27', 'fips-bool - - none'],
  ['1.17.0-beta12', 'fips-bool - - none'],
  ['1.17.0-beta13', 'first-variant - - none'],
  ['1.17.0', 'first-variant - - raw'],
  ['1.17.1', 'first-variant - - raw'],
  ['1.17.2', 'per-variant-digest - - raw'],
  ['1.17.10', 'per-variant-digest - - raw'],
  ['1.17.21', 'per-variant-digest - - raw'],
  ['1.17.22', 'split - - variant'],
  ['1.17.30', 'split - - variant'],
  ['1.17.38', 'split - - variant'],
  ['1.17.99', 'split - - variant'],
  ['1.18.0-beta13', 'first-variant - - raw'],
  ['1.18.0-beta14', 'per-variant-digest - - raw'],
  ['1.18.0', 'per-variant-digest - - raw'],
  ['1.18.6', 'per-variant-digest - - raw'],
  ['1.18.7', 'split - - variant'],
  ['1.18.38', 'split - - variant'],
  ['1.18.39', 'split certgen-fips - variant'],
  ['1.18.40', 'split certgen-fips - variant'],
  ['1.18.41', 'split certgen-fips - variant'],
  ['1.19.0-beta7', 'split - - variant'],
  ['1.19.0-beta15', 'split - disableDigest variant'],
  ['1.19.0', 'split - disableDigest variant'],
  ['1.19.10', 'split - disableDigest variant'],
  ['1.19.17', 'split - disableDigest variant'],
  ['1.19.18', 'split certgen-fips disableDigest variant'],
  ['1.20.19', 'split - disableDigest variant'],
  ['1.20.20', 'split certgen-fips disableDigest variant'],
  ['1.21.9', 'split - disableDigest variant'],
  ['1.21.10', 'split certgen-fips disableDigest variant'],
  ['1.21.12', 'split certgen-fips disableDigest variant'],
  ['1.22.0-beta3', 'split certgen-fips disableDigest variant'],
  ['1.22.0', 'split certgen-fips disableDigest variant'],
  ['1.23.4', 'split certgen-fips disableDigest variant'],
  ['v1.19', 'split - disableDigest variant'],
])('%s: %s', (v, want) => {
  expect(summary(v)).toBe(want);
});

test('chart defaults that change what renders', () => {
  expect(glooRules('1.19.10').discoveryEnabledByDefault).toBe(true);
  expect(glooRules('1.20.0').discoveryEnabledByDefault).toBe(false);
  expect(glooRules('1.18.0-beta3').aiExtension).toBe(false);
  expect(glooRules('1.18.0-beta4').aiExtension).toBe(true);
  expect(glooRules('1.17.38').aiExtension).toBe(false);
  expect(glooRules('1.22.0-beta10').workloadType).toBe(false);
  expect(glooRules('1.22.0-beta11').workloadType).toBe(true);
  expect(glooRules('1.17.0-beta15').distrolessRepositories).not.toContain('certgen');
  expect(glooRules('1.17.0-beta16').distrolessRepositories).toContain('certgen');
  expect(CURRENT_GLOO_RUN).toBe(glooRules('1.22.1'));
});

test.each([
  ['1.15.9', 'chart-version-unsupported'],
  ['0.1.0', 'chart-version-unsupported'],
  ['latest', 'chart-version-invalid'],
  ['', 'chart-version-invalid'],
])('%s is refused: %s', (v, code) => {
  expect(() => glooRules(v)).toThrow(UnsupportedVersionError);
  try {
    glooRules(v);
  } catch (e) {
    expect((e as UnsupportedVersionError).code).toBe(code);
  }
});
