// Runs on `npm install`/`npm ci` in a checkout (npm's root-only `prepublish` event, never for consumers):
// builds dist/ when it is not there. pre-commit installs this repository's hook with `npm install` then
// `npm pack`, and takes pack's stdout as the tarball name; a `prepack` script would make npm print its
// banner there and break the hook, so the build happens at install time instead (see docs/cli.md).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

if (!fs.existsSync('src/index.ts') || fs.existsSync('dist/cjs/cli/bin.js')) process.exit(0);
const npm = process.env.npm_execpath;
const r = npm ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: ['ignore', process.stderr, 'inherit'] }) : spawnSync('npm', ['run', 'build'], { stdio: ['ignore', process.stderr, 'inherit'] });
process.exit(r.status ?? 1);
