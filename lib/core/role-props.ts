/**
 * The props of MediaConvertRole: what a role can be asked to be. The construct, the policy
 * builders and the rules all read this one declaration.
 */
import type { IResolvable } from "./engine";

/** An S3 location MediaConvert reads from. */
export interface InputLocation {
  /** Bucket name. */
  readonly bucket: string;
  /**
   * Key prefix, e.g. `source/`; the role reaches only keys that start with it.
   * @default - the whole bucket
   */
  readonly prefix?: string;
  /**
   * The key of the bucket's SSE-KMS default encryption: the role may `kms:Decrypt` with it, through S3 only.
   * @default - the bucket does not use SSE-KMS
   */
  readonly kmsKeyArn?: string;
}

/** An S3 location MediaConvert writes to. */
export interface OutputLocation extends InputLocation {
  /**
   * Allow `s3:PutObjectAcl`, needed when jobs set a canned ACL such as `bucket-owner-full-control`.
   * @default false
   */
  readonly allowAcl?: boolean;
}

/** How much the role can reach. */
export type RoleAccess = "full" | "scoped";

export interface MediaConvertRoleProps {
  /**
   * The name of the role. It cannot be changed after creation: Terraform replaces the role.
   *
   * 1 to 64 letters, digits and `+ = , . @ - _`; unique per account, not case-sensitive.
   * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
   * @default "MediaConvert_Default_Role"
   */
  readonly roleName?: string;

  /**
   * A description of the role: at most 1000 characters of tab, line breaks and printable Latin-1.
   * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
   * @default - no description
   */
  readonly description?: string;

  /**
   * `full` is the console's role (AWS managed full-access policies); `scoped` grants only the
   * declared `inputs`, `outputs`, `spekeApiArns` and `kantarSecretArns`, in one inline policy.
   * @default "full"
   */
  readonly access?: RoleAccess;

  /**
   * Attach the AWS managed policy `AmazonS3FullAccess`, as the console does. Full access only.
   * @default true
   */
  readonly attachS3FullAccess?: boolean | IResolvable;

  /**
   * Attach the AWS managed policy `AmazonAPIGatewayInvokeFullAccess`, as the console does
   * (DRM key exchange through SPEKE, Nielsen watermarking). Full access only.
   * @default true
   */
  readonly attachApiGatewayInvokeFullAccess?: boolean | IResolvable;

  /**
   * KMS key ARNs of input buckets with SSE-KMS default encryption: the role gets `kms:Decrypt` on
   * them. Key ARNs only; an alias ARN does not grant use of a key. Full access only (scoped roles
   * take `inputs[].kmsKeyArn`).
   * @see https://docs.aws.amazon.com/mediaconvert/latest/ug/iam-role.html
   * @default - no input keys
   */
  readonly inputKmsKeyArns?: readonly string[];

  /**
   * KMS key ARNs of output buckets with SSE-KMS default encryption: the role gets
   * `kms:GenerateDataKey` on them. Full access only (scoped roles take `outputs[].kmsKeyArn`).
   * @default - no output keys
   */
  readonly outputKmsKeyArns?: readonly string[];

  /**
   * Where a scoped role reads: `s3:GetObject` on the objects, `s3:ListBucket` (limited to the
   * prefix) and `s3:GetBucketLocation` on the bucket, `kms:Decrypt` through S3 on the key.
   * @default - none
   */
  readonly inputs?: readonly InputLocation[];

  /**
   * Where a scoped role writes: `s3:PutObject` (and `s3:PutObjectAcl` with `allowAcl`) on the
   * objects, `s3:ListBucket` and `s3:GetBucketLocation` on the bucket, `kms:GenerateDataKey`
   * through S3 on the key.
   * @default - none
   */
  readonly outputs?: readonly OutputLocation[];

  /**
   * Also allow `kms:Decrypt` on output keys (`outputKmsKeyArns`, `outputs[].kmsKeyArn`): S3 needs
   * it to complete multipart uploads to SSE-KMS buckets.
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
   * @default false
   */
  readonly outputMultipartUpload?: boolean;

  /**
   * KMS key ARNs that jobs name in their own S3 destination encryption settings (server-side
   * encryption with a KMS key chosen in the job, not the bucket's default encryption): the role
   * gets `kms:Encrypt` and `kms:GenerateDataKey` on them. Key ARNs only. With scoped access the
   * grant is limited to requests made through S3 (`kms:ViaService`).
   * @default - no job encryption keys
   */
  readonly jobEncryptionKmsKeyArns?: readonly string[];

  /**
   * API Gateway ARNs of SPEKE key servers (DRM): `execute-api:Invoke` on them only. They must be
   * in the stack's region. Scoped access only.
   * @default - none
   */
  readonly spekeApiArns?: readonly string[];

  /**
   * Secrets Manager ARNs of Kantar watermarking credentials: `secretsmanager:GetSecretValue` on
   * them only. Scoped access only.
   * @default - none
   */
  readonly kantarSecretArns?: readonly string[];

  /**
   * Trust only requests MediaConvert makes for one account (`aws:SourceAccount`, `aws:SourceArn`),
   * so that no other account can get MediaConvert to use this role. The account is the stack's
   * `accountId`, else the role's `accountId`, else the deploying account (the account of the
   * credentials Terraform runs with, read through `data.aws_caller_identity`).
   * @see https://docs.aws.amazon.com/mediaconvert/latest/ug/cross-service-confused-deputy-prevention.html
   * @default true
   */
  readonly confusedDeputyProtection?: boolean;

  /**
   * The 12-digit account id the trust conditions pin, for a role whose stack gives none (a
   * `MediaConvertRole` in any `TerraformStack`). A stack's `accountId` wins; giving both with
   * different values is an error.
   * @default - the stack's account id, else the deploying account (`data.aws_caller_identity`)
   */
  readonly accountId?: string;

  /**
   * Narrow `aws:SourceArn` from any MediaConvert resource of the account to these queues. When the
   * account is known at synth time, the queues must belong to it.
   * @default - every queue of the account
   */
  readonly trustedQueueArns?: readonly string[];

  /**
   * The IAM path of the role.
   * @default "/"
   */
  readonly path?: string;

  /**
   * ARN of a managed policy that bounds the role's permissions.
   * @default - no permissions boundary
   */
  readonly permissionsBoundary?: string;

  /**
   * Maximum session duration in seconds, 3600 to 43200.
   * @default 3600
   */
  readonly maxSessionDuration?: number;

  /**
   * Tags of the role: at most 50, no `aws:` keys.
   * @default - no tags
   */
  readonly tags?: Readonly<Record<string, string>>;

  /**
   * Let Terraform own the role's policies exclusively: managed policies attached and inline
   * policies added outside Terraform are removed on apply.
   * @default false
   */
  readonly exclusiveAttachments?: boolean;

  /**
   * Create a customer managed policy that allows `iam:PassRole` on this role only, and only to
   * MediaConvert, for the identities that submit jobs. Its ARN is a stack output.
   * @default false
   */
  readonly passRolePolicy?: boolean;

  /**
   * Set Terraform's `lifecycle.prevent_destroy` on the role, so that a plan that would delete or
   * replace it (a rename, say) fails instead. Recommended for production roles.
   * @default false
   */
  readonly preventDestroy?: boolean;

  /**
   * The role already exists (the MediaConvert console made it, say): import it into Terraform
   * state instead of creating it. The stack gets Terraform `import` blocks (Terraform 1.5 or
   * newer) for the role (id: the role name) and for each managed-policy attachment this config
   * declares (id: `<role name>/<policy ARN>`), so the first plan reads "N to import, 0 to add"
   * and shows what the config changes about the role as in-place updates. Every other prop must
   * reproduce the live role where a change would replace it: `roleName` and `path` (a console
   * role may live under `/service-role/`). The role's own inline policy is created, not imported
   * (see the README); an attachment declared here but missing on the live role fails the plan
   * ("Cannot import non-existent remote object"), so set `attachS3FullAccess` /
   * `attachApiGatewayInvokeFullAccess` to false for what is not attached. The `adopt` command
   * writes such an entry from the live role. Import blocks are harmless once the resources are in
   * state; remove the flag after the first apply. With `preventDestroy`, the recommended
   * production set-up.
   * @see https://developer.hashicorp.com/terraform/language/import
   * @default false
   */
  readonly adopt?: boolean;
}
