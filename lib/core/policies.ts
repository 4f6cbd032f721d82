/**
 * The MediaConvert role's policy documents, as pure functions of validated inputs.
 */
import { formatArn, splitArn } from "./arn";
import { Conditions, policyDocument, PolicyDocument, PolicyStatement } from "./policy-document";
import type { InputLocation, MediaConvertRoleProps, OutputLocation } from "./role-props";
import { ANY_BUCKET_OWNER } from "./rules";
import { isUnresolved } from "./tokens";

export const MEDIACONVERT_SERVICE_PRINCIPAL = "mediaconvert.amazonaws.com";

/** The actions each kind of grant uses; the report and the tests read them from here. */
export const ACTIONS = {
  assume: "sts:AssumeRole",
  kmsDecrypt: "kms:Decrypt",
  kmsEncrypt: "kms:Encrypt",
  kmsGenerateDataKey: "kms:GenerateDataKey",
  s3GetObject: "s3:GetObject",
  s3PutObject: "s3:PutObject",
  s3PutObjectAcl: "s3:PutObjectAcl",
  s3ListBucket: "s3:ListBucket",
  s3GetBucketLocation: "s3:GetBucketLocation",
  apiInvoke: "execute-api:Invoke",
  getSecretValue: "secretsmanager:GetSecretValue",
  passRole: "iam:PassRole",
} as const;

/** Confused-deputy protection: who may make MediaConvert assume the role on whose behalf. */
export interface SourceRestriction {
  readonly partition: string;
  readonly accountId: string;
  /** Queue ARNs; when empty, any MediaConvert resource of the account. */
  readonly queueArns: readonly string[];
}

/**
 * The confused-deputy restriction a role gets: on unless `confusedDeputyProtection` is false,
 * pinned to `account()` (the stack's or role's account id, or the deploying account's, which may
 * be a Terraform reference).
 */
export function sourceRestrictionOf(
  props: Pick<MediaConvertRoleProps, "confusedDeputyProtection" | "trustedQueueArns">,
  partition: string,
  account: () => string,
): SourceRestriction | undefined {
  if (props.confusedDeputyProtection === false) return undefined;
  return { partition, accountId: account(), queueArns: props.trustedQueueArns ?? [] };
}

/** The trust policy: only the MediaConvert service may assume the role, optionally only for one account. */
export function trustPolicy(source?: SourceRestriction): PolicyDocument {
  const condition: Conditions | undefined = source && {
    StringEquals: { "aws:SourceAccount": source.accountId },
    ArnLike: {
      "aws:SourceArn":
        source.queueArns.length > 0
          ? source.queueArns
          : formatArn({ partition: source.partition, service: "mediaconvert", region: "*", accountId: source.accountId, resource: "*" }),
    },
  };
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: MEDIACONVERT_SERVICE_PRINCIPAL },
      Action: [ACTIONS.assume],
      ...(condition ? { Condition: condition } : {}),
    },
  ]);
}

/** The encryption context MediaConvert decrypts the data keys of client-side encrypted inputs with. */
export const DECRYPTION_CONTEXT = { "kms:EncryptionContext:service": MEDIACONVERT_SERVICE_PRINCIPAL } as const;

/**
 * One use of a KMS key by the role: the actions, and who calls KMS. S3 calls it for server-side
 * encryption (a bucket's default key, or a key a job names for its destination); MediaConvert
 * calls it itself for the data keys of client-side encrypted inputs, with DECRYPTION_CONTEXT.
 */
export interface KeyUse {
  readonly keyArn: string;
  readonly actions: readonly string[];
  readonly caller: "s3" | "mediaconvert";
}

/** What the role may do with KMS keys, from either mode's properties. */
export interface KeyUses {
  /** Keys of SSE-KMS input buckets: `kms:Decrypt`. */
  readonly input: readonly string[];
  /** Keys of SSE-KMS output buckets: `kms:GenerateDataKey` (and `kms:Decrypt` with `multipartUpload`). */
  readonly output: readonly string[];
  /** Keys named in jobs' S3 destination encryption settings: `kms:Encrypt`, `kms:GenerateDataKey`. */
  readonly jobEncryption: readonly string[];
  /** Keys of client-side encrypted inputs: `kms:Decrypt` called by MediaConvert, with its encryption context. */
  readonly decryption: readonly string[];
  /** S3 needs `kms:Decrypt` on the output keys to complete multipart uploads. */
  readonly multipartUpload: boolean;
}

/** The keys a role's props name, by use: a scoped role's keys come with its locations. */
export function keyUsesOf(props: MediaConvertRoleProps): KeyUse[] {
  const keysOf = (locations: readonly InputLocation[] | undefined) => (locations ?? []).flatMap((l) => (l.kmsKeyArn !== undefined ? [l.kmsKeyArn] : []));
  const scoped = props.access === "scoped";
  const uses: KeyUses = {
    input: scoped ? keysOf(props.inputs) : (props.inputKmsKeyArns ?? []),
    output: scoped ? keysOf(props.outputs) : (props.outputKmsKeyArns ?? []),
    jobEncryption: props.jobEncryptionKmsKeyArns ?? [],
    decryption: props.decryptionKmsKeyArns ?? [],
    multipartUpload: props.outputMultipartUpload ?? false,
  };
  const use = (keys: readonly string[], actions: readonly string[], caller: KeyUse["caller"]) => keys.map((keyArn) => ({ keyArn, actions, caller }));
  return [
    ...use(uses.input, [ACTIONS.kmsDecrypt], "s3"),
    ...use(uses.output, uses.multipartUpload ? [ACTIONS.kmsGenerateDataKey, ACTIONS.kmsDecrypt] : [ACTIONS.kmsGenerateDataKey], "s3"),
    ...use(uses.jobEncryption, [ACTIONS.kmsEncrypt, ACTIONS.kmsGenerateDataKey], "s3"),
    ...use(uses.decryption, [ACTIONS.kmsDecrypt], "mediaconvert"),
  ];
}

/** The region field of a key ARN (SSE-KMS keys are regional: S3 calls KMS from the key's region). */
function keyRegion(keyArn: string): string | undefined {
  return splitArn(keyArn)?.region;
}

/**
 * The conditions of a key use: S3's calls through the S3 of the key's region only
 * (`kms:ViaService`), MediaConvert's with its encryption context. `viaS3: false` leaves S3's calls
 * unconditioned, as the console's role does.
 */
export function keyUseConditions(use: KeyUse, region: string, viaS3 = true): Conditions | undefined {
  if (use.caller === "mediaconvert") return { StringEquals: DECRYPTION_CONTEXT };
  return viaS3 ? { StringEquals: { "kms:ViaService": `s3.${keyRegion(use.keyArn) || region}.amazonaws.com` } } : undefined;
}

/** The role's statements for its keys: key ARNs as resources; through S3 only for scoped roles. */
function keyStatements(uses: readonly KeyUse[], region: string, viaS3: boolean): PolicyStatement[] {
  return uses.map((use) => {
    const condition = keyUseConditions(use, region, viaS3);
    return { Effect: "Allow", Action: use.actions, Resource: [use.keyArn], ...(condition ? { Condition: condition } : {}) };
  });
}

/** `secretsmanager:GetSecretValue` on the Kantar watermarking credentials. */
function secretStatements(secretArns: readonly string[]): PolicyStatement[] {
  return secretArns.length === 0 ? [] : [{ Effect: "Allow", Action: [ACTIONS.getSecretValue], Resource: secretArns.map(secretResource) }];
}

/**
 * The seed's KMS inline policy, with the keys named as resources: `kms:Decrypt` on the keys of
 * SSE-KMS input buckets, `kms:GenerateDataKey` on the keys of SSE-KMS output buckets.
 * Returns undefined when no key is given (no inline policy is created then).
 */
export function kmsPolicy(inputKeyArns: readonly string[], outputKeyArns: readonly string[]): PolicyDocument | undefined {
  const statements = keyStatements(keyUsesOf({ inputKmsKeyArns: inputKeyArns, outputKmsKeyArns: outputKeyArns }), "", false);
  return statements.length > 0 ? policyDocument(statements) : undefined;
}

const s3Arn = (partition: string, resource: string): string =>
  formatArn({ partition, service: "s3", region: "", accountId: "", resource });

/** `arn:...:s3:::bucket/prefix*`: the objects a location covers. */
export function objectsArn(partition: string, location: InputLocation): string {
  return s3Arn(partition, `${location.bucket}/${location.prefix ?? ""}*`);
}

/**
 * The account a location's bucket is pinned to: its `bucketOwner`, else the role's account;
 * undefined for `"any"` (no pin).
 */
export function bucketOwnerOf(location: InputLocation, roleAccount: () => string): string | undefined {
  if (location.bucketOwner === ANY_BUCKET_OWNER) return undefined;
  return location.bucketOwner ?? roleAccount();
}

/** One location of a scoped role, as its bucket sees it: reads or writes, with ACLs or not. */
export interface LocationUse {
  readonly location: InputLocation;
  readonly writes: boolean;
  readonly allowAcl: boolean;
}

/** The locations of a scoped role's props, inputs first. */
export function locationUsesOf(props: Pick<MediaConvertRoleProps, "inputs" | "outputs">): LocationUse[] {
  return [
    ...(props.inputs ?? []).map((location) => ({ location, writes: false, allowAcl: false })),
    ...(props.outputs ?? []).map((location: OutputLocation) => ({ location, writes: true, allowAcl: location.allowAcl ?? false })),
  ];
}

/**
 * What locations need of one bucket: the object actions on `bucket/prefix*` (`s3:GetObject` for
 * reads; `s3:PutObject`, and `s3:PutObjectAcl` with `allowAcl`, for writes), `s3:ListBucket` on
 * the bucket, limited to the locations' prefixes (one statement lists them all; a location
 * without a prefix lists the whole bucket), and `s3:GetBucketLocation`. The role's policy and the
 * bucket's policy grant the same.
 */
export function bucketStatements(partition: string, uses: readonly LocationUse[]): PolicyStatement[] {
  const objects = uses.map((use): PolicyStatement => {
    const actions = !use.writes ? [ACTIONS.s3GetObject] : use.allowAcl ? [ACTIONS.s3PutObject, ACTIONS.s3PutObjectAcl] : [ACTIONS.s3PutObject];
    return { Effect: "Allow", Action: actions, Resource: [objectsArn(partition, use.location)] };
  });
  const buckets = [...new Set(uses.map((u) => u.location.bucket))];
  return [
    ...objects,
    ...buckets.flatMap((bucket): PolicyStatement[] => {
      const locations = uses.filter((u) => u.location.bucket === bucket).map((u) => u.location);
      const prefixes = locations.flatMap((l) => (l.prefix !== undefined ? [`${l.prefix}*`] : []));
      const resource = [s3Arn(partition, bucket)];
      return [
        ...(prefixes.length > 0 ? [{ Effect: "Allow" as const, Action: [ACTIONS.s3ListBucket], Resource: resource, Condition: { StringLike: { "s3:prefix": prefixes } } }] : []),
        ...(prefixes.length < locations.length ? [{ Effect: "Allow" as const, Action: [ACTIONS.s3ListBucket], Resource: resource }] : []),
        { Effect: "Allow", Action: [ACTIONS.s3GetBucketLocation], Resource: resource },
      ];
    }),
  ];
}

/** `statement` with one more condition (another operator, or another key of one it has). */
function withCondition(statement: PolicyStatement, operator: string, key: string, value: string): PolicyStatement {
  const condition = statement.Condition ?? {};
  return { ...statement, Condition: { ...condition, [operator]: { ...(condition[operator] ?? {}), [key]: value } } };
}

/** A bare API id at the end of an execute-api ARN: the resource then needs `/*` (every stage, method and path). */
export const SPEKE_BARE_API_PATTERN = /:[a-z0-9]{10}$/;

/** The random suffix Secrets Manager appends to every secret's name. */
export const SECRET_SUFFIX_PATTERN = /-[A-Za-z0-9]{6}$/;

/** The execute-api resource for a SPEKE API ARN: a bare API id means every stage, method and path. */
function spekeResource(arn: string): string {
  return SPEKE_BARE_API_PATTERN.test(arn) && !isUnresolved(arn) ? `${arn}/*` : arn;
}

/**
 * The resource for a secret ARN: Secrets Manager appends `-` and six random characters to every
 * secret's name, so an ARN given without them matches the secret only with `-??????` added.
 */
export function secretResource(arn: string): string {
  return SECRET_SUFFIX_PATTERN.test(arn) || isUnresolved(arn) ? arn : `${arn}-??????`;
}

/** An account id for measuring documents whose account is not known at synth: every account id has 12 digits. */
export const SIZING_ACCOUNT = "123456789012";

/** Where a role lives, for its policies: each may be a Terraform reference; `account` is asked for only when a policy needs it. */
export interface PolicyScope {
  readonly partition: string;
  readonly region: string;
  /** The role's account: scoped locations' buckets without a `bucketOwner` are pinned to it. */
  readonly account: () => string;
}

/**
 * The least-privilege statements of a scoped role: each location's statements, pinned to its
 * bucket's owner (`aws:ResourceAccount`), KMS through S3 only (MediaConvert's own decryption with
 * its encryption context), and the named SPEKE APIs and Kantar secrets.
 */
export function scopedStatements(props: MediaConvertRoleProps, scope: PolicyScope): PolicyStatement[] {
  const uses = locationUsesOf(props);
  // Each owner's buckets in statements of their own, pinned to it.
  const owners = [...new Set(uses.map((u) => bucketOwnerOf(u.location, scope.account)))];
  const statements = owners.flatMap((owner) => {
    const own = bucketStatements(scope.partition, uses.filter((u) => bucketOwnerOf(u.location, scope.account) === owner));
    return owner === undefined ? own : own.map((s) => withCondition(s, "StringEquals", "aws:ResourceAccount", owner));
  });
  statements.push(...keyStatements(keyUsesOf(props), scope.region, true));
  const spekeApiArns = props.spekeApiArns ?? [];
  if (spekeApiArns.length > 0) statements.push({ Effect: "Allow", Action: [ACTIONS.apiInvoke], Resource: spekeApiArns.map(spekeResource) });
  return [...statements, ...secretStatements(props.kantarSecretArns ?? [])];
}

/** The names of the inline policies a role can have. */
export const INLINE_POLICIES = {
  /** Full access: the KMS keys the managed policies do not reach. */
  kms: "kms-sse-keys",
  /** Full access: the Kantar credentials (the managed policies grant no Secrets Manager action). */
  secrets: "kantar-secrets",
  /** Scoped access: everything the role may reach. */
  scoped: "mediaconvert-scoped-access",
} as const;

export type InlinePolicyKind = keyof typeof INLINE_POLICIES;

/** One inline policy of a role: which one, and its document. */
export interface InlinePolicy {
  readonly kind: InlinePolicyKind;
  readonly name: string;
  readonly document: PolicyDocument;
}

/**
 * The role's inline policies: for full access the KMS keys and the Kantar secrets (each a policy
 * of its own, only when it grants something), for scoped access everything declared in one.
 */
export function inlinePolicies(props: MediaConvertRoleProps, scope: PolicyScope): InlinePolicy[] {
  const policy = (kind: InlinePolicyKind, statements: PolicyStatement[]): InlinePolicy[] =>
    statements.length > 0 ? [{ kind, name: INLINE_POLICIES[kind], document: policyDocument(statements) }] : [];
  if (props.access === "scoped") return policy("scoped", scopedStatements(props, scope));
  return [...policy("kms", keyStatements(keyUsesOf(props), scope.region, false)), ...policy("secrets", secretStatements(props.kantarSecretArns ?? []))];
}
