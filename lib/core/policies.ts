/**
 * The MediaConvert role's policy documents, as pure functions of validated inputs.
 */
import { isUnresolved } from "./tokens";
import { formatArn, splitArn } from "./arn";
import { Conditions, policyDocument, PolicyDocument, PolicyStatement } from "./policy-document";
import type { InputLocation, MediaConvertRoleProps, OutputLocation } from "./role-props";

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

/** The KMS keys of a console-equivalent role, by what they are for. */
export interface FullAccessKeys {
  /** Keys of SSE-KMS input buckets: `kms:Decrypt`. */
  readonly input: readonly string[];
  /** Keys of SSE-KMS output buckets: `kms:GenerateDataKey` (and `kms:Decrypt` with `multipartUpload`). */
  readonly output: readonly string[];
  /** Keys named in jobs' S3 destination encryption settings: `kms:Encrypt`, `kms:GenerateDataKey`. */
  readonly jobEncryption: readonly string[];
  /** S3 needs `kms:Decrypt` on the output keys to complete multipart uploads. */
  readonly multipartUpload: boolean;
}

/** The KMS statements of the console-equivalent role: key ARNs as resources, no other condition. */
export function kmsStatements(keys: FullAccessKeys): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const grant = (actions: string[], resources: readonly string[]) => {
    if (resources.length > 0) statements.push({ Effect: "Allow", Action: actions, Resource: resources });
  };
  grant([ACTIONS.kmsDecrypt], keys.input);
  grant([ACTIONS.kmsGenerateDataKey], keys.output);
  if (keys.multipartUpload) grant([ACTIONS.kmsDecrypt], keys.output);
  grant([ACTIONS.kmsEncrypt, ACTIONS.kmsGenerateDataKey], keys.jobEncryption);
  return statements;
}

/**
 * The seed's KMS inline policy, with the keys named as resources: `kms:Decrypt` on the keys of
 * SSE-KMS input buckets, `kms:GenerateDataKey` on the keys of SSE-KMS output buckets.
 * Returns undefined when no key is given (no inline policy is created then).
 */
export function kmsPolicy(inputKeyArns: readonly string[], outputKeyArns: readonly string[]): PolicyDocument | undefined {
  const statements = kmsStatements({ input: inputKeyArns, output: outputKeyArns, jobEncryption: [], multipartUpload: false });
  return statements.length > 0 ? policyDocument(statements) : undefined;
}

/** What a scoped role may reach. */
export interface ScopedAccess {
  readonly partition: string;
  readonly region: string;
  readonly inputs: readonly InputLocation[];
  readonly outputs: readonly OutputLocation[];
  readonly spekeApiArns: readonly string[];
  readonly kantarSecretArns: readonly string[];
  /** Keys named in jobs' S3 destination encryption settings. */
  readonly jobEncryptionKmsKeyArns: readonly string[];
  /** Also allow `kms:Decrypt` on output keys, which S3 needs to complete multipart uploads. */
  readonly outputMultipartUpload: boolean;
}

const s3Arn = (partition: string, resource: string): string =>
  formatArn({ partition, service: "s3", region: "", accountId: "", resource });

/** The region field of a key ARN; for a Terraform reference (the module's), the expression reading it. */
function keyRegion(keyArn: string): string | undefined {
  const reference = REFERENCE.exec(keyArn);
  if (reference) return `\${element(split(":", ${reference[1]}), 3)}`;
  return splitArn(keyArn)?.region;
}

/** `arn:...:s3:::bucket/prefix*`: the objects a location covers. */
export function objectsArn(partition: string, location: InputLocation): string {
  return s3Arn(partition, `${location.bucket}/${location.prefix ?? ""}*`);
}

/** A bare API id at the end of an execute-api ARN: the resource then needs `/*` (every stage, method and path). */
export const SPEKE_BARE_API_PATTERN = /:[a-z0-9]{10}$/;

/** The random suffix Secrets Manager appends to every secret's name. */
export const SECRET_SUFFIX_PATTERN = /-[A-Za-z0-9]{6}$/;

/** `${name}`: a Terraform reference the generated module passes for one element of a list variable. */
const REFERENCE = /^\$\{([a-z_][a-z0-9_.]*)\}$/;

/**
 * `value`, or `changed(value)` when `pattern` decides so: for a literal now, for a Terraform
 * reference (the module's list elements) at plan time, by the same pattern.
 */
function unless(pattern: RegExp, value: string, changed: (v: string) => string): string {
  const reference = REFERENCE.exec(value);
  if (reference) {
    const name = reference[1];
    return `\${can(regex(${JSON.stringify(pattern.source)}, ${name})) ? ${name} : "${changed(value)}"}`;
  }
  return pattern.test(value) || isUnresolved(value) ? value : changed(value);
}

/** The execute-api resource for a SPEKE API ARN: a bare API id means every stage, method and path. */
function spekeResource(arn: string): string {
  const reference = REFERENCE.exec(arn);
  if (reference) return `\${can(regex(${JSON.stringify(SPEKE_BARE_API_PATTERN.source)}, ${reference[1]})) ? "${arn}/*" : ${reference[1]}}`;
  return SPEKE_BARE_API_PATTERN.test(arn) ? `${arn}/*` : arn;
}

/**
 * The resource for a secret ARN: Secrets Manager appends `-` and six random characters to every
 * secret's name, so an ARN given without them matches the secret only with `-??????` added.
 */
export function secretResource(arn: string): string {
  return unless(SECRET_SUFFIX_PATTERN, arn, (v) => `${v}-??????`);
}

/**
 * The least-privilege statements of a scoped role: object access per location, bucket listing
 * (limited to the prefix for inputs), KMS through S3 only, and the named SPEKE APIs and Kantar secrets.
 */
export function scopedStatements(access: ScopedAccess): PolicyStatement[] {
  const { partition } = access;
  const bucketArn = (l: InputLocation) => s3Arn(partition, l.bucket);
  // S3 calls KMS from the bucket's region, which is the key's region (SSE-KMS keys are regional).
  const viaS3 = (keyArn: string): Conditions => ({
    StringEquals: { "kms:ViaService": `s3.${keyRegion(keyArn) || access.region}.amazonaws.com` },
  });
  const listBucket = (l: InputLocation): PolicyStatement => ({
    Effect: "Allow",
    Action: [ACTIONS.s3ListBucket],
    Resource: [bucketArn(l)],
    ...(l.prefix !== undefined ? { Condition: { StringLike: { "s3:prefix": [`${l.prefix}*`] } } } : {}),
  });
  const statements: PolicyStatement[] = [];

  for (const input of access.inputs) {
    statements.push({ Effect: "Allow", Action: [ACTIONS.s3GetObject], Resource: [objectsArn(partition, input)] });
    statements.push(listBucket(input));
    statements.push({ Effect: "Allow", Action: [ACTIONS.s3GetBucketLocation], Resource: [bucketArn(input)] });
    if (input.kmsKeyArn !== undefined) {
      statements.push({ Effect: "Allow", Action: [ACTIONS.kmsDecrypt], Resource: [input.kmsKeyArn], Condition: viaS3(input.kmsKeyArn) });
    }
  }
  for (const output of access.outputs) {
    const objectActions = output.allowAcl ? [ACTIONS.s3PutObject, ACTIONS.s3PutObjectAcl] : [ACTIONS.s3PutObject];
    statements.push({ Effect: "Allow", Action: objectActions, Resource: [objectsArn(partition, output)] });
    statements.push(listBucket(output));
    statements.push({ Effect: "Allow", Action: [ACTIONS.s3GetBucketLocation], Resource: [bucketArn(output)] });
    if (output.kmsKeyArn !== undefined) {
      const actions = access.outputMultipartUpload ? [ACTIONS.kmsGenerateDataKey, ACTIONS.kmsDecrypt] : [ACTIONS.kmsGenerateDataKey];
      statements.push({ Effect: "Allow", Action: actions, Resource: [output.kmsKeyArn], Condition: viaS3(output.kmsKeyArn) });
    }
  }
  // Job-level SSE-KMS is still server-side encryption: S3 makes the KMS calls for the role.
  for (const keyArn of access.jobEncryptionKmsKeyArns) {
    statements.push({ Effect: "Allow", Action: [ACTIONS.kmsEncrypt, ACTIONS.kmsGenerateDataKey], Resource: [keyArn], Condition: viaS3(keyArn) });
  }
  if (access.spekeApiArns.length > 0) {
    statements.push({ Effect: "Allow", Action: [ACTIONS.apiInvoke], Resource: access.spekeApiArns.map(spekeResource) });
  }
  if (access.kantarSecretArns.length > 0) {
    statements.push({ Effect: "Allow", Action: [ACTIONS.getSecretValue], Resource: access.kantarSecretArns.map(secretResource) });
  }
  return statements;
}

/** The policy for identities that submit jobs: pass this role, and only to MediaConvert. */
export function passRolePolicy(roleArn: string): PolicyDocument {
  return policyDocument([
    {
      Effect: "Allow",
      Action: [ACTIONS.passRole],
      Resource: [roleArn],
      Condition: { StringEquals: { "iam:PassedToService": MEDIACONVERT_SERVICE_PRINCIPAL } },
    },
  ]);
}

/**
 * The role's one inline policy: the KMS keys for full access, everything declared for scoped
 * access; undefined when there is nothing to grant. `partition` and `region` may be Terraform tokens.
 */
export function inlinePolicyDocument(props: MediaConvertRoleProps, partition: string, region: () => string): PolicyDocument | undefined {
  const statements =
    props.access === "scoped"
      ? scopedStatements({
          partition,
          region: region(),
          inputs: props.inputs ?? [],
          outputs: props.outputs ?? [],
          spekeApiArns: props.spekeApiArns ?? [],
          kantarSecretArns: props.kantarSecretArns ?? [],
          jobEncryptionKmsKeyArns: props.jobEncryptionKmsKeyArns ?? [],
          outputMultipartUpload: props.outputMultipartUpload ?? false,
        })
      : kmsStatements({
          input: props.inputKmsKeyArns ?? [],
          output: props.outputKmsKeyArns ?? [],
          jobEncryption: props.jobEncryptionKmsKeyArns ?? [],
          multipartUpload: props.outputMultipartUpload ?? false,
        });
  return statements.length > 0 ? policyDocument(statements) : undefined;
}
