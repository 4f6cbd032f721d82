data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["mediaconvert.amazonaws.com"]
    }

    dynamic "condition" {
      for_each = var.confused_deputy_protection ? [local.account_id] : []
      iterator = account

      content {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [account.value]
      }
    }

    dynamic "condition" {
      for_each = var.confused_deputy_protection ? [local.trusted_source_arns] : []
      iterator = arns

      content {
        test     = "ArnLike"
        variable = "aws:SourceArn"
        values   = arns.value
      }
    }
  }
}

data "aws_iam_policy_document" "client_side_decryption" {
  dynamic "statement" {
    for_each = length(var.decryption_kms_key_arns) > 0 ? [1] : []

    content {
      actions   = ["kms:Decrypt"]
      resources = var.decryption_kms_key_arns

      condition {
        test     = "StringEquals"
        variable = "kms:EncryptionContext:service"
        values   = ["mediaconvert.amazonaws.com"]
      }
    }
  }
}

data "aws_iam_policy_document" "kantar_secrets" {
  dynamic "statement" {
    for_each = length(var.kantar_secret_arns) > 0 ? [1] : []

    content {
      actions   = ["secretsmanager:GetSecretValue"]
      resources = local.kantar_secrets
    }
  }
}

data "aws_iam_policy_document" "full_access_keys" {
  source_policy_documents = [data.aws_iam_policy_document.client_side_decryption.json]

  dynamic "statement" {
    for_each = length(var.input_kms_key_arns) > 0 ? [1] : []

    content {
      actions   = ["kms:Decrypt"]
      resources = var.input_kms_key_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.output_kms_key_arns) > 0 ? [1] : []

    content {
      actions   = concat(["kms:GenerateDataKey"], var.output_multipart_upload ? ["kms:Decrypt"] : [])
      resources = var.output_kms_key_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.job_encryption_kms_key_arns) > 0 ? [1] : []

    content {
      actions   = ["kms:Encrypt", "kms:GenerateDataKey"]
      resources = var.job_encryption_kms_key_arns
    }
  }
}

data "aws_iam_policy_document" "scoped_access" {
  source_policy_documents = [
    data.aws_iam_policy_document.client_side_decryption.json,
    data.aws_iam_policy_document.kantar_secrets.json,
  ]

  dynamic "statement" {
    for_each = local.locations
    iterator = location

    content {
      actions   = location.value.actions
      resources = [location.value.objects]

      dynamic "condition" {
        for_each = location.value.owners
        iterator = owner

        content {
          test     = "StringEquals"
          variable = "aws:ResourceAccount"
          values   = [owner.value]
        }
      }
    }
  }

  dynamic "statement" {
    for_each = local.locations
    iterator = location

    content {
      actions   = ["s3:ListBucket"]
      resources = ["${local.s3}${location.value.bucket}"]

      dynamic "condition" {
        for_each = location.value.prefix != null ? [location.value.prefix] : []
        iterator = prefix

        content {
          test     = "StringLike"
          variable = "s3:prefix"
          values   = ["${prefix.value}*"]
        }
      }

      dynamic "condition" {
        for_each = location.value.owners
        iterator = owner

        content {
          test     = "StringEquals"
          variable = "aws:ResourceAccount"
          values   = [owner.value]
        }
      }
    }
  }

  dynamic "statement" {
    for_each = local.locations
    iterator = location

    content {
      actions   = ["s3:GetBucketLocation"]
      resources = ["${local.s3}${location.value.bucket}"]

      dynamic "condition" {
        for_each = location.value.owners
        iterator = owner

        content {
          test     = "StringEquals"
          variable = "aws:ResourceAccount"
          values   = [owner.value]
        }
      }
    }
  }

  dynamic "statement" {
    for_each = [for l in var.inputs : l if l.kms_key_arn != null]
    iterator = input

    content {
      actions   = ["kms:Decrypt"]
      resources = [input.value.kms_key_arn]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${split(":", input.value.kms_key_arn)[3]}.amazonaws.com"]
      }
    }
  }

  dynamic "statement" {
    for_each = [for l in var.outputs : l if l.kms_key_arn != null]
    iterator = output

    content {
      actions   = concat(["kms:GenerateDataKey"], var.output_multipart_upload ? ["kms:Decrypt"] : [])
      resources = [output.value.kms_key_arn]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${split(":", output.value.kms_key_arn)[3]}.amazonaws.com"]
      }
    }
  }

  dynamic "statement" {
    for_each = var.job_encryption_kms_key_arns
    iterator = key

    content {
      actions   = ["kms:Encrypt", "kms:GenerateDataKey"]
      resources = [key.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${split(":", key.value)[3]}.amazonaws.com"]
      }
    }
  }

  dynamic "statement" {
    for_each = length(var.speke_api_arns) > 0 ? [1] : []

    content {
      actions   = ["execute-api:Invoke"]
      resources = local.speke_apis
    }
  }
}

data "aws_iam_policy_document" "pass_role" {
  statement {
    actions   = ["iam:PassRole"]
    resources = [local.role_arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["mediaconvert.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "submit_jobs" {
  statement {
    actions   = ["mediaconvert:CreateJob"]
    resources = local.submit_jobs_resources
  }

  statement {
    actions   = ["iam:PassRole"]
    resources = [local.role_arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["mediaconvert.amazonaws.com"]
    }
  }

  dynamic "statement" {
    for_each = local.job_submitters.monitor ? [1] : []

    content {
      actions   = ["mediaconvert:GetJob"]
      resources = ["${local.mediaconvert_arn}:jobs/*"]
    }
  }

  dynamic "statement" {
    for_each = local.job_submitters.monitor ? [1] : []

    content {
      actions   = ["mediaconvert:ListJobs"]
      resources = ["*"]
    }
  }
}
