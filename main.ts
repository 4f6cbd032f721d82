/**
 * The app: reads the config, builds the stacks, synthesizes them. `cdktf synth` runs it through
 * bin/synth.js; `npm run synth` adds `--generated`, which also rewrites the committed generated
 * files (the Terraform module and the config's JSON Schema).
 */
import { synthesizeConfig } from "./lib/app/synth";
import { projectRoot, resolveConfig } from "./lib/app/config-source";
import { MODULE_DIR, SCHEMA_FILE, writeGeneratedFiles } from "./lib/generators/generated";
import { reportFailure } from "./lib/app/report";

function main(argv: readonly string[]): number {
  try {
    const { config, source } = resolveConfig(process.env, __dirname);
    const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
    for (const stack of synthesizeConfig(config, outdir)) {
      for (const warning of stack.warnings) console.error(`Warning: ${warning}`);
      console.log(`${stack.name}: wrote ${stack.file}, permissions.md and deployer-policy.json (${stack.region}; roles: ${stack.roleNames.join(", ")}) from ${source}`);
    }
    if (argv.includes("--generated")) {
      const wrote = writeGeneratedFiles(projectRoot(__dirname), __dirname);
      console.log(wrote ? `generated: wrote ${MODULE_DIR}/ and ${SCHEMA_FILE}` : `generated: ${MODULE_DIR}/ and ${SCHEMA_FILE} are current`);
    }
    return 0;
  } catch (e) {
    return reportFailure(e);
  }
}

process.exitCode = main(process.argv.slice(2));
