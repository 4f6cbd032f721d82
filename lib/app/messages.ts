/**
 * The messages of the config app and its commands: config files, output folders, removed stacks,
 * adopting a live role over the IAM API. Each says what was given, the rule, and what to do.
 */
import { quote } from "../core/messages";

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

export const adoptNoCredentials = (roleName: string): string =>
  `No AWS credentials were found for reading role ${quote(roleName)}: the SDK's standard chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws/config, SSO, web identity, container and instance roles) found none. Set AWS_PROFILE (or run "aws sso login" for it), then run adopt again.`;

export const adoptCredentialsRejected = (roleName: string, code: string): string =>
  `AWS rejected the credentials used to read role ${quote(roleName)} (${code}): they are expired, revoked or malformed. Refresh them (for example "aws sso login"), then run adopt again.`;

export const adoptNoRegion = (): string =>
  `No AWS region is set: the SDK needs one to sign IAM requests (IAM itself is global). Give --region, e.g. --region eu-west-1, or set AWS_REGION.`;

export const adoptAccessDenied = (roleName: string, action: string, actions: readonly string[]): string =>
  `Access denied: ${action} on role ${quote(roleName)} was refused. adopt reads the role with ${actions.join(", ")}. Allow ${action} on the role's ARN for the identity you run adopt as ("aws sts get-caller-identity" names it), or run it as one that has it.`;

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

export const removedStack = (stack: string, dir: string): string =>
  `Stack ${quote(stack)} is no longer in the config, so ${dir} was removed from the output. Its resources still exist in AWS; Terraform no longer manages them from here. To delete them, put the stack back in the config, run "cdktf destroy ${stack}" (or "terraform destroy" in ${dir}), then remove it again; to keep them, nothing is needed.`;

export const removedStackKept = (stack: string, dir: string, holds: readonly string[]): string =>
  `Stack ${quote(stack)} is no longer in the config, but ${dir} holds ${holds.join(" and ")}, so it was kept as it was instead of being deleted. Its resources still exist in AWS. To delete them, run "terraform destroy" in ${dir}; then, or to keep the resources, delete the directory yourself once you no longer need it${holds.some((h) => h !== ".terraform/") ? " (with its state, Terraform forgets the resources)" : ""}.`;
