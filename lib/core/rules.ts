/**
 * The validation rules shared by the construct, the config file and the module generator.
 * Each check returns the problems it found (empty when the value is fine); unresolved
 * Terraform tokens are skipped, Terraform checks them at plan time.
 */
import { isUnresolved } from "./tokens";
import { isRegion, PARTITION_REGION_SOURCES, partitionOfRegion, PARTITIONS, REGION_SOURCE, splitArn } from "./arn";
import type { AssumeRoleConfig } from "./assume-role";
import { KnownEnvironment } from "./environment";
import * as errors from "./messages";

/** The role name the MediaConvert console picks by default. */
export const DEFAULT_ROLE_NAME = "MediaConvert_Default_Role";

export const ROLE_NAME_MAX = 64;
export const DESCRIPTION_MAX = 1000;

/** One role-name character: a letter, a digit or + = , . @ - _ (IAM's `[\w+=,.@-]`). */
export const ROLE_NAME_CHAR = /[A-Za-z0-9_+=,.@-]/;
export const ROLE_NAME_PATTERN = /^[A-Za-z0-9_+=,.@-]{1,64}$/;

/** One description character: tab, LF, CR, U+0020 to U+007E, U+00A1 to U+00FF. */
export const DESCRIPTION_CHAR = /[\t\n\r\u0020-\u007E\u00A1-\u00FF]/;

/**
 * Whole-value patterns for the config's JSON Schema, so that editors flag a bad value before
 * synth does. They are ECMAScript regular expressions without flags (JSON Schema's dialect),
 * built from the same pieces as the checks below; the checks stay the authority (and give the
 * messages).
 */
export const DESCRIPTION_PATTERN = new RegExp(`^${DESCRIPTION_CHAR.source}*$`);
export const REGION_PATTERN = new RegExp(`^${REGION_SOURCE}$`);

/** A KMS key id: a lower-case UUID, or `mrk-` and 32 hex digits for a multi-Region key. */
const KMS_KEY_ID_SOURCE = "(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})";
export const KMS_KEY_ID_PATTERN = new RegExp(`^${KMS_KEY_ID_SOURCE}$`);

/**
 * A whole KMS key ARN as one regular expression (RE2-compatible): what `checkKmsKeyArn` accepts,
 * for the generated module's validation blocks.
 */
export const KMS_KEY_ARN_PATTERN = new RegExp(
  `^arn:(?:${PARTITIONS.map((p) => `${p}:kms:${PARTITION_REGION_SOURCES[p]}`).join("|")}):\\d{12}:key/${KMS_KEY_ID_SOURCE}$`,
);

/** A KMS alias ARN. */
export const KMS_ALIAS_ARN_PATTERN = /^arn:[^:]*:kms:[^:]*:[^:]*:alias\//;

/** A managed policy ARN (for the module's permissions boundary; the TypeScript side checks it with checkPolicyArn). */
export const POLICY_ARN_PATTERN = new RegExp(`^arn:(?:${PARTITIONS.join("|")}):iam::(?:\\d{12}|aws):policy/(?:[\\x21-\\x7e]*/)?[A-Za-z0-9_+=,.@-]{1,128}$`);

/** Tag keys and values as RE2 patterns, for the module (the same classes as checkTags). */
export const TAG_KEY_PATTERN_RE2 = "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$";
export const TAG_VALUE_PATTERN_RE2 = "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$";

/** Description characters as an RE2 class, for the generated module (same set as DESCRIPTION_CHAR). */
export const DESCRIPTION_CLASS_RE2 = "[\\t\\n\\r\\x{20}-\\x{7E}\\x{A1}-\\x{FF}]";
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;


function distinctMatching(value: string, allowed: RegExp): string[] {
  return [...new Set(Array.from(value).filter((c) => !allowed.test(c)))];
}

export function checkRoleName(name: string): string[] {
  if (isUnresolved(name)) return [];
  if (name.length === 0) return [errors.roleNameEmpty()];
  const bad = distinctMatching(name, ROLE_NAME_CHAR);
  const problems = bad.length > 0 ? [errors.roleNameCharacters(name, bad)] : [];
  if (name.length > ROLE_NAME_MAX) problems.push(errors.roleNameTooLong(name));
  return problems;
}

export function checkDescription(description: string): string[] {
  if (isUnresolved(description)) return [];
  const bad = distinctMatching(description, DESCRIPTION_CHAR);
  const problems = bad.length > 0 ? [errors.descriptionCharacters(description, bad)] : [];
  if (description.length > DESCRIPTION_MAX) problems.push(errors.descriptionTooLong(description));
  return problems;
}

export function checkRegion(region: string): string[] {
  return isRegion(region) ? [] : [errors.regionInvalid(region)];
}

export function checkAccountId(accountId: string): string[] {
  return ACCOUNT_ID_PATTERN.test(accountId) ? [] : [errors.accountIdInvalid(accountId)];
}

/** What a location's `bucketOwner` says when the role may reach the bucket whoever owns it. */
export const ANY_BUCKET_OWNER = "any";

export const BUCKET_OWNER_PATTERN = /^(?:\d{12}|any)$/;

/** A bucket's owner: an account id, or "any" (no pin). */
export function checkBucketOwner(owner: string): string[] {
  if (isUnresolved(owner)) return [];
  return BUCKET_OWNER_PATTERN.test(owner) ? [] : [errors.bucketOwnerInvalid(owner)];
}

/** What an ARN of one kind must look like. */
export interface ArnSpec {
  /** How messages name it: "KMS key ARN". */
  readonly what: string;
  readonly service: string;
  /** The form shown in messages. */
  readonly shape: string;
  /** The resource part (after the account) must match this. */
  readonly resource: RegExp;
  /** Says what is wrong with a resource part that does not match. */
  readonly resourceHint: string;
  /** IAM ARNs have no region; every other kind needs one. */
  readonly global?: boolean;
  /** Account field pattern; default 12 digits. */
  readonly account?: RegExp;
}

/**
 * Checks an ARN against its kind: shape, service, partition, region, account and resource, and
 * when the stack's region is known, that it is in the stack's partition.
 */
function checkArn(arn: string, spec: ArnSpec, env?: KnownEnvironment): string[] {
  if (isUnresolved(arn)) return [];
  const fail = (fix: string) => [errors.arnInvalid(spec.what, arn, spec.shape, fix)];
  const parts = splitArn(arn);
  if (!parts) return fail(errors.FIXES.arnShape);
  if (parts.service !== spec.service) return fail(errors.FIXES.arnService(parts.service, spec.service));
  if (!(PARTITIONS as readonly string[]).includes(parts.partition)) {
    return fail(errors.FIXES.arnPartition(parts.partition, PARTITIONS.join(", ")));
  }
  if (spec.global ? parts.region !== "" : !isRegion(parts.region)) {
    return fail(spec.global ? errors.FIXES.arnGlobalRegion : errors.FIXES.arnRegion(parts.region));
  }
  if (!spec.global && partitionOfRegion(parts.region) !== parts.partition) {
    return fail(errors.FIXES.arnRegionPartition(parts.region, partitionOfRegion(parts.region), parts.partition));
  }
  if (!(spec.account ?? ACCOUNT_ID_PATTERN).test(parts.accountId)) {
    return fail(errors.FIXES.arnAccount(parts.accountId));
  }
  if (!spec.resource.test(parts.resource)) return fail(errors.FIXES.arnResource(parts.resource, spec.resourceHint));
  if (env && parts.partition !== env.partition) {
    return [errors.arnWrongPartition(spec.what, arn, parts.partition, env.partition, env.region)];
  }
  return [];
}

export const KMS_KEY: ArnSpec = {
  what: "KMS key ARN",
  service: "kms",
  shape: "arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>",
  resource: new RegExp(`^key/${KMS_KEY_ID_SOURCE}$`),
  resourceHint: "is not key/ followed by a key id (a lower-case UUID, or mrk- and 32 hex digits)",
};

/**
 * Checks a KMS key ARN: shape, that it names a key (not an alias), and, when the stack's
 * region is known, that the key is in the stack's partition.
 */
export function checkKmsKeyArn(arn: string, env?: KnownEnvironment): string[] {
  if (isUnresolved(arn)) return [];
  const parts = splitArn(arn);
  if (parts && parts.service === "kms" && parts.resource.startsWith("alias/")) return [errors.kmsKeyArnIsAlias(arn)];
  return checkArn(arn, KMS_KEY, env);
}

export const SPEKE_API: ArnSpec = {
  what: "SPEKE API ARN",
  service: "execute-api",
  shape: "arn:<partition>:execute-api:<region>:<12-digit account id>:<api id>/*",
  resource: /^[a-z0-9]{10}(?:\/[\x21-\x7e]*)?$/,
  resourceHint: "is not a 10-character API id, optionally followed by /<stage>/<method>/<path> or /*",
};

export const KANTAR_SECRET: ArnSpec = {
  what: "Kantar secret ARN",
  service: "secretsmanager",
  shape: "arn:<partition>:secretsmanager:<region>:<12-digit account id>:secret:<name>",
  resource: /^secret:[A-Za-z0-9/_+=.@-]+$/,
  resourceHint: "is not secret: followed by the secret's name (letters, digits and / _ + = . @ -)",
};

export const QUEUE: ArnSpec = {
  what: "Queue ARN",
  service: "mediaconvert",
  shape: "arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<queue name>",
  resource: /^queues\/[A-Za-z0-9_-]+$/,
  resourceHint: "is not queues/ followed by a queue name",
};

/**
 * A whole ARN of one kind as one RE2-compatible regular expression (what `checkArn` accepts, in
 * one pattern), for the generated module's validation blocks.
 */
export function arnPattern(spec: ArnSpec): RegExp {
  const resource = spec.resource.source.replace(/^\^/, "").replace(/\$$/, "");
  const account = (spec.account ?? ACCOUNT_ID_PATTERN).source.replace(/^\^/, "").replace(/\$$/, "");
  const partitions = PARTITIONS.map((p) => `${p}:${spec.service}:${spec.global ? "" : PARTITION_REGION_SOURCES[p]}`).join("|");
  return new RegExp(`^arn:(?:${partitions}):${account}:${resource}$`);
}

/** Whole-ARN patterns, for the JSON Schema and the module's validation blocks. */
export const SPEKE_API_ARN_PATTERN = arnPattern(SPEKE_API);
export const KANTAR_SECRET_ARN_PATTERN = arnPattern(KANTAR_SECRET);
export const QUEUE_ARN_PATTERN = arnPattern(QUEUE);

/** An API Gateway execute-api ARN: the whole API (`<api id>`, `<api id>/*`) or a stage/method/path under it. */
export function checkSpekeApiArn(arn: string, env?: KnownEnvironment): string[] {
  const problems = checkArn(arn, SPEKE_API, env);
  if (problems.length > 0 || !env || isUnresolved(arn)) return problems;
  const region = splitArn(arn)?.region ?? "";
  return region === env.region ? [] : [errors.regionMismatch("SPEKE API ARN", arn, region, env.region)];
}

/** A Secrets Manager secret ARN (Kantar watermarking credentials). */
export function checkKantarSecretArn(arn: string, env?: KnownEnvironment): string[] {
  return checkArn(arn, KANTAR_SECRET, env);
}

/** A MediaConvert queue ARN, for `trustedQueueArns`; it must belong to the stack's account. */
export function checkQueueArn(arn: string, env?: KnownEnvironment): string[] {
  const problems = checkArn(arn, QUEUE, env);
  if (problems.length > 0 || !env?.accountId || isUnresolved(arn)) return problems;
  const account = splitArn(arn)?.accountId ?? "";
  return account === env.accountId ? [] : [errors.accountMismatch("Queue ARN", arn, account, env.accountId)];
}

/** A managed policy ARN (a permissions boundary). */
export const POLICY_ARN: ArnSpec = {
  what: "Permissions boundary ARN",
  service: "iam",
  shape: "arn:<partition>:iam::<12-digit account id or aws>:policy/<path><name>",
  resource: /^policy\/(?:[\x21-\x7e]*\/)?[A-Za-z0-9_+=,.@-]{1,128}$/,
  resourceHint: "is not policy/ followed by an optional path and a policy name",
  global: true,
  account: /^(?:\d{12}|aws)$/,
};

/** A managed policy ARN, for `permissionsBoundary`. */
export function checkPolicyArn(arn: string, env?: KnownEnvironment): string[] {
  return checkArn(arn, POLICY_ARN, env);
}

export const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
export const RESERVED_BUCKET_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** An S3 general purpose bucket name. */
export function checkBucket(bucket: string): string[] {
  if (isUnresolved(bucket)) return [];
  const fail = (fix: string) => [errors.bucketInvalid(bucket, fix)];
  if (bucket.startsWith("arn:") || bucket.startsWith("s3://")) return fail(errors.FIXES.bareBucket);
  if (bucket.length < 3 || bucket.length > 63) return fail(errors.FIXES.bucketLength(bucket.length));
  const bad = distinctMatching(bucket, /[a-z0-9.-]/);
  if (bad.length > 0) return fail(errors.FIXES.removeOrReplace(errors.describeCharacters(bad)));
  if (!BUCKET_PATTERN.test(bucket)) return fail(errors.FIXES.bucketEnds);
  if (bucket.includes("..")) return fail(errors.FIXES.bucketDots);
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(bucket)) return fail(errors.FIXES.bucketIpAddress);
  const reserved = [...RESERVED_BUCKET_PREFIXES.filter((p) => bucket.startsWith(p)), ...RESERVED_BUCKET_SUFFIXES.filter((p) => bucket.endsWith(p))];
  if (reserved.length > 0) return fail(errors.FIXES.bucketReserved(JSON.stringify(reserved[0])));
  return [];
}

export const PREFIX_MAX = 1024;
/** A whole prefix: printable Latin-1 without * and ?, not starting with / (what checkPrefix accepts). */
export const PREFIX_PATTERN = /^(?!\/)(?:(?![*?])[\u0020-\u007E\u00A1-\u00FF])+$/;

/** An S3 key prefix (a "folder" such as `source/`). */
export function checkPrefix(prefix: string): string[] {
  if (isUnresolved(prefix)) return [];
  const fail = (fix: string) => [errors.prefixInvalid(prefix, fix)];
  if (prefix === "") return fail(errors.FIXES.emptyPrefix);
  if (prefix.startsWith("/")) return fail(errors.FIXES.leadingSlash);
  if (prefix.length > 1024) return fail(errors.FIXES.shorten(1024, prefix.length));
  // Printable Latin-1 but * and ? (which would act as wildcards in the policy).
  const bad = distinctMatching(prefix, /[\u0020-\u0029\u002B-\u003E\u0040-\u007E\u00A1-\u00FF]/);
  if (bad.length > 0) return fail(errors.FIXES.remove(errors.describeCharacters(bad)));
  return [];
}

export const PATH_PATTERN = /^(?:\/|\/[\x21-\x7e]+\/)$/;
export const PATH_MAX = 512;

/** An IAM path. */
export function checkPath(value: string): string[] {
  if (isUnresolved(value)) return [];
  if (value.length > 512) return [errors.pathInvalid(value, errors.FIXES.shorten(512, value.length))];
  if (PATH_PATTERN.test(value)) return [];
  const bad = distinctMatching(value, /[\x21-\x7e]/);
  if (bad.length > 0) return [errors.pathInvalid(value, errors.FIXES.remove(errors.describeCharacters(bad)))];
  const inner = value.replace(/^\/+|\/+$/g, "");
  return [errors.pathInvalid(value, inner === "" ? errors.FIXES.rootPath : errors.FIXES.pathSlashes(inner))];
}

export const MIN_SESSION_DURATION = 3600;
export const MAX_SESSION_DURATION = 43200;

/** The role's maximum session duration in seconds. */
export function checkMaxSessionDuration(seconds: number): string[] {
  if (isUnresolved(seconds)) return [];
  const ok = Number.isInteger(seconds) && seconds >= MIN_SESSION_DURATION && seconds <= MAX_SESSION_DURATION;
  return ok ? [] : [errors.maxSessionDurationInvalid(seconds)];
}

const TAG_CHAR = /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u;
export const TAGS_MAX = 50;
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 256;

/** IAM role tags: at most 50, keys and values within IAM's limits, no `aws:` keys. */
export function checkTags(tags: Readonly<Record<string, string>>): string[] {
  if (isUnresolved(tags)) return [];
  const entries = Object.entries(tags);
  const problems = entries.length > 50 ? [errors.tagsTooMany(entries.length)] : [];
  for (const [key, value] of entries) {
    if (isUnresolved(key)) continue;
    const badKey = distinctMatching(key, TAG_CHAR);
    if (key.length === 0) problems.push(errors.tagKeyInvalid(key, errors.FIXES.giveTagKey));
    else if (key.length > 128) problems.push(errors.tagKeyInvalid(key, errors.FIXES.shorten(128, key.length)));
    else if (key.toLowerCase().startsWith("aws:")) problems.push(errors.tagKeyInvalid(key, errors.FIXES.removeAwsPrefix));
    else if (badKey.length > 0) problems.push(errors.tagKeyInvalid(key, errors.FIXES.remove(errors.describeCharacters(badKey))));
    if (isUnresolved(value)) continue;
    const badValue = distinctMatching(value, TAG_CHAR);
    if (value.length > 256) problems.push(errors.tagValueInvalid(key, value, errors.FIXES.shorten(256, value.length)));
    else if (badValue.length > 0) problems.push(errors.tagValueInvalid(key, value, errors.FIXES.remove(errors.describeCharacters(badValue))));
  }
  return problems;
}

const SESSION_NAME_CHAR = /[\w+=,.@-]/;
const EXTERNAL_ID_CHAR = /[\w+=,.@:/-]/;

/** An STS role session name: 2 to 64 characters of `[\w+=,.@-]`. */
export function checkSessionName(value: string): string[] {
  if (isUnresolved(value)) return [];
  const bad = distinctMatching(value, SESSION_NAME_CHAR);
  if (bad.length > 0) return [errors.sessionNameInvalid(value, `Remove ${errors.describeCharacters(bad)}.`)];
  if (value.length < 2) return [errors.sessionNameInvalid(value, "Use at least 2 characters.")];
  if (value.length > 64) return [errors.sessionNameInvalid(value, `Shorten it to 64 characters (it has ${value.length}).`)];
  return [];
}

/** An STS external id: 2 to 1224 characters of `[\w+=,.@:/-]`. */
export function checkExternalId(value: string): string[] {
  if (isUnresolved(value)) return [];
  const bad = distinctMatching(value, EXTERNAL_ID_CHAR);
  if (bad.length > 0) return [errors.externalIdInvalid(value, `Remove ${errors.describeCharacters(bad)}.`)];
  if (value.length < 2) return [errors.externalIdInvalid(value, "Use at least 2 characters.")];
  if (value.length > 1224) return [errors.externalIdInvalid(value, `Shorten it to 1224 characters (it has ${value.length}).`)];
  return [];
}

const GO_DURATION_UNITS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  "\u00b5s": 1e-6,
  "\u03bcs": 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/**
 * The seconds a Go duration string stands for (`time.ParseDuration`, which the AWS provider
 * uses for `assume_role.duration`): an optional sign, then one or more numbers with a unit
 * (`1h30m`, `1.5h`, `900s`); `"0"` alone is zero. Undefined when Go would refuse it.
 */
export function parseGoDuration(value: string): number | undefined {
  const match = /^([-+]?)(.*)$/s.exec(value);
  const sign = match?.[1] === "-" ? -1 : 1;
  const body = match?.[2] ?? "";
  if (body === "0") return 0;
  if (body === "") return undefined;
  const part = /(\d*(?:\.\d*)?)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/y;
  let seconds = 0;
  let at = 0;
  while (at < body.length) {
    part.lastIndex = at;
    const p = part.exec(body);
    if (!p || !/\d/.test(p[1])) return undefined;
    seconds += Number(p[1].endsWith(".") ? p[1].slice(0, -1) : p[1]) * GO_DURATION_UNITS[p[2]];
    at = part.lastIndex;
  }
  return sign * seconds;
}

export const MIN_ASSUME_ROLE_SECONDS = 15 * 60;
export const MAX_ASSUME_ROLE_SECONDS = 12 * 3600;

/** The provider's `assume_role.duration`: a Go duration from 15m to 12h. */
export function checkAssumeRoleDuration(value: string): string[] {
  if (isUnresolved(value)) return [];
  const seconds = parseGoDuration(value);
  if (seconds === undefined) {
    return [errors.durationInvalid(value, "Write numbers with a unit (h, m, s), e.g. 1h or 1h30m, with no spaces.")];
  }
  if (seconds < MIN_ASSUME_ROLE_SECONDS) return [errors.durationInvalid(value, "Use at least 15m.")];
  if (seconds > MAX_ASSUME_ROLE_SECONDS) return [errors.durationInvalid(value, "Use at most 12h.")];
  return [];
}

const ASSUME_ROLE_ARN: ArnSpec = {
  what: "Provider role ARN",
  service: "iam",
  shape: errors.ASSUME_ROLE_ARN_SHAPE,
  resource: /^role\/(?:[\x21-\x7e]*\/)?[A-Za-z0-9_+=,.@-]{1,64}$/,
  resourceHint: "is not role/ followed by an optional path and a role name",
  global: true,
};

/**
 * The role ARN the provider assumes: its shape, and when the stack's region is known, its
 * partition; when the stack's account is known, its account.
 */
export function checkAssumeRoleArn(arn: string, env?: KnownEnvironment): string[] {
  const problems = checkArn(arn, ASSUME_ROLE_ARN);
  if (problems.length > 0 || !env || isUnresolved(arn)) return problems;
  const parts = splitArn(arn);
  if (!parts) return problems;
  if (parts.partition !== env.partition) {
    return [errors.assumeRoleWrongPartition(arn, parts.partition, env.partition, env.region)];
  }
  if (env.accountId !== undefined && parts.accountId !== env.accountId) {
    return [errors.assumeRoleWrongAccount(arn, parts.accountId, env.accountId)];
  }
  return [];
}

/** The fields of an assume-role setting, each with its field name for the config's JSON path. */
export function assumeRoleProblems(
  value: AssumeRoleConfig,
  env?: KnownEnvironment,
): { readonly path: readonly string[]; readonly message: string }[] {
  const at = (field: string, messages: string[]) => messages.map((message) => ({ path: [field], message }));
  return [
    ...at("roleArn", checkAssumeRoleArn(value.roleArn, env)),
    ...at("sessionName", value.sessionName === undefined ? [] : checkSessionName(value.sessionName)),
    ...at("externalId", value.externalId === undefined ? [] : checkExternalId(value.externalId)),
    ...at("duration", value.duration === undefined ? [] : checkAssumeRoleDuration(value.duration)),
  ];
}

/** A role's own tags and the stack's default tags together: IAM's 50-tag limit counts both. */
export function checkMergedTagCount(
  roleName: string,
  roleTags: Readonly<Record<string, string>> | undefined,
  defaultTags: Readonly<Record<string, string>> | undefined,
): string[] {
  if (!roleTags || !defaultTags || isUnresolved(roleTags) || isUnresolved(defaultTags)) return [];
  const total = new Set([...Object.keys(roleTags), ...Object.keys(defaultTags)]).size;
  const own = Object.keys(roleTags).length;
  const defaults = Object.keys(defaultTags).length;
  return total > 50 && own <= 50 && defaults <= 50 ? [errors.tooManyMergedTags(roleName, total, own, defaults)] : [];
}

export const IDENTITY_NAME_PATTERN = /^[A-Za-z0-9_+=,.@-]{1,128}$/;

/** The name of an IAM role, user or group of the role's account (a job submitter). */
export function checkIdentityName(name: string): string[] {
  if (isUnresolved(name)) return [];
  const bad = distinctMatching(name, ROLE_NAME_CHAR);
  if (name.length === 0) return [errors.identityNameInvalid(errors.quote(name, 80), errors.FIXES.giveName)];
  if (bad.length > 0) return [errors.identityNameInvalid(errors.quote(name, 80), errors.FIXES.remove(errors.describeCharacters(bad)))];
  if (name.length > 128) return [errors.identityNameInvalid(errors.quote(name, 80), errors.FIXES.shorten(128, name.length))];
  return [];
}

/** What jobs name in MediaConvert, by the resource type of its ARN. */
export const MEDIACONVERT_RESOURCES = {
  queues: { what: "Queue", name: /^[A-Za-z0-9_-]{1,128}$/, nameRule: "letters, digits, - and _" },
  jobTemplates: { what: "Job template", name: /^[A-Za-z0-9 _.+=,@-]{1,128}$/, nameRule: "letters, digits, spaces and _ . + = , @ -" },
  presets: { what: "Preset", name: /^[A-Za-z0-9 _.+=,@-]{1,128}$/, nameRule: "letters, digits, spaces and _ . + = , @ -" },
} as const;

export type MediaConvertResourceType = keyof typeof MEDIACONVERT_RESOURCES;

/** A queue, job template or preset by name, or by its ARN `arn:<partition>:mediaconvert:<region>:<account>:<type>/<name>`. */
export function checkMediaConvertNameOrArn(type: MediaConvertResourceType, value: string, env?: KnownEnvironment): string[] {
  if (isUnresolved(value)) return [];
  const { what, name, nameRule } = MEDIACONVERT_RESOURCES[type];
  if (!value.startsWith("arn:")) {
    return name.test(value) ? [] : [errors.mediaConvertNameInvalid(what, errors.quote(value, 80), type, nameRule)];
  }
  return checkArn(value, {
    what: `${what} ARN`,
    service: "mediaconvert",
    shape: `arn:<partition>:mediaconvert:<region>:<12-digit account id>:${type}/<name>`,
    resource: new RegExp(`^${type}/${name.source.slice(1, -1)}$`),
    resourceHint: `is not ${type}/ followed by a name of ${nameRule}`,
  }, env);
}

/**
 * The rule each value of a role property follows, by name: the declaration of the properties
 * (`role-properties.ts`) names them, and the config, the construct and the module apply them.
 */
export const VALUE_RULES = {
  roleName: checkRoleName,
  description: checkDescription,
  bucket: checkBucket,
  prefix: checkPrefix,
  kmsKeyArn: (arn: string) => checkKmsKeyArn(arn),
  spekeApiArn: (arn: string) => checkSpekeApiArn(arn),
  kantarSecretArn: (arn: string) => checkKantarSecretArn(arn),
  queueArn: (arn: string) => checkQueueArn(arn),
  policyArn: (arn: string) => checkPolicyArn(arn),
  accountId: checkAccountId,
  bucketOwner: checkBucketOwner,
  path: checkPath,
  maxSessionDuration: checkMaxSessionDuration,
  identityName: checkIdentityName,
  queueNameOrArn: (value: string) => checkMediaConvertNameOrArn("queues", value),
  jobTemplateNameOrArn: (value: string) => checkMediaConvertNameOrArn("jobTemplates", value),
  presetNameOrArn: (value: string) => checkMediaConvertNameOrArn("presets", value),
} as const;

export type ValueRule = keyof typeof VALUE_RULES;
