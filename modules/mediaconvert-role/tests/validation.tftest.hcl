# terraform test: bad inputs fail their own validation (mock provider: no documents are read).

mock_provider "aws" {
  override_during = plan

  # A policy document the mock makes up must still be JSON: the role's arguments are validated.
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
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
