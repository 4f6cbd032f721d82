/**
 * The repository's synth entry: `cdktf synth` runs it through bin/synth.js (cdktf.json's `app`),
 * and so do `npm run synth` and `npm run synth:hcl`. It is the command line's `synth` (the same
 * code a user of the package runs with `npx mediaconvert-role-cdktf synth`); arguments pass
 * through, e.g. `npm run synth -- --config examples/sse-kms.json`; `--output <dir>` is taken as
 * `--out <dir>`, as cdktf names it. `--generated` (added by `npm run synth`) also rewrites the
 * committed generated files (the Terraform module, the config's JSON Schema, the props interface
 * and the docs' tables) when they differ from what the code generates now. `cdktf synth --hcl` asks for HCL through
 * SYNTH_HCL_OUTPUT: it gets this app's HCL renderer, not cdktf's (which breaks policies holding
 * Terraform references).
 */
import { projectRoot } from "./lib/app/config-source";
import { reportFailure } from "./lib/cli/output";
import { run } from "./lib/cli/main";
import * as fs from "fs";
import * as path from "path";
import { generatedStillCurrent, writeGeneratedFiles } from "./lib/app/generated";

async function main(argv: readonly string[]): Promise<number> {
  const hclFromCdktf = process.env.SYNTH_HCL_OUTPUT === "true" || process.env.SYNTH_HCL_OUTPUT === "1";
  delete process.env.SYNTH_HCL_OUTPUT;
  const args = argv
    .filter((a) => a !== "--generated")
    .map((a) => (a === "--output" ? "--out" : a.startsWith("--output=") ? `--out=${a.slice("--output=".length)}` : a));
  if (hclFromCdktf && !args.includes("--hcl")) args.push("--hcl");
  const code = await run(["synth", ...args]);
  if (code !== 0 || !argv.includes("--generated")) return code;
  try {
    const files = "the module, the config schema, the props interface and the docs' tables";
    const root = projectRoot(__dirname);
    // Compared once after each build: until the code or a generated file changes, they stay current.
    const stamp = path.join(__dirname, ".generated");
    if (generatedStillCurrent(root, stamp, path.join(__dirname, ".tsbuildinfo"))) {
      console.log(`generated: ${files} are current`);
      return 0;
    }
    const wrote = writeGeneratedFiles(root);
    fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
    console.log(wrote ? `generated: wrote ${files}` : `generated: ${files} are current`);
    return 0;
  } catch (e) {
    return reportFailure(e);
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
