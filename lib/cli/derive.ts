/**
 * `derive <job files or directories...> --stack <s> --role-name <n> [--config <file>] [--dry-run]
 * [--depth <n>] [--from-account [--region <r>] [--since <duration>] [--queue <name>...]]`: writes
 * the `scoped` role entry that grants what the jobs need into the config file. Argument parsing,
 * printing and exit codes only; the logic is lib/app/derive.ts, loaded when the command runs
 * (it loads neither cdktf nor the provider bindings; the AWS SDK only with --from-account).
 */
import { Command, InvalidArgumentError } from "commander";
import type { DeriveResult } from "../app/derive";
import { ConfigError } from "../app/messages";
import type { CliContext } from "./context";
import { EXIT, EXIT_CODES_HELP } from "./output";

/** The parsed options of `derive`. */
export interface DeriveCliOptions {
  readonly stack: string;
  readonly roleName: string;
  readonly config?: string;
  readonly dryRun?: boolean;
  readonly depth?: number;
  readonly fromAccount?: boolean;
  readonly region?: string;
  readonly since?: Date;
  readonly queue?: readonly string[];
  readonly inputKey?: Readonly<Record<string, string>>;
  readonly outputKey?: Readonly<Record<string, string>>;
  readonly decryptionKey?: readonly string[];
  readonly outputMultipartUpload?: boolean;
}

const UNITS: Readonly<Record<string, { readonly ms: number; readonly name: string }>> = {
  d: { ms: 86_400_000, name: "day" },
  h: { ms: 3_600_000, name: "hour" },
  m: { ms: 60_000, name: "minute" },
};

/**
 * `--since`: a duration back from `now` (`90d`, `12h`, `30m`) or an ISO date (`2024-05-01`,
 * `2024-05-01T12:00:00Z`). Throws a message that names the value, the rule and the fix.
 */
export function parseSince(text: string, now: Date): Date {
  const duration = /^(\d+)([dhm])$/.exec(text);
  if (duration !== null) {
    const amount = Number(duration[1]);
    if (amount === 0) throw new InvalidArgumentError(`"${text}" is no time at all: give at least one ${UNITS[duration[2]].name} (e.g. 30m), or an ISO date.`);
    return new Date(now.getTime() - amount * UNITS[duration[2]].ms);
  }
  const date = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/.test(text) ? new Date(text) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(`"${text}" is not a duration or a date: give days, hours or minutes back from now (90d, 12h, 30m) or an ISO date (2024-05-01, 2024-05-01T12:00:00Z).`);
  }
  if (date.getTime() > now.getTime()) throw new InvalidArgumentError(`"${text}" is in the future: no job was created after it. Give a past date, or a duration such as 90d.`);
  return date;
}

/** `--depth`: a whole number of directories, 0 or more. */
export function parseDepth(text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError(`"${text}" is not a number of directories: give 0 or more, e.g. --depth 2 (0 grants whole buckets).`);
  return Number(text);
}

/** A KMS key ARN option's value, checked with the config's own rule. */
function keyArn(text: string, option: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { VALUE_RULES } = require("../core/rules") as typeof import("../core/rules");
  const problems = VALUE_RULES.kmsKeyArn(text);
  if (problems.length > 0) throw new InvalidArgumentError(`${problems.join(" ")} (${option} takes a key ARN: arn:<partition>:kms:<region>:<account>:key/<key id>.)`);
  return text;
}

/** `--input-key` / `--output-key`: `<bucket>=<key ARN>`, repeatable, one key per bucket. */
function bucketKey(option: string) {
  return (text: string, previous: Readonly<Record<string, string>> = {}): Readonly<Record<string, string>> => {
    const at = text.indexOf("=");
    const [bucket, arn] = at > 0 && at < text.length - 1 ? [text.slice(0, at), text.slice(at + 1)] : [undefined, undefined];
    if (bucket === undefined || arn === undefined) {
      throw new InvalidArgumentError(
        `"${text}" is not <bucket>=<key ARN>: give the bucket and the KMS key it encrypts with by default, e.g. ${option} media-in=arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab.`,
      );
    }
    keyArn(arn, option);
    if (previous[bucket] !== undefined && previous[bucket] !== arn) {
      throw new InvalidArgumentError(`bucket "${bucket}" is given two keys (${previous[bucket]} and ${arn}): a bucket encrypts by default with one key. Give the one it uses.`);
    }
    return { ...previous, [bucket]: arn };
  };
}

const collect = (value: string, previous: readonly string[] = []): readonly string[] => [...previous, value];

const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function printResult(result: DeriveResult, context: CliContext): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const messages = require("../app/derive-messages") as typeof import("../app/derive-messages");
  const { out } = context;
  if (!result.written && result.changes.length > 0) out(JSON.stringify(result.props, null, 2));
  const from = `from ${count(result.jobs, "job")}${result.templates > 0 ? ` and ${count(result.templates, "job template")}` : ""}`;
  const stack = result.stackCreated ? `new stack "${result.stack}"` : `stack "${result.stack}"`;
  const role = `"${result.props.roleName}"`;
  if (result.entryCreated) {
    out(`Derived role ${role} ${from}: new scoped entry ${result.entryPath} of ${stack} in ${result.file}.`);
  } else if (result.changes.length > 0) {
    out(`Derived role ${role} ${from}: ${count(result.changes.length, "addition")} to the scoped entry ${result.entryPath} of ${stack} in ${result.file}, nothing removed.`);
  } else {
    out(`Derived role ${role} ${from}: the scoped entry ${result.entryPath} of ${stack} in ${result.file} grants everything the jobs need already. Nothing to add; the file is unchanged.`);
  }
  for (const change of result.changes) out(`+ ${change.path}: ${JSON.stringify(change.value)}`);
  if (result.widened.length > 0) {
    out(messages.widenedBecause(result.props.roleName ?? "", result.sizes.narrowest, !result.sizes.narrowestExact, result.sizes.final, result.sizes.budget));
    for (const w of result.widened) out(`- ${messages.widenedTo(w.bucket, w.direction, w.to, w.from)}`);
  }
  for (const note of result.notes) out(`Note: ${note}`);
  if (result.notGranted.length > 0) {
    out(`The role does not grant ${count(result.notGranted.length, "thing")} the jobs need:`);
    for (const item of result.notGranted) out(`- ${item}`);
  }
  if (result.undecided.length > 0) {
    out(`Derive could not decide ${count(result.undecided.length, "thing")} the jobs do not show; supply what applies:`);
    for (const item of result.undecided) out(`- ${item}`);
  }
  if (result.jobNotes.length > 0) {
    // One line per kind of note: thousands of jobs can note the same thing about thousands of values.
    const byKind = new Map<string, string[]>();
    for (const note of result.jobNotes) byKind.set(note.kind, [...(byKind.get(note.kind) ?? []), note.text]);
    out(`Needs no grant (${count(result.jobNotes.length, "note")}):`);
    for (const texts of byKind.values()) out(`- ${texts[0]}${texts.length > 1 ? ` (and ${count(texts.length - 1, "more like it")})` : ""}`);
  }
  if (result.written) {
    out(
      `Wrote ${result.file}. Next: review the diff; synthesize (npm run synth) and read the stack's permissions.md; run terraform plan; verify the jobs against the role; then switch the jobs' Role to it.`,
    );
  } else if (result.changes.length > 0) {
    out(`Dry run: nothing was written to ${result.file}.`);
  }
}

/** Runs derive; returns the exit code (0 done, 1 a problem the user can fix, nothing written; 2 anything else). */
export async function runDerive(paths: readonly string[], options: DeriveCliOptions, context: CliContext): Promise<number> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { DeriveError, deriveRole } = require("../app/derive") as typeof import("../app/derive");
  const { configFileToEdit } = require("../app/config-edit") as typeof import("../app/config-edit");
  const { AccountReadError, JobDocumentError } = require("../jobs/messages") as typeof import("../jobs/messages");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const file = configFileToEdit(options.config, context.cwd, context.env);
  try {
    const result = await deriveRole(
      {
        paths,
        ...(options.fromAccount === true
          ? {
              fromAccount: {
                ...(options.region !== undefined ? { region: options.region } : {}),
                ...(options.since !== undefined ? { since: options.since } : {}),
                ...(options.queue !== undefined ? { queues: options.queue } : {}),
              },
            }
          : {}),
        roleName: options.roleName,
        stack: options.stack,
        configFile: file,
        ...(options.region !== undefined ? { region: options.region } : {}),
        ...(options.dryRun === true ? { dryRun: true } : {}),
        ...(options.depth !== undefined ? { depth: options.depth } : {}),
        ...(options.inputKey !== undefined ? { inputKeys: options.inputKey } : {}),
        ...(options.outputKey !== undefined ? { outputKeys: options.outputKey } : {}),
        ...(options.decryptionKey !== undefined ? { decryptionKeys: options.decryptionKey } : {}),
        ...(options.outputMultipartUpload === true ? { outputMultipartUpload: true } : {}),
      },
      context.env,
    );
    printResult(result, context);
    return EXIT.ok;
  } catch (e) {
    const problems = (list: readonly string[], where: string) => {
      context.err(`Derive failed: ${count(list.length, "problem")}${where}; nothing was written.`);
      for (const problem of list) context.err(problem);
      return EXIT.invalidInput;
    };
    if (e instanceof ConfigError) return problems(e.problems.map((p) => `${e.file}: ${p}`), ` in ${e.file}`);
    if (e instanceof JobDocumentError) return problems(e.problems, " in the job documents");
    if (e instanceof DeriveError) return problems(e.problems, "");
    if (e instanceof AccountReadError) {
      context.err(`Derive failed; nothing was written. ${e.message}`);
      return EXIT.invalidInput;
    }
    context.err(`Derive failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT.usage;
  }
}

/** The `derive` subcommand. */
export function deriveCommand(context: CliContext, done: (code: number) => void): Command {
  const command: Command = new Command("derive")
    .description("Write the scoped role entry that grants exactly what MediaConvert jobs need, derived from the jobs and job templates, into the config")
    .argument("[paths...]", "job documents: files, or directories searched for *.json (get-job, list-jobs, get-job-template output, CreateJob requests)")
    .requiredOption("--stack <stack>", "the config stack to write the role into (created when missing)")
    .requiredOption("--role-name <name>", "the role's name: a new scoped entry, or an existing scoped entry to add to")
    .option("--config <file>", "config file to merge into (default: MEDIACONVERT_CONFIG, else mediaconvert.config.json at the project root)")
    .option("--dry-run", "print the entry and the diff; write nothing")
    .option("--depth <n>", "cut every prefix after its n-th directory (0 grants whole buckets)", parseDepth)
    .option("--from-account", "also read the account's recent jobs and its job templates (mediaconvert:ListJobs, ListJobTemplates, GetJobTemplate)")
    .option("--region <region>", "region to read with --from-account, and of a new stack (default: the jobs', else the SDK's, e.g. AWS_REGION)")
    .option("--since <duration>", "with --from-account, only jobs created since: 90d, 12h, 30m or an ISO date (default: every job MediaConvert keeps, 90 days)", (v) => parseSince(v, new Date()))
    .option("--queue <name>", "with --from-account, only the jobs of this queue (name or ARN); repeatable", collect)
    .option("--input-key <bucket=arn>", "the KMS key a bucket read from encrypts with by default (SSE-KMS); repeatable", bucketKey("--input-key"))
    .option("--output-key <bucket=arn>", "the KMS key a bucket written to encrypts with by default (SSE-KMS); repeatable", bucketKey("--output-key"))
    .option("--decryption-key <arn>", "the KMS key of client-side encrypted inputs; repeatable", (v, previous?: readonly string[]) => collect(keyArn(v, "--decryption-key"), previous))
    .option("--output-multipart-upload", "also allow kms:Decrypt on the output buckets' keys (S3 needs it to complete multipart uploads)")
    .addHelpText(
      "after",
      `
Prefixes: per bucket, reads and writes apart, objects and prefixes are grouped by directory; each
directory gives the longest common prefix of its members (a single file stays exact). When the
inline policy would exceed IAM's 10,240 characters, prefixes widen to parent directories, the
deepest first, and derive says which. See docs/derive.md.
${EXIT_CODES_HELP}`,
    )
    .action(async (paths: string[], options: DeriveCliOptions) => {
      if (paths.length === 0 && options.fromAccount !== true) {
        command.error("error: give job files or directories, or --from-account to read the account's recent jobs and job templates.");
      }
      if (options.fromAccount !== true && (options.since !== undefined || options.queue !== undefined)) {
        command.error(`error: ${options.since !== undefined ? "--since" : "--queue"} chooses which of the account's jobs to read: use it with --from-account.`);
      }
      done(await runDerive(paths, options, context));
    });
  return command;
}
