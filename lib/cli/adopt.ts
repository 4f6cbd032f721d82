/**
 * `adopt --role-name <name> --stack <stack> [--region <r>] [--config <file>] [--dry-run]`:
 * writes the config entry of a role that exists already (made in the console, say), read over
 * the IAM API, with `adopt: true`. `adopt --role-name <name> --module <name> [--module-source <s>]`
 * prints, for Terraform roots that call the generated module, the root-level `import` blocks and
 * the module call that reproduce the live role, and writes nothing. The AWS SDK loads only when
 * the command runs.
 */
import * as path from "path";
import { Command, InvalidArgumentError, Option } from "commander";
import type { AdoptResult, ModuleAdoption } from "../app/adopt";
import {
  adoptModuleNameInvalid,
  adoptModuleSourceWithoutModule,
  adoptModuleWithConfigOptions,
  adoptNeedsStackOrModule,
  ConfigError,
  MODULE_NAME_PATTERN,
} from "../app/messages";
import { CONFIG_FILE_NAME, packageManifest, projectRoot } from "../app/project-root";
import type { CliContext } from "./context";
import { EXIT, EXIT_CODES_HELP } from "./output";

/** The parsed options of `adopt`. */
export interface AdoptCliOptions {
  readonly roleName: string;
  /** The config stack to add the role to; required unless `module` is given. */
  readonly stack?: string;
  readonly region?: string;
  readonly config?: string;
  readonly dryRun?: boolean;
  /** Print the module call `module "<module>"` and its import blocks instead of writing the config. */
  readonly module?: string;
  /** The module call's `source`. @default "./modules/mediaconvert-role" */
  readonly moduleSource?: string;
}

/** The config file: --config, else MEDIACONVERT_CONFIG, else mediaconvert.config.json at the project root (as synth picks it). */
export function adoptConfigFile(options: AdoptCliOptions, context: CliContext): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { configFileToEdit } = require("../app/config-edit") as typeof import("../app/config-edit");
  return configFileToEdit(options.config, context.cwd, context.env);
}

/** A word as a POSIX shell reads it back: as it is when it holds nothing the shell treats specially, else in single quotes. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that synthesizes the config `file` (as adopt was given it, relative to `cwd`), as
 * this package is run there: inside this package's own repository, `npm run synth` (which runs
 * at the repository's root, so the path is taken from there); anywhere else, the installed
 * package's bin through npx. `--config` is left out when synth would find the file by itself
 * (mediaconvert.config.json at the project root, no MEDIACONVERT_CONFIG).
 */
export function synthCommandLine(file: string, context: CliContext): string {
  const manifest = packageManifest();
  const root = projectRoot(context.cwd);
  const absolute = path.resolve(context.cwd, file);
  const found = !context.env.MEDIACONVERT_CONFIG && absolute === path.join(root, CONFIG_FILE_NAME);
  if (path.resolve(manifest.dir) === root) {
    const fromRoot = path.relative(root, absolute).split(path.sep).join("/");
    return found ? "npm run synth" : `npm run synth -- --config ${shellWord(fromRoot)}`;
  }
  return `npx ${manifest.name} synth${found ? "" : ` --config ${shellWord(file)}`}`;
}

function printResult(result: AdoptResult, context: CliContext): void {
  const imports = 1 + [result.entry.attachS3FullAccess, result.entry.attachApiGatewayInvokeFullAccess].filter((a) => a !== false).length;
  if (!result.written) {
    context.out(JSON.stringify(result.entry, null, 2));
  } else {
    const stack = result.stackCreated ? `new stack "${result.stack}"` : `stack "${result.stack}"`;
    context.out(`Adopted role "${result.entry.roleName}" into ${stack} of ${result.file} (adopt: true, preventDestroy: true).`);
  }
  printNotRepresented(result.notRepresented, "config", context.out);
  for (const note of result.notes) context.out(`Note: ${note}`);
  context.out(
    result.written
      ? `Next: synthesize (${synthCommandLine(result.file, context)}) and run terraform plan for stack "${result.stack}": it should read "${imports} to import, 0 to add" for the role and its attachments, plus the config's KMS policy when it has keys.`
      : `Dry run: nothing was written to ${result.file}.`,
  );
}

function printNotRepresented(items: readonly string[], target: string, print: (line: string) => void): void {
  if (items.length > 0) {
    print(`The ${target} cannot hold ${items.length} thing${items.length === 1 ? "" : "s"} of the live role:`);
    for (const item of items) print(`- ${item}`);
  } else {
    print(`The ${target} holds everything the live role has.`);
  }
}

/** The module call on stdout (HCL only, for a `.tf` file); what it cannot hold and what comes next on stderr. */
function printModuleCall(adoption: ModuleAdoption, context: CliContext): void {
  context.out(adoption.hcl.replace(/\n$/, ""));
  printNotRepresented(adoption.notRepresented, "module call", context.err);
  for (const note of adoption.notes) context.err(`Note: ${note}`);
  const adds = adoption.adds > 0 ? `${adoption.adds} to add (the module's inline KMS policy "kms-sse-keys")` : "0 to add";
  context.err(
    `Next: put these blocks into your Terraform root (a .tf file next to your other module calls; import blocks work only in the root module), then terraform init and terraform plan: it should read "${adoption.imports.length} to import, ${adds}" and destroy nothing. Remove the import blocks after the first apply.`,
  );
}

/** Runs adopt; returns the exit code (0 done, 1 a problem the user can fix, 2 anything else). */
export async function runAdopt(options: AdoptCliOptions, context: CliContext): Promise<number> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { AdoptError, adoptRole, adoptRoleAsModule } = require("../app/adopt") as typeof import("../app/adopt");
  const { IAMClient } = require("@aws-sdk/client-iam") as typeof import("@aws-sdk/client-iam");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const file = options.module === undefined ? adoptConfigFile(options, context) : undefined;
  // Credentials, endpoint (AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL), profile and retries: the SDK's own defaults.
  const client = new IAMClient(options.region !== undefined ? { region: options.region } : {});
  try {
    if (options.module !== undefined) {
      printModuleCall(await adoptRoleAsModule({ roleName: options.roleName, moduleName: options.module, source: options.moduleSource }, client), context);
      return EXIT.ok;
    }
    if (options.stack === undefined || file === undefined) {
      context.err(`error: ${adoptNeedsStackOrModule()}`);
      return EXIT.usage;
    }
    const result = await adoptRole(
      { roleName: options.roleName, stack: options.stack, region: options.region, configFile: file, dryRun: options.dryRun },
      client,
      context.env,
    );
    printResult(result, context);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof AdoptError) {
      context.err(`Adopt failed; nothing was written. ${e.message}`);
      return EXIT.invalidInput;
    }
    if (e instanceof ConfigError) {
      context.err(`Adopt failed: ${e.problems.length} problem${e.problems.length === 1 ? "" : "s"} in ${e.file}; nothing was written.`);
      for (const problem of e.problems) context.err(`${e.file}: ${problem}`);
      return EXIT.invalidInput;
    }
    context.err(`Adopt failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT.usage;
  } finally {
    client.destroy();
  }
}

/** `--module`'s value: a Terraform module name. */
function moduleName(text: string): string {
  if (!MODULE_NAME_PATTERN.test(text)) throw new InvalidArgumentError(adoptModuleNameInvalid(text));
  return text;
}

/** The `adopt` subcommand. */
export function adoptCommand(context: CliContext, done: (code: number) => void): Command {
  const command: Command = new Command("adopt")
    .description("Write the config entry (adopt: true) of a MediaConvert role that exists already, read over the IAM API; or, with --module, print the import blocks and the call of the Terraform module that adopt it")
    .requiredOption("--role-name <name>", "the live role's name, e.g. MediaConvert_Default_Role")
    .option("--stack <stack>", "the config stack to add the role to (created when missing); required without --module")
    .option("--region <region>", "AWS region for the IAM client and a new stack (default: the SDK's, e.g. AWS_REGION)")
    .option("--config <file>", "config file to merge into (default: MEDIACONVERT_CONFIG, else mediaconvert.config.json at the project root)")
    .option("--dry-run", "print the entry and what it cannot hold; write nothing")
    .addOption(new Option("--module <name>", "print the root-level import blocks and the module call that adopt the role into the Terraform module, as HCL; write no config").argParser(moduleName))
    .option("--module-source <source>", `with --module, the module call's source (default: ./modules/mediaconvert-role, where "module --out modules/mediaconvert-role" writes it)`)
    .addHelpText(
      "after",
      `
With --module, the HCL goes to stdout (redirect it into a .tf file of your Terraform root) and what
the module call cannot hold goes to stderr. See docs/adopting.md.
${EXIT_CODES_HELP}`,
    )
    .action(async (options: AdoptCliOptions) => {
      if (options.module !== undefined) {
        const configOnly = [
          ...(options.stack !== undefined ? [`--stack ${options.stack}`] : []),
          ...(options.config !== undefined ? [`--config ${options.config}`] : []),
          ...(options.dryRun === true ? ["--dry-run"] : []),
        ];
        if (configOnly.length > 0) command.error(`error: ${adoptModuleWithConfigOptions(options.module, configOnly)}`);
      } else if (options.stack === undefined) {
        command.error(`error: ${adoptNeedsStackOrModule()}`);
      } else if (options.moduleSource !== undefined) {
        command.error(`error: ${adoptModuleSourceWithoutModule(options.moduleSource)}`);
      }
      done(await runAdopt(options, context));
    });
  return command;
}
