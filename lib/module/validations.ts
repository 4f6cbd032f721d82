/**
 * The module's `validation` blocks: each value rule of `lib/core/rules.ts` in Terraform, with the
 * same messages. The rule and fix texts come from `lib/core/messages.ts`, the patterns from
 * `lib/core/rules.ts`; the value, its length and its characters are shown by Terraform
 * expressions that print them as the TypeScript side prints literals (`expressions.ts`).
 *
 * A rule applies to a scalar variable, or to the elements of a list: a list reports its first
 * offending element, with its index in the path, as the construct reports `inputKmsKeyArns[1]`.
 */
import { PARTITIONS, REGION_SOURCE } from "../core/arn";
import {
  accountIdMessage,
  bucketOwnerMessage,
  aliasArnMessage,
  arnRule,
  FIXES,
  identityNameInvalid,
  mediaConvertNameInvalid,
  notValid,
  RULES,
} from "../core/messages";
import {
  ACCOUNT_ID_PATTERN,
  BUCKET_OWNER_PATTERN,
  arnPattern,
  ArnSpec,
  BUCKET_PATTERN,
  KANTAR_SECRET,
  KMS_ALIAS_ARN_PATTERN,
  KMS_KEY,
  KMS_KEY_ARN_PATTERN,
  IDENTITY_NAME_PATTERN,
  MAX_SESSION_DURATION,
  MEDIACONVERT_RESOURCES,
  MediaConvertResourceType,
  MIN_SESSION_DURATION,
  PATH_PATTERN,
  POLICY_ARN,
  QUEUE,
  ROLE_NAME_MAX,
  SPEKE_API,
  TAG_KEY_PATTERN_RE2,
  TAG_VALUE_PATTERN_RE2,
  ValueRule,
} from "../core/rules";
import { describedCharacters, grouped, literal, matches, messageExpression, quoted } from "./expressions";

/** The characters each text rule allows, as regular expression classes. */
const ROLE_NAME_CLASS = "A-Za-z0-9_+=,.@-";
const DESCRIPTION_CLASS = "\\t\\n\\r\\x{20}-\\x{7E}\\x{A1}-\\x{FF}";
const PREFIX_CLASS = "\\x{20}-\\x{29}\\x{2B}-\\x{3E}\\x{40}-\\x{7E}\\x{A1}-\\x{FF}";
const TAG_CLASS = "\\p{L}\\p{Z}\\p{N}_.:/=+\\-@";

/** A `validation` block. */
export interface Validation {
  readonly condition: string;
  readonly error_message: string;
}

/**
 * One check of a rule: `bad` is an HCL expression, true for a bad value `v` (an expression);
 * `message` is the message template for it. A rule's checks are independent, each its own
 * validation block, unless the rule is a chain (the first failing check gives the message).
 */
interface Check {
  readonly bad: (v: string) => string;
  readonly message: (v: string) => string;
}

/**
 * A rule in Terraform: independent checks, or a chain whose first failing check speaks. A chain's
 * `valid` says in a few words what its checks say together (a pattern of `local.regex`): the
 * condition, while the chain gives the message.
 */
type HclRule = { readonly checks: readonly Check[] } | { readonly chain: readonly Check[]; readonly valid: (v: string) => string };

/** The pattern of each MediaConvert resource type's names or ARNs, in PATTERNS. */
const NAME_OR_ARN: Readonly<Record<MediaConvertResourceType, string>> = {
  queues: "queue_name_or_arn",
  jobTemplates: "job_template_name_or_arn",
  presets: "preset_name_or_arn",
};

/**
 * The whole values the rules accept, as RE2 regular expressions, from the same sources as the
 * TypeScript checks: the module's `local.regex` (written in pieces, see `main.ts`).
 */
export const PATTERNS: Readonly<Record<string, RegExp | string>> = {
  account_id: ACCOUNT_ID_PATTERN,
  bucket_owner: BUCKET_OWNER_PATTERN,
  bucket: BUCKET_PATTERN,
  ip_address: /^\d{1,3}(?:\.\d{1,3}){3}$/,
  kms_key_arn: KMS_KEY_ARN_PATTERN,
  speke_api_arn: arnPattern(SPEKE_API),
  kantar_secret_arn: arnPattern(KANTAR_SECRET),
  queue_arn: arnPattern(QUEUE),
  policy_arn: arnPattern(POLICY_ARN),
  path: PATH_PATTERN,
  prefix_characters: `^[${PREFIX_CLASS}]*$`,
  identity_name: IDENTITY_NAME_PATTERN,
  tag_key: TAG_KEY_PATTERN_RE2,
  tag_value: TAG_VALUE_PATTERN_RE2,
  ...Object.fromEntries(
    (Object.keys(MEDIACONVERT_RESOURCES) as MediaConvertResourceType[]).map((type) => [`${NAME_OR_ARN[type]}`, nameOrArnPattern(type)]),
  ),
};

/** `can(regex(local.regex.<name>, v))`: `v` matches one of PATTERNS. */
export const fits = (name: keyof typeof PATTERNS & string, v: string): string => `can(regex(local.regex.${name}, ${v}))`;

/** `${expr}` inside a message template. */
const show = (expr: string): string => `\${${expr}}`;

/** A string's length as a message shows it. */
const len = (v: string): string => show(`length(${v})`);

/** The characters of a class (a regular expression class body) are allowed; any other is bad. */
const badCharacters = (allowed: string) => (v: string) => `length(regexall(${literal(`[^${allowed}]`)}, ${v})) > 0`;


/** `notValid` with a label and rule, the value quoted. */
const invalid = (label: string, rule: string, max?: number) => (fix: (v: string) => string) => (v: string) =>
  notValid(label, quoted(v, max), rule, fix(v));

/** The partition of region `r`, as `partitionOfRegion` says. */
const partitionOfRegion = (r: string) => `(startswith(${r}, "cn-") ? "aws-cn" : startswith(${r}, "us-gov-") ? "aws-us-gov" : "aws")`;

/** The field `i` of ARN `v` (empty when it has fewer fields). */
const field = (v: string, i: number) => `try(split(":", ${v})[${i}], "")`;

/** Whether region `r` is not of partition `p` (`partitionOfRegion`), one branch per partition. */
const partitionMismatch = (r: string, p: string) =>
  `(startswith(${r}, "cn-") ? ${p} != "aws-cn" : startswith(${r}, "us-gov-") ? ${p} != "aws-us-gov" : ${p} != "aws")`;

/** The checks `checkArn` makes, in its order, for an ARN of `spec`. */
function arnChain(spec: ArnSpec): Check[] {
  const fail = invalid(spec.what, arnRule(spec.what, spec.shape));
  const region = (v: string) => field(v, 3);
  const resource = (v: string) => `join(":", slice(split(":", ${v}), min(5, length(split(":", ${v}))), length(split(":", ${v}))))`;
  const account = (spec.account ?? ACCOUNT_ID_PATTERN).source;
  return [
    { bad: (v) => `!startswith(${v}, "arn:") || length(split(":", ${v})) < 6`, message: fail(() => FIXES.arnShape) },
    { bad: (v) => `${field(v, 2)} != ${literal(spec.service)}`, message: fail((v) => FIXES.arnService(show(field(v, 2)), spec.service)) },
    {
      bad: (v) => `!contains(${JSON.stringify(PARTITIONS)}, ${field(v, 1)})`,
      message: fail((v) => FIXES.arnPartition(show(field(v, 1)), PARTITIONS.join(", "))),
    },
    spec.global
      ? { bad: (v) => `${region(v)} != ""`, message: fail(() => FIXES.arnGlobalRegion) }
      : { bad: (v) => `!${matches(`^${REGION_SOURCE}$`, region(v))}`, message: fail((v) => FIXES.arnRegion(show(region(v)))) },
    ...(spec.global
      ? []
      : [
          {
            bad: (v: string) => partitionMismatch(region(v), field(v, 1)),
            message: fail((v) => FIXES.arnRegionPartition(show(region(v)), show(partitionOfRegion(region(v))), show(field(v, 1)))),
          },
        ]),
    { bad: (v) => `!${matches(account, field(v, 4))}`, message: fail((v) => FIXES.arnAccount(show(field(v, 4)))) },
    { bad: (v) => `!${matches(spec.resource, resource(v))}`, message: fail((v) => FIXES.arnResource(show(resource(v)), spec.resourceHint)) },
  ];
}

/** A MediaConvert queue, job template or preset, by name or ARN. */
function mediaConvertArnSpec(type: MediaConvertResourceType): ArnSpec {
  const { what, name, nameRule } = MEDIACONVERT_RESOURCES[type];
  return {
    what: `${what} ARN`,
    service: "mediaconvert",
    shape: `arn:<partition>:mediaconvert:<region>:<12-digit account id>:${type}/<name>`,
    resource: new RegExp(`^${type}/${name.source.slice(1, -1)}$`),
    resourceHint: `is not ${type}/ followed by a name of ${nameRule}`,
  };
}

/** A name or an ARN of a MediaConvert resource type, as one pattern. */
function nameOrArnPattern(type: MediaConvertResourceType): string {
  const strip = (r: RegExp) => r.source.replace(/^\^/, "").replace(/\$$/, "");
  return `^(?:${strip(MEDIACONVERT_RESOURCES[type].name)}|${strip(arnPattern(mediaConvertArnSpec(type)))})$`;
}

function mediaConvertNameOrArn(type: MediaConvertResourceType): HclRule {
  const { what, name, nameRule } = MEDIACONVERT_RESOURCES[type];
  const spec = mediaConvertArnSpec(type);
  const arn = arnChain(spec).map((check) => ({ ...check, bad: (v: string) => `startswith(${v}, "arn:") && ${grouped(check.bad(v))}` }));
  return {
    chain: [
      { bad: (v) => `!startswith(${v}, "arn:") && !${matches(name, v)}`, message: (v) => mediaConvertNameInvalid(what, quoted(v, 80), type, nameRule) },
      ...arn,
    ],
    valid: (v) => fits(NAME_OR_ARN[type], v),
  };
}

/** Every value rule in Terraform. */
export const HCL_RULES: Readonly<Record<ValueRule, HclRule>> = {
  roleName: {
    checks: [
      { bad: (v) => `${v} == ""`, message: () => notValid("Role name", '""', RULES.roleName, FIXES.giveRoleName) },
      { bad: badCharacters(ROLE_NAME_CLASS), message: invalid("Role name", RULES.roleName)((v) => FIXES.remove(describedCharacters(v, ROLE_NAME_CLASS))) },
      { bad: (v) => `length(${v}) > ${ROLE_NAME_MAX}`, message: invalid("Role name", RULES.roleName)((v) => FIXES.shorten(ROLE_NAME_MAX, len(v))) },
    ],
  },
  description: {
    checks: [
      {
        bad: badCharacters(DESCRIPTION_CLASS),
        message: invalid("Description", RULES.description, 40)((v) => FIXES.removeOrReplace(describedCharacters(v, DESCRIPTION_CLASS))),
      },
      { bad: (v) => `length(${v}) > 1000`, message: invalid("Description", RULES.description, 40)((v) => FIXES.shorten(1000, len(v))) },
    ],
  },
  bucket: {
    chain: [
      { bad: (v) => `startswith(${v}, "arn:") || startswith(${v}, "s3://")`, message: (v) => bucketMessage(v, FIXES.bareBucket) },
      { bad: (v) => `length(${v}) < 3 || length(${v}) > 63`, message: (v) => bucketMessage(v, FIXES.bucketLength(len(v))) },
      { bad: badCharacters("a-z0-9.-"), message: (v) => bucketMessage(v, FIXES.removeOrReplace(describedCharacters(v, "a-z0-9.-"))) },
      { bad: (v) => `!${matches(BUCKET_PATTERN, v)}`, message: (v) => bucketMessage(v, FIXES.bucketEnds) },
      { bad: (v) => `strcontains(${v}, "..")`, message: (v) => bucketMessage(v, FIXES.bucketDots) },
      { bad: (v) => matches(/^\d{1,3}(?:\.\d{1,3}){3}$/, v), message: (v) => bucketMessage(v, FIXES.bucketIpAddress) },
      {
        bad: (v) =>
          `anytrue([for a in local.reserved_bucket_prefixes : startswith(${v}, a)]) || anytrue([for a in local.reserved_bucket_suffixes : endswith(${v}, a)])`,
        message: (v) => bucketMessage(v, FIXES.bucketReserved(show(reservedAffix(v)))),
      },
    ],
    valid: (v) =>
      `(${fits("bucket", v)} && !strcontains(${v}, "..") && !${fits("ip_address", v)} && !anytrue([for a in local.reserved_bucket_prefixes : startswith(${v}, a)]) && !anytrue([for a in local.reserved_bucket_suffixes : endswith(${v}, a)]))`,
  },
  prefix: {
    chain: [
      { bad: (v) => `${v} == ""`, message: invalid("Prefix", RULES.prefix, 80)(() => FIXES.emptyPrefix) },
      { bad: (v) => `startswith(${v}, "/")`, message: invalid("Prefix", RULES.prefix, 80)(() => FIXES.leadingSlash) },
      { bad: (v) => `length(${v}) > 1024`, message: invalid("Prefix", RULES.prefix, 80)((v) => FIXES.shorten(1024, len(v))) },
      { bad: badCharacters(PREFIX_CLASS), message: invalid("Prefix", RULES.prefix, 80)((v) => FIXES.remove(describedCharacters(v, PREFIX_CLASS))) },
    ],
    valid: (v) => `(${v} != "" && !startswith(${v}, "/") && length(${v}) <= 1024 && ${fits("prefix_characters", v)})`,
  },
  path: {
    chain: [
      { bad: (v) => `length(${v}) > 512`, message: invalid("Path", RULES.path, 80)((v) => FIXES.shorten(512, len(v))) },
      { bad: (v) => `!${matches(PATH_PATTERN, v)} && length(regexall("[^\\\\x{21}-\\\\x{7E}]", ${v})) > 0`, message: invalid("Path", RULES.path, 80)((v) => FIXES.remove(describedCharacters(v, "\\x{21}-\\x{7E}"))) },
      { bad: (v) => `!${matches(PATH_PATTERN, v)} && trim(${v}, "/") == ""`, message: invalid("Path", RULES.path, 80)(() => FIXES.rootPath) },
      { bad: (v) => `!${matches(PATH_PATTERN, v)}`, message: invalid("Path", RULES.path, 80)((v) => FIXES.pathSlashes(show(`trim(${v}, "/")`))) },
    ],
    valid: (v) => `(length(${v}) <= 512 && ${fits("path", v)})`,
  },
  maxSessionDuration: {
    checks: [
      {
        bad: (v) => `${v} < ${MIN_SESSION_DURATION} || ${v} > ${MAX_SESSION_DURATION} || floor(${v}) != ${v}`,
        message: (v) => notValid("Max session duration", show(v), RULES.maxSessionDuration, FIXES.sessionDuration),
      },
    ],
  },
  accountId: { checks: [{ bad: (v) => `!${fits("account_id", v)}`, message: (v) => accountIdMessage(quoted(v)) }] },
  bucketOwner: { checks: [{ bad: (v) => `!${fits("bucket_owner", v)}`, message: (v) => bucketOwnerMessage(quoted(v, 80)) }] },
  kmsKeyArn: {
    chain: [{ bad: (v) => matches(KMS_ALIAS_ARN_PATTERN, v), message: (v) => aliasArnMessage(quoted(v)) }, ...arnChain(KMS_KEY)],
    valid: (v) => fits("kms_key_arn", v),
  },
  spekeApiArn: { chain: arnChain(SPEKE_API), valid: (v) => fits("speke_api_arn", v) },
  kantarSecretArn: { chain: arnChain(KANTAR_SECRET), valid: (v) => fits("kantar_secret_arn", v) },
  queueArn: { chain: arnChain(QUEUE), valid: (v) => fits("queue_arn", v) },
  policyArn: { chain: arnChain(POLICY_ARN), valid: (v) => fits("policy_arn", v) },
  identityName: {
    chain: [
      { bad: (v) => `${v} == ""`, message: (v) => identityNameInvalid(quoted(v, 80), FIXES.giveName) },
      { bad: badCharacters(ROLE_NAME_CLASS), message: (v) => identityNameInvalid(quoted(v, 80), FIXES.remove(describedCharacters(v, ROLE_NAME_CLASS))) },
      { bad: (v) => `length(${v}) > 128`, message: (v) => identityNameInvalid(quoted(v, 80), FIXES.shorten(128, len(v))) },
    ],
    valid: (v) => fits("identity_name", v),
  },
  queueNameOrArn: mediaConvertNameOrArn("queues"),
  jobTemplateNameOrArn: mediaConvertNameOrArn("jobTemplates"),
  presetNameOrArn: mediaConvertNameOrArn("presets"),
};

const bucketMessage = (v: string, fix: string): string => `Bucket name ${quoted(v)} is not valid: ${RULES.bucket}. ${fix}`;

/** The reserved prefixes and suffixes (`local.reserved_bucket_*`) a bucket name has. */
const reservedAffixes = (v: string): string =>
  `concat([for a in local.reserved_bucket_prefixes : a if startswith(${v}, a)], [for a in local.reserved_bucket_suffixes : a if endswith(${v}, a)])`;

/** The first reserved prefix or suffix a bucket name has, in JSON quotes. */
const reservedAffix = (v: string): string => `jsonencode(element(${reservedAffixes(v)}, 0))`;

/** The tag rules, on the map variable `tags` (keys and values). */
export function tagValidations(tags: string): Validation[] {
  const keyMessage = (fix: (k: string) => string) => (k: string) => notValid("Tag key", quoted(k, 80), RULES.tagKey, fix(k));
  const keyChain: Check[] = [
    { bad: (k) => `${k} == ""`, message: keyMessage(() => FIXES.giveTagKey) },
    { bad: (k) => `length(${k}) > 128`, message: keyMessage((k) => FIXES.shorten(128, len(k))) },
    { bad: (k) => `startswith(lower(${k}), "aws:")`, message: keyMessage(() => FIXES.removeAwsPrefix) },
    { bad: (k) => `!${matches(TAG_KEY_PATTERN_RE2, k)}`, message: keyMessage((k) => FIXES.remove(describedCharacters(k, TAG_CLASS))) },
  ];
  const valueMessage = (fix: (v: string) => string) => (v: string, k: string) =>
    notValid("Tag value", `${quoted(v, 80)} of tag ${quoted(k, 80)}`, RULES.tagValue, fix(v));
  const valueChain: { bad: (v: string) => string; message: (v: string, k: string) => string }[] = [
    { bad: (v) => `length(${v}) > 256`, message: valueMessage((v) => FIXES.shorten(256, len(v))) },
    { bad: (v) => `!${matches(TAG_VALUE_PATTERN_RE2, v)}`, message: valueMessage((v) => FIXES.remove(describedCharacters(v, TAG_CLASS))) },
  ];
  const count = `length(${tags})`;
  return [
    { condition: show(`${count} <= 50`), error_message: `Tags are not valid: ${RULES.tagCount}. Remove ${show(`${count} - 50`)} of the ${show(count)} tags.` },
    listValidation(`keys(${tags})`, (x) => x, keyChain, () => "", (k) => `(!startswith(lower(${k}), "aws:") && ${fits("tag_key", k)})`),
    {
      condition: show(`alltrue([for v in values(${tags}) : ${fits("tag_value", "v")}])`),
      error_message: show(
        `try([for k, v in ${tags} : ${conditionalMessages(valueChain.map((c) => ({ bad: c.bad("v"), message: c.message("v", "k") })))} if ${valueChain.map((c) => c.bad("v")).join(" || ")}][0], "")`,
      ),
    },
  ];
}

/**
 * `[if bad1: message1, else if bad2: message2, ...]` as one conditional expression of nested
 * templates, in parentheses, so that it breaks one branch a line (a condition of several operators
 * in parentheses of its own, so that it breaks too).
 */
function conditionalMessages(branches: readonly { bad: string; message: string }[]): string {
  return `(${branches.map(({ bad, message }) => `${grouped(bad, ["||", "&&", "?"])} ? ${messageExpression(message)} : `).join("")}"")`;
}

/** The checks of a chain as one expression: true when `v` fails one of them. */
const anyFails = (chain: readonly Check[], v: string): string =>
  chain.length === 1 ? `(${chain[0].bad(v)})` : `(${chain.map((c) => `(${c.bad(v)})`).join(" || ")})`;

/**
 * The validation of a chain of checks over the elements of `list` (each element `x`, its value
 * `item(x)`): the message is that of the first check its first offending value fails, after
 * `label(i)`, the path of the element with index `i`. Null values (optional fields left out) pass.
 */
function listValidation(list: string, item: (x: string) => string, chain: readonly Check[], label: (index: string) => string, valid?: (v: string) => string): Validation {
  const v = item("x");
  const passes = valid ? valid(v) : `!${anyFails(chain, v)}`;
  const fails = valid ? `!${valid(v)}` : anyFails(chain, v);
  const message = conditionalMessages(chain.map((c) => ({ bad: c.bad(v), message: `${label("i")}${c.message(v)}` })));
  return {
    condition: show(`alltrue([for x in ${list} : ${passes} if ${v} != null])`),
    // Terraform's || does not stop at a true operand: a null value is kept from the checks by a
    // conditional. Terraform evaluates messages also where every value passes: then there is no
    // first offender.
    error_message: show(`try([for i, x in ${list} : ${message} if (${v} == null ? false : ${fails})][0], "")`),
  };
}

/** What a rule is applied to: a scalar variable (null passing when it is nullable), or a value of each element of a list. */
export type RuleTarget =
  | { readonly scalar: string; readonly nullable?: boolean }
  | { readonly list: string; readonly item?: (x: string) => string; readonly path: (index: string) => string };

/** The validation of a chain of checks over a scalar: the message of the first check it fails. */
function scalarValidation(value: string, chain: readonly Check[], nullable: boolean, valid?: (v: string) => string): Validation {
  const passes = (v: string) => (valid ? valid(v) : `!${anyFails(chain, v)}`);
  return {
    // A null value passes (a list of it, filtered, keeps the checks away from it).
    condition: show(nullable ? `alltrue([for v in [${value}] : ${passes("v")} if v != null])` : passes(value)),
    // Terraform evaluates messages also for values that pass, null among them.
    error_message:
      chain.length === 1 && !nullable
        ? chain[0].message(value)
        : show(`try(${conditionalMessages(chain.map((c) => ({ bad: c.bad(value), message: c.message(value) })))}, "")`),
  };
}

/** The validations of one rule over a target: a chain is one validation, independent checks one each. */
export function ruleValidations(rule: ValueRule, target: RuleTarget): Validation[] {
  const hcl = HCL_RULES[rule];
  const groups: { chain: readonly Check[]; valid?: (v: string) => string }[] =
    "chain" in hcl ? [{ chain: hcl.chain, valid: hcl.valid }] : hcl.checks.map((check) => ({ chain: [check] }));
  return groups.map(({ chain, valid }) =>
    "scalar" in target
      ? scalarValidation(target.scalar, chain, target.nullable ?? false, valid)
      : listValidation(target.list, target.item ?? ((x) => x), chain, target.path, valid),
  );
}
