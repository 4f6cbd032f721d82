/**
 * One declaration per role property: what it does, its default, and its name in the Terraform
 * module. The README's Roles table and the module's variable descriptions are generated from it
 * (`npm run synth`), so adding a property touches this table, `MediaConvertRoleProps` and its rule.
 *
 * In `meaning`, names are written `{name}` (a prop, or a field of a location such as
 * `{kmsKeyArn}`): the README shows them as written, the module in snake_case, as its variables
 * and object attributes are named.
 */
import type { MediaConvertRoleProps } from "./role-props";
import { RULES } from "./messages";

/** The documentation of one role property. */
export interface RolePropertyDoc {
  /** What it does, in one or two sentences; names as `{name}`. */
  readonly meaning: string;
  /** The default, as the README shows it. */
  readonly default: string;
  /** The module variable, or undefined when the module has no such input (Terraform-side features). */
  readonly variable?: string;
  /** What the module's description adds (its null, its rule). */
  readonly moduleNote?: string;
}

/** A rule text as a sentence of its own. */
const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

/** Every property of `MediaConvertRoleProps`, in the order of the README and the module. */
export const ROLE_PROPERTIES: { readonly [K in keyof Required<MediaConvertRoleProps>]: RolePropertyDoc } = {
  roleName: {
    variable: "role_name",
    meaning: `Name of the IAM role, unique per account, case-insensitively. ${sentence(RULES.roleName)} Cannot be changed later: Terraform replaces the role.`,
    default: "`MediaConvert_Default_Role`",
  },
  description: {
    variable: "role_description",
    meaning: `Description of the IAM role. ${sentence(RULES.description)}`,
    moduleNote: "Null for none.",
    default: "none",
  },
  access: {
    variable: "access",
    meaning:
      '`"full"`: the console\'s role (AWS managed full-access policies). `"scoped"`: only what {inputs}, {outputs}, {spekeApiArns} and {kantarSecretArns} declare, in one inline policy, no managed policies.',
    default: '`"full"`',
  },
  attachS3FullAccess: {
    variable: "attach_s3_full_access",
    meaning: "Attach the AWS managed policy `AmazonS3FullAccess`, as the MediaConvert console does (full access only).",
    moduleNote: "Null means true with full access.",
    default: "`true`",
  },
  attachApiGatewayInvokeFullAccess: {
    variable: "attach_api_gateway_invoke_full_access",
    meaning: "Attach the AWS managed policy `AmazonAPIGatewayInvokeFullAccess`, as the MediaConvert console does (SPEKE DRM, Nielsen watermarking; full access only).",
    moduleNote: "Null means true with full access.",
    default: "`true`",
  },
  inputKmsKeyArns: {
    variable: "input_kms_key_arns",
    meaning: "KMS key ARNs of SSE-KMS input buckets: `kms:Decrypt` on them. Key ARNs, not alias ARNs. Full access only (scoped roles take {inputs}[].{kmsKeyArn}).",
    default: "none",
  },
  outputKmsKeyArns: {
    variable: "output_kms_key_arns",
    meaning:
      "KMS key ARNs of SSE-KMS output buckets: `kms:GenerateDataKey` on them; a key in both lists gets both. Key ARNs, not alias ARNs. Full access only (scoped roles take {outputs}[].{kmsKeyArn}).",
    default: "none",
  },
  inputs: {
    variable: "inputs",
    meaning:
      "Scoped access: where MediaConvert reads, as {bucket}, optional {prefix} and {kmsKeyArn}. `s3:GetObject` on `bucket/prefix*`, `s3:ListBucket` on the bucket (limited to the prefix), `s3:GetBucketLocation`, `kms:Decrypt` through S3 on the key.",
    default: "none",
  },
  outputs: {
    variable: "outputs",
    meaning:
      "Scoped access: where MediaConvert writes, as {bucket}, optional {prefix}, {kmsKeyArn} and {allowAcl}. `s3:PutObject` (and `s3:PutObjectAcl` with {allowAcl}) on `bucket/prefix*`, `s3:ListBucket` and `s3:GetBucketLocation` on the bucket, `kms:GenerateDataKey` through S3 on the key.",
    default: "none",
  },
  outputMultipartUpload: {
    variable: "output_multipart_upload",
    meaning:
      "Both modes: also `kms:Decrypt` on output keys ({outputKmsKeyArns}, {outputs}[].{kmsKeyArn}): S3 needs it to complete multipart uploads to SSE-KMS buckets.",
    default: "`false`",
  },
  jobEncryptionKmsKeyArns: {
    variable: "job_encryption_kms_key_arns",
    meaning:
      "KMS key ARNs that jobs name in their own S3 destination encryption settings (not the bucket's default encryption): `kms:Encrypt` and `kms:GenerateDataKey` on them; scoped roles only through S3 (`kms:ViaService`). Both modes.",
    default: "none",
  },
  spekeApiArns: {
    variable: "speke_api_arns",
    meaning: "Scoped access: API Gateway ARNs of SPEKE key servers (DRM), in the provider's region: `execute-api:Invoke` on them only (a bare API id means all its stages).",
    default: "none",
  },
  kantarSecretArns: {
    variable: "kantar_secret_arns",
    meaning: "Scoped access: Secrets Manager ARNs of Kantar watermarking credentials: `secretsmanager:GetSecretValue` on them only.",
    default: "none",
  },
  confusedDeputyProtection: {
    variable: "confused_deputy_protection",
    meaning:
      "Trust policy conditions `aws:SourceAccount` = the account and `aws:SourceArn` like `arn:<partition>:mediaconvert:*:<account>:*`, so that MediaConvert uses the role only for that account: {accountId} when given, else the deploying account (`data.aws_caller_identity`). Setting `false` is less safe.",
    default: "`true`",
  },
  accountId: {
    variable: "source_account_id",
    meaning: "The 12-digit account id the trust conditions pin, instead of the deploying account (a stack's own account id must be the same).",
    moduleNote: "Null for the deploying account (read through data.aws_caller_identity).",
    default: "the stack's `accountId`, else the deploying account",
  },
  trustedQueueArns: {
    variable: "trusted_queue_arns",
    meaning: "Narrow `aws:SourceArn` to these MediaConvert queues (of the pinned account, when it is known before the plan).",
    default: "all queues of the account",
  },
  path: {
    variable: "role_path",
    meaning: `IAM path of the role. ${sentence(RULES.path)}`,
    default: "`/`",
  },
  permissionsBoundary: {
    variable: "role_permissions_boundary_arn",
    meaning: "ARN of a managed policy that bounds the role's permissions.",
    moduleNote: "Null for none.",
    default: "none",
  },
  maxSessionDuration: {
    variable: "max_session_duration",
    meaning: `Maximum session duration of the role in seconds. ${sentence(RULES.maxSessionDuration)}`,
    default: "3600",
  },
  tags: {
    variable: "tags",
    meaning: "Tags of the role: at most 50; no `aws:` keys.",
    default: "none",
  },
  exclusiveAttachments: {
    variable: "exclusive_policy_management",
    meaning: "Terraform owns the role's policies: managed policies attached and inline policies added outside Terraform are removed on apply.",
    default: "`false`",
  },
  passRolePolicy: {
    variable: "create_pass_role_policy",
    meaning:
      "Create a customer managed policy allowing `iam:PassRole` on this role only, to MediaConvert only, for the identities that submit jobs (attach it to them); its ARN is an output.",
    default: "`false`",
  },
  preventDestroy: {
    meaning: "`lifecycle.prevent_destroy` on the role: a plan that would delete or replace it (a rename) fails. Use it for production.",
    default: "`false`",
  },
  adopt: {
    meaning:
      "The role exists already (the console made it): the stack gets Terraform `import` blocks for the role and the managed-policy attachments the config declares, so the first plan imports instead of creating. See [Adopting an existing role](#adopting-an-existing-role).",
    default: "`false`",
  },
};

/** Names of location fields, as the module's object attributes call them. */
const FIELD_VARIABLES: Readonly<Record<string, string>> = { bucket: "bucket", prefix: "prefix", kmsKeyArn: "kms_key_arn", allowAcl: "allow_acl" };

/** `meaning` with its `{name}`s as the README shows them (`name`) or as the module does (`snake_name`). */
export function renderMeaning(meaning: string, side: "props" | "module"): string {
  return meaning.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const variable = (ROLE_PROPERTIES as Readonly<Record<string, RolePropertyDoc>>)[name]?.variable ?? FIELD_VARIABLES[name];
    if (variable === undefined) throw new Error(`Unknown name {${name}} in a role property's meaning.`);
    return `\`${side === "module" ? variable : name}\``;
  });
}

/** The module variable's description of a property: its meaning in module names, then its module note. */
export function moduleDescription(prop: keyof MediaConvertRoleProps): string {
  const doc = ROLE_PROPERTIES[prop];
  return [renderMeaning(doc.meaning, "module"), doc.moduleNote].filter((part) => part !== undefined).join(" ");
}
