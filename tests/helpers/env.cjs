// Every test file's environment: CLI processes the tests start keep their V8 code cache in a directory of
// this machine's temporary space (tests/cli/code-cache.test.ts sets its own), not in the user's ~/.cache.
const os = require('node:os');
const path = require('node:path');

if (process.env.HELM_IMAGE_VARIANT_CODE_CACHE === undefined) {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  process.env.HELM_IMAGE_VARIANT_CODE_CACHE = path.join(os.tmpdir(), `helm-image-variant-tests-${uid}`);
}
