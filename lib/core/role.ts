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
import { terraformName } from "./addresses";
import { declaredEnvironment, environmentOf, KnownEnvironment, partitionOf, trustedAccountOf } from "./environment";
import { MediaConvertValidationError, roleAccountClash } from "./messages";
import { inlinePolicyDocument, passRolePolicy, sourceRestrictionOf, trustPolicy } from "./policies";
import type { MediaConvertRoleProps, RoleAccess } from "./role-props";
import type { PolicyDocument } from "./policy-document";
import { policyCount, renderPolicy } from "./render-policy";
import { contextProblems, fieldProblems, formatProblem, Problem } from "./role-rules";
import { checkAccountId, DEFAULT_ROLE_NAME } from "./rules";
import { registerNameClashCheck } from "./name-clash";
import { ImportBlock, TerraformImports } from "./import-blocks";

export { DEFAULT_ROLE_NAME };
export type { InputLocation, MediaConvertRoleProps, OutputLocation, RoleAccess } from "./role-props";
export type { ImportBlock } from "./import-blocks";

/** The AWS managed policies the MediaConvert console attaches. */
export const MANAGED_POLICIES = {
  s3FullAccess: "AmazonS3FullAccess",
  apiGatewayInvokeFullAccess: "AmazonAPIGatewayInvokeFullAccess",
} as const;

/** The account the trust conditions pin when no account id is known at synth: the credentials' account. */
export const DEPLOYING_ACCOUNT = "<the deploying account>";
/**
 * The managed-policy attachments a full-access role can have: the suffix of their Terraform
 * resource name (`<role>_<suffix>`), the AWS managed policy, and the prop that switches it.
 */
export const MANAGED_POLICY_ATTACHMENTS = [
  { suffix: "s3_full_access", policy: MANAGED_POLICIES.s3FullAccess, prop: "attachS3FullAccess" },
  { suffix: "api_gateway_invoke_full_access", policy: MANAGED_POLICIES.apiGatewayInvokeFullAccess, prop: "attachApiGatewayInvokeFullAccess" },
] as const;

/** What the role can do, in data: the permissions report is written from it. */
export interface RolePermissions {
  readonly roleName: string;
  readonly access: RoleAccess;
  /** The trust policy; the deploying account (a Terraform reference in the resource) shows as DEPLOYING_ACCOUNT. */
  readonly trust: PolicyDocument;
  /**
   * The account the confused-deputy conditions pin: an account id, DEPLOYING_ACCOUNT (read by
   * Terraform through `data.aws_caller_identity`), or undefined when the protection is off.
   */
  readonly trustedAccount?: string;
  readonly managedPolicyArns: readonly string[];
  readonly inlinePolicy?: { readonly name: string; readonly document: PolicyDocument };
  readonly permissionsBoundary?: string;
  readonly passRolePolicy: boolean;
  /** Set when the role is adopted (`adopt`): what the import blocks import, and whether Terraform owns its policies exclusively. */
  readonly adoption?: { readonly imports: readonly ImportBlock[]; readonly exclusiveAttachments: boolean };
  readonly warnings: readonly string[];
}

/** The name of the pass-role policy of a role (`roleName` may be a Terraform reference). */
export const passRolePolicyName = (roleName: string): string => `${roleName}-pass-role`;

/** The description of the pass-role policy of a role. */
export const passRolePolicyDescription = (roleName: string): string =>
  `Lets the identities it is attached to pass the MediaConvert role ${roleName} to MediaConvert, and to nothing else.`;

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

    const declared = declaredEnvironment(this);
    const env = withRoleAccount(environmentOf(this), declared, props.accountId);
    const roleName = props.roleName ?? DEFAULT_ROLE_NAME;
    const access = props.access ?? "full";
    const resolved = { ...props, roleName };
    // Built once: the size checks measure the same documents the resources get.
    const inlineDocument = once(() => inlinePolicyOf(this, resolved, env));
    const partition = once(() => partitionOf(this));
    const knownAccount = declared?.accountId ?? props.accountId;
    // The trust policy as the report shows it, and as IAM measures it: account ids are 12 digits.
    const trustShown = trustPolicy(sourceRestrictionOf(props, partition(), () => knownAccount ?? DEPLOYING_ACCOUNT));
    const trustMeasured = trustPolicy(sourceRestrictionOf(props, partition(), () => knownAccount ?? "123456789012"));
    const problems = [
      ...fieldProblems(resolved),
      ...accountProblems(declared, props.accountId),
      ...contextProblems(resolved, env, inlineDocument, () => trustMeasured),
    ];
    if (problems.length > 0) {
      // Top-level messages name their field already; nested ones (inputs[0].bucket) get their path.
      const messages = problems.map((p) => (p.path.length > 1 ? formatProblem(p) : p.message));
      throw new MediaConvertValidationError([...new Set(messages)]);
    }

    this.roleName = roleName;
    this.resourceName = terraformName(id);
    const warnings: string[] = [];
    // The data source is declared only when no account id is given: otherwise no extra API call.
    const trust = trustPolicy(sourceRestrictionOf(props, partition(), () => trustedAccountOf(this, props.accountId)));

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
      return { arn, attachment, enabled };
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
        name: passRolePolicyName(roleName),
        description: passRolePolicyDescription(roleName),
        policy: renderPolicy(passRolePolicy(this.roleArn)),
      });
      policy.overrideLogicalId(`${this.resourceName}_pass_role`);
      this.passRolePolicyArn = policy.arn;
    }

    let adoption: RolePermissions["adoption"];
    if (props.adopt) {
      const imports: ImportBlock[] = [
        { to: `aws_iam_role.${this.resourceName}`, id: roleName },
        // An attachment switched by a Terraform expression has count 0 or 1: not imported (its address is unknown here).
        ...managedPolicyArns
          .filter((m) => m.enabled === true)
          .map((m) => ({ to: `aws_iam_role_policy_attachment.${m.attachment.friendlyUniqueId}`, id: `${roleName}/${m.arn}` })),
      ];
      new TerraformImports(this, "imports", imports);
      adoption = { imports, exclusiveAttachments: props.exclusiveAttachments ?? false };
    }

    for (const warning of warnings) Annotations.of(this).addWarning(warning);
    this.permissions = {
      roleName,
      access,
      trust: trustShown,
      trustedAccount: props.confusedDeputyProtection === false ? undefined : (knownAccount ?? DEPLOYING_ACCOUNT),
      managedPolicyArns: managedPolicyArns.map((m) => m.arn),
      inlinePolicy: document ? { name: INLINE_POLICY_NAMES[access], document } : undefined,
      permissionsBoundary: props.permissionsBoundary,
      passRolePolicy: props.passRolePolicy ?? false,
      adoption,
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
    const wanted = MANAGED_POLICY_ATTACHMENTS.map(({ suffix, policy, prop }): [string, string, boolean | IResolvable] => [
      suffix,
      policy,
      props[prop] ?? true,
    ]);
    return wanted.flatMap(([suffix, name, enabled]): [string, string, true | IResolvable][] =>
      enabled === false ? [] : [[suffix, awsManagedPolicyArn(partition, name), enabled]],
    );
  }
}

/** The environment the role's ARNs are checked against, with the role's own account when the stack gives none. */
function withRoleAccount(
  env: KnownEnvironment | undefined,
  declared: { accountId?: string } | undefined,
  roleAccountId: string | undefined,
): KnownEnvironment | undefined {
  if (!env || declared?.accountId !== undefined || roleAccountId === undefined || Token.isUnresolved(roleAccountId)) return env;
  return checkAccountId(roleAccountId).length === 0 ? { ...env, accountId: roleAccountId } : env;
}

/** The role's `accountId`: 12 digits, and the stack's when the stack gives one. */
function accountProblems(declared: { accountId?: string } | undefined, roleAccountId: string | undefined): Problem[] {
  if (roleAccountId === undefined || Token.isUnresolved(roleAccountId)) return [];
  const shape = checkAccountId(roleAccountId);
  if (shape.length > 0) return shape.map((message) => ({ path: ["accountId"], message }));
  const stackAccount = declared?.accountId;
  if (stackAccount === undefined || Token.isUnresolved(stackAccount) || stackAccount === roleAccountId) return [];
  return [{ path: ["accountId"], message: roleAccountClash(roleAccountId, stackAccount) }];
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

/** The region of a stack without a literal one: the stack's token, else Terraform's `data.aws_region`. */
function regionOf(scope: IConstruct): string {
  const declared = declaredEnvironment(scope)?.region;
  if (declared !== undefined) return declared;
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild("region");
  if (existing instanceof DataAwsRegion) return existing.name;
  const data = new DataAwsRegion(stack, "region");
  data.overrideLogicalId("current");
  return data.name;
}
