# terraform test: plans the module with the AWS provider configured to need no credentials and no
# network, and checks the policy documents it renders (aws_iam_policy_document data sources are
# computed by the provider, so a mock provider cannot stand in for it here).

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "offline"
  secret_key                  = "offline"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

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
    input_kms_key_arns          = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
    job_encryption_kms_key_arns = ["arn:aws:kms:eu-west-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab"]
    decryption_kms_key_arns     = ["arn:aws:kms:eu-west-1:111122223333:key/3234abcd-12ab-34cd-56ef-1234567890ab"]
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
        { Effect = "Allow", Action = "kms:Decrypt", Resource = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
        { Effect = "Allow", Action = ["kms:GenerateDataKey", "kms:Encrypt"], Resource = "arn:aws:kms:eu-west-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab" },
        {
          Effect    = "Allow"
          Action    = "kms:Decrypt"
          Resource  = "arn:aws:kms:eu-west-1:111122223333:key/3234abcd-12ab-34cd-56ef-1234567890ab"
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
    inputs                      = [{ bucket = "media-in", prefix = "source/", kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }]
    outputs                     = [{ bucket = "media-out", allow_acl = true, kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab" }]
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
      Resource  = "arn:aws:kms:eu-west-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab"
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
    job_encryption_kms_key_arns = ["arn:aws:kms:eu-west-1:111122223333:key/3234abcd-12ab-34cd-56ef-1234567890ab"]
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
    condition = keys(output.key_policy_statements) == ["arn:aws:kms:eu-west-1:111122223333:key/3234abcd-12ab-34cd-56ef-1234567890ab"] && jsondecode(output.key_policy_statements["arn:aws:kms:eu-west-1:111122223333:key/3234abcd-12ab-34cd-56ef-1234567890ab"]).Statement == [{
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
