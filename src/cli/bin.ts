#!/usr/bin/env node
// The helm-image-variant executable. Start-up is most of what one pre-commit run costs, so the CLI runs from
// the one-file bundle the build writes beside this file (run.bundle.cjs), compiled through a V8 code cache
// (see code-cache.ts); without a bundle (an ES build, a tree built by tsc alone) it runs from the module tree.
import { requireBundle } from './code-cache.js';

type RunModule = typeof import('./run.js');

const bundle = typeof __dirname === 'string' ? (requireBundle(`${__dirname}/run.bundle.cjs`) as RunModule | undefined) : undefined;
if (bundle) bundle.run();
else void import('./run.js').then((m) => m.run());
