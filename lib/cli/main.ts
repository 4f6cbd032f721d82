#!/usr/bin/env node
/**
 * The command line, `mediaconvert-role-cdktf` (the package's `bin`): argument parsing and exit
 * codes only. Each subcommand lives in its own file and returns a commander `Command` that runs
 * in the context it is given (working directory, environment, stdout and stderr: the process's,
 * unless a test passes its own) and reports its exit code; they are registered here. Exit codes:
 * 0 success, 1 invalid input (every problem listed, nothing written), 2 usage error (unknown
 * command or option, missing option value).
 */
import { Command, CommanderError } from "commander";
import { adoptCommand } from "./adopt";
import { CliContext, lines, processContext } from "./context";
import { deriveCommand } from "./derive";
import { hclCommand } from "./hcl";
import { moduleCommand } from "./module";
import { EXIT, EXIT_CODES_HELP } from "./output";
import { packageInfo } from "./package-info";
import { schemaCommand } from "./schema";
import { synthCommand } from "./synth";
import { verifyCommand } from "./verify";

/** A subcommand: built for one run, it runs in `context` and reports its exit code to `done`. */
type Subcommand = (context: CliContext, done: (code: number) => void) => Command;

/** The subcommands, in the order `--help` lists them. */
const COMMANDS: readonly Subcommand[] = [synthCommand, moduleCommand, schemaCommand, adoptCommand, deriveCommand, verifyCommand, hclCommand];

/**
 * The program with every subcommand, printing to `context`; parse errors throw (exitOverride)
 * instead of exiting. A subcommand's exit code goes to `done`.
 */
export function createProgram(context: CliContext, done: (code: number) => void): Command {
  const { name: programName, version } = packageInfo();
  const program = new Command(programName)
    .description(
      "The AWS Elemental MediaConvert IAM service role as Terraform: synthesize stacks from a config, write the Terraform module, print the config's JSON Schema, adopt a role that exists, turn a synthesized stack into HCL.",
    )
    .version(version, "-V, --version", "print the version")
    .addHelpText("after", `\n${EXIT_CODES_HELP}`);
  for (const command of COMMANDS) program.addCommand(command(context, done));
  const output = {
    writeOut: lines(context.out),
    writeErr: lines(context.err),
    getOutHelpWidth: () => context.columns ?? 80,
    getErrHelpWidth: () => context.columns ?? 80,
  };
  for (const command of [program, ...program.commands]) {
    const name = command === program ? programName : `${programName} ${command.name()}`;
    command.exitOverride().configureOutput(output).showHelpAfterError(`Run "${name} --help" for the usage.`);
  }
  return program;
}

/**
 * Runs the command line on `argv` (without node and the script) in `context` and resolves with
 * the exit code; nothing of the process (its exit code, working directory, environment) changes.
 */
export async function run(argv: readonly string[], context: CliContext = processContext()): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await createProgram(context, (c) => (code = c)).parseAsync([...argv], { from: "user" });
  } catch (e) {
    // Commander has printed the message (or the help, or the version) already.
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
  return code;
}

if (require.main === module) {
  // The AWS SDK's clients (adopt's) print a seven-line NodeVersionSupportWarning on Node.js 20: SDK
  // releases after the first week of January 2027 require Node.js 22 (docs/node-support.md). The
  // program owns its process and sets the SDK's documented switch, unless the user has set it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  // A reader that stops early (`... --help | head`) closes the pipe: the rest of the output has
  // nowhere to go, and is dropped; the command still ends with its own exit code.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
  });
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
