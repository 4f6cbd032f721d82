#!/usr/bin/env node
// `npm run check:generated`: re-generates everything that is committed (the Terraform module, the
// config's JSON Schema, API.md, the HCL printer's AWS block table, and any committed stacks under
// cdktf.out/stacks) into a temporary directory and fails with a diff when the committed files
// differ. API.md (typedoc, slow) and the block table (read from the AWS provider's schema with
// Terraform, from the filesystem mirror the tests use) are checked where the project has its
// typedoc.json, i.e. in the repository, not in partial copies; the block table is cached in dist/
// with a hash of what it is made from. `--write-aws-blocks` rewrites the block table instead of
// comparing it.
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { compileOrExit, root, dist } = require("./compile");

compileOrExit("check:generated failed");
const { generatedFiles, MODULE_DIR, AWS_BLOCKS_FILE, awsBlocksFileText } = require(path.join(dist, "lib/app/generated"));

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

    // The run's Terraform CLI config when the tests run this script, else the shared one.
    const { CLI_CONFIG_ENV, sharedTerraformCliConfig } = require(path.join(root, "__tests__", "support", "terraform-cli-config.js"));
    let blocks;
    try {
      blocks = awsBlocksFileText(process.env[CLI_CONFIG_ENV] || sharedTerraformCliConfig(), path.join(dist, ".aws-blocks.json"));
    } catch (e) {
      throw new Error(`check:generated: cannot read the AWS provider's schema with Terraform (needed for ${AWS_BLOCKS_FILE}): ${e.stderr || e.message}`, { cause: e });
    }
    if (process.argv.includes("--write-aws-blocks")) fs.writeFileSync(path.join(root, AWS_BLOCKS_FILE), blocks);
    fs.mkdirSync(path.dirname(path.join(fresh, AWS_BLOCKS_FILE)), { recursive: true });
    fs.writeFileSync(path.join(fresh, AWS_BLOCKS_FILE), blocks);
    compared.push(AWS_BLOCKS_FILE);
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
    if (stale.some((rel) => rel !== AWS_BLOCKS_FILE)) {
      console.error(stale.includes("API.md") ? "Run `npm run synth` and `npm run docs`, and commit the result." : "Run `npm run synth` and commit the result.");
    }
    if (stale.includes(AWS_BLOCKS_FILE)) console.error(`For ${AWS_BLOCKS_FILE}: run \`npm run check:generated -- --write-aws-blocks\` and commit it.`);
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
