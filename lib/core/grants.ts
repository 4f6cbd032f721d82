/**
 * The policies for the identities that use a MediaConvert role: passing it to MediaConvert, and
 * submitting (and following) jobs that run as it. Pure functions of plain values; `partition`,
 * `region`, `accountId` and the role's ARN may be Terraform references.
 */
import { formatArn } from "./arn";
import { ACTIONS, MEDIACONVERT_SERVICE_PRINCIPAL } from "./policies";
import { policyDocument, PolicyDocument, PolicyStatement } from "./policy-document";
import type { MediaConvertResourceType } from "./rules";
import { isUnresolved } from "./tokens";

/** The MediaConvert actions job submitters get. */
export const SUBMITTER_ACTIONS = {
  createJob: "mediaconvert:CreateJob",
  getJob: "mediaconvert:GetJob",
  listJobs: "mediaconvert:ListJobs",
} as const;

/** Where MediaConvert resources of the role live: their ARNs are built from it. */
export interface MediaConvertScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** What job submitters may use; each list by name or ARN, every one of the account when left out or empty. */
export interface SubmitJobsOptions {
  /** The queues jobs may be submitted to. @default - every queue of the account */
  readonly queues?: readonly string[];
  /** The job templates jobs may use. @default - every job template of the account */
  readonly jobTemplates?: readonly string[];
  /** The output presets jobs may use. @default - every preset of the account */
  readonly presets?: readonly string[];
  /** Also allow `mediaconvert:GetJob` and `mediaconvert:ListJobs`. @default false */
  readonly monitor?: boolean;
}

/** `iam:PassRole` on the role, to MediaConvert only. */
export function passRoleStatement(roleArn: string): PolicyStatement {
  return {
    Effect: "Allow",
    Action: [ACTIONS.passRole],
    Resource: [roleArn],
    Condition: { StringEquals: { "iam:PassedToService": MEDIACONVERT_SERVICE_PRINCIPAL } },
  };
}

/** The policy for identities that submit jobs themselves elsewhere: pass this role, and only to MediaConvert. */
export function passRolePolicy(roleArn: string): PolicyDocument {
  return policyDocument([passRoleStatement(roleArn)]);
}

/** The ARN of a MediaConvert resource of the scope: a name becomes `<type>/<name>`, an ARN stays. */
export function mediaConvertArn(scope: MediaConvertScope, type: MediaConvertResourceType | "jobs", nameOrArn: string): string {
  if (nameOrArn.startsWith("arn:") || isUnresolved(nameOrArn)) return nameOrArn;
  return formatArn({ partition: scope.partition, service: "mediaconvert", region: scope.region, accountId: scope.accountId, resource: `${type}/${nameOrArn}` });
}

/**
 * What job submitters need: `mediaconvert:CreateJob` on the queues, job templates and presets
 * they may use (each list defaults to every one of the account: `CreateJob` is authorized on each
 * of them a job names), `iam:PassRole` on the role to MediaConvert only, and with `monitor`,
 * `mediaconvert:GetJob` on the account's jobs and `mediaconvert:ListJobs` (authorized on `*`
 * unless the request names a queue).
 */
export function submitJobsPolicy(scope: MediaConvertScope, roleArn: string, options: SubmitJobsOptions): PolicyDocument {
  const named = (type: MediaConvertResourceType, list: readonly string[] | undefined) =>
    list !== undefined && list.length > 0 ? list.map((n) => mediaConvertArn(scope, type, n)) : [mediaConvertArn(scope, type, "*")];
  const statements: PolicyStatement[] = [
    {
      Effect: "Allow",
      Action: [SUBMITTER_ACTIONS.createJob],
      Resource: [...named("queues", options.queues), ...named("jobTemplates", options.jobTemplates), ...named("presets", options.presets)],
    },
    passRoleStatement(roleArn),
  ];
  if (options.monitor) {
    statements.push({ Effect: "Allow", Action: [SUBMITTER_ACTIONS.getJob], Resource: [mediaConvertArn(scope, "jobs", "*")] });
    statements.push({ Effect: "Allow", Action: [SUBMITTER_ACTIONS.listJobs], Resource: ["*"] });
  }
  return policyDocument(statements);
}
