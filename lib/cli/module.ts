/**
 * `mediaconvert-role-cdktf module --out <dir>`: writes the Terraform module generated from the
 * MediaConvertRole construct into a directory of the user's repository, atomically.
 */
import * as path from "path";
import { Command } from "commander";
import { writeDirectory, writeOutput } from "../app/atomic-output";
import { reportFailure } from "../app/report";
import { terraformModuleFiles } from "../generators/generated";
import { EXIT, EXIT_CODES_HELP, outputOrigin } from "./output";

/** Runs `module`; prints what it wrote (or the problem) and returns the exit code. */
export function writeModule(out: string): number {
  try {
    const files = terraformModuleFiles();
    const own = new Set(Object.keys(files).map((name) => name.split("/")[0]));
    const target = {
      dir: out,
      given: outputOrigin(out, {}),
      writer: "module",
      foreignEntry: (names: readonly string[]) => names.find((name) => !own.has(name)),
    };
    writeOutput(target, () => writeDirectory(out, files));
    console.log(`module: wrote ${path.join(out, "")} (${Object.keys(files).sort().join(", ")})`);
    return EXIT.ok;
  } catch (e) {
    return reportFailure(e, "Module");
  }
}

export function moduleCommand(): Command {
  return new Command("module")
    .description("Write the Terraform module of the MediaConvert role (JSON configuration, README) into a directory.")
    .requiredOption("-o, --out <dir>", "directory for the module: new, empty, or an earlier output of module (replaced whole)")
    .addHelpText(
      "after",
      `
Call it from Terraform with: module "mediaconvert_role" { source = "./<dir>" }; its README lists the
inputs and outputs. ${EXIT_CODES_HELP}`,
    )
    .action((options: { out: string }) => {
      process.exitCode = writeModule(options.out);
    });
}
