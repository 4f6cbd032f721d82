/**
 * The module's Terraform (as Terraform JSON): its settings, variables, locals, data sources,
 * resources and outputs. Resource names mirror the construct's (`this` for the role, `this_kms`
 * for its KMS policy, ...). Every `count` depends only on what is known at plan: the inputs'
 * lengths, `access` and the boolean switches, never on ARNs, names or prefixes, which may come
 * from resources created in the same root.
 */
import { awsManagedPolicyArn } from "../core/arn";
import { INLINE_POLICIES } from "../core/policies";
import { MANAGED_POLICIES, passRolePolicyDescription, passRolePolicyName, submitJobsPolicyDescription, submitJobsPolicyName } from "../core/names";
import { RESERVED_BUCKET_PREFIXES, RESERVED_BUCKET_SUFFIXES } from "../core/rules";
import { literal, MESSAGE_LOCALS } from "./expressions";
import { PATTERNS } from "./validations";
import { policyDocuments, POLICY_LOCALS } from "./policies";
import { moduleVariables } from "./variables";

/** The AWS provider versions the module accepts (5.100.0 is the version it is tested with). */
export const MODULE_PROVIDER_CONSTRAINT = ">= 5.100.0";

/** The Terraform versions the module accepts: validation blocks that refer to other variables need 1.9. */
export const MODULE_TERRAFORM_CONSTRAINT = ">= 1.9.0";

const ROLE = "aws_iam_role.this";

/** The outputs, with their descriptions. */
const OUTPUTS = {
  role_arn: { value: `\${${ROLE}.arn}`, description: "ARN of the MediaConvert role: pass it as the Role of MediaConvert jobs." },
  role_name: { value: `\${${ROLE}.name}`, description: "Name of the MediaConvert role." },
  role_unique_id: { value: `\${${ROLE}.unique_id}`, description: "Stable unique id of the MediaConvert role (changes when the role is replaced)." },
  pass_role_policy_arn: {
    value: "${one(aws_iam_policy.this_pass_role[*].arn)}",
    description: "ARN of the policy that lets job submitters pass the role to MediaConvert (attach it to them), or null when create_pass_role_policy is false.",
  },
  submit_jobs_policy_arn: {
    value: "${one(aws_iam_policy.this_submit_jobs[*].arn)}",
    description: "ARN of the policy that lets the identities of job_submitters submit jobs with the role (attached to them by the module), or null when job_submitters is null.",
  },
  bucket_policy_statements: {
    value: "${local.bucket_policy_statements}",
    description:
      "By bucket of the scoped inputs and outputs: the policy document (JSON) the bucket's policy must hold for the role, ready for source_policy_documents of the bucket policy's aws_iam_policy_document. Needed for buckets of another account.",
  },
  key_policy_statements: {
    value: "${local.key_policy_statements}",
    description:
      "By KMS key ARN the role uses: the policy document (JSON) the key's policy must hold for the role (through S3 only, or with MediaConvert's encryption context), ready for source_policy_documents. Needed for keys of another account, and for keys whose key policy lacks the account-root statement.",
  },
} as const;

/** The locals: where the role lives, the values the documents name, and what the messages use. */
function locals(): Record<string, unknown> {
  const kinds = ["queues", "job_templates", "presets"] as const;
  const arnType = { queues: "queues", job_templates: "jobTemplates", presets: "presets" } as const;
  const named = (kind: (typeof kinds)[number]) =>
    `[for n in (length(local.job_submitters.${kind}) > 0 ? local.job_submitters.${kind} : ["*"]) : startswith(n, "arn:") ? n : "\${local.mediaconvert_arn}:${arnType[kind]}/\${n}"]`;
  return {
    partition: "${data.aws_partition.current.partition}",
    region: "${data.aws_region.current.name}",
    // Empty where nothing needs the account (the caller identity is not read then).
    caller_account_id: '${join("", data.aws_caller_identity.current[*].account_id)}',
    // The role's ARN, known at plan (the policies that name it are then shown in full by the plan).
    role_arn: "arn:${local.partition}:iam::${local.caller_account_id}:role${var.role_path}${var.role_name}",
    account_id: "${var.source_account_id != null ? var.source_account_id : local.caller_account_id}",
    // Whether something names the account (see data.aws_caller_identity), from flags and lengths known at plan.
    names_account:
      '${(var.confused_deputy_protection || var.access == "scoped" || var.create_pass_role_policy || var.job_submitters != null || local.full_access_key_count > 0)}',

    // What aws:SourceArn may be: the trusted queues, else any MediaConvert resource of the account.
    trusted_source_arns: "${length(var.trusted_queue_arns) > 0 ? var.trusted_queue_arns : [local.any_mediaconvert_arn]}",
    any_mediaconvert_arn: "arn:${local.partition}:mediaconvert:*:${local.account_id}:*",
    ...POLICY_LOCALS,
    job_submitters: "${var.job_submitters != null ? var.job_submitters : local.no_job_submitters}",
    no_job_submitters: { roles: [], users: [], groups: [], queues: [], job_templates: [], presets: [], monitor: false },
    mediaconvert_arn: "arn:${local.partition}:mediaconvert:${local.region}:${local.account_id}",
    // The keys of full access: an inline policy of their own when there is one.
    full_access_key_count:
      "${length(concat(var.input_kms_key_arns, var.output_kms_key_arns, var.job_encryption_kms_key_arns, var.decryption_kms_key_arns))}",
    // CreateJob is authorized on each queue, job template and preset a job names: all of the account unless listed.
    submit_jobs_resources: `\${concat(${kinds.map(named).join(", ")})}`,
    // The whole values the rules accept, as RE2 regular expressions (long ones in pieces).
    regex_pieces: `\${${regexPieces()}}`,
    regex: '${{ for name, pieces in local.regex_pieces : name => join("", pieces) }}',
    reserved_bucket_prefixes: RESERVED_BUCKET_PREFIXES,
    reserved_bucket_suffixes: RESERVED_BUCKET_SUFFIXES,
    ...MESSAGE_LOCALS,
  };
}

/**
 * A pattern in pieces for lines a reviewer can read: each ends after a `|` or `)` once it has 40
 * characters, and has at most 64.
 */
function pieces(source: string): string[] {
  const out: string[] = [];
  let piece = "";
  for (const c of source) {
    piece += c;
    if ((piece.length >= 40 && (c === "|" || c === ")")) || piece.length >= 64) {
      out.push(piece);
      piece = "";
    }
  }
  return piece === "" ? out : [...out, piece];
}

/** PATTERNS as an HCL object of lists of strings (the pieces of each pattern). */
function regexPieces(): string {
  return `{ ${Object.entries(PATTERNS)
    .map(([name, pattern]) => `${name} = [${pieces(typeof pattern === "string" ? pattern : pattern.source).map(literal).join(", ")}]`)
    .join(", ")} }`;
}

/** An inline policy of the role, created when `count` holds. */
const inlinePolicy = (kind: keyof typeof INLINE_POLICIES, count: string, document: string) => ({
  count: `\${${count} ? 1 : 0}`,
  name: INLINE_POLICIES[kind],
  policy: `\${data.aws_iam_policy_document.${document}.json}`,
  role: `\${${ROLE}.name}`,
});

/** The attachments of the job submitters' policy to the identities of one kind, one per name. */
const submitterAttachment = (kind: "role" | "user" | "group") => ({
  count: `\${length(local.job_submitters.${kind}s)}`,
  [kind]: `\${local.job_submitters.${kind}s[count.index]}`,
  policy_arn: "${aws_iam_policy.this_submit_jobs[0].arn}",
});

/** The module's Terraform JSON, by the file it goes to. */
export function moduleTerraform(): Record<string, Record<string, unknown>> {
  const attachment = (policy: string, variable: string) => ({
    count: `\${var.access == "full" && ${variable} != false ? 1 : 0}`,
    policy_arn: awsManagedPolicyArn("${local.partition}", policy),
    role: `\${${ROLE}.name}`,
  });
  return {
    "versions.tf": {
      terraform: {
        required_version: MODULE_TERRAFORM_CONSTRAINT,
        required_providers: { aws: { source: "hashicorp/aws", version: MODULE_PROVIDER_CONSTRAINT } },
      },
    },
    "variables.tf": { variable: moduleVariables() },
    "main.tf": {
      locals: locals(),
      data: {
        aws_partition: { current: {} },
        aws_region: { current: {} },
        // Read when something names the account (trust conditions, the buckets of scoped access, the role's ARN in the
        // pass-role, job submitters' and key policies): the count does not depend on source_account_id, which may be known
        // only after apply.
        aws_caller_identity: { current: { count: "${local.names_account ? 1 : 0}" } },
      },
      resource: {
        aws_iam_role: {
          this: {
            assume_role_policy: "${data.aws_iam_policy_document.trust.json}",
            description: "${var.role_description}",
            max_session_duration: "${var.max_session_duration}",
            name: "${var.role_name}",
            path: "${var.role_path}",
            permissions_boundary: "${var.role_permissions_boundary_arn}",
            tags: "${var.tags}",
          },
        },
        aws_iam_role_policy_attachment: {
          this_s3_full_access: attachment(MANAGED_POLICIES.s3FullAccess, "var.attach_s3_full_access"),
          this_api_gateway_invoke_full_access: attachment(MANAGED_POLICIES.apiGatewayInvokeFullAccess, "var.attach_api_gateway_invoke_full_access"),
          this_submit_jobs_role: submitterAttachment("role"),
        },
        aws_iam_user_policy_attachment: { this_submit_jobs_user: submitterAttachment("user") },
        aws_iam_group_policy_attachment: { this_submit_jobs_group: submitterAttachment("group") },
        aws_iam_role_policy: {
          this_kms: inlinePolicy("kms", 'var.access == "full" && local.full_access_key_count > 0', "full_access_keys"),
          this_secrets: inlinePolicy("secrets", 'var.access == "full" && length(var.kantar_secret_arns) > 0', "kantar_secrets"),
          this_scoped: inlinePolicy("scoped", 'var.access == "scoped" && length(var.inputs) + length(var.outputs) > 0', "scoped_access"),
        },
        aws_iam_role_policy_attachments_exclusive: {
          this_attachments_exclusive: {
            count: "${var.exclusive_policy_management ? 1 : 0}",
            role_name: `\${${ROLE}.name}`,
            policy_arns:
              "${concat(aws_iam_role_policy_attachment.this_s3_full_access[*].policy_arn, aws_iam_role_policy_attachment.this_api_gateway_invoke_full_access[*].policy_arn)}",
          },
        },
        aws_iam_role_policies_exclusive: {
          this_policies_exclusive: {
            count: "${var.exclusive_policy_management ? 1 : 0}",
            role_name: `\${${ROLE}.name}`,
            policy_names: "${concat(aws_iam_role_policy.this_kms[*].name, aws_iam_role_policy.this_secrets[*].name, aws_iam_role_policy.this_scoped[*].name)}",
          },
        },
        aws_iam_policy: {
          this_pass_role: {
            count: "${var.create_pass_role_policy ? 1 : 0}",
            name: passRolePolicyName("${var.role_name}"),
            description: passRolePolicyDescription("${var.role_name}"),
            policy: "${data.aws_iam_policy_document.pass_role.json}",
          },
          this_submit_jobs: {
            count: "${var.job_submitters != null ? 1 : 0}",
            name: submitJobsPolicyName("${var.role_name}"),
            description: submitJobsPolicyDescription("${var.role_name}"),
            policy: "${data.aws_iam_policy_document.submit_jobs.json}",
          },
        },
      },
    },
    "policies.tf": { data: { aws_iam_policy_document: policyDocuments() } },
    "outputs.tf": { output: OUTPUTS },
  };
}
