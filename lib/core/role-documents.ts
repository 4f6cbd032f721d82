/**
 * A role's documents from its props and its stack's environment, without cdktf: the trust policy,
 * the inline policies, the managed policy ARNs and the permissions boundary, made by the same
 * builders the construct uses (`trustPolicy`, `sourceRestrictionOf`, `inlinePolicies`, the
 * managed policy names), so that what `verify` evaluates is what the construct synthesizes (a
 * test compares the two). Pure functions of literal values.
 */
import { awsManagedPolicyArn, formatArn, partitionOfRegion, type Partition } from "./arn";
import { DEPLOYING_ACCOUNT } from "./deploying-account";
import { MANAGED_POLICY_ATTACHMENTS } from "./names";
import { inlinePolicies, sourceRestrictionOf, trustPolicy, type InlinePolicy } from "./policies";
import type { PolicyDocument } from "./policy-document";
import type { MediaConvertRoleProps, RoleAccess } from "./role-props";
import { DEFAULT_ROLE_NAME } from "./rules";

/** Where the role lives: its stack's region (literal) and account, when the stack names one. */
export interface RoleEnvironment {
  readonly region: string;
  readonly accountId?: string;
}

/** A role's documents, as IAM gets them. */
export interface RoleDocuments {
  readonly roleName: string;
  readonly access: RoleAccess;
  readonly partition: Partition;
  readonly region: string;
  /**
   * The account the confused-deputy conditions pin: the stack's, else the role's `accountId`;
   * undefined when neither names one (the deploying account) or the protection is off.
   */
  readonly trustedAccount?: string;
  /** The role's account: the stack's, else the role's `accountId`, else `deployingAccount`. */
  readonly account: string;
  /** False when `confusedDeputyProtection` is false: the trust policy has no conditions. */
  readonly confusedDeputyProtection: boolean;
  /** The trust policy; an unknown deploying account shows as `deployingAccount`. */
  readonly trust: PolicyDocument;
  /** The inline policies, in the order the role gets them. */
  readonly inlinePolicies: readonly InlinePolicy[];
  /** The AWS managed policies attached. */
  readonly managedPolicyArns: readonly string[];
  readonly permissionsBoundary?: string;
  /** The role's ARN, when its account is known. */
  readonly roleArn?: string;
}

/**
 * The documents of a role with `props` in a stack of `env`. `deployingAccount` stands in the
 * trust conditions for an account neither the stack nor the role names (the construct writes a
 * Terraform reference there). A managed policy switch that is not literally false counts as on.
 */
export function roleDocuments(props: MediaConvertRoleProps, env: RoleEnvironment, deployingAccount: string = DEPLOYING_ACCOUNT): RoleDocuments {
  const roleName = props.roleName ?? DEFAULT_ROLE_NAME;
  const access = props.access ?? "full";
  const partition = partitionOfRegion(env.region);
  const knownAccount = env.accountId ?? props.accountId;
  const restriction = sourceRestrictionOf(props, partition, () => knownAccount ?? deployingAccount);
  const managedPolicyArns =
    access === "scoped" ? [] : MANAGED_POLICY_ATTACHMENTS.filter(({ prop }) => props[prop] !== false).map(({ policy }) => awsManagedPolicyArn(partition, policy));
  const path = props.path ?? "/";
  return {
    roleName,
    access,
    partition,
    region: env.region,
    ...(restriction !== undefined && knownAccount !== undefined ? { trustedAccount: knownAccount } : {}),
    account: knownAccount ?? deployingAccount,
    confusedDeputyProtection: restriction !== undefined,
    trust: trustPolicy(restriction),
    inlinePolicies: inlinePolicies({ ...props, roleName }, { partition, region: env.region, account: () => knownAccount ?? deployingAccount }),
    managedPolicyArns,
    ...(props.permissionsBoundary !== undefined ? { permissionsBoundary: props.permissionsBoundary } : {}),
    ...(knownAccount !== undefined ? { roleArn: formatArn({ partition, service: "iam", region: "", accountId: knownAccount, resource: `role${path}${roleName}` }) } : {}),
  };
}
