/**
 * The messages a user of the library can see, as small factory functions, and the error that
 * carries them. A message says what was given, the rule, and what to do. The rule texts are
 * shared with the generated Terraform module's `validation` blocks, so both sides say the same
 * thing. (The config app's own messages, about files, folders and the IAM API, are in
 * `lib/app/messages.ts`.)
 */

/** Quotes a user value for a message; `max` shortens long free text (ARNs and names are shown whole). */
export function quote(value: string, max = Infinity): string {
  const shown = value.length > max ? `${value.slice(0, max)}...` : value;
  return JSON.stringify(shown).replace(/[\u007f-\u00a0]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Thrown when props or config break a rule; carries every problem found, not just the first. */
export class MediaConvertValidationError extends Error {
  public readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems:\n- ${problems.join("\n- ")}`);
    this.name = "MediaConvertValidationError";
    this.problems = problems;
  }
}

/** The rule half of each message: shared by the TypeScript checks and the module's validation blocks. */
export const RULES = {
  roleName: "IAM role names use only letters, digits and + = , . @ - _ (1 to 64 characters)",
  description:
    "IAM role descriptions are at most 1000 characters of tab, line breaks and printable Latin-1 characters (U+0020 to U+007E, U+00A1 to U+00FF)",
  kmsAlias:
    "IAM does not grant use of a KMS key through its alias ARN (aliases only match through the kms:ResourceAliases condition key)",
  region: "an AWS region looks like us-east-1, eu-west-1, cn-north-1 or us-gov-west-1",
  accountId: "an AWS account id is exactly 12 digits",
  bucketOwner: 'a bucket owner is the 12-digit id of the AWS account that owns the bucket, or "any"',
  bucket:
    "S3 bucket names are 3 to 63 lower-case letters, digits, dots and hyphens, start and end with a letter or digit, and are not IP addresses",
  prefix:
    "an S3 key prefix is at most 1024 characters, does not start with /, and has no * or ? (they would act as wildcards in the policy) and no characters outside printable Latin-1",
  path: "an IAM path is / alone, or 1 to 512 printable ASCII characters that start and end with /",
  maxSessionDuration: "IAM allows 3600 to 43200 seconds",
  tagCount: "IAM allows at most 50 tags per role",
  tagKey:
    "IAM tag keys are 1 to 128 letters, digits, spaces and _ . : / = + - @, and may not start with aws: (reserved for AWS)",
  tagValue: "IAM tag values are at most 256 letters, digits, spaces and _ . : / = + - @",
  trustPolicySize: "IAM allows at most 2,048 characters of trust policy per role by default",
  inlinePolicySize: "IAM allows at most 10,240 characters of inline policy per role (white space not counted)",
  sessionName: "an STS session name is 2 to 64 letters, digits and + = , . @ - _",
  externalId: "an STS external id is 2 to 1224 letters, digits and + = , . @ : / - _",
  duration: "the AWS provider takes a Go duration such as 1h, 45m or 1h30m, from 15m to 12h",
  identityName: "IAM role, user and group names use only letters, digits and + = , . @ - _ (1 to 128 characters)",
  mediaConvertName: (what: string, type: string, nameRule: string) =>
    `a ${what} is named by 1 to 128 ${nameRule}, or by its ARN arn:<partition>:mediaconvert:<region>:<12-digit account id>:${type}/<name>`,
} as const;

/** Names characters for a "remove ..." hint: `the space`, `"/"`, `"é" (U+00E9)`. */
export function describeCharacters(chars: readonly string[]): string {
  const named = chars.map((c) => {
    if (c === " ") return "the space";
    if (c === "\t") return "the tab";
    if (c === "\n") return "the line break";
    const code = c.codePointAt(0) ?? 0;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    if (code < 0x20 || (code >= 0x7f && code <= 0xa0)) return `the invisible character ${hex}`;
    return code > 0x7e ? `${JSON.stringify(c)} (${hex})` : JSON.stringify(c);
  });
  if (named.length <= 1) return named.join("");
  return `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
}

/**
 * The fix half of messages, shared by the TypeScript checks (with literal values) and the
 * module's validation blocks (with Terraform template expressions in their place).
 */
export const FIXES = {
  shorten: (max: number | string, length: number | string): string => `Shorten it to ${max} characters (it has ${length}).`,
  remove: (described: string): string => `Remove ${described}.`,
  removeOrReplace: (described: string): string => `Remove or replace ${described}.`,
  giveRoleName: "Give the role a name.",
  giveName: "Give the name.",
  giveTagKey: "Give the tag a key.",
  removeAwsPrefix: "Remove the aws: prefix.",
  bareBucket: "Give the bare bucket name, without arn: or s3://.",
  bucketLength: (length: number | string): string => `Use 3 to 63 characters (it has ${length}).`,
  bucketEnds: "Start and end it with a letter or digit.",
  bucketDots: "Remove the two dots in a row.",
  bucketIpAddress: "It is formatted as an IP address; use a name.",
  bucketReserved: (shownAffix: string): string => `${shownAffix} is reserved by S3.`,
  emptyPrefix: "Leave prefix out to mean the whole bucket.",
  leadingSlash: "Remove the leading / (S3 keys do not start with one).",
  rootPath: "Use / or leave path out.",
  pathSlashes: (inner: string): string => `Write it as /${inner}/.`,
  sessionDuration: "Use a whole number of seconds from 3600 (1 hour) to 43200 (12 hours).",
  arnShape: 'It does not start with "arn:" or has fewer than six ":"-separated fields.',
  arnService: (service: string, expected: string): string => `It is an ARN of service "${service}", not "${expected}".`,
  arnPartition: (partition: string, partitions: string): string => `Its partition "${partition}" is not one of ${partitions}.`,
  arnGlobalRegion: "Its region field must be empty.",
  arnRegion: (region: string): string => `Its region "${region}" is not a region code such as us-east-1.`,
  arnRegionPartition: (region: string, regionPartition: string, partition: string): string =>
    `Its region "${region}" is in partition ${regionPartition}, not ${partition}.`,
  arnAccount: (account: string): string => `Its account "${account}" is not a 12-digit account id.`,
  arnResource: (resource: string, hint: string): string => `Its resource "${resource}" ${hint}.`,
} as const;

/**
 * The shape of most messages: `<Label> "<value>" is not valid: <rule>. <fix>`. `shown` is the value
 * as it should appear (already quoted); the generated module passes a Terraform template there
 * and no fix, so both sides say the same thing.
 */
export const notValid = (label: string, shown: string, rule: string, fix?: string): string =>
  `${label} ${shown} is not valid: ${rule}.${fix ? ` ${fix}` : ""}`;

export const roleNameEmpty = (): string => notValid("Role name", '""', RULES.roleName, FIXES.giveRoleName);

export const roleNameTooLong = (name: string): string =>
  notValid("Role name", quote(name), RULES.roleName, FIXES.shorten(64, name.length));

export const roleNameCharacters = (name: string, bad: readonly string[]): string =>
  notValid("Role name", quote(name), RULES.roleName, FIXES.remove(describeCharacters(bad)));

export const roleNameUsedTwice = (name: string, where: string): string =>
  `Role name ${quote(name)} is used twice ${where}: IAM role names are unique per account. Rename one of them.`;

export const roleNameCaseClash = (name: string, other: string, where: string): string =>
  `Role name ${quote(name)} clashes with role ${quote(other)} ${where}: IAM role names are unique per account and not case-sensitive. Rename one of them.`;

export const descriptionTooLong = (description: string): string =>
  notValid("Description", quote(description, 40), RULES.description, FIXES.shorten(1000, description.length));

export const descriptionCharacters = (description: string, bad: readonly string[]): string =>
  notValid("Description", quote(description, 40), RULES.description, FIXES.removeOrReplace(describeCharacters(bad)));

/** `shown` is the quoted ARN (or, in the module, a Terraform template listing them). */
export const aliasArnMessage = (shown: string): string =>
  `KMS key ARN ${shown} is an alias ARN: ${RULES.kmsAlias}. Give the key ARN instead (arn:<partition>:kms:<region>:<account>:key/<key id>); "aws kms describe-key --key-id <alias ARN>" prints it.`;

export const kmsKeyArnIsAlias = (arn: string): string => aliasArnMessage(quote(arn));

export const arnWrongPartition = (what: string, arn: string, partition: string, stackPartition: string, region: string): string =>
  `${what} ${quote(arn)} is in partition ${partition}, but the stack's region ${region} is in partition ${stackPartition}: a role cannot reach resources of another partition. Use one from partition ${stackPartition}.`;

export const regionInvalid = (region: string): string =>
  `Region ${quote(region)} is not valid: ${RULES.region}. Use a region code such as eu-west-1.`;

/** `shown` is the quoted account id (or, in the module, a Terraform template). */
export const accountIdMessage = (shown: string): string =>
  `Account id ${shown} is not valid: ${RULES.accountId}. Copy it from "aws sts get-caller-identity" (keep leading zeros, and write it as a string).`;

export const accountIdInvalid = (accountId: string): string => accountIdMessage(quote(accountId));

/** `shown` is the quoted bucket owner (or, in the module, a Terraform template). */
export const bucketOwnerMessage = (shown: string): string =>
  `Bucket owner ${shown} is not valid: ${RULES.bucketOwner}. Give the owner's account id as a string of 12 digits (keep leading zeros), or "any" to let the role reach the bucket whoever owns it.`;

export const bucketOwnerInvalid = (owner: string): string => bucketOwnerMessage(quote(owner, 80));

export const resourceKeyClash = (key: string, a: string, b: string): string =>
  `Roles ${quote(a)} and ${quote(b)} both map to Terraform resource name ${quote(key)} (names are lower-cased, + = , . @ - become _, and a leading digit gets role_ in front). Rename one of them.`;

export const bucketInvalid = (bucket: string, fix: string): string =>
  `Bucket name ${quote(bucket)} is not valid: ${RULES.bucket}. ${fix}`;

export const prefixInvalid = (prefix: string, fix: string): string => notValid("Prefix", quote(prefix, 80), RULES.prefix, fix);

export const arnRule = (what: string, shape: string): string => `a ${what} has the form ${shape}`;

export const arnInvalid = (what: string, arn: string, shape: string, fix: string): string =>
  notValid(what, quote(arn), arnRule(what, shape), fix);

export const pathInvalid = (value: string, fix: string): string => notValid("Path", quote(value, 80), RULES.path, fix);

export const maxSessionDurationInvalid = (value: number): string =>
  notValid("Max session duration", String(value), RULES.maxSessionDuration, FIXES.sessionDuration);

export const tagsTooMany = (count: number): string =>
  `Tags are not valid: ${RULES.tagCount}. Remove ${count - 50} of the ${count} tags.`;

export const tagKeyInvalid = (key: string, fix: string): string => notValid("Tag key", quote(key, 80), RULES.tagKey, fix);

export const tagValueInvalid = (key: string, value: string, fix: string): string =>
  notValid(`Tag value`, `${quote(value, 80)} of tag ${quote(key, 80)}`, RULES.tagValue, fix);

export const scopedOnly = (field: string): string =>
  `${field} is only used with access "scoped": with the console's full access the managed policies already decide what the role can reach. Set access to "scoped", or remove ${field}.`;

export const fullOnly = (field: string, why: string, instead: string): string =>
  `${field} cannot be used with access "scoped": ${why}. ${instead}`;

/** `shownArn` is the quoted ARN (the module passes a Terraform template). */
export const regionMismatchMessage = (what: string, shownArn: string, region: string, roleRegion: string): string =>
  `${what} ${shownArn} is in region ${region}, but the role's region is ${roleRegion}: MediaConvert only reaches it in its own region. Use one in ${roleRegion}, or create the role for ${region}.`;

export const regionMismatch = (what: string, arn: string, region: string, roleRegion: string): string => regionMismatchMessage(what, quote(arn), region, roleRegion);

/** `shownArn` is the quoted ARN (the module passes a Terraform template). */
export const accountMismatchMessage = (what: string, shownArn: string, account: string, pinnedAccount: string, pinnedBy: string): string =>
  `${what} ${shownArn} belongs to account ${account}, but ${pinnedBy} ${pinnedAccount}: only jobs of the role's own account can assume it. Use a queue of account ${pinnedAccount}.`;

export const accountMismatch = (what: string, arn: string, account: string, pinnedAccount: string, pinnedBy = "the stack is for account"): string =>
  accountMismatchMessage(what, quote(arn), account, pinnedAccount, pinnedBy);

/** The names are the props' (the module passes its variables'). */
export const trustedQueuesWithoutProtection = (queues = "trustedQueueArns", protection = "confusedDeputyProtection"): string =>
  `${queues} has no effect with ${protection} false: the queues are only checked by the trust policy's aws:SourceArn condition. Remove one of the two settings.`;

export const roleAccountClash = (roleAccountId: string, stackAccountId: string): string =>
  `Account id ${quote(roleAccountId)} of the role differs from the stack's account id ${quote(stackAccountId)}: the trust conditions pin the account the role lives in, which is the stack's. Remove accountId from the role.`;

export const trustPolicyTooLarge = (roleName: string, size: number): string =>
  `Role ${quote(roleName)} is not valid: its trust policy is ${size.toLocaleString("en-US")} characters, and ${RULES.trustPolicySize}. List fewer trustedQueueArns (or none: the account condition still applies).`;

export const inlinePolicyTooLarge = (roleName: string, size: number): string =>
  `Role ${quote(roleName)} is not valid: its inline policies add up to ${size.toLocaleString("en-US")} characters, and ${RULES.inlinePolicySize}. Merge locations that share a bucket (one location per bucket with a shorter common prefix), or split the locations across two roles.`;

/** `shownRoleName` is the quoted role name (the module passes a Terraform template). */
export const scopedWithoutLocationsMessage = (shownRoleName: string): string =>
  `Role ${shownRoleName} has access "scoped" but no inputs or outputs: MediaConvert could read and write nothing. Add at least one entry to inputs or outputs.`;

export const scopedWithoutLocations = (roleName: string): string => scopedWithoutLocationsMessage(quote(roleName));

export const tokenRoleNameNeedsId = (): string =>
  `Role name is a Terraform reference, so it cannot name the role's Terraform resources: their names would change between runs. Pass an id as the second argument of addRole, e.g. stack.addRole({ roleName }, "transcoder").`;

export const ASSUME_ROLE_ARN_SHAPE = "arn:<partition>:iam::<12-digit account id>:role/<path><role name>";

export const assumeRoleWrongPartition = (arn: string, partition: string, stackPartition: string, region: string): string =>
  `Provider role ARN ${quote(arn)} is in partition ${partition}, but the stack's region ${region} is in partition ${stackPartition}: the provider cannot assume a role of another partition. Use a role ARN of partition ${stackPartition} (arn:${stackPartition}:iam::...).`;

export const assumeRoleWrongAccount = (arn: string, account: string, stackAccount: string): string =>
  `Provider role ARN ${quote(arn)} is in account ${account}, but the stack is for account ${stackAccount}: the provider would get credentials for account ${account} and refuse to run (allowed_account_ids). Use a role of account ${stackAccount}, or correct the stack's accountId.`;

export const assumeRoleWithoutAccount = (stack: string, arn: string, account: string): string =>
  `Stack ${quote(stack)} assumes role ${quote(arn)} but sets no accountId: the provider will work in whatever account the ARN names (${account}), and nothing checks that it is the intended one. Set "accountId": "${account}" on the stack (accountId in MediaConvertStackProps) to pin it.`;

export const sessionNameInvalid = (value: string, fix: string): string => notValid("Session name", quote(value, 80), RULES.sessionName, fix);

export const externalIdInvalid = (value: string, fix: string): string => notValid("External id", quote(value, 80), RULES.externalId, fix);

export const durationInvalid = (value: string, fix: string): string => notValid("Assume-role duration", quote(value, 40), RULES.duration, fix);

export const tooManyMergedTags = (roleName: string, total: number, own: number, defaults: number): string =>
  `Role ${quote(roleName)} would carry ${total} tags: its ${own} tags and the stack's ${defaults} default tags (a key in both counts once), and ${RULES.tagCount}. Remove ${total - 50} of them.`;

/** `shown` is the quoted name (the module passes a Terraform template). */
export const identityNameInvalid = (shown: string, fix: string): string => notValid("Identity name", shown, RULES.identityName, fix);

/** `shown` is the quoted value (the module passes a Terraform template). */
export const mediaConvertNameInvalid = (what: string, shown: string, type: string, nameRule: string): string =>
  `${what} ${shown} is not valid: ${RULES.mediaConvertName(what.toLowerCase(), type, nameRule)}. Give its name or its ARN.`;

/** A value as a message shows it: `the string "x"`, `the number 3`, `an object`, `null`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${quote(value, 40)}`;
  return `the ${typeof value} ${String(value)}`;
}

export const unknownProperty = (key: string, suggestion: string | undefined, known: readonly string[]): string =>
  suggestion !== undefined
    ? `unknown property ${quote(key)}. Did you mean ${quote(suggestion)}?`
    : `unknown property ${quote(key)}. Known properties: ${known.join(", ")}.`;

export const requiredMissing = (name: string): string => `${name} is missing: it is required.`;

export const typeInvalid = (name: string, value: unknown, expected: string): string =>
  `${name} is not valid: expected ${expected}, got ${describeValue(value)}. Write it as ${expected}.`;

/** `described` is the value as `describeValue` describes it (the module passes a Terraform template). */
export const enumInvalid = (name: string, described: string, allowed: readonly string[]): string =>
  `${name} is not valid: expected one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}, got ${described}. Use one of them.`;

export const addressUsedTwice = (address: string, first: string, second: string): string =>
  `Terraform address ${address} is used twice: by ${first} and by ${second}. Resource names are derived from construct ids (lower-cased, other characters as _), so both ids map to the same name, and only one of the two would be synthesized. Give one of them another id.`;

export const rolePathWarning = (roleName: string, path: string): string =>
  `Role ${quote(roleName)} has path ${quote(path)}: MediaConvert has been reported to fail jobs whose role is under a path other than / (error 1432, "Invalid role provided in RESOURCE_ROLE_ARN"). Keep the path only where your organization requires it (or an adopted role has it), and run a test job with the role before relying on it.`;

export const submitJobsGrantedTwice = (roleName: string, path: string): string =>
  `${path} may submit jobs with role ${quote(roleName)} already: each identity gets one job submitters' policy. Grant it once, with every queue, job template and preset it needs.`;

export const granteeNotAnIdentity = (path: string, type: string): string =>
  `${path} (${type}) cannot be granted the use of a MediaConvert role: grants go to IAM identities. Pass an IamRole, IamUser or IamGroup.`;

export const unpinnedBucketsWarning = (roleName: string, buckets: readonly string[]): string =>
  `Role ${quote(roleName)} may reach ${buckets.length === 1 ? "bucket" : "buckets"} ${buckets.map((b) => quote(b)).join(", ")} whoever owns ${buckets.length === 1 ? "it" : "them"} (bucketOwner "any"): bucket names are global, and a deleted bucket's name can be taken by another account. Give the owner's account id as bucketOwner where you know it.`;

export const unknownRegionWarning = (region: string, nearest: string): string =>
  `Region ${quote(region)} is not a region this version knows (${nearest} is the nearest of its partition). If it is a new AWS region, nothing is wrong; if it is a typo, the provider fails at plan. Check the spelling.`;
