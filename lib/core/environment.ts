/**
 * Where a role lives: partition, region and account, known at synth time when the stack
 * declares them, otherwise read by Terraform (`data.aws_partition`).
 */
import { DataAwsPartition, TerraformStack } from "./engine";
import { IConstruct } from "constructs";
import { Partition, partitionOfRegion } from "./arn";

/** What a stack declares about its AWS environment. */
export interface AwsEnvironment {
  /** The region code, e.g. `eu-west-1`. */
  readonly region: string;
  /** The 12-digit account id, when known. */
  readonly accountId?: string;
}

/** The environment of a stack that declared its region: partition and region are literals. */
export interface KnownEnvironment {
  readonly partition: Partition;
  readonly region: string;
  readonly accountId?: string;
}

const ENVIRONMENT = Symbol.for("mediaconvert-role.environment");

interface WithEnvironment {
  [ENVIRONMENT]?: AwsEnvironment;
}

/** Records the AWS environment of a scope (a stack) for the roles created inside it. */
export function declareEnvironment(scope: IConstruct, env: AwsEnvironment): void {
  Object.defineProperty(scope, ENVIRONMENT, { value: env, enumerable: false });
}

/** The environment of the nearest scope that declared one; undefined when none did. */
export function environmentOf(scope: IConstruct): KnownEnvironment | undefined {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    const env = (c as WithEnvironment)[ENVIRONMENT];
    if (env) return { partition: partitionOfRegion(env.region), region: env.region, accountId: env.accountId };
  }
  return undefined;
}

/** The partition of a scope: a literal when its region is known, else Terraform's `data.aws_partition`. */
export function partitionOf(scope: IConstruct): string {
  return environmentOf(scope)?.partition ?? partitionDataSource(TerraformStack.of(scope)).partition;
}

function partitionDataSource(stack: TerraformStack): DataAwsPartition {
  const id = "partition";
  const existing = stack.node.tryFindChild(id);
  if (existing instanceof DataAwsPartition) return existing;
  const data = new DataAwsPartition(stack, id);
  data.overrideLogicalId("current");
  return data;
}

/**
 * The region used when neither the config nor the props name one: `AWS_REGION`, then
 * `AWS_DEFAULT_REGION` (as the AWS CLI and SDKs read them), else us-east-1.
 */
export function defaultRegion(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
}

/** Lower-case, Terraform-safe resource name part from a construct id or role name. */
export function terraformName(id: string): string {
  const name = id.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  return /^[a-z_]/.test(name) ? name : `role_${name}`;
}

