/**
 * The MediaConvert role's policy documents, as pure functions of validated inputs.
 */
import { Token } from "./engine";
import { formatArn, splitArn } from "./arn";
import { Conditions, policyDocument, PolicyDocument, PolicyStatement } from "./policy-document";
import type { KnownEnvironment } from "./environment";
import type { InputLocation, MediaConvertRoleProps, OutputLocation } from "./role-props";

export const MEDIACONVERT_SERVICE_PRINCIPAL = "mediaconvert.amazonaws.com";

/** The actions each kind of grant uses; the report and the tests read them from here. */
export const ACTIONS = {
  assume: "sts:AssumeRole",
  kmsDecrypt: "kms:Decrypt",
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

/** The confused-deputy restriction a role gets: on by default whenever the stack's account is known. */
export function sourceRestrictionOf(
  props: Pick<MediaConvertRoleProps, "confusedDeputyProtection" | "trustedQueueArns">,
  env: KnownEnvironment | undefined,
): SourceRestriction | undefined {
  if (props.confusedDeputyProtection === false || !env?.accountId) return undefined;
  return { partition: env.partition, accountId: env.accountId, queueArns: props.trustedQueueArns ?? [] };
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

/** The KMS statements of the console-equivalent role: key ARNs as resources, no other condition. */
export function kmsStatements(inputKeyArns: readonly string[], outputKeyArns: readonly string[]): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  if (inputKeyArns.length > 0) statements.push({ Effect: "Allow", Action: [ACTIONS.kmsDecrypt], Resource: inputKeyArns });
  if (outputKeyArns.length > 0) {
    statements.push({ Effect: "Allow", Action: [ACTIONS.kmsGenerateDataKey], Resource: outputKeyArns });
  }
  return statements;
}

/**
 * The seed's KMS inline policy, with the keys named as resources: `kms:Decrypt` on the keys of
 * SSE-KMS input buckets, `kms:GenerateDataKey` on the keys of SSE-KMS output buckets.
 * Returns undefined when no key is given (no inline policy is created then).
 */
export function kmsPolicy(inputKeyArns: readonly string[], outputKeyArns: readonly string[]): PolicyDocument | undefined {
  const statements = kmsStatements(inputKeyArns, outputKeyArns);
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
  /** Also allow `kms:Decrypt` on output keys, which S3 needs to complete multipart uploads. */
  readonly outputMultipartUpload: boolean;
}

const s3Arn = (partition: string, resource: string): string =>
  formatArn({ partition, service: "s3", region: "", accountId: "", resource });

/** `arn:...:s3:::bucket/prefix*`: the objects a location covers. */
export function objectsArn(partition: string, location: InputLocation): string {
  return s3Arn(partition, `${location.bucket}/${location.prefix ?? ""}*`);
}

/** The execute-api resource for a SPEKE API ARN: a bare API id means every stage, method and path. */
function spekeResource(arn: string): string {
  return /:[a-z0-9]{10}$/.test(arn) ? `${arn}/*` : arn;
}

/**
 * The resource for a secret ARN: Secrets Manager appends `-` and six random characters to every
 * secret's name, so an ARN given without them matches the secret only with `-??????` added.
 */
export function secretResource(arn: string): string {
  return /-[A-Za-z0-9]{6}$/.test(arn) || Token.isUnresolved(arn) ? arn : `${arn}-??????`;
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
    StringEquals: { "kms:ViaService": `s3.${splitArn(keyArn)?.region || access.region}.amazonaws.com` },
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
          outputMultipartUpload: props.outputMultipartUpload ?? false,
        })
      : kmsStatements(props.inputKmsKeyArns ?? [], props.outputKmsKeyArns ?? []);
  return statements.length > 0 ? policyDocument(statements) : undefined;
}
