/**
 * The validation rules shared by the construct, the config file and the module generator.
 * Each check returns the problems it found (empty when the value is fine); unresolved
 * Terraform tokens are skipped, Terraform checks them at plan time.
 */
import { Token } from "cdktf";
import { isRegion, PARTITIONS, splitArn } from "./arn";
import { KnownEnvironment } from "./environment";
import * as errors from "./errors";

export const ROLE_NAME_MAX = 64;
export const DESCRIPTION_MAX = 1000;

/** One role-name character: a letter, a digit or + = , . @ - _ (IAM's `[\w+=,.@-]`). */
export const ROLE_NAME_CHAR = /[A-Za-z0-9_+=,.@-]/;
export const ROLE_NAME_PATTERN = /^[A-Za-z0-9_+=,.@-]{1,64}$/;

/** One description character: tab, LF, CR, U+0020 to U+007E, U+00A1 to U+00FF. */
export const DESCRIPTION_CHAR = /[\t\n\r\u0020-\u007E\u00A1-\u00FF]/;

/** A KMS key id: a lower-case UUID, or `mrk-` and 32 hex digits for a multi-Region key. */
export const KMS_KEY_ID_PATTERN = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

function distinctMatching(value: string, allowed: RegExp): string[] {
  return [...new Set(Array.from(value).filter((c) => !allowed.test(c)))];
}

export function checkRoleName(name: string): string[] {
  if (Token.isUnresolved(name)) return [];
  if (name.length === 0) return [errors.roleNameEmpty()];
  const bad = distinctMatching(name, ROLE_NAME_CHAR);
  const problems = bad.length > 0 ? [errors.roleNameCharacters(name, bad)] : [];
  if (name.length > ROLE_NAME_MAX) problems.push(errors.roleNameTooLong(name));
  return problems;
}

export function checkDescription(description: string): string[] {
  if (Token.isUnresolved(description)) return [];
  const bad = distinctMatching(description, DESCRIPTION_CHAR);
  const problems = bad.length > 0 ? [errors.descriptionCharacters(description, bad)] : [];
  if (description.length > DESCRIPTION_MAX) problems.push(errors.descriptionTooLong(description));
  return problems;
}

export function checkRegion(region: string): string[] {
  return isRegion(region) ? [] : [errors.regionInvalid(region)];
}

export function checkAccountId(accountId: string): string[] {
  return ACCOUNT_ID_PATTERN.test(accountId) ? [] : [errors.accountIdInvalid(accountId)];
}

/**
 * Checks a KMS key ARN: shape, that it names a key (not an alias), and, when the stack's
 * region is known, that the key is in the stack's partition.
 */
export function checkKmsKeyArn(arn: string, env?: KnownEnvironment): string[] {
  if (Token.isUnresolved(arn)) return [];
  const parts = splitArn(arn);
  if (!parts) {
    return [errors.kmsKeyArnShape(arn, `It does not start with "arn:" or has fewer than six ":"-separated fields.`)];
  }
  if (parts.service !== "kms") {
    return [errors.kmsKeyArnShape(arn, `It is an ARN of service "${parts.service}", not "kms".`)];
  }
  if (parts.resource.startsWith("alias/")) return [errors.kmsKeyArnIsAlias(arn)];
  if (!(PARTITIONS as readonly string[]).includes(parts.partition)) {
    return [errors.kmsKeyArnShape(arn, `Its partition "${parts.partition}" is not one of ${PARTITIONS.join(", ")}.`)];
  }
  if (!isRegion(parts.region)) {
    return [errors.kmsKeyArnShape(arn, `Its region "${parts.region}" is not a region code such as us-east-1.`)];
  }
  if (!ACCOUNT_ID_PATTERN.test(parts.accountId)) {
    return [errors.kmsKeyArnShape(arn, `Its account "${parts.accountId}" is not 12 digits.`)];
  }
  const keyId = parts.resource.startsWith("key/") ? parts.resource.slice("key/".length) : undefined;
  if (keyId === undefined || !KMS_KEY_ID_PATTERN.test(keyId)) {
    return [
      errors.kmsKeyArnShape(
        arn,
        `Its resource "${parts.resource}" is not key/ followed by a key id (a lower-case UUID, or mrk- and 32 hex digits).`,
      ),
    ];
  }
  if (env && parts.partition !== env.partition) {
    return [errors.kmsKeyWrongPartition(arn, parts.partition, env.partition, env.region)];
  }
  return [];
}
