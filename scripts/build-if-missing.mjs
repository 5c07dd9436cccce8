// Builds dist/ when it is missing or older than its sources, and only then. Runs on `npm install`/`npm ci` in a
// checkout (npm's root-only `prepublish` event, never for consumers) and before `npm test` (pretest), so that
// `npm ci && npm test` on a fresh clone builds once, and a developer who edited src/ or schemas/ still tests a
// fresh build (scripts/build-inputs.mjs compares content hashes with those dist/ was built from).
// pre-commit installs this repository's hook with `npm install` then `npm pack`, and takes pack's stdout as the
// tarball name; a `prepack` script would make npm print its banner there and break the hook, so the build
// happens at install time instead (see docs/cli.md). The build's output goes to stderr for the same reason.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { staleReason } from './build-inputs.mjs';

if (!fs.existsSync('src/index.ts')) process.exit(0);
const why = staleReason();
if (why === undefined) process.exit(0);
process.stderr.write(`build-if-missing: ${why}: building\n`);
const npm = process.env.npm_execpath;
const r = npm ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: ['ignore', process.stderr, 'inherit'] }) : spawnSync('npm', ['run', 'build'], { stdio: ['ignore', process.stderr, 'inherit'] });
process.exit(r.status ?? 1);
