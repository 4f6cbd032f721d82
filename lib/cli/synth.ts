/**
 * `mediaconvert-role-cdktf synth`: the config file to Terraform JSON stacks on disk, with a
 * permissions report per stack. The repository's `npm run synth` and cdktf.json's `app` run it too.
 */
import * as path from "path";
import { Command } from "commander";
import { writeOutput } from "../app/atomic-output";
import type { CliContext } from "./context";
import { EXIT, EXIT_CODES_HELP, outputOrigin, reportFailure } from "./output";

/** Options of `synth`, as commander parses them. */
export interface SynthOptions {
  readonly config?: string;
  readonly out?: string;
  /** Write each stack as HCL (`cdk.tf`) instead of Terraform JSON. */
  readonly hcl?: boolean;
}

/**
 * Runs `synth` in the context's working directory with its environment; prints what it wrote (or
 * every problem) and returns the exit code. Relative paths (the config file, the output) are
 * taken from the process's working directory, which the app resolves them against: the program
 * runs with the context's.
 */
export function synth(options: SynthOptions, context: CliContext): number {
  // These load cdktf and the provider bindings (a third of a CPU-second): only when synth runs,
  // so that `--help`, `--version` and the other commands start without them.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { projectRoot, resolveConfig } = require("../app/config-source") as typeof import("../app/config-source");
  const { synthesizeConfig, synthOutputTarget } = require("../app/synth") as typeof import("../app/synth");
  const { defaultRegion } = require("../core/regions") as typeof import("../core/regions");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { env, cwd, out, err } = context;
  try {
    const { config, source, baseDir } = resolveConfig(env, cwd, options.config);
    // A stack without a region gets the context's default region, not the process's.
    const stacks = config.stacks.map((s) => (s.region === undefined ? { ...s, region: defaultRegion(env) } : s));
    // A given output is relative to the working directory; the default is cdktf.out at the project root.
    const given = options.out ?? (env.CDKTF_OUTDIR || undefined);
    const outdir = given !== undefined ? path.resolve(cwd, given) : path.join(projectRoot(cwd), "cdktf.out");
    const shown = given ?? (path.relative(cwd, outdir) || ".");
    const target = synthOutputTarget(outdir, outputOrigin(options.out, env, "CDKTF_OUTDIR"), shown);
    const summaries = writeOutput(target, () =>
      synthesizeConfig({ ...config, stacks }, outdir, { hcl: options.hcl === true, baseDir, shownOutdir: shown, notify: (message) => err(`Warning: ${message}`) }),
    );
    for (const stack of summaries) {
      for (const warning of stack.warnings) err(`Warning: ${warning}`);
      out(`${stack.name}: wrote ${stack.file}, permissions.md, deployer-policy.json and resource-policies.json (${stack.region}; roles: ${stack.roleNames.join(", ")}) from ${source}`);
      for (const note of stack.adoptions) out(`${stack.name}: ${note}`);
    }
    return EXIT.ok;
  } catch (e) {
    return reportFailure(e, "Synth", err);
  }
}

export function synthCommand(context: CliContext, done: (code: number) => void): Command {
  return new Command("synth")
    .description("Synthesize the config into Terraform JSON: <out>/stacks/<stack>/cdk.tf.json (or cdk.tf with --hcl), permissions.md, deployer-policy.json and resource-policies.json per stack.")
    .option("-c, --config <file>", "config file (default: MEDIACONVERT_CONFIG, else mediaconvert.config.json at the project root, else the built-in default)")
    .option("-o, --out <dir>", "output directory: new, empty or an earlier output of synth, replaced whole on success (default: CDKTF_OUTDIR, else cdktf.out at the project root)")
    .option("--hcl", "write each stack as HCL (cdk.tf) instead of Terraform JSON (cdk.tf.json)")
    .addHelpText(
      "after",
      `
The project root is the nearest folder holding cdktf.json, from the working directory up (else the
working directory). The built-in default is one stack "mediaconvert" (region AWS_REGION, else
AWS_DEFAULT_REGION, else us-east-1) with the console's role MediaConvert_Default_Role.
--out is what cdktf calls --output: "cdktf synth --output <dir>" reaches synth as CDKTF_OUTDIR,
and in this package's repository "npm run synth -- --output <dir>" is taken as --out <dir>.
${EXIT_CODES_HELP}`,
    )
    .action((options: SynthOptions) => {
      done(synth(options, context));
    });
}
