// The compiled code in dist/ for the scripts that run it (synth, check:generated, the test setup,
// bench): `tsc -b tsconfig.build.json`, tsc's build mode, as `npm run build` runs it. tsc compiles
// only when a source or setting changed since its last build (its build info, dist/.tsbuildinfo),
// and with `noEmitOnError` writes no JavaScript from sources that do not compile. After a build
// that succeeded, dist/.compiled marks it: while no source is newer, tsc is not even started. dist/ is for
// running in this repository; the published packages are compiled afresh (bin/build-engine.js).
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");

/** Written after each build that succeeded: dist/ is current while nothing it was built from is newer. */
const STAMP = path.join(dist, ".compiled");

/** What dist/ is built from: the settings, main.ts, and lib/ with its folders (a folder changes when a file is added or removed). */
function newestSourceMs() {
  let newest = 0;
  const visit = (file) => {
    const stat = fs.statSync(file);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const name of fs.readdirSync(file)) visit(path.join(file, name));
  };
  for (const file of ["package.json", "tsconfig.json", "tsconfig.build.json", "main.ts", "lib"]) visit(path.join(root, file));
  return newest;
}

/**
 * Whether the last build succeeded and nothing it was built from changed since: then starting tsc
 * (loading the compiler takes longer than the synth itself) is left out.
 */
function current() {
  try {
    const stamp = fs.statSync(STAMP).mtimeMs;
    const buildInfo = fs.statSync(path.join(dist, ".tsbuildinfo")).mtimeMs;
    return stamp >= buildInfo && stamp >= newestSourceMs();
  } catch {
    return false;
  }
}

/**
 * Builds dist/ when it is stale. On compile errors, tsc's diagnostics go to stderr, then
 * `${failed}: ...` (what did not happen), and the process exits 1.
 */
function compileOrExit(failed) {
  if (current()) return;
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  // tsc prints its diagnostics on stdout; here they go to stderr, with the message that follows them.
  const result = spawnSync(process.execPath, [tsc, "-b", path.join(root, "tsconfig.build.json")], { cwd: root, stdio: ["ignore", 2, 2] });
  if (result.status === 0) {
    fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`);
    return;
  }
  console.error(`${failed}: the TypeScript sources do not compile (errors above); nothing was written.`);
  process.exit(1);
}

module.exports = { compileOrExit, root, dist };
