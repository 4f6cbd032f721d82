# terraform test: plans the module with a mock AWS provider (no credentials, no network) and
# checks the documents it renders and that bad inputs fail their validation.

mock_provider "aws" {
  override_during = plan

  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "111122223333" }
  }
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws" }
  }
  override_data {
    target = data.aws_region.current
    values = { name = "eu-west-1" }
  }
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
    condition     = length(data.aws_caller_identity.current) == 1
    error_message = "The caller identity is not read although no account id is given."
  }
  assert {
    condition     = length(aws_iam_role_policy_attachment.this_s3_full_access) == 1 && length(aws_iam_role_policy_attachment.this_api_gateway_invoke_full_access) == 1
    error_message = "The console's managed policies are not attached."
  }
  assert {
    condition     = length(aws_iam_role_policy.this_kms) == 0 && length(aws_iam_role_policy.this_scoped) == 0 && length(aws_iam_policy.this_pass_role) == 0
    error_message = "Unexpected inline or pass-role policies."
  }
}

run "given_account_and_job_encryption_keys" {
  command = plan

  variables {
    source_account_id           = "444455556666"
    trusted_queue_arns          = ["arn:aws:mediaconvert:eu-west-1:444455556666:queues/Default"]
    input_kms_key_arns          = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
    job_encryption_kms_key_arns = ["arn:aws:kms:eu-west-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab"]
  }

  assert {
    condition     = length(data.aws_caller_identity.current) == 0
    error_message = "The caller identity is read although source_account_id is given."
  }
  assert {
    condition = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition == {
      ArnLike      = { "aws:SourceArn" = ["arn:aws:mediaconvert:eu-west-1:444455556666:queues/Default"] }
      StringEquals = { "aws:SourceAccount" = "444455556666" }
    }
    error_message = "The trust policy does not pin the given account and queue."
  }
  assert {
    condition = jsondecode(aws_iam_role_policy.this_kms[0].policy).Statement == [
      { Effect = "Allow", Action = ["kms:Decrypt"], Resource = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"] },
      { Effect = "Allow", Action = ["kms:Encrypt", "kms:GenerateDataKey"], Resource = ["arn:aws:kms:eu-west-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab"] },
    ]
    error_message = "The full-access KMS policy does not grant the input and job encryption keys."
  }
}

run "scoped_with_kms_and_pass_role_without_protection" {
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
  }

  assert {
    condition     = length(aws_iam_role_policy_attachment.this_s3_full_access) == 0 && length(aws_iam_role_policy.this_kms) == 0
    error_message = "A scoped role gets full-access parts."
  }
  assert {
    condition     = aws_iam_role_policy.this_scoped[0].name == "mediaconvert-scoped-access"
    error_message = "The scoped inline policy is missing."
  }
  assert {
    condition = contains(jsondecode(aws_iam_role_policy.this_scoped[0].policy).Statement, {
      Effect    = "Allow"
      Action    = ["kms:GenerateDataKey", "kms:Decrypt"]
      Resource  = ["arn:aws:kms:eu-west-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab"]
      Condition = { StringEquals = { "kms:ViaService" = "s3.eu-west-1.amazonaws.com" } }
    })
    error_message = "The output key is not granted through S3 with multipart uploads."
  }
  assert {
    condition = contains(jsondecode(aws_iam_role_policy.this_scoped[0].policy).Statement, {
      Effect   = "Allow"
      Action   = ["execute-api:Invoke"]
      Resource = ["arn:aws:execute-api:eu-west-1:111122223333:abcde12345/*"]
    })
    error_message = "A bare SPEKE API id does not cover all its stages."
  }
  assert {
    condition     = jsondecode(aws_iam_policy.this_pass_role[0].policy).Statement[0].Condition == { StringEquals = { "iam:PassedToService" = "mediaconvert.amazonaws.com" } }
    error_message = "The pass-role policy does not restrict the service."
  }
  assert {
    condition     = length(aws_iam_role_policies_exclusive.this_policies_exclusive) == 1 && length(aws_iam_role_policy_attachments_exclusive.this_attachments_exclusive) == 1
    error_message = "exclusive_policy_management creates no exclusive resources."
  }
  assert {
    condition     = !can(jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition) && length(data.aws_caller_identity.current) == 0
    error_message = "confused_deputy_protection = false still sets conditions or reads the caller identity."
  }
}

# Every bad input fails its own validation, in one plan.
run "bad_inputs_fail_validation" {
  command = plan

  variables {
    role_name                     = "Media Convert"
    role_description              = "\u201cquoted\u201d"
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
