/**
 * `adopt --role-name <name> --stack <stack> [--region <r>] [--config <file>] [--dry-run]`:
 * writes the config entry of a role that exists already (made in the console, say), read over
 * the IAM API, with `adopt: true`. The AWS SDK loads only when the command runs.
 */
import * as path from "path";
import { Command } from "commander";
import type { AdoptResult } from "../app/adopt";
import { CONFIG_FILE_NAME, projectRoot } from "../app/project-root";
import { ConfigError } from "../app/messages";
import type { CliContext } from "./context";

/** The parsed options of `adopt`. */
export interface AdoptCliOptions {
  readonly roleName: string;
  readonly stack: string;
  readonly region?: string;
  readonly config?: string;
  readonly dryRun?: boolean;
}

/** The config file: --config, else MEDIACONVERT_CONFIG, else mediaconvert.config.json at the project root (as synth picks it). */
export function adoptConfigFile(options: AdoptCliOptions, context: CliContext): string {
  if (options.config !== undefined) return options.config;
  const fromEnv = context.env.MEDIACONVERT_CONFIG;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  return path.relative(context.cwd, path.join(projectRoot(context.cwd), CONFIG_FILE_NAME)) || CONFIG_FILE_NAME;
}

function printResult(result: AdoptResult, context: CliContext): void {
  const imports = 1 + [result.entry.attachS3FullAccess, result.entry.attachApiGatewayInvokeFullAccess].filter((a) => a !== false).length;
  if (!result.written) {
    context.out(JSON.stringify(result.entry, null, 2));
  } else {
    const stack = result.stackCreated ? `new stack "${result.stack}"` : `stack "${result.stack}"`;
    context.out(`Adopted role "${result.entry.roleName}" into ${stack} of ${result.file} (adopt: true, preventDestroy: true).`);
  }
  if (result.notRepresented.length > 0) {
    context.out(`The config cannot hold ${result.notRepresented.length} thing${result.notRepresented.length === 1 ? "" : "s"} of the live role:`);
    for (const item of result.notRepresented) context.out(`- ${item}`);
  } else {
    context.out("The config holds everything the live role has.");
  }
  for (const note of result.notes) context.out(`Note: ${note}`);
  context.out(
    result.written
      ? `Next: synthesize (npm run synth) and run terraform plan for stack "${result.stack}": it should read "${imports} to import, 0 to add" for the role and its attachments, plus the config's KMS policy when it has keys.`
      : `Dry run: nothing was written to ${result.file}.`,
  );
}

/** Runs adopt; returns the exit code (0 done, 1 a problem the user can fix, 2 anything else). */
export async function runAdopt(options: AdoptCliOptions, context: CliContext): Promise<number> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { AdoptError, adoptRole } = require("../app/adopt") as typeof import("../app/adopt");
  const { IAMClient } = require("@aws-sdk/client-iam") as typeof import("@aws-sdk/client-iam");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const file = adoptConfigFile(options, context);
  // Credentials, endpoint (AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL), profile and retries: the SDK's own defaults.
  const client = new IAMClient(options.region !== undefined ? { region: options.region } : {});
  try {
    const result = await adoptRole(
      { roleName: options.roleName, stack: options.stack, region: options.region, configFile: file, dryRun: options.dryRun },
      client,
      context.env,
    );
    printResult(result, context);
    return 0;
  } catch (e) {
    if (e instanceof AdoptError) {
      context.err(`Adopt failed; nothing was written. ${e.message}`);
      return 1;
    }
    if (e instanceof ConfigError) {
      context.err(`Adopt failed: ${e.problems.length} problem${e.problems.length === 1 ? "" : "s"} in ${e.file}; nothing was written.`);
      for (const problem of e.problems) context.err(`${e.file}: ${problem}`);
      return 1;
    }
    context.err(`Adopt failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 2;
  } finally {
    client.destroy();
  }
}

/** The `adopt` subcommand. */
export function adoptCommand(context: CliContext, done: (code: number) => void): Command {
  return new Command("adopt")
    .description("Write the config entry (adopt: true) of a MediaConvert role that exists already, read over the IAM API")
    .requiredOption("--role-name <name>", "the live role's name, e.g. MediaConvert_Default_Role")
    .requiredOption("--stack <stack>", "the config stack to add the role to (created when missing)")
    .option("--region <region>", "AWS region for the IAM client and a new stack (default: the SDK's, e.g. AWS_REGION)")
    .option("--config <file>", "config file to merge into (default: MEDIACONVERT_CONFIG, else mediaconvert.config.json at the project root)")
    .option("--dry-run", "print the entry and what it cannot hold; write nothing")
    .action(async (options: AdoptCliOptions) => {
      done(await runAdopt(options, context));
    });
}
