# terraform test: plans each root in examples/ with a mock AWS provider (the test's provider
# replaces the example's own), so the examples stay valid calls of the module.

mock_provider "aws" {
  override_during = plan

  # A policy document the mock makes up must still be JSON: the role's arguments are validated.
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }

  override_data {
    target = module.mediaconvert_role.data.aws_region.current
    values = { name = "eu-west-1" }
  }
  override_data {
    target = module.mediaconvert_role.data.aws_partition.current
    values = { partition = "aws" }
  }
}

override_resource {
  target          = module.mediaconvert_role.aws_iam_role.this
  override_during = plan
  values          = { arn = "arn:aws:iam::111122223333:role/example" }
}

run "example_console" {
  command = plan

  module {
    source = "./examples/console"
  }

  assert {
    condition     = output.role_arn == "arn:aws:iam::111122223333:role/example"
    error_message = "The example does not pass on the role's ARN."
  }
}

run "example_sse_kms" {
  command = plan

  module {
    source = "./examples/sse-kms"
  }

  assert {
    condition     = output.role_arn == "arn:aws:iam::111122223333:role/example"
    error_message = "The example does not pass on the role's ARN."
  }
}

run "example_scoped" {
  command = plan

  module {
    source = "./examples/scoped"
  }

  assert {
    condition     = output.role_arn == "arn:aws:iam::111122223333:role/example"
    error_message = "The example does not pass on the role's ARN."
  }
}

run "example_job_submitters" {
  command = plan

  module {
    source = "./examples/job-submitters"
  }

  assert {
    condition     = output.role_arn == "arn:aws:iam::111122223333:role/example"
    error_message = "The example does not pass on the role's ARN."
  }
}
