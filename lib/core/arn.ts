/**
 * ARNs and partitions: the one place that writes `arn:` strings.
 */

/** The AWS partitions a MediaConvert role can live in. */
export type Partition = "aws" | "aws-cn" | "aws-us-gov";

export const PARTITIONS: readonly Partition[] = ["aws", "aws-cn", "aws-us-gov"];

/** A region code, unanchored: us-east-1, cn-north-1, us-gov-west-1. */
export const REGION_SOURCE = "(?:[a-z]{2}|us-gov)-[a-z]+-\\d{1,2}";
const REGION_PATTERN = new RegExp(`^${REGION_SOURCE}$`);

/** The regions of one partition, unanchored and RE2-compatible (no look-ahead): aws is every two-letter prefix but cn. */
export const PARTITION_REGION_SOURCES: Readonly<Record<Partition, string>> = {
  aws: "(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}",
  "aws-cn": "cn-[a-z]+-\\d{1,2}",
  "aws-us-gov": "us-gov-[a-z]+-\\d{1,2}",
};

/** True when `region` has the shape of an AWS region code (us-east-1, cn-north-1, us-gov-west-1). */
export function isRegion(region: string): boolean {
  return REGION_PATTERN.test(region);
}

/** The partition a region belongs to. */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The parts of an ARN; `resource` is everything after the account field. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  readonly resource: string;
}

/**
 * Splits an ARN into its parts, or returns undefined when it is not ARN-shaped (`arn:` and at
 * least six `:`-separated fields; the resource may contain further colons).
 */
export function splitArn(arn: string): ArnParts | undefined {
  const fields = arn.split(":");
  if (fields[0] !== "arn" || fields.length < 6) return undefined;
  const [, partition, service, region, accountId, ...resource] = fields;
  return { partition, service, region, accountId, resource: resource.join(":") };
}

/** Builds an ARN from its parts. */
export function formatArn(parts: ArnParts): string {
  return `arn:${parts.partition}:${parts.service}:${parts.region}:${parts.accountId}:${parts.resource}`;
}

/** The ARN of an AWS managed policy in a partition (`partition` may be a Terraform token). */
export function awsManagedPolicyArn(partition: string, policyName: string): string {
  return formatArn({ partition, service: "iam", region: "", accountId: "aws", resource: `policy/${policyName}` });
}
