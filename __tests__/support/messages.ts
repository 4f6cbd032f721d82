/**
 * The rule texts the tests expect in messages, written out here (not imported from lib/errors.ts)
 * so that a changed rule text fails the tests that pin it.
 */
export const NAME_RULE = "IAM role names use only letters, digits and + = , . @ - _ (1 to 64 characters)";
export const DESCRIPTION_RULE =
  "IAM role descriptions are at most 1000 characters of tab, line breaks and printable Latin-1 characters (U+0020 to U+007E, U+00A1 to U+00FF)";
export const KMS_SHAPE = "a KMS key ARN has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>";
