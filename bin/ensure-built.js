// Compiles main.ts and lib/ into dist/ when any source differs from the one the last build was
// made from (a content hash, not timestamps): a synth never runs stale code, and never pays
// for type-checking when nothing changed.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
const stampFile = path.join(dist, ".source-hash");
/** What the compiled output is made from: the sources and the compiler settings. */
const SOURCES = ["main.ts", "lib", "tsconfig.json", "tsconfig.build.json"];

function files(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => files(path.join(entry, name)));
}

function sourceHash() {
  const hash = crypto.createHash("sha256");
  for (const file of SOURCES.flatMap(files)) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** Compiles main.ts and lib/ into dist/ and stamps it with the source hash; exits on compile errors. */
function build({ clean = false } = {}) {
  if (clean) fs.rmSync(dist, { recursive: true, force: true });
  const hash = sourceHash();
  try {
    require("child_process").execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
      cwd: root,
      stdio: "inherit",
    });
  } catch {
    console.error("Synth failed: the TypeScript sources do not compile (errors above); nothing was written.");
    process.exit(1);
  }
  fs.writeFileSync(stampFile, hash);
}

/** Returns true when it compiled, false when dist/ was already current; exits on compile errors. */
function ensureBuilt() {
  const hash = sourceHash();
  const current = fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === hash;
  if (current && fs.existsSync(path.join(dist, "main.js"))) return false;
  build();
  return true;
}

module.exports = { build, ensureBuilt, root, dist };
