/**
 * AWS regions: the default region, and the regions known when this version was released (a
 * region code of the right shape that is not among them is most likely a typo).
 */
import { distance } from "fastest-levenshtein";
import { Partition, partitionOfRegion } from "./arn";

/**
 * The region used when neither the config nor the props name one: `AWS_REGION`, then
 * `AWS_DEFAULT_REGION` (as the AWS CLI and SDKs read them), else us-east-1.
 */
export function defaultRegion(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
}

/** The regions of each partition known to this version (AWS adds regions; an unknown one is only warned about). */
export const KNOWN_REGIONS: Readonly<Record<Partition, readonly string[]>> = {
  aws: [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
};

/** True when `region` is one of the known regions of its partition. */
export function isKnownRegion(region: string): boolean {
  return KNOWN_REGIONS[partitionOfRegion(region)].includes(region);
}

/** The known region of the same partition closest in spelling to `region` (for "did you mean"). */
export function nearestKnownRegion(region: string): string {
  const candidates = KNOWN_REGIONS[partitionOfRegion(region)];
  return candidates.reduce((best, candidate) => (distance(region, candidate) < distance(region, best) ? candidate : best));
}
