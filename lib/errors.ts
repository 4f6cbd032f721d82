/**
 * Every user-facing error message of the project, as small factory functions.
 *
 * A message says what was given, the rule, and what to do. The rule texts are shared with
 * the generated Terraform module's `validation` blocks, so both sides say the same thing.
 */

/** Quotes a user value for a message, shortening very long values. */
export function quote(value: string, max = 80): string {
  const shown = value.length > max ? `${value.slice(0, max)}...` : value;
  return JSON.stringify(shown);
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
  kmsKeyArn: "a KMS key ARN has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>",
  kmsAlias:
    "IAM does not grant use of a KMS key through its alias ARN (aliases only match through the kms:ResourceAliases condition key)",
  region: "an AWS region looks like us-east-1, eu-west-1, cn-north-1 or us-gov-west-1",
  accountId: "an AWS account id is exactly 12 digits",
} as const;

/** Names characters for a "remove ..." hint: `the space`, `"/"`, `"é" (U+00E9)`. */
export function describeCharacters(chars: readonly string[]): string {
  const named = chars.map((c) => {
    if (c === " ") return "the space";
    if (c === "\t") return "the tab";
    if (c === "\n") return "the line break";
    const code = c.codePointAt(0) ?? 0;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    return code < 0x20 || code > 0x7e ? `${JSON.stringify(c)} (${hex})` : JSON.stringify(c);
  });
  if (named.length <= 1) return named.join("");
  return `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
}

export const roleNameEmpty = (): string => `Role name "" is not valid: ${RULES.roleName}. Give the role a name.`;

export const roleNameTooLong = (name: string): string =>
  `Role name ${quote(name)} is not valid: ${RULES.roleName}. Shorten it to 64 characters (it has ${name.length}).`;

export const roleNameCharacters = (name: string, bad: readonly string[]): string =>
  `Role name ${quote(name)} is not valid: ${RULES.roleName}. Remove ${describeCharacters(bad)}.`;

export const roleNameCaseClash = (name: string, other: string, where: string): string =>
  `Role name ${quote(name)} clashes with role ${quote(other)} ${where}: IAM role names are unique per account and not case-sensitive. Rename one of them.`;

export const descriptionTooLong = (description: string): string =>
  `Description ${quote(description, 40)} is not valid: ${RULES.description}. Shorten it to 1000 characters (it has ${description.length}).`;

export const descriptionCharacters = (description: string, bad: readonly string[]): string =>
  `Description ${quote(description, 40)} is not valid: ${RULES.description}. Remove or replace ${describeCharacters(bad)}.`;

export const kmsKeyArnShape = (arn: string, fix: string): string =>
  `KMS key ARN ${quote(arn)} is not valid: ${RULES.kmsKeyArn}. ${fix}`;

export const kmsKeyArnIsAlias = (arn: string): string =>
  `KMS key ARN ${quote(arn)} is an alias ARN: ${RULES.kmsAlias}. Give the key ARN instead (arn:<partition>:kms:<region>:<account>:key/<key id>); "aws kms describe-key --key-id <alias ARN>" prints it.`;

export const kmsKeyWrongPartition = (arn: string, keyPartition: string, stackPartition: string, region: string): string =>
  `KMS key ARN ${quote(arn)} is in partition ${keyPartition}, but the stack's region ${region} is in partition ${stackPartition}: a role cannot use keys of another partition. Use a key from partition ${stackPartition}.`;

export const regionInvalid = (region: string): string =>
  `Region ${quote(region)} is not valid: ${RULES.region}. Use the code of the region the role is for, not its display name.`;

export const accountIdInvalid = (accountId: string): string =>
  `Account id ${quote(accountId)} is not valid: ${RULES.accountId}. Copy it from "aws sts get-caller-identity" (keep leading zeros, and write it as a string).`;

export const resourceKeyClash = (key: string, a: string, b: string): string =>
  `Roles ${quote(a)} and ${quote(b)} both map to Terraform resource name ${quote(key)} (names are lower-cased and + = , . @ - become _). Rename one of them.`;
