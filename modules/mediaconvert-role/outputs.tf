output "role_arn" {
  description = "ARN of the MediaConvert role: pass it as the Role of MediaConvert jobs."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the MediaConvert role."
  value       = aws_iam_role.this.name
}

output "role_unique_id" {
  description = "Stable unique id of the MediaConvert role (changes when the role is replaced)."
  value       = aws_iam_role.this.unique_id
}

output "pass_role_policy_arn" {
  description = "ARN of the policy that lets job submitters pass the role to MediaConvert (attach it to them), or null when create_pass_role_policy is false."
  value       = one(aws_iam_policy.this_pass_role[*].arn)
}

output "submit_jobs_policy_arn" {
  description = "ARN of the policy that lets the identities of job_submitters submit jobs with the role (attached to them by the module), or null when job_submitters is null."
  value       = one(aws_iam_policy.this_submit_jobs[*].arn)
}

output "bucket_policy_statements" {
  description = "By bucket of the scoped inputs and outputs: the policy document (JSON) the bucket's policy must hold for the role, ready for source_policy_documents of the bucket policy's aws_iam_policy_document. Needed for buckets of another account."
  value       = local.bucket_policy_statements
}

output "key_policy_statements" {
  description = "By KMS key ARN the role uses: the policy document (JSON) the key's policy must hold for the role (through S3 only, or with MediaConvert's encryption context), ready for source_policy_documents. Needed for keys of another account, and for keys whose key policy lacks the account-root statement."
  value       = local.key_policy_statements
}
