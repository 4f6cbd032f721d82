/**
 * `verify <job files...> --role-name <name> [--config <file>] [--stack <stack>] [--json] [--live [--region <r>]]`:
 * whether the role lets MediaConvert run the jobs and job templates, each denial with the
 * settings path and the config change that fixes it. The checks, the config schema and (with
 * --live) the AWS SDK load only when the command runs; cdktf never does.
 */
import { Command } from "commander";
import type { CliContext } from "./context";
import { lines } from "./context";

/** The parsed options of `verify`. */
export interface VerifyCliOptions {
  readonly roleName: string;
  readonly config?: string;
  readonly stack?: string;
  readonly json?: boolean;
  readonly live?: boolean;
  readonly region?: string;
}

/** 0 every job can run, 1 one cannot (or the input is bad: every problem listed), 2 usage error. */
export const VERIFY_EXIT = { canRun: 0, cannotRun: 1, invalidInput: 1, usage: 2 } as const;

const VERIFY_EXIT_HELP =
  "Exit codes: 0 every job and job template can run, 1 one cannot (or invalid input: every problem listed), 2 usage error (an unknown option, role or stack).";

/** Runs verify; prints the report (or the problems) and returns the exit code. */
export async function runVerify(jobs: readonly string[], options: VerifyCliOptions, context: CliContext): Promise<number> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const verify = require("../app/verify") as typeof import("../app/verify");
  const { ConfigError } = require("../app/messages") as typeof import("../app/messages");
  const { JobDocumentError } = require("../jobs/messages") as typeof import("../jobs/messages");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const count = (n: number) => `${n} problem${n === 1 ? "" : "s"}`;
  const base = { jobs, roleName: options.roleName, cwd: context.cwd, env: context.env, ...(options.config !== undefined ? { config: options.config } : {}), ...(options.stack !== undefined ? { stack: options.stack } : {}) };
  try {
    let report: import("../app/verify").VerifyReport;
    if (options.live) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { IAMClient } = require("@aws-sdk/client-iam") as typeof import("@aws-sdk/client-iam");
      // Credentials, endpoint (AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL), profile and retries: the SDK's own defaults.
      const client = new IAMClient(options.region !== undefined ? { region: options.region } : {});
      try {
        report = await verify.verifyLive({ ...base, ...(options.region !== undefined ? { region: options.region } : {}) }, client);
      } finally {
        client.destroy();
      }
    } else {
      report = await verify.verifyAgainstConfig(base);
    }
    if (options.json) lines(context.out)(`${JSON.stringify(report, null, 2)}\n`);
    else for (const line of verify.formatReport(report)) context.out(line);
    return report.canRun ? VERIFY_EXIT.canRun : VERIFY_EXIT.cannotRun;
  } catch (e) {
    if (e instanceof verify.VerifyUsageError) {
      context.err(`error: ${e.message}`);
      return VERIFY_EXIT.usage;
    }
    if (e instanceof ConfigError) {
      context.err(`Verify failed: ${count(e.problems.length)} in ${e.file}.`);
      for (const problem of e.problems) context.err(`${e.file}: ${problem}`);
      return VERIFY_EXIT.invalidInput;
    }
    if (e instanceof JobDocumentError) {
      context.err(`Verify failed: ${count(e.problems.length)} in the job documents.`);
      for (const problem of e.problems) context.err(problem);
      return VERIFY_EXIT.invalidInput;
    }
    if (e instanceof verify.VerifyLiveError) {
      context.err(`Verify failed: ${e.message}`);
      return VERIFY_EXIT.invalidInput;
    }
    context.err(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return VERIFY_EXIT.usage;
  }
}

/** The `verify` subcommand. */
export function verifyCommand(context: CliContext, done: (code: number) => void): Command {
  return new Command("verify")
    .description("Check that a role lets MediaConvert run jobs and job templates: every access they need, and the trust policy for their queues")
    .argument("<jobs...>", "job documents: files or directories of *.json (CreateJob requests, get-job, list-jobs, job templates)")
    .requiredOption("--role-name <name>", "the role's name in the config (not case-sensitive), e.g. MediaConvert_Default_Role")
    .option("-c, --config <file>", "config file (default: MEDIACONVERT_CONFIG, else mediaconvert.config.json at the project root, else the built-in default)")
    .option("--stack <stack>", "the stack of the role, when its name is in several")
    .option("--json", "print the report as JSON (docs/verify.md describes it)")
    .option("--live", "verify the deployed role through IAM's policy simulator (iam:GetRole, iam:SimulatePrincipalPolicy) instead of the config")
    .option("--region <region>", "with --live: AWS region for the IAM client (default: the SDK's, e.g. AWS_REGION)")
    .addHelpText(
      "after",
      `
Against the config it needs no AWS and no Terraform: the role's documents are evaluated as IAM
would. It cannot see bucket policies, key policies, service control policies or a permissions
boundary known only by its ARN; --live checks the deployed role with IAM's own simulator.
docs/verify.md tells more. ${VERIFY_EXIT_HELP}`,
    )
    .action(async (jobs: string[], options: VerifyCliOptions) => {
      done(await runVerify(jobs, options, context));
    });
}
