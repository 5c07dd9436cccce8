#!/usr/bin/env node
// The helm-image-variant executable. Start-up is most of what one pre-commit run costs, so the CLI runs from
// the one-file bundle the build writes beside this file (run.bundle.cjs), compiled through a V8 code cache
// (see code-cache.ts); without a bundle (an ES build, a tree built by tsc alone) it runs from the module tree.
import { setFlagsFromString } from 'node:v8';
import { requireBundle } from './code-cache.js';

// V8 grows a young heap by doubling it; reading a large values file then peaks at about twice the memory it
// keeps live. Growing by 20% at a time halves that peak (bench/memory.mjs: about 60 bytes per input byte
// down to about 30, below Helm 4's 27-45) and costs nothing measurable on the small files most runs read.
// The CLI only: the library never sets flags of the process that embeds it.
setFlagsFromString('--heap-growing-percent=20');

type RunModule = typeof import('./run.js');

const bundle = typeof __dirname === 'string' ? (requireBundle(`${__dirname}/run.bundle.cjs`) as RunModule | undefined) : undefined;
if (bundle) bundle.run();
else void import('./run.js').then((m) => m.run());
