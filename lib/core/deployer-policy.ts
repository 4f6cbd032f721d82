/**
 * The deployer's policy: the least-privilege IAM policy the identity running `terraform apply`
 * needs for exactly one stack's roles and pass-role policies.
 */
import { formatArn } from "./arn";
import { policyDocument, PolicyDocument, PolicyStatement } from "./policy-document";
import { passRolePolicyName } from "./role";

/** What an action is granted on: the stack's roles, or its pass-role policies. */
export type DeployerResource = "role" | "passRolePolicy";

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
  { action: "iam:CreateRole", on: "role", why: "aws_iam_role: create" },
  { action: "iam:GetRole", on: "role", why: "aws_iam_role: read (every plan), and after create and update" },
  { action: "iam:UpdateRole", on: "role", why: "aws_iam_role: description and max_session_duration changes" },
  { action: "iam:UpdateRoleDescription", on: "role", why: "aws_iam_role: description changes" },
  { action: "iam:UpdateAssumeRolePolicy", on: "role", why: "aws_iam_role: trust policy changes" },
  { action: "iam:TagRole", on: "role", why: "aws_iam_role: create with tags (role tags or default tags), and tag changes" },
  { action: "iam:UntagRole", on: "role", why: "aws_iam_role: tags removed" },
  { action: "iam:PutRolePermissionsBoundary", on: "role", why: "aws_iam_role: create with a permissions boundary, boundary added or changed" },
  { action: "iam:DeleteRolePermissionsBoundary", on: "role", why: "aws_iam_role: boundary removed" },
  { action: "iam:ListRolePolicies", on: "role", why: "aws_iam_role read; aws_iam_role_policies_exclusive read" },
  { action: "iam:ListAttachedRolePolicies", on: "role", why: "aws_iam_role read; aws_iam_role_policy_attachment read; aws_iam_role_policy_attachments_exclusive read" },
  { action: "iam:ListInstanceProfilesForRole", on: "role", why: "aws_iam_role: destroy (instance profiles are detached first)" },
  { action: "iam:AttachRolePolicy", on: "role", why: "aws_iam_role_policy_attachment: create (only the stack's managed policies)" },
  { action: "iam:DetachRolePolicy", on: "role", why: "aws_iam_role_policy_attachment: destroy; aws_iam_role_policy_attachments_exclusive: policies attached outside Terraform" },
  { action: "iam:PutRolePolicy", on: "role", why: "aws_iam_role_policy: create and update" },
  { action: "iam:GetRolePolicy", on: "role", why: "aws_iam_role_policy: read" },
  { action: "iam:DeleteRolePolicy", on: "role", why: "aws_iam_role_policy: destroy; aws_iam_role_policies_exclusive: policies added outside Terraform" },
  { action: "iam:DeleteRole", on: "role", why: "aws_iam_role: destroy (and replace, when the name or path changes)" },
  { action: "iam:CreatePolicy", on: "passRolePolicy", why: "aws_iam_policy: create" },
  { action: "iam:TagPolicy", on: "passRolePolicy", why: "aws_iam_policy: create with tags (default tags), and tag changes" },
  { action: "iam:UntagPolicy", on: "passRolePolicy", why: "aws_iam_policy: tags removed" },
  { action: "iam:GetPolicy", on: "passRolePolicy", why: "aws_iam_policy: read" },
  { action: "iam:GetPolicyVersion", on: "passRolePolicy", why: "aws_iam_policy: read (the default version's document)" },
  { action: "iam:ListPolicyVersions", on: "passRolePolicy", why: "aws_iam_policy: update (prune old versions) and destroy" },
  { action: "iam:CreatePolicyVersion", on: "passRolePolicy", why: "aws_iam_policy: document changes (a new default version)" },
  { action: "iam:DeletePolicyVersion", on: "passRolePolicy", why: "aws_iam_policy: update with 5 versions, and destroy" },
  { action: "iam:DeletePolicy", on: "passRolePolicy", why: "aws_iam_policy: destroy" },
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

/** The ARN of a role's pass-role policy (path `/`). */
export function passRolePolicyArnOf(scope: DeployerScope, roleName: string): string {
  return formatArn({ partition: scope.partition, service: "iam", region: "", accountId: scope.accountId ?? "*", resource: `policy/${passRolePolicyName(roleName)}` });
}

/**
 * The least-privilege policy for deploying exactly these roles: every action of
 * DEPLOYER_ACTIONS on the roles' ARNs (with their paths) and the pass-role policies' ARNs, and
 * nothing else. Deterministic: the same roles give the same document.
 */
export function deployerPolicy(scope: DeployerScope, roles: readonly DeployerRole[]): PolicyDocument {
  const actions = (on: DeployerResource, except: string[] = []) =>
    DEPLOYER_ACTIONS.filter((a) => a.on === on && !except.includes(a.action)).map((a) => a.action);
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
    if (role.passRolePolicy) {
      statements.push({ Effect: "Allow", Action: actions("passRolePolicy"), Resource: [passRolePolicyArnOf(scope, role.roleName)] });
    }
  }
  return policyDocument(statements);
}
