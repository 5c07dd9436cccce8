// Renders run the synchronous executor (src/template/_exec-sync.ts, written from exec.ts's generator methods by
// scripts/gen-exec-sync.mjs) and hand nested executions past SYNC_NESTING to the generator executor's driver. The
// written file must match its source. Recursions that cross the handover, rendering and failing, are compared
// with Helm's recorded outputs in the template corpus (category deepnesting).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SYNC_NESTING } from '../../src/template/exec';

const ROOT = path.resolve(__dirname, '..', '..');

test('src/template/_exec-sync.ts is up to date with src/template/exec.ts', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-exec-sync.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

test('the corpus recursions cross the handover', () => {
  // deepnesting/000 nests 300 to 5,000 executions, /005 70: both more than SYNC_NESTING
  expect(SYNC_NESTING).toBeLessThan(70);
});
