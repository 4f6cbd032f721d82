/**
 * The JSON config file: its schema (zod, also exported as JSON Schema for editors),
 * loading, and error reports that name the file and the JSON path of every problem.
 */
import * as fs from "fs";
import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { terraformName } from "../core/addresses";
import { isRegion, partitionOfRegion } from "../core/arn";
import type { AssumeRoleConfig } from "../core/assume-role";
import type { BackendConfig } from "../core/backend";
import * as errors from "../core/messages";
import { parseJsonText } from "../core/json-text";
import { describeValue, quote } from "../core/messages";
import { inlinePolicies, SIZING_ACCOUNT, sourceRestrictionOf, trustPolicy } from "../core/policies";
import { defaultRegion } from "../core/regions";
import { Fields, fieldsOf, PropertyDeclaration, renderNames, ROLE_PROPERTIES } from "../core/role-properties";
import type { MediaConvertRoleProps } from "../core/role-props";
import { contextProblems, environmentProblems } from "../core/role-rules";
import {
  ACCOUNT_ID_PATTERN,
  BUCKET_OWNER_PATTERN,
  BUCKET_PATTERN,
  checkAccountId,
  checkAssumeRoleArn,
  checkAssumeRoleDuration,
  checkBucket,
  checkExternalId,
  checkMaxSessionDuration,
  checkMergedTagCount,
  checkRegion,
  checkSessionName,
  checkTags,
  DEFAULT_ROLE_NAME,
  DESCRIPTION_MAX,
  DESCRIPTION_PATTERN,
  IDENTITY_NAME_PATTERN,
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
  ValueRule,
  VALUE_RULES,
} from "../core/rules";
import { roleNameClashes, RoleNameEntry } from "../core/role-name-clashes";
import * as messages from "./messages";
import { ConfigError } from "./messages";

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

/** What the JSON Schema says of each rule's values, for editors (the rule functions give the messages). */
const RULE_HINTS: Readonly<Record<ValueRule, JsonRules>> = {
  roleName: { pattern: ROLE_NAME_PATTERN, minLength: 1, maxLength: ROLE_NAME_MAX },
  description: { pattern: DESCRIPTION_PATTERN, maxLength: DESCRIPTION_MAX },
  bucket: { pattern: BUCKET_PATTERN, minLength: 3, maxLength: 63 },
  prefix: { pattern: PREFIX_PATTERN, maxLength: PREFIX_MAX },
  kmsKeyArn: { pattern: KMS_KEY_ARN_PATTERN },
  spekeApiArn: { pattern: SPEKE_API_ARN_PATTERN },
  kantarSecretArn: { pattern: KANTAR_SECRET_ARN_PATTERN },
  queueArn: { pattern: QUEUE_ARN_PATTERN },
  policyArn: { pattern: POLICY_ARN_PATTERN },
  accountId: { pattern: ACCOUNT_ID_PATTERN },
  bucketOwner: { pattern: BUCKET_OWNER_PATTERN },
  path: { pattern: PATH_PATTERN, maxLength: PATH_MAX },
  maxSessionDuration: {},
  identityName: { pattern: IDENTITY_NAME_PATTERN },
  queueNameOrArn: {},
  jobTemplateNameOrArn: {},
  presetNameOrArn: {},
};

/** The schema of one declared property or field, from its kind and rule, described by its summary. */
function declaredSchema(declaration: PropertyDeclaration): z.ZodType {
  const kind = declaration.kind;
  const ruled = (ruleName: ValueRule) => checked(VALUE_RULES[ruleName] as (value: string) => string[], RULE_HINTS[ruleName]);
  const schema = ((): z.ZodType => {
    switch (kind.type) {
      case "string":
        return kind.rule === undefined ? z.string() : ruled(kind.rule);
      case "boolean":
        return z.boolean();
      case "number":
        return z
          .number()
          .superRefine((v, ctx) => checkMaxSessionDuration(v).forEach((message) => ctx.addIssue({ code: "custom", message })))
          .meta({ type: "integer", minimum: MIN_SESSION_DURATION, maximum: MAX_SESSION_DURATION });
      case "enum":
        return z.enum(kind.values as [string, ...string[]]);
      case "list":
        return z.array(ruled(kind.rule));
      case "tags":
        return z
          .record(z.string(), z.string())
          .superRefine((v, ctx) => checkTags(v).forEach((message) => ctx.addIssue({ code: "custom", message })))
          // Tag characters are Unicode classes (\p{L}), which need a flag JSON Schema patterns lack: lengths only.
          .meta({
            maxProperties: TAGS_MAX,
            propertyNames: { minLength: 1, maxLength: TAG_KEY_MAX, pattern: "^(?![aA][wW][sS]:)" },
            additionalProperties: { type: "string", maxLength: TAG_VALUE_MAX },
          });
      case "objects":
        return z.array(objectSchema(fieldsOf(kind)));
      case "object":
        return objectSchema(fieldsOf(kind));
    }
  })();
  const described = schema.describe(renderNames(declaration.summary, "props", "plain"));
  return declaration.required ? described : described.optional();
}

function objectSchema(fields: Fields) {
  return z.strictObject(Object.fromEntries(Object.entries(fields).map(([name, declaration]) => [name, declaredSchema(declaration)])));
}

/** One role of the config: the props of MediaConvertRole, as declared in `role-properties.ts`. */
export const RoleConfigSchema = objectSchema(ROLE_PROPERTIES).describe("One MediaConvert service role.") as unknown as z.ZodType<MediaConvertRoleProps>;

const nonEmpty = (what: string) => z.string().min(1, { message: `${what} is empty: give a value.` });

export const BackendConfigSchema = z
  .discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("local").describe("State in a local file (the default)."),
      path: nonEmpty("path")
        .optional()
        .describe("The state file, relative to the config file's directory (default: terraform.<stack>.tfstate there)."),
    }),
    z.strictObject({
      type: z.literal("s3"),
      bucket: checked(checkBucket, RULE_HINTS.bucket).describe("State bucket."),
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
      .refine((name) => !(messages.WINDOWS_RESERVED_NAMES as readonly string[]).includes(name.toUpperCase()), { error: (issue) => messages.stackNameReserved(String(issue.input)) })
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
  const stackNames = new Map<string, { index: number; name: string }>();
  const roles: (RoleNameEntry & { readonly path: Path })[] = [];
  // The first role of each (stack, Terraform resource name).
  const byResource = new Map<string, string>();

  asArray(asRecord(data).stacks).forEach((rawStack, s) => {
    const stack = asRecord(rawStack);
    const name = typeof stack.name === "string" ? stack.name : `#${s}`;
    if (typeof stack.name === "string") {
      // Stack names become directories and state files: on macOS and Windows, names that differ only in case are one.
      const first = stackNames.get(stack.name.toLowerCase());
      if (first !== undefined) {
        problems.push({ path: ["stacks", s, "name"], message: messages.stackNameUsedTwice(stack.name, first.name, first.index) });
      } else stackNames.set(stack.name.toLowerCase(), { index: s, name: stack.name });
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
        // The schema reports this role's own problems; its values that are fine on their own are
        // still checked against the stack, so that every problem shows at once.
        environmentProblems(asRecord(rawRole) as MediaConvertRoleProps, roleEnv).forEach(at);
        return;
      }
      const props = { ...parsed.data, roleName: parsed.data.roleName ?? DEFAULT_ROLE_NAME };
      // A role's own account stands in when the stack gives none (queues are checked against it).
      const roleAccount = parsed.data.accountId !== undefined && checkAccountId(parsed.data.accountId).length === 0 ? parsed.data.accountId : undefined;
      const checkEnv = roleEnv && { ...roleEnv, accountId: roleEnv.accountId ?? roleAccount };
      // Unknown accounts are measured as 12 digits, as every account id is: the deploying account.
      const accountOf = (p: MediaConvertRoleProps) => () => roleEnv?.accountId ?? p.accountId ?? SIZING_ACCOUNT;
      const policies = (p: MediaConvertRoleProps) =>
        inlinePolicies(p, { partition: roleEnv?.partition ?? "aws", region: roleEnv?.region ?? region, account: accountOf(p) }).map((i) => i.document);
      const trust = (p: MediaConvertRoleProps) => trustPolicy(sourceRestrictionOf(p, roleEnv?.partition ?? "aws", accountOf(p)));
      if (accountId !== undefined && parsed.data.accountId !== undefined && parsed.data.accountId !== accountId) {
        at({ path: ["accountId"], message: errors.roleAccountClash(parsed.data.accountId, accountId) });
      }
      contextProblems(props, checkEnv, policies, trust).forEach(at);
      if (defaultTags.success) {
        for (const message of checkMergedTagCount(props.roleName, props.tags, defaultTags.data)) at({ path: ["tags"], message });
      }
      const path: Path = ["stacks", s, "roles", r, "roleName"];
      roles.push({ name: props.roleName, account, stack: name, label: `(${formatPath(path)}) `, path });
      const resourceKey = `${s}\u0000${terraformName(props.roleName)}`;
      const keyClash = byResource.get(resourceKey);
      if (keyClash !== undefined && keyClash.toLowerCase() !== props.roleName.toLowerCase()) {
        problems.push({ path, message: errors.resourceKeyClash(terraformName(props.roleName), keyClash, props.roleName) });
      }
      if (keyClash === undefined) byResource.set(resourceKey, props.roleName);
    });
  });
  for (const { index, message } of roleNameClashes(roles)) problems.push({ path: roles[index].path, message });
  return problems;
}

/** The start of a cdktf token placeholder: `${TfToken[`, `#{TfToken[` (lists) or `&{TfToken[` (maps). */
const TOKEN_MARKER = /[$#&]\{TfToken\[/;

/**
 * Config values are literal text; a string that looks like a cdktf token placeholder would skip
 * validation and be swapped for an unrelated Terraform reference at synth, so it is refused.
 */
function tokenLookalikes(value: unknown, path: Path): { path: Path; message: string }[] {
  if (typeof value === "string") {
    return TOKEN_MARKER.test(value)
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
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env, origin: ConfigOrigin = "environment", shown = file): Config {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "the file does not exist" : code === "EISDIR" ? "it is a directory" : code === "ENOTDIR" ? "a folder on its path is a file" : code === "EACCES" ? "permission denied" : (e as Error).message.replace(/\s+/g, " ");
    const fix = READ_FIXES[origin];
    throw new ConfigError(shown, [`cannot read the config file: ${why}. ${fix}`]);
  }
  if (text.trim() === "") {
    throw new ConfigError(shown, [
      `the config file is empty. Write a config such as {"stacks": [{"name": "mediaconvert", "roles": [{}]}]}, ${
        origin === "option" ? "or leave --config out to use the built-in default." : "or remove the file to use the built-in default."
      }`,
    ]);
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    throw new ConfigError(
      file,
      parsed.problems.map((p) =>
        p.kind === "syntax"
          ? `the file is not valid JSON at line ${p.line}, column ${p.column}: ${p.message}. Fix the syntax (JSON allows no comments or trailing commas).`
          : `line ${p.line}, column ${p.column}: ${p.message}. Remove one of them.`,
      ),
    );
  }
  return parseConfig(parsed.value, shown, env);
}

/** The JSON Schema of the config file, for editors (`"$schema": "./mediaconvert.config.schema.json"`). */
export function configJsonSchema(): object {
  return z.toJSONSchema(ConfigSchema, { target: "draft-7", io: "input" });
}

export { ConfigError };
