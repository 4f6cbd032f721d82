/**
 * The other side of a role's grants: what the policies of the buckets and keys it uses must
 * allow. An IAM policy alone reaches a bucket or key of another account only when that account's
 * bucket policy or key policy lets the role in too; a key of the role's own account needs a key
 * policy statement as well when its key policy lacks the account-root statement. The statements
 * grant what the role's own policy grants on each bucket and key (the same builders), with the
 * role as principal; keys are reached through S3 only (`kms:ViaService`), or by MediaConvert with
 * its encryption context. Pure functions; the role's ARN and accounts may be Terraform references.
 */
import { splitArn } from "./arn";
import { bucketOwnerOf, bucketStatements, keyUseConditions, keyUsesOf, locationUsesOf, PolicyScope } from "./policies";
import { policyDocument, PolicyDocument, PolicyStatement } from "./policy-document";
import type { MediaConvertRoleProps } from "./role-props";
import { isUnresolved } from "./tokens";

/**
 * What the owner of a bucket the role writes to should set as its Object Ownership:
 * `BucketOwnerEnforced` makes the owner own every object and disables ACLs; with `allowAcl`, jobs
 * set a canned ACL, which such a bucket refuses, so `BucketOwnerPreferred` with the
 * `bucket-owner-full-control` ACL is the alternative.
 */
export type ObjectOwnership = "BucketOwnerEnforced" | "BucketOwnerPreferred";

/** The statements a bucket's policy needs for the role. */
export interface BucketPolicy {
  readonly bucket: string;
  /** The account the role's policy pins the bucket to; undefined when it takes any owner (`bucketOwner: "any"`). */
  readonly owner?: string;
  /** The bucket policy statements (principal: the role), as a document to merge into the bucket's policy. */
  readonly document: PolicyDocument;
  /** For a bucket the role writes to: the Object Ownership its owner should set. */
  readonly objectOwnership?: ObjectOwnership;
}

/** The statements a key's policy needs for the role. */
export interface KeyPolicy {
  readonly keyArn: string;
  /** The key's account, from its ARN; undefined when the ARN is a Terraform reference. */
  readonly account?: string;
  /** The key policy statements (principal: the role, resource `*`), as a document to merge into the key's policy. */
  readonly document: PolicyDocument;
}

/** The bucket and key policy statements of a role, one entry per bucket and per key, in the order the props name them. */
export interface ResourcePolicies {
  readonly buckets: readonly BucketPolicy[];
  readonly keys: readonly KeyPolicy[];
}

/** Groups `items` by `keyOf`, in the order keys first appear. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/** The role's bucket and key policy statements, for a role with ARN `roleArn` in `scope`. */
export function resourcePoliciesOf(props: MediaConvertRoleProps, roleArn: string, scope: PolicyScope): ResourcePolicies {
  const principal = { AWS: roleArn };
  const forRole = (statements: readonly PolicyStatement[]) => policyDocument(statements.map((s) => ({ ...s, Principal: principal })));
  const locations = props.access === "scoped" ? locationUsesOf(props) : [];
  const buckets = [...groupBy(locations, (u) => u.location.bucket)].map(([bucket, uses]): BucketPolicy => {
    const owner = bucketOwnerOf(uses[0].location, scope.account);
    const writes = uses.filter((u) => u.writes);
    return {
      bucket,
      ...(owner !== undefined ? { owner } : {}),
      document: forRole(bucketStatements(scope.partition, uses)),
      ...(writes.length > 0 ? { objectOwnership: writes.some((u) => u.allowAcl) ? "BucketOwnerPreferred" : "BucketOwnerEnforced" } : {}),
    };
  });
  const keys = [...groupBy(keyUsesOf(props), (u) => u.keyArn)].map(([keyArn, uses]): KeyPolicy => {
    const account = isUnresolved(keyArn) ? undefined : splitArn(keyArn)?.accountId;
    const statements = uses.map((use): PolicyStatement => {
      const condition = keyUseConditions(use, scope.region);
      return { Effect: "Allow", Action: use.actions, Resource: ["*"], ...(condition ? { Condition: condition } : {}) };
    });
    return { keyArn, ...(account ? { account } : {}), document: forRole(statements) };
  });
  return { buckets, keys };
}

/**
 * What other accounts must add, of `policies`: buckets pinned to an owner other than
 * `roleAccount`, and keys of another account. When the role's account is not known at synth,
 * `roleAccount` is what stands for it (DEPLOYING_ACCOUNT): then buckets that name an owner, and
 * every key, are listed.
 */
export function crossAccount(policies: ResourcePolicies, roleAccount: string): ResourcePolicies {
  const other = (account: string | undefined) => account !== undefined && account !== roleAccount;
  return { buckets: policies.buckets.filter((b) => other(b.owner)), keys: policies.keys.filter((k) => other(k.account)) };
}
