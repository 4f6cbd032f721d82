/**
 * The MediaConvert service role as a cdktf construct.
 */
import {
  Annotations,
  DataAwsRegion,
  Fn,
  IamGroupPolicyAttachment,
  IamPolicy,
  IamRole,
  IamRolePoliciesExclusive,
  IamRolePolicy,
  IamRolePolicyAttachment,
  IamRolePolicyAttachmentsExclusive,
  IamUserPolicyAttachment,
  TerraformStack,
} from "./engine";
import type { IamGroup, IamUser, IResolvable } from "./engine";
import { Construct, IConstruct } from "constructs";
import { terraformName } from "./addresses";
import { awsManagedPolicyArn, formatArn } from "./arn";
import { DEPLOYING_ACCOUNT } from "./deploying-account";
import { declaredEnvironment, environmentOf, KnownEnvironment, partitionOf, roleAccountOf } from "./environment";
import { MediaConvertScope, passRolePolicy, submitJobsPolicy, SubmitJobsOptions } from "./grants";
import { ImportBlock, TerraformImports } from "./import-blocks";
import { granteeNotAnIdentity, submitJobsGrantedTwice, MediaConvertValidationError, rolePathWarning, roleAccountClash, unpinnedBucketsWarning } from "./messages";
import {
  INLINE_POLICY_SUFFIXES,
  MANAGED_POLICY_ATTACHMENTS,
  passRolePolicyDescription,
  passRolePolicyName,
  submitJobsPolicyDescription,
  submitJobsPolicyName,
} from "./names";
import { bucketOwnerOf, INLINE_POLICIES, InlinePolicy, inlinePolicies, locationUsesOf, SIZING_ACCOUNT, sourceRestrictionOf, trustPolicy } from "./policies";
import type { PolicyDocument } from "./policy-document";
import { BucketPolicy, KeyPolicy, ResourcePolicies, resourcePoliciesOf } from "./resource-policies";
import { policyCount, renderPolicy } from "./render-policy";
import type { JobSubmitters, MediaConvertRoleProps, RoleAccess } from "./role-props";
import { contextProblems, fieldProblems, formatProblem, Problem } from "./role-rules";
import { checkAccountId, DEFAULT_ROLE_NAME } from "./rules";
import { isUnresolved, terraformLiteral } from "./tokens";
import { registerUniqueNames } from "./unique-names";

export { DEFAULT_ROLE_NAME, INLINE_POLICIES };
export * from "./names";
export type { SubmitJobsOptions };
export type { InputLocation, JobSubmitters, MediaConvertRoleProps, OutputLocation, RoleAccess } from "./role-props";
export type { ImportBlock } from "./import-blocks";
export type { BucketPolicy, KeyPolicy, ObjectOwnership, ResourcePolicies } from "./resource-policies";

export { DEPLOYING_ACCOUNT };

/** An identity of the consumer's stack that can be granted the use of the role. */
export type Grantee = IamRole | IamUser | IamGroup;

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
  /** The inline policies, in the order the role gets them. */
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly permissionsBoundary?: string;
  readonly passRolePolicy: boolean;
  /** The job submitters' policy and the identities it is attached to (by name), when `jobSubmitters` is set. */
  readonly jobSubmitters?: { readonly document: PolicyDocument; readonly submitters: JobSubmitters };
  /** Set when the role is adopted (`adopt`): what the import blocks import, and whether Terraform owns its policies exclusively. */
  readonly adoption?: { readonly imports: readonly ImportBlock[]; readonly exclusiveAttachments: boolean };
  /** The bucket and key policy statements the role needs (see `MediaConvertRole.resourcePolicies`), with the role's ARN as the report shows it. */
  readonly resourcePolicies: ResourcePolicies;
  /** The role's account as the report shows it: an account id, or DEPLOYING_ACCOUNT. */
  readonly account: string;
  readonly warnings: readonly string[];
}

/** A bucket or key policy entry, with its document rendered for Terraform (`source_policy_documents`, a policy argument). */
export type Rendered<T> = T & { readonly json: string };

const ROLE_MARKER = Symbol.for("mediaconvert-role.MediaConvertRole");

/** The type of `passRolePolicyArn`: a string when the props create the policy. */
export type PassRolePolicyArn<P extends MediaConvertRoleProps> = P extends { readonly passRolePolicy: true } ? string : string | undefined;

/**
 * An IAM role that AWS Elemental MediaConvert assumes to read inputs and write outputs.
 *
 * Terraform addresses are derived from the construct id (lower-cased, other characters as `_`),
 * never from hashes; see the docs' address table.
 */
export class MediaConvertRole<const P extends MediaConvertRoleProps = MediaConvertRoleProps> extends Construct {
  /** True when `x` is a MediaConvertRole (also across copies of this library). */
  public static isMediaConvertRole(x: unknown): x is MediaConvertRole {
    return typeof x === "object" && x !== null && ROLE_MARKER in x;
  }

  /** The role's ARN (a Terraform reference). */
  public readonly roleArn: string;
  /** The role's name, as given (a literal unless a token was given). */
  public readonly roleName: string;
  /** The role's stable unique id (`AROA...`, a Terraform reference): it changes when the role is replaced. */
  public readonly roleId: string;
  /** The Terraform resource name every resource of this role starts with. */
  public readonly resourceName: string;
  /** The underlying `aws_iam_role`. */
  public readonly role: IamRole;
  /** What the role can do, for reports. */
  public readonly permissions: RolePermissions;

  /**
   * The other side of the role's grants: per bucket of its scoped locations and per KMS key it
   * uses, the statements that bucket's policy or key's policy must hold for the role (principal:
   * this role), as documents to merge into your `aws_s3_bucket_policy` or the key's policy
   * (`json`, e.g. in a `DataAwsIamPolicyDocument`'s `sourcePolicyDocuments`). Needed for buckets
   * and keys of another account, and for keys whose key policy lacks the account-root statement.
   */
  public readonly resourcePolicies: { readonly buckets: readonly Rendered<BucketPolicy>[]; readonly keys: readonly Rendered<KeyPolicy>[] };

  /** ARN of the job submitters' policy, when `jobSubmitters` is set. */
  public readonly submitJobsPolicyArn?: string;

  private passRole?: IamPolicy;
  private readonly granted = new Set<string>();
  private readonly scope: () => MediaConvertScope;

  constructor(scope: Construct, id: string, props: P = {} as P) {
    super(scope, id);
    Object.defineProperty(this, ROLE_MARKER, { value: true });

    const declared = declaredEnvironment(this);
    const env = withRoleAccount(environmentOf(this), declared, props.accountId);
    const roleName = props.roleName ?? DEFAULT_ROLE_NAME;
    const access = props.access ?? "full";
    const resolved: MediaConvertRoleProps = { ...props, roleName };
    const partition = once(() => partitionOf(this));
    const region = once(() => env?.region ?? regionOf(this));
    const knownAccount = declared?.accountId ?? props.accountId;
    // The documents as the report shows them, and as IAM measures them: account ids are 12 digits.
    const shownAccount = () => knownAccount ?? DEPLOYING_ACCOUNT;
    const measuredAccount = () => knownAccount ?? SIZING_ACCOUNT;
    const inlineOf = (account: () => string) => inlinePolicies(resolved, { partition: partition(), region: region(), account });
    const inlineShown = once(() => inlineOf(shownAccount));
    const trustShown = trustPolicy(sourceRestrictionOf(props, partition(), shownAccount));
    const trustMeasured = trustPolicy(sourceRestrictionOf(props, partition(), measuredAccount));
    const fields = fieldProblems(resolved);
    const problems = [
      ...fields,
      ...accountProblems(declared, props.accountId),
      // The checks across properties assume each property is of its kind.
      ...(fields.length === 0 ? contextProblems(resolved, env, () => inlineOf(measuredAccount).map((p) => p.document), () => trustMeasured) : []),
    ];
    if (problems.length > 0) {
      // Top-level messages name their field already; nested ones (inputs[0].bucket) get their path.
      const messages = problems.map((p: Problem) => (p.path.length > 1 ? formatProblem(p) : p.message));
      throw new MediaConvertValidationError([...new Set(messages)]);
    }

    this.roleName = roleName;
    this.resourceName = terraformName(id);
    // The data source is declared only when no account id is given and a document needs the account: otherwise no extra API call.
    const account = once(() => roleAccountOf(this, props.accountId));
    this.scope = once(() => ({ partition: partition(), region: region(), accountId: account() }));
    const warnings: string[] = [];
    if (props.path !== undefined && props.path !== "/" && !isUnresolved(props.path)) warnings.push(rolePathWarning(roleName, props.path));
    const unpinned = access === "scoped" ? locationUsesOf(props).filter((u) => bucketOwnerOf(u.location, account) === undefined).map((u) => u.location.bucket) : [];
    if (unpinned.length > 0) warnings.push(unpinnedBucketsWarning(roleName, [...new Set(unpinned)]));
    const trust = trustPolicy(sourceRestrictionOf(props, partition(), account));

    this.role = new IamRole(this, "role", {
      name: roleName,
      description: props.description === undefined ? undefined : terraformLiteral(props.description),
      assumeRolePolicy: renderPolicy(trust),
      path: props.path === undefined ? undefined : terraformLiteral(props.path),
      permissionsBoundary: props.permissionsBoundary,
      maxSessionDuration: props.maxSessionDuration,
      tags: props.tags === undefined || isUnresolved(props.tags) ? props.tags : { ...props.tags },
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.role.overrideLogicalId(this.resourceName);
    this.roleArn = this.role.arn;
    this.roleId = this.role.uniqueId;

    const managedPolicyArns = this.managedPolicies(props, access).map(([suffix, arn, enabled]) => {
      const attachment = new IamRolePolicyAttachment(this, suffix, {
        role: this.role.name,
        policyArn: arn,
        count: enabled === true ? undefined : Fn.conditional(enabled, 1, 0),
      });
      attachment.overrideLogicalId(`${this.resourceName}_${suffix}`);
      return { arn, attachment, enabled };
    });

    const inlineResources = inlineOf(account).map((policy) => {
      const suffix = INLINE_POLICY_SUFFIXES[policy.kind];
      const resource = new IamRolePolicy(this, suffix, {
        name: policy.name,
        role: this.role.name,
        policy: renderPolicy(policy.document),
        count: policyCount(policy.document),
      });
      resource.overrideLogicalId(`${this.resourceName}_${suffix}`);
      return resource;
    });

    if (props.exclusiveAttachments) {
      new IamRolePolicyAttachmentsExclusive(this, "attachments_exclusive", {
        roleName: this.role.name,
        policyArns: managedPolicyArns.map((m) => m.attachment.policyArn),
      }).overrideLogicalId(`${this.resourceName}_attachments_exclusive`);
      new IamRolePoliciesExclusive(this, "policies_exclusive", {
        roleName: this.role.name,
        policyNames: inlineResources.map((p) => p.name),
      }).overrideLogicalId(`${this.resourceName}_policies_exclusive`);
    }

    if (props.passRolePolicy) this.passRolePolicy();

    let jobSubmitters: RolePermissions["jobSubmitters"];
    if (props.jobSubmitters !== undefined) {
      const document = submitJobsPolicy(this.scope(), this.roleArn, props.jobSubmitters);
      const policy = this.policy("submit_jobs", submitJobsPolicyName(roleName), submitJobsPolicyDescription(roleName), document);
      const submitters = props.jobSubmitters;
      for (const name of submitters.roles ?? []) this.attach(policy, "submit_jobs", "role", name);
      for (const name of submitters.users ?? []) this.attach(policy, "submit_jobs", "user", name);
      for (const name of submitters.groups ?? []) this.attach(policy, "submit_jobs", "group", name);
      jobSubmitters = { document, submitters };
      this.submitJobsPolicyArn = policy.arn;
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

    const resources = resourcePoliciesOf(resolved, this.roleArn, { partition: partition(), region: region(), account });
    const rendered = <T extends { document: PolicyDocument }>(p: T): Rendered<T> => ({ ...p, json: renderPolicy(p.document) });
    this.resourcePolicies = { buckets: resources.buckets.map(rendered), keys: resources.keys.map(rendered) };
    const shownArn = formatArn({ partition: partition(), service: "iam", region: "", accountId: shownAccount(), resource: `role${props.path ?? "/"}${roleName}` });

    for (const warning of warnings) Annotations.of(this).addWarning(warning);
    this.permissions = {
      roleName,
      access,
      trust: trustShown,
      trustedAccount: props.confusedDeputyProtection === false ? undefined : (knownAccount ?? DEPLOYING_ACCOUNT),
      managedPolicyArns: managedPolicyArns.map((m) => m.arn),
      inlinePolicies: inlineShown(),
      permissionsBoundary: props.permissionsBoundary,
      passRolePolicy: props.passRolePolicy ?? false,
      jobSubmitters,
      adoption,
      resourcePolicies: resourcePoliciesOf(resolved, shownArn, { partition: partition(), region: region(), account: shownAccount }),
      account: shownAccount(),
      warnings,
    };
    registerUniqueNames(this);
  }

  /**
   * ARN of the pass-role policy: a string when `passRolePolicy` is set (or after `grantPassRole`),
   * else undefined.
   */
  public get passRolePolicyArn(): PassRolePolicyArn<P> {
    return this.passRole?.arn as PassRolePolicyArn<P>;
  }

  /**
   * Lets `grantee` (an `IamRole`, `IamUser` or `IamGroup` of your stack) pass this role to
   * MediaConvert, and to no other service (`iam:PassedToService`): attaches the pass-role policy,
   * created on first use when `passRolePolicy` was not set. Returns the policy's ARN.
   */
  public grantPassRole(grantee: Grantee): string {
    const policy = this.passRolePolicy();
    this.attach(policy, "pass_role", identityKind(grantee), grantee.name, grantee);
    return policy.arn;
  }

  /**
   * Lets `grantee` (an `IamRole`, `IamUser` or `IamGroup` of your stack) submit jobs that run as
   * this role: a customer managed policy of its own with `mediaconvert:CreateJob` on the queues,
   * job templates and presets of `options` (names or ARNs; each defaults to every one of the
   * account), `iam:PassRole` on this role to MediaConvert only, and with `monitor`,
   * `mediaconvert:GetJob` and `mediaconvert:ListJobs`. Returns the policy's ARN.
   */
  public grantSubmitJobs(grantee: Grantee, options: SubmitJobsOptions = {}): string {
    const kind = identityKind(grantee);
    const key = terraformName(grantee.friendlyUniqueId);
    if (this.node.tryFindChild(`submit_jobs_${key}`) !== undefined) throw new MediaConvertValidationError([submitJobsGrantedTwice(this.roleName, grantee.node.path)]);
    const problems = fieldProblems({ jobSubmitters: options });
    if (problems.length > 0) throw new MediaConvertValidationError(problems.map((p) => formatProblem({ ...p, path: p.path.slice(1) })));
    const policy = this.policy(
      `submit_jobs_${key}`,
      submitJobsPolicyName(this.roleName, key),
      submitJobsPolicyDescription(this.roleName),
      submitJobsPolicy(this.scope(), this.roleArn, options),
    );
    this.attach(policy, `submit_jobs_${key}`, kind, grantee.name, grantee);
    return policy.arn;
  }

  /** The pass-role policy, created on first use. */
  private passRolePolicy(): IamPolicy {
    this.passRole ??= this.policy("pass_role", passRolePolicyName(this.roleName), passRolePolicyDescription(this.roleName), passRolePolicy(this.roleArn));
    return this.passRole;
  }

  /** A customer managed policy of the role, named `<role>_<suffix>` in Terraform. */
  private policy(suffix: string, name: string, description: string, document: PolicyDocument): IamPolicy {
    const policy = new IamPolicy(this, suffix, { name, description, policy: renderPolicy(document) });
    policy.overrideLogicalId(`${this.resourceName}_${suffix}`);
    return policy;
  }

  /**
   * Attaches `policy` to an identity, once: `<role>_<suffix>_<kind>_<name>` in Terraform, named
   * after the identity's construct when given, else after its (literal) name.
   */
  private attach(policy: IamPolicy, suffix: string, kind: "role" | "user" | "group", name: string, identity?: IConstruct): void {
    const key = `${suffix}_${kind}_${terraformName(identity !== undefined ? (identity as Grantee).friendlyUniqueId : name)}`;
    if (this.granted.has(key)) return;
    this.granted.add(key);
    const attachment =
      kind === "role"
        ? new IamRolePolicyAttachment(this, key, { role: name, policyArn: policy.arn })
        : kind === "user"
          ? new IamUserPolicyAttachment(this, key, { user: name, policyArn: policy.arn })
          : new IamGroupPolicyAttachment(this, key, { group: name, policyArn: policy.arn });
    attachment.overrideLogicalId(`${this.resourceName}_${key}`);
  }

  /** The managed policies to attach: `enabled` is true, or a Terraform condition. */
  private managedPolicies(props: MediaConvertRoleProps, access: RoleAccess): [suffix: string, arn: string, enabled: true | IResolvable][] {
    if (access === "scoped") return [];
    const partition = partitionOf(this);
    const wanted = MANAGED_POLICY_ATTACHMENTS.map(({ suffix, policy, prop }): [string, string, boolean | IResolvable] => [suffix, policy, props[prop] ?? true]);
    return wanted.flatMap(([suffix, name, enabled]): [string, string, true | IResolvable][] =>
      enabled === false ? [] : [[suffix, awsManagedPolicyArn(partition, name), enabled]],
    );
  }
}

/** Which kind of IAM identity a grantee is, by its Terraform resource type. */
function identityKind(grantee: Grantee): "role" | "user" | "group" {
  switch (grantee.terraformResourceType) {
    case "aws_iam_role":
      return "role";
    case "aws_iam_user":
      return "user";
    case "aws_iam_group":
      return "group";
    default:
      throw new MediaConvertValidationError([granteeNotAnIdentity(grantee.node.path, String(grantee.terraformResourceType))]);
  }
}

/** The environment the role's ARNs are checked against, with the role's own account when the stack gives none. */
function withRoleAccount(
  env: KnownEnvironment | undefined,
  declared: { accountId?: string } | undefined,
  roleAccountId: string | undefined,
): KnownEnvironment | undefined {
  if (!env || declared?.accountId !== undefined || roleAccountId === undefined || isUnresolved(roleAccountId)) return env;
  return checkAccountId(roleAccountId).length === 0 ? { ...env, accountId: roleAccountId } : env;
}

/** The role's `accountId`: 12 digits, and the stack's when the stack gives one. */
function accountProblems(declared: { accountId?: string } | undefined, roleAccountId: string | undefined): Problem[] {
  if (roleAccountId === undefined || isUnresolved(roleAccountId) || typeof roleAccountId !== "string") return [];
  if (checkAccountId(roleAccountId).length > 0) return [];
  const stackAccount = declared?.accountId;
  if (stackAccount === undefined || isUnresolved(stackAccount) || stackAccount === roleAccountId) return [];
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
