/**
 * The committed Terraform module `modules/mediaconvert-role`, called from plain HCL root modules
 * the way users call it: `terraform init` (AWS provider from the local mirror), `validate` and an
 * offline `plan` must give exactly the resources the inputs ask for, and bad inputs must fail the
 * plan with the same words as the TypeScript construct.
 *
 * Two root modules, each initialized once: one with every valid call, one with every bad call
 * (Terraform reports the validation errors of all module calls in one run). Both run side by side,
 * started in beforeAll; each test waits only for what it checks.
 */
import * as fs from "fs";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { MediaConvertRole, MediaConvertRoleProps, RULES } from "../lib";
import { quote } from "../lib/core/errors";
import { MODULE_DIR } from "../lib/generators/generated";
import { problemsOf } from "./support/problems";
import {
  CommandResult,
  init,
  makeTempDir,
  plan,
  REPO_ROOT,
  terraform,
  TerraformPlan,
  validate,
  ValidateResult,
  writeOfflineOverride,
} from "./support/terraform";

const TERRAFORM_TIMEOUT_MS = 120_000;
const REGION = "eu-west-1";

const KEY_1 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_2 = "arn:aws:kms:eu-west-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_3 = "arn:aws:kms:eu-west-1:444455556666:key/mrk-1234abcd12ab34cd56ef1234567890ab";
const ALIAS_ARN = "arn:aws:kms:eu-west-1:111122223333:alias/media";
const NAME_64 = `MediaConvert_${"x".repeat(64 - "MediaConvert_".length)}`;

// ---------------------------------------------------------------------------------------------
// Writing root modules

/** An HCL literal for a string, list, map, number or bool. */
function hcl(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value).replace(/\$\{/g, "$$${").replace(/%\{/g, "%%{");
  if (Array.isArray(value)) return `[${value.map(hcl).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${hcl(v)}`).join(", ")} }`;
  }
  return String(value);
}

/**
 * A root module: an AWS provider for REGION and one call of the module per entry. The module
 * source is a relative path, so Terraform uses the committed module in place (an absolute path
 * would make it copy the module).
 */
function writeRootModule(dir: string, calls: Readonly<Record<string, Readonly<Record<string, unknown>>>>): void {
  const source = path.relative(dir, path.join(REPO_ROOT, MODULE_DIR)).split(path.sep).join("/");
  const blocks = Object.entries(calls).map(([name, inputs]) =>
    [
      `module "${name}" {`,
      `  source = ${hcl(source.startsWith(".") ? source : `./${source}`)}`,
      ...Object.entries(inputs).map(([input, value]) => `  ${input} = ${hcl(value)}`),
      "}",
      "",
      `output "${name}_role_name" {`,
      `  value = module.${name}.role_name`,
      "}",
      "",
    ].join("\n"),
  );
  fs.writeFileSync(path.join(dir, "main.tf"), [`provider "aws" {`, `  region = ${hcl(REGION)}`, "}", "", ...blocks].join("\n"));
}

// ---------------------------------------------------------------------------------------------
// The valid calls

interface ValidCall {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly roleName: string;
  readonly attachments: readonly ("s3_full_access" | "api_gateway_invoke_full_access")[];
  /** KMS action to sorted resources; empty when the call gives no keys. */
  readonly kmsGrants: Readonly<Record<string, string[]>>;
  /** Role arguments the plan must show. */
  readonly role: Readonly<Record<string, unknown>>;
}

const VALID_CALLS: Readonly<Record<string, ValidCall>> = {
  defaults: {
    inputs: {},
    roleName: "MediaConvert_Default_Role",
    attachments: ["s3_full_access", "api_gateway_invoke_full_access"],
    kmsGrants: {},
    role: { name: "MediaConvert_Default_Role", description: null, path: "/", max_session_duration: 3600, permissions_boundary: null, tags: null },
  },
  with_keys: {
    inputs: {
      role_name: "MediaConvert_WithKeys",
      role_description: "Transcoding from and to SSE-KMS buckets",
      input_kms_key_arns: [KEY_2, KEY_1, KEY_2],
      output_kms_key_arns: [KEY_3],
    },
    roleName: "MediaConvert_WithKeys",
    attachments: ["s3_full_access", "api_gateway_invoke_full_access"],
    kmsGrants: { "kms:Decrypt": [KEY_1, KEY_2], "kms:GenerateDataKey": [KEY_3] },
    role: { name: "MediaConvert_WithKeys", description: "Transcoding from and to SSE-KMS buckets" },
  },
  // The upper boundaries that must pass: 64-character name, 43200 seconds, Latin-1 description.
  no_attachments: {
    inputs: {
      role_name: NAME_64,
      role_description: "Café transcoding, 12 h sessions",
      attach_s3_full_access: false,
      attach_api_gateway_invoke_full_access: false,
      output_kms_key_arns: [KEY_3],
      role_path: "/media/transcoding/",
      role_permissions_boundary_arn: "arn:aws:iam::111122223333:policy/boundaries/MediaBoundary",
      max_session_duration: 43200,
      tags: { team: "video", "cost-center": "42" },
    },
    roleName: NAME_64,
    attachments: [],
    kmsGrants: { "kms:GenerateDataKey": [KEY_3] },
    role: {
      name: NAME_64,
      description: "Café transcoding, 12 h sessions",
      path: "/media/transcoding/",
      max_session_duration: 43200,
      permissions_boundary: "arn:aws:iam::111122223333:policy/boundaries/MediaBoundary",
      tags: { team: "video", "cost-center": "42" },
    },
  },
};

const MANAGED_POLICIES = { s3_full_access: "AmazonS3FullAccess", api_gateway_invoke_full_access: "AmazonAPIGatewayInvokeFullAccess" } as const;

function expectedAddresses(name: string, call: ValidCall): string[] {
  return [
    `module.${name}.aws_iam_role.this`,
    ...call.attachments.map((a) => `module.${name}.aws_iam_role_policy_attachment.this_${a}[0]`),
    ...(Object.keys(call.kmsGrants).length > 0 ? [`module.${name}.aws_iam_role_policy.this_kms[0]`] : []),
  ].sort();
}

// ---------------------------------------------------------------------------------------------
// The bad calls: each fails with what the TypeScript construct says, minus its fix

interface BadCall {
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The same mistake as construct props. */
  readonly props: MediaConvertRoleProps;
  /** The value as the TypeScript message shows it, and as Terraform's message shows it. */
  readonly tsShown: string;
  readonly tfShown: string;
  /** The rule the message ends with in the module (the TypeScript message adds a fix after it); undefined when both end alike. */
  readonly rule?: string;
}

const NAME_65 = "a".repeat(65);
const BAD_DESCRIPTION = "Bob’s transcoding role";
const BAD_CALLS: Readonly<Record<string, BadCall>> = {
  bad_role_name: { inputs: { role_name: NAME_65 }, props: { roleName: NAME_65 }, tsShown: quote(NAME_65), tfShown: quote(NAME_65), rule: RULES.roleName },
  bad_alias_key: {
    inputs: { input_kms_key_arns: [KEY_1, ALIAS_ARN] },
    props: { inputKmsKeyArns: [ALIAS_ARN] },
    tsShown: quote(ALIAS_ARN),
    tfShown: JSON.stringify([ALIAS_ARN]),
  },
  bad_description: {
    inputs: { role_description: BAD_DESCRIPTION },
    props: { description: BAD_DESCRIPTION },
    tsShown: quote(BAD_DESCRIPTION),
    tfShown: quote(BAD_DESCRIPTION),
    rule: RULES.description,
  },
  bad_path: { inputs: { role_path: "media" }, props: { path: "media" }, tsShown: quote("media"), tfShown: quote("media"), rule: RULES.path },
  bad_tag_key: {
    inputs: { tags: { "aws:team": "video" } },
    props: { tags: { "aws:team": "video" } },
    tsShown: quote("aws:team"),
    tfShown: JSON.stringify(["aws:team"]),
    rule: RULES.tagKey,
  },
  bad_session: {
    inputs: { max_session_duration: 43201 },
    props: { maxSessionDuration: 43201 },
    tsShown: "43201",
    tfShown: "43201",
    rule: RULES.maxSessionDuration,
  },
};

/** The construct's message for the same mistake, with the value shown as Terraform shows it, cut after the rule. */
function expectedTerraformMessage(call: BadCall): string {
  const [problem] = problemsOf(() => new MediaConvertRole(new TerraformStack(Testing.app(), "bad"), "role", call.props));
  const message = problem.replace(/^[A-Za-z]+\[\d+\]: /, "").replace(call.tsShown, call.tfShown);
  if (call.rule === undefined) return message;
  const end = message.indexOf(`${call.rule}.`);
  if (end < 0) throw new Error(`The TypeScript message does not state the rule "${call.rule}": ${message}`);
  return message.slice(0, end + call.rule.length + 1);
}

const normalize = (text: string): string => text.replace(/\s+/g, " ").trim();

/** Terraform's human-readable errors (-no-color), by the module call they name. */
function errorsByModule(output: string): Map<string, string[]> {
  const byModule = new Map<string, string[]>();
  for (const block of output.split(/^Error: /m).slice(1)) {
    const module = /in module "([^"]+)"/.exec(block)?.[1] ?? "(no module)";
    byModule.set(module, [...(byModule.get(module) ?? []), normalize(`Error: ${block}`)]);
  }
  return byModule;
}

// ---------------------------------------------------------------------------------------------
// Running Terraform

interface ValidOutcome {
  readonly validation: ValidateResult;
  readonly plan: TerraformPlan;
}

let workRoot: string;
let validRun: Promise<ValidOutcome>;
let badRun: Promise<CommandResult>;

async function runValid(dir: string): Promise<ValidOutcome> {
  writeRootModule(dir, Object.fromEntries(Object.entries(VALID_CALLS).map(([name, call]) => [name, call.inputs])));
  writeOfflineOverride(dir);
  await init(dir);
  const [validation, planned] = await Promise.all([validate(dir), plan(dir)]);
  return { validation, plan: planned };
}

async function runBad(dir: string): Promise<CommandResult> {
  writeRootModule(dir, Object.fromEntries(Object.entries(BAD_CALLS).map(([name, call]) => [name, call.inputs])));
  writeOfflineOverride(dir);
  await init(dir);
  return terraform(dir, ["plan", "-input=false", "-no-color", "-lock=false"], { okExitCodes: [0, 1] });
}

beforeAll(() => {
  workRoot = makeTempDir("mediaconvert-module");
  const validDir = path.join(workRoot, "valid");
  const badDir = path.join(workRoot, "bad");
  fs.mkdirSync(validDir);
  fs.mkdirSync(badDir);
  validRun = runValid(validDir);
  badRun = runBad(badDir);
  // Each test awaits its run; these keep an early failure of one from going unhandled meanwhile.
  validRun.catch(() => undefined);
  badRun.catch(() => undefined);
});

afterAll(async () => {
  await Promise.allSettled([validRun, badRun]);
  fs.rmSync(workRoot, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Statements of a planned policy

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: string | string[];
}

const asList = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

function grants(policyJson: unknown): Record<string, string[]> {
  expect(typeof policyJson).toBe("string");
  const doc = JSON.parse(policyJson as string) as { Statement: Statement[] };
  const byAction: Record<string, string[]> = {};
  for (const statement of doc.Statement) {
    expect(statement.Effect).toBe("Allow");
    for (const action of asList(statement.Action)) byAction[action] = [...(byAction[action] ?? []), ...asList(statement.Resource)].sort();
  }
  return byAction;
}

// ---------------------------------------------------------------------------------------------
// The tests

describe("a root module calling the module with valid inputs", () => {
  it(
    "passes terraform validate",
    async () => {
      // GIVEN / WHEN
      const { validation } = await validRun;
      // THEN
      expect(validation.diagnostics).toEqual([]);
      expect(validation.valid).toBe(true);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  describe.each(Object.entries(VALID_CALLS))("module.%s", (name, call) => {
    const kms = Object.keys(call.kmsGrants).length > 0;

    it(
      call.attachments.length > 0
        ? `plans the role, its managed policy attachments and ${kms ? "a KMS policy" : "no inline policy"}`
        : `plans the role${kms ? " and a KMS policy" : ""}, and none of the switched-off attachments`,
      async () => {
        // GIVEN
        const expected = expectedAddresses(name, call);
        // WHEN
        const { plan: planned } = await validRun;
        // THEN
        expect(planned.addresses.filter((a) => a.startsWith(`module.${name}.`))).toEqual(expected);
        for (const address of expected) expect(planned.resource(address).actions).toEqual(["create"]);
      },
      TERRAFORM_TIMEOUT_MS,
    );

    it(
      "passes its inputs to the role",
      async () => {
        // GIVEN / WHEN
        const { plan: planned } = await validRun;
        const role = planned.resource(`module.${name}.aws_iam_role.this`).values;
        // THEN
        expect(role).toMatchObject(call.role);
        expect(planned.outputs[`${name}_role_name`]).toEqual({ known: true, value: call.roleName, sensitive: false });
      },
      TERRAFORM_TIMEOUT_MS,
    );

    if (call.attachments.length > 0) {
      it(
        "attaches the AWS managed policies of the provider's partition",
        async () => {
          // GIVEN / WHEN
          const { plan: planned } = await validRun;
          // THEN
          for (const attachment of call.attachments) {
            expect(planned.resource(`module.${name}.aws_iam_role_policy_attachment.this_${attachment}[0]`).values).toEqual({
              role: call.roleName,
              policy_arn: `arn:aws:iam::aws:policy/${MANAGED_POLICIES[attachment]}`,
            });
          }
        },
        TERRAFORM_TIMEOUT_MS,
      );
    }

    if (kms) {
      it(
        "grants kms:Decrypt on exactly the input keys and kms:GenerateDataKey on exactly the output keys",
        async () => {
          // GIVEN / WHEN
          const { plan: planned } = await validRun;
          const policy = planned.resource(`module.${name}.aws_iam_role_policy.this_kms[0]`).values.policy;
          // THEN
          expect(grants(policy)).toEqual(call.kmsGrants);
        },
        TERRAFORM_TIMEOUT_MS,
      );
    }
  });
});

describe("a root module calling the module with bad inputs", () => {
  it(
    "fails terraform plan with one validation error per bad call",
    async () => {
      // GIVEN / WHEN
      const { exitCode, stdout, stderr } = await badRun;
      const errors = errorsByModule(`${stderr}\n${stdout}`);
      // THEN
      expect(exitCode).toBe(1);
      expect([...errors.keys()].sort()).toEqual(Object.keys(BAD_CALLS).sort());
      for (const [module, messages] of errors) {
        expect([module, messages.length]).toEqual([module, 1]);
        expect(messages[0]).toMatch(/^Error: Invalid value for variable /);
      }
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it.each(Object.entries(BAD_CALLS))(
    "module.%s fails with the TypeScript message for the same mistake, without its fix",
    async (name, call) => {
      // GIVEN
      const expected = normalize(expectedTerraformMessage(call));
      // WHEN
      const { stdout, stderr } = await badRun;
      const messages = errorsByModule(`${stderr}\n${stdout}`).get(name) ?? [];
      // THEN
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(expected);
    },
    TERRAFORM_TIMEOUT_MS,
  );
});
