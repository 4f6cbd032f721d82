/**
 * The module's `terraform test` files and the roots they plan, committed with the rest of the
 * generated module (`npm run synth` rewrites the whole directory):
 *
 * - `tests/documents.tftest.hcl` plans the module with the real AWS provider, configured to need
 *   no credentials or network (the policy documents are `aws_iam_policy_document` data sources,
 *   which the provider computes; a mock provider would make them up), and checks the documents;
 *   its last run plans `tests/unknown-at-plan`, a root whose inputs come from resources it creates;
 * - `tests/validation.tftest.hcl` checks that bad inputs fail their validation (mock provider);
 * - `tests/examples.tftest.hcl` plans each root in `examples/` (mock provider).
 */
import { renderHcl } from "../hcl";

/** The AWS provider as the documents' tests configure it: offline, a fixed region. */
export const OFFLINE_PROVIDER = `provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "offline"
  secret_key                  = "offline"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}`;

const KEY_1 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_2 = "arn:aws:kms:eu-west-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_3 = "arn:aws:kms:eu-west-1:111122223333:key/3234abcd-12ab-34cd-56ef-1234567890ab";

const DOCUMENTS = `# terraform test: plans the module with the AWS provider configured to need no credentials and no
# network, and checks the policy documents it renders (aws_iam_policy_document data sources are
# computed by the provider, so a mock provider cannot stand in for it here).

${OFFLINE_PROVIDER}

override_data {
  target = data.aws_caller_identity.current
  values = { account_id = "111122223333" }
}

override_resource {
  target          = aws_iam_role.this
  override_during = plan
  values = {
    arn       = "arn:aws:iam::111122223333:role/MediaConvert_Default_Role"
    unique_id = "AROAEXAMPLEEXAMPLE123"
  }
}

run "console_role_pins_the_deploying_account" {
  command = plan

  assert {
    condition = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition == {
      ArnLike      = { "aws:SourceArn" = "arn:aws:mediaconvert:*:111122223333:*" }
      StringEquals = { "aws:SourceAccount" = "111122223333" }
    }
    error_message = "The trust policy does not pin the deploying account."
  }
  assert {
    condition     = length(aws_iam_role_policy_attachment.this_s3_full_access) == 1 && length(aws_iam_role_policy_attachment.this_api_gateway_invoke_full_access) == 1
    error_message = "The console's managed policies are not attached."
  }
  assert {
    condition     = length(aws_iam_role_policy.this_kms) + length(aws_iam_role_policy.this_secrets) + length(aws_iam_role_policy.this_scoped) == 0
    error_message = "Unexpected inline policies."
  }
  assert {
    condition     = length(aws_iam_policy.this_pass_role) + length(aws_iam_policy.this_submit_jobs) == 0
    error_message = "Unexpected customer managed policies."
  }
}

run "full_access_with_keys_queues_and_kantar" {
  command = plan

  variables {
    source_account_id           = "444455556666"
    trusted_queue_arns          = ["arn:aws:mediaconvert:eu-west-1:444455556666:queues/Default"]
    input_kms_key_arns          = ["${KEY_1}"]
    job_encryption_kms_key_arns = ["${KEY_2}"]
    decryption_kms_key_arns     = ["${KEY_3}"]
    kantar_secret_arns          = ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:kantar"]
  }

  assert {
    condition = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition == {
      ArnLike      = { "aws:SourceArn" = "arn:aws:mediaconvert:eu-west-1:444455556666:queues/Default" }
      StringEquals = { "aws:SourceAccount" = "444455556666" }
    }
    error_message = "The trust policy does not pin the given account and queue."
  }
  assert {
    condition = alltrue([
      for statement in [
        { Effect = "Allow", Action = "kms:Decrypt", Resource = "${KEY_1}" },
        { Effect = "Allow", Action = ["kms:GenerateDataKey", "kms:Encrypt"], Resource = "${KEY_2}" },
        {
          Effect    = "Allow"
          Action    = "kms:Decrypt"
          Resource  = "${KEY_3}"
          Condition = { StringEquals = { "kms:EncryptionContext:service" = "mediaconvert.amazonaws.com" } }
        },
      ] : contains(jsondecode(aws_iam_role_policy.this_kms[0].policy).Statement, statement)
    ]) && length(jsondecode(aws_iam_role_policy.this_kms[0].policy).Statement) == 3
    error_message = "The full-access KMS policy does not grant the input, job encryption and decryption keys."
  }
  assert {
    condition = jsondecode(aws_iam_role_policy.this_secrets[0].policy).Statement == [
      { Effect = "Allow", Action = "secretsmanager:GetSecretValue", Resource = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kantar-??????" },
    ]
    error_message = "A full-access role cannot read its Kantar secret."
  }
}

run "scoped_with_kms_pass_role_and_submitters_without_protection" {
  command = plan

  variables {
    access                      = "scoped"
    inputs                      = [{ bucket = "media-in", prefix = "source/", kms_key_arn = "${KEY_1}" }]
    outputs                     = [{ bucket = "media-out", allow_acl = true, kms_key_arn = "${KEY_2}" }]
    output_multipart_upload     = true
    speke_api_arns              = ["arn:aws:execute-api:eu-west-1:111122223333:abcde12345"]
    create_pass_role_policy     = true
    exclusive_policy_management = true
    confused_deputy_protection  = false
    job_submitters              = { roles = ["video-pipeline"], users = ["operator"], queues = ["Default"], monitor = true }
  }

  assert {
    condition     = length(aws_iam_role_policy_attachment.this_s3_full_access) == 0 && length(aws_iam_role_policy.this_kms) == 0
    error_message = "A scoped role gets full-access parts."
  }
  assert {
    condition = contains(jsondecode(aws_iam_role_policy.this_scoped[0].policy).Statement, {
      Effect    = "Allow"
      Action    = ["kms:GenerateDataKey", "kms:Decrypt"]
      Resource  = "${KEY_2}"
      Condition = { StringEquals = { "kms:ViaService" = "s3.eu-west-1.amazonaws.com" } }
    })
    error_message = "The output key is not granted through S3 with multipart uploads."
  }
  assert {
    condition = contains(jsondecode(aws_iam_role_policy.this_scoped[0].policy).Statement, {
      Effect    = "Allow"
      Action    = "s3:ListBucket"
      Resource  = "arn:aws:s3:::media-in"
      Condition = { StringEquals = { "aws:ResourceAccount" = "111122223333" }, StringLike = { "s3:prefix" = "source/*" } }
    })
    error_message = "Listing the input bucket is not limited to its prefix, or not pinned to the deploying account."
  }
  assert {
    condition = contains(jsondecode(aws_iam_role_policy.this_scoped[0].policy).Statement, {
      Effect   = "Allow"
      Action   = "execute-api:Invoke"
      Resource = "arn:aws:execute-api:eu-west-1:111122223333:abcde12345/*"
    })
    error_message = "A bare SPEKE API id does not cover all its stages."
  }
  assert {
    condition     = jsondecode(aws_iam_policy.this_pass_role[0].policy).Statement[0].Condition == { StringEquals = { "iam:PassedToService" = "mediaconvert.amazonaws.com" } }
    error_message = "The pass-role policy does not restrict the service."
  }
  assert {
    condition = jsonencode(sort(one([
      for s in jsondecode(aws_iam_policy.this_submit_jobs[0].policy).Statement : s.Resource if s.Action == "mediaconvert:CreateJob"
      ]))) == jsonencode([
      "arn:aws:mediaconvert:eu-west-1:111122223333:jobTemplates/*",
      "arn:aws:mediaconvert:eu-west-1:111122223333:presets/*",
      "arn:aws:mediaconvert:eu-west-1:111122223333:queues/Default",
    ])
    error_message = "The job submitters may not create jobs in the Default queue only."
  }
  assert {
    condition     = aws_iam_role_policy_attachment.this_submit_jobs_role[0].role == "video-pipeline" && aws_iam_user_policy_attachment.this_submit_jobs_user[0].user == "operator"
    error_message = "The submitters' policy is not attached to the named role and user."
  }
  assert {
    condition     = length(aws_iam_role_policies_exclusive.this_policies_exclusive) == 1 && length(aws_iam_role_policy_attachments_exclusive.this_attachments_exclusive) == 1
    error_message = "exclusive_policy_management creates no exclusive resources."
  }
  assert {
    condition     = !can(jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition)
    error_message = "confused_deputy_protection = false still sets conditions."
  }
}

run "scoped_buckets_pinned_to_their_owners" {
  command = plan

  variables {
    access                      = "scoped"
    inputs                      = [{ bucket = "media-in" }, { bucket = "partner-in", prefix = "masters/", bucket_owner = "444455556666" }]
    outputs                     = [{ bucket = "scratch", bucket_owner = "any" }]
    job_encryption_kms_key_arns = ["${KEY_3}"]
  }

  assert {
    condition = alltrue([
      for statement in [
        { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::media-in/*", Condition = { StringEquals = { "aws:ResourceAccount" = "111122223333" } } },
        { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::partner-in/masters/*", Condition = { StringEquals = { "aws:ResourceAccount" = "444455556666" } } },
        { Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::scratch/*" },
      ] : contains(jsondecode(aws_iam_role_policy.this_scoped[0].policy).Statement, statement)
    ])
    error_message = "The buckets are not pinned to their owners (the deploying account by default, none for any)."
  }
  assert {
    condition = jsondecode(output.bucket_policy_statements["partner-in"]).Statement == [
      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/MediaConvert_Default_Role" }, Action = ["s3:GetObject"], Resource = "arn:aws:s3:::partner-in/masters/*" },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/MediaConvert_Default_Role" }
        Action    = ["s3:ListBucket"]
        Resource  = "arn:aws:s3:::partner-in"
        Condition = { StringLike = { "s3:prefix" = ["masters/*"] } }
      },
      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/MediaConvert_Default_Role" }, Action = ["s3:GetBucketLocation"], Resource = "arn:aws:s3:::partner-in" },
    ]
    error_message = "The partner's bucket policy statements are not the role's statements on it."
  }
  assert {
    condition = keys(output.key_policy_statements) == ["${KEY_3}"] && jsondecode(output.key_policy_statements["${KEY_3}"]).Statement == [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/MediaConvert_Default_Role" }
      Action    = ["kms:Encrypt", "kms:GenerateDataKey"]
      Resource  = "*"
      Condition = { StringEquals = { "kms:ViaService" = "s3.eu-west-1.amazonaws.com" } }
    }]
    error_message = "The key policy statements do not let the role use the job's key through S3."
  }
}

# Inputs that come from resources of the same root are known only after apply: every count of the
# module depends on what is known at plan, so the plan succeeds in both modes.
run "inputs_known_only_after_apply" {
  command = plan

  module {
    source = "./tests/unknown-at-plan"
  }

  override_data {
    target = module.full.data.aws_caller_identity.current
    values = { account_id = "111122223333" }
  }
  override_data {
    target = module.scoped.data.aws_caller_identity.current
    values = { account_id = "111122223333" }
  }

  assert {
    condition     = output.role_names == ["MediaConvert_Full", "MediaConvert_Scoped"]
    error_message = "The roles whose inputs are known only after apply were not planned."
  }
}
`;

const VALIDATION = `# terraform test: bad inputs fail their own validation (mock provider: no documents are read).

mock_provider "aws" {
  override_during = plan

  # A policy document the mock makes up must still be JSON: the role's arguments are validated.
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}" }
  }

  override_data {
    target = data.aws_region.current
    values = { name = "eu-west-1" }
  }
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws" }
  }
}

# Every bad input fails its own validation, in one plan.
run "bad_inputs_fail_validation" {
  command = plan

  variables {
    role_name                     = "Media Convert"
    role_description              = "\\u201cquoted\\u201d"
    access                        = "scoped"
    attach_s3_full_access         = true
    input_kms_key_arns            = ["arn:aws:kms:eu-west-1:111122223333:alias/media"]
    outputs                       = [{ bucket = "Media_Out", prefix = "/hls" }]
    speke_api_arns                = ["arn:aws:execute-api:us-east-1:111122223333:abcde12345"]
    kantar_secret_arns            = ["arn:aws:secretsmanager:eu-west-1:111122223333:kantar"]
    source_account_id             = "1111"
    role_path                     = "media"
    role_permissions_boundary_arn = "arn:aws:iam::111122223333:role/NotAPolicy"
    max_session_duration          = 3599
    tags                          = { "aws:team" = "video" }
    job_submitters                = { roles = ["video pipeline"], queues = ["arn:aws:mediaconvert:eu-west-1:111122223333:queue/Default"] }
  }

  expect_failures = [
    var.role_name,
    var.role_description,
    var.attach_s3_full_access,
    var.input_kms_key_arns,
    var.outputs,
    var.speke_api_arns,
    var.kantar_secret_arns,
    var.source_account_id,
    var.role_path,
    var.role_permissions_boundary_arn,
    var.max_session_duration,
    var.tags,
    var.job_submitters,
  ]
}

run "bad_access_and_a_queue_of_another_account" {
  command = plan

  variables {
    access             = "narrow"
    source_account_id  = "111122223333"
    trusted_queue_arns = ["arn:aws:mediaconvert:eu-west-1:444455556666:queues/Default"]
  }

  expect_failures = [var.access, var.trusted_queue_arns]
}

run "scoped_role_without_locations" {
  command = plan

  variables {
    access = "scoped"
  }

  expect_failures = [var.inputs]
}
`;

/** The mock AWS provider of the examples' test file. */
const MOCK_PROVIDER = VALIDATION.slice(VALIDATION.indexOf('mock_provider "aws" {'), VALIDATION.indexOf("# Every bad input"));

/**
 * The examples' `terraform test` file: each example root, planned with the mock provider in place
 * of its own, must plan and name its role.
 */
function examplesTests(examples: readonly string[]): string {
  return [
    "# terraform test: plans each root in examples/ with a mock AWS provider (the test's provider",
    "# replaces the example's own), so the examples stay valid calls of the module.",
    "",
    MOCK_PROVIDER.trimEnd().replace(/target = data\./g, "target = module.mediaconvert_role.data."),
    "",
    "override_resource {",
    "  target          = module.mediaconvert_role.aws_iam_role.this",
    "  override_during = plan",
    '  values          = { arn = "arn:aws:iam::111122223333:role/example" }',
    "}",
    ...examples.flatMap((name) => [
      "",
      `run "example_${name.replace(/-/g, "_")}" {`,
      "  command = plan",
      "",
      "  module {",
      `    source = "./examples/${name}"`,
      "  }",
      "",
      "  assert {",
      '    condition     = output.role_arn == "arn:aws:iam::111122223333:role/example"',
      '    error_message = "The example does not pass on the role\'s ARN."',
      "  }",
      "}",
    ]),
    "",
  ].join("\n");
}

/**
 * The root of the run "inputs_known_only_after_apply": a key, a bucket, a SPEKE API, a secret, a
 * boundary, a submitting role and an account id created or read in the same root, so that every
 * list input of the module (and the account) is known only after apply, in both modes.
 */
function unknownAtPlanRoot(): string {
  const key = "${aws_kms_key.media.arn}";
  const bucket = "${aws_s3_bucket.media.id}";
  const common = {
    source: "../..",
    source_account_id: "${aws_organizations_account.media.id}",
    trusted_queue_arns: ["${aws_media_convert_queue.jobs.arn}"],
    job_encryption_kms_key_arns: [key],
    decryption_kms_key_arns: [key],
    kantar_secret_arns: ["${aws_secretsmanager_secret.kantar.arn}"],
    role_permissions_boundary_arn: "${aws_iam_policy.boundary.arn}",
    job_submitters: { roles: ["${aws_iam_role.pipeline.name}"], queues: ["${aws_media_convert_queue.jobs.arn}"] },
  };
  return renderHcl({
    terraform: { required_providers: { aws: { source: "hashicorp/aws" } } },
    resource: {
      aws_kms_key: { media: {} },
      aws_s3_bucket: { media: { bucket_prefix: "media-" } },
      aws_secretsmanager_secret: { kantar: { name_prefix: "kantar-" } },
      aws_media_convert_queue: { jobs: { name: "jobs" } },
      aws_organizations_account: { media: { name: "media", email: "media@example.com" } },
      aws_api_gateway_rest_api: { speke: { name: "speke" } },
      aws_iam_policy: { boundary: { name_prefix: "boundary-", policy: '${jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })}' } },
      aws_iam_role: { pipeline: { name_prefix: "pipeline-", assume_role_policy: '${jsonencode({ Version = "2012-10-17", Statement = [] })}' } },
    },
    module: {
      full: { ...common, role_name: "MediaConvert_Full", input_kms_key_arns: [key], output_kms_key_arns: [key] },
      scoped: {
        ...common,
        role_name: "MediaConvert_Scoped",
        access: "scoped",
        inputs: [{ bucket, prefix: "${aws_s3_bucket.media.id}/in/", kms_key_arn: key, bucket_owner: "${aws_organizations_account.media.id}" }],
        outputs: [{ bucket, prefix: "${aws_s3_bucket.media.id}/out/", kms_key_arn: key, allow_acl: true }],
        speke_api_arns: ["${aws_api_gateway_rest_api.speke.execution_arn}"],
      },
    },
    output: {
      role_names: { value: "${[module.full.role_name, module.scoped.role_name]}" },
      resource_policies: { value: "${[module.scoped.bucket_policy_statements, module.scoped.key_policy_statements]}" },
    },
  });
}

/** The test files and the roots they plan, by path in the module. */
export function moduleTestFiles(examples: readonly string[]): Record<string, string> {
  return {
    "tests/documents.tftest.hcl": DOCUMENTS,
    "tests/validation.tftest.hcl": VALIDATION,
    "tests/examples.tftest.hcl": examplesTests(examples),
    "tests/unknown-at-plan/main.tf": unknownAtPlanRoot(),
  };
}
