/**
 * The derive command's logic: read job documents (files, directories, and with `fromAccount` the
 * account's recent jobs and job templates), extract what they need, derive the `scoped` role
 * entry that grants it (`derive-props.ts`), and merge it into the config file as adopt does:
 * validated as a whole before anything is written, replaced atomically, never over another
 * entry; into an existing scoped entry of that name it adds what is missing and removes nothing.
 * Loads neither cdktf nor the provider bindings; the AWS SDK only with `fromAccount`.
 */
import { readAccountDocuments, type AccountReadOptions } from "../jobs/account";
import { extractAccesses } from "../jobs/accesses";
import { readJobDocuments, type JobEntry } from "../jobs/documents";
import type { AccessReport, Note } from "../jobs/model";
import { asList, checkEditedConfig, type ConfigJson, findRoleEntry, readConfigJson, stackForEdit, writeConfigJson, writtenBy } from "./config-edit";
import * as messages from "./derive-messages";
import { deriveRoleProps, type DerivedRole } from "./derive-props";

/** A failure of derive the user can fix: every problem, printed as is, exit 1; nothing is written. */
export class DeriveError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "DeriveError";
  }
}

/** Options of derive. */
export interface DeriveOptions {
  /** Job documents: files, and directories searched for `*.json`. */
  readonly paths: readonly string[];
  /** Also read the account's recent jobs and job templates (`--from-account`). @default - files only */
  readonly fromAccount?: AccountReadOptions;
  readonly roleName: string;
  /** The config stack to write into (created when missing). */
  readonly stack: string;
  /** The config file to merge into (created when missing). */
  readonly configFile: string;
  /** The region of a new stack, and of jobs whose documents show none. @default - the jobs' region */
  readonly region?: string;
  /** Print the entry and the diff, write nothing. */
  readonly dryRun?: boolean;
  /** Cut every prefix after its n-th `/` (0: whole buckets). @default - the narrowest prefixes */
  readonly depth?: number;
  /** Default encryption keys of buckets read, by bucket (`--input-key`). */
  readonly inputKeys?: Readonly<Record<string, string>>;
  /** Default encryption keys of buckets written, by bucket (`--output-key`). */
  readonly outputKeys?: Readonly<Record<string, string>>;
  /** Keys of client-side encrypted inputs (`--decryption-key`). */
  readonly decryptionKeys?: readonly string[];
  /** Also allow kms:Decrypt on output keys for multipart uploads. @default false */
  readonly outputMultipartUpload?: boolean;
}

/** What derive did. */
export interface DeriveResult extends DerivedRole {
  readonly file: string;
  readonly stack: string;
  /** True when the stack was added to the file. */
  readonly stackCreated: boolean;
  /** Where the entry is in the file: `stacks[0].roles[1]`. */
  readonly entryPath: string;
  /** True for a new entry, false when derive added to an existing scoped entry. */
  readonly entryCreated: boolean;
  /** True when the file was written (false for a dry run, or when nothing was missing). */
  readonly written: boolean;
  /** How many jobs and job templates were read. */
  readonly jobs: number;
  readonly templates: number;
  /** What the jobs layer noted as needing no grant (HTTP inputs, other hosts, ...). */
  readonly jobNotes: readonly Note[];
}

/** The distinct values, sorted, without undefined. */
const distinct = (values: Iterable<string | undefined>): string[] => [...new Set([...values].filter((v): v is string => v !== undefined))].sort();

async function readEntries(options: DeriveOptions): Promise<JobEntry[]> {
  const entries: JobEntry[] = [];
  if (options.paths.length > 0) entries.push(...readJobDocuments(options.paths).entries);
  if (options.fromAccount !== undefined) entries.push(...(await readAccountDocuments(options.fromAccount)).entries);
  if (entries.length === 0) {
    const sources = [...options.paths, ...(options.fromAccount !== undefined ? [`the account (${options.fromAccount.region ?? "the SDK's region"})`] : [])];
    throw new DeriveError([messages.noJobs(sources.join(", "))]);
  }
  return entries;
}

/**
 * Derives the scoped entry of role `roleName` from the jobs and merges it into stack `stack` of
 * the config file (creating file and stack when missing). Throws DeriveError, ConfigError (the
 * file as it is, or as derive would write it), JobDocumentError or AccountReadError; nothing is
 * written then.
 */
export async function deriveRole(options: DeriveOptions, env: NodeJS.ProcessEnv = process.env): Promise<DeriveResult> {
  const file = options.configFile;
  const before = readConfigJson(file, env);
  const found = before !== undefined ? findRoleEntry(before, options.stack, options.roleName) : undefined;
  if (found !== undefined && found.entry.access !== "scoped") {
    const access = typeof found.entry.access === "string" ? `"access": ${JSON.stringify(found.entry.access)}` : 'no "access" (full, the default)';
    throw new DeriveError([messages.refuseFullEntry(options.roleName, found.name, found.path, file, access)]);
  }
  const stackJson = asList(before?.stacks).find((s): s is ConfigJson => typeof s === "object" && s !== null && (s as ConfigJson).name === options.stack);
  const stackRegion = typeof stackJson?.region === "string" ? stackJson.region : undefined;
  const stackAccount = typeof stackJson?.accountId === "string" ? stackJson.accountId : undefined;

  const entries = await readEntries(options);
  const report: AccessReport = extractAccesses(entries, {
    ...((stackRegion ?? options.region) !== undefined ? { region: stackRegion ?? options.region } : {}),
    ...(stackAccount !== undefined ? { accountId: stackAccount } : {}),
  });

  // A new stack takes the region and account the jobs show, when they show one.
  const regions = distinct(report.entries.map((e) => e.scope.region));
  const accounts = distinct(report.entries.map((e) => e.scope.accountId));
  if (stackJson === undefined && options.region === undefined && regions.length > 1) throw new DeriveError([messages.regionsDiffer(regions, options.stack)]);
  const region = stackJson !== undefined ? stackRegion : (options.region ?? regions[0]);
  const accountId = stackJson !== undefined ? stackAccount : accounts.length === 1 ? accounts[0] : undefined;

  const derived = deriveRoleProps(report, {
    roleName: options.roleName,
    stack: options.stack,
    ...(region !== undefined ? { region } : {}),
    ...(accountId !== undefined ? { accountId } : {}),
    ...(options.depth !== undefined ? { depth: options.depth } : {}),
    ...(options.inputKeys !== undefined ? { inputKeys: options.inputKeys } : {}),
    ...(options.outputKeys !== undefined ? { outputKeys: options.outputKeys } : {}),
    ...(options.decryptionKeys !== undefined ? { decryptionKeys: options.decryptionKeys } : {}),
    ...(options.outputMultipartUpload === true ? { outputMultipartUpload: true } : {}),
    ...(found !== undefined ? { existing: found.entry } : {}),
  });
  if (derived.problems.length > 0) throw new DeriveError(derived.problems);

  const data: ConfigJson = before !== undefined ? structuredClone(before) : { stacks: [] };
  const { stack, index, created: stackCreated } = stackForEdit(data, options.stack, () => ({
    name: options.stack,
    ...(region !== undefined ? { region } : {}),
    ...(accountId !== undefined ? { accountId } : {}),
    roles: [],
  }));
  const roles = asList(stack.roles);
  const roleIndex = found !== undefined ? found.roleIndex : roles.length;
  roles[roleIndex] = derived.props;
  stack.roles = roles;

  checkEditedConfig(data, file, env, writtenBy("derive", options.roleName));
  const write = !options.dryRun && derived.changes.length > 0;
  if (write) writeConfigJson(file, data);
  return {
    ...derived,
    file,
    stack: options.stack,
    stackCreated,
    entryPath: `stacks[${index}].roles[${roleIndex}]`,
    entryCreated: found === undefined,
    written: write,
    jobs: entries.filter((e) => e.kind === "job").length,
    templates: entries.filter((e) => e.kind === "template").length,
    jobNotes: report.notes,
  };
}
