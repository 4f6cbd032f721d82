#!/usr/bin/env node
// `npm run build`, `prepare` and `prepack`: compiles main.ts and lib/ into dist/.
//   --clean      remove dist/ first (prepack: the tarball is never built from stale output)
//   --if-stale   compile only when a source changed since the last build (prepare, on `npm ci`)
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
if (args.includes("--if-stale") && !args.includes("--clean")) ensureBuilt();
else build({ clean: args.includes("--clean") });
if (args.includes("--generated")) {
  require(path.join(dist, "lib/generators/generated")).writeGeneratedFiles(root, dist);
}
