/**
 * The credentials a MediaConvertStack's AWS provider uses: a role to assume (the provider's
 * `assume_role` block). The config file's schema parses exactly this shape.
 */

/**
 * A role the AWS provider assumes before it touches the stack's resources, so that one set of
 * pipeline credentials reaches every account (one `assume_role` block).
 * @see https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs#assume-role-configuration-block
 */
export interface AssumeRoleConfig {
  /**
   * ARN of the role to assume: `arn:<partition>:iam::<account>:role/<path><name>`, in the stack's
   * partition, and in the stack's account when `accountId` is set.
   * @see https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
   */
  readonly roleArn: string;

  /**
   * The session name, shown in CloudTrail as the assumed-role session: 2 to 64 letters, digits
   * and `+ = , . @ - _`.
   * @default - one the provider makes up
   */
  readonly sessionName?: string;

  /**
   * The external id the role's trust policy asks for (`sts:ExternalId`): 2 to 1224 letters,
   * digits and `+ = , . @ : / - _`.
   * @default - no external id
   */
  readonly externalId?: string;

  /**
   * How long the assumed credentials last, as a Go duration string the provider parses
   * (`"1h"`, `"45m"`, `"1h30m"`), from 15m to 12h. STS refuses more than the assumed role's own
   * maximum session duration (1 hour unless the role raises it).
   * @default - 15 minutes (the provider's default)
   */
  readonly duration?: string;
}
