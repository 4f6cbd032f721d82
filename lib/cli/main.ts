#!/usr/bin/env node
/**
 * The command line, `mediaconvert-role-cdktf` (the package's `bin`): argument parsing and exit
 * codes only. Each subcommand lives in its own file and returns a commander `Command`; they are
 * registered here. Exit codes: 0 success, 1 invalid input (every problem listed, nothing
 * written), 2 usage error (unknown command or option, missing option value).
 */
import { Command, CommanderError } from "commander";
import { adoptCommand } from "./adopt";
import { moduleCommand } from "./module";
import { EXIT, EXIT_CODES_HELP } from "./output";
import { packageInfo } from "./package-info";
import { schemaCommand } from "./schema";
import { synthCommand } from "./synth";

/** The subcommands, in the order `--help` lists them. */
const COMMANDS: readonly (() => Command)[] = [synthCommand, moduleCommand, schemaCommand, adoptCommand];

/** The program with every subcommand; parse errors throw (exitOverride) instead of exiting. */
export function createProgram(): Command {
  const { name: programName, version } = packageInfo();
  const program = new Command(programName)
    .description("The AWS Elemental MediaConvert IAM service role as Terraform: synthesize stacks from a config, write the Terraform module, print the config's JSON Schema, adopt a role that exists.")
    .version(version, "-V, --version", "print the version")
    .addHelpText("after", `\n${EXIT_CODES_HELP}`);
  for (const command of COMMANDS) program.addCommand(command());
  for (const command of [program, ...program.commands]) {
    const name = command === program ? programName : `${programName} ${command.name()}`;
    command.exitOverride().showHelpAfterError(`Run "${name} --help" for the usage.`);
  }
  return program;
}

/** Runs the command line on `argv` (without node and the script) and resolves with the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    await createProgram().parseAsync([...argv], { from: "user" });
  } catch (e) {
    // Commander has printed the message (or the help, or the version) already.
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
  return Number(process.exitCode ?? EXIT.ok);
}

if (require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
