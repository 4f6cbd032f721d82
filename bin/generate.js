#!/usr/bin/env node
// `npm run generate`: writes the committed generated files (see CONTRIBUTING.md, "Generated
// files") even while the sources do not compile because a generated file is stale, the case of a
// new role property that code already uses: tsc compiles into dist/ despite type errors, the
// generators run from there, and the next build type-checks the regenerated sources.
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");
const { root, dist } = require("./compile");

const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json"), "--noEmitOnError", "false"], { cwd: root, stdio: "ignore" });
let wrote;
try {
  wrote = require(path.join(dist, "lib/app/generated")).writeGeneratedFiles(root);
} catch (e) {
  console.error(`generate failed: ${e instanceof Error ? e.message : String(e)}; nothing was written.`);
  process.exit(1);
}
console.log(wrote ? "generate: wrote the generated files; run npm run build to type-check them" : "generate: the generated files are current");
