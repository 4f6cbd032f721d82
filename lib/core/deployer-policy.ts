/**
 * The deployer's policy: the least-privilege IAM policy the identity running `terraform apply`
 * needs for exactly one stack's roles, their customer managed policies (pass-role, job
 * submitters) and the attachments of those policies to the job submitters.
 */
import { formatArn } from "./arn";
import { policyDocument, PolicyDocument, PolicyStatement } from "./policy-document";
import { passRolePolicyName, submitJobsPolicyName } from "./names";
import type { JobSubmitters } from "./role-props";

/**
 * What an action is granted on: the stack's roles, their customer managed policies, or the job
 * submitters (roles, users, groups) the job submitters' policy is attached to.
 */
export type DeployerResource = "role" | "customerPolicy" | "submitterRole" | "submitterUser" | "submitterGroup";

/** One IAM action the deployer needs, on what, and which provider operation calls it. */
export interface DeployerAction {
  readonly action: string;
  readonly on: DeployerResource;
  /** Which resources of the AWS provider 5.100.0 need it, and when. */
  readonly why: string;
}

/**
 * Every action the deployer needs: what the AWS provider 5.100.0 calls to create, read (every
 * plan refreshes), update and destroy `aws_iam_role`, `aws_iam_role_policy_attachment`,
 * `aws_iam_role_policy`, `aws_iam_role_policy_attachments_exclusive`,
 * `aws_iam_role_policies_exclusive` and `aws_iam_policy`, plus the actions IAM authorizes beyond
 * the API call (tags and boundaries given at creation). `iam:PassRole` is not among them:
 * nothing here hands a role to a service.
 *
 * `iam:AttachRolePolicy` is granted only for the managed policies the stack attaches (condition
 * `iam:PolicyARN`), so the deployer cannot attach any other policy to the roles.
 */
export const DEPLOYER_ACTIONS: readonly DeployerAction[] = [
  { action: "iam:CreateRole", on: "role", why: "aws_iam_role: create (with its boundary, session duration and description)" },
  { action: "iam:GetRole", on: "role", why: "aws_iam_role: read (every plan), and after create and update" },
  { action: "iam:UpdateRole", on: "role", why: "aws_iam_role: max_session_duration changes" },
  { action: "iam:UpdateRoleDescription", on: "role", why: "aws_iam_role: description changes" },
  { action: "iam:UpdateAssumeRolePolicy", on: "role", why: "aws_iam_role: trust policy changes" },
  { action: "iam:TagRole", on: "role", why: "aws_iam_role: create with tags (role tags or default tags), and tag changes" },
  { action: "iam:UntagRole", on: "role", why: "aws_iam_role: tags removed" },
  { action: "iam:PutRolePermissionsBoundary", on: "role", why: "aws_iam_role: a boundary added to or changed on an existing role" },
  { action: "iam:DeleteRolePermissionsBoundary", on: "role", why: "aws_iam_role: boundary removed" },
  { action: "iam:ListRolePolicies", on: "role", why: "aws_iam_role read; aws_iam_role_policies_exclusive read" },
  { action: "iam:ListAttachedRolePolicies", on: "role", why: "aws_iam_role read; aws_iam_role_policy_attachment read; aws_iam_role_policy_attachments_exclusive read" },
  { action: "iam:ListInstanceProfilesForRole", on: "role", why: "aws_iam_role: destroy (instance profiles are detached first)" },
  { action: "iam:AttachRolePolicy", on: "role", why: "aws_iam_role_policy_attachment: create (only the stack's managed policies)" },
  { action: "iam:DetachRolePolicy", on: "role", why: "aws_iam_role_policy_attachment: destroy; aws_iam_role_policy_attachments_exclusive: policies attached outside Terraform" },
  { action: "iam:PutRolePolicy", on: "role", why: "aws_iam_role_policy: create and update" },
  { action: "iam:GetRolePolicy", on: "role", why: "aws_iam_role read (its inline policies); aws_iam_role_policy read" },
  { action: "iam:DeleteRolePolicy", on: "role", why: "aws_iam_role_policy: destroy; aws_iam_role_policies_exclusive: policies added outside Terraform" },
  { action: "iam:DeleteRole", on: "role", why: "aws_iam_role: destroy (and replace, when the name or path changes)" },
  { action: "iam:CreatePolicy", on: "customerPolicy", why: "aws_iam_policy: create" },
  { action: "iam:TagPolicy", on: "customerPolicy", why: "aws_iam_policy: create with tags (default tags), and tag changes" },
  { action: "iam:UntagPolicy", on: "customerPolicy", why: "aws_iam_policy: tags removed" },
  { action: "iam:GetPolicy", on: "customerPolicy", why: "aws_iam_policy: read" },
  { action: "iam:GetPolicyVersion", on: "customerPolicy", why: "aws_iam_policy: read (the default version's document)" },
  { action: "iam:ListPolicyVersions", on: "customerPolicy", why: "aws_iam_policy: update (prune old versions) and destroy" },
  { action: "iam:CreatePolicyVersion", on: "customerPolicy", why: "aws_iam_policy: document changes (a new default version)" },
  { action: "iam:DeletePolicyVersion", on: "customerPolicy", why: "aws_iam_policy: update with 5 versions, and destroy" },
  { action: "iam:DeletePolicy", on: "customerPolicy", why: "aws_iam_policy: destroy" },
  { action: "iam:AttachRolePolicy", on: "submitterRole", why: "aws_iam_role_policy_attachment of the job submitters' policy: create (that policy only)" },
  { action: "iam:DetachRolePolicy", on: "submitterRole", why: "aws_iam_role_policy_attachment of the job submitters' policy: destroy (that policy only)" },
  { action: "iam:ListAttachedRolePolicies", on: "submitterRole", why: "aws_iam_role_policy_attachment of the job submitters' policy: read" },
  { action: "iam:AttachUserPolicy", on: "submitterUser", why: "aws_iam_user_policy_attachment: create (the job submitters' policy only)" },
  { action: "iam:DetachUserPolicy", on: "submitterUser", why: "aws_iam_user_policy_attachment: destroy (the job submitters' policy only)" },
  { action: "iam:ListAttachedUserPolicies", on: "submitterUser", why: "aws_iam_user_policy_attachment: read" },
  { action: "iam:AttachGroupPolicy", on: "submitterGroup", why: "aws_iam_group_policy_attachment: create (the job submitters' policy only)" },
  { action: "iam:DetachGroupPolicy", on: "submitterGroup", why: "aws_iam_group_policy_attachment: destroy (the job submitters' policy only)" },
  { action: "iam:ListAttachedGroupPolicies", on: "submitterGroup", why: "aws_iam_group_policy_attachment: read" },
];

/** One role of the stack, as far as the deployer's policy is concerned. */
export interface DeployerRole {
  readonly roleName: string;
  /** The role's IAM path. @default "/" */
  readonly path?: string;
  /** ARNs of the managed policies the stack attaches to the role. */
  readonly managedPolicyArns: readonly string[];
  /** Whether the stack creates the role's pass-role policy. */
  readonly passRolePolicy: boolean;
  /** The job submitters, when the stack creates their policy and attaches it to them. */
  readonly jobSubmitters?: JobSubmitters;
}

/** Where the stack's roles live. */
export interface DeployerScope {
  readonly partition: string;
  /** The stack's account; unknown, the ARNs name any account (`*`). */
  readonly accountId?: string;
}

/** The ARN of a role: `arn:<partition>:iam::<account>:role<path><name>`. */
export function roleArnOf(scope: DeployerScope, roleName: string, path = "/"): string {
  return formatArn({ partition: scope.partition, service: "iam", region: "", accountId: scope.accountId ?? "*", resource: `role${path}${roleName}` });
}

/** The ARN of an IAM resource of the scope's account (`role/...`, `policy/...`, `user/...`, `group/...`). */
const iamArn = (scope: DeployerScope, resource: string): string =>
  formatArn({ partition: scope.partition, service: "iam", region: "", accountId: scope.accountId ?? "*", resource });

/** The ARN of a role's pass-role policy (path `/`). */
export function passRolePolicyArnOf(scope: DeployerScope, roleName: string): string {
  return iamArn(scope, `policy/${passRolePolicyName(roleName)}`);
}

/** The ARN of a role's job submitters' policy (path `/`). */
export function submitJobsPolicyArnOf(scope: DeployerScope, roleName: string): string {
  return iamArn(scope, `policy/${submitJobsPolicyName(roleName)}`);
}

/**
 * The least-privilege policy for deploying exactly these roles: every action of
 * DEPLOYER_ACTIONS on the roles' ARNs (with their paths) and the pass-role policies' ARNs, and
 * nothing else. Deterministic: the same roles give the same document.
 */
export function deployerPolicy(scope: DeployerScope, roles: readonly DeployerRole[]): PolicyDocument {
  const actions = (on: DeployerResource, except: string[] = []) =>
    DEPLOYER_ACTIONS.filter((a) => a.on === on && !except.includes(a.action)).map((a) => a.action);
  const attachActions = ["iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:AttachUserPolicy", "iam:DetachUserPolicy", "iam:AttachGroupPolicy", "iam:DetachGroupPolicy"];
  const statements: PolicyStatement[] = [];
  const attach = "iam:AttachRolePolicy";
  for (const role of roles) {
    const arn = roleArnOf(scope, role.roleName, role.path);
    statements.push({ Effect: "Allow", Action: actions("role", [attach]), Resource: [arn] });
    if (role.managedPolicyArns.length > 0) {
      statements.push({
        Effect: "Allow",
        Action: [attach],
        Resource: [arn],
        Condition: { ArnEquals: { "iam:PolicyARN": role.managedPolicyArns } },
      });
    }
    const customerPolicies = [
      ...(role.passRolePolicy ? [passRolePolicyArnOf(scope, role.roleName)] : []),
      ...(role.jobSubmitters ? [submitJobsPolicyArnOf(scope, role.roleName)] : []),
    ];
    if (customerPolicies.length > 0) statements.push({ Effect: "Allow", Action: actions("customerPolicy"), Resource: customerPolicies });
    const submitters = role.jobSubmitters;
    if (submitters === undefined) continue;
    // Attaching and detaching the job submitters' policy: that policy only, on the named identities only.
    const onlyThePolicy = { ArnEquals: { "iam:PolicyARN": [submitJobsPolicyArnOf(scope, role.roleName)] } };
    const identities: [DeployerResource, string, readonly string[] | undefined][] = [
      ["submitterRole", "role", submitters.roles],
      ["submitterUser", "user", submitters.users],
      ["submitterGroup", "group", submitters.groups],
    ];
    for (const [on, kind, names] of identities) {
      if (names === undefined || names.length === 0) continue;
      // The identities may live under a path: their ARNs are <kind>/<path><name>.
      const resources = names.flatMap((name) => [iamArn(scope, `${kind}/${name}`), iamArn(scope, `${kind}/*/${name}`)]);
      const [attachOrDetach, read] = [actions(on).filter((a) => attachActions.includes(a)), actions(on).filter((a) => !attachActions.includes(a))];
      statements.push({ Effect: "Allow", Action: attachOrDetach, Resource: resources, Condition: onlyThePolicy });
      statements.push({ Effect: "Allow", Action: read, Resource: resources });
    }
  }
  return policyDocument(statements);
}
