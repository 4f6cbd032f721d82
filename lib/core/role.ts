/**
 * The MediaConvert service role as a cdktf construct.
 */
import {
  Annotations,
  DataAwsRegion,
  Fn,
  IamPolicy,
  IamRole,
  IamRolePoliciesExclusive,
  IamRolePolicy,
  IamRolePolicyAttachment,
  IamRolePolicyAttachmentsExclusive,
  TerraformStack,
  Token,
} from "./engine";
import type { IResolvable } from "./engine";
import { Construct, IConstruct } from "constructs";
import { awsManagedPolicyArn } from "./arn";
import { environmentOf, KnownEnvironment, partitionOf, terraformName } from "./environment";
import { MediaConvertValidationError, noConfusedDeputyProtection } from "./errors";
import { inlinePolicyDocument, passRolePolicy, sourceRestrictionOf, trustPolicy } from "./policies";
import type { MediaConvertRoleProps, RoleAccess } from "./role-props";
import { policyCount, PolicyDocument, renderPolicy } from "./policy-document";
import { contextProblems, fieldProblems, formatProblem } from "./role-rules";
import { DEFAULT_ROLE_NAME } from "./rules";
import { registerNameClashCheck } from "./name-clash";

export { DEFAULT_ROLE_NAME };
export type { InputLocation, MediaConvertRoleProps, OutputLocation, RoleAccess } from "./role-props";

/** The AWS managed policies the MediaConvert console attaches. */
export const MANAGED_POLICIES = {
  s3FullAccess: "AmazonS3FullAccess",
  apiGatewayInvokeFullAccess: "AmazonAPIGatewayInvokeFullAccess",
} as const;

/** What the role can do, in data: the permissions report is written from it. */
export interface RolePermissions {
  readonly roleName: string;
  readonly access: RoleAccess;
  readonly trust: PolicyDocument;
  readonly managedPolicyArns: readonly string[];
  readonly inlinePolicy?: { readonly name: string; readonly document: PolicyDocument };
  readonly permissionsBoundary?: string;
  readonly passRolePolicy: boolean;
  readonly warnings: readonly string[];
}

const ROLE_MARKER = Symbol.for("mediaconvert-role.MediaConvertRole");

/** The names of the inline policies, by access mode. */
export const INLINE_POLICY_NAMES = { full: "kms-sse-keys", scoped: "mediaconvert-scoped-access" } as const;

/**
 * An IAM role that AWS Elemental MediaConvert assumes to read inputs and write outputs.
 *
 * Terraform addresses are derived from the construct id (lower-cased, other characters as `_`),
 * never from hashes; see the README's address table.
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
  /** ARN of the pass-role policy, when `passRolePolicy` is set. */
  public readonly passRolePolicyArn?: string;
  /** What the role can do, for reports. */
  public readonly permissions: RolePermissions;

  constructor(scope: Construct, id: string, props: MediaConvertRoleProps = {}) {
    super(scope, id);
    Object.defineProperty(this, ROLE_MARKER, { value: true });

    const env = environmentOf(this);
    const roleName = props.roleName ?? DEFAULT_ROLE_NAME;
    const access = props.access ?? "full";
    const resolved = { ...props, roleName };
    // Built once: the size checks measure the same documents the resources get.
    const inlineDocument = once(() => inlinePolicyOf(this, resolved, env));
    const trust = trustPolicy(sourceRestrictionOf(props, env));
    const problems = [
      ...fieldProblems(resolved),
      ...contextProblems(resolved, env, inlineDocument, () => trust),
    ];
    if (problems.length > 0) {
      // Top-level messages name their field already; nested ones (inputs[0].bucket) get their path.
      const messages = problems.map((p) => (p.path.length > 1 ? formatProblem(p) : p.message));
      throw new MediaConvertValidationError([...new Set(messages)]);
    }

    this.roleName = roleName;
    this.resourceName = terraformName(id);
    const warnings =
      props.confusedDeputyProtection !== false && !env?.accountId ? [noConfusedDeputyProtection(roleName)] : [];

    this.role = new IamRole(this, "role", {
      name: roleName,
      description: props.description,
      assumeRolePolicy: renderPolicy(trust),
      path: props.path,
      permissionsBoundary: props.permissionsBoundary,
      maxSessionDuration: props.maxSessionDuration,
      tags: props.tags === undefined || Token.isUnresolved(props.tags) ? props.tags : { ...props.tags },
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.role.overrideLogicalId(this.resourceName);
    this.roleArn = this.role.arn;

    const managedPolicyArns = this.managedPolicies(props, access).map(([suffix, arn, enabled]) => {
      const attachment = new IamRolePolicyAttachment(this, suffix, {
        role: this.role.name,
        policyArn: arn,
        count: enabled === true ? undefined : Fn.conditional(enabled, 1, 0),
      });
      attachment.overrideLogicalId(`${this.resourceName}_${suffix}`);
      return { arn, attachment };
    });

    const document = inlineDocument();
    let inlinePolicy: IamRolePolicy | undefined;
    if (document) {
      const suffix = access === "scoped" ? "scoped" : "kms";
      inlinePolicy = new IamRolePolicy(this, suffix, {
        name: INLINE_POLICY_NAMES[access],
        role: this.role.name,
        policy: renderPolicy(document),
        count: policyCount(document),
      });
      inlinePolicy.overrideLogicalId(`${this.resourceName}_${suffix}`);
    }

    if (props.exclusiveAttachments) {
      new IamRolePolicyAttachmentsExclusive(this, "attachments_exclusive", {
        roleName: this.role.name,
        policyArns: managedPolicyArns.map((m) => m.attachment.policyArn),
      }).overrideLogicalId(`${this.resourceName}_attachments_exclusive`);
      new IamRolePoliciesExclusive(this, "policies_exclusive", {
        roleName: this.role.name,
        policyNames: inlinePolicy ? [inlinePolicy.name] : [],
      }).overrideLogicalId(`${this.resourceName}_policies_exclusive`);
    }

    if (props.passRolePolicy) {
      const policy = new IamPolicy(this, "pass_role", {
        name: `${roleName}-pass-role`,
        description: `Lets the identities it is attached to pass the MediaConvert role ${roleName} to MediaConvert, and to nothing else.`,
        policy: renderPolicy(passRolePolicy(this.roleArn)),
      });
      policy.overrideLogicalId(`${this.resourceName}_pass_role`);
      this.passRolePolicyArn = policy.arn;
    }

    for (const warning of warnings) Annotations.of(this).addWarning(warning);
    this.permissions = {
      roleName,
      access,
      trust,
      managedPolicyArns: managedPolicyArns.map((m) => m.arn),
      inlinePolicy: document ? { name: INLINE_POLICY_NAMES[access], document } : undefined,
      permissionsBoundary: props.permissionsBoundary,
      passRolePolicy: props.passRolePolicy ?? false,
      warnings,
    };
    registerNameClashCheck(this);
  }

  /** The managed policies to attach: `enabled` is true, or a Terraform condition (the module's variables). */
  private managedPolicies(
    props: MediaConvertRoleProps,
    access: RoleAccess,
  ): [suffix: string, arn: string, enabled: true | IResolvable][] {
    if (access === "scoped") return [];
    const partition = partitionOf(this);
    const wanted: [string, string, boolean | IResolvable][] = [
      ["s3_full_access", MANAGED_POLICIES.s3FullAccess, props.attachS3FullAccess ?? true],
      ["api_gateway_invoke_full_access", MANAGED_POLICIES.apiGatewayInvokeFullAccess, props.attachApiGatewayInvokeFullAccess ?? true],
    ];
    return wanted.flatMap(([suffix, name, enabled]): [string, string, true | IResolvable][] =>
      enabled === false ? [] : [[suffix, awsManagedPolicyArn(partition, name), enabled]],
    );
  }
}

/** `fn`'s result, computed on the first call only. */
function once<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) [value, done] = [fn(), true];
    return value;
  };
}

/** The role's inline policy, with partition and region from the stack (or Terraform, when unknown). */
function inlinePolicyOf(scope: IConstruct, props: MediaConvertRoleProps, env: KnownEnvironment | undefined): PolicyDocument | undefined {
  return inlinePolicyDocument(props, partitionOf(scope), () => env?.region ?? regionOf(scope));
}

/** The region of a stack that did not declare one: Terraform's `data.aws_region`. */
function regionOf(scope: IConstruct): string {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild("region");
  if (existing instanceof DataAwsRegion) return existing.name;
  const data = new DataAwsRegion(stack, "region");
  data.overrideLogicalId("current");
  return data.name;
}
