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
import { ANY_BUCKET_OWNER } from "../core/rules";
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

/** The entries of `local.locations` for a list of locations. */
const location = (list: string, writes: boolean): string =>
  `[for l in ${list} : { ${[
    "bucket = l.bucket",
    "prefix = l.prefix",
    `objects = "${objects("l")}"`,
    `actions = ${writes ? `concat(["${ACTIONS.s3PutObject}"], l.allow_acl ? ["${ACTIONS.s3PutObjectAcl}"] : [])` : `["${ACTIONS.s3GetObject}"]`}`,
    `owners = l.bucket_owner == "${ANY_BUCKET_OWNER}" ? [] : [l.bucket_owner != null ? l.bucket_owner : local.account_id]`,
  ].join(", ")} }]`;

/** `aws:ResourceAccount`: the statement reaches a location's bucket only while its owner owns it (none for "any"). */
const pinned = (l: string): Body => each(`${l}.owners`, "owner", condition("StringEquals", "aws:ResourceAccount", ["${owner.value}"]));

/** `s3:ListBucket` on a location's bucket, limited to its prefix when it has one, pinned to its owner. */
const listBucket = (l: string): Body => ({
  actions: [ACTIONS.s3ListBucket],
  resources: [`\${local.s3}\${${l}.bucket}`],
  dynamic: { condition: [each(`${l}.prefix != null ? [${l}.prefix] : []`, "prefix", condition("StringLike", "s3:prefix", ["${prefix.value}*"])), pinned(l)] },
});

/** A key's region, as S3 calls KMS from it (`kms:ViaService`). */
const s3Service = (key: string) => `s3.\${split(":", ${key})[3]}.amazonaws.com`;

/** A key use of the key policies: the actions, and the condition S3's or MediaConvert's calls carry. */
const keyUse = (keys: string, actions: string, context: Record<string, string>): string =>
  `[for k in ${keys} : { key = k, actions = ${actions}, condition = { StringEquals = { ${Object.entries(context)
    .map(([key, value]) => `${JSON.stringify(key)} = ${value}`)
    .join(", ")} } } }]`;

/** What each location needs of its bucket, by bucket: the role's own statements on it (`local.bucket_statements`). */
const bucketStatements = (): string => {
  const bucketArn = '"${local.s3}${l.bucket}"';
  const statement = (body: string, condition = "") => `[for l in local.locations : { bucket = l.bucket, statement = { ${body} } }${condition}]`;
  return [
    statement("Action = l.actions, Resource = l.objects"),
    statement(`Action = ["${ACTIONS.s3ListBucket}"], Resource = ${bucketArn}, Condition = { StringLike = { "s3:prefix" = ["\${l.prefix}*"] } }`, " if l.prefix != null"),
    statement(`Action = ["${ACTIONS.s3ListBucket}"], Resource = ${bucketArn}`, " if l.prefix == null"),
    statement(`Action = ["${ACTIONS.s3GetBucketLocation}"], Resource = ${bucketArn}`),
  ].join(", ");
};

/** A resource policy document per key of `list` (each element `e` of it has `e.<key>`), of the role's statements `statement(e)`. */
const documentsBy = (key: string, list: string, element: string, statement: string): string =>
  `\${{ for ${key} in distinct(${list}[*].${key}) : ${key} => jsonencode({ Version = "2012-10-17", Statement = [for ${element} in ${list} : merge(local.role_principal, ${statement}) if ${element}.${key} == ${key}] }) }}`;

const outputKeyActions = `concat(["${ACTIONS.kmsGenerateDataKey}"], var.output_multipart_upload ? ["${ACTIONS.kmsDecrypt}"] : [])`;

/** The locals the documents use. */
export const POLICY_LOCALS: Readonly<Record<string, string>> = {
  s3: "arn:${local.partition}:s3:::",
  // Every location: its bucket, prefix and objects, what the role does there, and the account its bucket is pinned to
  // (none for "any": the role then reaches the bucket whoever owns it).
  locations: `\${concat(${location("var.inputs", false)}, ${location("var.outputs", true)})}`,
  // The keys of SSE-KMS buckets: each scoped location's, else full access's.
  sse_input_keys: '${var.access == "scoped" ? compact(var.inputs[*].kms_key_arn) : var.input_kms_key_arns}',
  sse_output_keys: '${var.access == "scoped" ? compact(var.outputs[*].kms_key_arn) : var.output_kms_key_arns}',
  // What each key is used for: by S3 for its buckets' encryption (through S3 only), or by MediaConvert to decrypt inputs.
  key_uses: `\${concat(${[
    keyUse("local.sse_input_keys", `["${ACTIONS.kmsDecrypt}"]`, { "kms:ViaService": `"${s3Service("k")}"` }),
    keyUse("local.sse_output_keys", outputKeyActions, { "kms:ViaService": `"${s3Service("k")}"` }),
    keyUse("var.job_encryption_kms_key_arns", `["${ACTIONS.kmsEncrypt}", "${ACTIONS.kmsGenerateDataKey}"]`, { "kms:ViaService": `"${s3Service("k")}"` }),
    keyUse("var.decryption_kms_key_arns", `["${ACTIONS.kmsDecrypt}"]`, Object.fromEntries(Object.entries(DECRYPTION_CONTEXT).map(([k, v]) => [k, JSON.stringify(v)]))),
  ].join(", ")})}`,
  // The Secrets Manager ARN of each Kantar secret: a name without its random suffix matches it with -??????.
  kantar_secrets: `\${[for a in var.kantar_secret_arns : ${`can(regex(${literal(SECRET_SUFFIX_PATTERN.source)}, a)) ? a : "\${a}-??????"`}]}`,
  // The execute-api resources of the SPEKE APIs: a bare API id means every stage, method and path.
  speke_apis: `\${[for a in var.speke_api_arns : ${`can(regex(${literal(SPEKE_BARE_API_PATTERN.source)}, a)) ? "\${a}/*" : a`}]}`,
  // The other side of the role's grants: what the policy of each bucket and key it uses must hold for it (its own
  // statements there, the role as principal).
  role_principal: '${{ Effect = "Allow", Principal = { AWS = local.role_arn } }}',
  bucket_statements: `\${concat(${bucketStatements()})}`,
  bucket_policy_statements: documentsBy("bucket", "local.bucket_statements", "s", "s.statement"),
  key_policy_statements: documentsBy("key", "local.key_uses", "u", '{ Action = u.actions, Resource = "*", Condition = u.condition }'),
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
        each("local.locations", "location", {
          actions: "${location.value.actions}",
          resources: ["${location.value.objects}"],
          dynamic: { condition: pinned("location.value") },
        }),
        each("local.locations", "location", listBucket("location.value")),
        each("local.locations", "location", {
          actions: [ACTIONS.s3GetBucketLocation],
          resources: ["${local.s3}${location.value.bucket}"],
          dynamic: { condition: pinned("location.value") },
        }),
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
