/**
 * Test support: reads a MediaConvert role back out of synthesized Terraform JSON and evaluates
 * requests against its policies with @cloud-copilot/iam-simulate, the way IAM and KMS would.
 */
import { runSimulation, type EvaluationResult } from "@cloud-copilot/iam-simulate";
import { Testing } from "cdktf";
import { MediaConvertRoleProps, MediaConvertStack, MediaConvertStackProps } from "../../lib";
import { ACCOUNT } from "./fixtures";

/** An IAM policy document as parsed from the synthesized JSON. */
export type PolicyJson = { readonly Version: string; readonly Statement: readonly Record<string, unknown>[] };

/** A policy attached to a principal, with the name the simulator reports it by. */
export interface NamedPolicy {
  readonly name: string;
  readonly policy: PolicyJson;
}

/** What the synthesized Terraform says about one role. */
export interface SynthesizedRole {
  /** The role's name (`aws_iam_role.<key>.name`). */
  readonly name: string;
  /** The trust policy (`assume_role_policy`), parsed. */
  readonly trustPolicy: PolicyJson;
  /** Inline policies (`aws_iam_role_policy`) that reference this role, parsed. */
  readonly inlinePolicies: readonly NamedPolicy[];
  /** ARNs of managed policies attached (`aws_iam_role_policy_attachment`) to this role. */
  readonly managedPolicyArns: readonly string[];
}

type TerraformJson = {
  resource?: Record<string, Record<string, Record<string, unknown>> | undefined>;
};

/**
 * Synthesizes a MediaConvertStack with one role and returns that role as Terraform sees it.
 * Inline policies and attachments are found through their `role` references, so a policy wired
 * to the wrong role does not count.
 */
export function synthesizeRole(
  stackProps: MediaConvertStackProps,
  roleProps: MediaConvertRoleProps = {},
  deployingAccount = DEPLOYING_ACCOUNT_ID,
): SynthesizedRole {
  const app = Testing.app();
  const stack = new MediaConvertStack(app, "test", stackProps);
  const role = stack.addRole(roleProps);
  // Terraform fills in the deploying account where a stack without an account id reads it.
  const synthesized = Testing.synth(stack).split("${data.aws_caller_identity.current.account_id}").join(deployingAccount);
  return readRole(JSON.parse(synthesized) as TerraformJson, role.resourceName);
}

/** The account Terraform deploys with, as `data.aws_caller_identity` would read it, unless a test names another: the fixtures' ACCOUNT. */
export const DEPLOYING_ACCOUNT_ID = ACCOUNT;

/**
 * Whether a resource exists: no `count`, or a literal count of 1. A count Terraform decides at
 * plan time cannot be simulated, so it fails the test.
 */
function exists(resource: Record<string, unknown>, address: string): boolean {
  const count = resource.count;
  if (count === undefined || count === 1) return true;
  if (count === 0) return false;
  throw new Error(`${address} has count ${JSON.stringify(count)}, which only Terraform can decide: give literal inputs.`);
}

function readRole(tf: TerraformJson, key: string): SynthesizedRole {
  const roleResource = tf.resource?.aws_iam_role?.[key];
  if (!roleResource) throw new Error(`The synthesized JSON has no aws_iam_role.${key}.`);
  const ofThisRole = (r: Record<string, unknown>) =>
    r.role === `\${aws_iam_role.${key}.id}` || r.role === `\${aws_iam_role.${key}.name}`;
  const inlinePolicies = Object.entries(tf.resource?.aws_iam_role_policy ?? {})
    .filter(([id, p]) => ofThisRole(p) && exists(p, `aws_iam_role_policy.${id}`))
    .map(([id, p]) => ({ name: String(p.name ?? id), policy: JSON.parse(String(p.policy)) as PolicyJson }));
  const managedPolicyArns = Object.entries(tf.resource?.aws_iam_role_policy_attachment ?? {})
    .filter(([id, a]) => ofThisRole(a) && exists(a, `aws_iam_role_policy_attachment.${id}`))
    .map(([, a]) => String(a.policy_arn));
  return {
    name: String(roleResource.name),
    trustPolicy: JSON.parse(String(roleResource.assume_role_policy)) as PolicyJson,
    inlinePolicies,
    managedPolicyArns,
  };
}

/**
 * The documents of the AWS managed policies the role may attach, as the AWS managed policy
 * reference publishes them (AmazonS3FullAccess v2, AmazonAPIGatewayInvokeFullAccess).
 */
const MANAGED_POLICY_DOCUMENTS: Readonly<Record<string, PolicyJson>> = {
  AmazonS3FullAccess: {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["s3:*", "s3-object-lambda:*"], Resource: "*" }],
  },
  AmazonAPIGatewayInvokeFullAccess: {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["execute-api:Invoke", "execute-api:ManageConnections"],
        Resource: "arn:aws:execute-api:*:*:*",
      },
    ],
  },
};

/** The managed policy's published document for an attachment ARN; unknown ARNs fail the test. */
function managedPolicyDocument(arn: string): NamedPolicy {
  const match = /^arn:[a-z-]+:iam::aws:policy\/(.+)$/.exec(arn);
  const policy = match ? MANAGED_POLICY_DOCUMENTS[match[1]] : undefined;
  if (!match || !policy) throw new Error(`No document known for managed policy ${arn}.`);
  return { name: match[1], policy };
}

/** Everything the role's identity is granted: inline policies plus attached managed policies. */
export function identityPoliciesOf(role: SynthesizedRole): NamedPolicy[] {
  return [...role.inlinePolicies, ...role.managedPolicyArns.map(managedPolicyDocument)];
}

/** One request to evaluate. */
export interface Request {
  /** Who asks: an IAM ARN, or a service principal such as `mediaconvert.amazonaws.com`. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The account that owns the resource. */
  readonly resourceAccount: string;
  /** Request context keys (aws:SourceAccount, ...). Every key given must be one IAM evaluates. */
  readonly context?: Record<string, string | string[]>;
  /** Policies of the principal. @default - none */
  readonly identityPolicies?: readonly NamedPolicy[];
  /** The resource's policy: a key policy, a trust policy. @default - none */
  readonly resourcePolicy?: PolicyJson;
}

/**
 * Evaluates a request in the simulator's strict mode. Invalid policies or requests, and context
 * keys the simulator would drop before evaluation, fail loudly instead of reading as a denial.
 */
export async function evaluate(request: Request): Promise<EvaluationResult> {
  const response = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount },
        // IAM sets aws:ResourceAccount on every request: the account that owns the resource.
        contextVariables: { "aws:ResourceAccount": request.resourceAccount, ...request.context },
      },
      identityPolicies: [...(request.identityPolicies ?? [])],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: request.resourcePolicy,
    },
    { simulationMode: "Strict" },
  );
  if (response.resultType === "error") {
    throw new Error(`The simulator rejected the request: ${JSON.stringify(response.errors)}`);
  }
  const results = response.resultType === "single" ? [response.result] : response.results;
  const ignored = [...new Set(results.flatMap((r) => r.ignoredContextKeys ?? []))];
  if (ignored.length > 0) {
    throw new Error(`The simulator ignored context keys ${ignored.join(", ")} for ${request.action}.`);
  }
  return response.overallResult;
}

/** The default key policy of a KMS key: the account root may do everything, so IAM policies decide. */
export function defaultKeyPolicy(accountId: string, partition = "aws"): PolicyJson {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  };
}
