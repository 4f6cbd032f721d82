/**
 * The messages of `derive`: what it granted and widened, what it could not decide (with the
 * option that supplies it), what no role property can hold, and why it refuses. Each says what
 * was given, the rule, and what to do.
 */
import { quote } from "../core/messages";

/** A count with its noun: `1 job`, `2 jobs`, `1,024 prefixes`. */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Up to `max` values, then how many more: `a, b, c and 7 more`. */
export function someOf(values: readonly string[], max = 3): string {
  if (values.length <= max) return values.length <= 1 ? values.join("") : `${values.slice(0, -1).join(", ")} and ${values[values.length - 1]}`;
  return `${values.slice(0, max).join(", ")} and ${values.length - max} more`;
}

/** A prefix as messages show it: in quotes, or "the whole bucket". */
export const shownPrefix = (prefix: string): string => (prefix === "" ? "the whole bucket" : quote(prefix));

// ---------------------------------------------------------------------------------------------
// Refusals (exit 1, nothing written)

export const refuseFullEntry = (roleName: string, existing: string, where: string, file: string, access: string): string =>
  `Role ${quote(roleName)} already has an entry in ${file} (${quote(existing)} at ${where}) with ${access}: derive writes scoped roles and never changes an entry's access. Derive into a new role instead (--role-name ${roleName}_Scoped, say), review and deploy it, then switch the jobs' Role to it; or set "access": "scoped" on that entry by hand first if it should become the derived role.`;

export const noJobs = (sources: string): string =>
  `No job or job template was found in ${sources}: there is nothing to derive a role from. Pass the files or directories of your jobs and templates, or widen --since / --queue.`;

export const regionsDiffer = (regions: readonly string[], stack: string): string =>
  `The jobs run in ${someOf(regions.map((r) => quote(r)), regions.length)}, and the new stack ${quote(stack)} is one region: give its region with --region, or derive one role per region.`;

export const bucketKeyUnused = (option: string, bucket: string, direction: "read" | "write", buckets: readonly string[]): string =>
  `${option} ${bucket}=...: no job ${direction === "read" ? "reads from" : "writes to"} bucket ${quote(bucket)}, so the key would be granted on nothing. ${
    buckets.length > 0 ? `The jobs ${direction === "read" ? "read from" : "write to"} ${someOf(buckets.map((b) => quote(b)), 8)}.` : `No job ${direction === "read" ? "reads from" : "writes to"} S3.`
  } Check the bucket name, or leave the option out.`;

export const accountUnknown = (what: string, value: string, stack: string): string =>
  `${what} ${quote(value)} needs the account it belongs to, which neither the job documents (their job, queue, template or role ARNs) nor stack ${quote(stack)} show. Set "accountId" on the stack in the config, or pass the jobs as get-job or list-jobs output (which carry ARNs).`;

export const regionUnknown = (what: string, value: string, stack: string): string =>
  `${what} ${quote(value)} needs its region, which neither the job documents nor stack ${quote(stack)} show. Give --region, or set "region" on the stack in the config.`;

const characters = (size: number, lowerBound: boolean): string => `${lowerBound ? "at least " : ""}${size.toLocaleString("en-US")} characters`;

export const tooLargeEvenWhole = (roleName: string, size: number, lowerBound: boolean, budget: number, buckets: number): string =>
  `The inline policy of role ${quote(roleName)} would be ${characters(size, lowerBound)} even with every one of its ${counted(buckets, "bucket")} granted whole, over IAM's limit of ${budget.toLocaleString("en-US")} characters of inline policy per role. Derive one role per group of jobs (fewer buckets, keys and APIs each), and give each group its own role.`;

// ---------------------------------------------------------------------------------------------
// Widening

export const widenedBecause = (roleName: string, narrowest: number, lowerBound: boolean, final: number, budget: number): string =>
  `With the narrowest prefixes the inline policy of role ${quote(roleName)} would be ${characters(narrowest, lowerBound)}, over IAM's limit of ${budget.toLocaleString("en-US")} per role. Derive widened prefixes to their parent directories, the deepest first and at each depth where it saves the most, until it fits (${final.toLocaleString("en-US")} characters):`;

export const widenedTo = (bucket: string, direction: "inputs" | "outputs", to: string, from: readonly string[]): string =>
  `${direction} ${bucket}: ${shownPrefix(to)}, for ${someOf(from.map((p) => shownPrefix(p)))}`;

export const prefixCut = (bucket: string, key: string, prefix: string, why: string): string =>
  `s3://${bucket}/${key}: ${why}, so the role grants ${shownPrefix(prefix)} of the bucket instead (the part before it).`;

export const CUT_REASONS = {
  wildcard: (c: string) => `the key has ${quote(c)}, which IAM reads as a wildcard in a policy`,
  notLatin1: (c: string) => `the key has ${quote(c)}, which IAM policies cannot hold (they take printable Latin-1 only)`,
  leadingSlash: () => `the key starts with "/", which a location's prefix cannot`,
  tooLong: (max: number) => `the key is longer than a location's prefix may be (${max} characters)`,
} as const;

// ---------------------------------------------------------------------------------------------
// What derive cannot decide, with the option that supplies it

export const undecidedBucketKey = (bucket: string, direction: "read" | "write", jobs: number, option: string, configKey: string, action: string): string =>
  `bucket ${quote(bucket)} (${direction === "read" ? "read" : "written"} by ${counted(jobs, "job")}): if it encrypts by default with a customer managed KMS key (SSE-KMS), the role needs ${action} on that key through S3, and no job setting shows it. Give it with ${option} ${bucket}=<key ARN> (or as ${configKey} in the config).`;

export const undecidedDecryptionKey = (region: string, where: string): string =>
  `the KMS key that encrypted the data keys of client-side encrypted inputs${region === "" ? "" : ` (in ${region})`}, at ${where}: MediaConvert calls kms:Decrypt on it itself, and the settings carry only the encrypted data key. Give it with --decryption-key <key ARN> (or in decryptionKmsKeyArns in the config).`;

export const undecidedKeyNotAnArn = (text: string, where: string): string => `${where}: ${text}`;

export const unclassified = (value: string, where: string, more: number): string =>
  `${value} at ${where}${more > 0 ? ` (and ${counted(more, "more place")})` : ""} is in a field derive does not know, so it is granted as a read (inputs). If MediaConvert writes there, add the location to outputs in the config; if it is not a location, the grant does no harm but can be removed by hand.`;

// ---------------------------------------------------------------------------------------------
// What the role does not grant

export const notGrantable = (what: string, value: string, where: string, actions: string): string =>
  `${what} ${quote(value)} at ${where} needs ${actions}, which no role property holds yet: jobs that use it fail with this role. Keep such jobs on a role that grants it, or grant it with a policy of your own next to this role.`;

export const queueOfAnotherAccount = (queue: string, account: string, stackAccount: string): string =>
  `queue ${queue} is in account ${account}, not in ${stackAccount} (the account the trust policy pins): MediaConvert cannot use the role for it. Derive a role in that account's stack for those jobs.`;

export const queuesWithoutAccount = (stack: string, accounts: readonly string[]): string =>
  `the jobs' queues are not added to trustedQueueArns: stack ${quote(stack)} has no accountId, so the trust policy pins whichever account Terraform deploys with. Set "accountId"${accounts.length === 1 ? `: "${accounts[0]}"` : ""} on the stack and derive again to trust only the jobs' queues.`;

export const queueUnknown = (queue: string, where: string): string =>
  `queue ${quote(queue)} at ${where} is not added to trustedQueueArns: neither the job documents nor the stack show its region and account. Give the stack a region and accountId, or pass the jobs as get-job or list-jobs output.`;

export const trustNotNarrowed = (queues: readonly string[]): string =>
  `trustedQueueArns: the entry trusts every queue of its account, and derive never narrows what an entry allows. To trust only the jobs' queues, set trustedQueueArns to ${JSON.stringify(queues)} by hand.`;

export const trustTooLarge = (size: number, budget: number, queues: number): string =>
  `trustedQueueArns: the jobs' ${counted(queues, "queue")} would make the trust policy ${size.toLocaleString("en-US")} characters, over IAM's default limit of ${budget.toLocaleString("en-US")}; the entry trusts every queue of its account instead.`;

export const trustListTooLarge = (size: number, budget: number, queues: number): string =>
  `trustedQueueArns: adding the jobs' ${counted(queues, "queue")} would make the trust policy ${size.toLocaleString("en-US")} characters, over IAM's default limit of ${budget.toLocaleString("en-US")}, so none was added: jobs in queues the entry does not list cannot use the role. Remove trustedQueueArns from the entry by hand to trust every queue of its account.`;
