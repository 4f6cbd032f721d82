/**
 * `resource-policies.json`, next to each stack's `cdk.tf.json`: what other accounts must add to
 * their bucket policies and key policies for the stack's roles, per bucket and per key (the
 * statements of every role of the stack merged), and the Object Ownership each output bucket's
 * owner should set. Its section of `permissions.md` says the same in words.
 */
import { policyDocument, PolicyDocument } from "../core/policy-document";
import { crossAccount, ObjectOwnership } from "../core/resource-policies";
import { RolePermissions } from "../core/role";

export const RESOURCE_POLICIES_FILE = "resource-policies.json";

/** What another account's bucket policy must hold for the stack's roles. */
export interface BucketPolicyEntry {
  /** The account the roles pin the bucket to. */
  readonly account: string;
  /** For a bucket the roles write to: the Object Ownership the owner should set. */
  readonly objectOwnership?: ObjectOwnership;
  /** The statements to add to the bucket's policy (principals: the roles). */
  readonly policy: PolicyDocument;
}

/** What another account's key policy must hold for the stack's roles. */
export interface KeyPolicyEntry {
  /** The key's account. */
  readonly account: string;
  /** The statements to add to the key's policy (principals: the roles, resource `*`). */
  readonly policy: PolicyDocument;
}

/** The content of `resource-policies.json`: entries keyed by bucket name and by key ARN. */
export interface StackResourcePolicies {
  readonly buckets: Readonly<Record<string, BucketPolicyEntry>>;
  readonly keys: Readonly<Record<string, KeyPolicyEntry>>;
}

/** What other accounts must add for `roles`: each role's cross-account buckets and keys, merged per bucket and key. */
export function stackResourcePolicies(roles: readonly RolePermissions[]): StackResourcePolicies {
  const buckets = new Map<string, { account: string; ownership?: ObjectOwnership; statements: PolicyDocument["Statement"][number][] }>();
  const keys = new Map<string, { account: string; statements: PolicyDocument["Statement"][number][] }>();
  for (const role of roles) {
    const other = crossAccount(role.resourcePolicies, role.account);
    for (const b of other.buckets) {
      const entry = buckets.get(b.bucket) ?? { account: b.owner!, statements: [] };
      entry.statements.push(...b.document.Statement);
      if (b.objectOwnership !== undefined && entry.ownership !== "BucketOwnerPreferred") entry.ownership = b.objectOwnership;
      buckets.set(b.bucket, entry);
    }
    for (const k of other.keys) {
      const entry = keys.get(k.keyArn) ?? { account: k.account!, statements: [] };
      entry.statements.push(...k.document.Statement);
      keys.set(k.keyArn, entry);
    }
  }
  return {
    buckets: Object.fromEntries(
      [...buckets].map(([bucket, e]) => [
        bucket,
        { account: e.account, ...(e.ownership !== undefined ? { objectOwnership: e.ownership } : {}), policy: policyDocument(e.statements) },
      ]),
    ),
    keys: Object.fromEntries([...keys].map(([key, e]) => [key, { account: e.account, policy: policyDocument(e.statements) }])),
  };
}

/** The file's text: the entries as JSON, two-space indented. */
export function resourcePoliciesText(policies: StackResourcePolicies): string {
  return `${JSON.stringify(policies, null, 2)}\n`;
}
