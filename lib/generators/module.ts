/**
 * The standalone Terraform module `modules/mediaconvert-role`, generated from the same
 * MediaConvertRole construct as the stacks: its inputs are Terraform variables instead of
 * literals, and its variables validate the same rules with the same words.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformOutput, TerraformStack, TerraformVariable } from "../core/engine";
import type { TerraformVariableValidationConfig } from "../core/engine";
import { aliasArnMessage, arnRule, notValid, RULES } from "../core/errors";
import { DEFAULT_ROLE_NAME, MediaConvertRole } from "../core/role";
import {
  DESCRIPTION_CLASS_RE2,
  KMS_ALIAS_ARN_PATTERN,
  KMS_KEY_ARN_PATTERN,
  MAX_SESSION_DURATION,
  MIN_SESSION_DURATION,
  PATH_PATTERN,
  POLICY_ARN_PATTERN,
  ROLE_NAME_PATTERN,
  TAG_KEY_PATTERN_RE2,
  TAG_VALUE_PATTERN_RE2,
} from "../core/rules";

/** The AWS provider versions the module accepts (5.100.0 is the version it is tested with). */
export const MODULE_PROVIDER_CONSTRAINT = ">= 5.100.0";

/** A string as an HCL string literal. */
const hcl = (value: string): string => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** `can(regex("<pattern>", <expr>))` */
const matches = (pattern: RegExp | string, expr: string): string =>
  `can(regex(${hcl(typeof pattern === "string" ? pattern : pattern.source)}, ${expr}))`;

/** A nullable variable in a message template (Terraform cannot interpolate null, and evaluates messages early). */
const nullable = (expr: string): string => `${expr} == null ? "" : ${expr}`;

/** A rule text as the end of a sentence that starts with something else: "IAM path of the role. An IAM path is ...". */
const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

const rule = (condition: string, errorMessage: string): TerraformVariableValidationConfig => ({
  condition: `\${${condition}}`,
  errorMessage,
});

/** Validations of a list of KMS key ARNs, saying what the TypeScript checks say. */
function kmsKeyListRules(variable: string): TerraformVariableValidationConfig[] {
  const list = `var.${variable}`;
  const aliases = `[for a in ${list} : a if ${matches(KMS_ALIAS_ARN_PATTERN, "a")}]`;
  const malformed = `[for a in ${list} : a if !${matches(KMS_ALIAS_ARN_PATTERN, "a")} && !${matches(KMS_KEY_ARN_PATTERN, "a")}]`;
  return [
    rule(`length(${aliases}) == 0`, aliasArnMessage(`\${jsonencode(${aliases})}`)),
    rule(
      `length(${malformed}) == 0`,
      notValid(
        "KMS key ARN",
        `\${jsonencode(${malformed})}`,
        arnRule("KMS key ARN", "arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>"),
      ),
    ),
  ];
}

/** The variables of the module, in the order of its README. */
function declareVariables(stack: TerraformStack) {
  const variable = (name: string, config: ConstructorParameters<typeof TerraformVariable>[2]) => {
    const v = new TerraformVariable(stack, `var_${name}`, config);
    v.overrideLogicalId(name);
    return v;
  };
  const description = "var.role_description";
  return {
    roleName: variable("role_name", {
      type: "string",
      default: DEFAULT_ROLE_NAME,
      nullable: false,
      description: `Name of the IAM role (cannot be changed after creation: Terraform replaces the role). ${sentence(RULES.roleName)}`,
      validation: [rule(matches(ROLE_NAME_PATTERN, "var.role_name"), notValid("Role name", '"${var.role_name}"', RULES.roleName))],
    }),
    roleDescription: variable("role_description", {
      type: "string",
      nullable: true,
      description: `Description of the IAM role, or null for none. ${sentence(RULES.description)}`,
      validation: [
        rule(
          `${description} == null || ${matches(`^${DESCRIPTION_CLASS_RE2}{0,1000}$`, description)}`,
          notValid("Description", `"\${${nullable(description)}}"`, RULES.description),
        ),
      ],
    }),
    attachS3FullAccess: variable("attach_s3_full_access", {
      type: "bool",
      default: true,
      nullable: false,
      description: "Attach the AWS managed policy AmazonS3FullAccess, as the MediaConvert console does.",
    }),
    attachApiGatewayInvokeFullAccess: variable("attach_api_gateway_invoke_full_access", {
      type: "bool",
      default: true,
      nullable: false,
      description:
        "Attach the AWS managed policy AmazonAPIGatewayInvokeFullAccess, as the MediaConvert console does (SPEKE DRM, Nielsen watermarking).",
    }),
    inputKmsKeyArns: variable("input_kms_key_arns", {
      type: "list(string)",
      default: [],
      nullable: false,
      description: "KMS key ARNs of SSE-KMS input buckets: the role gets kms:Decrypt on them. Key ARNs, not alias ARNs.",
      validation: kmsKeyListRules("input_kms_key_arns"),
    }),
    outputKmsKeyArns: variable("output_kms_key_arns", {
      type: "list(string)",
      default: [],
      nullable: false,
      description: "KMS key ARNs of SSE-KMS output buckets: the role gets kms:GenerateDataKey on them. Key ARNs, not alias ARNs.",
      validation: kmsKeyListRules("output_kms_key_arns"),
    }),
    path: variable("role_path", {
      type: "string",
      default: "/",
      nullable: false,
      description: `IAM path of the role. ${sentence(RULES.path)}`,
      validation: [
        rule(`length(var.role_path) <= 512 && ${matches(PATH_PATTERN, "var.role_path")}`, notValid("Path", '"${var.role_path}"', RULES.path)),
      ],
    }),
    permissionsBoundary: variable("role_permissions_boundary_arn", {
      type: "string",
      nullable: true,
      description: "ARN of a managed policy that bounds the role's permissions, or null for none.",
      validation: [
        rule(
          `var.role_permissions_boundary_arn == null || ${matches(POLICY_ARN_PATTERN, "var.role_permissions_boundary_arn")}`,
          notValid(
            "Permissions boundary ARN",
            `"\${${nullable("var.role_permissions_boundary_arn")}}"`,
            arnRule("Permissions boundary ARN", "arn:<partition>:iam::<12-digit account id or aws>:policy/<path><name>"),
          ),
        ),
      ],
    }),
    maxSessionDuration: variable("max_session_duration", {
      type: "number",
      default: MIN_SESSION_DURATION,
      nullable: false,
      description: `Maximum session duration of the role in seconds. ${sentence(RULES.maxSessionDuration)}`,
      validation: [
        rule(
          `var.max_session_duration >= ${MIN_SESSION_DURATION} && var.max_session_duration <= ${MAX_SESSION_DURATION} && floor(var.max_session_duration) == var.max_session_duration`,
          notValid("Max session duration", "${var.max_session_duration}", RULES.maxSessionDuration),
        ),
      ],
    }),
    tags: variable("tags", {
      type: "map(string)",
      default: {},
      nullable: false,
      description: "Tags of the role (at most 50; keys may not start with aws:).",
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
    }),
  };
}

/** Builds the module as a cdktf stack (no provider, no backend): the variables feed one MediaConvertRole. */
export function buildModuleStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, "mediaconvert-role-module");
  const v = declareVariables(stack);
  const role = new MediaConvertRole(stack, "this", {
    roleName: v.roleName.stringValue,
    description: v.roleDescription.stringValue,
    attachS3FullAccess: v.attachS3FullAccess.booleanValue,
    attachApiGatewayInvokeFullAccess: v.attachApiGatewayInvokeFullAccess.booleanValue,
    inputKmsKeyArns: v.inputKmsKeyArns.listValue,
    outputKmsKeyArns: v.outputKmsKeyArns.listValue,
    path: v.path.stringValue,
    permissionsBoundary: v.permissionsBoundary.stringValue,
    maxSessionDuration: v.maxSessionDuration.numberValue,
    tags: v.tags.value,
    confusedDeputyProtection: false,
  });
  const output = (name: string, value: string, description: string) =>
    new TerraformOutput(stack, `output_${name}`, { value, description }).overrideLogicalId(name);
  output("role_arn", role.roleArn, "ARN of the MediaConvert role: pass it as the Role of MediaConvert jobs.");
  output("role_name", role.role.name, "Name of the MediaConvert role.");
  output("role_unique_id", role.role.uniqueId, "Stable unique id of the MediaConvert role (changes when the role is replaced).");
  stack.addOverride("terraform.required_providers", { aws: { source: "hashicorp/aws", version: MODULE_PROVIDER_CONSTRAINT } });
  return stack;
}

/** Removes cdktf's bookkeeping ("//" metadata) and the backend a module must not have. */
function stripForModule(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripForModule);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== "//")
      .map(([key, v]) => [key, stripForModule(v)]),
  );
}

/** The module's Terraform JSON, as a plain object. */
export function moduleTerraform(): Record<string, unknown> {
  // cdktf's App creates its outdir; nothing is written there, and it is removed again.
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "mediaconvert-module-"));
  let terraform: unknown;
  try {
    terraform = buildModuleStack(new App({ outdir, skipValidation: true })).toTerraform();
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  const json = stripForModule(terraform) as {
    terraform: Record<string, unknown>;
    variable: Record<string, Record<string, unknown>>;
  };
  delete json.terraform.backend;
  // cdktf cannot write `default = null`: every nullable variable here is optional, null meaning "none".
  for (const variable of Object.values(json.variable)) {
    if (variable.nullable === true && !("default" in variable)) variable.default = null;
  }
  return json;
}

/** One row per variable: name, type, default (as Terraform shows it), description. */
export interface ModuleInput {
  readonly name: string;
  readonly type: string;
  readonly default: unknown;
  readonly description: string;
}

/** The module's files: Terraform JSON split the usual way, and a README generated from the definitions. */
export function moduleFiles(): Record<string, string> {
  const tf = moduleTerraform() as {
    terraform: object;
    variable: Record<string, { type: string; default?: unknown; description: string }>;
    resource: object;
    data: object;
    output: Record<string, { description: string }>;
  };
  const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`;
  const inputs: ModuleInput[] = Object.entries(tf.variable).map(([name, v]) => ({
    name,
    type: v.type,
    default: v.default,
    description: v.description,
  }));
  const outputs = Object.entries(tf.output).map(([name, o]) => ({ name, description: o.description }));
  return {
    "versions.tf.json": json({ terraform: tf.terraform }),
    "variables.tf.json": json({ variable: tf.variable }),
    "main.tf.json": json({ data: tf.data, resource: tf.resource }),
    "outputs.tf.json": json({ output: tf.output }),
    "README.md": moduleReadme(inputs, outputs),
  };
}

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function moduleReadme(inputs: readonly ModuleInput[], outputs: readonly { name: string; description: string }[]): string {
  const defaultText = (v: unknown) => (v === undefined ? "required" : `\`${JSON.stringify(v)}\``);
  return [
    "# mediaconvert-role",
    "",
    "The IAM service role that AWS Elemental MediaConvert assumes, as the MediaConvert console creates it, with optional SSE-KMS key access.",
    "",
    "Generated by `npm run synth` from the same `MediaConvertRole` construct as the cdktf stacks: do not edit; change the construct and re-run synth (`npm run check:generated` fails when this folder is stale).",
    "",
    "## Usage",
    "",
    "```hcl",
    'module "mediaconvert_role" {',
    '  source = "git::https://example.com/your-org/mediaconvert-role-cdktf.git//modules/mediaconvert-role?ref=v0.1.0"',
    "",
    '  role_name           = "MediaConvert_Prod"',
    '  role_description    = "Transcoding for prod"',
    '  input_kms_key_arns  = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]',
    '  output_kms_key_arns = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]',
    '  tags                = { team = "video" }',
    "}",
    "",
    'output "mediaconvert_role_arn" {',
    "  value = module.mediaconvert_role.role_arn",
    "}",
    "```",
    "",
    "Within this repository, `source = \"./modules/mediaconvert-role\"` (or a relative path) works too. The module has no provider configuration and no backend; it needs the `hashicorp/aws` provider " +
      `\`${MODULE_PROVIDER_CONSTRAINT}\`` +
      " from its caller.",
    "",
    "## Protecting the role from replacement",
    "",
    "A role's name cannot be changed: a new `role_name` makes Terraform destroy and re-create the role, and jobs that name the old ARN fail. Terraform cannot take `prevent_destroy` from a variable, and a `module` block has no `lifecycle`, so this module cannot offer it. Instead:",
    "",
    "- review plans: `terraform plan -out=plan && terraform show -json plan | jq '.resource_changes[] | select(.change.actions | index(\"delete\"))'` lists every resource a plan would delete; fail CI when it names `aws_iam_role.this`;",
    "- or deny `iam:DeleteRole` on the role's ARN with a service control policy or a permissions boundary of the deploying identity;",
    "- or use the cdktf stacks of this repository, whose `preventDestroy` sets `lifecycle.prevent_destroy` on the role.",
    "",
    "## Inputs",
    "",
    "| Name | Description | Type | Default |",
    "| --- | --- | --- | --- |",
    ...inputs.map((i) => `| \`${i.name}\` | ${cell(i.description)} | \`${i.type}\` | ${defaultText(i.default)} |`),
    "",
    "Every input is validated at plan time with the same rules, and the same messages, as the TypeScript construct.",
    "",
    "## Outputs",
    "",
    "| Name | Description |",
    "| --- | --- |",
    ...outputs.map((o) => `| \`${o.name}\` | ${cell(o.description)} |`),
    "",
    "## Resources",
    "",
    "- `aws_iam_role.this`: trust policy for `mediaconvert.amazonaws.com` only, as the console makes it. It carries no confused-deputy conditions (`aws:SourceAccount`, `aws:SourceArn`) and the module has no least-privilege `scoped` mode: for those, use the cdktf stacks of this repository with `accountId` and `access: \"scoped\"`.",
    "- `aws_iam_role_policy_attachment.this_s3_full_access[0]`, `aws_iam_role_policy_attachment.this_api_gateway_invoke_full_access[0]`: when their `attach_*` input is true.",
    "- `aws_iam_role_policy.this_kms[0]`: only when a KMS key is given; `kms:Decrypt` on input keys, `kms:GenerateDataKey` on output keys.",
    "",
  ].join("\n");
}
