/**
 * The JSON config file: its schema (zod, also exported as JSON Schema for editors),
 * loading, and error reports that name the file and the JSON path of every problem.
 */
import * as fs from "fs";
import { closest, distance } from "fastest-levenshtein";
import { isUnresolved } from "../core/tokens";
import { z } from "zod";
import { isRegion, partitionOfRegion } from "../core/arn";
import { quote } from "../core/messages";
import { ConfigError } from "./messages";
import { terraformName } from "../core/addresses";
import * as errors from "../core/messages";
import { inlinePolicyDocument, sourceRestrictionOf, trustPolicy } from "../core/policies";
import type { MediaConvertRoleProps } from "../core/role";
import {
  ACCOUNT_ID_PATTERN,
  BUCKET_PATTERN,
  checkAccountId,
  checkAssumeRoleArn,
  checkAssumeRoleDuration,
  checkExternalId,
  checkMergedTagCount,
  checkRegion,
  checkSessionName,
  checkTags,
  DEFAULT_ROLE_NAME,
  DESCRIPTION_MAX,
  DESCRIPTION_PATTERN,
  KANTAR_SECRET_ARN_PATTERN,
  KMS_KEY_ARN_PATTERN,
  MAX_SESSION_DURATION,
  MIN_SESSION_DURATION,
  PATH_MAX,
  PATH_PATTERN,
  POLICY_ARN_PATTERN,
  PREFIX_MAX,
  PREFIX_PATTERN,
  QUEUE_ARN_PATTERN,
  REGION_PATTERN,
  ROLE_NAME_MAX,
  ROLE_NAME_PATTERN,
  SPEKE_API_ARN_PATTERN,
  TAG_KEY_MAX,
  TAG_VALUE_MAX,
  TAGS_MAX,
} from "../core/rules";
import { contextProblems, environmentProblems, FIELD_CHECKS } from "../core/role-rules";
import { defaultRegion } from "../core/regions";
import type { BackendConfig } from "../core/backend";
import type { AssumeRoleConfig } from "../core/assume-role";

/** Adds the problems a rule function reports as issues of the field being parsed. */
function rule(check: (value: string) => string[]) {
  return (value: string, ctx: z.RefinementCtx): void => {
    for (const message of check(value)) ctx.addIssue({ code: "custom", message });
  };
}

/**
 * The value rules a JSON Schema carries for editors (ECMAScript patterns without flags, lengths):
 * only in the exported schema; parsing checks with the rule functions, which give the messages.
 */
interface JsonRules {
  readonly pattern?: RegExp;
  readonly minLength?: number;
  readonly maxLength?: number;
}

const jsonRules = (rules: JsonRules) => ({
  ...(rules.pattern ? { pattern: rules.pattern.source } : {}),
  ...(rules.minLength !== undefined ? { minLength: rules.minLength } : {}),
  ...(rules.maxLength !== undefined ? { maxLength: rules.maxLength } : {}),
});

const checked = (check: (value: string) => string[], rules: JsonRules = {}) => z.string().superRefine(rule(check)).meta(jsonRules(rules));
const arnList = (check: (value: string) => string[], pattern: RegExp, what: string) => z.array(checked(check, { pattern })).describe(what);

const location = {
  bucket: checked(FIELD_CHECKS.bucket, { pattern: BUCKET_PATTERN, minLength: 3, maxLength: 63 }).describe("Bucket name."),
  prefix: checked(FIELD_CHECKS.prefix, { pattern: PREFIX_PATTERN, maxLength: PREFIX_MAX })
    .optional()
    .describe("Key prefix such as source/ (default: the whole bucket)."),
  kmsKeyArn: checked(FIELD_CHECKS.kmsKeyArn, { pattern: KMS_KEY_ARN_PATTERN }).optional().describe("Key of the bucket's SSE-KMS default encryption."),
};

export const RoleConfigSchema = z
  .strictObject({
    roleName: checked(FIELD_CHECKS.roleName, { pattern: ROLE_NAME_PATTERN, minLength: 1, maxLength: ROLE_NAME_MAX })
      .optional()
      .describe(`IAM role name, 1 to 64 letters, digits and + = , . @ - _. Default "${DEFAULT_ROLE_NAME}". Cannot be changed later.`),
    description: checked(FIELD_CHECKS.description, { pattern: DESCRIPTION_PATTERN, maxLength: DESCRIPTION_MAX }).optional().describe("Role description, at most 1000 characters."),
    access: z.enum(["full", "scoped"]).optional().describe('"full" (console-equivalent, default) or "scoped" (least privilege).'),
    attachS3FullAccess: z.boolean().optional().describe("Attach AmazonS3FullAccess (default true; full access only)."),
    attachApiGatewayInvokeFullAccess: z
      .boolean()
      .optional()
      .describe("Attach AmazonAPIGatewayInvokeFullAccess (default true; full access only)."),
    inputKmsKeyArns: arnList(FIELD_CHECKS.kmsKeyArn, KMS_KEY_ARN_PATTERN, "Keys of SSE-KMS input buckets: kms:Decrypt (full access only).").optional(),
    outputKmsKeyArns: arnList(FIELD_CHECKS.kmsKeyArn, KMS_KEY_ARN_PATTERN, "Keys of SSE-KMS output buckets: kms:GenerateDataKey (full access only).").optional(),
    inputs: z.array(z.strictObject(location)).optional().describe("Scoped access: where MediaConvert reads."),
    outputs: z
      .array(z.strictObject({ ...location, allowAcl: z.boolean().optional().describe("Allow s3:PutObjectAcl (default false).") }))
      .optional()
      .describe("Scoped access: where MediaConvert writes."),
    outputMultipartUpload: z.boolean().optional().describe("Also kms:Decrypt on output keys, for multipart uploads to SSE-KMS buckets."),
    jobEncryptionKmsKeyArns: arnList(
      FIELD_CHECKS.kmsKeyArn,
      KMS_KEY_ARN_PATTERN,
      "Keys jobs name in their S3 destination encryption settings: kms:Encrypt and kms:GenerateDataKey.",
    ).optional(),
    spekeApiArns: arnList(FIELD_CHECKS.spekeApiArn, SPEKE_API_ARN_PATTERN, "Scoped access: SPEKE API Gateway ARNs (execute-api:Invoke).").optional(),
    kantarSecretArns: arnList(FIELD_CHECKS.kantarSecretArn, KANTAR_SECRET_ARN_PATTERN, "Scoped access: Kantar secrets (secretsmanager:GetSecretValue).").optional(),
    confusedDeputyProtection: z
      .boolean()
      .optional()
      .describe("aws:SourceAccount/aws:SourceArn conditions on the trust policy, pinning the stack's or role's account, else the deploying account (default true)."),
    accountId: checked(checkAccountId, { pattern: ACCOUNT_ID_PATTERN })
      .optional()
      .describe("12-digit account id the trust conditions pin when the stack gives none (default: the deploying account)."),
    trustedQueueArns: arnList(FIELD_CHECKS.queueArn, QUEUE_ARN_PATTERN, "Only these MediaConvert queues may use the role.").optional(),
    path: checked(FIELD_CHECKS.path, { pattern: PATH_PATTERN, maxLength: PATH_MAX }).optional().describe("IAM path (default /)."),
    permissionsBoundary: checked(FIELD_CHECKS.permissionsBoundary, { pattern: POLICY_ARN_PATTERN }).optional().describe("Permissions boundary policy ARN."),
    maxSessionDuration: z
      .number()
      .superRefine((v, ctx) => FIELD_CHECKS.maxSessionDuration(v).forEach((message) => ctx.addIssue({ code: "custom", message })))
      .meta({ type: "integer", minimum: MIN_SESSION_DURATION, maximum: MAX_SESSION_DURATION })
      .optional()
      .describe("Maximum session duration, 3600 to 43200 seconds."),
    tags: z
      .record(z.string(), z.string())
      .superRefine((v, ctx) => FIELD_CHECKS.tags(v).forEach((message) => ctx.addIssue({ code: "custom", message })))
      // Tag characters are Unicode classes (\p{L}), which need a flag JSON Schema patterns lack: lengths only.
      .meta({
        maxProperties: TAGS_MAX,
        propertyNames: { minLength: 1, maxLength: TAG_KEY_MAX, pattern: "^(?![aA][wW][sS]:)" },
        additionalProperties: { type: "string", maxLength: TAG_VALUE_MAX },
      })
      .optional()
      .describe("Role tags (at most 50; no aws: keys)."),
    exclusiveAttachments: z.boolean().optional().describe("Remove policies attached or added outside Terraform (default false)."),
    passRolePolicy: z.boolean().optional().describe("Create a policy allowing iam:PassRole on this role to MediaConvert only."),
    preventDestroy: z.boolean().optional().describe("Set lifecycle prevent_destroy on the role (default false)."),
    adopt: z
      .boolean()
      .optional()
      .describe("The role exists already: import it and its managed-policy attachments instead of creating them (default false)."),
  })
  .describe("One MediaConvert service role.");

const nonEmpty = (what: string) => z.string().min(1, { message: `${what} is empty: give a value.` });

export const BackendConfigSchema = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("local").describe("State in terraform.<stack>.tfstate where synth runs (default).") }),
    z.strictObject({
      type: z.literal("s3"),
      bucket: checked(FIELD_CHECKS.bucket, { pattern: BUCKET_PATTERN, minLength: 3, maxLength: 63 }).describe("State bucket."),
      key: nonEmpty("key").describe("State object key, e.g. mediaconvert/prod.tfstate."),
      region: checked(checkRegion, { pattern: REGION_PATTERN }).describe("Region of the state bucket."),
      dynamodbTable: nonEmpty("dynamodbTable").optional().describe("DynamoDB table for state locking (deprecated by Terraform 1.10+ in favour of useLockfile)."),
      useLockfile: z.boolean().optional().describe("S3-native state locking (Terraform 1.10+)."),
      encrypt: z.boolean().optional().describe("Encrypt the state object (default: the bucket's default)."),
    }),
    z
      .strictObject({
        type: z.literal("cloud"),
        organization: nonEmpty("organization").describe("HCP Terraform / Terraform Enterprise organization."),
        workspace: nonEmpty("workspace").optional().describe("Workspace name (give this or workspaceTags)."),
        workspaceTags: z.array(nonEmpty("tag")).min(1).optional().describe("Workspace tags (give this or workspace)."),
        project: nonEmpty("project").optional().describe("Project of the workspace."),
        hostname: nonEmpty("hostname").optional().describe("Terraform Enterprise host (default app.terraform.io)."),
      })
      .superRefine((cloud, ctx) => {
        if ((cloud.workspace === undefined) === (cloud.workspaceTags === undefined)) {
          ctx.addIssue({
            code: "custom",
            message:
              'a cloud backend needs exactly one of "workspace" (a workspace name) and "workspaceTags" (a list of tags). Give one of them.',
          });
        }
      }),
  ])
  .describe("Where Terraform keeps the stack's state.");

/** What the schema parses is the library's BackendConfig (a compile-time check). */
const parsedBackendFitsStack: (parsed: z.infer<typeof BackendConfigSchema>) => BackendConfig = (parsed) => parsed;
void parsedBackendFitsStack;
export type { BackendConfig };

export const AssumeRoleConfigSchema = z
  .strictObject({
    roleArn: checked((arn) => checkAssumeRoleArn(arn)).describe("Role the provider assumes: arn:<partition>:iam::<account>:role/<path><name>."),
    sessionName: checked(checkSessionName).optional().describe("Session name, 2 to 64 letters, digits and + = , . @ - _."),
    externalId: checked(checkExternalId).optional().describe("External id the role's trust policy asks for, 2 to 1224 characters."),
    duration: checked(checkAssumeRoleDuration).optional().describe('Session length as a Go duration, 15m to 12h, e.g. "1h" (default 15m).'),
  })
  .describe("A role the AWS provider assumes (assume_role), e.g. one per account from one set of CI credentials.");

/** What the schema parses is the library's AssumeRoleConfig (a compile-time check). */
const parsedAssumeRoleFitsStack: (parsed: z.infer<typeof AssumeRoleConfigSchema>) => AssumeRoleConfig = (parsed) => parsed;
void parsedAssumeRoleFitsStack;
export type { AssumeRoleConfig };

const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const StackConfigSchema = z
  .strictObject({
    name: z
      .string()
      .regex(STACK_NAME, {
        message:
          "a stack name is 1 to 64 letters, digits, - and _, starting with a letter or digit (it becomes the directory cdktf.out/stacks/<name>). Rename the stack.",
      })
      .describe("Stack name; the output lands in <outdir>/stacks/<name>/cdk.tf.json."),
    region: checked(checkRegion, { pattern: REGION_PATTERN }).optional().describe("AWS region (default AWS_REGION, else us-east-1)."),
    accountId: checked(checkAccountId, { pattern: ACCOUNT_ID_PATTERN })
      .optional()
      .describe("12-digit AWS account id; the provider refuses other accounts."),
    backend: BackendConfigSchema.optional(),
    assumeRole: AssumeRoleConfigSchema.optional(),
    defaultTags: z
      .record(z.string(), z.string())
      .superRefine((v, ctx) => checkTags(v).forEach((message) => ctx.addIssue({ code: "custom", message })))
      .optional()
      .describe("Tags the provider adds to every role and policy of the stack (default_tags); a role's own tag wins on the same key."),
    roles: z.array(RoleConfigSchema).min(1).describe("The roles of this stack."),
  })
  .describe("One Terraform stack: one AWS account and region.");

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Path or URL of this file's JSON Schema, for editors."),
    stacks: z.array(StackConfigSchema).min(1).describe("The stacks to synthesize."),
  })
  .describe("Config of the MediaConvert role app (mediaconvert.config.json).");

export type Config = z.infer<typeof ConfigSchema>;
export type StackConfig = z.infer<typeof StackConfigSchema>;
export type RoleConfig = z.infer<typeof RoleConfigSchema>;



type Path = readonly PropertyKey[];

/** `stacks[0].roles[1].roleName`; the top level is `(top level)`. */
export function formatPath(path: Path): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(top level)" : out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${quote(value, 40)}`;
  return `the ${typeof value} ${String(value)}`;
}

const ARTICLE: Record<string, string> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  array: "an array",
  object: "an object",
  record: 'an object of string values, e.g. {"team": "video"}',
};

/** The keys the object `value` at `path` accepts, found by walking the schema. */
function knownKeys(path: Path, value: unknown): string[] {
  let schema: z.ZodType = ConfigSchema;
  for (const part of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodObject) schema = schema.shape[String(part)] as z.ZodType;
    else return [];
    if (!schema) return [];
  }
  return objectKeys(unwrap(schema), value);
}

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

/** The keys of an object schema; for a union (the backends), those of the option whose `type` the value names. */
function objectKeys(schema: z.ZodType, value: unknown): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (!(schema instanceof z.ZodUnion)) return [];
  const options = schema.options as z.ZodType[];
  const type = asRecord(value).type;
  const chosen = options.filter((o) => o instanceof z.ZodObject && o.shape.type instanceof z.ZodLiteral && o.shape.type.value === type);
  return [...new Set((chosen.length > 0 ? chosen : options).flatMap((o) => objectKeys(o, value)))];
}

/** The raw value at a path of the parsed JSON. */
function valueAt(data: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, key) => (typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined), data);
}

function unknownKeyMessage(key: string, allowed: string[]): string {
  const suggestion = allowed.length > 0 ? closest(key, allowed) : undefined;
  const near = suggestion !== undefined && distance(key.toLowerCase(), suggestion.toLowerCase()) <= Math.max(2, key.length / 3);
  return near
    ? `unknown key ${quote(key)}. Did you mean ${quote(suggestion)}?`
    : `unknown key ${quote(key)}. Allowed keys: ${allowed.join(", ")}.`;
}

function issueMessages(issue: z.core.$ZodIssue & { input?: unknown }, data: unknown): { path: Path; message: string }[] {
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = knownKeys(issue.path, valueAt(data, issue.path));
      return issue.keys.map((key) => ({ path: [...issue.path, key], message: unknownKeyMessage(key, allowed) }));
    }
    case "invalid_type":
      if (issue.input === undefined) {
        return [{ path: issue.path, message: `is missing: it is required (${ARTICLE[issue.expected] ?? issue.expected}).` }];
      }
      return [
        {
          path: issue.path,
          message: `expected ${ARTICLE[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}. Write it as ${ARTICLE[issue.expected] ?? issue.expected}.`,
        },
      ];
    case "too_small":
      return [{ path: issue.path, message: EMPTY_LIST_HINTS[String(issue.path[issue.path.length - 1])] ?? issue.message }];
    case "invalid_union":
      if ("note" in issue && issue.note === "No matching discriminator" && "options" in issue) {
        const options = (issue.options as unknown[]).map((o) => JSON.stringify(o)).join(", ");
        const given = "discriminator" in issue ? asRecord(issue.input)[String(issue.discriminator)] : issue.input;
        return [{ path: issue.path, message: `expected one of ${options}, got ${describeValue(given)}. Use one of them.` }];
      }
      return [{ path: issue.path, message: issue.message }];
    case "invalid_value":
      return [
        {
          path: issue.path,
          message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(issue.input)}. Use one of them.`,
        },
      ];
    case "invalid_format":
      return [{ path: issue.path, message: `${describeValue(issue.input)} is not valid: ${issue.message}` }];
    default:
      return [{ path: issue.path, message: issue.message }];
  }
}

/** The ARN fields of a role that failed the schema, where they have the right types. */
function wellTypedArnFields(rawRole: unknown): MediaConvertRoleProps {
  const role = asRecord(rawRole);
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.map((v) => (typeof v === "string" ? v : "")) : undefined;
  const locations = (value: unknown) =>
    Array.isArray(value)
      ? value.map((l) => {
          const kmsKeyArn = asRecord(l).kmsKeyArn;
          return { bucket: "", ...(typeof kmsKeyArn === "string" ? { kmsKeyArn } : {}) };
        })
      : undefined;
  return {
    inputKmsKeyArns: strings(role.inputKmsKeyArns),
    outputKmsKeyArns: strings(role.outputKmsKeyArns),
    spekeApiArns: strings(role.spekeApiArns),
    kantarSecretArns: strings(role.kantarSecretArns),
    trustedQueueArns: strings(role.trustedQueueArns),
    inputs: locations(role.inputs),
    outputs: locations(role.outputs),
    permissionsBoundary: typeof role.permissionsBoundary === "string" ? role.permissionsBoundary : undefined,
  };
}

/** What to write into a list that must not be empty, by key. */
const EMPTY_LIST_HINTS: Record<string, string> = {
  stacks: 'is empty: add at least one stack, e.g. {"name": "mediaconvert", "roles": [{}]}.',
  roles: "is empty: add at least one role ({} is the console's default role).",
  workspaceTags: "is empty: give at least one tag, or use workspace instead.",
};

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Checks that need more than one field: key partitions against the stack's region, role names
 * that collide (case-insensitively) in one account, stack names used twice. They walk the raw
 * data defensively, so they report alongside the schema's problems.
 */
function crossFieldProblems(data: unknown, processEnv: NodeJS.ProcessEnv): { path: Path; message: string }[] {
  const problems: { path: Path; message: string }[] = [];
  const stackNames = new Map<string, number>();
  type Seen = { name: string; path: Path; stack: string };
  // The first role of each (account, lower-cased name) and of each (stack, Terraform resource name).
  const byName = new Map<string, Seen>();
  const byResource = new Map<string, Seen>();

  asArray(asRecord(data).stacks).forEach((rawStack, s) => {
    const stack = asRecord(rawStack);
    const name = typeof stack.name === "string" ? stack.name : `#${s}`;
    if (typeof stack.name === "string") {
      const first = stackNames.get(stack.name);
      if (first !== undefined) {
        problems.push({
          path: ["stacks", s, "name"],
          message: `stack name ${quote(stack.name)} is already used by stacks[${first}]: each stack needs its own output directory. Rename one of them.`,
        });
      } else stackNames.set(stack.name, s);
    }
    const region = typeof stack.region === "string" ? stack.region : defaultRegion(processEnv);
    const env = isRegion(region) ? { partition: partitionOfRegion(region), region } : undefined;
    const account = typeof stack.accountId === "string" ? `account:${stack.accountId}` : `stack:${s}`;

    const accountId = typeof stack.accountId === "string" && checkAccountId(stack.accountId).length === 0 ? stack.accountId : undefined;

    const roleEnv = env && { ...env, accountId };
    const assumeRole = asRecord(stack.assumeRole);
    if (typeof assumeRole.roleArn === "string" && roleEnv && checkAssumeRoleArn(assumeRole.roleArn).length === 0) {
      for (const message of checkAssumeRoleArn(assumeRole.roleArn, roleEnv)) {
        problems.push({ path: ["stacks", s, "assumeRole", "roleArn"], message });
      }
    }
    const defaultTags = StackConfigSchema.shape.defaultTags.safeParse(stack.defaultTags);
    asArray(stack.roles).forEach((rawRole, r) => {
      const parsed = RoleConfigSchema.safeParse(rawRole);
      const at = (problem: { path: readonly PropertyKey[]; message: string }) =>
        problems.push({ path: ["stacks", s, "roles", r, ...problem.path], message: problem.message });
      if (!parsed.success) {
        // The schema reports this role's own problems; its ARNs that are fine on their own are
        // still checked against the stack, so that every problem shows at once.
        environmentProblems(wellTypedArnFields(rawRole), roleEnv).forEach(at);
        return;
      }
      const props = { ...parsed.data, roleName: parsed.data.roleName ?? DEFAULT_ROLE_NAME };
      // A role's own account stands in when the stack gives none (queues are checked against it).
      const roleAccount = parsed.data.accountId !== undefined && checkAccountId(parsed.data.accountId).length === 0 ? parsed.data.accountId : undefined;
      const checkEnv = roleEnv && { ...roleEnv, accountId: roleEnv.accountId ?? roleAccount };
      const policy = (p: MediaConvertRoleProps) => inlinePolicyDocument(p, roleEnv?.partition ?? "aws", () => roleEnv?.region ?? region);
      // Unknown accounts are measured as 12 digits, as every account id is: the deploying account.
      const trust = (p: MediaConvertRoleProps) =>
        trustPolicy(sourceRestrictionOf(p, roleEnv?.partition ?? "aws", () => roleEnv?.accountId ?? p.accountId ?? "123456789012"));
      if (accountId !== undefined && parsed.data.accountId !== undefined && parsed.data.accountId !== accountId) {
        at({ path: ["accountId"], message: errors.roleAccountClash(parsed.data.accountId, accountId) });
      }
      contextProblems(props, checkEnv, policy, trust).forEach(at);
      if (defaultTags.success) {
        for (const message of checkMergedTagCount(props.roleName, props.tags, defaultTags.data)) at({ path: ["tags"], message });
      }
      const roleName = parsed.data.roleName ?? DEFAULT_ROLE_NAME;
      const path: Path = ["stacks", s, "roles", r, "roleName"];
      const nameKey = `${account}\u0000${roleName.toLowerCase()}`;
      const resourceKey = `${s}\u0000${terraformName(roleName)}`;
      const clash = byName.get(nameKey);
      if (clash) {
        const where = `(${formatPath(clash.path)}) ${clash.stack === name ? "in the same stack" : `in stack "${clash.stack}" (same account)`}`;
        const message =
          clash.name === roleName ? errors.roleNameUsedTwice(roleName, where) : errors.roleNameCaseClash(roleName, clash.name, where);
        problems.push({ path, message });
      } else {
        const keyClash = byResource.get(resourceKey);
        if (keyClash) problems.push({ path, message: errors.resourceKeyClash(terraformName(roleName), keyClash.name, roleName) });
      }
      const seen = { name: roleName, path, stack: name };
      if (!byName.has(nameKey)) byName.set(nameKey, seen);
      if (!byResource.has(resourceKey)) byResource.set(resourceKey, seen);
    });
  });
  return problems;
}

/**
 * Config values are literal text; a string that looks like a cdktf token placeholder would skip
 * validation and be swapped for an unrelated Terraform reference at synth, so it is refused.
 */
function tokenLookalikes(value: unknown, path: Path): { path: Path; message: string }[] {
  if (typeof value === "string") {
    return isUnresolved(value)
      ? [{ path, message: `${quote(value)} looks like a cdktf token (an internal placeholder for a Terraform reference), and config values are literal text. Write the value itself.` }]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => tokenLookalikes(v, [...path, i]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => tokenLookalikes(v, [...path, k]));
  }
  return [];
}

/** Validates parsed JSON; throws a ConfigError listing every problem. */
export function parseConfig(data: unknown, file: string, env: NodeJS.ProcessEnv = process.env): Config {
  const lookalikes = tokenLookalikes(data, []);
  if (lookalikes.length > 0) throw new ConfigError(file, lookalikes.map((p) => `${formatPath(p.path)}: ${p.message}`));
  const result = ConfigSchema.safeParse(data, { reportInput: true });
  const problems = [
    ...(result.success ? [] : result.error.issues.flatMap((issue) => issueMessages(issue, data))),
    ...crossFieldProblems(data, env),
  ];
  if (problems.length > 0 || !result.success) {
    throw new ConfigError(
      file,
      problems.map((p) => `${formatPath(p.path)}: ${p.message}`),
    );
  }
  return result.data;
}

/** Who named the config file: MEDIACONVERT_CONFIG, the project root's default name, or the CLI's `--config`; it picks the fix in messages. */
export type ConfigOrigin = "environment" | "project" | "option";

const READ_FIXES: Record<ConfigOrigin, string> = {
  environment: "Check the path in MEDIACONVERT_CONFIG, or unset it to use mediaconvert.config.json or the built-in default.",
  project: "Make it a readable file, or remove it to use the built-in default.",
  option: "Check the path given to --config, or leave --config out to use MEDIACONVERT_CONFIG, mediaconvert.config.json or the built-in default.",
};

/** Reads and validates a config file; `origin` (who named the file) picks the fix in messages. */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env, origin: ConfigOrigin = "environment"): Config {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "the file does not exist" : code === "EISDIR" ? "it is a directory" : code === "ENOTDIR" ? "a folder on its path is a file" : code === "EACCES" ? "permission denied" : (e as Error).message.replace(/\s+/g, " ");
    const fix = READ_FIXES[origin];
    throw new ConfigError(file, [`cannot read the config file: ${why}. ${fix}`]);
  }
  if (text.trim() === "") {
    throw new ConfigError(file, [
      `the config file is empty. Write a config such as {"stacks": [{"name": "mediaconvert", "roles": [{}]}]}, ${
        origin === "option" ? "or leave --config out to use the built-in default." : "or remove the file to use the built-in default."
      }`,
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(file, [`the file is not valid JSON${jsonErrorLocation(text, (e as Error).message)}. Fix the syntax (JSON allows no comments or trailing commas).`]);
  }
  return parseConfig(data, file, env);
}

/** ` at line 3, column 5: Unexpected token }` from Node's JSON.parse message, on one line. */
function jsonErrorLocation(text: string, message: string): string {
  const reason = message.replace(/\s+/g, " ").replace(/ in JSON at position \d+.*$/, "").replace(/, ".*"(?:\.\.\.)? is not valid JSON$/, "");
  const position = /position (\d+)/.exec(message);
  if (!position) return `: ${reason}`;
  const before = text.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return ` at line ${line}, column ${column}: ${reason}`;
}

/** The JSON Schema of the config file, for editors (`"$schema": "./mediaconvert.config.schema.json"`). */
export function configJsonSchema(): object {
  return z.toJSONSchema(ConfigSchema, { target: "draft-7", io: "input" });
}

export { ConfigError };
