/**
 * Where a role lives: partition, region and account, known at synth time when the stack
 * declares them, otherwise read by Terraform (`data.aws_partition`, `data.aws_caller_identity`).
 */
import { DataAwsCallerIdentity, DataAwsPartition, TerraformStack, Token } from "./engine";
import { IConstruct } from "constructs";
import { Partition, partitionOfRegion } from "./arn";

/** What a stack declares about its AWS environment. */
export interface AwsEnvironment {
  /** The region code, e.g. `eu-west-1`, or a Terraform token. */
  readonly region: string;
  /** The 12-digit account id (or a Terraform token), when known. */
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

/** What the nearest scope declared (region and account may be Terraform tokens); undefined when none did. */
export function declaredEnvironment(scope: IConstruct): AwsEnvironment | undefined {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    const env = (c as WithEnvironment)[ENVIRONMENT];
    if (env) return env;
  }
  return undefined;
}

/**
 * The environment of the nearest scope that declared one, when its region is a literal (the
 * partition follows from it); undefined when none did or the region is a Terraform token. A token
 * account id is left out: it cannot be compared with anything at synth time.
 */
export function environmentOf(scope: IConstruct): KnownEnvironment | undefined {
  const env = declaredEnvironment(scope);
  if (!env || Token.isUnresolved(env.region)) return undefined;
  const accountId = env.accountId !== undefined && !Token.isUnresolved(env.accountId) ? env.accountId : undefined;
  return { partition: partitionOfRegion(env.region), region: env.region, accountId };
}

/**
 * A role's account: the stack's, else the role's own `accountId`, else the deploying account
 * (`data.aws_caller_identity`, declared on first use only). The trust conditions pin it, and so
 * do the buckets of scoped locations that name no owner.
 */
export function roleAccountOf(scope: IConstruct, roleAccountId: string | undefined): string {
  return declaredEnvironment(scope)?.accountId ?? roleAccountId ?? callerIdentity(TerraformStack.of(scope)).accountId;
}

function callerIdentity(stack: TerraformStack): DataAwsCallerIdentity {
  const existing = stack.node.tryFindChild("caller_identity");
  if (existing instanceof DataAwsCallerIdentity) return existing;
  const data = new DataAwsCallerIdentity(stack, "caller_identity");
  data.overrideLogicalId("current");
  return data;
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
