/**
 * The module's policy documents, as `data "aws_iam_policy_document"` with one statement block per
 * grant and `dynamic` blocks over the inputs, the way a person writes them. They grant what the
 * construct's policy builders (`lib/core/policies.ts`, `lib/core/grants.ts`) grant for the same
 * inputs: the differential test (`__tests__/module.terraform.test.ts`) plans both and compares
 * the documents grant by grant.
 *
 * Everything here is Terraform JSON; `lib/hcl` prints it as HCL.
 */
import { SUBMITTER_ACTIONS } from "../core/grants";
import { ACTIONS, DECRYPTION_CONTEXT, MEDIACONVERT_SERVICE_PRINCIPAL, SECRET_SUFFIX_PATTERN, SPEKE_BARE_API_PATTERN } from "../core/policies";
import { literal } from "./expressions";

type Body = Record<string, unknown>;

/** A `condition` block. */
const condition = (test: string, variable: string, values: string | readonly string[]): Body => ({ test, variable, values });

/** A `dynamic "statement"` block: one statement per element of `forEach`, each element as `iterator.value`. */
const each = (forEach: string, iterator: string, content: Body): Body => ({ for_each: `\${${forEach}}`, iterator, content });

/** A `dynamic "statement"` block that exists only when `when` holds. */
const when = (test: string, content: Body): Body => ({ for_each: `\${${test} ? [1] : []}`, content });

/** A policy document's body: static statements, then the dynamic ones. */
const document = (statements: readonly Body[], dynamicStatements: readonly Body[], extra: Body = {}): Body => ({
  ...extra,
  ...(statements.length > 0 ? { statement: statements } : {}),
  ...(dynamicStatements.length > 0 ? { dynamic: { statement: dynamicStatements } } : {}),
});

/** `kms:ViaService` for the S3 of the key's region (SSE-KMS keys are regional). */
const viaS3 = (keyArn: string): Body => condition("StringEquals", "kms:ViaService", [`s3.\${split(":", ${keyArn})[3]}.amazonaws.com`]);

/** The objects a location covers, `bucket/prefix*`. */
const objects = (l: string) => `\${local.s3}\${${l}.bucket}/\${${l}.prefix != null ? ${l}.prefix : ""}*`;

/** `s3:ListBucket` on a location's bucket, limited to its prefix when it has one. */
const listBucket = (l: string): Body => ({
  actions: [ACTIONS.s3ListBucket],
  resources: [`\${local.s3}\${${l}.bucket}`],
  dynamic: { condition: each(`${l}.prefix != null ? [${l}.prefix] : []`, "prefix", condition("StringLike", "s3:prefix", ["${prefix.value}*"])) },
});

/** The locals the documents use. */
export const POLICY_LOCALS: Readonly<Record<string, string>> = {
  s3: "arn:${local.partition}:s3:::",
  // The Secrets Manager ARN of each Kantar secret: a name without its random suffix matches it with -??????.
  kantar_secrets: `\${[for a in var.kantar_secret_arns : ${`can(regex(${literal(SECRET_SUFFIX_PATTERN.source)}, a)) ? a : "\${a}-??????"`}]}`,
  // The execute-api resources of the SPEKE APIs: a bare API id means every stage, method and path.
  speke_apis: `\${[for a in var.speke_api_arns : ${`can(regex(${literal(SPEKE_BARE_API_PATTERN.source)}, a)) ? "\${a}/*" : a`}]}`,
};

/** The documents, by data source name. */
export function policyDocuments(): Record<string, Body> {
  const context = Object.entries(DECRYPTION_CONTEXT).map(([key, value]) => condition("StringEquals", key, [value]));
  return {
    trust: document(
      [
        {
          actions: [ACTIONS.assume],
          principals: [{ type: "Service", identifiers: [MEDIACONVERT_SERVICE_PRINCIPAL] }],
          dynamic: {
            condition: [
              each("var.confused_deputy_protection ? [local.account_id] : []", "account", condition("StringEquals", "aws:SourceAccount", ["${account.value}"])),
              each("var.confused_deputy_protection ? [local.trusted_source_arns] : []", "arns", condition("ArnLike", "aws:SourceArn", "${arns.value}")),
            ],
          },
        },
      ],
      [],
    ),
    // Client-side encrypted inputs: MediaConvert calls KMS itself, with its encryption context.
    client_side_decryption: document(
      [],
      [when("length(var.decryption_kms_key_arns) > 0", { actions: [ACTIONS.kmsDecrypt], resources: "${var.decryption_kms_key_arns}", condition: context })],
    ),
    kantar_secrets: document([], [when("length(var.kantar_secret_arns) > 0", { actions: [ACTIONS.getSecretValue], resources: "${local.kantar_secrets}" })]),
    // Full access: the keys of SSE-KMS buckets and of the jobs' own encryption settings.
    full_access_keys: document(
      [],
      [
        when("length(var.input_kms_key_arns) > 0", { actions: [ACTIONS.kmsDecrypt], resources: "${var.input_kms_key_arns}" }),
        when("length(var.output_kms_key_arns) > 0", {
          actions: `\${concat(["${ACTIONS.kmsGenerateDataKey}"], var.output_multipart_upload ? ["${ACTIONS.kmsDecrypt}"] : [])}`,
          resources: "${var.output_kms_key_arns}",
        }),
        when("length(var.job_encryption_kms_key_arns) > 0", {
          actions: [ACTIONS.kmsEncrypt, ACTIONS.kmsGenerateDataKey],
          resources: "${var.job_encryption_kms_key_arns}",
        }),
      ],
      { source_policy_documents: ["${data.aws_iam_policy_document.client_side_decryption.json}"] },
    ),
    // Scoped access: each location, key, API and secret, and nothing else.
    scoped_access: document(
      [],
      [
        each("var.inputs", "input", { actions: [ACTIONS.s3GetObject], resources: [objects("input.value")] }),
        each("var.outputs", "output", {
          actions: `\${concat(["${ACTIONS.s3PutObject}"], output.value.allow_acl ? ["${ACTIONS.s3PutObjectAcl}"] : [])}`,
          resources: [objects("output.value")],
        }),
        each("local.locations", "location", listBucket("location.value")),
        each("local.locations", "location", { actions: [ACTIONS.s3GetBucketLocation], resources: ["${local.s3}${location.value.bucket}"] }),
        each("[for l in var.inputs : l if l.kms_key_arn != null]", "input", {
          actions: [ACTIONS.kmsDecrypt],
          resources: ["${input.value.kms_key_arn}"],
          condition: [viaS3("input.value.kms_key_arn")],
        }),
        each("[for l in var.outputs : l if l.kms_key_arn != null]", "output", {
          actions: `\${concat(["${ACTIONS.kmsGenerateDataKey}"], var.output_multipart_upload ? ["${ACTIONS.kmsDecrypt}"] : [])}`,
          resources: ["${output.value.kms_key_arn}"],
          condition: [viaS3("output.value.kms_key_arn")],
        }),
        // Job-level SSE-KMS is still server-side encryption: S3 makes the KMS calls for the role.
        each("var.job_encryption_kms_key_arns", "key", {
          actions: [ACTIONS.kmsEncrypt, ACTIONS.kmsGenerateDataKey],
          resources: ["${key.value}"],
          condition: [viaS3("key.value")],
        }),
        when("length(var.speke_api_arns) > 0", { actions: [ACTIONS.apiInvoke], resources: "${local.speke_apis}" }),
      ],
      {
        source_policy_documents: [
          "${data.aws_iam_policy_document.client_side_decryption.json}",
          "${data.aws_iam_policy_document.kantar_secrets.json}",
        ],
      },
    ),
    pass_role: document([passRole()], []),
    submit_jobs: document(
      [{ actions: [SUBMITTER_ACTIONS.createJob], resources: "${local.submit_jobs_resources}" }, passRole()],
      [
        when("local.job_submitters.monitor", { actions: [SUBMITTER_ACTIONS.getJob], resources: ["${local.mediaconvert_arn}:jobs/*"] }),
        when("local.job_submitters.monitor", { actions: [SUBMITTER_ACTIONS.listJobs], resources: ["*"] }),
      ],
    ),
  };
}

/** `iam:PassRole` on the role, to MediaConvert only. */
function passRole(): Body {
  return {
    actions: [ACTIONS.passRole],
    resources: ["${local.role_arn}"],
    condition: [condition("StringEquals", "iam:PassedToService", [MEDIACONVERT_SERVICE_PRINCIPAL])],
  };
}
