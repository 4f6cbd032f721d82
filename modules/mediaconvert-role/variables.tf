variable "role_name" {
  type        = string
  description = "Name of the IAM role, unique per account, case-insensitively. IAM role names use only letters, digits and + = , . @ - _ (1 to 64 characters). Cannot be changed later: Terraform replaces the role."
  default     = "MediaConvert_Default_Role"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_+=,.@-]{1,64}$", var.role_name))
    error_message = "Role name \"${var.role_name}\" is not valid: IAM role names use only letters, digits and + = , . @ - _ (1 to 64 characters)."
  }
}

variable "role_description" {
  type        = string
  description = "Description of the IAM role. IAM role descriptions are at most 1000 characters of tab, line breaks and printable Latin-1 characters (U+0020 to U+007E, U+00A1 to U+00FF). Null for none."
  default     = null
  nullable    = true

  validation {
    condition     = var.role_description == null || can(regex("^[\\t\\n\\r\\x{20}-\\x{7E}\\x{A1}-\\x{FF}]{0,1000}$", var.role_description))
    error_message = "Description \"${var.role_description == null ? "" : var.role_description}\" is not valid: IAM role descriptions are at most 1000 characters of tab, line breaks and printable Latin-1 characters (U+0020 to U+007E, U+00A1 to U+00FF)."
  }
}

variable "access" {
  type        = string
  description = "`\"full\"`: the console's role (AWS managed full-access policies). `\"scoped\"`: only what `inputs`, `outputs`, `speke_api_arns` and `kantar_secret_arns` declare, in one inline policy, no managed policies."
  default     = "full"
  nullable    = false

  validation {
    condition     = contains(["full", "scoped"], var.access)
    error_message = "Access \"${var.access}\" is not valid: access is \"full\" or \"scoped\". Use one of them."
  }
}

variable "attach_s3_full_access" {
  type        = bool
  description = "Attach the AWS managed policy `AmazonS3FullAccess`, as the MediaConvert console does (full access only). Null means true with full access."
  default     = null
  nullable    = true

  validation {
    condition     = var.access == "full" || var.attach_s3_full_access != true
    error_message = "attach_s3_full_access cannot be used with access \"scoped\": scoped roles get no managed full-access policies. Remove it; list the buckets in inputs and outputs."
  }
}

variable "attach_api_gateway_invoke_full_access" {
  type        = bool
  description = "Attach the AWS managed policy `AmazonAPIGatewayInvokeFullAccess`, as the MediaConvert console does (SPEKE DRM, Nielsen watermarking; full access only). Null means true with full access."
  default     = null
  nullable    = true

  validation {
    condition     = var.access == "full" || var.attach_api_gateway_invoke_full_access != true
    error_message = "attach_api_gateway_invoke_full_access cannot be used with access \"scoped\": scoped roles get no managed full-access policies. Remove it; list the SPEKE APIs in speke_api_arns."
  }
}

variable "input_kms_key_arns" {
  type        = list(string)
  description = "KMS key ARNs of SSE-KMS input buckets: `kms:Decrypt` on them. Key ARNs, not alias ARNs. Full access only (scoped roles take `inputs`[].`kms_key_arn`)."
  default     = []
  nullable    = false

  validation {
    condition     = length([for a in var.input_kms_key_arns : a if can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a))]) == 0
    error_message = "KMS key ARN ${jsonencode([for a in var.input_kms_key_arns : a if can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a))])} is an alias ARN: IAM does not grant use of a KMS key through its alias ARN (aliases only match through the kms:ResourceAliases condition key). Give the key ARN instead (arn:<partition>:kms:<region>:<account>:key/<key id>); \"aws kms describe-key --key-id <alias ARN>\" prints it."
  }

  validation {
    condition     = length([for a in var.input_kms_key_arns : a if !can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a)) && !can(regex("^arn:(?:aws:kms:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:kms:cn-[a-z]+-\\d{1,2}|aws-us-gov:kms:us-gov-[a-z]+-\\d{1,2}):\\d{12}:key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", a))]) == 0
    error_message = "KMS key ARN ${jsonencode([for a in var.input_kms_key_arns : a if !can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a)) && !can(regex("^arn:(?:aws:kms:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:kms:cn-[a-z]+-\\d{1,2}|aws-us-gov:kms:us-gov-[a-z]+-\\d{1,2}):\\d{12}:key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", a))])} is not valid: a KMS key ARN has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>."
  }

  validation {
    condition     = var.access == "full" || length(var.input_kms_key_arns) == 0
    error_message = "input_kms_key_arns cannot be used with access \"scoped\": scoped roles take each bucket's key with its location. Give each location's key as kms_key_arn in inputs and outputs."
  }
}

variable "output_kms_key_arns" {
  type        = list(string)
  description = "KMS key ARNs of SSE-KMS output buckets: `kms:GenerateDataKey` on them; a key in both lists gets both. Key ARNs, not alias ARNs. Full access only (scoped roles take `outputs`[].`kms_key_arn`)."
  default     = []
  nullable    = false

  validation {
    condition     = length([for a in var.output_kms_key_arns : a if can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a))]) == 0
    error_message = "KMS key ARN ${jsonencode([for a in var.output_kms_key_arns : a if can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a))])} is an alias ARN: IAM does not grant use of a KMS key through its alias ARN (aliases only match through the kms:ResourceAliases condition key). Give the key ARN instead (arn:<partition>:kms:<region>:<account>:key/<key id>); \"aws kms describe-key --key-id <alias ARN>\" prints it."
  }

  validation {
    condition     = length([for a in var.output_kms_key_arns : a if !can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a)) && !can(regex("^arn:(?:aws:kms:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:kms:cn-[a-z]+-\\d{1,2}|aws-us-gov:kms:us-gov-[a-z]+-\\d{1,2}):\\d{12}:key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", a))]) == 0
    error_message = "KMS key ARN ${jsonencode([for a in var.output_kms_key_arns : a if !can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a)) && !can(regex("^arn:(?:aws:kms:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:kms:cn-[a-z]+-\\d{1,2}|aws-us-gov:kms:us-gov-[a-z]+-\\d{1,2}):\\d{12}:key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", a))])} is not valid: a KMS key ARN has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>."
  }

  validation {
    condition     = var.access == "full" || length(var.output_kms_key_arns) == 0
    error_message = "output_kms_key_arns cannot be used with access \"scoped\": scoped roles take each bucket's key with its location. Give each location's key as kms_key_arn in inputs and outputs."
  }
}

variable "inputs" {
  type        = list(object({ bucket = string, prefix = optional(string), kms_key_arn = optional(string) }))
  description = "Scoped access: where MediaConvert reads, as `bucket`, optional `prefix` and `kms_key_arn`. `s3:GetObject` on `bucket/prefix*`, `s3:ListBucket` on the bucket (limited to the prefix), `s3:GetBucketLocation`, `kms:Decrypt` through S3 on the key."
  default     = []
  nullable    = false

  validation {
    condition     = length([for a in [for l in var.inputs : l.bucket] : a if !can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", a)) || strcontains(a, "..") || can(regex("^\\d{1,3}(?:\\.\\d{1,3}){3}$", a)) || startswith(a, "xn--") || startswith(a, "sthree-") || startswith(a, "amzn-s3-demo-") || endswith(a, "-s3alias") || endswith(a, "--ol-s3") || endswith(a, ".mrap") || endswith(a, "--x-s3") || endswith(a, "--table-s3")]) == 0
    error_message = "Bucket name ${jsonencode([for a in [for l in var.inputs : l.bucket] : a if !can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", a)) || strcontains(a, "..") || can(regex("^\\d{1,3}(?:\\.\\d{1,3}){3}$", a)) || startswith(a, "xn--") || startswith(a, "sthree-") || startswith(a, "amzn-s3-demo-") || endswith(a, "-s3alias") || endswith(a, "--ol-s3") || endswith(a, ".mrap") || endswith(a, "--x-s3") || endswith(a, "--table-s3")])} is not valid: S3 bucket names are 3 to 63 lower-case letters, digits, dots and hyphens, start and end with a letter or digit, and are not IP addresses."
  }

  validation {
    condition     = length([for a in [for l in var.inputs : l.prefix if l.prefix != null] : a if a == "" || startswith(a, "/") || length(a) > 1024 || strcontains(a, "*") || strcontains(a, "?") || !can(regex("^[\\x{20}-\\x{7E}\\x{A1}-\\x{FF}]*$", a))]) == 0
    error_message = "Prefix ${jsonencode([for a in [for l in var.inputs : l.prefix if l.prefix != null] : a if a == "" || startswith(a, "/") || length(a) > 1024 || strcontains(a, "*") || strcontains(a, "?") || !can(regex("^[\\x{20}-\\x{7E}\\x{A1}-\\x{FF}]*$", a))])} is not valid: an S3 key prefix is at most 1024 characters, does not start with /, and has no * or ? (they would act as wildcards in the policy) and no characters outside printable Latin-1."
  }

  validation {
    condition     = length([for a in [for l in var.inputs : l.kms_key_arn if l.kms_key_arn != null] : a if can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a))]) == 0
    error_message = "KMS key ARN ${jsonencode([for a in [for l in var.inputs : l.kms_key_arn if l.kms_key_arn != null] : a if can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a))])} is an alias ARN: IAM does not grant use of a KMS key through its alias ARN (aliases only match through the kms:ResourceAliases condition key). Give the key ARN instead (arn:<partition>:kms:<region>:<account>:key/<key id>); \"aws kms describe-key --key-id <alias ARN>\" prints it."
  }

  validation {
    condition     = length([for a in [for l in var.inputs : l.kms_key_arn if l.kms_key_arn != null] : a if !can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a)) && !can(regex("^arn:(?:aws:kms:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:kms:cn-[a-z]+-\\d{1,2}|aws-us-gov:kms:us-gov-[a-z]+-\\d{1,2}):\\d{12}:key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", a))]) == 0
    error_message = "KMS key ARN ${jsonencode([for a in [for l in var.inputs : l.kms_key_arn if l.kms_key_arn != null] : a if !can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a)) && !can(regex("^arn:(?:aws:kms:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:kms:cn-[a-z]+-\\d{1,2}|aws-us-gov:kms:us-gov-[a-z]+-\\d{1,2}):\\d{12}:key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", a))])} is not valid: a KMS key ARN has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>."
  }

  validation {
    condition     = var.access == "scoped" || length(var.inputs) == 0
    error_message = "inputs is only used with access \"scoped\": with the console's full access the managed policies already decide what the role can reach. Set access to \"scoped\", or remove inputs."
  }

  validation {
    condition     = var.access != "scoped" || length(var.inputs) + length(var.outputs) > 0
    error_message = "Role \"${var.role_name}\" has access \"scoped\" but no inputs or outputs: MediaConvert could read and write nothing. Add at least one entry to inputs or outputs."
  }
}

variable "outputs" {
  type = list(object({
    bucket      = string
    prefix      = optional(string)
    kms_key_arn = optional(string)
    allow_acl   = optional(bool, false)
  }))
  description = "Scoped access: where MediaConvert writes, as `bucket`, optional `prefix`, `kms_key_arn` and `allow_acl`. `s3:PutObject` (and `s3:PutObjectAcl` with `allow_acl`) on `bucket/prefix*`, `s3:ListBucket` and `s3:GetBucketLocation` on the bucket, `kms:GenerateDataKey` through S3 on the key."
  default     = []
  nullable    = false

  validation {
    condition     = length([for a in [for l in var.outputs : l.bucket] : a if !can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", a)) || strcontains(a, "..") || can(regex("^\\d{1,3}(?:\\.\\d{1,3}){3}$", a)) || startswith(a, "xn--") || startswith(a, "sthree-") || startswith(a, "amzn-s3-demo-") || endswith(a, "-s3alias") || endswith(a, "--ol-s3") || endswith(a, ".mrap") || endswith(a, "--x-s3") || endswith(a, "--table-s3")]) == 0
    error_message = "Bucket name ${jsonencode([for a in [for l in var.outputs : l.bucket] : a if !can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", a)) || strcontains(a, "..") || can(regex("^\\d{1,3}(?:\\.\\d{1,3}){3}$", a)) || startswith(a, "xn--") || startswith(a, "sthree-") || startswith(a, "amzn-s3-demo-") || endswith(a, "-s3alias") || endswith(a, "--ol-s3") || endswith(a, ".mrap") || endswith(a, "--x-s3") || endswith(a, "--table-s3")])} is not valid: S3 bucket names are 3 to 63 lower-case letters, digits, dots and hyphens, start and end with a letter or digit, and are not IP addresses."
  }

  validation {
    condition     = length([for a in [for l in var.outputs : l.prefix if l.prefix != null] : a if a == "" || startswith(a, "/") || length(a) > 1024 || strcontains(a, "*") || strcontains(a, "?") || !can(regex("^[\\x{20}-\\x{7E}\\x{A1}-\\x{FF}]*$", a))]) == 0
    error_message = "Prefix ${jsonencode([for a in [for l in var.outputs : l.prefix if l.prefix != null] : a if a == "" || startswith(a, "/") || length(a) > 1024 || strcontains(a, "*") || strcontains(a, "?") || !can(regex("^[\\x{20}-\\x{7E}\\x{A1}-\\x{FF}]*$", a))])} is not valid: an S3 key prefix is at most 1024 characters, does not start with /, and has no * or ? (they would act as wildcards in the policy) and no characters outside printable Latin-1."
  }

  validation {
    condition     = length([for a in [for l in var.outputs : l.kms_key_arn if l.kms_key_arn != null] : a if can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a))]) == 0
    error_message = "KMS key ARN ${jsonencode([for a in [for l in var.outputs : l.kms_key_arn if l.kms_key_arn != null] : a if can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a))])} is an alias ARN: IAM does not grant use of a KMS key through its alias ARN (aliases only match through the kms:ResourceAliases condition key). Give the key ARN instead (arn:<partition>:kms:<region>:<account>:key/<key id>); \"aws kms describe-key --key-id <alias ARN>\" prints it."
  }

  validation {
    condition     = length([for a in [for l in var.outputs : l.kms_key_arn if l.kms_key_arn != null] : a if !can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a)) && !can(regex("^arn:(?:aws:kms:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:kms:cn-[a-z]+-\\d{1,2}|aws-us-gov:kms:us-gov-[a-z]+-\\d{1,2}):\\d{12}:key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", a))]) == 0
    error_message = "KMS key ARN ${jsonencode([for a in [for l in var.outputs : l.kms_key_arn if l.kms_key_arn != null] : a if !can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a)) && !can(regex("^arn:(?:aws:kms:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:kms:cn-[a-z]+-\\d{1,2}|aws-us-gov:kms:us-gov-[a-z]+-\\d{1,2}):\\d{12}:key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", a))])} is not valid: a KMS key ARN has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>."
  }

  validation {
    condition     = var.access == "scoped" || length(var.outputs) == 0
    error_message = "outputs is only used with access \"scoped\": with the console's full access the managed policies already decide what the role can reach. Set access to \"scoped\", or remove outputs."
  }
}

variable "output_multipart_upload" {
  type        = bool
  description = "Both modes: also `kms:Decrypt` on output keys (`output_kms_key_arns`, `outputs`[].`kms_key_arn`): S3 needs it to complete multipart uploads to SSE-KMS buckets."
  default     = false
  nullable    = false
}

variable "job_encryption_kms_key_arns" {
  type        = list(string)
  description = "KMS key ARNs that jobs name in their own S3 destination encryption settings (not the bucket's default encryption): `kms:Encrypt` and `kms:GenerateDataKey` on them; scoped roles only through S3 (`kms:ViaService`). Both modes."
  default     = []
  nullable    = false

  validation {
    condition     = length([for a in var.job_encryption_kms_key_arns : a if can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a))]) == 0
    error_message = "KMS key ARN ${jsonencode([for a in var.job_encryption_kms_key_arns : a if can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a))])} is an alias ARN: IAM does not grant use of a KMS key through its alias ARN (aliases only match through the kms:ResourceAliases condition key). Give the key ARN instead (arn:<partition>:kms:<region>:<account>:key/<key id>); \"aws kms describe-key --key-id <alias ARN>\" prints it."
  }

  validation {
    condition     = length([for a in var.job_encryption_kms_key_arns : a if !can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a)) && !can(regex("^arn:(?:aws:kms:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:kms:cn-[a-z]+-\\d{1,2}|aws-us-gov:kms:us-gov-[a-z]+-\\d{1,2}):\\d{12}:key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", a))]) == 0
    error_message = "KMS key ARN ${jsonencode([for a in var.job_encryption_kms_key_arns : a if !can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", a)) && !can(regex("^arn:(?:aws:kms:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:kms:cn-[a-z]+-\\d{1,2}|aws-us-gov:kms:us-gov-[a-z]+-\\d{1,2}):\\d{12}:key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", a))])} is not valid: a KMS key ARN has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>."
  }
}

variable "speke_api_arns" {
  type        = list(string)
  description = "Scoped access: API Gateway ARNs of SPEKE key servers (DRM), in the provider's region: `execute-api:Invoke` on them only (a bare API id means all its stages)."
  default     = []
  nullable    = false

  validation {
    condition     = length([for a in var.speke_api_arns : a if !can(regex("^arn:(?:aws:execute-api:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:execute-api:cn-[a-z]+-\\d{1,2}|aws-us-gov:execute-api:us-gov-[a-z]+-\\d{1,2}):\\d{12}:[a-z0-9]{10}(?:\\/[\\x21-\\x7e]*)?$", a))]) == 0
    error_message = "SPEKE API ARN ${jsonencode([for a in var.speke_api_arns : a if !can(regex("^arn:(?:aws:execute-api:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:execute-api:cn-[a-z]+-\\d{1,2}|aws-us-gov:execute-api:us-gov-[a-z]+-\\d{1,2}):\\d{12}:[a-z0-9]{10}(?:\\/[\\x21-\\x7e]*)?$", a))])} is not valid: a SPEKE API ARN has the form arn:<partition>:execute-api:<region>:<12-digit account id>:<api id>/*."
  }

  validation {
    condition     = length([for a in var.speke_api_arns : a if can(regex("^arn:(?:aws:execute-api:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:execute-api:cn-[a-z]+-\\d{1,2}|aws-us-gov:execute-api:us-gov-[a-z]+-\\d{1,2}):\\d{12}:[a-z0-9]{10}(?:\\/[\\x21-\\x7e]*)?$", a)) && split(":", a)[3] != data.aws_region.current.name]) == 0
    error_message = "SPEKE API ARN ${jsonencode([for a in var.speke_api_arns : a if can(regex("^arn:(?:aws:execute-api:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:execute-api:cn-[a-z]+-\\d{1,2}|aws-us-gov:execute-api:us-gov-[a-z]+-\\d{1,2}):\\d{12}:[a-z0-9]{10}(?:\\/[\\x21-\\x7e]*)?$", a)) && split(":", a)[3] != data.aws_region.current.name])} is not in the provider's region ${data.aws_region.current.name}: MediaConvert only reaches it in its own region. Use one in ${data.aws_region.current.name}."
  }

  validation {
    condition     = var.access == "scoped" || length(var.speke_api_arns) == 0
    error_message = "speke_api_arns is only used with access \"scoped\": with the console's full access the managed policies already decide what the role can reach. Set access to \"scoped\", or remove speke_api_arns."
  }
}

variable "kantar_secret_arns" {
  type        = list(string)
  description = "Scoped access: Secrets Manager ARNs of Kantar watermarking credentials: `secretsmanager:GetSecretValue` on them only."
  default     = []
  nullable    = false

  validation {
    condition     = length([for a in var.kantar_secret_arns : a if !can(regex("^arn:(?:aws:secretsmanager:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:secretsmanager:cn-[a-z]+-\\d{1,2}|aws-us-gov:secretsmanager:us-gov-[a-z]+-\\d{1,2}):\\d{12}:secret:[A-Za-z0-9/_+=.@-]+$", a))]) == 0
    error_message = "Kantar secret ARN ${jsonencode([for a in var.kantar_secret_arns : a if !can(regex("^arn:(?:aws:secretsmanager:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:secretsmanager:cn-[a-z]+-\\d{1,2}|aws-us-gov:secretsmanager:us-gov-[a-z]+-\\d{1,2}):\\d{12}:secret:[A-Za-z0-9/_+=.@-]+$", a))])} is not valid: a Kantar secret ARN has the form arn:<partition>:secretsmanager:<region>:<12-digit account id>:secret:<name>."
  }

  validation {
    condition     = var.access == "scoped" || length(var.kantar_secret_arns) == 0
    error_message = "kantar_secret_arns is only used with access \"scoped\": with the console's full access the managed policies already decide what the role can reach. Set access to \"scoped\", or remove kantar_secret_arns."
  }
}

variable "confused_deputy_protection" {
  type        = bool
  description = "Trust policy conditions `aws:SourceAccount` = the account and `aws:SourceArn` like `arn:<partition>:mediaconvert:*:<account>:*`, so that MediaConvert uses the role only for that account: `source_account_id` when given, else the deploying account (`data.aws_caller_identity`). Setting `false` is less safe."
  default     = true
  nullable    = false
}

variable "source_account_id" {
  type        = string
  description = "The 12-digit account id the trust conditions pin, instead of the deploying account (a stack's own account id must be the same). Null for the deploying account (read through data.aws_caller_identity)."
  default     = null
  nullable    = true

  validation {
    condition     = var.source_account_id == null || can(regex("^\\d{12}$", var.source_account_id))
    error_message = "Account id \"${var.source_account_id == null ? "" : var.source_account_id}\" is not valid: an AWS account id is exactly 12 digits. Copy it from \"aws sts get-caller-identity\" (keep leading zeros, and write it as a string)."
  }
}

variable "trusted_queue_arns" {
  type        = list(string)
  description = "Narrow `aws:SourceArn` to these MediaConvert queues (of the pinned account, when it is known before the plan)."
  default     = []
  nullable    = false

  validation {
    condition     = length([for a in var.trusted_queue_arns : a if !can(regex("^arn:(?:aws:mediaconvert:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:mediaconvert:cn-[a-z]+-\\d{1,2}|aws-us-gov:mediaconvert:us-gov-[a-z]+-\\d{1,2}):\\d{12}:queues\\/[A-Za-z0-9_-]+$", a))]) == 0
    error_message = "Queue ARN ${jsonencode([for a in var.trusted_queue_arns : a if !can(regex("^arn:(?:aws:mediaconvert:(?:[abd-z][a-z]|c[a-mo-z])-[a-z]+-\\d{1,2}|aws-cn:mediaconvert:cn-[a-z]+-\\d{1,2}|aws-us-gov:mediaconvert:us-gov-[a-z]+-\\d{1,2}):\\d{12}:queues\\/[A-Za-z0-9_-]+$", a))])} is not valid: a Queue ARN has the form arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<queue name>."
  }

  validation {
    condition     = length([for a in var.trusted_queue_arns : a if var.source_account_id != null && split(":", a)[4] != var.source_account_id]) == 0
    error_message = "Queue ARN ${jsonencode([for a in var.trusted_queue_arns : a if var.source_account_id != null && split(":", a)[4] != var.source_account_id])} belongs to another account than source_account_id ${var.source_account_id == null ? "" : var.source_account_id}: only jobs of the role's own account can assume it. Use a queue of account ${var.source_account_id == null ? "" : var.source_account_id}."
  }

  validation {
    condition     = var.confused_deputy_protection || length(var.trusted_queue_arns) == 0
    error_message = "trusted_queue_arns has no effect with confused_deputy_protection false: the queues are only checked by the trust policy's aws:SourceArn condition. Remove one of the two settings."
  }
}

variable "role_path" {
  type        = string
  description = "IAM path of the role. An IAM path is / alone, or 1 to 512 printable ASCII characters that start and end with /."
  default     = "/"
  nullable    = false

  validation {
    condition     = length(var.role_path) <= 512 && can(regex("^(?:\\/|\\/[\\x21-\\x7e]+\\/)$", var.role_path))
    error_message = "Path \"${var.role_path}\" is not valid: an IAM path is / alone, or 1 to 512 printable ASCII characters that start and end with /."
  }
}

variable "role_permissions_boundary_arn" {
  type        = string
  description = "ARN of a managed policy that bounds the role's permissions. Null for none."
  default     = null
  nullable    = true

  validation {
    condition     = var.role_permissions_boundary_arn == null || can(regex("^arn:(?:aws|aws-cn|aws-us-gov):iam::(?:\\d{12}|aws):policy\\/(?:[\\x21-\\x7e]*\\/)?[A-Za-z0-9_+=,.@-]{1,128}$", var.role_permissions_boundary_arn))
    error_message = "Permissions boundary ARN \"${var.role_permissions_boundary_arn == null ? "" : var.role_permissions_boundary_arn}\" is not valid: a Permissions boundary ARN has the form arn:<partition>:iam::<12-digit account id or aws>:policy/<path><name>."
  }
}

variable "max_session_duration" {
  type        = number
  description = "Maximum session duration of the role in seconds. IAM allows 3600 to 43200 seconds."
  default     = 3600
  nullable    = false

  validation {
    condition     = var.max_session_duration >= 3600 && var.max_session_duration <= 43200 && floor(var.max_session_duration) == var.max_session_duration
    error_message = "Max session duration ${var.max_session_duration} is not valid: IAM allows 3600 to 43200 seconds."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags of the role: at most 50; no `aws:` keys."
  default     = {}
  nullable    = false

  validation {
    condition     = length(var.tags) <= 50
    error_message = "Tags are not valid: IAM allows at most 50 tags per role. There are ${length(var.tags)}."
  }

  validation {
    condition     = alltrue([for k in keys(var.tags) : !startswith(lower(k), "aws:") && can(regex("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$", k))])
    error_message = "Tag key ${jsonencode([for k in keys(var.tags) : k if startswith(lower(k), "aws:") || !can(regex("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$", k))])} is not valid: IAM tag keys are 1 to 128 letters, digits, spaces and _ . : / = + - @, and may not start with aws: (reserved for AWS)."
  }

  validation {
    condition     = alltrue([for v in values(var.tags) : can(regex("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$", v))])
    error_message = "Tag value ${jsonencode([for v in values(var.tags) : v if !can(regex("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$", v))])} is not valid: IAM tag values are at most 256 letters, digits, spaces and _ . : / = + - @."
  }
}

variable "exclusive_policy_management" {
  type        = bool
  description = "Terraform owns the role's policies: managed policies attached and inline policies added outside Terraform are removed on apply."
  default     = false
  nullable    = false
}

variable "create_pass_role_policy" {
  type        = bool
  description = "Create a customer managed policy allowing `iam:PassRole` on this role only, to MediaConvert only, for the identities that submit jobs (attach it to them); its ARN is an output."
  default     = false
  nullable    = false
}
