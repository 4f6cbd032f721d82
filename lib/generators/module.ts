/**
 * The standalone Terraform module `modules/mediaconvert-role`, generated from the same policy
 * builders, rules and messages as the MediaConvertRole construct: its documents are what the
 * builders return for Terraform references instead of literals (one element of a list variable
 * at a time, each optional field present or absent), its variables validate the same rules with
 * the same words, and its resources carry the construct's names.
 */
import { accountIdMessage, aliasArnMessage, arnRule, fullOnly, notValid, RULES, scopedOnly, scopedWithoutLocations, trustedQueuesWithoutProtection } from "../core/messages";
import { awsManagedPolicyArn } from "../core/arn";
import { moduleDescription } from "../core/role-properties";
import { renderHcl, renderHclFiles } from "../hcl";
import { moduleImportBlocksHcl } from "./module-imports";
import { examplesTests, MODULE_TESTS } from "./module-tests";
import { kmsStatements, passRolePolicy, scopedStatements, ScopedAccess, sourceRestrictionOf, trustPolicy } from "../core/policies";
import { PolicyStatement } from "../core/policy-document";
import { DEFAULT_ROLE_NAME, INLINE_POLICY_NAMES, MANAGED_POLICIES, passRolePolicyDescription, passRolePolicyName } from "../core/role";
import {
  ACCOUNT_ID_PATTERN,
  arnPattern,
  ArnSpec,
  BUCKET_PATTERN,
  DESCRIPTION_CLASS_RE2,
  KANTAR_SECRET,
  KMS_ALIAS_ARN_PATTERN,
  KMS_KEY_ARN_PATTERN,
  MAX_SESSION_DURATION,
  MIN_SESSION_DURATION,
  PATH_PATTERN,
  POLICY_ARN_PATTERN,
  QUEUE,
  RESERVED_BUCKET_PREFIXES,
  RESERVED_BUCKET_SUFFIXES,
  ROLE_NAME_PATTERN,
  SPEKE_API,
  TAG_KEY_PATTERN_RE2,
  TAG_VALUE_PATTERN_RE2,
} from "../core/rules";

/** The AWS provider versions the module accepts (5.100.0 is the version it is tested with). */
export const MODULE_PROVIDER_CONSTRAINT = ">= 5.100.0";

/** The Terraform versions the module accepts: validation blocks that refer to other variables need 1.9. */
export const MODULE_TERRAFORM_CONSTRAINT = ">= 1.9.0";

// ---------------------------------------------------------------------------------------------
// HCL expressions

/** A string as an HCL string literal. */
const hcl = (value: string): string => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/**
 * A string as an HCL template: `${...}` parts stay expressions (the builders wrote them), the
 * text around them is escaped.
 */
function template(value: string): string {
  let out = "";
  let i = 0;
  while (i < value.length) {
    if (value.startsWith("${", i)) {
      let depth = 0;
      let j = i + 1;
      for (; j < value.length; j++) {
        if (value[j] === "{") depth++;
        else if (value[j] === "}" && --depth === 0) break;
      }
      out += value.slice(i, j + 1);
      i = j + 1;
    } else {
      const c = value[i];
      out += c === "\\" ? "\\\\" : c === '"' ? '\\"' : c === "\n" ? "\\n" : c === "%" && value[i + 1] === "{" ? "%%" : c;
      i++;
    }
  }
  return `"${out}"`;
}

/** Marks a one-element list that stands for a whole list variable (the trusted queues). */
const LIST = "\u0000list:";
const wholeList = (expression: string): string[] => [`${LIST}${expression}`];

/** A plain value (a policy document or statement) as an HCL expression. */
function expression(value: unknown): string {
  if (typeof value === "string") return template(value);
  if (Array.isArray(value)) {
    if (value.length === 1 && typeof value[0] === "string" && value[0].startsWith(LIST)) return `sort(distinct(${value[0].slice(LIST.length)}))`;
    return `[${value.map(expression).join(", ")}]`;
  }
  if (typeof value === "object" && value !== null) {
    return `{ ${Object.entries(value).map(([k, v]) => `${hcl(k)} = ${expression(v)}`).join(", ")} }`;
  }
  return String(value);
}

/** The statements, in a list that exists only when `condition` holds (no conditional: statement types differ). */
const when = (condition: string, statements: readonly PolicyStatement[]): string =>
  `[for _ in(${condition} ? [1] : []) : ${expression(statements)}]`;

/** Every combination of optional fields: [condition, choice per field]. */
function variants<K extends string>(fields: Readonly<Record<K, string>>): [string, Record<K, boolean>][] {
  const names = Object.keys(fields) as K[];
  return Array.from({ length: 2 ** names.length }, (_, bits) => {
    const choice = Object.fromEntries(names.map((n, i) => [n, (bits & (1 << i)) !== 0])) as Record<K, boolean>;
    return [names.map((n) => (choice[n] ? fields[n] : `!(${fields[n]})`)).join(" && "), choice];
  });
}

// ---------------------------------------------------------------------------------------------
// The documents, from the builders

const PARTITION = "${local.partition}";
const NO_SCOPE: ScopedAccess = {
  partition: PARTITION,
  region: "${data.aws_region.current.name}",
  inputs: [],
  outputs: [],
  spekeApiArns: [],
  kantarSecretArns: [],
  jobEncryptionKmsKeyArns: [],
  outputMultipartUpload: false,
};

/** The trust policy: one document per case, chosen by the variables. */
function trustPolicyExpression(): string {
  const restricted = (queues: readonly string[]) =>
    expression(trustPolicy(sourceRestrictionOf({ trustedQueueArns: queues.length > 0 ? queues : undefined }, PARTITION, () => "${local.account_id}")));
  const open = expression(trustPolicy(sourceRestrictionOf({ confusedDeputyProtection: false }, PARTITION, () => "")));
  return `var.confused_deputy_protection ? (length(var.trusted_queue_arns) > 0 ? jsonencode(${restricted(wholeList("var.trusted_queue_arns"))}) : jsonencode(${restricted([])})) : jsonencode(${open})`;
}

/** The KMS statements of full access: per key, as kmsStatements grants one key. */
function fullAccessStatements(): string {
  const none = { input: [], output: [], jobEncryption: [], multipartUpload: false };
  const mp = "var.output_multipart_upload";
  return `flatten([${[
    `[for k in distinct(var.input_kms_key_arns) : ${expression(kmsStatements({ ...none, input: ["${k}"] }))}]`,
    `[for k in distinct(var.output_kms_key_arns) : [${when(mp, kmsStatements({ ...none, output: ["${k}"], multipartUpload: true }))}, ${when(`!${mp}`, kmsStatements({ ...none, output: ["${k}"] }))}]]`,
    `[for k in distinct(var.job_encryption_kms_key_arns) : ${expression(kmsStatements({ ...none, jobEncryption: ["${k}"] }))}]`,
  ].join(", ")}])`;
}

/** The statements of scoped access: per location with its optional fields present or absent, per ARN. */
function scopedAccessStatements(): string {
  const location = (choice: { prefix: boolean; key: boolean }) => ({
    bucket: "${l.bucket}",
    ...(choice.prefix ? { prefix: "${l.prefix}" } : {}),
    ...(choice.key ? { kmsKeyArn: "${l.kms_key_arn}" } : {}),
  });
  const inputs = variants({ prefix: "l.prefix != null", key: "l.kms_key_arn != null" }).map(([condition, choice]) =>
    when(condition, scopedStatements({ ...NO_SCOPE, inputs: [location(choice)] })),
  );
  const outputs = variants({ prefix: "l.prefix != null", key: "l.kms_key_arn != null", acl: "l.allow_acl", multipart: "var.output_multipart_upload" }).map(
    ([condition, choice]) =>
      when(condition, scopedStatements({ ...NO_SCOPE, outputs: [{ ...location(choice), allowAcl: choice.acl }], outputMultipartUpload: choice.multipart })),
  );
  return `flatten([${[
    `[for l in distinct(var.inputs) : [${inputs.join(", ")}]]`,
    `[for l in distinct(var.outputs) : [${outputs.join(", ")}]]`,
    `[for k in distinct(var.job_encryption_kms_key_arns) : ${expression(scopedStatements({ ...NO_SCOPE, jobEncryptionKmsKeyArns: ["${k}"] }))}]`,
    `[for a in distinct(var.speke_api_arns) : ${expression(scopedStatements({ ...NO_SCOPE, spekeApiArns: ["${a}"] }))}]`,
    `[for a in distinct(var.kantar_secret_arns) : ${expression(scopedStatements({ ...NO_SCOPE, kantarSecretArns: ["${a}"] }))}]`,
  ].join(", ")}])`;
}

const document = (statements: string): string => `\${jsonencode({ "Version" = "2012-10-17", "Statement" = ${statements} })}`;

// ---------------------------------------------------------------------------------------------
// Variables and their validations

interface Validation {
  readonly condition: string;
  readonly error_message: string;
}

interface Variable {
  readonly type: string;
  readonly default?: unknown;
  readonly nullable?: boolean;
  readonly description: string;
  readonly validation?: Validation[];
}

/** `can(regex("<pattern>", <expr>))` */
const matches = (pattern: RegExp | string, expr: string): string =>
  `can(regex(${hcl(typeof pattern === "string" ? pattern : pattern.source)}, ${expr}))`;

/** A nullable variable in a message template (Terraform cannot interpolate null, and evaluates messages early). */
const nullable = (expr: string): string => `${expr} == null ? "" : ${expr}`;


const rule = (condition: string, errorMessage: string): Validation => ({ condition: `\${${condition}}`, error_message: errorMessage });

/** The elements of `list` (an HCL expression of a list of strings) for which `bad` (of `a`) holds, as JSON in a message. */
const offending = (list: string, bad: string): string => `\${jsonencode([for a in ${list} : a if ${bad}])}`;
const none = (list: string, bad: string): string => `length([for a in ${list} : a if ${bad}]) == 0`;

/** The values of a location field across the list, nulls left out. */
const fieldValues = (variable: string, field: string): string => `[for l in var.${variable} : l.${field} if l.${field} != null]`;

/** Validations of a list of KMS key ARNs, saying what the TypeScript checks say. */
function kmsKeyListRules(list: string): Validation[] {
  const alias = matches(KMS_ALIAS_ARN_PATTERN, "a");
  const malformed = `!${alias} && !${matches(KMS_KEY_ARN_PATTERN, "a")}`;
  return [
    rule(none(list, alias), aliasArnMessage(offending(list, alias))),
    rule(none(list, malformed), notValid("KMS key ARN", offending(list, malformed), arnRule("KMS key ARN", "arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>"))),
  ];
}

/** Validation of a list of ARNs of one kind. */
function arnListRule(list: string, spec: ArnSpec): Validation {
  const bad = `!${matches(arnPattern(spec), "a")}`;
  return rule(none(list, bad), notValid(spec.what, offending(list, bad), arnRule(spec.what, spec.shape)));
}

const scopedOnlyRule = (variable: string): Validation => rule(`var.access == "scoped" || length(var.${variable}) == 0`, scopedOnly(variable));
const fullOnlyKeysRule = (variable: string): Validation =>
  rule(
    `var.access == "full" || length(var.${variable}) == 0`,
    fullOnly(variable, "scoped roles take each bucket's key with its location", "Give each location's key as kms_key_arn in inputs and outputs."),
  );

/** Validations of a list of S3 locations (inputs or outputs). */
function locationRules(variable: string): Validation[] {
  const buckets = `[for l in var.${variable} : l.bucket]`;
  const badBucket = [
    `!${matches(BUCKET_PATTERN, "a")}`,
    `strcontains(a, "..")`,
    matches(/^\d{1,3}(?:\.\d{1,3}){3}$/, "a"),
    ...RESERVED_BUCKET_PREFIXES.map((p) => `startswith(a, ${hcl(p)})`),
    ...RESERVED_BUCKET_SUFFIXES.map((p) => `endswith(a, ${hcl(p)})`),
  ].join(" || ");
  const prefixes = fieldValues(variable, "prefix");
  const badPrefix = `a == "" || startswith(a, "/") || length(a) > 1024 || strcontains(a, "*") || strcontains(a, "?") || !${matches("^[\\x{20}-\\x{7E}\\x{A1}-\\x{FF}]*$", "a")}`;
  return [
    rule(none(buckets, badBucket), notValid("Bucket name", offending(buckets, badBucket), RULES.bucket)),
    rule(none(prefixes, badPrefix), notValid("Prefix", offending(prefixes, badPrefix), RULES.prefix)),
    ...kmsKeyListRules(fieldValues(variable, "kms_key_arn")),
    scopedOnlyRule(variable),
  ];
}

const LOCATION_TYPE = "object({ bucket = string, prefix = optional(string), kms_key_arn = optional(string) })";

/** The variables of the module, in the order of its README. */
function variables(): Record<string, Variable> {
  const description = "var.role_description";
  const boundary = "var.role_permissions_boundary_arn";
  const account = "var.source_account_id";
  return {
    role_name: {
      type: "string",
      default: DEFAULT_ROLE_NAME,
      nullable: false,
      description: moduleDescription("roleName"),
      validation: [rule(matches(ROLE_NAME_PATTERN, "var.role_name"), notValid("Role name", '"${var.role_name}"', RULES.roleName))],
    },
    role_description: {
      type: "string",
      default: null,
      nullable: true,
      description: moduleDescription("description"),
      validation: [
        rule(`${description} == null || ${matches(`^${DESCRIPTION_CLASS_RE2}{0,1000}$`, description)}`, notValid("Description", `"\${${nullable(description)}}"`, RULES.description)),
      ],
    },
    access: {
      type: "string",
      default: "full",
      nullable: false,
      description: moduleDescription("access"),
      validation: [
        rule(`contains(["full", "scoped"], var.access)`, `Access "\${var.access}" is not valid: access is "full" or "scoped". Use one of them.`),
      ],
    },
    attach_s3_full_access: {
      type: "bool",
      default: null,
      nullable: true,
      description: moduleDescription("attachS3FullAccess"),
      validation: [
        rule(
          `var.access == "full" || var.attach_s3_full_access != true`,
          fullOnly("attach_s3_full_access", "scoped roles get no managed full-access policies", "Remove it; list the buckets in inputs and outputs."),
        ),
      ],
    },
    attach_api_gateway_invoke_full_access: {
      type: "bool",
      default: null,
      nullable: true,
      description: moduleDescription("attachApiGatewayInvokeFullAccess"),
      validation: [
        rule(
          `var.access == "full" || var.attach_api_gateway_invoke_full_access != true`,
          fullOnly("attach_api_gateway_invoke_full_access", "scoped roles get no managed full-access policies", "Remove it; list the SPEKE APIs in speke_api_arns."),
        ),
      ],
    },
    input_kms_key_arns: {
      type: "list(string)",
      default: [],
      nullable: false,
      description: moduleDescription("inputKmsKeyArns"),
      validation: [...kmsKeyListRules("var.input_kms_key_arns"), fullOnlyKeysRule("input_kms_key_arns")],
    },
    output_kms_key_arns: {
      type: "list(string)",
      default: [],
      nullable: false,
      description: moduleDescription("outputKmsKeyArns"),
      validation: [...kmsKeyListRules("var.output_kms_key_arns"), fullOnlyKeysRule("output_kms_key_arns")],
    },
    inputs: {
      type: `list(${LOCATION_TYPE})`,
      default: [],
      nullable: false,
      description: moduleDescription("inputs"),
      // Checked here, not on access: inputs and outputs refer to access already (no cycles).
      validation: [
        ...locationRules("inputs"),
        rule(`var.access != "scoped" || length(var.inputs) + length(var.outputs) > 0`, scopedWithoutLocations("${var.role_name}")),
      ],
    },
    outputs: {
      type: "list(object({ bucket = string, prefix = optional(string), kms_key_arn = optional(string), allow_acl = optional(bool, false) }))",
      default: [],
      nullable: false,
      description: moduleDescription("outputs"),
      validation: locationRules("outputs"),
    },
    output_multipart_upload: {
      type: "bool",
      default: false,
      nullable: false,
      description: moduleDescription("outputMultipartUpload"),
    },
    job_encryption_kms_key_arns: {
      type: "list(string)",
      default: [],
      nullable: false,
      description: moduleDescription("jobEncryptionKmsKeyArns"),
      validation: kmsKeyListRules("var.job_encryption_kms_key_arns"),
    },
    speke_api_arns: {
      type: "list(string)",
      default: [],
      nullable: false,
      description: moduleDescription("spekeApiArns"),
      validation: [
        arnListRule("var.speke_api_arns", SPEKE_API),
        rule(
          none("var.speke_api_arns", `${matches(arnPattern(SPEKE_API), "a")} && split(":", a)[3] != data.aws_region.current.name`),
          `SPEKE API ARN ${offending("var.speke_api_arns", `${matches(arnPattern(SPEKE_API), "a")} && split(":", a)[3] != data.aws_region.current.name`)} is not in the provider's region \${data.aws_region.current.name}: MediaConvert only reaches it in its own region. Use one in \${data.aws_region.current.name}.`,
        ),
        scopedOnlyRule("speke_api_arns"),
      ],
    },
    kantar_secret_arns: {
      type: "list(string)",
      default: [],
      nullable: false,
      description: moduleDescription("kantarSecretArns"),
      validation: [arnListRule("var.kantar_secret_arns", KANTAR_SECRET), scopedOnlyRule("kantar_secret_arns")],
    },
    confused_deputy_protection: {
      type: "bool",
      default: true,
      nullable: false,
      description: moduleDescription("confusedDeputyProtection"),
    },
    source_account_id: {
      type: "string",
      default: null,
      nullable: true,
      description: moduleDescription("accountId"),
      validation: [rule(`${account} == null || ${matches(ACCOUNT_ID_PATTERN, account)}`, accountIdMessage(`"\${${nullable(account)}}"`))],
    },
    trusted_queue_arns: {
      type: "list(string)",
      default: [],
      nullable: false,
      description: moduleDescription("trustedQueueArns"),
      validation: [
        arnListRule("var.trusted_queue_arns", QUEUE),
        rule(
          none("var.trusted_queue_arns", `${account} != null && split(":", a)[4] != ${account}`),
          `Queue ARN ${offending("var.trusted_queue_arns", `${account} != null && split(":", a)[4] != ${account}`)} belongs to another account than source_account_id \${${nullable(account)}}: only jobs of the role's own account can assume it. Use a queue of account \${${nullable(account)}}.`,
        ),
        rule("var.confused_deputy_protection || length(var.trusted_queue_arns) == 0", trustedQueuesWithoutProtection().replace(/trustedQueueArns/g, "trusted_queue_arns").replace("confusedDeputyProtection", "confused_deputy_protection")),
      ],
    },
    role_path: {
      type: "string",
      default: "/",
      nullable: false,
      description: moduleDescription("path"),
      validation: [rule(`length(var.role_path) <= 512 && ${matches(PATH_PATTERN, "var.role_path")}`, notValid("Path", '"${var.role_path}"', RULES.path))],
    },
    role_permissions_boundary_arn: {
      type: "string",
      default: null,
      nullable: true,
      description: moduleDescription("permissionsBoundary"),
      validation: [
        rule(
          `${boundary} == null || ${matches(POLICY_ARN_PATTERN, boundary)}`,
          notValid("Permissions boundary ARN", `"\${${nullable(boundary)}}"`, arnRule("Permissions boundary ARN", "arn:<partition>:iam::<12-digit account id or aws>:policy/<path><name>")),
        ),
      ],
    },
    max_session_duration: {
      type: "number",
      default: MIN_SESSION_DURATION,
      nullable: false,
      description: moduleDescription("maxSessionDuration"),
      validation: [
        rule(
          `var.max_session_duration >= ${MIN_SESSION_DURATION} && var.max_session_duration <= ${MAX_SESSION_DURATION} && floor(var.max_session_duration) == var.max_session_duration`,
          notValid("Max session duration", "${var.max_session_duration}", RULES.maxSessionDuration),
        ),
      ],
    },
    tags: {
      type: "map(string)",
      default: {},
      nullable: false,
      description: moduleDescription("tags"),
      validation: [
        rule("length(var.tags) <= 50", `Tags are not valid: ${RULES.tagCount}. There are \${length(var.tags)}.`),
        rule(
          `alltrue([for k in keys(var.tags) : !startswith(lower(k), "aws:") && ${matches(TAG_KEY_PATTERN_RE2, "k")}])`,
          notValid("Tag key", `\${jsonencode([for k in keys(var.tags) : k if startswith(lower(k), "aws:") || !${matches(TAG_KEY_PATTERN_RE2, "k")}])}`, RULES.tagKey),
        ),
        rule(
          `alltrue([for v in values(var.tags) : ${matches(TAG_VALUE_PATTERN_RE2, "v")}])`,
          notValid("Tag value", `\${jsonencode([for v in values(var.tags) : v if !${matches(TAG_VALUE_PATTERN_RE2, "v")}])}`, RULES.tagValue),
        ),
      ],
    },
    exclusive_policy_management: {
      type: "bool",
      default: false,
      nullable: false,
      description: moduleDescription("exclusiveAttachments"),
    },
    create_pass_role_policy: {
      type: "bool",
      default: false,
      nullable: false,
      description: moduleDescription("passRolePolicy"),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The module

/** The module's Terraform JSON, as a plain object. */
export function moduleTerraform(): Record<string, unknown> {
  const role = "aws_iam_role.this";
  const attachment = (policy: string, variable: string) => ({
    count: `\${var.access == "full" && ${variable} != false ? 1 : 0}`,
    policy_arn: awsManagedPolicyArn(PARTITION, policy),
    role: `\${${role}.name}`,
  });
  const inline = (access: "full" | "scoped", statements: string) => ({
    count: `\${var.access == "${access}" && length(${statements}) > 0 ? 1 : 0}`,
    name: INLINE_POLICY_NAMES[access],
    policy: document(statements),
    role: `\${${role}.name}`,
  });
  return {
    terraform: {
      required_version: MODULE_TERRAFORM_CONSTRAINT,
      required_providers: { aws: { source: "hashicorp/aws", version: MODULE_PROVIDER_CONSTRAINT } },
    },
    variable: variables(),
    data: {
      aws_partition: { current: {} },
      aws_region: { current: {} },
      // Read only when it pins the trust policy: no extra API call otherwise.
      aws_caller_identity: { current: { count: "${var.confused_deputy_protection && var.source_account_id == null ? 1 : 0}" } },
    },
    locals: {
      partition: "${data.aws_partition.current.partition}",
      account_id: "${var.source_account_id != null ? var.source_account_id : one(data.aws_caller_identity.current[*].account_id)}",
      full_access_statements: `\${${fullAccessStatements()}}`,
      scoped_access_statements: `\${${scopedAccessStatements()}}`,
    },
    resource: {
      aws_iam_role: {
        this: {
          assume_role_policy: `\${${trustPolicyExpression()}}`,
          description: "${var.role_description}",
          max_session_duration: "${var.max_session_duration}",
          name: "${var.role_name}",
          path: "${var.role_path}",
          permissions_boundary: "${var.role_permissions_boundary_arn}",
          tags: "${var.tags}",
        },
      },
      aws_iam_role_policy_attachment: {
        this_s3_full_access: attachment(MANAGED_POLICIES.s3FullAccess, "var.attach_s3_full_access"),
        this_api_gateway_invoke_full_access: attachment(MANAGED_POLICIES.apiGatewayInvokeFullAccess, "var.attach_api_gateway_invoke_full_access"),
      },
      aws_iam_role_policy: {
        this_kms: inline("full", "local.full_access_statements"),
        this_scoped: inline("scoped", "local.scoped_access_statements"),
      },
      aws_iam_role_policy_attachments_exclusive: {
        this_attachments_exclusive: {
          count: "${var.exclusive_policy_management ? 1 : 0}",
          role_name: `\${${role}.name}`,
          policy_arns: "${concat(aws_iam_role_policy_attachment.this_s3_full_access[*].policy_arn, aws_iam_role_policy_attachment.this_api_gateway_invoke_full_access[*].policy_arn)}",
        },
      },
      aws_iam_role_policies_exclusive: {
        this_policies_exclusive: {
          count: "${var.exclusive_policy_management ? 1 : 0}",
          role_name: `\${${role}.name}`,
          policy_names: "${concat(aws_iam_role_policy.this_kms[*].name, aws_iam_role_policy.this_scoped[*].name)}",
        },
      },
      aws_iam_policy: {
        this_pass_role: {
          count: "${var.create_pass_role_policy ? 1 : 0}",
          name: passRolePolicyName("${var.role_name}"),
          description: passRolePolicyDescription("${var.role_name}"),
          policy: `\${jsonencode(${expression(passRolePolicy(`\${${role}.arn}`))})}`,
        },
      },
    },
    output: {
      role_arn: { value: `\${${role}.arn}`, description: "ARN of the MediaConvert role: pass it as the Role of MediaConvert jobs." },
      role_name: { value: `\${${role}.name}`, description: "Name of the MediaConvert role." },
      role_unique_id: { value: `\${${role}.unique_id}`, description: "Stable unique id of the MediaConvert role (changes when the role is replaced)." },
      pass_role_policy_arn: {
        value: "${one(aws_iam_policy.this_pass_role[*].arn)}",
        description: "ARN of the policy that lets job submitters pass the role to MediaConvert (attach it to them), or null when create_pass_role_policy is false.",
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Examples: HCL roots that call the module, one per mode (also the README's usage)

/** One example root: `examples/<name>/main.tf`. */
export interface ModuleExample {
  /** The README heading of the example. */
  readonly title: string;
  /** One sentence: what the example shows. */
  readonly summary: string;
  /** The module's inputs. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Root outputs: name to the module output they pass on. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Further root configuration (Terraform JSON), e.g. what uses the module's outputs. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

const EXAMPLE_REGION = "eu-west-1";
const EXAMPLE_KEY_IN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const EXAMPLE_KEY_OUT = "arn:aws:kms:eu-west-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab";

/** The examples, by folder name under `examples/`. */
export const MODULE_EXAMPLES: Readonly<Record<string, ModuleExample>> = {
  console: {
    title: "The console's role",
    summary:
      "The role the MediaConvert console creates (AmazonS3FullAccess and AmazonAPIGatewayInvokeFullAccess attached), with the trust policy pinned to the deploying account.",
    inputs: {},
    outputs: { role_arn: "role_arn" },
  },
  "sse-kms": {
    title: "SSE-KMS buckets",
    summary: "Full access plus the KMS keys of SSE-KMS input and output buckets; output_multipart_upload adds the kms:Decrypt that multipart uploads need.",
    inputs: {
      role_name: "MediaConvert_Media",
      role_description: "Transcoding from and to SSE-KMS buckets",
      input_kms_key_arns: [EXAMPLE_KEY_IN],
      output_kms_key_arns: [EXAMPLE_KEY_OUT],
      output_multipart_upload: true,
      tags: { team: "video" },
    },
    outputs: { role_arn: "role_arn" },
  },
  scoped: {
    title: "Scoped least privilege",
    summary: "Only the listed buckets, prefixes and keys, in one inline policy, and no managed policies.",
    inputs: {
      role_name: "MediaConvert_Scoped",
      access: "scoped",
      inputs: [{ bucket: "media-ingest", prefix: "uploads/", kms_key_arn: EXAMPLE_KEY_IN }],
      outputs: [{ bucket: "media-renditions", prefix: "hls/", kms_key_arn: EXAMPLE_KEY_OUT }],
      output_multipart_upload: true,
      exclusive_policy_management: true,
    },
    outputs: { role_arn: "role_arn" },
  },
  "pass-role": {
    title: "The pass-role policy for job submitters",
    summary: "A managed policy that lets the identities submitting jobs pass this role to MediaConvert and to nothing else, attached to the submitting role.",
    inputs: {
      role_name: "MediaConvert_Jobs",
      create_pass_role_policy: true,
    },
    outputs: { role_arn: "role_arn", pass_role_policy_arn: "pass_role_policy_arn" },
    extra: {
      resource: {
        aws_iam_role_policy_attachment: {
          job_submitter_pass_role: { role: "video-pipeline", policy_arn: "${module.mediaconvert_role.pass_role_policy_arn}" },
        },
      },
    },
  },
};

/** The Terraform JSON of an example root, calling the module from `source`. */
export function exampleTerraform(example: ModuleExample, source: string): Record<string, unknown> {
  return {
    terraform: {
      required_version: MODULE_TERRAFORM_CONSTRAINT,
      required_providers: { aws: { source: "hashicorp/aws", version: MODULE_PROVIDER_CONSTRAINT } },
    },
    provider: { aws: { region: EXAMPLE_REGION } },
    module: { mediaconvert_role: { source, ...example.inputs } },
    ...example.extra,
    output: Object.fromEntries(Object.entries(example.outputs).map(([name, output]) => [name, { value: `\${module.mediaconvert_role.${output}}` }])),
  };
}

// ---------------------------------------------------------------------------------------------
// Files

/** One row per variable: name, type, default (as Terraform shows it), description. */
export interface ModuleInput {
  readonly name: string;
  readonly type: string;
  readonly default: unknown;
  readonly description: string;
}

/** Where README usage examples take the module from. */
const PUBLISHED_SOURCE = "git::https://example.com/your-org/mediaconvert-role-cdktf.git//modules/mediaconvert-role?ref=v0.1.0";

/** The module's files: HCL in the terraform-aws-modules layout, a README, examples and tests, all generated. */
export function moduleFiles(): Record<string, string> {
  const tf = moduleTerraform() as {
    variable: Record<string, { type: string; default?: unknown; description: string }>;
    resource: Record<string, Record<string, unknown>>;
    data: Record<string, Record<string, unknown>>;
    output: Record<string, { description: string }>;
  };
  const inputs: ModuleInput[] = Object.entries(tf.variable).map(([name, v]) => ({ name, type: v.type, default: v.default, description: v.description }));
  const outputs = Object.entries(tf.output).map(([name, o]) => ({ name, description: o.description }));
  const resources = [
    ...Object.entries(tf.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => ({ address: `${type}.${name}`, kind: "resource" }))),
    ...Object.entries(tf.data).flatMap(([type, byName]) => Object.keys(byName).map((name) => ({ address: `${type}.${name}`, kind: "data source" }))),
  ];
  const examples = Object.fromEntries(
    Object.entries(MODULE_EXAMPLES).map(([name, example]) => [`examples/${name}/main.tf`, renderHcl(exampleTerraform(example, "../.."))]),
  );
  return {
    ...renderHclFiles(moduleTerraform()),
    "README.md": moduleReadme(inputs, outputs, resources),
    ...examples,
    "tests/module.tftest.hcl": MODULE_TESTS,
    "tests/examples.tftest.hcl": examplesTests(Object.keys(MODULE_EXAMPLES)),
  };
}

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** A default as terraform-docs shows it: `null`, `[]`, `"full"`, ... */
const defaultCell = (v: unknown): string => (v === undefined ? "n/a" : `\`${JSON.stringify(v)}\``);

function moduleReadme(inputs: readonly ModuleInput[], outputs: readonly { name: string; description: string }[], resources: readonly { address: string; kind: string }[]): string {
  const usage = Object.entries(MODULE_EXAMPLES).flatMap(([name, example]) => [
    `### ${example.title}`,
    "",
    `${example.summary} ([examples/${name}](examples/${name}/main.tf))`,
    "",
    "```hcl",
    renderHcl({ module: { mediaconvert_role: { source: PUBLISHED_SOURCE, ...example.inputs } } }).trimEnd(),
    "```",
    "",
  ]);
  return [
    "# mediaconvert-role",
    "",
    "The IAM service role that AWS Elemental MediaConvert assumes: the console's role (`access = \"full\"`), or a least-privilege role limited to declared buckets, prefixes, keys, SPEKE APIs and Kantar secrets (`access = \"scoped\"`). Its trust policy carries the confused-deputy conditions (`aws:SourceAccount`, `aws:SourceArn`) for the deploying account, read through `data.aws_caller_identity`, unless `source_account_id` names the account. Optionally, a managed policy lets job submitters pass the role to MediaConvert.",
    "",
    "Generated by `npm run synth` from the same policy builders, rules and messages as the `MediaConvertRole` construct: do not edit; change the construct and re-run synth (`npm run check:generated` fails when this folder is stale). Every input is validated at plan time with the same rules, and the same messages, as the construct.",
    "",
    "## Usage",
    "",
    ...usage,
    `Within this repository, \`source = "./modules/mediaconvert-role"\` (or a relative path) works too. The module has no provider configuration and no backend; it needs the \`hashicorp/aws\` provider \`${MODULE_PROVIDER_CONSTRAINT}\` from its caller. Run its tests with \`terraform init && terraform test\` in this folder: they plan with a mock provider, so they need no credentials.`,
    "",
    "## Adopting an existing role",
    "",
    "To bring a role that already exists (here the console's `MediaConvert_Default_Role`) under this module, add `import` blocks to the root module that calls it (Terraform allows them only there); an attachment whose `attach_*` input is false is left out:",
    "",
    "```hcl",
    moduleImportBlocksHcl("mediaconvert_role", "MediaConvert_Default_Role").trimEnd(),
    "```",
    "",
    "## Protecting the role from replacement",
    "",
    "A role's name cannot be changed: a new `role_name` makes Terraform destroy and re-create the role, and jobs that name the old ARN fail. Terraform cannot take `prevent_destroy` from a variable, and a `module` block has no `lifecycle`, so this module cannot offer it. Instead:",
    "",
    "- review plans: `terraform plan -out=plan && terraform show -json plan | jq '.resource_changes[] | select(.change.actions | index(\"delete\"))'` lists every resource a plan would delete; fail CI when it names `aws_iam_role.this`;",
    "- or deny `iam:DeleteRole` on the role's ARN with a service control policy or a permissions boundary of the deploying identity;",
    "- or use the cdktf stacks of this repository, whose `preventDestroy` sets `lifecycle.prevent_destroy` on the role.",
    "",
    "## Requirements",
    "",
    "| Name | Version |",
    "| --- | --- |",
    `| terraform | \`${MODULE_TERRAFORM_CONSTRAINT}\` |`,
    `| aws | \`${MODULE_PROVIDER_CONSTRAINT}\` |`,
    "",
    "## Providers",
    "",
    "| Name | Version |",
    "| --- | --- |",
    `| aws | \`${MODULE_PROVIDER_CONSTRAINT}\` |`,
    "",
    "## Resources",
    "",
    "| Name | Type |",
    "| --- | --- |",
    ...resources.map((r) => `| \`${r.address}\` | ${r.kind} |`),
    "",
    "## Inputs",
    "",
    "| Name | Description | Type | Default | Required |",
    "| --- | --- | --- | --- | :---: |",
    ...inputs.map((i) => `| \`${i.name}\` | ${cell(i.description)} | \`${cell(i.type)}\` | ${defaultCell(i.default)} | ${i.default === undefined ? "yes" : "no"} |`),
    "",
    "## Outputs",
    "",
    "| Name | Description |",
    "| --- | --- |",
    ...outputs.map((o) => `| \`${o.name}\` | ${cell(o.description)} |`),
    "",
  ].join("\n");
}
