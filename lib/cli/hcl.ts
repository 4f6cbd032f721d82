/**
 * `mediaconvert-role-cdktf hcl <stack directory or cdk.tf.json> [--out <dir>] [--schema <file>]`:
 * any synthesized stack (a consumer's own cdktf app's included) as `.tf` files that `terraform
 * validate` accepts, where `cdktf synth --hcl` writes invalid HCL for policies holding references.
 */
import { Command } from "commander";
import type { CliContext } from "./context";
import { EXIT, EXIT_CODES_HELP, reportFailure } from "./output";

/** Options of `hcl`, as commander parses them. */
export interface HclCliOptions {
  readonly out?: string;
  readonly schema?: string;
}

/** Runs `hcl`; prints what it wrote (or the problem) and returns the exit code. */
export function writeHcl(stack: string, options: HclCliOptions, context: CliContext): number {
  // The printer and its AWS block table load only when the command runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { writeStackHcl } = require("../app/hcl-output") as typeof import("../app/hcl-output");
  try {
    const result = writeStackHcl({ stack, out: options.out, schemaFile: options.schema, outGiven: options.out === undefined ? "the default" : "--out" });
    context.out(`hcl: wrote ${result.out} (${result.files.join(", ")}) from ${result.source}`);
    for (const note of result.notes) context.out(`hcl: ${note}`);
    return EXIT.ok;
  } catch (e) {
    return reportFailure(e, "Hcl", context.err);
  }
}

export function hclCommand(context: CliContext, done: (code: number) => void): Command {
  return new Command("hcl")
    .description("Write a synthesized stack (any cdktf app's) as HCL: .tf files that terraform validate accepts, in a directory of their own.")
    .argument("<stack>", "a stack directory of a synth output (cdktf.out/stacks/<stack>) or its cdk.tf.json")
    .option("-o, --out <dir>", "directory for the .tf files: new, empty, or an earlier output of hcl (default: hcl/<stack> next to the synth output)")
    .option("--schema <file>", "the output of terraform providers schema -json, for resources of providers other than AWS")
    .addHelpText(
      "after",
      `
The output never goes next to the JSON (Terraform would load both) nor inside the synth output
(the next synth replaces it). Terraform's own files in it (.terraform/, the lock file, local state)
are kept when it is written again. docs/hcl.md tells more. ${EXIT_CODES_HELP}`,
    )
    .action((stack: string, options: HclCliOptions) => {
      done(writeHcl(stack, options, context));
    });
}
