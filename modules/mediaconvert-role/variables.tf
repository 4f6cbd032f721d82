variable "role_name" {
  type        = string
  description = "The name of the role, unique per account (not case-sensitive). It cannot be changed later: Terraform replaces the role."
  default     = "MediaConvert_Default_Role"
  nullable    = false

  validation {
    condition = !(var.role_name == "")
    error_message = join("", [
      "Role name \"\" is not valid: IAM role names use only letters, digits and + = , . ",
      "@ - _ (1 to 64 characters). Give the role a name.",
    ])
  }

  validation {
    condition = !(length(regexall("[^A-Za-z0-9_+=,.@-]", var.role_name)) > 0)
    error_message = format(
      join("", [
        "Role name \"%s\" is not valid: IAM role names use only letters, digits and + = , ",
        ". @ - _ (1 to 64 characters). Remove %s.",
      ]),
      join("", [for c in split("", var.role_name) : lookup(local.json_escapes, c, c)]),
      [
        for n in [
          [
            for c in distinct(regexall("[^A-Za-z0-9_+=,.@-]", var.role_name)) :
            [
              for u in [
                format(
                  "U+%04X",
                  [
                    for d in [
                      [for x in split("", textencodebase64(c, "UTF-16BE")) : index(local.base64_digits, x) if x != "="],
                    ] :
                    (
                      length(d) == 3 ? floor((d[0] * 4096 + d[1] * 64 + d[2]) / 4) :
                      [
                        for v in [floor(sum([for i, x in d : x * pow(64, 5 - i)]) / 16)] :
                        (floor(v / 65536) - 55296) * 1024 + v % 65536 - 56320 + 65536
                      ][0]
                    )
                  ][0],
                ),
              ] :
              (
                c == " " ? "the space" :
                c == "\t" ? "the tab" :
                c == "\n" ? "the line break" :
                can(regex("^[\\x{0}-\\x{1F}\\x{7F}-\\x{A0}]$", c)) ? "the invisible character ${u}" :
                can(regex("^[\\x{20}-\\x{7E}]$", c)) ? "\"${lookup(local.json_escapes, c, c)}\"" :
                "\"${c}\" (${u})"
              )
            ][0]
          ],
        ] :
        (length(n) < 2 ? join("", n) : "${join(", ", slice(n, 0, length(n) - 1))} and ${n[length(n) - 1]}")
      ][0],
    )
  }

  validation {
    condition = !(length(var.role_name) > 64)
    error_message = format(
      join("", [
        "Role name \"%s\" is not valid: IAM role names use only letters, digits and + = , ",
        ". @ - _ (1 to 64 characters). Shorten it to 64 characters (it has %s).",
      ]),
      join("", [for c in split("", var.role_name) : lookup(local.json_escapes, c, c)]),
      length(var.role_name),
    )
  }
}

variable "role_description" {
  type        = string
  description = "A description of the role. Null for none."
  default     = null
  nullable    = true

  validation {
    condition = alltrue([
      for v in [var.role_description] : !(length(regexall("[^\\t\\n\\r\\x{20}-\\x{7E}\\x{A1}-\\x{FF}]", v)) > 0)
      if v != null
    ])
    error_message = try(
      (
        length(regexall("[^\\t\\n\\r\\x{20}-\\x{7E}\\x{A1}-\\x{FF}]", var.role_description)) > 0 ?
        format(
          join("", [
            "Description \"%s\" is not valid: IAM role descriptions are at most 1000 ",
            "characters of tab, line breaks and printable Latin-1 characters (U+0020 to ",
            "U+007E, U+00A1 to U+00FF). Remove or replace %s.",
          ]),
          join("", [
            for c in split("", (
              length(var.role_description) > 40 ? "${substr(var.role_description, 0, 40)}..." :
              var.role_description
            )) :
            lookup(local.json_escapes, c, c)
          ]),
          [
            for n in [
              [
                for c in distinct(regexall("[^\\t\\n\\r\\x{20}-\\x{7E}\\x{A1}-\\x{FF}]", var.role_description)) :
                [
                  for u in [
                    format(
                      "U+%04X",
                      [
                        for d in [
                          [
                            for x in split("", textencodebase64(c, "UTF-16BE")) : index(local.base64_digits, x)
                            if x != "="
                          ],
                        ] :
                        (
                          length(d) == 3 ? floor((d[0] * 4096 + d[1] * 64 + d[2]) / 4) :
                          [
                            for v in [floor(sum([for i, x in d : x * pow(64, 5 - i)]) / 16)] :
                            (floor(v / 65536) - 55296) * 1024 + v % 65536 - 56320 + 65536
                          ][0]
                        )
                      ][0],
                    ),
                  ] :
                  (
                    c == " " ? "the space" :
                    c == "\t" ? "the tab" :
                    c == "\n" ? "the line break" :
                    can(regex("^[\\x{0}-\\x{1F}\\x{7F}-\\x{A0}]$", c)) ? "the invisible character ${u}" :
                    can(regex("^[\\x{20}-\\x{7E}]$", c)) ? "\"${lookup(local.json_escapes, c, c)}\"" :
                    "\"${c}\" (${u})"
                  )
                ][0]
              ],
            ] :
            (length(n) < 2 ? join("", n) : "${join(", ", slice(n, 0, length(n) - 1))} and ${n[length(n) - 1]}")
          ][0],
        ) :
        ""
      ),
      "",
    )
  }

  validation {
    condition = alltrue([for v in [var.role_description] : !(length(v) > 1000) if v != null])
    error_message = try(
      (
        length(var.role_description) > 1000 ?
        format(
          join("", [
            "Description \"%s\" is not valid: IAM role descriptions are at most 1000 ",
            "characters of tab, line breaks and printable Latin-1 characters (U+0020 to ",
            "U+007E, U+00A1 to U+00FF). Shorten it to 1000 characters (it has %s).",
          ]),
          join("", [
            for c in split("", (
              length(var.role_description) > 40 ? "${substr(var.role_description, 0, 40)}..." :
              var.role_description
            )) :
            lookup(local.json_escapes, c, c)
          ]),
          length(var.role_description),
        ) :
        ""
      ),
      "",
    )
  }
}

variable "access" {
  type        = string
  description = "`\"full\"` is the console's role (AWS managed full-access policies); `\"scoped\"` grants only the declared `inputs` and `outputs`, keys, SPEKE APIs and secrets, in one inline policy, and no managed policies."
  default     = "full"
  nullable    = false

  validation {
    condition = contains(["full", "scoped"], var.access)
    error_message = format(
      join("", [
        "access is not valid: expected one of \"full\", \"scoped\", got the string \"%s\". ",
        "Use one of them.",
      ]),
      join("", [
        for c in split("", (length(var.access) > 40 ? "${substr(var.access, 0, 40)}..." : var.access)) :
        lookup(local.json_escapes, c, c)
      ]),
    )
  }
}

variable "attach_s3_full_access" {
  type        = bool
  description = "Attach the AWS managed policy `AmazonS3FullAccess`, as the MediaConvert console does. Null means true with full access."
  default     = null
  nullable    = true

  validation {
    condition = var.access == "full" || !(var.attach_s3_full_access == true)
    error_message = join("", [
      "attach_s3_full_access cannot be used with access \"scoped\": scoped roles get no ",
      "managed full-access policies. Remove it; list the buckets in inputs and outputs.",
    ])
  }
}

variable "attach_api_gateway_invoke_full_access" {
  type        = bool
  description = "Attach the AWS managed policy `AmazonAPIGatewayInvokeFullAccess`, as the MediaConvert console does (SPEKE DRM key exchange, Nielsen watermarking). Null means true with full access."
  default     = null
  nullable    = true

  validation {
    condition = var.access == "full" || !(var.attach_api_gateway_invoke_full_access == true)
    error_message = join("", [
      "attach_api_gateway_invoke_full_access cannot be used with access \"scoped\": ",
      "scoped roles get no managed full-access policies. Remove it; list the SPEKE APIs ",
      "in speke_api_arns.",
    ])
  }
}

variable "input_kms_key_arns" {
  type        = list(string)
  description = "KMS key ARNs of input buckets with SSE-KMS default encryption: the role gets `kms:Decrypt` on them. Key ARNs, not alias ARNs."
  default     = []
  nullable    = false

  validation {
    condition = alltrue([for x in var.input_kms_key_arns : can(regex(local.regex.kms_key_arn, x)) if x != null])
    error_message = try(
      [
        for i, x in var.input_kms_key_arns :
        (
          can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", x)) ?
          format(
            join("", [
              "input_kms_key_arns[%s]: KMS key ARN \"%s\" is an alias ARN: IAM does not grant ",
              "use of a KMS key through its alias ARN (aliases only match through the ",
              "kms:ResourceAliases condition key). Give the key ARN instead ",
              "(arn:<partition>:kms:<region>:<account>:key/<key id>); \"aws kms describe-key ",
              "--key-id <alias ARN>\" prints it.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          (!startswith(x, "arn:") || length(split(":", x)) < 6) ?
          format(
            join("", [
              "input_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. It does not ",
              "start with \"arn:\" or has fewer than six \":\"-separated fields.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          try(split(":", x)[2], "") != "kms" ?
          format(
            join("", [
              "input_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. It is an ",
              "ARN of service \"%s\", not \"kms\".",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[2], ""),
          ) :
          !contains(["aws", "aws-cn", "aws-us-gov"], try(split(":", x)[1], "")) ?
          format(
            join("", [
              "input_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "partition \"%s\" is not one of aws, aws-cn, aws-us-gov.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^(?:[a-z]{2}|us-gov)-[a-z]+-\\d{1,2}$", try(split(":", x)[3], ""))) ?
          format(
            join("", [
              "input_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its region ",
              "\"%s\" is not a region code such as us-east-1.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
          ) :
          (
            startswith(try(split(":", x)[3], ""), "cn-") ? try(split(":", x)[1], "") != "aws-cn" :
            startswith(try(split(":", x)[3], ""), "us-gov-") ? try(split(":", x)[1], "") != "aws-us-gov" :
            try(split(":", x)[1], "") != "aws"
          ) ?
          format(
            join("", [
              "input_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its region ",
              "\"%s\" is in partition %s, not %s.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
            (
              startswith(try(split(":", x)[3], ""), "cn-") ? "aws-cn" :
              startswith(try(split(":", x)[3], ""), "us-gov-") ? "aws-us-gov" :
              "aws"
            ),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^\\d{12}$", try(split(":", x)[4], ""))) ?
          format(
            join("", [
              "input_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its account ",
              "\"%s\" is not a 12-digit account id.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[4], ""),
          ) :
          !can(
            regex(
              "^key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$",
              join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
            ),
          ) ?
          format(
            join("", [
              "input_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "resource \"%s\" is not key/ followed by a key id (a lower-case UUID, or mrk- and ",
              "32 hex digits).",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
          ) :
          ""
        )
        if(x == null ? false : !can(regex(local.regex.kms_key_arn, x)))
      ][0],
      "",
    )
  }

  validation {
    condition = var.access == "full" || !(length(var.input_kms_key_arns) > 0)
    error_message = join("", [
      "input_kms_key_arns cannot be used with access \"scoped\": scoped roles take each ",
      "bucket's key with its location. Give each location's key as kms_key_arn in inputs ",
      "and outputs.",
    ])
  }
}

variable "output_kms_key_arns" {
  type        = list(string)
  description = "KMS key ARNs of output buckets with SSE-KMS default encryption: the role gets `kms:GenerateDataKey` on them; a key in both lists gets both. Key ARNs, not alias ARNs."
  default     = []
  nullable    = false

  validation {
    condition = alltrue([for x in var.output_kms_key_arns : can(regex(local.regex.kms_key_arn, x)) if x != null])
    error_message = try(
      [
        for i, x in var.output_kms_key_arns :
        (
          can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", x)) ?
          format(
            join("", [
              "output_kms_key_arns[%s]: KMS key ARN \"%s\" is an alias ARN: IAM does not grant ",
              "use of a KMS key through its alias ARN (aliases only match through the ",
              "kms:ResourceAliases condition key). Give the key ARN instead ",
              "(arn:<partition>:kms:<region>:<account>:key/<key id>); \"aws kms describe-key ",
              "--key-id <alias ARN>\" prints it.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          (!startswith(x, "arn:") || length(split(":", x)) < 6) ?
          format(
            join("", [
              "output_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. It does not ",
              "start with \"arn:\" or has fewer than six \":\"-separated fields.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          try(split(":", x)[2], "") != "kms" ?
          format(
            join("", [
              "output_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. It is an ",
              "ARN of service \"%s\", not \"kms\".",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[2], ""),
          ) :
          !contains(["aws", "aws-cn", "aws-us-gov"], try(split(":", x)[1], "")) ?
          format(
            join("", [
              "output_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "partition \"%s\" is not one of aws, aws-cn, aws-us-gov.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^(?:[a-z]{2}|us-gov)-[a-z]+-\\d{1,2}$", try(split(":", x)[3], ""))) ?
          format(
            join("", [
              "output_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its region ",
              "\"%s\" is not a region code such as us-east-1.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
          ) :
          (
            startswith(try(split(":", x)[3], ""), "cn-") ? try(split(":", x)[1], "") != "aws-cn" :
            startswith(try(split(":", x)[3], ""), "us-gov-") ? try(split(":", x)[1], "") != "aws-us-gov" :
            try(split(":", x)[1], "") != "aws"
          ) ?
          format(
            join("", [
              "output_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its region ",
              "\"%s\" is in partition %s, not %s.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
            (
              startswith(try(split(":", x)[3], ""), "cn-") ? "aws-cn" :
              startswith(try(split(":", x)[3], ""), "us-gov-") ? "aws-us-gov" :
              "aws"
            ),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^\\d{12}$", try(split(":", x)[4], ""))) ?
          format(
            join("", [
              "output_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its account ",
              "\"%s\" is not a 12-digit account id.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[4], ""),
          ) :
          !can(
            regex(
              "^key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$",
              join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
            ),
          ) ?
          format(
            join("", [
              "output_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "resource \"%s\" is not key/ followed by a key id (a lower-case UUID, or mrk- and ",
              "32 hex digits).",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
          ) :
          ""
        )
        if(x == null ? false : !can(regex(local.regex.kms_key_arn, x)))
      ][0],
      "",
    )
  }

  validation {
    condition = var.access == "full" || !(length(var.output_kms_key_arns) > 0)
    error_message = join("", [
      "output_kms_key_arns cannot be used with access \"scoped\": scoped roles take each ",
      "bucket's key with its location. Give each location's key as kms_key_arn in inputs ",
      "and outputs.",
    ])
  }
}

variable "inputs" {
  type = list(object({
    bucket       = string
    prefix       = optional(string)
    kms_key_arn  = optional(string)
    bucket_owner = optional(string)
  }))
  description = "Where a scoped role reads: `s3:GetObject` on `bucket/prefix*`, `s3:ListBucket` on the bucket (limited to the prefix), `s3:GetBucketLocation`, and `kms:Decrypt` through S3 on the location's key."
  default     = []
  nullable    = false

  validation {
    condition = alltrue([
      for x in var.inputs :
      (
        can(regex(local.regex.bucket, x.bucket)) &&
        !strcontains(x.bucket, "..") &&
        !can(regex(local.regex.ip_address, x.bucket)) &&
        !anytrue([for a in local.reserved_bucket_prefixes : startswith(x.bucket, a)]) &&
        !anytrue([for a in local.reserved_bucket_suffixes : endswith(x.bucket, a)])
      )
      if x.bucket != null
    ])
    error_message = try(
      [
        for i, x in var.inputs :
        (
          (startswith(x.bucket, "arn:") || startswith(x.bucket, "s3://")) ?
          format(
            join("", [
              "inputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. Give the bare bucket name, without arn: or s3://.",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
          ) :
          (length(x.bucket) < 3 || length(x.bucket) > 63) ?
          format(
            join("", [
              "inputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. Use 3 to 63 characters (it has %s).",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
            length(x.bucket),
          ) :
          length(regexall("[^a-z0-9.-]", x.bucket)) > 0 ?
          format(
            join("", [
              "inputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. Remove or replace %s.",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
            [
              for n in [
                [
                  for c in distinct(regexall("[^a-z0-9.-]", x.bucket)) :
                  [
                    for u in [
                      format(
                        "U+%04X",
                        [
                          for d in [
                            [
                              for x in split("", textencodebase64(c, "UTF-16BE")) : index(local.base64_digits, x)
                              if x != "="
                            ],
                          ] :
                          (
                            length(d) == 3 ? floor((d[0] * 4096 + d[1] * 64 + d[2]) / 4) :
                            [
                              for v in [floor(sum([for i, x in d : x * pow(64, 5 - i)]) / 16)] :
                              (floor(v / 65536) - 55296) * 1024 + v % 65536 - 56320 + 65536
                            ][0]
                          )
                        ][0],
                      ),
                    ] :
                    (
                      c == " " ? "the space" :
                      c == "\t" ? "the tab" :
                      c == "\n" ? "the line break" :
                      can(regex("^[\\x{0}-\\x{1F}\\x{7F}-\\x{A0}]$", c)) ? "the invisible character ${u}" :
                      can(regex("^[\\x{20}-\\x{7E}]$", c)) ? "\"${lookup(local.json_escapes, c, c)}\"" :
                      "\"${c}\" (${u})"
                    )
                  ][0]
                ],
              ] :
              (length(n) < 2 ? join("", n) : "${join(", ", slice(n, 0, length(n) - 1))} and ${n[length(n) - 1]}")
            ][0],
          ) :
          !can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", x.bucket)) ?
          format(
            join("", [
              "inputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. Start and end it with a letter or digit.",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
          ) :
          strcontains(x.bucket, "..") ?
          format(
            join("", [
              "inputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. Remove the two dots in a row.",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
          ) :
          can(regex("^\\d{1,3}(?:\\.\\d{1,3}){3}$", x.bucket)) ?
          format(
            join("", [
              "inputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. It is formatted as an IP address; use a name.",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
          ) :
          (
            anytrue([for a in local.reserved_bucket_prefixes : startswith(x.bucket, a)]) ||
            anytrue([for a in local.reserved_bucket_suffixes : endswith(x.bucket, a)])
          ) ?
          format(
            join("", [
              "inputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. %s is reserved by S3.",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
            jsonencode(
              element(
                concat(
                  [for a in local.reserved_bucket_prefixes : a if startswith(x.bucket, a)],
                  [for a in local.reserved_bucket_suffixes : a if endswith(x.bucket, a)],
                ),
                0,
              ),
            ),
          ) :
          ""
        )
        if(
          x.bucket == null ? false :
          !(
            can(regex(local.regex.bucket, x.bucket)) &&
            !strcontains(x.bucket, "..") &&
            !can(regex(local.regex.ip_address, x.bucket)) &&
            !anytrue([for a in local.reserved_bucket_prefixes : startswith(x.bucket, a)]) &&
            !anytrue([for a in local.reserved_bucket_suffixes : endswith(x.bucket, a)])
          )
        )
      ][0],
      "",
    )
  }

  validation {
    condition = alltrue([
      for x in var.inputs :
      (
        x.prefix != "" &&
        !startswith(x.prefix, "/") &&
        length(x.prefix) <= 1024 &&
        can(regex(local.regex.prefix_characters, x.prefix))
      )
      if x.prefix != null
    ])
    error_message = try(
      [
        for i, x in var.inputs :
        (
          x.prefix == "" ?
          format(
            join("", [
              "inputs[%s].prefix: Prefix \"%s\" is not valid: an S3 key prefix is at most 1024 ",
              "characters, does not start with /, and has no * or ? (they would act as wildcards ",
              "in the policy) and no characters outside printable Latin-1. Leave prefix out to ",
              "mean the whole bucket.",
            ]),
            i,
            join("", [
              for c in split("", (length(x.prefix) > 80 ? "${substr(x.prefix, 0, 80)}..." : x.prefix)) :
              lookup(local.json_escapes, c, c)
            ]),
          ) :
          startswith(x.prefix, "/") ?
          format(
            join("", [
              "inputs[%s].prefix: Prefix \"%s\" is not valid: an S3 key prefix is at most 1024 ",
              "characters, does not start with /, and has no * or ? (they would act as wildcards ",
              "in the policy) and no characters outside printable Latin-1. Remove the leading / ",
              "(S3 keys do not start with one).",
            ]),
            i,
            join("", [
              for c in split("", (length(x.prefix) > 80 ? "${substr(x.prefix, 0, 80)}..." : x.prefix)) :
              lookup(local.json_escapes, c, c)
            ]),
          ) :
          length(x.prefix) > 1024 ?
          format(
            join("", [
              "inputs[%s].prefix: Prefix \"%s\" is not valid: an S3 key prefix is at most 1024 ",
              "characters, does not start with /, and has no * or ? (they would act as wildcards ",
              "in the policy) and no characters outside printable Latin-1. Shorten it to 1024 ",
              "characters (it has %s).",
            ]),
            i,
            join("", [
              for c in split("", (length(x.prefix) > 80 ? "${substr(x.prefix, 0, 80)}..." : x.prefix)) :
              lookup(local.json_escapes, c, c)
            ]),
            length(x.prefix),
          ) :
          length(regexall("[^\\x{20}-\\x{29}\\x{2B}-\\x{3E}\\x{40}-\\x{7E}\\x{A1}-\\x{FF}]", x.prefix)) > 0 ?
          format(
            join("", [
              "inputs[%s].prefix: Prefix \"%s\" is not valid: an S3 key prefix is at most 1024 ",
              "characters, does not start with /, and has no * or ? (they would act as wildcards ",
              "in the policy) and no characters outside printable Latin-1. Remove %s.",
            ]),
            i,
            join("", [
              for c in split("", (length(x.prefix) > 80 ? "${substr(x.prefix, 0, 80)}..." : x.prefix)) :
              lookup(local.json_escapes, c, c)
            ]),
            [
              for n in [
                [
                  for c in distinct(
                    regexall("[^\\x{20}-\\x{29}\\x{2B}-\\x{3E}\\x{40}-\\x{7E}\\x{A1}-\\x{FF}]", x.prefix),
                  ) :
                  [
                    for u in [
                      format(
                        "U+%04X",
                        [
                          for d in [
                            [
                              for x in split("", textencodebase64(c, "UTF-16BE")) : index(local.base64_digits, x)
                              if x != "="
                            ],
                          ] :
                          (
                            length(d) == 3 ? floor((d[0] * 4096 + d[1] * 64 + d[2]) / 4) :
                            [
                              for v in [floor(sum([for i, x in d : x * pow(64, 5 - i)]) / 16)] :
                              (floor(v / 65536) - 55296) * 1024 + v % 65536 - 56320 + 65536
                            ][0]
                          )
                        ][0],
                      ),
                    ] :
                    (
                      c == " " ? "the space" :
                      c == "\t" ? "the tab" :
                      c == "\n" ? "the line break" :
                      can(regex("^[\\x{0}-\\x{1F}\\x{7F}-\\x{A0}]$", c)) ? "the invisible character ${u}" :
                      can(regex("^[\\x{20}-\\x{7E}]$", c)) ? "\"${lookup(local.json_escapes, c, c)}\"" :
                      "\"${c}\" (${u})"
                    )
                  ][0]
                ],
              ] :
              (length(n) < 2 ? join("", n) : "${join(", ", slice(n, 0, length(n) - 1))} and ${n[length(n) - 1]}")
            ][0],
          ) :
          ""
        )
        if(
          x.prefix == null ? false :
          !(
            x.prefix != "" &&
            !startswith(x.prefix, "/") &&
            length(x.prefix) <= 1024 &&
            can(regex(local.regex.prefix_characters, x.prefix))
          )
        )
      ][0],
      "",
    )
  }

  validation {
    condition = alltrue([
      for x in var.inputs : can(regex(local.regex.kms_key_arn, x.kms_key_arn))
      if x.kms_key_arn != null
    ])
    error_message = try(
      [
        for i, x in var.inputs :
        (
          can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", x.kms_key_arn)) ?
          format(
            join("", [
              "inputs[%s].kms_key_arn: KMS key ARN \"%s\" is an alias ARN: IAM does not grant ",
              "use of a KMS key through its alias ARN (aliases only match through the ",
              "kms:ResourceAliases condition key). Give the key ARN instead ",
              "(arn:<partition>:kms:<region>:<account>:key/<key id>); \"aws kms describe-key ",
              "--key-id <alias ARN>\" prints it.",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
          ) :
          (!startswith(x.kms_key_arn, "arn:") || length(split(":", x.kms_key_arn)) < 6) ?
          format(
            join("", [
              "inputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. It does not ",
              "start with \"arn:\" or has fewer than six \":\"-separated fields.",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
          ) :
          try(split(":", x.kms_key_arn)[2], "") != "kms" ?
          format(
            join("", [
              "inputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. It is an ",
              "ARN of service \"%s\", not \"kms\".",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
            try(split(":", x.kms_key_arn)[2], ""),
          ) :
          !contains(["aws", "aws-cn", "aws-us-gov"], try(split(":", x.kms_key_arn)[1], "")) ?
          format(
            join("", [
              "inputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "partition \"%s\" is not one of aws, aws-cn, aws-us-gov.",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
            try(split(":", x.kms_key_arn)[1], ""),
          ) :
          !can(regex("^(?:[a-z]{2}|us-gov)-[a-z]+-\\d{1,2}$", try(split(":", x.kms_key_arn)[3], ""))) ?
          format(
            join("", [
              "inputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its region ",
              "\"%s\" is not a region code such as us-east-1.",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
            try(split(":", x.kms_key_arn)[3], ""),
          ) :
          (
            startswith(try(split(":", x.kms_key_arn)[3], ""), "cn-") ?
            try(split(":", x.kms_key_arn)[1], "") != "aws-cn" :
            startswith(try(split(":", x.kms_key_arn)[3], ""), "us-gov-") ?
            try(split(":", x.kms_key_arn)[1], "") != "aws-us-gov" :
            try(split(":", x.kms_key_arn)[1], "") != "aws"
          ) ?
          format(
            join("", [
              "inputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its region ",
              "\"%s\" is in partition %s, not %s.",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
            try(split(":", x.kms_key_arn)[3], ""),
            (
              startswith(try(split(":", x.kms_key_arn)[3], ""), "cn-") ? "aws-cn" :
              startswith(try(split(":", x.kms_key_arn)[3], ""), "us-gov-") ? "aws-us-gov" :
              "aws"
            ),
            try(split(":", x.kms_key_arn)[1], ""),
          ) :
          !can(regex("^\\d{12}$", try(split(":", x.kms_key_arn)[4], ""))) ?
          format(
            join("", [
              "inputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its account ",
              "\"%s\" is not a 12-digit account id.",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
            try(split(":", x.kms_key_arn)[4], ""),
          ) :
          !can(
            regex(
              "^key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$",
              join(
                ":",
                slice(
                  split(":", x.kms_key_arn),
                  min(5, length(split(":", x.kms_key_arn))),
                  length(split(":", x.kms_key_arn)),
                ),
              ),
            ),
          ) ?
          format(
            join("", [
              "inputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "resource \"%s\" is not key/ followed by a key id (a lower-case UUID, or mrk- and ",
              "32 hex digits).",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
            join(
              ":",
              slice(
                split(":", x.kms_key_arn),
                min(5, length(split(":", x.kms_key_arn))),
                length(split(":", x.kms_key_arn)),
              ),
            ),
          ) :
          ""
        )
        if(x.kms_key_arn == null ? false : !can(regex(local.regex.kms_key_arn, x.kms_key_arn)))
      ][0],
      "",
    )
  }

  validation {
    condition = alltrue([
      for x in var.inputs : !(!can(regex(local.regex.bucket_owner, x.bucket_owner)))
      if x.bucket_owner != null
    ])
    error_message = try(
      [
        for i, x in var.inputs :
        (
          !can(regex(local.regex.bucket_owner, x.bucket_owner)) ?
          format(
            join("", [
              "inputs[%s].bucket_owner: Bucket owner \"%s\" is not valid: a bucket owner is the ",
              "12-digit id of the AWS account that owns the bucket, or \"any\". Give the owner's ",
              "account id as a string of 12 digits (keep leading zeros), or \"any\" to let the ",
              "role reach the bucket whoever owns it.",
            ]),
            i,
            join("", [
              for c in split("", (
                length(x.bucket_owner) > 80 ? "${substr(x.bucket_owner, 0, 80)}..." :
                x.bucket_owner
              )) :
              lookup(local.json_escapes, c, c)
            ]),
          ) :
          ""
        )
        if(x.bucket_owner == null ? false : (!can(regex(local.regex.bucket_owner, x.bucket_owner))))
      ][0],
      "",
    )
  }

  validation {
    condition = var.access == "scoped" || !(length(var.inputs) > 0)
    error_message = join("", [
      "inputs is only used with access \"scoped\": with the console's full access the ",
      "managed policies already decide what the role can reach. Set access to ",
      "\"scoped\", or remove inputs.",
    ])
  }

  validation {
    condition = var.access != "scoped" || length(var.inputs) + length(var.outputs) > 0
    error_message = format(
      join("", [
        "Role \"%s\" has access \"scoped\" but no inputs or outputs: MediaConvert could ",
        "read and write nothing. Add at least one entry to inputs or outputs.",
      ]),
      join("", [for c in split("", var.role_name) : lookup(local.json_escapes, c, c)]),
    )
  }
}

variable "outputs" {
  type = list(object({
    bucket       = string
    prefix       = optional(string)
    kms_key_arn  = optional(string)
    bucket_owner = optional(string)
    allow_acl    = optional(bool, false)
  }))
  description = "Where a scoped role writes: `s3:PutObject` (and `s3:PutObjectAcl` with `allow_acl`) on `bucket/prefix*`, `s3:ListBucket` and `s3:GetBucketLocation` on the bucket, and `kms:GenerateDataKey` through S3 on the location's key."
  default     = []
  nullable    = false

  validation {
    condition = alltrue([
      for x in var.outputs :
      (
        can(regex(local.regex.bucket, x.bucket)) &&
        !strcontains(x.bucket, "..") &&
        !can(regex(local.regex.ip_address, x.bucket)) &&
        !anytrue([for a in local.reserved_bucket_prefixes : startswith(x.bucket, a)]) &&
        !anytrue([for a in local.reserved_bucket_suffixes : endswith(x.bucket, a)])
      )
      if x.bucket != null
    ])
    error_message = try(
      [
        for i, x in var.outputs :
        (
          (startswith(x.bucket, "arn:") || startswith(x.bucket, "s3://")) ?
          format(
            join("", [
              "outputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. Give the bare bucket name, without arn: or s3://.",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
          ) :
          (length(x.bucket) < 3 || length(x.bucket) > 63) ?
          format(
            join("", [
              "outputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. Use 3 to 63 characters (it has %s).",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
            length(x.bucket),
          ) :
          length(regexall("[^a-z0-9.-]", x.bucket)) > 0 ?
          format(
            join("", [
              "outputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. Remove or replace %s.",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
            [
              for n in [
                [
                  for c in distinct(regexall("[^a-z0-9.-]", x.bucket)) :
                  [
                    for u in [
                      format(
                        "U+%04X",
                        [
                          for d in [
                            [
                              for x in split("", textencodebase64(c, "UTF-16BE")) : index(local.base64_digits, x)
                              if x != "="
                            ],
                          ] :
                          (
                            length(d) == 3 ? floor((d[0] * 4096 + d[1] * 64 + d[2]) / 4) :
                            [
                              for v in [floor(sum([for i, x in d : x * pow(64, 5 - i)]) / 16)] :
                              (floor(v / 65536) - 55296) * 1024 + v % 65536 - 56320 + 65536
                            ][0]
                          )
                        ][0],
                      ),
                    ] :
                    (
                      c == " " ? "the space" :
                      c == "\t" ? "the tab" :
                      c == "\n" ? "the line break" :
                      can(regex("^[\\x{0}-\\x{1F}\\x{7F}-\\x{A0}]$", c)) ? "the invisible character ${u}" :
                      can(regex("^[\\x{20}-\\x{7E}]$", c)) ? "\"${lookup(local.json_escapes, c, c)}\"" :
                      "\"${c}\" (${u})"
                    )
                  ][0]
                ],
              ] :
              (length(n) < 2 ? join("", n) : "${join(", ", slice(n, 0, length(n) - 1))} and ${n[length(n) - 1]}")
            ][0],
          ) :
          !can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", x.bucket)) ?
          format(
            join("", [
              "outputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. Start and end it with a letter or digit.",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
          ) :
          strcontains(x.bucket, "..") ?
          format(
            join("", [
              "outputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. Remove the two dots in a row.",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
          ) :
          can(regex("^\\d{1,3}(?:\\.\\d{1,3}){3}$", x.bucket)) ?
          format(
            join("", [
              "outputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. It is formatted as an IP address; use a name.",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
          ) :
          (
            anytrue([for a in local.reserved_bucket_prefixes : startswith(x.bucket, a)]) ||
            anytrue([for a in local.reserved_bucket_suffixes : endswith(x.bucket, a)])
          ) ?
          format(
            join("", [
              "outputs[%s].bucket: Bucket name \"%s\" is not valid: S3 bucket names are 3 to 63 ",
              "lower-case letters, digits, dots and hyphens, start and end with a letter or ",
              "digit, and are not IP addresses. %s is reserved by S3.",
            ]),
            i,
            join("", [for c in split("", x.bucket) : lookup(local.json_escapes, c, c)]),
            jsonencode(
              element(
                concat(
                  [for a in local.reserved_bucket_prefixes : a if startswith(x.bucket, a)],
                  [for a in local.reserved_bucket_suffixes : a if endswith(x.bucket, a)],
                ),
                0,
              ),
            ),
          ) :
          ""
        )
        if(
          x.bucket == null ? false :
          !(
            can(regex(local.regex.bucket, x.bucket)) &&
            !strcontains(x.bucket, "..") &&
            !can(regex(local.regex.ip_address, x.bucket)) &&
            !anytrue([for a in local.reserved_bucket_prefixes : startswith(x.bucket, a)]) &&
            !anytrue([for a in local.reserved_bucket_suffixes : endswith(x.bucket, a)])
          )
        )
      ][0],
      "",
    )
  }

  validation {
    condition = alltrue([
      for x in var.outputs :
      (
        x.prefix != "" &&
        !startswith(x.prefix, "/") &&
        length(x.prefix) <= 1024 &&
        can(regex(local.regex.prefix_characters, x.prefix))
      )
      if x.prefix != null
    ])
    error_message = try(
      [
        for i, x in var.outputs :
        (
          x.prefix == "" ?
          format(
            join("", [
              "outputs[%s].prefix: Prefix \"%s\" is not valid: an S3 key prefix is at most 1024 ",
              "characters, does not start with /, and has no * or ? (they would act as wildcards ",
              "in the policy) and no characters outside printable Latin-1. Leave prefix out to ",
              "mean the whole bucket.",
            ]),
            i,
            join("", [
              for c in split("", (length(x.prefix) > 80 ? "${substr(x.prefix, 0, 80)}..." : x.prefix)) :
              lookup(local.json_escapes, c, c)
            ]),
          ) :
          startswith(x.prefix, "/") ?
          format(
            join("", [
              "outputs[%s].prefix: Prefix \"%s\" is not valid: an S3 key prefix is at most 1024 ",
              "characters, does not start with /, and has no * or ? (they would act as wildcards ",
              "in the policy) and no characters outside printable Latin-1. Remove the leading / ",
              "(S3 keys do not start with one).",
            ]),
            i,
            join("", [
              for c in split("", (length(x.prefix) > 80 ? "${substr(x.prefix, 0, 80)}..." : x.prefix)) :
              lookup(local.json_escapes, c, c)
            ]),
          ) :
          length(x.prefix) > 1024 ?
          format(
            join("", [
              "outputs[%s].prefix: Prefix \"%s\" is not valid: an S3 key prefix is at most 1024 ",
              "characters, does not start with /, and has no * or ? (they would act as wildcards ",
              "in the policy) and no characters outside printable Latin-1. Shorten it to 1024 ",
              "characters (it has %s).",
            ]),
            i,
            join("", [
              for c in split("", (length(x.prefix) > 80 ? "${substr(x.prefix, 0, 80)}..." : x.prefix)) :
              lookup(local.json_escapes, c, c)
            ]),
            length(x.prefix),
          ) :
          length(regexall("[^\\x{20}-\\x{29}\\x{2B}-\\x{3E}\\x{40}-\\x{7E}\\x{A1}-\\x{FF}]", x.prefix)) > 0 ?
          format(
            join("", [
              "outputs[%s].prefix: Prefix \"%s\" is not valid: an S3 key prefix is at most 1024 ",
              "characters, does not start with /, and has no * or ? (they would act as wildcards ",
              "in the policy) and no characters outside printable Latin-1. Remove %s.",
            ]),
            i,
            join("", [
              for c in split("", (length(x.prefix) > 80 ? "${substr(x.prefix, 0, 80)}..." : x.prefix)) :
              lookup(local.json_escapes, c, c)
            ]),
            [
              for n in [
                [
                  for c in distinct(
                    regexall("[^\\x{20}-\\x{29}\\x{2B}-\\x{3E}\\x{40}-\\x{7E}\\x{A1}-\\x{FF}]", x.prefix),
                  ) :
                  [
                    for u in [
                      format(
                        "U+%04X",
                        [
                          for d in [
                            [
                              for x in split("", textencodebase64(c, "UTF-16BE")) : index(local.base64_digits, x)
                              if x != "="
                            ],
                          ] :
                          (
                            length(d) == 3 ? floor((d[0] * 4096 + d[1] * 64 + d[2]) / 4) :
                            [
                              for v in [floor(sum([for i, x in d : x * pow(64, 5 - i)]) / 16)] :
                              (floor(v / 65536) - 55296) * 1024 + v % 65536 - 56320 + 65536
                            ][0]
                          )
                        ][0],
                      ),
                    ] :
                    (
                      c == " " ? "the space" :
                      c == "\t" ? "the tab" :
                      c == "\n" ? "the line break" :
                      can(regex("^[\\x{0}-\\x{1F}\\x{7F}-\\x{A0}]$", c)) ? "the invisible character ${u}" :
                      can(regex("^[\\x{20}-\\x{7E}]$", c)) ? "\"${lookup(local.json_escapes, c, c)}\"" :
                      "\"${c}\" (${u})"
                    )
                  ][0]
                ],
              ] :
              (length(n) < 2 ? join("", n) : "${join(", ", slice(n, 0, length(n) - 1))} and ${n[length(n) - 1]}")
            ][0],
          ) :
          ""
        )
        if(
          x.prefix == null ? false :
          !(
            x.prefix != "" &&
            !startswith(x.prefix, "/") &&
            length(x.prefix) <= 1024 &&
            can(regex(local.regex.prefix_characters, x.prefix))
          )
        )
      ][0],
      "",
    )
  }

  validation {
    condition = alltrue([
      for x in var.outputs : can(regex(local.regex.kms_key_arn, x.kms_key_arn))
      if x.kms_key_arn != null
    ])
    error_message = try(
      [
        for i, x in var.outputs :
        (
          can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", x.kms_key_arn)) ?
          format(
            join("", [
              "outputs[%s].kms_key_arn: KMS key ARN \"%s\" is an alias ARN: IAM does not grant ",
              "use of a KMS key through its alias ARN (aliases only match through the ",
              "kms:ResourceAliases condition key). Give the key ARN instead ",
              "(arn:<partition>:kms:<region>:<account>:key/<key id>); \"aws kms describe-key ",
              "--key-id <alias ARN>\" prints it.",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
          ) :
          (!startswith(x.kms_key_arn, "arn:") || length(split(":", x.kms_key_arn)) < 6) ?
          format(
            join("", [
              "outputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. It does not ",
              "start with \"arn:\" or has fewer than six \":\"-separated fields.",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
          ) :
          try(split(":", x.kms_key_arn)[2], "") != "kms" ?
          format(
            join("", [
              "outputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. It is an ",
              "ARN of service \"%s\", not \"kms\".",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
            try(split(":", x.kms_key_arn)[2], ""),
          ) :
          !contains(["aws", "aws-cn", "aws-us-gov"], try(split(":", x.kms_key_arn)[1], "")) ?
          format(
            join("", [
              "outputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "partition \"%s\" is not one of aws, aws-cn, aws-us-gov.",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
            try(split(":", x.kms_key_arn)[1], ""),
          ) :
          !can(regex("^(?:[a-z]{2}|us-gov)-[a-z]+-\\d{1,2}$", try(split(":", x.kms_key_arn)[3], ""))) ?
          format(
            join("", [
              "outputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its region ",
              "\"%s\" is not a region code such as us-east-1.",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
            try(split(":", x.kms_key_arn)[3], ""),
          ) :
          (
            startswith(try(split(":", x.kms_key_arn)[3], ""), "cn-") ?
            try(split(":", x.kms_key_arn)[1], "") != "aws-cn" :
            startswith(try(split(":", x.kms_key_arn)[3], ""), "us-gov-") ?
            try(split(":", x.kms_key_arn)[1], "") != "aws-us-gov" :
            try(split(":", x.kms_key_arn)[1], "") != "aws"
          ) ?
          format(
            join("", [
              "outputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its region ",
              "\"%s\" is in partition %s, not %s.",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
            try(split(":", x.kms_key_arn)[3], ""),
            (
              startswith(try(split(":", x.kms_key_arn)[3], ""), "cn-") ? "aws-cn" :
              startswith(try(split(":", x.kms_key_arn)[3], ""), "us-gov-") ? "aws-us-gov" :
              "aws"
            ),
            try(split(":", x.kms_key_arn)[1], ""),
          ) :
          !can(regex("^\\d{12}$", try(split(":", x.kms_key_arn)[4], ""))) ?
          format(
            join("", [
              "outputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its account ",
              "\"%s\" is not a 12-digit account id.",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
            try(split(":", x.kms_key_arn)[4], ""),
          ) :
          !can(
            regex(
              "^key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$",
              join(
                ":",
                slice(
                  split(":", x.kms_key_arn),
                  min(5, length(split(":", x.kms_key_arn))),
                  length(split(":", x.kms_key_arn)),
                ),
              ),
            ),
          ) ?
          format(
            join("", [
              "outputs[%s].kms_key_arn: KMS key ARN \"%s\" is not valid: a KMS key ARN has the ",
              "form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "resource \"%s\" is not key/ followed by a key id (a lower-case UUID, or mrk- and ",
              "32 hex digits).",
            ]),
            i,
            join("", [for c in split("", x.kms_key_arn) : lookup(local.json_escapes, c, c)]),
            join(
              ":",
              slice(
                split(":", x.kms_key_arn),
                min(5, length(split(":", x.kms_key_arn))),
                length(split(":", x.kms_key_arn)),
              ),
            ),
          ) :
          ""
        )
        if(x.kms_key_arn == null ? false : !can(regex(local.regex.kms_key_arn, x.kms_key_arn)))
      ][0],
      "",
    )
  }

  validation {
    condition = alltrue([
      for x in var.outputs : !(!can(regex(local.regex.bucket_owner, x.bucket_owner)))
      if x.bucket_owner != null
    ])
    error_message = try(
      [
        for i, x in var.outputs :
        (
          !can(regex(local.regex.bucket_owner, x.bucket_owner)) ?
          format(
            join("", [
              "outputs[%s].bucket_owner: Bucket owner \"%s\" is not valid: a bucket owner is the ",
              "12-digit id of the AWS account that owns the bucket, or \"any\". Give the owner's ",
              "account id as a string of 12 digits (keep leading zeros), or \"any\" to let the ",
              "role reach the bucket whoever owns it.",
            ]),
            i,
            join("", [
              for c in split("", (
                length(x.bucket_owner) > 80 ? "${substr(x.bucket_owner, 0, 80)}..." :
                x.bucket_owner
              )) :
              lookup(local.json_escapes, c, c)
            ]),
          ) :
          ""
        )
        if(x.bucket_owner == null ? false : (!can(regex(local.regex.bucket_owner, x.bucket_owner))))
      ][0],
      "",
    )
  }

  validation {
    condition = var.access == "scoped" || !(length(var.outputs) > 0)
    error_message = join("", [
      "outputs is only used with access \"scoped\": with the console's full access the ",
      "managed policies already decide what the role can reach. Set access to ",
      "\"scoped\", or remove outputs.",
    ])
  }
}

variable "output_multipart_upload" {
  type        = bool
  description = "Also allow `kms:Decrypt` on the output keys (`output_kms_key_arns`, `outputs`[].`kms_key_arn`): S3 needs it to complete multipart uploads to SSE-KMS buckets."
  default     = false
  nullable    = false
}

variable "job_encryption_kms_key_arns" {
  type        = list(string)
  description = "KMS key ARNs that jobs name in their own S3 destination encryption settings (not the bucket's default encryption): the role gets `kms:Encrypt` and `kms:GenerateDataKey` on them; scoped roles only through S3 (`kms:ViaService`)."
  default     = []
  nullable    = false

  validation {
    condition = alltrue([
      for x in var.job_encryption_kms_key_arns : can(regex(local.regex.kms_key_arn, x))
      if x != null
    ])
    error_message = try(
      [
        for i, x in var.job_encryption_kms_key_arns :
        (
          can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", x)) ?
          format(
            join("", [
              "job_encryption_kms_key_arns[%s]: KMS key ARN \"%s\" is an alias ARN: IAM does not ",
              "grant use of a KMS key through its alias ARN (aliases only match through the ",
              "kms:ResourceAliases condition key). Give the key ARN instead ",
              "(arn:<partition>:kms:<region>:<account>:key/<key id>); \"aws kms describe-key ",
              "--key-id <alias ARN>\" prints it.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          (!startswith(x, "arn:") || length(split(":", x)) < 6) ?
          format(
            join("", [
              "job_encryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN ",
              "has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. It ",
              "does not start with \"arn:\" or has fewer than six \":\"-separated fields.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          try(split(":", x)[2], "") != "kms" ?
          format(
            join("", [
              "job_encryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN ",
              "has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. It ",
              "is an ARN of service \"%s\", not \"kms\".",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[2], ""),
          ) :
          !contains(["aws", "aws-cn", "aws-us-gov"], try(split(":", x)[1], "")) ?
          format(
            join("", [
              "job_encryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN ",
              "has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "partition \"%s\" is not one of aws, aws-cn, aws-us-gov.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^(?:[a-z]{2}|us-gov)-[a-z]+-\\d{1,2}$", try(split(":", x)[3], ""))) ?
          format(
            join("", [
              "job_encryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN ",
              "has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "region \"%s\" is not a region code such as us-east-1.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
          ) :
          (
            startswith(try(split(":", x)[3], ""), "cn-") ? try(split(":", x)[1], "") != "aws-cn" :
            startswith(try(split(":", x)[3], ""), "us-gov-") ? try(split(":", x)[1], "") != "aws-us-gov" :
            try(split(":", x)[1], "") != "aws"
          ) ?
          format(
            join("", [
              "job_encryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN ",
              "has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "region \"%s\" is in partition %s, not %s.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
            (
              startswith(try(split(":", x)[3], ""), "cn-") ? "aws-cn" :
              startswith(try(split(":", x)[3], ""), "us-gov-") ? "aws-us-gov" :
              "aws"
            ),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^\\d{12}$", try(split(":", x)[4], ""))) ?
          format(
            join("", [
              "job_encryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN ",
              "has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "account \"%s\" is not a 12-digit account id.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[4], ""),
          ) :
          !can(
            regex(
              "^key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$",
              join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
            ),
          ) ?
          format(
            join("", [
              "job_encryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN ",
              "has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "resource \"%s\" is not key/ followed by a key id (a lower-case UUID, or mrk- and ",
              "32 hex digits).",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
          ) :
          ""
        )
        if(x == null ? false : !can(regex(local.regex.kms_key_arn, x)))
      ][0],
      "",
    )
  }
}

variable "decryption_kms_key_arns" {
  type        = list(string)
  description = "KMS key ARNs that encrypted the data keys of client-side encrypted inputs (a job's `DecryptionSettings`): the role gets `kms:Decrypt` on them, called by MediaConvert itself (not through S3), only with the encryption context `{\"service\": \"mediaconvert.amazonaws.com\"}`."
  default     = []
  nullable    = false

  validation {
    condition = alltrue([
      for x in var.decryption_kms_key_arns : can(regex(local.regex.kms_key_arn, x))
      if x != null
    ])
    error_message = try(
      [
        for i, x in var.decryption_kms_key_arns :
        (
          can(regex("^arn:[^:]*:kms:[^:]*:[^:]*:alias\\/", x)) ?
          format(
            join("", [
              "decryption_kms_key_arns[%s]: KMS key ARN \"%s\" is an alias ARN: IAM does not ",
              "grant use of a KMS key through its alias ARN (aliases only match through the ",
              "kms:ResourceAliases condition key). Give the key ARN instead ",
              "(arn:<partition>:kms:<region>:<account>:key/<key id>); \"aws kms describe-key ",
              "--key-id <alias ARN>\" prints it.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          (!startswith(x, "arn:") || length(split(":", x)) < 6) ?
          format(
            join("", [
              "decryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has ",
              "the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. It does ",
              "not start with \"arn:\" or has fewer than six \":\"-separated fields.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          try(split(":", x)[2], "") != "kms" ?
          format(
            join("", [
              "decryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has ",
              "the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. It is ",
              "an ARN of service \"%s\", not \"kms\".",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[2], ""),
          ) :
          !contains(["aws", "aws-cn", "aws-us-gov"], try(split(":", x)[1], "")) ?
          format(
            join("", [
              "decryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has ",
              "the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "partition \"%s\" is not one of aws, aws-cn, aws-us-gov.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^(?:[a-z]{2}|us-gov)-[a-z]+-\\d{1,2}$", try(split(":", x)[3], ""))) ?
          format(
            join("", [
              "decryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has ",
              "the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "region \"%s\" is not a region code such as us-east-1.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
          ) :
          (
            startswith(try(split(":", x)[3], ""), "cn-") ? try(split(":", x)[1], "") != "aws-cn" :
            startswith(try(split(":", x)[3], ""), "us-gov-") ? try(split(":", x)[1], "") != "aws-us-gov" :
            try(split(":", x)[1], "") != "aws"
          ) ?
          format(
            join("", [
              "decryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has ",
              "the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "region \"%s\" is in partition %s, not %s.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
            (
              startswith(try(split(":", x)[3], ""), "cn-") ? "aws-cn" :
              startswith(try(split(":", x)[3], ""), "us-gov-") ? "aws-us-gov" :
              "aws"
            ),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^\\d{12}$", try(split(":", x)[4], ""))) ?
          format(
            join("", [
              "decryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has ",
              "the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "account \"%s\" is not a 12-digit account id.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[4], ""),
          ) :
          !can(
            regex(
              "^key\\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$",
              join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
            ),
          ) ?
          format(
            join("", [
              "decryption_kms_key_arns[%s]: KMS key ARN \"%s\" is not valid: a KMS key ARN has ",
              "the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its ",
              "resource \"%s\" is not key/ followed by a key id (a lower-case UUID, or mrk- and ",
              "32 hex digits).",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
          ) :
          ""
        )
        if(x == null ? false : !can(regex(local.regex.kms_key_arn, x)))
      ][0],
      "",
    )
  }
}

variable "speke_api_arns" {
  type        = list(string)
  description = "API Gateway ARNs of SPEKE key servers (DRM), in the stack's region: `execute-api:Invoke` on them only (a bare API id means all its stages)."
  default     = []
  nullable    = false

  validation {
    condition = alltrue([for x in var.speke_api_arns : can(regex(local.regex.speke_api_arn, x)) if x != null])
    error_message = try(
      [
        for i, x in var.speke_api_arns :
        (
          (!startswith(x, "arn:") || length(split(":", x)) < 6) ?
          format(
            join("", [
              "speke_api_arns[%s]: SPEKE API ARN \"%s\" is not valid: a SPEKE API ARN has the ",
              "form arn:<partition>:execute-api:<region>:<12-digit account id>:<api id>/*. It ",
              "does not start with \"arn:\" or has fewer than six \":\"-separated fields.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          try(split(":", x)[2], "") != "execute-api" ?
          format(
            join("", [
              "speke_api_arns[%s]: SPEKE API ARN \"%s\" is not valid: a SPEKE API ARN has the ",
              "form arn:<partition>:execute-api:<region>:<12-digit account id>:<api id>/*. It is ",
              "an ARN of service \"%s\", not \"execute-api\".",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[2], ""),
          ) :
          !contains(["aws", "aws-cn", "aws-us-gov"], try(split(":", x)[1], "")) ?
          format(
            join("", [
              "speke_api_arns[%s]: SPEKE API ARN \"%s\" is not valid: a SPEKE API ARN has the ",
              "form arn:<partition>:execute-api:<region>:<12-digit account id>:<api id>/*. Its ",
              "partition \"%s\" is not one of aws, aws-cn, aws-us-gov.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^(?:[a-z]{2}|us-gov)-[a-z]+-\\d{1,2}$", try(split(":", x)[3], ""))) ?
          format(
            join("", [
              "speke_api_arns[%s]: SPEKE API ARN \"%s\" is not valid: a SPEKE API ARN has the ",
              "form arn:<partition>:execute-api:<region>:<12-digit account id>:<api id>/*. Its ",
              "region \"%s\" is not a region code such as us-east-1.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
          ) :
          (
            startswith(try(split(":", x)[3], ""), "cn-") ? try(split(":", x)[1], "") != "aws-cn" :
            startswith(try(split(":", x)[3], ""), "us-gov-") ? try(split(":", x)[1], "") != "aws-us-gov" :
            try(split(":", x)[1], "") != "aws"
          ) ?
          format(
            join("", [
              "speke_api_arns[%s]: SPEKE API ARN \"%s\" is not valid: a SPEKE API ARN has the ",
              "form arn:<partition>:execute-api:<region>:<12-digit account id>:<api id>/*. Its ",
              "region \"%s\" is in partition %s, not %s.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
            (
              startswith(try(split(":", x)[3], ""), "cn-") ? "aws-cn" :
              startswith(try(split(":", x)[3], ""), "us-gov-") ? "aws-us-gov" :
              "aws"
            ),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^\\d{12}$", try(split(":", x)[4], ""))) ?
          format(
            join("", [
              "speke_api_arns[%s]: SPEKE API ARN \"%s\" is not valid: a SPEKE API ARN has the ",
              "form arn:<partition>:execute-api:<region>:<12-digit account id>:<api id>/*. Its ",
              "account \"%s\" is not a 12-digit account id.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[4], ""),
          ) :
          !can(
            regex(
              "^[a-z0-9]{10}(?:\\/[\\x21-\\x7e]*)?$",
              join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
            ),
          ) ?
          format(
            join("", [
              "speke_api_arns[%s]: SPEKE API ARN \"%s\" is not valid: a SPEKE API ARN has the ",
              "form arn:<partition>:execute-api:<region>:<12-digit account id>:<api id>/*. Its ",
              "resource \"%s\" is not a 10-character API id, optionally followed by ",
              "/<stage>/<method>/<path> or /*.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
          ) :
          ""
        )
        if(x == null ? false : !can(regex(local.regex.speke_api_arn, x)))
      ][0],
      "",
    )
  }

  validation {
    condition = var.access == "scoped" || !(length(var.speke_api_arns) > 0)
    error_message = join("", [
      "speke_api_arns is only used with access \"scoped\": with the console's full ",
      "access the managed policies already decide what the role can reach. Set access to ",
      "\"scoped\", or remove speke_api_arns.",
    ])
  }

  validation {
    condition = alltrue([
      for a in var.speke_api_arns :
      (!can(regex(local.regex.speke_api_arn, a)) || try(split(":", a)[3], "") == data.aws_region.current.name)
    ])
    error_message = try(
      [
        for a in var.speke_api_arns :
        format(
          join("", [
            "SPEKE API ARN \"%s\" is in region %s, but the role's region is %s: MediaConvert ",
            "only reaches it in its own region. Use one in %s, or create the role for %s.",
          ]),
          join("", [for c in split("", a) : lookup(local.json_escapes, c, c)]),
          try(split(":", a)[3], ""),
          data.aws_region.current.name,
          data.aws_region.current.name,
          try(split(":", a)[3], ""),
        )
        if can(regex(local.regex.speke_api_arn, a)) && try(split(":", a)[3], "") != data.aws_region.current.name
      ][0],
      "",
    )
  }
}

variable "kantar_secret_arns" {
  type        = list(string)
  description = "Secrets Manager ARNs of Kantar watermarking credentials: `secretsmanager:GetSecretValue` on them only (the managed policies of full access do not include it)."
  default     = []
  nullable    = false

  validation {
    condition = alltrue([
      for x in var.kantar_secret_arns : can(regex(local.regex.kantar_secret_arn, x))
      if x != null
    ])
    error_message = try(
      [
        for i, x in var.kantar_secret_arns :
        (
          (!startswith(x, "arn:") || length(split(":", x)) < 6) ?
          format(
            join("", [
              "kantar_secret_arns[%s]: Kantar secret ARN \"%s\" is not valid: a Kantar secret ",
              "ARN has the form arn:<partition>:secretsmanager:<region>:<12-digit account ",
              "id>:secret:<name>. It does not start with \"arn:\" or has fewer than six ",
              "\":\"-separated fields.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          try(split(":", x)[2], "") != "secretsmanager" ?
          format(
            join("", [
              "kantar_secret_arns[%s]: Kantar secret ARN \"%s\" is not valid: a Kantar secret ",
              "ARN has the form arn:<partition>:secretsmanager:<region>:<12-digit account ",
              "id>:secret:<name>. It is an ARN of service \"%s\", not \"secretsmanager\".",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[2], ""),
          ) :
          !contains(["aws", "aws-cn", "aws-us-gov"], try(split(":", x)[1], "")) ?
          format(
            join("", [
              "kantar_secret_arns[%s]: Kantar secret ARN \"%s\" is not valid: a Kantar secret ",
              "ARN has the form arn:<partition>:secretsmanager:<region>:<12-digit account ",
              "id>:secret:<name>. Its partition \"%s\" is not one of aws, aws-cn, aws-us-gov.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^(?:[a-z]{2}|us-gov)-[a-z]+-\\d{1,2}$", try(split(":", x)[3], ""))) ?
          format(
            join("", [
              "kantar_secret_arns[%s]: Kantar secret ARN \"%s\" is not valid: a Kantar secret ",
              "ARN has the form arn:<partition>:secretsmanager:<region>:<12-digit account ",
              "id>:secret:<name>. Its region \"%s\" is not a region code such as us-east-1.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
          ) :
          (
            startswith(try(split(":", x)[3], ""), "cn-") ? try(split(":", x)[1], "") != "aws-cn" :
            startswith(try(split(":", x)[3], ""), "us-gov-") ? try(split(":", x)[1], "") != "aws-us-gov" :
            try(split(":", x)[1], "") != "aws"
          ) ?
          format(
            join("", [
              "kantar_secret_arns[%s]: Kantar secret ARN \"%s\" is not valid: a Kantar secret ",
              "ARN has the form arn:<partition>:secretsmanager:<region>:<12-digit account ",
              "id>:secret:<name>. Its region \"%s\" is in partition %s, not %s.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
            (
              startswith(try(split(":", x)[3], ""), "cn-") ? "aws-cn" :
              startswith(try(split(":", x)[3], ""), "us-gov-") ? "aws-us-gov" :
              "aws"
            ),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^\\d{12}$", try(split(":", x)[4], ""))) ?
          format(
            join("", [
              "kantar_secret_arns[%s]: Kantar secret ARN \"%s\" is not valid: a Kantar secret ",
              "ARN has the form arn:<partition>:secretsmanager:<region>:<12-digit account ",
              "id>:secret:<name>. Its account \"%s\" is not a 12-digit account id.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[4], ""),
          ) :
          !can(
            regex(
              "^secret:[A-Za-z0-9/_+=.@-]+$",
              join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
            ),
          ) ?
          format(
            join("", [
              "kantar_secret_arns[%s]: Kantar secret ARN \"%s\" is not valid: a Kantar secret ",
              "ARN has the form arn:<partition>:secretsmanager:<region>:<12-digit account ",
              "id>:secret:<name>. Its resource \"%s\" is not secret: followed by the secret's ",
              "name (letters, digits and / _ + = . @ -).",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
          ) :
          ""
        )
        if(x == null ? false : !can(regex(local.regex.kantar_secret_arn, x)))
      ][0],
      "",
    )
  }
}

variable "confused_deputy_protection" {
  type        = bool
  description = "Trust only requests that MediaConvert makes for one account (`aws:SourceAccount`, `aws:SourceArn`), so that no other account can get MediaConvert to use this role: the stack's account id, else `source_account_id`, else the deploying account (read through `data.aws_caller_identity`). Setting false is less safe."
  default     = true
  nullable    = false
}

variable "source_account_id" {
  type        = string
  description = "The 12-digit account id of the role, for a role whose stack gives none (a stack's own account id must be the same): the trust conditions pin it, and so do the buckets of `inputs` and `outputs` that name no `bucket_owner`. Null for the deploying account (read through data.aws_caller_identity)."
  default     = null
  nullable    = true

  validation {
    condition = alltrue([for v in [var.source_account_id] : !(!can(regex(local.regex.account_id, v))) if v != null])
    error_message = try(
      (
        !can(regex(local.regex.account_id, var.source_account_id)) ?
        format(
          join("", [
            "Account id \"%s\" is not valid: an AWS account id is exactly 12 digits. Copy it ",
            "from \"aws sts get-caller-identity\" (keep leading zeros, and write it as a ",
            "string).",
          ]),
          join("", [for c in split("", var.source_account_id) : lookup(local.json_escapes, c, c)]),
        ) :
        ""
      ),
      "",
    )
  }
}

variable "trusted_queue_arns" {
  type        = list(string)
  description = "Narrow `aws:SourceArn` from any MediaConvert resource of the account to these queues (of the pinned account)."
  default     = []
  nullable    = false

  validation {
    condition = alltrue([for x in var.trusted_queue_arns : can(regex(local.regex.queue_arn, x)) if x != null])
    error_message = try(
      [
        for i, x in var.trusted_queue_arns :
        (
          (!startswith(x, "arn:") || length(split(":", x)) < 6) ?
          format(
            join("", [
              "trusted_queue_arns[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the form ",
              "arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<queue name>. ",
              "It does not start with \"arn:\" or has fewer than six \":\"-separated fields.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          try(split(":", x)[2], "") != "mediaconvert" ?
          format(
            join("", [
              "trusted_queue_arns[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the form ",
              "arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<queue name>. ",
              "It is an ARN of service \"%s\", not \"mediaconvert\".",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[2], ""),
          ) :
          !contains(["aws", "aws-cn", "aws-us-gov"], try(split(":", x)[1], "")) ?
          format(
            join("", [
              "trusted_queue_arns[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the form ",
              "arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<queue name>. ",
              "Its partition \"%s\" is not one of aws, aws-cn, aws-us-gov.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^(?:[a-z]{2}|us-gov)-[a-z]+-\\d{1,2}$", try(split(":", x)[3], ""))) ?
          format(
            join("", [
              "trusted_queue_arns[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the form ",
              "arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<queue name>. ",
              "Its region \"%s\" is not a region code such as us-east-1.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
          ) :
          (
            startswith(try(split(":", x)[3], ""), "cn-") ? try(split(":", x)[1], "") != "aws-cn" :
            startswith(try(split(":", x)[3], ""), "us-gov-") ? try(split(":", x)[1], "") != "aws-us-gov" :
            try(split(":", x)[1], "") != "aws"
          ) ?
          format(
            join("", [
              "trusted_queue_arns[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the form ",
              "arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<queue name>. ",
              "Its region \"%s\" is in partition %s, not %s.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
            (
              startswith(try(split(":", x)[3], ""), "cn-") ? "aws-cn" :
              startswith(try(split(":", x)[3], ""), "us-gov-") ? "aws-us-gov" :
              "aws"
            ),
            try(split(":", x)[1], ""),
          ) :
          !can(regex("^\\d{12}$", try(split(":", x)[4], ""))) ?
          format(
            join("", [
              "trusted_queue_arns[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the form ",
              "arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<queue name>. ",
              "Its account \"%s\" is not a 12-digit account id.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[4], ""),
          ) :
          !can(
            regex(
              "^queues\\/[A-Za-z0-9_-]+$",
              join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
            ),
          ) ?
          format(
            join("", [
              "trusted_queue_arns[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the form ",
              "arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<queue name>. ",
              "Its resource \"%s\" is not queues/ followed by a queue name.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
          ) :
          ""
        )
        if(x == null ? false : !can(regex(local.regex.queue_arn, x)))
      ][0],
      "",
    )
  }

  validation {
    condition = alltrue([
      for a in var.trusted_queue_arns :
      (!can(regex(local.regex.queue_arn, a)) || try(split(":", a)[4], "") == var.source_account_id)
      if var.source_account_id != null
    ])
    error_message = try(
      [
        for a in var.trusted_queue_arns :
        format(
          join("", [
            "Queue ARN \"%s\" belongs to account %s, but source_account_id pins account %s: ",
            "only jobs of the role's own account can assume it. Use a queue of account %s.",
          ]),
          join("", [for c in split("", a) : lookup(local.json_escapes, c, c)]),
          try(split(":", a)[4], ""),
          var.source_account_id,
          var.source_account_id,
        )
        if can(regex(local.regex.queue_arn, a)) && try(split(":", a)[4], "") != var.source_account_id
      ][0],
      "",
    )
  }

  validation {
    condition = var.confused_deputy_protection || length(var.trusted_queue_arns) == 0
    error_message = join("", [
      "trusted_queue_arns has no effect with confused_deputy_protection false: the ",
      "queues are only checked by the trust policy's aws:SourceArn condition. Remove one ",
      "of the two settings.",
    ])
  }
}

variable "role_path" {
  type        = string
  description = "The IAM path of the role. MediaConvert has been reported to fail jobs with roles under a path other than `/` (error 1432, \"Invalid role provided\"): synth warns."
  default     = "/"
  nullable    = false

  validation {
    condition = (length(var.role_path) <= 512 && can(regex(local.regex.path, var.role_path)))
    error_message = try(
      (
        length(var.role_path) > 512 ?
        format(
          join("", [
            "Path \"%s\" is not valid: an IAM path is / alone, or 1 to 512 printable ASCII ",
            "characters that start and end with /. Shorten it to 512 characters (it has %s).",
          ]),
          join("", [
            for c in split("", (length(var.role_path) > 80 ? "${substr(var.role_path, 0, 80)}..." : var.role_path)) :
            lookup(local.json_escapes, c, c)
          ]),
          length(var.role_path),
        ) :
        (
          !can(regex("^(?:\\/|\\/[\\x21-\\x7e]+\\/)$", var.role_path)) &&
          length(regexall("[^\\x{21}-\\x{7E}]", var.role_path)) > 0
        ) ?
        format(
          join("", [
            "Path \"%s\" is not valid: an IAM path is / alone, or 1 to 512 printable ASCII ",
            "characters that start and end with /. Remove %s.",
          ]),
          join("", [
            for c in split("", (length(var.role_path) > 80 ? "${substr(var.role_path, 0, 80)}..." : var.role_path)) :
            lookup(local.json_escapes, c, c)
          ]),
          [
            for n in [
              [
                for c in distinct(regexall("[^\\x{21}-\\x{7E}]", var.role_path)) :
                [
                  for u in [
                    format(
                      "U+%04X",
                      [
                        for d in [
                          [
                            for x in split("", textencodebase64(c, "UTF-16BE")) : index(local.base64_digits, x)
                            if x != "="
                          ],
                        ] :
                        (
                          length(d) == 3 ? floor((d[0] * 4096 + d[1] * 64 + d[2]) / 4) :
                          [
                            for v in [floor(sum([for i, x in d : x * pow(64, 5 - i)]) / 16)] :
                            (floor(v / 65536) - 55296) * 1024 + v % 65536 - 56320 + 65536
                          ][0]
                        )
                      ][0],
                    ),
                  ] :
                  (
                    c == " " ? "the space" :
                    c == "\t" ? "the tab" :
                    c == "\n" ? "the line break" :
                    can(regex("^[\\x{0}-\\x{1F}\\x{7F}-\\x{A0}]$", c)) ? "the invisible character ${u}" :
                    can(regex("^[\\x{20}-\\x{7E}]$", c)) ? "\"${lookup(local.json_escapes, c, c)}\"" :
                    "\"${c}\" (${u})"
                  )
                ][0]
              ],
            ] :
            (length(n) < 2 ? join("", n) : "${join(", ", slice(n, 0, length(n) - 1))} and ${n[length(n) - 1]}")
          ][0],
        ) :
        (!can(regex("^(?:\\/|\\/[\\x21-\\x7e]+\\/)$", var.role_path)) && trim(var.role_path, "/") == "") ?
        format(
          join("", [
            "Path \"%s\" is not valid: an IAM path is / alone, or 1 to 512 printable ASCII ",
            "characters that start and end with /. Use / or leave path out.",
          ]),
          join("", [
            for c in split("", (length(var.role_path) > 80 ? "${substr(var.role_path, 0, 80)}..." : var.role_path)) :
            lookup(local.json_escapes, c, c)
          ]),
        ) :
        !can(regex("^(?:\\/|\\/[\\x21-\\x7e]+\\/)$", var.role_path)) ?
        format(
          join("", [
            "Path \"%s\" is not valid: an IAM path is / alone, or 1 to 512 printable ASCII ",
            "characters that start and end with /. Write it as /%s/.",
          ]),
          join("", [
            for c in split("", (length(var.role_path) > 80 ? "${substr(var.role_path, 0, 80)}..." : var.role_path)) :
            lookup(local.json_escapes, c, c)
          ]),
          trim(var.role_path, "/"),
        ) :
        ""
      ),
      "",
    )
  }
}

variable "role_permissions_boundary_arn" {
  type        = string
  description = "ARN of a managed policy that bounds the role's permissions. Null for none."
  default     = null
  nullable    = true

  validation {
    condition = alltrue([
      for v in [var.role_permissions_boundary_arn] : can(regex(local.regex.policy_arn, v))
      if v != null
    ])
    error_message = try(
      (
        (
          !startswith(var.role_permissions_boundary_arn, "arn:") ||
          length(split(":", var.role_permissions_boundary_arn)) < 6
        ) ?
        format(
          join("", [
            "Permissions boundary ARN \"%s\" is not valid: a Permissions boundary ARN has the ",
            "form arn:<partition>:iam::<12-digit account id or aws>:policy/<path><name>. It ",
            "does not start with \"arn:\" or has fewer than six \":\"-separated fields.",
          ]),
          join("", [for c in split("", var.role_permissions_boundary_arn) : lookup(local.json_escapes, c, c)]),
        ) :
        try(split(":", var.role_permissions_boundary_arn)[2], "") != "iam" ?
        format(
          join("", [
            "Permissions boundary ARN \"%s\" is not valid: a Permissions boundary ARN has the ",
            "form arn:<partition>:iam::<12-digit account id or aws>:policy/<path><name>. It is ",
            "an ARN of service \"%s\", not \"iam\".",
          ]),
          join("", [for c in split("", var.role_permissions_boundary_arn) : lookup(local.json_escapes, c, c)]),
          try(split(":", var.role_permissions_boundary_arn)[2], ""),
        ) :
        !contains(["aws", "aws-cn", "aws-us-gov"], try(split(":", var.role_permissions_boundary_arn)[1], "")) ?
        format(
          join("", [
            "Permissions boundary ARN \"%s\" is not valid: a Permissions boundary ARN has the ",
            "form arn:<partition>:iam::<12-digit account id or aws>:policy/<path><name>. Its ",
            "partition \"%s\" is not one of aws, aws-cn, aws-us-gov.",
          ]),
          join("", [for c in split("", var.role_permissions_boundary_arn) : lookup(local.json_escapes, c, c)]),
          try(split(":", var.role_permissions_boundary_arn)[1], ""),
        ) :
        try(split(":", var.role_permissions_boundary_arn)[3], "") != "" ?
        format(
          join("", [
            "Permissions boundary ARN \"%s\" is not valid: a Permissions boundary ARN has the ",
            "form arn:<partition>:iam::<12-digit account id or aws>:policy/<path><name>. Its ",
            "region field must be empty.",
          ]),
          join("", [for c in split("", var.role_permissions_boundary_arn) : lookup(local.json_escapes, c, c)]),
        ) :
        !can(regex("^(?:\\d{12}|aws)$", try(split(":", var.role_permissions_boundary_arn)[4], ""))) ?
        format(
          join("", [
            "Permissions boundary ARN \"%s\" is not valid: a Permissions boundary ARN has the ",
            "form arn:<partition>:iam::<12-digit account id or aws>:policy/<path><name>. Its ",
            "account \"%s\" is not a 12-digit account id.",
          ]),
          join("", [for c in split("", var.role_permissions_boundary_arn) : lookup(local.json_escapes, c, c)]),
          try(split(":", var.role_permissions_boundary_arn)[4], ""),
        ) :
        !can(
          regex(
            "^policy\\/(?:[\\x21-\\x7e]*\\/)?[A-Za-z0-9_+=,.@-]{1,128}$",
            join(
              ":",
              slice(
                split(":", var.role_permissions_boundary_arn),
                min(5, length(split(":", var.role_permissions_boundary_arn))),
                length(split(":", var.role_permissions_boundary_arn)),
              ),
            ),
          ),
        ) ?
        format(
          join("", [
            "Permissions boundary ARN \"%s\" is not valid: a Permissions boundary ARN has the ",
            "form arn:<partition>:iam::<12-digit account id or aws>:policy/<path><name>. Its ",
            "resource \"%s\" is not policy/ followed by an optional path and a policy name.",
          ]),
          join("", [for c in split("", var.role_permissions_boundary_arn) : lookup(local.json_escapes, c, c)]),
          join(
            ":",
            slice(
              split(":", var.role_permissions_boundary_arn),
              min(5, length(split(":", var.role_permissions_boundary_arn))),
              length(split(":", var.role_permissions_boundary_arn)),
            ),
          ),
        ) :
        ""
      ),
      "",
    )
  }
}

variable "max_session_duration" {
  type        = number
  description = "Maximum session duration of the role in seconds."
  default     = 3600
  nullable    = false

  validation {
    condition = !(
      var.max_session_duration < 3600 ||
      var.max_session_duration > 43200 ||
      floor(var.max_session_duration) != var.max_session_duration
    )
    error_message = format(
      join("", [
        "Max session duration %s is not valid: IAM allows 3600 to 43200 seconds. Use a ",
        "whole number of seconds from 3600 (1 hour) to 43200 (12 hours).",
      ]),
      var.max_session_duration,
    )
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags of the role: at most 50, no `aws:` keys."
  default     = {}
  nullable    = false

  validation {
    condition = length(var.tags) <= 50
    error_message = format(
      "Tags are not valid: IAM allows at most 50 tags per role. Remove %s of the %s tags.",
      length(var.tags) - 50,
      length(var.tags),
    )
  }

  validation {
    condition = alltrue([
      for x in keys(var.tags) : (!startswith(lower(x), "aws:") && can(regex(local.regex.tag_key, x)))
      if x != null
    ])
    error_message = try(
      [
        for i, x in keys(var.tags) :
        (
          x == "" ?
          format(
            join("", [
              "Tag key \"%s\" is not valid: IAM tag keys are 1 to 128 letters, digits, spaces ",
              "and _ . : / = + - @, and may not start with aws: (reserved for AWS). Give the tag ",
              "a key.",
            ]),
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
          ) :
          length(x) > 128 ?
          format(
            join("", [
              "Tag key \"%s\" is not valid: IAM tag keys are 1 to 128 letters, digits, spaces ",
              "and _ . : / = + - @, and may not start with aws: (reserved for AWS). Shorten it ",
              "to 128 characters (it has %s).",
            ]),
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
            length(x),
          ) :
          startswith(lower(x), "aws:") ?
          format(
            join("", [
              "Tag key \"%s\" is not valid: IAM tag keys are 1 to 128 letters, digits, spaces ",
              "and _ . : / = + - @, and may not start with aws: (reserved for AWS). Remove the ",
              "aws: prefix.",
            ]),
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
          ) :
          !can(regex("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$", x)) ?
          format(
            join("", [
              "Tag key \"%s\" is not valid: IAM tag keys are 1 to 128 letters, digits, spaces ",
              "and _ . : / = + - @, and may not start with aws: (reserved for AWS). Remove %s.",
            ]),
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
            [
              for n in [
                [
                  for c in distinct(regexall("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", x)) :
                  [
                    for u in [
                      format(
                        "U+%04X",
                        [
                          for d in [
                            [
                              for x in split("", textencodebase64(c, "UTF-16BE")) : index(local.base64_digits, x)
                              if x != "="
                            ],
                          ] :
                          (
                            length(d) == 3 ? floor((d[0] * 4096 + d[1] * 64 + d[2]) / 4) :
                            [
                              for v in [floor(sum([for i, x in d : x * pow(64, 5 - i)]) / 16)] :
                              (floor(v / 65536) - 55296) * 1024 + v % 65536 - 56320 + 65536
                            ][0]
                          )
                        ][0],
                      ),
                    ] :
                    (
                      c == " " ? "the space" :
                      c == "\t" ? "the tab" :
                      c == "\n" ? "the line break" :
                      can(regex("^[\\x{0}-\\x{1F}\\x{7F}-\\x{A0}]$", c)) ? "the invisible character ${u}" :
                      can(regex("^[\\x{20}-\\x{7E}]$", c)) ? "\"${lookup(local.json_escapes, c, c)}\"" :
                      "\"${c}\" (${u})"
                    )
                  ][0]
                ],
              ] :
              (length(n) < 2 ? join("", n) : "${join(", ", slice(n, 0, length(n) - 1))} and ${n[length(n) - 1]}")
            ][0],
          ) :
          ""
        )
        if(x == null ? false : !(!startswith(lower(x), "aws:") && can(regex(local.regex.tag_key, x))))
      ][0],
      "",
    )
  }

  validation {
    condition = alltrue([for v in values(var.tags) : can(regex(local.regex.tag_value, v))])
    error_message = try(
      [
        for k, v in var.tags :
        (
          length(v) > 256 ?
          format(
            join("", [
              "Tag value \"%s\" of tag \"%s\" is not valid: IAM tag values are at most 256 ",
              "letters, digits, spaces and _ . : / = + - @. Shorten it to 256 characters (it has ",
              "%s).",
            ]),
            join("", [
              for c in split("", (length(v) > 80 ? "${substr(v, 0, 80)}..." : v)) : lookup(local.json_escapes, c, c)
            ]),
            join("", [
              for c in split("", (length(k) > 80 ? "${substr(k, 0, 80)}..." : k)) : lookup(local.json_escapes, c, c)
            ]),
            length(v),
          ) :
          !can(regex("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$", v)) ?
          format(
            join("", [
              "Tag value \"%s\" of tag \"%s\" is not valid: IAM tag values are at most 256 ",
              "letters, digits, spaces and _ . : / = + - @. Remove %s.",
            ]),
            join("", [
              for c in split("", (length(v) > 80 ? "${substr(v, 0, 80)}..." : v)) : lookup(local.json_escapes, c, c)
            ]),
            join("", [
              for c in split("", (length(k) > 80 ? "${substr(k, 0, 80)}..." : k)) : lookup(local.json_escapes, c, c)
            ]),
            [
              for n in [
                [
                  for c in distinct(regexall("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", v)) :
                  [
                    for u in [
                      format(
                        "U+%04X",
                        [
                          for d in [
                            [
                              for x in split("", textencodebase64(c, "UTF-16BE")) : index(local.base64_digits, x)
                              if x != "="
                            ],
                          ] :
                          (
                            length(d) == 3 ? floor((d[0] * 4096 + d[1] * 64 + d[2]) / 4) :
                            [
                              for v in [floor(sum([for i, x in d : x * pow(64, 5 - i)]) / 16)] :
                              (floor(v / 65536) - 55296) * 1024 + v % 65536 - 56320 + 65536
                            ][0]
                          )
                        ][0],
                      ),
                    ] :
                    (
                      c == " " ? "the space" :
                      c == "\t" ? "the tab" :
                      c == "\n" ? "the line break" :
                      can(regex("^[\\x{0}-\\x{1F}\\x{7F}-\\x{A0}]$", c)) ? "the invisible character ${u}" :
                      can(regex("^[\\x{20}-\\x{7E}]$", c)) ? "\"${lookup(local.json_escapes, c, c)}\"" :
                      "\"${c}\" (${u})"
                    )
                  ][0]
                ],
              ] :
              (length(n) < 2 ? join("", n) : "${join(", ", slice(n, 0, length(n) - 1))} and ${n[length(n) - 1]}")
            ][0],
          ) :
          ""
        )
        if length(v) > 256 || !can(regex("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$", v))
      ][0],
      "",
    )
  }
}

variable "exclusive_policy_management" {
  type        = bool
  description = "Terraform owns the role's policies exclusively: managed policies attached and inline policies added outside Terraform are removed on apply."
  default     = false
  nullable    = false
}

variable "create_pass_role_policy" {
  type        = bool
  description = "Create a customer managed policy that allows `iam:PassRole` on this role only, and only to MediaConvert, for the identities that submit jobs; its ARN is an output."
  default     = false
  nullable    = false
}

variable "job_submitters" {
  type = object({
    roles         = optional(list(string), [])
    users         = optional(list(string), [])
    groups        = optional(list(string), [])
    queues        = optional(list(string), [])
    job_templates = optional(list(string), [])
    presets       = optional(list(string), [])
    monitor       = optional(bool, false)
  })
  description = "Let these identities of the role's account submit jobs with the role: a customer managed policy with `mediaconvert:CreateJob` on the named queues, job templates and presets, and `iam:PassRole` on this role to MediaConvert only, attached to each of them; its ARN is an output. Null for nobody."
  default     = null
  nullable    = true

  validation {
    condition = alltrue([
      for x in var.job_submitters == null ? [] : var.job_submitters.roles : can(regex(local.regex.identity_name, x))
      if x != null
    ])
    error_message = try(
      [
        for i, x in var.job_submitters == null ? [] : var.job_submitters.roles :
        (
          x == "" ?
          format(
            join("", [
              "job_submitters.roles[%s]: Identity name \"%s\" is not valid: IAM role, user and ",
              "group names use only letters, digits and + = , . @ - _ (1 to 128 characters). ",
              "Give the name.",
            ]),
            i,
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
          ) :
          length(regexall("[^A-Za-z0-9_+=,.@-]", x)) > 0 ?
          format(
            join("", [
              "job_submitters.roles[%s]: Identity name \"%s\" is not valid: IAM role, user and ",
              "group names use only letters, digits and + = , . @ - _ (1 to 128 characters). ",
              "Remove %s.",
            ]),
            i,
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
            [
              for n in [
                [
                  for c in distinct(regexall("[^A-Za-z0-9_+=,.@-]", x)) :
                  [
                    for u in [
                      format(
                        "U+%04X",
                        [
                          for d in [
                            [
                              for x in split("", textencodebase64(c, "UTF-16BE")) : index(local.base64_digits, x)
                              if x != "="
                            ],
                          ] :
                          (
                            length(d) == 3 ? floor((d[0] * 4096 + d[1] * 64 + d[2]) / 4) :
                            [
                              for v in [floor(sum([for i, x in d : x * pow(64, 5 - i)]) / 16)] :
                              (floor(v / 65536) - 55296) * 1024 + v % 65536 - 56320 + 65536
                            ][0]
                          )
                        ][0],
                      ),
                    ] :
                    (
                      c == " " ? "the space" :
                      c == "\t" ? "the tab" :
                      c == "\n" ? "the line break" :
                      can(regex("^[\\x{0}-\\x{1F}\\x{7F}-\\x{A0}]$", c)) ? "the invisible character ${u}" :
                      can(regex("^[\\x{20}-\\x{7E}]$", c)) ? "\"${lookup(local.json_escapes, c, c)}\"" :
                      "\"${c}\" (${u})"
                    )
                  ][0]
                ],
              ] :
              (length(n) < 2 ? join("", n) : "${join(", ", slice(n, 0, length(n) - 1))} and ${n[length(n) - 1]}")
            ][0],
          ) :
          length(x) > 128 ?
          format(
            join("", [
              "job_submitters.roles[%s]: Identity name \"%s\" is not valid: IAM role, user and ",
              "group names use only letters, digits and + = , . @ - _ (1 to 128 characters). ",
              "Shorten it to 128 characters (it has %s).",
            ]),
            i,
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
            length(x),
          ) :
          ""
        )
        if(x == null ? false : !can(regex(local.regex.identity_name, x)))
      ][0],
      "",
    )
  }

  validation {
    condition = alltrue([
      for x in var.job_submitters == null ? [] : var.job_submitters.users : can(regex(local.regex.identity_name, x))
      if x != null
    ])
    error_message = try(
      [
        for i, x in var.job_submitters == null ? [] : var.job_submitters.users :
        (
          x == "" ?
          format(
            join("", [
              "job_submitters.users[%s]: Identity name \"%s\" is not valid: IAM role, user and ",
              "group names use only letters, digits and + = , . @ - _ (1 to 128 characters). ",
              "Give the name.",
            ]),
            i,
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
          ) :
          length(regexall("[^A-Za-z0-9_+=,.@-]", x)) > 0 ?
          format(
            join("", [
              "job_submitters.users[%s]: Identity name \"%s\" is not valid: IAM role, user and ",
              "group names use only letters, digits and + = , . @ - _ (1 to 128 characters). ",
              "Remove %s.",
            ]),
            i,
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
            [
              for n in [
                [
                  for c in distinct(regexall("[^A-Za-z0-9_+=,.@-]", x)) :
                  [
                    for u in [
                      format(
                        "U+%04X",
                        [
                          for d in [
                            [
                              for x in split("", textencodebase64(c, "UTF-16BE")) : index(local.base64_digits, x)
                              if x != "="
                            ],
                          ] :
                          (
                            length(d) == 3 ? floor((d[0] * 4096 + d[1] * 64 + d[2]) / 4) :
                            [
                              for v in [floor(sum([for i, x in d : x * pow(64, 5 - i)]) / 16)] :
                              (floor(v / 65536) - 55296) * 1024 + v % 65536 - 56320 + 65536
                            ][0]
                          )
                        ][0],
                      ),
                    ] :
                    (
                      c == " " ? "the space" :
                      c == "\t" ? "the tab" :
                      c == "\n" ? "the line break" :
                      can(regex("^[\\x{0}-\\x{1F}\\x{7F}-\\x{A0}]$", c)) ? "the invisible character ${u}" :
                      can(regex("^[\\x{20}-\\x{7E}]$", c)) ? "\"${lookup(local.json_escapes, c, c)}\"" :
                      "\"${c}\" (${u})"
                    )
                  ][0]
                ],
              ] :
              (length(n) < 2 ? join("", n) : "${join(", ", slice(n, 0, length(n) - 1))} and ${n[length(n) - 1]}")
            ][0],
          ) :
          length(x) > 128 ?
          format(
            join("", [
              "job_submitters.users[%s]: Identity name \"%s\" is not valid: IAM role, user and ",
              "group names use only letters, digits and + = , . @ - _ (1 to 128 characters). ",
              "Shorten it to 128 characters (it has %s).",
            ]),
            i,
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
            length(x),
          ) :
          ""
        )
        if(x == null ? false : !can(regex(local.regex.identity_name, x)))
      ][0],
      "",
    )
  }

  validation {
    condition = alltrue([
      for x in var.job_submitters == null ? [] : var.job_submitters.groups : can(regex(local.regex.identity_name, x))
      if x != null
    ])
    error_message = try(
      [
        for i, x in var.job_submitters == null ? [] : var.job_submitters.groups :
        (
          x == "" ?
          format(
            join("", [
              "job_submitters.groups[%s]: Identity name \"%s\" is not valid: IAM role, user and ",
              "group names use only letters, digits and + = , . @ - _ (1 to 128 characters). ",
              "Give the name.",
            ]),
            i,
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
          ) :
          length(regexall("[^A-Za-z0-9_+=,.@-]", x)) > 0 ?
          format(
            join("", [
              "job_submitters.groups[%s]: Identity name \"%s\" is not valid: IAM role, user and ",
              "group names use only letters, digits and + = , . @ - _ (1 to 128 characters). ",
              "Remove %s.",
            ]),
            i,
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
            [
              for n in [
                [
                  for c in distinct(regexall("[^A-Za-z0-9_+=,.@-]", x)) :
                  [
                    for u in [
                      format(
                        "U+%04X",
                        [
                          for d in [
                            [
                              for x in split("", textencodebase64(c, "UTF-16BE")) : index(local.base64_digits, x)
                              if x != "="
                            ],
                          ] :
                          (
                            length(d) == 3 ? floor((d[0] * 4096 + d[1] * 64 + d[2]) / 4) :
                            [
                              for v in [floor(sum([for i, x in d : x * pow(64, 5 - i)]) / 16)] :
                              (floor(v / 65536) - 55296) * 1024 + v % 65536 - 56320 + 65536
                            ][0]
                          )
                        ][0],
                      ),
                    ] :
                    (
                      c == " " ? "the space" :
                      c == "\t" ? "the tab" :
                      c == "\n" ? "the line break" :
                      can(regex("^[\\x{0}-\\x{1F}\\x{7F}-\\x{A0}]$", c)) ? "the invisible character ${u}" :
                      can(regex("^[\\x{20}-\\x{7E}]$", c)) ? "\"${lookup(local.json_escapes, c, c)}\"" :
                      "\"${c}\" (${u})"
                    )
                  ][0]
                ],
              ] :
              (length(n) < 2 ? join("", n) : "${join(", ", slice(n, 0, length(n) - 1))} and ${n[length(n) - 1]}")
            ][0],
          ) :
          length(x) > 128 ?
          format(
            join("", [
              "job_submitters.groups[%s]: Identity name \"%s\" is not valid: IAM role, user and ",
              "group names use only letters, digits and + = , . @ - _ (1 to 128 characters). ",
              "Shorten it to 128 characters (it has %s).",
            ]),
            i,
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
            length(x),
          ) :
          ""
        )
        if(x == null ? false : !can(regex(local.regex.identity_name, x)))
      ][0],
      "",
    )
  }

  validation {
    condition = alltrue([
      for x in var.job_submitters == null ? [] : var.job_submitters.queues :
      can(regex(local.regex.queue_name_or_arn, x))
      if x != null
    ])
    error_message = try(
      [
        for i, x in var.job_submitters == null ? [] : var.job_submitters.queues :
        (
          (!startswith(x, "arn:") && !can(regex("^[A-Za-z0-9_-]{1,128}$", x))) ?
          format(
            join("", [
              "job_submitters.queues[%s]: Queue \"%s\" is not valid: a queue is named by 1 to ",
              "128 letters, digits, - and _, or by its ARN ",
              "arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<name>. Give ",
              "its name or its ARN.",
            ]),
            i,
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
          ) :
          (startswith(x, "arn:") && (!startswith(x, "arn:") || length(split(":", x)) < 6)) ?
          format(
            join("", [
              "job_submitters.queues[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<name>. ",
              "It does not start with \"arn:\" or has fewer than six \":\"-separated fields.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          (startswith(x, "arn:") && try(split(":", x)[2], "") != "mediaconvert") ?
          format(
            join("", [
              "job_submitters.queues[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<name>. ",
              "It is an ARN of service \"%s\", not \"mediaconvert\".",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[2], ""),
          ) :
          (startswith(x, "arn:") && !contains(["aws", "aws-cn", "aws-us-gov"], try(split(":", x)[1], ""))) ?
          format(
            join("", [
              "job_submitters.queues[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<name>. ",
              "Its partition \"%s\" is not one of aws, aws-cn, aws-us-gov.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[1], ""),
          ) :
          (startswith(x, "arn:") && !can(regex("^(?:[a-z]{2}|us-gov)-[a-z]+-\\d{1,2}$", try(split(":", x)[3], "")))) ?
          format(
            join("", [
              "job_submitters.queues[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<name>. ",
              "Its region \"%s\" is not a region code such as us-east-1.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
          ) :
          (
            startswith(x, "arn:") &&
            (
              startswith(try(split(":", x)[3], ""), "cn-") ? try(split(":", x)[1], "") != "aws-cn" :
              startswith(try(split(":", x)[3], ""), "us-gov-") ? try(split(":", x)[1], "") != "aws-us-gov" :
              try(split(":", x)[1], "") != "aws"
            )
          ) ?
          format(
            join("", [
              "job_submitters.queues[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<name>. ",
              "Its region \"%s\" is in partition %s, not %s.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
            (
              startswith(try(split(":", x)[3], ""), "cn-") ? "aws-cn" :
              startswith(try(split(":", x)[3], ""), "us-gov-") ? "aws-us-gov" :
              "aws"
            ),
            try(split(":", x)[1], ""),
          ) :
          (startswith(x, "arn:") && !can(regex("^\\d{12}$", try(split(":", x)[4], "")))) ?
          format(
            join("", [
              "job_submitters.queues[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<name>. ",
              "Its account \"%s\" is not a 12-digit account id.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[4], ""),
          ) :
          (
            startswith(x, "arn:") &&
            !can(
              regex(
                "^queues\\/[A-Za-z0-9_-]{1,128}$",
                join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
              ),
            )
          ) ?
          format(
            join("", [
              "job_submitters.queues[%s]: Queue ARN \"%s\" is not valid: a Queue ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<name>. ",
              "Its resource \"%s\" is not queues/ followed by a name of letters, digits, - and _.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
          ) :
          ""
        )
        if(x == null ? false : !can(regex(local.regex.queue_name_or_arn, x)))
      ][0],
      "",
    )
  }

  validation {
    condition = alltrue([
      for x in var.job_submitters == null ? [] : var.job_submitters.job_templates :
      can(regex(local.regex.job_template_name_or_arn, x))
      if x != null
    ])
    error_message = try(
      [
        for i, x in var.job_submitters == null ? [] : var.job_submitters.job_templates :
        (
          (!startswith(x, "arn:") && !can(regex("^[A-Za-z0-9 _.+=,@-]{1,128}$", x))) ?
          format(
            join("", [
              "job_submitters.job_templates[%s]: Job template \"%s\" is not valid: a job ",
              "template is named by 1 to 128 letters, digits, spaces and _ . + = , @ -, or by ",
              "its ARN arn:<partition>:mediaconvert:<region>:<12-digit account ",
              "id>:jobTemplates/<name>. Give its name or its ARN.",
            ]),
            i,
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
          ) :
          (startswith(x, "arn:") && (!startswith(x, "arn:") || length(split(":", x)) < 6)) ?
          format(
            join("", [
              "job_submitters.job_templates[%s]: Job template ARN \"%s\" is not valid: a Job ",
              "template ARN has the form arn:<partition>:mediaconvert:<region>:<12-digit account ",
              "id>:jobTemplates/<name>. It does not start with \"arn:\" or has fewer than six ",
              "\":\"-separated fields.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          (startswith(x, "arn:") && try(split(":", x)[2], "") != "mediaconvert") ?
          format(
            join("", [
              "job_submitters.job_templates[%s]: Job template ARN \"%s\" is not valid: a Job ",
              "template ARN has the form arn:<partition>:mediaconvert:<region>:<12-digit account ",
              "id>:jobTemplates/<name>. It is an ARN of service \"%s\", not \"mediaconvert\".",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[2], ""),
          ) :
          (startswith(x, "arn:") && !contains(["aws", "aws-cn", "aws-us-gov"], try(split(":", x)[1], ""))) ?
          format(
            join("", [
              "job_submitters.job_templates[%s]: Job template ARN \"%s\" is not valid: a Job ",
              "template ARN has the form arn:<partition>:mediaconvert:<region>:<12-digit account ",
              "id>:jobTemplates/<name>. Its partition \"%s\" is not one of aws, aws-cn, ",
              "aws-us-gov.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[1], ""),
          ) :
          (startswith(x, "arn:") && !can(regex("^(?:[a-z]{2}|us-gov)-[a-z]+-\\d{1,2}$", try(split(":", x)[3], "")))) ?
          format(
            join("", [
              "job_submitters.job_templates[%s]: Job template ARN \"%s\" is not valid: a Job ",
              "template ARN has the form arn:<partition>:mediaconvert:<region>:<12-digit account ",
              "id>:jobTemplates/<name>. Its region \"%s\" is not a region code such as us-east-1.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
          ) :
          (
            startswith(x, "arn:") &&
            (
              startswith(try(split(":", x)[3], ""), "cn-") ? try(split(":", x)[1], "") != "aws-cn" :
              startswith(try(split(":", x)[3], ""), "us-gov-") ? try(split(":", x)[1], "") != "aws-us-gov" :
              try(split(":", x)[1], "") != "aws"
            )
          ) ?
          format(
            join("", [
              "job_submitters.job_templates[%s]: Job template ARN \"%s\" is not valid: a Job ",
              "template ARN has the form arn:<partition>:mediaconvert:<region>:<12-digit account ",
              "id>:jobTemplates/<name>. Its region \"%s\" is in partition %s, not %s.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
            (
              startswith(try(split(":", x)[3], ""), "cn-") ? "aws-cn" :
              startswith(try(split(":", x)[3], ""), "us-gov-") ? "aws-us-gov" :
              "aws"
            ),
            try(split(":", x)[1], ""),
          ) :
          (startswith(x, "arn:") && !can(regex("^\\d{12}$", try(split(":", x)[4], "")))) ?
          format(
            join("", [
              "job_submitters.job_templates[%s]: Job template ARN \"%s\" is not valid: a Job ",
              "template ARN has the form arn:<partition>:mediaconvert:<region>:<12-digit account ",
              "id>:jobTemplates/<name>. Its account \"%s\" is not a 12-digit account id.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[4], ""),
          ) :
          (
            startswith(x, "arn:") &&
            !can(
              regex(
                "^jobTemplates\\/[A-Za-z0-9 _.+=,@-]{1,128}$",
                join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
              ),
            )
          ) ?
          format(
            join("", [
              "job_submitters.job_templates[%s]: Job template ARN \"%s\" is not valid: a Job ",
              "template ARN has the form arn:<partition>:mediaconvert:<region>:<12-digit account ",
              "id>:jobTemplates/<name>. Its resource \"%s\" is not jobTemplates/ followed by a ",
              "name of letters, digits, spaces and _ . + = , @ -.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
          ) :
          ""
        )
        if(x == null ? false : !can(regex(local.regex.job_template_name_or_arn, x)))
      ][0],
      "",
    )
  }

  validation {
    condition = alltrue([
      for x in var.job_submitters == null ? [] : var.job_submitters.presets :
      can(regex(local.regex.preset_name_or_arn, x))
      if x != null
    ])
    error_message = try(
      [
        for i, x in var.job_submitters == null ? [] : var.job_submitters.presets :
        (
          (!startswith(x, "arn:") && !can(regex("^[A-Za-z0-9 _.+=,@-]{1,128}$", x))) ?
          format(
            join("", [
              "job_submitters.presets[%s]: Preset \"%s\" is not valid: a preset is named by 1 to ",
              "128 letters, digits, spaces and _ . + = , @ -, or by its ARN ",
              "arn:<partition>:mediaconvert:<region>:<12-digit account id>:presets/<name>. Give ",
              "its name or its ARN.",
            ]),
            i,
            join("", [
              for c in split("", (length(x) > 80 ? "${substr(x, 0, 80)}..." : x)) : lookup(local.json_escapes, c, c)
            ]),
          ) :
          (startswith(x, "arn:") && (!startswith(x, "arn:") || length(split(":", x)) < 6)) ?
          format(
            join("", [
              "job_submitters.presets[%s]: Preset ARN \"%s\" is not valid: a Preset ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:presets/<name>. ",
              "It does not start with \"arn:\" or has fewer than six \":\"-separated fields.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
          ) :
          (startswith(x, "arn:") && try(split(":", x)[2], "") != "mediaconvert") ?
          format(
            join("", [
              "job_submitters.presets[%s]: Preset ARN \"%s\" is not valid: a Preset ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:presets/<name>. ",
              "It is an ARN of service \"%s\", not \"mediaconvert\".",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[2], ""),
          ) :
          (startswith(x, "arn:") && !contains(["aws", "aws-cn", "aws-us-gov"], try(split(":", x)[1], ""))) ?
          format(
            join("", [
              "job_submitters.presets[%s]: Preset ARN \"%s\" is not valid: a Preset ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:presets/<name>. ",
              "Its partition \"%s\" is not one of aws, aws-cn, aws-us-gov.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[1], ""),
          ) :
          (startswith(x, "arn:") && !can(regex("^(?:[a-z]{2}|us-gov)-[a-z]+-\\d{1,2}$", try(split(":", x)[3], "")))) ?
          format(
            join("", [
              "job_submitters.presets[%s]: Preset ARN \"%s\" is not valid: a Preset ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:presets/<name>. ",
              "Its region \"%s\" is not a region code such as us-east-1.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
          ) :
          (
            startswith(x, "arn:") &&
            (
              startswith(try(split(":", x)[3], ""), "cn-") ? try(split(":", x)[1], "") != "aws-cn" :
              startswith(try(split(":", x)[3], ""), "us-gov-") ? try(split(":", x)[1], "") != "aws-us-gov" :
              try(split(":", x)[1], "") != "aws"
            )
          ) ?
          format(
            join("", [
              "job_submitters.presets[%s]: Preset ARN \"%s\" is not valid: a Preset ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:presets/<name>. ",
              "Its region \"%s\" is in partition %s, not %s.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[3], ""),
            (
              startswith(try(split(":", x)[3], ""), "cn-") ? "aws-cn" :
              startswith(try(split(":", x)[3], ""), "us-gov-") ? "aws-us-gov" :
              "aws"
            ),
            try(split(":", x)[1], ""),
          ) :
          (startswith(x, "arn:") && !can(regex("^\\d{12}$", try(split(":", x)[4], "")))) ?
          format(
            join("", [
              "job_submitters.presets[%s]: Preset ARN \"%s\" is not valid: a Preset ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:presets/<name>. ",
              "Its account \"%s\" is not a 12-digit account id.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            try(split(":", x)[4], ""),
          ) :
          (
            startswith(x, "arn:") &&
            !can(
              regex(
                "^presets\\/[A-Za-z0-9 _.+=,@-]{1,128}$",
                join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
              ),
            )
          ) ?
          format(
            join("", [
              "job_submitters.presets[%s]: Preset ARN \"%s\" is not valid: a Preset ARN has the ",
              "form arn:<partition>:mediaconvert:<region>:<12-digit account id>:presets/<name>. ",
              "Its resource \"%s\" is not presets/ followed by a name of letters, digits, spaces ",
              "and _ . + = , @ -.",
            ]),
            i,
            join("", [for c in split("", x) : lookup(local.json_escapes, c, c)]),
            join(":", slice(split(":", x), min(5, length(split(":", x))), length(split(":", x)))),
          ) :
          ""
        )
        if(x == null ? false : !can(regex(local.regex.preset_name_or_arn, x)))
      ][0],
      "",
    )
  }
}
