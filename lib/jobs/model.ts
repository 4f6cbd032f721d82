/**
 * What the jobs need, as data: the accesses (each with its IAM actions, request context and every
 * settings path that needs it), the notes (what needs nothing), the undecidables (what the jobs
 * cannot show, and the option that supplies it), and the ARN each access stands for.
 * `derive` turns these into a role's config; `verify` checks a role against them.
 */
import { formatArn, partitionOfRegion, type Partition } from "../core/arn";
import type { JobEntry, TemplateDocumentEntry, UnresolvedTemplate } from "./documents";

/** Where an access (or note, or undecidable) comes from. */
export interface AccessOrigin {
  /** The job's or template's label (`<file>` or `<file>: Jobs[3]`). */
  readonly entry: string;
  /** The settings path that needs it, PascalCase whatever the document's spelling: `Settings.OutputGroups[1].OutputGroupSettings.HlsGroupSettings.Destination`. */
  readonly path: string;
  /** What the field is: "HLS destination", "sidecar caption source", "unclassified S3 location". */
  readonly label: string;
  /** The value as written (URI, URL, name, ARN). */
  readonly value: string;
  /** The job template the value came from, when a job took it from its template. */
  readonly fromTemplate?: string;
  /** Set when the generic walk found an `s3://` value under a field no rule knows (granted as a read). */
  readonly unclassified?: true;
}

/** Request context keys an access carries (for conditions and the policy simulator). */
export type AccessContext = Readonly<Record<string, string>>;

interface AccessBase {
  /** The IAM actions the access is. */
  readonly actions: readonly string[];
  /** Request context the calls carry (`kms:ViaService`, `s3:x-amz-acl`, `aws:SourceArn`, ...). */
  readonly context: AccessContext;
  /** Every place that needs it, sorted by entry and path. */
  readonly origins: readonly AccessOrigin[];
}

/** Where the job runs, as far as its documents show. */
export interface JobScope {
  readonly partition?: Partition;
  readonly region?: string;
  readonly accountId?: string;
}

/** `s3:GetObject` on one object, or on every object under a key prefix (a package folder, an image sequence). */
export interface S3ReadAccess extends AccessBase {
  readonly kind: "s3:read";
  readonly partition?: Partition;
  readonly bucket: string;
  /** The object's key, or the prefix every key read starts with. */
  readonly key: string;
  readonly match: "object" | "prefix";
}

/** `s3:PutObject` under a key prefix: an output destination's folder (`dir/`), or a log or metadata folder. */
export interface S3WriteAccess extends AccessBase {
  readonly kind: "s3:write";
  readonly partition?: Partition;
  readonly bucket: string;
  /** Every key written starts with it: the destination's directory, cut before any settings variable (`$d$`). */
  readonly prefix: string;
  /** The base file names the destinations give (`master` of `s3://b/hls/master`), sorted; "" when a destination names only a folder. */
  readonly basenames: readonly string[];
}

/** `s3:PutObjectAcl` under a destination's prefix, for a canned ACL (`s3:x-amz-acl` in the context). */
export interface S3AclAccess extends AccessBase {
  readonly kind: "s3:acl";
  readonly partition?: Partition;
  readonly bucket: string;
  readonly prefix: string;
  /** The S3 canned ACL, as S3 names it (`bucket-owner-full-control`). */
  readonly cannedAcl: string;
}

/**
 * KMS on a key the settings name: a job-level output key (`kms:Encrypt`, `kms:GenerateDataKey`
 * through S3, `kms:ViaService` in the context), or a C2PA signing key (`kms:Sign`, called directly).
 */
export interface KmsAccess extends AccessBase {
  readonly kind: "kms";
  /** The key's ARN as written (an alias ARN or key id is reported as undecidable instead). */
  readonly keyArn: string;
  /** "s3": S3 calls KMS for MediaConvert (`kms:ViaService = s3.<region>.amazonaws.com`); "direct": MediaConvert calls KMS itself. */
  readonly via: "s3" | "direct";
}

/** `execute-api:Invoke` on an API Gateway method: SPEKE key servers and Nielsen TIC servers. */
export interface ExecuteApiAccess extends AccessBase {
  readonly kind: "execute-api";
  readonly partition: Partition;
  readonly region: string;
  /** The API's account: the job's when its ARNs show it, else unknown (the caller fills it). */
  readonly accountId?: string;
  readonly apiId: string;
  readonly stage: string;
  /** The HTTP method: SPEKE and TIC requests are POST. */
  readonly method: string;
  /** The resource path after the stage, without a leading `/`. */
  readonly resourcePath: string;
}

/**
 * `secretsmanager:GetSecretValue` on a secret: Kantar credentials, C2PA certificates, an EventBridge
 * connection's secret. A secret named without its ARN is matched with the six random characters
 * Secrets Manager appends (`<name>-??????`).
 */
export interface SecretAccess extends AccessBase {
  readonly kind: "secret";
  readonly partition?: Partition;
  readonly region?: string;
  readonly accountId?: string;
  /** The secret's name (without the random suffix), or its full name from an ARN, or a name prefix. */
  readonly name: string;
  /** "random-suffix": `<name>-??????`; "exact": an ARN's whole name; "prefix": `<name>*`. */
  readonly match: "random-suffix" | "exact" | "prefix";
}

/** `events:RetrieveConnectionCredentials` on an EventBridge connection (TAMS inputs). */
export interface ConnectionAccess extends AccessBase {
  readonly kind: "events:connection";
  readonly arn: string;
}

/**
 * A queue the job runs in: the trust policy's `aws:SourceArn` when MediaConvert assumes the role
 * (`sts:AssumeRole`). A job that names none runs in the queue named `Default`.
 */
export interface QueueAccess extends AccessBase {
  readonly kind: "queue";
  readonly partition?: Partition;
  readonly region?: string;
  readonly accountId?: string;
  readonly name: string;
}

/** One access the role needs. */
export type Access = S3ReadAccess | S3WriteAccess | S3AclAccess | KmsAccess | ExecuteApiAccess | SecretAccess | ConnectionAccess | QueueAccess;

/** The kinds, in report order. */
export const ACCESS_KINDS: readonly Access["kind"][] = ["s3:read", "s3:write", "s3:acl", "kms", "execute-api", "secret", "events:connection", "queue"];

/** Something that needs no grant, said so the reader knows it was seen. */
export interface Note {
  readonly kind: "http" | "not-api-gateway" | "external-url" | "aws-managed-key" | "settings-variable" | "not-an-s3-uri" | "tams-server" | "acl-without-destination";
  /** What the note is about (a URL, a destination). */
  readonly subject: string;
  readonly text: string;
  readonly origins: readonly AccessOrigin[];
}

/** An option of the role (construct prop, config key, module variable) that supplies what jobs cannot show. */
export interface RoleOption {
  readonly roleProperty: string;
  readonly configKey: string;
  readonly moduleVariable: string;
}

/** Something the role needs that the job documents cannot show, with the option that supplies it. */
export interface Undecidable {
  readonly kind: "decryption-key" | "bucket-default-key" | "kms-key-not-an-arn";
  /** What it is about: the bucket, the region of the decryption key, the key as written. */
  readonly subject: string;
  /** The actions the role needs on what the option names. */
  readonly actions: readonly string[];
  /** The request context those calls carry. */
  readonly context: AccessContext;
  /** The option of the role that supplies it; absent when no option can yet (a C2PA signing key named by alias). */
  readonly option?: RoleOption;
  readonly text: string;
  readonly origins: readonly AccessOrigin[];
}

/** What one job or template needs. */
export interface EntryAccesses {
  readonly entry: JobEntry;
  /** Where the job runs, as far as its documents (and the options) show. */
  readonly scope: JobScope;
  /** The template whose settings the job took, when it was read. */
  readonly template?: TemplateDocumentEntry;
  readonly unresolvedTemplate?: UnresolvedTemplate;
  readonly accesses: readonly Access[];
  readonly notes: readonly Note[];
  readonly undecidables: readonly Undecidable[];
  /** The origins of unclassified `s3://` values (also among the reads). */
  readonly unclassified: readonly AccessOrigin[];
}

/** What all the jobs and templates read need, merged, plus each one's own. */
export interface AccessReport {
  /** Per job and template, in the order read. */
  readonly entries: readonly EntryAccesses[];
  /** All accesses, merged: one per resource, actions and context, with every origin. */
  readonly accesses: readonly Access[];
  readonly notes: readonly Note[];
  readonly undecidables: readonly Undecidable[];
  readonly unclassified: readonly AccessOrigin[];
  readonly unresolvedTemplates: readonly UnresolvedTemplate[];
}

/** Defaults for what the documents do not show (a CreateJob request names no region). */
export interface ExtractOptions {
  /** The region the jobs run in, when their documents show none (e.g. from --region). */
  readonly region?: string;
  /** The account the jobs run in, when their documents show none. */
  readonly accountId?: string;
}

/** The actions of each kind. */
export const ACTIONS = {
  s3Read: ["s3:GetObject"],
  s3Write: ["s3:PutObject"],
  s3Acl: ["s3:PutObjectAcl"],
  jobKey: ["kms:Encrypt", "kms:GenerateDataKey"],
  signingKey: ["kms:Sign"],
  decryptionKey: ["kms:Decrypt"],
  bucketReadKey: ["kms:Decrypt"],
  bucketWriteKey: ["kms:GenerateDataKey"],
  invoke: ["execute-api:Invoke"],
  secret: ["secretsmanager:GetSecretValue"],
  connectionSecret: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
  connection: ["events:RetrieveConnectionCredentials"],
  assumeRole: ["sts:AssumeRole"],
} as const;

/** The options that supply what jobs cannot show. */
export const ROLE_OPTIONS = {
  decryptionKeys: { roleProperty: "decryptionKmsKeyArns", configKey: "decryptionKmsKeyArns", moduleVariable: "decryption_kms_key_arns" },
  inputBucketKey: { roleProperty: "inputs[].kmsKeyArn", configKey: "inputs[].kmsKeyArn", moduleVariable: "inputs[*].kms_key_arn" },
  outputBucketKey: { roleProperty: "outputs[].kmsKeyArn", configKey: "outputs[].kmsKeyArn", moduleVariable: "outputs[*].kms_key_arn" },
  jobKeys: { roleProperty: "jobEncryptionKmsKeyArns", configKey: "jobEncryptionKmsKeyArns", moduleVariable: "job_encryption_kms_key_arns" },
} as const satisfies Record<string, RoleOption>;

/** MediaConvert's canned ACL values as S3 names them. */
export const CANNED_ACLS: Readonly<Record<string, string>> = {
  PUBLIC_READ: "public-read",
  AUTHENTICATED_READ: "authenticated-read",
  BUCKET_OWNER_READ: "bucket-owner-read",
  BUCKET_OWNER_FULL_CONTROL: "bucket-owner-full-control",
};

// ---------------------------------------------------------------------------------------------
// ARNs of accesses

/** What fills the parts of an ARN an access leaves open. */
export interface ArnFill {
  readonly partition?: Partition;
  readonly region?: string;
  readonly accountId?: string;
}

/**
 * The resource ARN (or ARN pattern) an access needs: `arn:aws:s3:::bucket/prefix*`,
 * `arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/POST/copyProtection`,
 * `arn:aws:secretsmanager:eu-west-1:111122223333:secret:kantar/credentials-??????`. Parts the
 * access leaves open come from `fill`; undefined when a part is still unknown.
 */
export function accessResourceArn(access: Access, fill: ArnFill = {}): string | undefined {
  const region = ("region" in access ? access.region : undefined) ?? fill.region;
  const partition = ("partition" in access ? access.partition : undefined) ?? fill.partition ?? (region !== undefined ? partitionOfRegion(region) : undefined);
  const accountId = ("accountId" in access ? access.accountId : undefined) ?? fill.accountId;
  switch (access.kind) {
    case "kms":
      return access.keyArn;
    case "events:connection":
      return access.arn;
    case "s3:read":
      if (partition === undefined) return undefined;
      return formatArn({ partition, service: "s3", region: "", accountId: "", resource: `${access.bucket}/${access.key}${access.match === "prefix" ? "*" : ""}` });
    case "s3:write":
    case "s3:acl":
      if (partition === undefined) return undefined;
      return formatArn({ partition, service: "s3", region: "", accountId: "", resource: `${access.bucket}/${access.prefix}*` });
    case "execute-api":
      if (accountId === undefined) return undefined;
      return formatArn({
        partition: access.partition,
        service: "execute-api",
        region: access.region,
        accountId,
        resource: `${access.apiId}/${access.stage}/${access.method}/${access.resourcePath}`,
      });
    case "secret": {
      if (partition === undefined || region === undefined || accountId === undefined) return undefined;
      const suffix = access.match === "random-suffix" ? "-??????" : access.match === "prefix" ? "*" : "";
      return formatArn({ partition, service: "secretsmanager", region, accountId, resource: `secret:${access.name}${suffix}` });
    }
    case "queue":
      if (partition === undefined || region === undefined || accountId === undefined) return undefined;
      return formatArn({ partition, service: "mediaconvert", region, accountId, resource: `queues/${access.name}` });
  }
}
