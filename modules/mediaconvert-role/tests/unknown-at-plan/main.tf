terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

resource "aws_kms_key" "media" {}

resource "aws_s3_bucket" "media" {
  bucket_prefix = "media-"
}

resource "aws_secretsmanager_secret" "kantar" {
  name_prefix = "kantar-"
}

resource "aws_media_convert_queue" "jobs" {
  name = "jobs"
}

resource "aws_organizations_account" "media" {
  name  = "media"
  email = "media@example.com"
}

resource "aws_api_gateway_rest_api" "speke" {
  name = "speke"
}

resource "aws_iam_policy" "boundary" {
  name_prefix = "boundary-"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
}

resource "aws_iam_role" "pipeline" {
  name_prefix        = "pipeline-"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

module "full" {
  source = "../.."

  source_account_id             = aws_organizations_account.media.id
  trusted_queue_arns            = [aws_media_convert_queue.jobs.arn]
  job_encryption_kms_key_arns   = [aws_kms_key.media.arn]
  decryption_kms_key_arns       = [aws_kms_key.media.arn]
  kantar_secret_arns            = [aws_secretsmanager_secret.kantar.arn]
  role_permissions_boundary_arn = aws_iam_policy.boundary.arn
  job_submitters = {
    roles  = [aws_iam_role.pipeline.name]
    queues = [aws_media_convert_queue.jobs.arn]
  }
  role_name           = "MediaConvert_Full"
  input_kms_key_arns  = [aws_kms_key.media.arn]
  output_kms_key_arns = [aws_kms_key.media.arn]
}

module "scoped" {
  source = "../.."

  source_account_id             = aws_organizations_account.media.id
  trusted_queue_arns            = [aws_media_convert_queue.jobs.arn]
  job_encryption_kms_key_arns   = [aws_kms_key.media.arn]
  decryption_kms_key_arns       = [aws_kms_key.media.arn]
  kantar_secret_arns            = [aws_secretsmanager_secret.kantar.arn]
  role_permissions_boundary_arn = aws_iam_policy.boundary.arn
  job_submitters = {
    roles  = [aws_iam_role.pipeline.name]
    queues = [aws_media_convert_queue.jobs.arn]
  }
  role_name = "MediaConvert_Scoped"
  access    = "scoped"
  inputs = [
    {
      bucket       = aws_s3_bucket.media.id
      prefix       = "${aws_s3_bucket.media.id}/in/"
      kms_key_arn  = aws_kms_key.media.arn
      bucket_owner = aws_organizations_account.media.id
    },
  ]
  outputs = [
    {
      bucket      = aws_s3_bucket.media.id
      prefix      = "${aws_s3_bucket.media.id}/out/"
      kms_key_arn = aws_kms_key.media.arn
      allow_acl   = true
    },
  ]
  speke_api_arns = [aws_api_gateway_rest_api.speke.execution_arn]
}

output "role_names" {
  value = [module.full.role_name, module.scoped.role_name]
}

output "resource_policies" {
  value = [module.scoped.bucket_policy_statements, module.scoped.key_policy_statements]
}
