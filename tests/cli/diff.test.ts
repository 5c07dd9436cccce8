// `diff` and diffImages: what a chart upgrade or a values change pulls, per component; exit codes as
// `git diff --exit-code`; a pull request's base read from git.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diffImages, loadValues, resolveImages, type ImageChange, type ResolvedImage } from '../../src/index';
import { formatDiffMarkdown, formatDiffText } from '../../src/report/diff';
import { runCli } from './run-cli';

const gloo = (version: string, set: string[] = []) => resolveImages(loadValues({ set }), { profile: 'gloo', chartVersion: version });
const glooEe = (version: string, set: string[] = []) => resolveImages(loadValues({ set: ['license_key=k', ...set] }), { profile: 'gloo-ee', chartVersion: version });
const summary = (changes: ImageChange[]) => changes.map((c) => `${c.change} ${c.valuesPath} ${c.fields.join('+')}`).sort();

describe('diffImages', () => {
  test('the same release: no change', () => {
    expect(diffImages(gloo('1.18.0'), gloo('1.18.0'))).toEqual([]);
  });

  test('gloo 1.17 -> 1.18: every Solo image changes its tag, nothing is added or removed', () => {
    const changes = diffImages(gloo('1.17.0'), gloo('1.18.0'));
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) {
      expect(c.change).toBe('changed');
      expect(c.fields).toContain('tag');
      expect(c.before!.tag).toMatch(/^1\.17\./);
      expect(c.after!.tag).toMatch(/^1\.18\./);
    }
    expect(changes.map((c) => c.valuesPath)).toContain('gloo.deployment.image');
  });

  test('a variant change: tag and variant, per image block', () => {
    const changes = diffImages(gloo('1.18.0'), gloo('1.18.0', ['global.image.variant=distroless']));
    const g = changes.find((c) => c.valuesPath === 'gloo.deployment.image')!;
    expect(g.fields).toEqual(['tag', 'variant']);
    expect(g.before!.reference).toBe('quay.io/solo-io/gloo:1.18.0');
    expect(g.after!.reference).toBe('quay.io/solo-io/gloo:1.18.0-distroless');
  });

  test('a registry and a digest change are named as such', () => {
    const changes = diffImages(gloo('1.18.0'), gloo('1.18.0', ['gloo.deployment.image.registry=mirror.example.com/solo-io', `gloo.deployment.image.digest=sha256:${'a'.repeat(64)}`]));
    expect(summary(changes)).toEqual(['changed gloo.deployment.image registry+digest']);
  });

  test('a second gateway proxy: one image block added, with its workload', () => {
    const changes = diffImages(gloo('1.18.0'), gloo('1.18.0', ['gatewayProxies.second.podTemplate.image.repository=gloo-envoy-wrapper']));
    const added = changes.filter((c) => c.change === 'added');
    expect(added.map((c) => c.valuesPath)).toEqual(['gatewayProxies.second.podTemplate.image']);
  });

  test('gloo-ee 1.16.2 -> 1.17.0: the subcharts too, and Docker Hub spelled two ways is one registry', () => {
    const changes = diffImages(glooEe('1.16.2'), glooEe('1.17.0'));
    const byPath = new Map(changes.map((c) => [c.valuesPath, c]));
    expect(byPath.get('gloo.gloo.deployment.image')!.fields).toEqual(['tag', 'digest']);
    // grafana/grafana:8.2.1 -> docker.io/grafana/grafana:10.4.1: the same registry as the runtime reads it
    expect(byPath.get('grafana.image')!.fields).toEqual(['tag']);
    expect(byPath.get('prometheus.prometheusServerMigrationJob.image')!.change).toBe('added');
  });

  test('workloads gained and lost are a change of their own', () => {
    const img = (workloads: ResolvedImage['workloads']): ResolvedImage => ({ component: 'c', valuesPath: 'c.image', reference: 'r/c:1', variant: 'standard', source: 'chart', workloads });
    const changes = diffImages([img([{ kind: 'Deployment', name: 'a', container: 'c' }])], [img([{ kind: 'Deployment', name: 'b', container: 'c' }])]);
    expect(changes.map((c) => c.fields)).toEqual([['workloads']]);
    expect(formatDiffText(changes)).toContain('workloads: +Deployment/b:c, -Deployment/a:c');
  });

  test('Markdown escapes what would break a table', () => {
    const img: ResolvedImage = { component: 'a|b', valuesPath: 'x.image', reference: 'r/a:1', variant: 'standard', source: 'chart', workloads: [] };
    const md = formatDiffMarkdown(diffImages([], [img]));
    expect(md).toContain('a\\|b');
    expect(md.split('\n').filter((l) => l.startsWith('|'))).toHaveLength(3);
  });
});

describe('the diff command', () => {
  test('no change: exit 0 and says so', () => {
    const r = runCli(['diff', '--profile', 'gloo', '--chart-version', '1.18.0', '--to']);
    expect(r).toMatchObject({ code: 0, stdout: 'no image changes\n', stderr: '' });
  });

  test('an upgrade: exit 1, the same changes as the library, flags after --to replacing the first ones', () => {
    const r = runCli(['diff', '--profile', 'gloo', '--chart-version', '1.17.0', '--set', 'global.image.variant=distroless', '--to', '--chart-version', '1.18.0', '-o', 'json']);
    expect(r.code).toBe(1);
    const lib = diffImages(gloo('1.17.0', ['global.image.variant=distroless']), gloo('1.18.0', ['global.image.variant=distroless']));
    expect(JSON.parse(r.stdout).changes).toEqual(JSON.parse(JSON.stringify(lib)));
  });

  test('Markdown for a pull-request comment', () => {
    const r = runCli(['diff', '--profile', 'gloo', '--chart-version', '1.18.0', '--to', '--set', 'global.image.variant=distroless', '-o', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^### Images: \d+ images changed\n\n\| \| Component \|/);
  });

  test('a side that cannot be resolved: exit 2 and which side', () => {
    const r = runCli(['diff', '--profile', 'gloo', '--chart-version', '1.18.0', '--to', '--set', 'discovery.deployment=null']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the second release cannot be rendered');
    expect(r.stdout).toBe('');
  });

  test('a reference no runtime could pull: shown in the diff, named on stderr with the side, exit 2', () => {
    // `--set-json` keeps the repository a number, which the chart prints as %!s(float64=0) (Helm's own rendering)
    const r = runCli(['diff', '--profile', 'gloo', '--chart-version', '1.18.0', '--to', '--set-json', 'gloo.deployment.image.repository=0', '-o', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: gloo\.deployment\.image renders "quay\.io\/solo-io\/%!s\(float64=0\):1\.18\.0".*\[reference-invalid\] \(the second release\)$/m);
    expect(r.stderr.match(/reference-invalid/g)).toHaveLength(1);
    const changes = JSON.parse(r.stdout).changes as ImageChange[];
    expect(changes.map((c) => [c.change, c.valuesPath, c.after?.reference])).toEqual([['changed', 'gloo.deployment.image', 'quay.io/solo-io/%!s(float64=0):1.18.0']]);
    // the same answer as the library, whose resolveImages keeps the reference and reports it
    const seen: string[] = [];
    const after = resolveImages(loadValues({ setJson: ['gloo.deployment.image.repository=0'] }), { profile: 'gloo', chartVersion: '1.18.0', onDiagnostic: (d) => seen.push(d.code) });
    expect(changes).toEqual(JSON.parse(JSON.stringify(diffImages(gloo('1.18.0'), after))));
    expect(seen).toEqual(['reference-invalid']);
  });

  test.each([
    [['--profile', 'gloo'], /needs a second release/],
    [['--profile', 'gloo', '--to', 'extra.yaml'], /takes no file arguments/],
    [['--profile', 'gloo', '-o', 'json', '--to', '-o', 'text'], /before and after --to/],
  ])('usage errors exit 2: %j', (args, message) => {
    const r = runCli(['diff', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('diff --base REV (a pull request)', () => {
  let repo: string;
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout.trim();
  };
  const hasGit = spawnSync('git', ['--version']).status === 0;
  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'hiv-diff-git-'));
    if (!hasGit) return;
    git('init', '-q');
    fs.mkdirSync(path.join(repo, 'env'));
    fs.writeFileSync(path.join(repo, 'env', 'prod.yaml'), 'global:\n  image:\n    variant: standard\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    fs.writeFileSync(path.join(repo, 'env', 'prod.yaml'), 'global:\n  image:\n    variant: distroless\n');
  });
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  test('the working tree against HEAD, run from a subdirectory', () => {
    if (!hasGit) return console.log('skipped: git is not installed');
    const r = runCli(['diff', '--profile', 'gloo', '--chart-version', '1.18.0', '-f', 'prod.yaml', '--base', 'HEAD'], { cwd: path.join(repo, 'env') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('~ gloo (gloo.deployment.image): tag 1.18.0 -> 1.18.0-distroless, variant standard -> distroless');
  });

  test('no change since the base: exit 0', () => {
    if (!hasGit) return console.log('skipped: git is not installed');
    git('commit', '-qam', 'distroless');
    const r = runCli(['diff', '--profile', 'gloo', '--chart-version', '1.18.0', '-f', 'env/prod.yaml', '--base', 'HEAD'], { cwd: repo });
    expect(r).toMatchObject({ code: 0, stdout: 'no image changes\n' });
  });

  test('a file the base does not have, an unknown revision: exit 2 with the reason', () => {
    if (!hasGit) return console.log('skipped: git is not installed');
    fs.writeFileSync(path.join(repo, 'new.yaml'), 'a: 1\n');
    const missing = runCli(['diff', '--profile', 'gloo', '-f', 'new.yaml', '--base', 'HEAD'], { cwd: repo });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('-f new.yaml does not exist at HEAD');
    const rev = runCli(['diff', '--profile', 'gloo', '--base', 'no-such-rev'], { cwd: repo });
    expect(rev.code).toBe(2);
    expect(rev.stderr).toContain('--base no-such-rev: no such revision');
  });

  test('a located error in the base file names it REV:path', () => {
    if (!hasGit) return console.log('skipped: git is not installed');
    fs.writeFileSync(path.join(repo, 'env', 'bad.yaml'), 'a: [\n');
    git('add', '.');
    git('commit', '-qm', 'bad');
    fs.writeFileSync(path.join(repo, 'env', 'bad.yaml'), 'a: 1\n');
    const r = runCli(['diff', '--profile', 'gloo', '-f', 'env/bad.yaml', '--base', 'HEAD'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^HEAD:env\/bad\.yaml:\d+:\d+: error: .*\(the first release\)/);
  });
});
