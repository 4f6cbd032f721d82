/**
 * The app: reads the config, builds the stacks, synthesizes them. `cdktf synth` runs it through
 * bin/synth.js; `npm run synth` adds `--generated`, which also rewrites the committed generated
 * files (the Terraform module and the config's JSON Schema).
 */
import * as path from "path";
import { synthesizeConfig, writeDirectory, writeFileAtomically } from "./lib/app";
import { projectRoot, resolveConfig } from "./lib/config";
import { generatedFiles, SCHEMA_FILE } from "./lib/generated";
import { MODULE_DIR } from "./lib/module";
import { reportFailure } from "./lib/report";

function main(argv: readonly string[]): number {
  try {
    const { config, source } = resolveConfig(process.env, __dirname);
    const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
    for (const stack of synthesizeConfig(config, outdir)) {
      for (const warning of stack.warnings) console.error(`Warning: ${warning}`);
      console.log(`${stack.name}: wrote ${stack.file} and permissions.md (${stack.region}; roles: ${stack.roleNames.join(", ")}) from ${source}`);
    }
    if (argv.includes("--generated")) {
      const root = projectRoot(__dirname);
      const files = generatedFiles();
      const moduleFiles = Object.fromEntries(
        Object.entries(files)
          .filter(([name]) => name.startsWith(`${MODULE_DIR}/`))
          .map(([name, content]) => [name.slice(MODULE_DIR.length + 1), content]),
      );
      writeDirectory(path.join(root, MODULE_DIR), moduleFiles);
      writeFileAtomically(path.join(root, SCHEMA_FILE), files[SCHEMA_FILE]);
      console.log(`module: wrote ${MODULE_DIR}/ and ${SCHEMA_FILE}`);
    }
    return 0;
  } catch (e) {
    return reportFailure(e);
  }
}

process.exitCode = main(process.argv.slice(2));
