/**
 * The app: reads the config, builds the stacks, synthesizes them. `npm run synth` and
 * `cdktf synth` run it (through bin/synth.js, which compiles it when the sources changed).
 */
import { resolveConfig } from "./lib/config";
import { synthesizeConfig } from "./lib/app";
import { reportFailure } from "./lib/report";

function main(): number {
  try {
    const { config, source } = resolveConfig(process.env, __dirname);
    const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
    for (const stack of synthesizeConfig(config, outdir)) {
      for (const warning of stack.warnings) console.error(`Warning: ${warning}`);
      const roles = stack.roleNames.join(", ");
      console.log(`${stack.name}: wrote ${stack.file} (${stack.region}; roles: ${roles}) from ${source}`);
    }
    return 0;
  } catch (e) {
    return reportFailure(e);
  }
}

process.exitCode = main();
