/**
 * The MediaConvert service role as a cdktf construct.
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { App, TerraformStack, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { awsManagedPolicyArn } from "./arn";
import { environmentOf, KnownEnvironment, partitionOf, terraformName } from "./environment";
import { MediaConvertValidationError, roleNameCaseClash } from "./errors";
import { kmsPolicy, trustPolicy } from "./policies";
import { renderPolicy } from "./policy-document";
import { checkDescription, checkKmsKeyArn, checkRoleName } from "./rules";

export const DEFAULT_ROLE_NAME = "MediaConvert_Default_Role";

/** The AWS managed policies the MediaConvert console attaches. */
export const MANAGED_POLICIES = {
  s3FullAccess: "AmazonS3FullAccess",
  apiGatewayInvokeFullAccess: "AmazonAPIGatewayInvokeFullAccess",
} as const;

export interface MediaConvertRoleProps {
  /**
   * The name of the role. It cannot be changed after creation: Terraform replaces the role.
   *
   * 1 to 64 letters, digits and `+ = , . @ - _`; unique per account, not case-sensitive.
   * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
   * @default "MediaConvert_Default_Role"
   */
  readonly roleName?: string;

  /**
   * A description of the role: at most 1000 characters of tab, line breaks and printable Latin-1.
   * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
   * @default - no description
   */
  readonly description?: string;

  /**
   * Attach the AWS managed policy `AmazonS3FullAccess`, as the console does.
   * @default true
   */
  readonly attachS3FullAccess?: boolean;

  /**
   * Attach the AWS managed policy `AmazonAPIGatewayInvokeFullAccess`, as the console does
   * (needed for DRM key exchange through SPEKE and for Nielsen watermarking).
   * @default true
   */
  readonly attachApiGatewayInvokeFullAccess?: boolean;

  /**
   * KMS key ARNs of input buckets with SSE-KMS default encryption: the role gets `kms:Decrypt` on them.
   * Key ARNs only; an alias ARN does not grant use of a key.
   * @see https://docs.aws.amazon.com/mediaconvert/latest/ug/iam-role.html
   * @default - no input keys
   */
  readonly inputKmsKeyArns?: readonly string[];

  /**
   * KMS key ARNs of output buckets with SSE-KMS default encryption: the role gets
   * `kms:GenerateDataKey` on them.
   * @default - no output keys
   */
  readonly outputKmsKeyArns?: readonly string[];

  /**
   * Set Terraform's `lifecycle.prevent_destroy` on the role, so that a plan that would delete or
   * replace it (a rename, say) fails instead. Recommended for production roles.
   * @default false
   */
  readonly preventDestroy?: boolean;
}

const ROLE_MARKER = Symbol.for("mediaconvert-role.MediaConvertRole");

/**
 * An IAM role that AWS Elemental MediaConvert assumes to read inputs and write outputs.
 *
 * Terraform addresses are derived from the construct id (lower-cased, other characters as `_`),
 * never from hashes: `aws_iam_role.<id>`, `aws_iam_role_policy_attachment.<id>_s3_full_access`,
 * `aws_iam_role_policy_attachment.<id>_api_gateway_invoke_full_access`, `aws_iam_role_policy.<id>_kms`.
 */
export class MediaConvertRole extends Construct {
  /** True when `x` is a MediaConvertRole (also across copies of this library). */
  public static isMediaConvertRole(x: unknown): x is MediaConvertRole {
    return typeof x === "object" && x !== null && ROLE_MARKER in x;
  }

  /** The role's ARN (a Terraform reference). */
  public readonly roleArn: string;
  /** The role's name, as given (a literal unless a token was given). */
  public readonly roleName: string;
  /** The Terraform resource name every resource of this role starts with. */
  public readonly resourceName: string;
  /** The underlying `aws_iam_role`. */
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: MediaConvertRoleProps = {}) {
    super(scope, id);
    Object.defineProperty(this, ROLE_MARKER, { value: true });

    const roleName = props.roleName ?? DEFAULT_ROLE_NAME;
    const inputKeys = props.inputKmsKeyArns ?? [];
    const outputKeys = props.outputKmsKeyArns ?? [];
    validateProps(roleName, props, environmentOf(this));

    this.roleName = roleName;
    this.resourceName = terraformName(id);

    this.role = new IamRole(this, "role", {
      name: roleName,
      description: props.description,
      assumeRolePolicy: renderPolicy(trustPolicy()),
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.role.overrideLogicalId(this.resourceName);
    this.roleArn = this.role.arn;

    if (props.attachS3FullAccess ?? true) {
      this.attachManagedPolicy("s3_full_access", awsManagedPolicyArn(partitionOf(this), MANAGED_POLICIES.s3FullAccess));
    }
    if (props.attachApiGatewayInvokeFullAccess ?? true) {
      this.attachManagedPolicy(
        "api_gateway_invoke_full_access",
        awsManagedPolicyArn(partitionOf(this), MANAGED_POLICIES.apiGatewayInvokeFullAccess),
      );
    }

    const kms = kmsPolicy(inputKeys, outputKeys);
    if (kms) {
      const policy = new IamRolePolicy(this, "kms", {
        name: "kms-sse-keys",
        role: this.role.id,
        policy: renderPolicy(kms),
      });
      policy.overrideLogicalId(`${this.resourceName}_kms`);
    }

    this.node.addValidation({ validate: () => this.caseInsensitiveNameClashes() });
  }

  private attachManagedPolicy(suffix: string, policyArn: string): void {
    const attachment = new IamRolePolicyAttachment(this, suffix, { role: this.role.name, policyArn });
    attachment.overrideLogicalId(`${this.resourceName}_${suffix}`);
  }

  /** Roles of one app in the same account whose names differ only in case collide in IAM. */
  private caseInsensitiveNameClashes(): string[] {
    if (Token.isUnresolved(this.roleName)) return [];
    const mine = accountKey(this);
    const others = App.of(this)
      .node.findAll()
      .filter(MediaConvertRole.isMediaConvertRole)
      .filter((other) => other !== this && !Token.isUnresolved(other.roleName))
      .filter((other) => other.roleName.toLowerCase() === this.roleName.toLowerCase())
      .filter((other) => accountKey(other) === mine);
    // Report each clash once, from the role that comes later in the tree.
    const earlier = others.filter((other) => other.node.path < this.node.path);
    return earlier.map((other) =>
      roleNameCaseClash(this.roleName, other.roleName, describeLocation(other, this)),
    );
  }
}

function validateProps(roleName: string, props: MediaConvertRoleProps, env: KnownEnvironment | undefined): void {
  const problems = [
    ...checkRoleName(roleName),
    ...(props.description !== undefined ? checkDescription(props.description) : []),
    ...[...(props.inputKmsKeyArns ?? []), ...(props.outputKmsKeyArns ?? [])].flatMap((arn) =>
      checkKmsKeyArn(arn, env),
    ),
  ];
  if (problems.length > 0) throw new MediaConvertValidationError([...new Set(problems)]);
}

/** Roles are in the same account when they share a stack, or their stacks declare the same account. */
function accountKey(role: IConstruct): string {
  const env = environmentOf(role);
  return env?.accountId ? `account:${env.accountId}` : `stack:${TerraformStack.of(role).node.path}`;
}

function describeLocation(other: IConstruct, self: IConstruct): string {
  const otherStack = TerraformStack.of(other);
  return otherStack === TerraformStack.of(self)
    ? `in the same stack`
    : `in stack "${otherStack.node.id}" (same account)`;
}
