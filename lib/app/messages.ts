/**
 * The messages of the config app and its commands: config files, output folders, removed stacks,
 * adopting a live role over the IAM API. Each says what was given, the rule, and what to do.
 */
import { quote } from "../core/messages";
import { PropertyDeclaration, ROLE_PROPERTIES, RolePropertyName } from "../core/role-properties";

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
export const adoptionNote = (roleName: string, importCount: number, exclusive: boolean, inlinePolicyNames: readonly string[]): string => {
  const imported = `Role ${quote(roleName)} is adopted: the plan imports it and ${importCount - 1} managed-policy attachment${importCount - 1 === 1 ? "" : "s"} (${importCount} to import) instead of creating them.`;
  const names = inlinePolicyNames.map((n) => quote(n));
  const ours =
    names.length === 0
      ? "the config gives the role no inline policy"
      : names.length === 1
        ? `the config's inline policy ${names[0]} is created`
        : `the config's inline policies ${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} are created`;
  const take = names.length > 1 ? "take" : "takes";
  return exclusive
    ? `${imported} exclusiveAttachments is set: on apply, inline policies made by hand are deleted whatever their name (${ours} and ${take} their place), and managed policies the config does not declare are detached.`
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

/**
 * Where adopt puts a live role: an entry of the config file (the props' names, `exclusiveAttachments`)
 * or a call of the generated Terraform module (its variables' names, `exclusive_policy_management`).
 */
export type AdoptTarget = "config" | "module";

/** A role property as the target names it: `inputKmsKeyArns` in the config, `input_kms_key_arns` in the module. */
const named = (target: AdoptTarget, property: RolePropertyName): string => (target === "module" ? (ROLE_PROPERTIES[property] as PropertyDeclaration).module!.name : property);

/** What the live role has that the config (or the module call) cannot hold: each says what it is and what apply does to it. */
export const adoptOtherManagedPolicy = (arn: string, target: AdoptTarget = "config"): string =>
  `managed policy ${arn} is attached: the ${target} attaches only AmazonS3FullAccess and AmazonAPIGatewayInvokeFullAccess. It stays attached and unmanaged, unless ${named(target, "exclusiveAttachments")} is set, which detaches it on apply.`;

export const adoptStatementNotUnderstood = (policy: string, which: string, statement: string, target: AdoptTarget = "config"): string =>
  `inline policy ${quote(policy)}, ${which}: ${statement} is not an Allow of kms:Decrypt or kms:GenerateDataKey on KMS key ARNs without conditions, so the ${target} cannot hold it. It stays as long as the policy does; ${named(target, "exclusiveAttachments")} deletes the policy on apply.`;

export const adoptInlinePolicyReplaced = (policy: string, ours: string, target: AdoptTarget = "config"): string =>
  `inline policy ${quote(policy)} was made by hand: its KMS keys are in ${named(target, "inputKmsKeyArns")} / ${named(target, "outputKmsKeyArns")}, and the plan creates ${quote(ours)} with them. ${quote(policy)} stays next to it, unless ${named(target, "exclusiveAttachments")} is set, which deletes it on apply.`;

export const adoptTrustStatementReplaced = (which: string, statement: string, target: AdoptTarget = "config"): string =>
  `trust policy ${which}: ${statement} is not the MediaConvert trust the ${target} writes (mediaconvert.amazonaws.com, sts:AssumeRole, and the confused-deputy conditions ${
    target === "module" ? "for the deploying account" : "when the stack has an accountId"
  }). The first apply replaces it (an in-place update of the role, not a replacement).`;

/** The module call cannot carry the config's preventDestroy: Terraform takes no lifecycle from a module's caller. */
export const adoptModuleNoPreventDestroy = (moduleName: string): string =>
  `the module cannot protect the role from deletion as the config's preventDestroy does: Terraform takes prevent_destroy from no variable, and a module block has no lifecycle. Review the plans of module.${moduleName} for a delete of aws_iam_role.this, or deny iam:DeleteRole on the role (the module README, "Protecting the role from replacement").`;

/** What `module "<name>"` takes: a letter or `_`, then letters, digits, `_` and `-`. */
export const MODULE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** An invalid `--module` name. */
export const adoptModuleNameInvalid = (name: string): string =>
  `Module name ${quote(name)} is not valid: a Terraform module name starts with a letter or _ and holds only letters, digits, _ and -. Give a name such as mediaconvert_role.`;

/** `a`, `a and b`, `a, b and c`. */
const listed = (items: readonly string[]): string => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/** Options of adopt that write the config entry, given with `--module` (which prints a module call and writes no config). */
export const adoptModuleWithConfigOptions = (moduleName: string, options: readonly string[]): string =>
  `--module ${moduleName} prints the Terraform module call and writes no config, so ${listed(options)} ${options.length === 1 ? "does" : "do"} not apply: ${
    options.length === 1 ? "it is" : "they are"
  } for the config entry. Leave out ${listed(options)}, or leave out --module to write the config entry.`;

/** `--module-source` without `--module`. */
export const adoptModuleSourceWithoutModule = (source: string): string =>
  `--module-source ${source} is the source of the module call that --module prints, and there is no --module. Give --module <name> with it, or leave it out.`;

/** Neither `--stack` nor `--module`: adopt does not know where the role goes. */
export const adoptNeedsStackOrModule = (): string =>
  "adopt needs --stack <stack>, the config stack to add the role to (created when missing), or --module <name>, to print the Terraform module call that adopts the role instead. Give one of them.";

/** A value of the module call that the module's validations would refuse at plan. */
export const adoptModuleArgumentInvalid = (moduleName: string, argument: string, problem: string): string =>
  `${argument}: ${problem} (in the call of module ${quote(moduleName)} adopt would print; the module's validation refuses it at plan)`;

export const adoptStackWithoutAccount = (stack: string, accountId: string): string =>
  `stack ${quote(stack)} has no accountId, so the trust conditions pin whichever account Terraform deploys with (data.aws_caller_identity); the role belongs to account ${accountId}: set "accountId": "${accountId}" on the stack to pin that account at synth and have the provider refuse any other.`;

export const removedStack = (stack: string, dir: string): string =>
  `Stack ${quote(stack)} is no longer in the config, so ${dir} was removed from the output. Its resources may still exist in AWS; Terraform no longer manages them from here. To delete them, put the stack back in the config, run "cdktf destroy ${stack}" (or "terraform destroy" in ${dir}), then remove it again; to keep them, nothing is needed.`;

export const removedStackKept = (stack: string, dir: string, holds: readonly string[]): string =>
  `Stack ${quote(stack)} is no longer in the config, but ${dir} holds ${holds.join(" and ")}, so it was kept as it was instead of being deleted. Its resources may still exist in AWS. To delete them, run "terraform destroy" in ${dir}; then, or to keep the resources, delete the directory yourself once you no longer need it${holds.some((h) => h !== ".terraform/") ? " (with its state, Terraform forgets the resources)" : ""}.`;

export const stackNameUsedTwice = (name: string, first: string, firstIndex: number): string =>
  name === first
    ? `stack name ${quote(name)} is already used by stacks[${firstIndex}]: each stack needs its own output directory. Rename one of them.`
    : `stack name ${quote(name)} differs from ${quote(first)} of stacks[${firstIndex}] only in case: their directories and state files are one on macOS and Windows. Rename one of them.`;

/** Names Windows reserves for devices: a directory or file of that name (with any extension) cannot be made there. */
export const WINDOWS_RESERVED_NAMES = ["CON", "PRN", "AUX", "NUL", ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`COM${n}`, `LPT${n}`])] as const;

export const stackNameReserved = (name: string): string =>
  `stack name ${quote(name)} is a device name on Windows (${WINDOWS_RESERVED_NAMES.join(", ")}, in any case): its directory and state file cannot be created there. Rename the stack.`;
