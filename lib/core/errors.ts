/**
 * Every user-facing error message of the project, as small factory functions.
 *
 * A message says what was given, the rule, and what to do. The rule texts are shared with
 * the generated Terraform module's `validation` blocks, so both sides say the same thing.
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

/** Thrown for an unusable config: every problem, each with file and JSON path. */
export class ConfigError extends Error {
  constructor(
    public readonly file: string,
    public readonly problems: readonly string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join("\n"));
    this.name = "ConfigError";
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
 * The shape of most messages: `<Label> "<value>" is not valid: <rule>. <fix>`. `shown` is the value
 * as it should appear (already quoted); the generated module passes a Terraform template there
 * and no fix, so both sides say the same thing.
 */
export const notValid = (label: string, shown: string, rule: string, fix?: string): string =>
  `${label} ${shown} is not valid: ${rule}.${fix ? ` ${fix}` : ""}`;

export const roleNameEmpty = (): string => notValid("Role name", '""', RULES.roleName, "Give the role a name.");

export const roleNameTooLong = (name: string): string =>
  notValid("Role name", quote(name), RULES.roleName, `Shorten it to 64 characters (it has ${name.length}).`);

export const roleNameCharacters = (name: string, bad: readonly string[]): string =>
  notValid("Role name", quote(name), RULES.roleName, `Remove ${describeCharacters(bad)}.`);

export const roleNameUsedTwice = (name: string, where: string): string =>
  `Role name ${quote(name)} is used twice ${where}: IAM role names are unique per account. Rename one of them.`;

export const roleNameCaseClash = (name: string, other: string, where: string): string =>
  `Role name ${quote(name)} clashes with role ${quote(other)} ${where}: IAM role names are unique per account and not case-sensitive. Rename one of them.`;

export const descriptionTooLong = (description: string): string =>
  notValid("Description", quote(description, 40), RULES.description, `Shorten it to 1000 characters (it has ${description.length}).`);

export const descriptionCharacters = (description: string, bad: readonly string[]): string =>
  notValid("Description", quote(description, 40), RULES.description, `Remove or replace ${describeCharacters(bad)}.`);


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
  notValid("Max session duration", String(value), RULES.maxSessionDuration, "Use a whole number of seconds from 3600 (1 hour) to 43200 (12 hours).");

export const tagsTooMany = (count: number): string =>
  `Tags are not valid: ${RULES.tagCount}. Remove ${count - 50} of the ${count} tags.`;

export const tagKeyInvalid = (key: string, fix: string): string => notValid("Tag key", quote(key, 80), RULES.tagKey, fix);

export const tagValueInvalid = (key: string, value: string, fix: string): string =>
  notValid(`Tag value`, `${quote(value, 80)} of tag ${quote(key, 80)}`, RULES.tagValue, fix);

export const scopedOnly = (field: string): string =>
  `${field} is only used with access "scoped": with the console's full access the managed policies already decide what the role can reach. Set access to "scoped", or remove ${field}.`;

export const fullOnly = (field: string, why: string, instead: string): string =>
  `${field} cannot be used with access "scoped": ${why}. ${instead}`;

export const regionMismatch = (what: string, arn: string, region: string, stackRegion: string): string =>
  `${what} ${quote(arn)} is in region ${region}, but the stack is in ${stackRegion}: MediaConvert only reaches it in its own region. Use one in ${stackRegion}, or put the role in a stack for ${region}.`;

export const accountMismatch = (what: string, arn: string, account: string, stackAccount: string): string =>
  `${what} ${quote(arn)} belongs to account ${account}, but the stack is for account ${stackAccount}: only jobs of the role's own account can assume it. Use a queue of account ${stackAccount}.`;

export const trustedQueuesWithoutProtection = (): string =>
  `trustedQueueArns has no effect with confusedDeputyProtection false: the queues are only checked by the trust policy's aws:SourceArn condition. Remove one of the two settings.`;

export const roleAccountClash = (roleAccountId: string, stackAccountId: string): string =>
  `Account id ${quote(roleAccountId)} of the role differs from the stack's account id ${quote(stackAccountId)}: the trust conditions pin the account the role lives in, which is the stack's. Remove accountId from the role.`;

export const trustPolicyTooLarge = (roleName: string, size: number): string =>
  `Role ${quote(roleName)} is not valid: its trust policy is ${size.toLocaleString("en-US")} characters, and ${RULES.trustPolicySize}. List fewer trustedQueueArns (or none: the account condition still applies).`;

export const inlinePolicyTooLarge = (roleName: string, size: number): string =>
  `Role ${quote(roleName)} is not valid: its inline policies add up to ${size.toLocaleString("en-US")} characters, and ${RULES.inlinePolicySize}. Merge locations that share a bucket (one location per bucket with a shorter common prefix), or split the locations across two roles.`;

export const scopedWithoutLocations = (roleName: string): string =>
  `Role ${quote(roleName)} has access "scoped" but no inputs or outputs: MediaConvert could read and write nothing. Add at least one entry to inputs or outputs.`;

export const tokenRoleNameNeedsId = (): string =>
  `Role name is a Terraform reference, so it cannot name the role's Terraform resources: their names would change between runs. Pass an id as the second argument of addRole, e.g. stack.addRole({ roleName }, "transcoder").`;

// Output directories of the command line. `given` says where the path came from: "--out",
// "CDKTF_OUTDIR" or "the default".

export const outputIsFile = (dir: string, given: string): string =>
  `Output directory ${quote(dir)} (${given}) is a file: the output is a directory that each run replaces whole. Give a directory path, or move the file away.`;

export const outputThroughFile = (dir: string, given: string, file: string): string =>
  `Output directory ${quote(dir)} (${given}) cannot be created: ${quote(file)} on its path is a file, not a folder. Give a path whose folders are directories.`;

export const outputNotWritable = (dir: string, given: string, folder: string, code: string): string =>
  `Output directory ${quote(dir)} (${given}) cannot be written: the folder ${quote(folder)} is not writable (${code}). Give a writable path, or fix the folder's permissions.`;

export const outputHoldsOtherFiles = (dir: string, given: string, found: string, wrote: string): string =>
  `Output directory ${quote(dir)} (${given}) holds ${quote(found)}, which ${wrote} did not write: each run replaces the directory whole, so it must be new, empty, or an earlier output of ${wrote}. Give another directory.`;
/**
 * What adopting a role does, for synth's summary and permissions.md: how many objects the plan
 * imports, and what happens to the policies made by hand (whose names the config cannot know).
 */
export const adoptionNote = (roleName: string, importCount: number, exclusive: boolean, inlinePolicyName: string | undefined): string => {
  const imported = `Role ${quote(roleName)} is adopted: the plan imports it and ${importCount - 1} managed-policy attachment${importCount - 1 === 1 ? "" : "s"} (${importCount} to import) instead of creating them.`;
  const ours = inlinePolicyName === undefined ? "the config gives the role no inline policy" : `the config's inline policy ${quote(inlinePolicyName)} is created`;
  return exclusive
    ? `${imported} exclusiveAttachments is set: on apply, inline policies made by hand are deleted whatever their name (${ours} and takes their place), and managed policies the config does not declare are detached.`
    : `${imported} Inline and managed policies added by hand stay on the role (${ours} next to them); set exclusiveAttachments to have them removed on apply.`;
};

// ---------------------------------------------------------------------------------------------
// The adopt command: reading a live role over the IAM API and writing its config entry.

/** The IAM actions the adopt command calls, in the order it calls them. */
export const ADOPT_ACTIONS = ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies", "iam:GetRolePolicy"] as const;

export const adoptNoCredentials = (roleName: string): string =>
  `No AWS credentials were found for reading role ${quote(roleName)}: the SDK's standard chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws/config, SSO, web identity, container and instance roles) found none. Set AWS_PROFILE (or run "aws sso login" for it), then run adopt again.`;

export const adoptCredentialsRejected = (roleName: string, code: string): string =>
  `AWS rejected the credentials used to read role ${quote(roleName)} (${code}): they are expired, revoked or malformed. Refresh them (for example "aws sso login"), then run adopt again.`;

export const adoptNoRegion = (): string =>
  `No AWS region is set: the SDK needs one to sign IAM requests (IAM itself is global). Give --region, e.g. --region eu-west-1, or set AWS_REGION.`;

export const adoptAccessDenied = (roleName: string, action: string): string =>
  `Access denied: ${action} on role ${quote(roleName)} was refused. adopt reads the role with ${ADOPT_ACTIONS.join(", ")}. Allow ${action} on the role's ARN for the identity you run adopt as ("aws sts get-caller-identity" names it), or run it as one that has it.`;

export const adoptNoSuchRole = (roleName: string): string =>
  `Role ${quote(roleName)} does not exist in the account of these credentials (IAM: NoSuchEntity): adopt reads a role that exists. Check the name (the MediaConvert console's default is "MediaConvert_Default_Role") and that the credentials belong to the role's account ("aws sts get-caller-identity").`;

export const adoptThrottled = (roleName: string, action: string, attempts: number | undefined): string =>
  `IAM throttled ${action} for role ${quote(roleName)}, and the SDK gave up after ${attempts ?? "its"} attempts (it retries throttled calls with backoff): the account's IAM request rate is used up. Wait a minute and run adopt again, or allow more attempts with AWS_MAX_ATTEMPTS.`;

export const adoptAwsFailed = (roleName: string, action: string, code: string, message: string): string =>
  `${action} for role ${quote(roleName)} failed: ${code}: ${message.replace(/\s+/g, " ")}. Nothing was written; run adopt again once AWS answers.`;

export const adoptNotMediaConvertRole = (roleName: string, allowed: readonly string[]): string =>
  `Role ${quote(roleName)} is not a MediaConvert role: its trust policy allows ${allowed.length > 0 ? allowed.join(", ") : "no one"} to assume it, not ${quote("mediaconvert.amazonaws.com")}. adopt takes only the service role MediaConvert jobs run as; give the name of that role (the console's default is "MediaConvert_Default_Role").`;

export const adoptRoleExists = (roleName: string, existing: string, where: string, file: string): string =>
  `Role ${quote(roleName)} already has an entry in ${file} (${quote(existing)} at ${where}; role names are not case-sensitive): adopt never overwrites an entry. Remove that entry first if the live role should replace it, or edit it by hand.`;

/** What the live role has that the config cannot hold: each says what it is and what apply does to it. */
export const adoptOtherManagedPolicy = (arn: string): string =>
  `managed policy ${arn} is attached: the config attaches only AmazonS3FullAccess and AmazonAPIGatewayInvokeFullAccess. It stays attached and unmanaged, unless exclusiveAttachments is set, which detaches it on apply.`;

export const adoptStatementNotUnderstood = (policy: string, which: string, statement: string): string =>
  `inline policy ${quote(policy)}, ${which}: ${statement} is not an Allow of kms:Decrypt or kms:GenerateDataKey on KMS key ARNs without conditions, so the config cannot hold it. It stays as long as the policy does; exclusiveAttachments deletes the policy on apply.`;

export const adoptInlinePolicyReplaced = (policy: string, ours: string): string =>
  `inline policy ${quote(policy)} was made by hand: its KMS keys are in inputKmsKeyArns / outputKmsKeyArns, and the plan creates ${quote(ours)} with them. ${quote(policy)} stays next to it, unless exclusiveAttachments is set, which deletes it on apply.`;

export const adoptTrustStatementReplaced = (which: string, statement: string): string =>
  `trust policy ${which}: ${statement} is not the MediaConvert trust the config writes (mediaconvert.amazonaws.com, sts:AssumeRole, and the confused-deputy conditions when the stack has an accountId). The first apply replaces it (an in-place update of the role, not a replacement).`;

export const adoptStackWithoutAccount = (stack: string, accountId: string): string =>
  `stack ${quote(stack)} has no accountId, so the trust conditions pin whichever account Terraform deploys with (data.aws_caller_identity); the role belongs to account ${accountId}: set "accountId": "${accountId}" on the stack to pin that account at synth and have the provider refuse any other.`;

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

export const removedStack = (stack: string, dir: string): string =>
  `Stack ${quote(stack)} is no longer in the config, so ${dir} was removed from the output. Its resources still exist in AWS; Terraform no longer manages them from here. To delete them, put the stack back in the config, run "cdktf destroy ${stack}" (or "terraform destroy" in ${dir}), then remove it again; to keep them, nothing is needed.`;

export const removedStackKept = (stack: string, dir: string, holds: readonly string[]): string =>
  `Stack ${quote(stack)} is no longer in the config, but ${dir} holds ${holds.join(" and ")}, so it was kept as it was instead of being deleted. Its resources still exist in AWS. To delete them, run "terraform destroy" in ${dir}; then, or to keep the resources, delete the directory yourself once you no longer need it${holds.some((h) => h !== ".terraform/") ? " (with its state, Terraform forgets the resources)" : ""}.`;
