locals {
  partition         = data.aws_partition.current.partition
  region            = data.aws_region.current.name
  caller_account_id = join("", data.aws_caller_identity.current[*].account_id)
  role_arn          = "arn:${local.partition}:iam::${local.caller_account_id}:role${var.role_path}${var.role_name}"
  account_id        = var.source_account_id != null ? var.source_account_id : local.caller_account_id
  names_account = (
    var.confused_deputy_protection ||
    var.access == "scoped" ||
    var.create_pass_role_policy ||
    var.job_submitters != null ||
    local.full_access_key_count > 0
  )
  trusted_source_arns  = length(var.trusted_queue_arns) > 0 ? var.trusted_queue_arns : [local.any_mediaconvert_arn]
  any_mediaconvert_arn = "arn:${local.partition}:mediaconvert:*:${local.account_id}:*"
  s3                   = "arn:${local.partition}:s3:::"
  locations = concat(
    [
      for l in var.inputs :
      {
        bucket  = l.bucket
        prefix  = l.prefix
        objects = "${local.s3}${l.bucket}/${l.prefix != null ? l.prefix : ""}*"
        actions = ["s3:GetObject"]
        owners  = l.bucket_owner == "any" ? [] : [l.bucket_owner != null ? l.bucket_owner : local.account_id]
      }
    ],
    [
      for l in var.outputs :
      {
        bucket  = l.bucket
        prefix  = l.prefix
        objects = "${local.s3}${l.bucket}/${l.prefix != null ? l.prefix : ""}*"
        actions = concat(["s3:PutObject"], l.allow_acl ? ["s3:PutObjectAcl"] : [])
        owners  = l.bucket_owner == "any" ? [] : [l.bucket_owner != null ? l.bucket_owner : local.account_id]
      }
    ],
  )
  sse_input_keys  = var.access == "scoped" ? compact(var.inputs[*].kms_key_arn) : var.input_kms_key_arns
  sse_output_keys = var.access == "scoped" ? compact(var.outputs[*].kms_key_arn) : var.output_kms_key_arns
  key_uses = concat(
    [
      for k in local.sse_input_keys :
      {
        key       = k
        actions   = ["kms:Decrypt"]
        condition = { StringEquals = { "kms:ViaService" = "s3.${split(":", k)[3]}.amazonaws.com" } }
      }
    ],
    [
      for k in local.sse_output_keys :
      {
        key       = k
        actions   = concat(["kms:GenerateDataKey"], var.output_multipart_upload ? ["kms:Decrypt"] : [])
        condition = { StringEquals = { "kms:ViaService" = "s3.${split(":", k)[3]}.amazonaws.com" } }
      }
    ],
    [
      for k in var.job_encryption_kms_key_arns :
      {
        key       = k
        actions   = ["kms:Encrypt", "kms:GenerateDataKey"]
        condition = { StringEquals = { "kms:ViaService" = "s3.${split(":", k)[3]}.amazonaws.com" } }
      }
    ],
    [
      for k in var.decryption_kms_key_arns :
      {
        key       = k
        actions   = ["kms:Decrypt"]
        condition = { StringEquals = { "kms:EncryptionContext:service" = "mediaconvert.amazonaws.com" } }
      }
    ],
  )
  kantar_secrets = [for a in var.kantar_secret_arns : can(regex("-[A-Za-z0-9]{6}$", a)) ? a : "${a}-??????"]
  speke_apis     = [for a in var.speke_api_arns : can(regex(":[a-z0-9]{10}$", a)) ? "${a}/*" : a]
  role_principal = { Effect = "Allow", Principal = { AWS = local.role_arn } }
  bucket_statements = concat(
    [for l in local.locations : { bucket = l.bucket, statement = { Action = l.actions, Resource = l.objects } }],
    [
      for l in local.locations :
      {
        bucket = l.bucket
        statement = {
          Action    = ["s3:ListBucket"]
          Resource  = "${local.s3}${l.bucket}"
          Condition = { StringLike = { "s3:prefix" = ["${l.prefix}*"] } }
        }
      }
      if l.prefix != null
    ],
    [
      for l in local.locations :
      { bucket = l.bucket, statement = { Action = ["s3:ListBucket"], Resource = "${local.s3}${l.bucket}" } }
      if l.prefix == null
    ],
    [
      for l in local.locations :
      { bucket = l.bucket, statement = { Action = ["s3:GetBucketLocation"], Resource = "${local.s3}${l.bucket}" } }
    ],
  )
  bucket_policy_statements = {
    for bucket in distinct(local.bucket_statements[*].bucket) :
    bucket => jsonencode({
      Version   = "2012-10-17"
      Statement = [for s in local.bucket_statements : merge(local.role_principal, s.statement) if s.bucket == bucket]
    })
  }
  key_policy_statements = {
    for key in distinct(local.key_uses[*].key) :
    key => jsonencode({
      Version = "2012-10-17"
      Statement = [
        for u in local.key_uses :
        merge(local.role_principal, { Action = u.actions, Resource = "*", Condition = u.condition })
        if u.key == key
      ]
    })
  }
  job_submitters = var.job_submitters != null ? var.job_submitters : local.no_job_submitters
  no_job_submitters = {
    roles         = []
    users         = []
    groups        = []
    queues        = []
    job_templates = []
    presets       = []
    monitor       = false
  }
  mediaconvert_arn = "arn:${local.partition}:mediaconvert:${local.region}:${local.account_id}"
  full_access_key_count = length(
    concat(
      var.input_kms_key_arns,
      var.output_kms_key_arns,
      var.job_encryption_kms_key_arns,
      var.decryption_kms_key_arns,
    ),
  )
  submit_jobs_resources = concat(
    [
      for n in(length(local.job_submitters.queues) > 0 ? local.job_submitters.queues : ["*"]) :
      startswith(n, "arn:") ? n : "${local.mediaconvert_arn}:queues/${n}"
    ],
    [
      for n in(length(local.job_submitters.job_templates) > 0 ? local.job_submitters.job_templates : ["*"]) :
      startswith(n, "arn:") ? n : "${local.mediaconvert_arn}:jobTemplates/${n}"
    ],
    [
      for n in(length(local.job_submitters.presets) > 0 ? local.job_submitters.presets : ["*"]) :
      startswith(n, "arn:") ? n : "${local.mediaconvert_arn}:presets/${n}"
    ],
  )
  regex_pieces = {
    account_id   = ["^\\d{12}$"]
    bucket_owner = ["^(?:\\d{12}|any)$"]
    bucket       = ["^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"]
    ip_address   = ["^\\d{1,3}(?:\\.\\d{1,3}){3}$"]
    kms_key_arn = [
      "^arn:(?:aws:kms:(?:[abd-z][a-z]|c[a-mo-z])",
      "-[a-z]+-\\d{1,2}|aws-cn:kms:cn-[a-z]+-\\d{1,2}|",
      "aws-us-gov:kms:us-gov-[a-z]+-\\d{1,2}):\\d{12}:key\\/(?:[0-9a-f]{8}",
      "-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|",
      "mrk-[0-9a-f]{32})$",
    ]
    speke_api_arn = [
      "^arn:(?:aws:execute-api:(?:[abd-z][a-z]|",
      "c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:execute-api:cn-[a-z]+-\\d{1,2}|",
      "aws-us-gov:execute-api:us-gov-[a-z]+-\\d{1,2})",
      ":\\d{12}:[a-z0-9]{10}(?:\\/[\\x21-\\x7e]*)?$",
    ]
    kantar_secret_arn = [
      "^arn:(?:aws:secretsmanager:(?:[abd-z][a-z]|",
      "c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:secretsmanager:cn-[a-z]+-\\d{1,2",
      "}|aws-us-gov:secretsmanager:us-gov-[a-z]+-\\d{1,2})",
      ":\\d{12}:secret:[A-Za-z0-9/_+=.@-]+$",
    ]
    queue_arn = [
      "^arn:(?:aws:mediaconvert:(?:[abd-z][a-z]|",
      "c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:mediaconvert:cn-[a-z]+-\\d{1,2}|",
      "aws-us-gov:mediaconvert:us-gov-[a-z]+-\\d{1,2})",
      ":\\d{12}:queues\\/[A-Za-z0-9_-]+$",
    ]
    policy_arn = [
      "^arn:(?:aws:iam:|aws-cn:iam:|aws-us-gov:iam:)",
      ":(?:\\d{12}|aws):policy\\/(?:[\\x21-\\x7e]*\\/)",
      "?[A-Za-z0-9_+=,.@-]{1,128}$",
    ]
    path              = ["^(?:\\/|\\/[\\x21-\\x7e]+\\/)$"]
    prefix_characters = ["^[\\x{20}-\\x{29}\\x{2B}-\\x{3E}\\x{40}-\\x{7E}\\x{A1}-\\x{FF}]*$"]
    identity_name     = ["^[A-Za-z0-9_+=,.@-]{1,128}$"]
    tag_key           = ["^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$"]
    tag_value         = ["^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$"]
    queue_name_or_arn = [
      "^(?:[A-Za-z0-9_-]{1,128}|arn:(?:aws:mediaconvert:(?:[abd-z][a-z]",
      "|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:mediaconvert:cn-[a-z]+-\\d{1,2}",
      "|aws-us-gov:mediaconvert:us-gov-[a-z]+-\\d{1,2})",
      ":\\d{12}:queues\\/[A-Za-z0-9_-]{1,128})$",
    ]
    job_template_name_or_arn = [
      "^(?:[A-Za-z0-9 _.+=,@-]{1,128}|arn:(?:aws:mediaconvert:(?:[abd-z",
      "][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:mediaconvert:cn-[a-z]+-\\",
      "d{1,2}|aws-us-gov:mediaconvert:us-gov-[a-z]+-\\d{1,2})",
      ":\\d{12}:jobTemplates\\/[A-Za-z0-9 _.+=,@-]{1,128})",
      "$",
    ]
    preset_name_or_arn = [
      "^(?:[A-Za-z0-9 _.+=,@-]{1,128}|arn:(?:aws:mediaconvert:(?:[abd-z",
      "][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:mediaconvert:cn-[a-z]+-\\",
      "d{1,2}|aws-us-gov:mediaconvert:us-gov-[a-z]+-\\d{1,2})",
      ":\\d{12}:presets\\/[A-Za-z0-9 _.+=,@-]{1,128})",
      "$",
    ]
  }
  regex                    = { for name, pieces in local.regex_pieces : name => join("", pieces) }
  reserved_bucket_prefixes = ["xn--", "sthree-", "amzn-s3-demo-"]
  reserved_bucket_suffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]
  json_escapes = {
    "\u0000" = "\\u0000"
    "\u0001" = "\\u0001"
    "\u0002" = "\\u0002"
    "\u0003" = "\\u0003"
    "\u0004" = "\\u0004"
    "\u0005" = "\\u0005"
    "\u0006" = "\\u0006"
    "\u0007" = "\\u0007"
    "\u0008" = "\\b"
    "\u0009" = "\\t"
    "\u000a" = "\\n"
    "\u000b" = "\\u000b"
    "\u000c" = "\\f"
    "\u000d" = "\\r"
    "\u000e" = "\\u000e"
    "\u000f" = "\\u000f"
    "\u0010" = "\\u0010"
    "\u0011" = "\\u0011"
    "\u0012" = "\\u0012"
    "\u0013" = "\\u0013"
    "\u0014" = "\\u0014"
    "\u0015" = "\\u0015"
    "\u0016" = "\\u0016"
    "\u0017" = "\\u0017"
    "\u0018" = "\\u0018"
    "\u0019" = "\\u0019"
    "\u001a" = "\\u001a"
    "\u001b" = "\\u001b"
    "\u001c" = "\\u001c"
    "\u001d" = "\\u001d"
    "\u001e" = "\\u001e"
    "\u001f" = "\\u001f"
    "\""     = "\\\""
    "\\"     = "\\\\"
    "\u007f" = "\\u007f"
    "\u0080" = "\\u0080"
    "\u0081" = "\\u0081"
    "\u0082" = "\\u0082"
    "\u0083" = "\\u0083"
    "\u0084" = "\\u0084"
    "\u0085" = "\\u0085"
    "\u0086" = "\\u0086"
    "\u0087" = "\\u0087"
    "\u0088" = "\\u0088"
    "\u0089" = "\\u0089"
    "\u008a" = "\\u008a"
    "\u008b" = "\\u008b"
    "\u008c" = "\\u008c"
    "\u008d" = "\\u008d"
    "\u008e" = "\\u008e"
    "\u008f" = "\\u008f"
    "\u0090" = "\\u0090"
    "\u0091" = "\\u0091"
    "\u0092" = "\\u0092"
    "\u0093" = "\\u0093"
    "\u0094" = "\\u0094"
    "\u0095" = "\\u0095"
    "\u0096" = "\\u0096"
    "\u0097" = "\\u0097"
    "\u0098" = "\\u0098"
    "\u0099" = "\\u0099"
    "\u009a" = "\\u009a"
    "\u009b" = "\\u009b"
    "\u009c" = "\\u009c"
    "\u009d" = "\\u009d"
    "\u009e" = "\\u009e"
    "\u009f" = "\\u009f"
    "\u00a0" = "\\u00a0"
  }
  base64_digits = split("", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {
  count = local.names_account ? 1 : 0
}

resource "aws_iam_role" "this" {
  assume_role_policy   = data.aws_iam_policy_document.trust.json
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

resource "aws_iam_role_policy_attachment" "this_submit_jobs_role" {
  count = length(local.job_submitters.roles)

  role       = local.job_submitters.roles[count.index]
  policy_arn = aws_iam_policy.this_submit_jobs[0].arn
}

resource "aws_iam_user_policy_attachment" "this_submit_jobs_user" {
  count = length(local.job_submitters.users)

  user       = local.job_submitters.users[count.index]
  policy_arn = aws_iam_policy.this_submit_jobs[0].arn
}

resource "aws_iam_group_policy_attachment" "this_submit_jobs_group" {
  count = length(local.job_submitters.groups)

  group      = local.job_submitters.groups[count.index]
  policy_arn = aws_iam_policy.this_submit_jobs[0].arn
}

resource "aws_iam_role_policy" "this_kms" {
  count = var.access == "full" && local.full_access_key_count > 0 ? 1 : 0

  name   = "kms-sse-keys"
  policy = data.aws_iam_policy_document.full_access_keys.json
  role   = aws_iam_role.this.name
}

resource "aws_iam_role_policy" "this_secrets" {
  count = var.access == "full" && length(var.kantar_secret_arns) > 0 ? 1 : 0

  name   = "kantar-secrets"
  policy = data.aws_iam_policy_document.kantar_secrets.json
  role   = aws_iam_role.this.name
}

resource "aws_iam_role_policy" "this_scoped" {
  count = var.access == "scoped" && length(var.inputs) + length(var.outputs) > 0 ? 1 : 0

  name   = "mediaconvert-scoped-access"
  policy = data.aws_iam_policy_document.scoped_access.json
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

  role_name = aws_iam_role.this.name
  policy_names = concat(
    aws_iam_role_policy.this_kms[*].name,
    aws_iam_role_policy.this_secrets[*].name,
    aws_iam_role_policy.this_scoped[*].name,
  )
}

resource "aws_iam_policy" "this_pass_role" {
  count = var.create_pass_role_policy ? 1 : 0

  name        = "${var.role_name}-pass-role"
  description = "Lets the identities it is attached to pass the MediaConvert role ${var.role_name} to MediaConvert, and to nothing else."
  policy      = data.aws_iam_policy_document.pass_role.json
}

resource "aws_iam_policy" "this_submit_jobs" {
  count = var.job_submitters != null ? 1 : 0

  name        = "${var.role_name}-submit-jobs"
  description = "Lets the identities it is attached to submit MediaConvert jobs that run as the role ${var.role_name}."
  policy      = data.aws_iam_policy_document.submit_jobs.json
}
