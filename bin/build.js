#!/usr/bin/env node
// `npm run build`, `prepare` and `prepack`: compiles main.ts and lib/ into dist/. Every build
// removes the compiled files no current source makes (see ensure-built.js), so dist/ never holds
// stale output, and `npm pack` need not start from an empty dist/.
//   --clean      remove dist/ first, and compile every file (`npm run build -- --clean`)
//   --if-stale   compile only when a source changed since the last build, or dist/ is not as that
//                build left it (prepare on `npm ci`, prepack on `npm pack`)
//   --generated  then write the committed generated files (module, JSON Schema) and stamp them,
//                so that the first `npm run synth` of a fresh clone neither compiles nor regenerates
"use strict";
const path = require("path");
const { build, ensureBuilt, root, dist } = require("./ensure-built");

const args = process.argv.slice(2);
const known = ["--clean", "--if-stale", "--generated"];
const unknown = args.filter((a) => !known.includes(a));
if (unknown.length > 0) {
  console.error(`build: unknown option ${JSON.stringify(unknown[0])}. Use ${known.join(", ")}.`);
  process.exit(2);
}
if (args.includes("--if-stale") && !args.includes("--clean")) ensureBuilt({ failed: "Build failed" });
else build({ clean: args.includes("--clean") });
if (args.includes("--generated")) {
  require(path.join(dist, "lib/app/generated")).writeGeneratedFiles(root, dist);
}
