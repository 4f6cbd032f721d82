/**
 * The module's examples: HCL roots that call it, one per way of using it (also the README's usage).
 */
import { MODULE_PROVIDER_CONSTRAINT, MODULE_TERRAFORM_CONSTRAINT } from "./main";

/** One example root: `examples/<name>/main.tf`. */
export interface ModuleExample {
  /** The README heading of the example. */
  readonly title: string;
  /** One sentence: what the example shows. */
  readonly summary: string;
  /** The module's inputs. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Root outputs: name to the module output they pass on. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Further root configuration (Terraform JSON), e.g. what uses the module's outputs. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export const EXAMPLE_REGION = "eu-west-1";
const EXAMPLE_KEY_IN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const EXAMPLE_KEY_OUT = "arn:aws:kms:eu-west-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab";

/** The examples, by folder name under `examples/`. */
export const MODULE_EXAMPLES: Readonly<Record<string, ModuleExample>> = {
  console: {
    title: "The console's role",
    summary:
      "The role the MediaConvert console creates (AmazonS3FullAccess and AmazonAPIGatewayInvokeFullAccess attached), with the trust policy pinned to the deploying account.",
    inputs: {},
    outputs: { role_arn: "role_arn" },
  },
  "sse-kms": {
    title: "SSE-KMS buckets",
    summary: "Full access plus the KMS keys of SSE-KMS input and output buckets; output_multipart_upload adds the kms:Decrypt that multipart uploads need.",
    inputs: {
      role_name: "MediaConvert_Media",
      role_description: "Transcoding from and to SSE-KMS buckets",
      input_kms_key_arns: [EXAMPLE_KEY_IN],
      output_kms_key_arns: [EXAMPLE_KEY_OUT],
      output_multipart_upload: true,
      tags: { team: "video" },
    },
    outputs: { role_arn: "role_arn" },
  },
  scoped: {
    title: "Scoped least privilege",
    summary: "Only the listed buckets, prefixes and keys, in one inline policy, and no managed policies.",
    inputs: {
      role_name: "MediaConvert_Scoped",
      access: "scoped",
      inputs: [{ bucket: "media-ingest", prefix: "uploads/", kms_key_arn: EXAMPLE_KEY_IN }],
      outputs: [{ bucket: "media-renditions", prefix: "hls/", kms_key_arn: EXAMPLE_KEY_OUT }],
      output_multipart_upload: true,
      exclusive_policy_management: true,
    },
    outputs: { role_arn: "role_arn" },
  },
  "job-submitters": {
    title: "Who may submit jobs",
    summary:
      "A managed policy that lets the pipeline's role submit jobs with this role to one queue (and pass the role to MediaConvert, to nothing else), attached by the module; and the plain pass-role policy for identities attached elsewhere.",
    inputs: {
      role_name: "MediaConvert_Jobs",
      create_pass_role_policy: true,
      job_submitters: { roles: ["video-pipeline"], queues: ["Default"], monitor: true },
    },
    outputs: { role_arn: "role_arn", pass_role_policy_arn: "pass_role_policy_arn", submit_jobs_policy_arn: "submit_jobs_policy_arn" },
  },
};

/** The Terraform JSON of an example root, calling the module from `source`. */
export function exampleTerraform(example: ModuleExample, source: string): Record<string, unknown> {
  return {
    terraform: {
      required_version: MODULE_TERRAFORM_CONSTRAINT,
      required_providers: { aws: { source: "hashicorp/aws", version: MODULE_PROVIDER_CONSTRAINT } },
    },
    provider: { aws: { region: EXAMPLE_REGION } },
    module: { mediaconvert_role: { source, ...example.inputs } },
    ...example.extra,
    output: Object.fromEntries(Object.entries(example.outputs).map(([name, output]) => [name, { value: `\${module.mediaconvert_role.${output}}` }])),
  };
}
