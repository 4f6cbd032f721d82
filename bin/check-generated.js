#!/usr/bin/env node
// `npm run check:generated`: re-generates everything that is committed (the Terraform module, the
// config's JSON Schema, API.md, and any committed stacks under cdktf.out/stacks) into a temporary
// directory and fails with a diff when the committed files differ. API.md (typedoc, slow) is
// checked where the project has its typedoc.json, i.e. in the repository, not in partial copies.
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { compileOrExit, root, dist } = require("./compile");

compileOrExit("check:generated failed");
const { generatedFiles, MODULE_DIR } = require(path.join(dist, "lib/generators/generated"));

const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "check-generated-"));
try {
  const expected = generatedFiles(root);
  for (const [name, content] of Object.entries(expected)) {
    fs.mkdirSync(path.dirname(path.join(fresh, name)), { recursive: true });
    fs.writeFileSync(path.join(fresh, name), content);
  }
  const compared = Object.keys(expected);

  const withDocs = fs.existsSync(path.join(root, "typedoc.json"));
  if (withDocs) {
    const { apiMarkdown, API_FILE } = require("./docs");
    fs.writeFileSync(path.join(fresh, API_FILE), apiMarkdown());
    compared.push(API_FILE);
  }

  // Files in the module folder that the generator no longer writes are stale too.
  const moduleDir = path.join(root, MODULE_DIR);
  if (fs.existsSync(moduleDir)) {
    for (const name of fs.readdirSync(moduleDir, { recursive: true })) {
      if (!fs.statSync(path.join(moduleDir, name)).isFile()) continue;
      const rel = path.posix.join(MODULE_DIR, name.split(path.sep).join("/"));
      if (!compared.includes(rel)) compared.push(rel);
    }
  }

  // Committed stacks: synthesize the project's config into the temporary directory and compare them.
  const tracked = execFileSync("git", ["ls-files", "cdktf.out/stacks"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((f) => f.endsWith("cdk.tf.json") || f.endsWith("permissions.md") || f.endsWith("deployer-policy.json"));
  if (tracked.length > 0) {
    // Synthesize next to cdktf.out (same depth below the project root), because each stack's local
    // state path is written relative to its directory; then move the stacks into the comparison.
    const outdir = fs.mkdtempSync(path.join(root, ".cdktf.out.check-"));
    const result = spawnSync(process.execPath, [path.join(dist, "main.js")], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      encoding: "utf8",
    });
    fs.cpSync(outdir, path.join(fresh, "cdktf.out"), { recursive: true });
    fs.rmSync(outdir, { recursive: true, force: true });
    if (result.status !== 0) {
      process.stderr.write(result.stderr);
      throw new Error("check:generated: synth of the committed stacks failed (above).");
    }
    compared.push(...tracked);
  }

  const stale = [];
  for (const rel of compared) {
    const committed = path.join(root, rel);
    const regenerated = path.join(fresh, rel);
    const diff = spawnSync(
      "git",
      ["diff", "--no-index", "--no-color", "--", fs.existsSync(committed) ? committed : "/dev/null", fs.existsSync(regenerated) ? regenerated : "/dev/null"],
      { encoding: "utf8" },
    );
    if (diff.status !== 0) {
      stale.push(rel);
      process.stdout.write(diff.stdout);
    }
  }
  if (stale.length > 0) {
    console.error(`check:generated: ${stale.length} committed file(s) differ from what the code generates now:`);
    for (const rel of stale) console.error(`  ${rel}`);
    console.error(stale.includes("API.md") ? "Run `npm run synth` and `npm run docs`, and commit the result." : "Run `npm run synth` and commit the result.");
    process.exitCode = 1;
  } else {
    console.log(`check:generated: ${compared.length} generated file(s) are up to date.`);
  }
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
} finally {
  fs.rmSync(fresh, { recursive: true, force: true });
}
