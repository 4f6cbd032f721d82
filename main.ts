/**
 * The app: reads the config, builds the stacks, synthesizes them. `cdktf synth` runs it through
 * bin/synth.js; `npm run synth` adds `--generated`, which also rewrites the committed generated
 * files (the Terraform module and the config's JSON Schema); `npm run synth:hcl` adds `--hcl`,
 * which writes each stack as HCL (`cdk.tf`) instead of JSON. `--output <dir>` sets the output
 * directory (default: CDKTF_OUTDIR, else cdktf.out).
 */
import { synthesizeConfig } from "./lib/app/synth";
import { projectRoot, resolveConfig } from "./lib/app/config-source";
import { MODULE_DIR, SCHEMA_FILE, writeGeneratedFiles } from "./lib/generators/generated";
import { renderHcl } from "./lib/generators/hcl";
import { reportFailure } from "./lib/app/report";

const USAGE = "Usage: node bin/synth.js [--generated] [--hcl] [--output <dir>]";

interface Options {
  readonly generated: boolean;
  readonly hcl: boolean;
  readonly output?: string;
}

/** The options, or the usage error to print. */
function parseArguments(argv: readonly string[], env: NodeJS.ProcessEnv): Options | string {
  let generated = false;
  // `cdktf synth --hcl` asks for HCL through SYNTH_HCL_OUTPUT: it gets this app's HCL, not cdktf's.
  let hcl = env.SYNTH_HCL_OUTPUT === "true" || env.SYNTH_HCL_OUTPUT === "1";
  let output: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--generated") generated = true;
    else if (arg === "--hcl") hcl = true;
    else if (arg === "--output" || arg.startsWith("--output=")) {
      output = arg === "--output" ? argv[++i] : arg.slice("--output=".length);
      if (output === undefined || output === "") return `--output needs a directory, e.g. --output cdktf.out. ${USAGE}`;
    } else return `Unknown argument "${arg}". ${USAGE}`;
  }
  return { generated, hcl, output };
}

function main(argv: readonly string[]): number {
  const options = parseArguments(argv, process.env);
  if (typeof options === "string") {
    console.error(options);
    return 2;
  }
  // cdktf would otherwise render HCL itself (its renderer breaks policies holding references).
  delete process.env.SYNTH_HCL_OUTPUT;
  try {
    const { config, source } = resolveConfig(process.env, __dirname);
    const outdir = options.output ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
    for (const stack of synthesizeConfig(config, outdir, options.hcl ? { renderHcl } : {})) {
      for (const warning of stack.warnings) console.error(`Warning: ${warning}`);
      console.log(`${stack.name}: wrote ${stack.file} and permissions.md (${stack.region}; roles: ${stack.roleNames.join(", ")}) from ${source}`);
    }
    if (options.generated) {
      const wrote = writeGeneratedFiles(projectRoot(__dirname), __dirname);
      console.log(wrote ? `generated: wrote ${MODULE_DIR}/ and ${SCHEMA_FILE}` : `generated: ${MODULE_DIR}/ and ${SCHEMA_FILE} are current`);
    }
    return 0;
  } catch (e) {
    return reportFailure(e);
  }
}

process.exitCode = main(process.argv.slice(2));
