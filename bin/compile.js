// The compiled code in dist/ for the scripts that run it (synth, check:generated, the test setup,
// bench): `tsc -b tsconfig.build.json`, tsc's build mode, as `npm run build` runs it. tsc compiles
// only when a source or setting changed since its last build (its build info, dist/.tsbuildinfo),
// and with `noEmitOnError` writes no JavaScript from sources that do not compile. dist/ is for
// running in this repository; the published packages are compiled afresh (bin/build-engine.js).
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");

/**
 * Builds dist/ when it is stale. On compile errors, tsc's diagnostics go to stderr, then
 * `${failed}: ...` (what did not happen), and the process exits 1.
 */
function compileOrExit(failed) {
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  // tsc prints its diagnostics on stdout; here they go to stderr, with the message that follows them.
  const result = spawnSync(process.execPath, [tsc, "-b", path.join(root, "tsconfig.build.json")], { cwd: root, stdio: ["ignore", 2, 2] });
  if (result.status === 0) return;
  console.error(`${failed}: the TypeScript sources do not compile (errors above); nothing was written.`);
  process.exit(1);
}

module.exports = { compileOrExit, root, dist };
