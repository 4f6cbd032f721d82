locals {
  partition  = data.aws_partition.current.partition
  account_id = var.source_account_id != null ? var.source_account_id : one(data.aws_caller_identity.current[*].account_id)
  full_access_statements = flatten([
    [for k in distinct(var.input_kms_key_arns) : [{ "Effect" = "Allow", "Action" = ["kms:Decrypt"], "Resource" = ["${k}"] }]],
    [for k in distinct(var.output_kms_key_arns) : [[for _ in(var.output_multipart_upload ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["kms:GenerateDataKey"], "Resource" = ["${k}"] }, { "Effect" = "Allow", "Action" = ["kms:Decrypt"], "Resource" = ["${k}"] }]], [for _ in(!var.output_multipart_upload ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["kms:GenerateDataKey"], "Resource" = ["${k}"] }]]]],
    [for k in distinct(var.job_encryption_kms_key_arns) : [{ "Effect" = "Allow", "Action" = ["kms:Encrypt", "kms:GenerateDataKey"], "Resource" = ["${k}"] }]],
  ])
  scoped_access_statements = flatten([
    [for l in distinct(var.inputs) : [[for _ in(!(l.prefix != null) && !(l.kms_key_arn != null) ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:GetObject"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }]], [for _ in(l.prefix != null && !(l.kms_key_arn != null) ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:GetObject"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/${l.prefix}*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"], "Condition" = { "StringLike" = { "s3:prefix" = ["${l.prefix}*"] } } }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }]], [for _ in(!(l.prefix != null) && l.kms_key_arn != null ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:GetObject"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["kms:Decrypt"], "Resource" = ["${l.kms_key_arn}"], "Condition" = { "StringEquals" = { "kms:ViaService" = "s3.${element(split(":", l.kms_key_arn), 3)}.amazonaws.com" } } }]], [for _ in(l.prefix != null && l.kms_key_arn != null ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:GetObject"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/${l.prefix}*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"], "Condition" = { "StringLike" = { "s3:prefix" = ["${l.prefix}*"] } } }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["kms:Decrypt"], "Resource" = ["${l.kms_key_arn}"], "Condition" = { "StringEquals" = { "kms:ViaService" = "s3.${element(split(":", l.kms_key_arn), 3)}.amazonaws.com" } } }]]]],
    [for l in distinct(var.outputs) : [[for _ in(!(l.prefix != null) && !(l.kms_key_arn != null) && !(l.allow_acl) && !(var.output_multipart_upload) ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }]], [for _ in(l.prefix != null && !(l.kms_key_arn != null) && !(l.allow_acl) && !(var.output_multipart_upload) ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/${l.prefix}*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"], "Condition" = { "StringLike" = { "s3:prefix" = ["${l.prefix}*"] } } }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }]], [for _ in(!(l.prefix != null) && l.kms_key_arn != null && !(l.allow_acl) && !(var.output_multipart_upload) ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["kms:GenerateDataKey"], "Resource" = ["${l.kms_key_arn}"], "Condition" = { "StringEquals" = { "kms:ViaService" = "s3.${element(split(":", l.kms_key_arn), 3)}.amazonaws.com" } } }]], [for _ in(l.prefix != null && l.kms_key_arn != null && !(l.allow_acl) && !(var.output_multipart_upload) ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/${l.prefix}*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"], "Condition" = { "StringLike" = { "s3:prefix" = ["${l.prefix}*"] } } }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["kms:GenerateDataKey"], "Resource" = ["${l.kms_key_arn}"], "Condition" = { "StringEquals" = { "kms:ViaService" = "s3.${element(split(":", l.kms_key_arn), 3)}.amazonaws.com" } } }]], [for _ in(!(l.prefix != null) && !(l.kms_key_arn != null) && l.allow_acl && !(var.output_multipart_upload) ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject", "s3:PutObjectAcl"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }]], [for _ in(l.prefix != null && !(l.kms_key_arn != null) && l.allow_acl && !(var.output_multipart_upload) ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject", "s3:PutObjectAcl"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/${l.prefix}*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"], "Condition" = { "StringLike" = { "s3:prefix" = ["${l.prefix}*"] } } }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }]], [for _ in(!(l.prefix != null) && l.kms_key_arn != null && l.allow_acl && !(var.output_multipart_upload) ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject", "s3:PutObjectAcl"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["kms:GenerateDataKey"], "Resource" = ["${l.kms_key_arn}"], "Condition" = { "StringEquals" = { "kms:ViaService" = "s3.${element(split(":", l.kms_key_arn), 3)}.amazonaws.com" } } }]], [for _ in(l.prefix != null && l.kms_key_arn != null && l.allow_acl && !(var.output_multipart_upload) ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject", "s3:PutObjectAcl"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/${l.prefix}*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"], "Condition" = { "StringLike" = { "s3:prefix" = ["${l.prefix}*"] } } }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["kms:GenerateDataKey"], "Resource" = ["${l.kms_key_arn}"], "Condition" = { "StringEquals" = { "kms:ViaService" = "s3.${element(split(":", l.kms_key_arn), 3)}.amazonaws.com" } } }]], [for _ in(!(l.prefix != null) && !(l.kms_key_arn != null) && !(l.allow_acl) && var.output_multipart_upload ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }]], [for _ in(l.prefix != null && !(l.kms_key_arn != null) && !(l.allow_acl) && var.output_multipart_upload ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/${l.prefix}*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"], "Condition" = { "StringLike" = { "s3:prefix" = ["${l.prefix}*"] } } }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }]], [for _ in(!(l.prefix != null) && l.kms_key_arn != null && !(l.allow_acl) && var.output_multipart_upload ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["kms:GenerateDataKey", "kms:Decrypt"], "Resource" = ["${l.kms_key_arn}"], "Condition" = { "StringEquals" = { "kms:ViaService" = "s3.${element(split(":", l.kms_key_arn), 3)}.amazonaws.com" } } }]], [for _ in(l.prefix != null && l.kms_key_arn != null && !(l.allow_acl) && var.output_multipart_upload ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/${l.prefix}*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"], "Condition" = { "StringLike" = { "s3:prefix" = ["${l.prefix}*"] } } }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["kms:GenerateDataKey", "kms:Decrypt"], "Resource" = ["${l.kms_key_arn}"], "Condition" = { "StringEquals" = { "kms:ViaService" = "s3.${element(split(":", l.kms_key_arn), 3)}.amazonaws.com" } } }]], [for _ in(!(l.prefix != null) && !(l.kms_key_arn != null) && l.allow_acl && var.output_multipart_upload ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject", "s3:PutObjectAcl"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }]], [for _ in(l.prefix != null && !(l.kms_key_arn != null) && l.allow_acl && var.output_multipart_upload ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject", "s3:PutObjectAcl"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/${l.prefix}*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"], "Condition" = { "StringLike" = { "s3:prefix" = ["${l.prefix}*"] } } }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }]], [for _ in(!(l.prefix != null) && l.kms_key_arn != null && l.allow_acl && var.output_multipart_upload ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject", "s3:PutObjectAcl"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["kms:GenerateDataKey", "kms:Decrypt"], "Resource" = ["${l.kms_key_arn}"], "Condition" = { "StringEquals" = { "kms:ViaService" = "s3.${element(split(":", l.kms_key_arn), 3)}.amazonaws.com" } } }]], [for _ in(l.prefix != null && l.kms_key_arn != null && l.allow_acl && var.output_multipart_upload ? [1] : []) : [{ "Effect" = "Allow", "Action" = ["s3:PutObject", "s3:PutObjectAcl"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}/${l.prefix}*"] }, { "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"], "Condition" = { "StringLike" = { "s3:prefix" = ["${l.prefix}*"] } } }, { "Effect" = "Allow", "Action" = ["s3:GetBucketLocation"], "Resource" = ["arn:${local.partition}:s3:::${l.bucket}"] }, { "Effect" = "Allow", "Action" = ["kms:GenerateDataKey", "kms:Decrypt"], "Resource" = ["${l.kms_key_arn}"], "Condition" = { "StringEquals" = { "kms:ViaService" = "s3.${element(split(":", l.kms_key_arn), 3)}.amazonaws.com" } } }]]]],
    [for k in distinct(var.job_encryption_kms_key_arns) : [{ "Effect" = "Allow", "Action" = ["kms:Encrypt", "kms:GenerateDataKey"], "Resource" = ["${k}"], "Condition" = { "StringEquals" = { "kms:ViaService" = "s3.${element(split(":", k), 3)}.amazonaws.com" } } }]],
    [for a in distinct(var.speke_api_arns) : [{ "Effect" = "Allow", "Action" = ["execute-api:Invoke"], "Resource" = ["${can(regex(":[a-z0-9]{10}$", a)) ? "${a}/*" : a}"] }]],
    [for a in distinct(var.kantar_secret_arns) : [{ "Effect" = "Allow", "Action" = ["secretsmanager:GetSecretValue"], "Resource" = ["${can(regex("-[A-Za-z0-9]{6}$", a)) ? a : "${a}-??????"}"] }]],
  ])
}

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {
  count = var.confused_deputy_protection && var.source_account_id == null ? 1 : 0
}

resource "aws_iam_role" "this" {
  assume_role_policy   = var.confused_deputy_protection ? (length(var.trusted_queue_arns) > 0 ? jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "mediaconvert.amazonaws.com" }, "Action" = ["sts:AssumeRole"], "Condition" = { "ArnLike" = { "aws:SourceArn" = sort(distinct(var.trusted_queue_arns)) }, "StringEquals" = { "aws:SourceAccount" = "${local.account_id}" } } }] }) : jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "mediaconvert.amazonaws.com" }, "Action" = ["sts:AssumeRole"], "Condition" = { "ArnLike" = { "aws:SourceArn" = "arn:${local.partition}:mediaconvert:*:${local.account_id}:*" }, "StringEquals" = { "aws:SourceAccount" = "${local.account_id}" } } }] })) : jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "mediaconvert.amazonaws.com" }, "Action" = ["sts:AssumeRole"] }] })
  description          = var.role_description
  max_session_duration = var.max_session_duration
  name                 = var.role_name
  path                 = var.role_path
  permissions_boundary = var.role_permissions_boundary_arn
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "this_s3_full_access" {
  count = var.access == "full" && var.attach_s3_full_access != false ? 1 : 0

  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonS3FullAccess"
  role       = aws_iam_role.this.name
}

resource "aws_iam_role_policy_attachment" "this_api_gateway_invoke_full_access" {
  count = var.access == "full" && var.attach_api_gateway_invoke_full_access != false ? 1 : 0

  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess"
  role       = aws_iam_role.this.name
}

resource "aws_iam_role_policy" "this_kms" {
  count = var.access == "full" && length(local.full_access_statements) > 0 ? 1 : 0

  name   = "kms-sse-keys"
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = local.full_access_statements })
  role   = aws_iam_role.this.name
}

resource "aws_iam_role_policy" "this_scoped" {
  count = var.access == "scoped" && length(local.scoped_access_statements) > 0 ? 1 : 0

  name   = "mediaconvert-scoped-access"
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = local.scoped_access_statements })
  role   = aws_iam_role.this.name
}

resource "aws_iam_role_policy_attachments_exclusive" "this_attachments_exclusive" {
  count = var.exclusive_policy_management ? 1 : 0

  role_name = aws_iam_role.this.name
  policy_arns = concat(
    aws_iam_role_policy_attachment.this_s3_full_access[*].policy_arn,
    aws_iam_role_policy_attachment.this_api_gateway_invoke_full_access[*].policy_arn,
  )
}

resource "aws_iam_role_policies_exclusive" "this_policies_exclusive" {
  count = var.exclusive_policy_management ? 1 : 0

  role_name    = aws_iam_role.this.name
  policy_names = concat(aws_iam_role_policy.this_kms[*].name, aws_iam_role_policy.this_scoped[*].name)
}

resource "aws_iam_policy" "this_pass_role" {
  count = var.create_pass_role_policy ? 1 : 0

  name        = "${var.role_name}-pass-role"
  description = "Lets the identities it is attached to pass the MediaConvert role ${var.role_name} to MediaConvert, and to nothing else."
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Effect"    = "Allow"
        "Action"    = ["iam:PassRole"]
        "Resource"  = ["${aws_iam_role.this.arn}"]
        "Condition" = { "StringEquals" = { "iam:PassedToService" = "mediaconvert.amazonaws.com" } }
      },
    ]
  })
}
