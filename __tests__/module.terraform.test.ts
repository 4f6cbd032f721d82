/**
 * The generated module under Terraform, with ONE `terraform init` and two `terraform test`
 * processes side by side (each run block loads the 675 MB AWS provider, so their number is what
 * this file costs):
 *
 * - the module's committed tests (tests/module.tftest.hcl, tests/examples.tftest.hcl: trust
 *   pinning, documents, pass-role policy, the examples/ roots, every bad input failing);
 * - run "valid_calls" (written here): a root calling the module with representative inputs and
 *   with fast-check samples, whose plan (`-json -verbose` prints it) must give the resources the
 *   inputs ask for and, per sample, the trust, inline and pass-role documents the construct
 *   synthesizes for the same props (the differential property);
 * - run "bad_calls" (written here, last; it fails on purpose): a root calling the module with bad
 *   inputs, whose diagnostics must be the TypeScript construct's messages for the same mistakes.
 *
 * Everything runs against a mock AWS provider: no credentials, no network.
 */
import * as fs from "fs";
import * as path from "path";
import * as fc from "fast-check";
import { TerraformStack, Testing } from "cdktf";
import { MediaConvertRole, MediaConvertRoleProps, MediaConvertStack, RULES } from "../lib";
import { quote } from "../lib/core/messages";
import { MODULE_DIR } from "../lib/generators/generated";
import { moduleFiles } from "../lib/generators/module";
import { problemsOf } from "./support/problems";
import { CommandResult, init, makeTempDir, REPO_ROOT, terraform } from "./support/terraform";

const TERRAFORM_TIMEOUT_MS = 180_000;
const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const SAMPLES = 20;

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

/** A root module calling the module once per entry (the test's mock provider replaces its provider). */
function rootModule(calls: Readonly<Record<string, Readonly<Record<string, unknown>>>>): string {
  const header = ['terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n', `provider "aws" {\n  region = "${REGION}"\n}\n`];
  return [...header, ...Object.entries(calls)
    .map(([name, inputs]) =>
      [
        `module "${name}" {`,
        `  source = "../../.."`,
        ...Object.entries(inputs).map(([input, value]) => `  ${input} = ${hcl(value)}`),
        "}",
        "",
        `output "${name}_role_name" {`,
        `  value = module.${name}.role_name`,
        "}",
        "",
      ].join("\n"),
    )].join("\n");
}

const roleArnOf = (roleName: string): string => `arn:aws:iam::${ACCOUNT}:role/${roleName}`;

/** The jest-only test file: the mock provider, per-call overrides, then the two runs. */
function jestTestFile(valid: Readonly<Record<string, Readonly<Record<string, unknown>>>>): string {
  const perCall = Object.entries(valid).flatMap(([name, inputs]) => [
    `override_data {`,
    `  target = module.${name}.data.aws_caller_identity.current`,
    `  values = { account_id = "${ACCOUNT}" }`,
    `}`,
    `override_data {`,
    `  target = module.${name}.data.aws_partition.current`,
    `  values = { partition = "aws" }`,
    `}`,
    `override_data {`,
    `  target = module.${name}.data.aws_region.current`,
    `  values = { name = "${REGION}" }`,
    `}`,
    `override_resource {`,
    `  target          = module.${name}.aws_iam_role.this`,
    `  override_during = plan`,
    `  values          = { arn = "${roleArnOf(String(inputs.role_name ?? "MediaConvert_Default_Role"))}" }`,
    `}`,
  ]);
  return [
    `mock_provider "aws" {}`,
    "",
    ...perCall,
    "",
    `run "valid_calls" {`,
    "  command = plan",
    "  module {",
    `    source = "./tests/jest/valid"`,
    "  }",
    "}",
    "",
    `run "bad_calls" {`,
    "  command = plan",
    "  module {",
    `    source = "./tests/jest/bad"`,
    "  }",
    "}",
    "",
  ].join("\n");
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
    role: { name: "MediaConvert_Default_Role", description: null, path: "/", max_session_duration: 3600, permissions_boundary: null },
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
// The differential samples: the same props for the construct and the module

const KEYS = [KEY_1, KEY_2, "arn:aws:kms:eu-west-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef"];
const BUCKETS = ["media-in", "media-out", "media.archive"];
const PREFIXES = ["uploads/", "hls/", "a b/c"];

const location = fc.record(
  { bucket: fc.constantFrom(...BUCKETS), prefix: fc.constantFrom(...PREFIXES), kmsKeyArn: fc.constantFrom(...KEYS) },
  { requiredKeys: ["bucket"] },
);
const keyList = fc.array(fc.constantFrom(...KEYS), { maxLength: 2 });
const trust = fc.oneof(
  fc.record({ confusedDeputyProtection: fc.constant(false) }),
  fc.record(
    {
      trustedQueueArns: fc.uniqueArray(fc.constantFrom("Default", "Priority", "Batch").map((q) => `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:queues/${q}`), {
        minLength: 1,
        maxLength: 2,
      }),
      accountId: fc.constant(ACCOUNT),
    },
    { requiredKeys: [] },
  ),
);
const common = fc.record({ outputMultipartUpload: fc.boolean(), jobEncryptionKmsKeyArns: keyList, passRolePolicy: fc.boolean() });

const fullProps: fc.Arbitrary<MediaConvertRoleProps> = fc
  .tuple(common, trust, fc.record({ inputKmsKeyArns: keyList, outputKmsKeyArns: keyList }))
  .map(([c, t, keys]) => ({ access: "full", ...c, ...t, ...keys }));
const scopedProps: fc.Arbitrary<MediaConvertRoleProps> = fc
  .tuple(
    common,
    trust,
    fc.record({
      inputs: fc.array(location, { maxLength: 2 }),
      outputs: fc.array(fc.tuple(location, fc.boolean()).map(([l, allowAcl]) => ({ ...l, allowAcl })), { minLength: 1, maxLength: 2 }),
      spekeApiArns: fc.uniqueArray(fc.constantFrom(`arn:aws:execute-api:${REGION}:${ACCOUNT}:abcde12345`, `arn:aws:execute-api:${REGION}:${ACCOUNT}:fghij67890/prod/POST/keys`), {
        maxLength: 2,
      }),
      kantarSecretArns: fc.uniqueArray(fc.constant(`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kantar-AbCdEf`), { maxLength: 1 }),
    }),
  )
  .map(([c, t, scoped]) => ({ access: "scoped", ...c, ...t, ...scoped }));

/** The module inputs for the same props. */
function moduleInputs(roleName: string, props: MediaConvertRoleProps): Record<string, unknown> {
  const loc = (l: { bucket: string; prefix?: string; kmsKeyArn?: string; allowAcl?: boolean }) => ({
    bucket: l.bucket,
    ...(l.prefix !== undefined ? { prefix: l.prefix } : {}),
    ...(l.kmsKeyArn !== undefined ? { kms_key_arn: l.kmsKeyArn } : {}),
    ...(l.allowAcl !== undefined ? { allow_acl: l.allowAcl } : {}),
  });
  const entries: [string, unknown][] = [
    ["role_name", roleName],
    ["access", props.access],
    ["input_kms_key_arns", props.inputKmsKeyArns],
    ["output_kms_key_arns", props.outputKmsKeyArns],
    ["inputs", props.inputs?.map(loc)],
    ["outputs", props.outputs?.map(loc)],
    ["output_multipart_upload", props.outputMultipartUpload],
    ["job_encryption_kms_key_arns", props.jobEncryptionKmsKeyArns],
    ["speke_api_arns", props.spekeApiArns],
    ["kantar_secret_arns", props.kantarSecretArns],
    ["confused_deputy_protection", props.confusedDeputyProtection],
    ["source_account_id", props.accountId],
    ["trusted_queue_arns", props.trustedQueueArns],
    ["create_pass_role_policy", props.passRolePolicy],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

interface Documents {
  readonly trust: unknown;
  readonly inline?: unknown;
  readonly passRole?: unknown;
}

/** What the construct synthesizes for `props` in a stack of ACCOUNT and REGION (the role's ARN as the plan overrides it). */
function constructDocuments(props: MediaConvertRoleProps): Documents {
  const app = Testing.app();
  const stack = new MediaConvertStack(app, "differential", { region: REGION, accountId: ACCOUNT, roles: [props] });
  const tf = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, { assume_role_policy?: string; policy?: string }>> };
  const one = (type: string) => Object.values(tf.resource[type] ?? {})[0];
  const roleName = props.roleName!;
  const passRole = one("aws_iam_policy")?.policy?.replace(/\$\{aws_iam_role\.[a-z0-9_]+\.arn\}/g, roleArnOf(roleName));
  const inline = one("aws_iam_role_policy")?.policy;
  return {
    trust: JSON.parse(one("aws_iam_role").assume_role_policy!),
    inline: inline === undefined ? undefined : JSON.parse(inline),
    passRole: passRole === undefined ? undefined : JSON.parse(passRole),
  };
}

/**
 * A policy document as a set of grants: one (effect, principal, action, resource, condition) per
 * action and resource of each statement, sorted and de-duplicated, so that documents that differ
 * only in how statements are merged or ordered compare equal.
 */
function grantSet(doc: unknown): string[] | undefined {
  if (doc === undefined) return undefined;
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.length === 1 ? sorted(value[0]) : value.map(sorted).sort();
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]));
    }
    return value;
  };
  const list = (v: unknown): unknown[] => (v === undefined ? [undefined] : Array.isArray(v) ? v : [v]);
  const statements = (doc as { Version: string; Statement: Record<string, unknown>[] }).Statement;
  const grants = statements.flatMap((s) =>
    list(s.Action).flatMap((action) =>
      list(s.Resource).map((resource) => JSON.stringify(sorted({ Effect: s.Effect, Principal: s.Principal, Action: action, Resource: resource, Condition: s.Condition }))),
    ),
  );
  return [`Version ${(doc as { Version: string }).Version}`, ...new Set(grants)].sort();
}

const canonical = (docs: Documents) => ({ trust: grantSet(docs.trust), inline: grantSet(docs.inline), passRole: grantSet(docs.passRole) });

const samples: MediaConvertRoleProps[] = fc
  .sample(fc.oneof(fullProps, scopedProps), { numRuns: SAMPLES, seed: 9 })
  .map((props, i) => ({ ...props, roleName: `MediaConvert_Sample_${i}` }));

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
  bad_account: {
    inputs: { source_account_id: "1111" },
    props: { accountId: "1111" },
    tsShown: quote("1111"),
    tfShown: quote("1111"),
  },
};

/** The construct's message for the same mistake, with the value shown as Terraform shows it, cut after the rule. */
function expectedTerraformMessage(call: BadCall): string {
  const [problem] = problemsOf(() => new MediaConvertRole(new TerraformStack(Testing.app(), "bad"), "role", call.props));
  const message = problem.replace(/^[A-Za-z]+(\[\d+\])?: /, "").replace(call.tsShown, call.tfShown);
  if (call.rule === undefined) return message;
  const end = message.indexOf(`${call.rule}.`);
  if (end < 0) throw new Error(`The TypeScript message does not state the rule "${call.rule}": ${message}`);
  return message.slice(0, end + call.rule.length + 1);
}

const normalize = (text: string): string => text.replace(/\s+/g, " ").trim();

// ---------------------------------------------------------------------------------------------
// Running Terraform: one init, one test

interface ResourceChange {
  readonly address: string;
  readonly mode: string;
  readonly change: { readonly actions: string[]; readonly after: Record<string, unknown> };
}

interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail: string;
  readonly snippet?: { readonly context?: string };
}

interface TestOutcome {
  /** `terraform fmt -check -recursive` of the committed module, examples and tests. */
  readonly fmt: CommandResult;
  /** `terraform test` of the committed test files, and of ours. */
  readonly committedResult: CommandResult;
  readonly result: CommandResult;
  /** Status of each run, by "<file> <run>". */
  readonly runs: Map<string, string>;
  readonly resources: Map<string, ResourceChange>;
  readonly outputs: Record<string, { after: unknown }>;
  /** Error diagnostics of run "bad_calls", by the module call they name. */
  readonly badCallErrors: Map<string, string[]>;
  /** Error diagnostics of every other run (none expected). */
  readonly otherErrors: readonly string[];
}

let workDir: string | undefined;
let outcome: Promise<TestOutcome>;

async function runTerraformTest(): Promise<TestOutcome> {
  workDir = makeTempDir("mediaconvert-module-test");
  fs.cpSync(path.join(REPO_ROOT, MODULE_DIR), workDir, { recursive: true });
  // fmt reads no provider: it costs nothing next to the rest. Run on the committed files only.
  const fmt = await terraform(workDir, ["fmt", "-check", "-recursive", "-diff", "-no-color"], { okExitCodes: [0, 3] });
  const valid = {
    ...Object.fromEntries(Object.entries(VALID_CALLS).map(([name, call]) => [name, call.inputs])),
    ...Object.fromEntries(samples.map((props, i) => [`sample_${i}`, moduleInputs(props.roleName!, props)])),
  };
  for (const [dir, calls] of [
    ["valid", valid],
    ["bad", Object.fromEntries(Object.entries(BAD_CALLS).map(([name, call]) => [name, call.inputs]))],
  ] as const) {
    fs.mkdirSync(path.join(workDir, "tests", "jest", dir), { recursive: true });
    fs.writeFileSync(path.join(workDir, "tests", "jest", dir, "main.tf"), rootModule(calls));
  }
  fs.writeFileSync(path.join(workDir, "tests", "zz_jest.tftest.hcl"), jestTestFile(valid));
  await init(workDir, { sharedProviderOnly: true });
  // Two processes side by side, sharing the init: the committed files, and ours with -verbose
  // (it prints each run's plan, with the provider's whole schema: 13 MB a run, so only for two runs).
  const committed = ["tests/module.tftest.hcl", "tests/examples.tftest.hcl"].flatMap((file) => [`-filter=${file}`]);
  const options = { okExitCodes: [0, 1], timeoutMs: TERRAFORM_TIMEOUT_MS };
  const [committedResult, result] = await Promise.all([
    terraform(workDir, ["test", "-json", "-no-color", ...committed], options),
    terraform(workDir, ["test", "-json", "-verbose", "-no-color", "-filter=tests/zz_jest.tftest.hcl"], options),
  ]);

  const runs = new Map<string, string>();
  const resources = new Map<string, ResourceChange>();
  let outputs: Record<string, { after: unknown }> = {};
  const badCallErrors = new Map<string, string[]>();
  const otherErrors: string[] = [];
  for (const line of `${committedResult.stdout}\n${result.stdout}`.split("\n")) {
    if (line === "") continue;
    // Plans carry the provider's whole schema (13 MB): parse only the one of interest.
    if (line.includes('"type":"test_plan"') && !line.includes('"@testrun":"valid_calls"')) continue;
    const message = JSON.parse(line) as Record<string, unknown> & { type: string; "@testfile"?: string; "@testrun"?: string };
    if (message.type === "test_run") {
      const run = message.test_run as { progress: string; status?: string };
      if (run.progress === "complete") runs.set(`${message["@testfile"]} ${message["@testrun"]}`, run.status ?? "");
    } else if (message.type === "test_plan") {
      const planned = message.test_plan as { resource_changes: ResourceChange[]; output_changes: Record<string, { after: unknown }> };
      for (const change of planned.resource_changes) if (change.mode === "managed") resources.set(change.address, change);
      outputs = planned.output_changes;
    } else if (message.type === "diagnostic") {
      const diagnostic = message.diagnostic as Diagnostic;
      if (diagnostic.severity !== "error") continue;
      if (message["@testrun"] !== "bad_calls") {
        otherErrors.push(`${message["@testfile"]} ${message["@testrun"]}: ${diagnostic.summary}: ${diagnostic.detail}`);
        continue;
      }
      const module = /module "([^"]+)"/.exec(diagnostic.snippet?.context ?? "")?.[1] ?? "(no module)";
      badCallErrors.set(module, [...(badCallErrors.get(module) ?? []), normalize(`${diagnostic.summary}: ${diagnostic.detail}`)]);
    }
  }
  return { fmt, committedResult, result, runs, resources, outputs, badCallErrors, otherErrors };
}

beforeAll(() => {
  outcome = runTerraformTest();
  // Each test awaits it; this keeps an early failure from going unhandled meanwhile.
  outcome.catch(() => undefined);
}, TERRAFORM_TIMEOUT_MS);

afterAll(async () => {
  await Promise.allSettled([outcome]);
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
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

/** The documents module `name` plans. */
function plannedDocuments(resources: Map<string, ResourceChange>, name: string): Documents {
  const value = (address: string, attribute: string) => {
    const change = resources.get(`module.${name}.${address}`);
    return change === undefined ? undefined : JSON.parse(change.change.after[attribute] as string);
  };
  const inline = value("aws_iam_role_policy.this_kms[0]", "policy") ?? value("aws_iam_role_policy.this_scoped[0]", "policy");
  return { trust: value("aws_iam_role.this", "assume_role_policy"), inline, passRole: value("aws_iam_policy.this_pass_role[0]", "policy") };
}

// ---------------------------------------------------------------------------------------------
// The tests

describe("terraform test of the generated module", () => {
  it(
    "runs on files that terraform fmt -check leaves as they are (module, examples, tests)",
    async () => {
      // GIVEN / WHEN
      const { fmt } = await outcome;
      // THEN
      expect(fmt).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "passes every committed run block (tests/*.tftest.hcl: documents, examples, every bad input failing its validation)",
    async () => {
      // GIVEN / WHEN
      const { runs, committedResult } = await outcome;
      const committed = [...runs].filter(([key]) => !key.startsWith("tests/zz_jest.tftest.hcl "));
      const declared = Object.entries(moduleFiles())
        .filter(([name]) => name.endsWith(".tftest.hcl"))
        .flatMap(([name, text]) => [...text.matchAll(/^run "([a-z0-9_]+)"/gm)].map((m) => `${name} ${m[1]}`));
      // THEN
      expect(committed.map(([key]) => key).sort()).toEqual(declared.sort());
      expect(committed.filter(([, status]) => status !== "pass")).toEqual([]);
      expect(committedResult.exitCode).toBe(0);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "plans the valid calls, and fails only run bad_calls",
    async () => {
      // GIVEN / WHEN
      const { runs, result, otherErrors } = await outcome;
      // THEN
      expect(otherErrors).toEqual([]);
      expect(runs.get("tests/zz_jest.tftest.hcl valid_calls")).toBe("pass");
      expect(runs.get("tests/zz_jest.tftest.hcl bad_calls")).toBe("error");
      expect(result.exitCode).toBe(1);
    },
    TERRAFORM_TIMEOUT_MS,
  );
});

describe("a root module calling the module with valid inputs", () => {
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
        const { resources } = await outcome;
        // THEN
        expect([...resources.keys()].filter((a) => a.startsWith(`module.${name}.`)).sort()).toEqual(expected);
        for (const address of expected) expect(resources.get(address)?.change.actions).toEqual(["create"]);
      },
      TERRAFORM_TIMEOUT_MS,
    );

    it(
      "passes its inputs to the role",
      async () => {
        // GIVEN / WHEN
        const { resources, outputs } = await outcome;
        // THEN
        expect(resources.get(`module.${name}.aws_iam_role.this`)?.change.after).toMatchObject(call.role);
        expect(outputs[`${name}_role_name`]?.after).toBe(call.roleName);
      },
      TERRAFORM_TIMEOUT_MS,
    );

    it(
      "pins the deploying account in the trust policy (no source_account_id given)",
      async () => {
        // GIVEN / WHEN
        const { resources } = await outcome;
        const trust = plannedDocuments(resources, name).trust as { Statement: { Condition: unknown }[] };
        // THEN
        expect(trust.Statement[0].Condition).toEqual({
          ArnLike: { "aws:SourceArn": `arn:aws:mediaconvert:*:${ACCOUNT}:*` },
          StringEquals: { "aws:SourceAccount": ACCOUNT },
        });
      },
      TERRAFORM_TIMEOUT_MS,
    );

    if (call.attachments.length > 0) {
      it(
        "attaches the AWS managed policies of the provider's partition",
        async () => {
          // GIVEN / WHEN
          const { resources } = await outcome;
          // THEN
          for (const attachment of call.attachments) {
            expect(resources.get(`module.${name}.aws_iam_role_policy_attachment.this_${attachment}[0]`)?.change.after).toEqual({
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
          const { resources } = await outcome;
          const policy = resources.get(`module.${name}.aws_iam_role_policy.this_kms[0]`)?.change.after.policy;
          // THEN
          expect(grants(policy)).toEqual(call.kmsGrants);
        },
        TERRAFORM_TIMEOUT_MS,
      );
    }
  });
});

describe(`the module and the construct, for the same ${SAMPLES} generated props (fast-check)`, () => {
  it(
    "plan the same trust, inline and pass-role documents, as sets of grants (effect, principal, action, resource, condition)",
    async () => {
      // GIVEN: what the construct synthesizes for each sample
      const expected = samples.map((props) => canonical(constructDocuments(props)));
      // WHEN: what the module plans for the same inputs
      const { resources } = await outcome;
      const planned = samples.map((_, i) => canonical(plannedDocuments(resources, `sample_${i}`)));
      // THEN
      samples.forEach((props, i) => expect({ props, documents: planned[i] }).toEqual({ props, documents: expected[i] }));
      expect(samples.filter((p) => p.access === "scoped").length).toBeGreaterThan(0);
      expect(samples.filter((p) => p.access === "full").length).toBeGreaterThan(0);
    },
    TERRAFORM_TIMEOUT_MS,
  );
});

describe("a root module calling the module with bad inputs", () => {
  it(
    "fails with one validation error per bad call",
    async () => {
      // GIVEN / WHEN
      const { badCallErrors } = await outcome;
      // THEN
      expect([...badCallErrors.keys()].sort()).toEqual(Object.keys(BAD_CALLS).sort());
      for (const [module, messages] of badCallErrors) {
        expect([module, messages.length]).toEqual([module, 1]);
        expect(messages[0]).toMatch(/^Invalid value for variable: /);
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
      const { badCallErrors } = await outcome;
      const messages = badCallErrors.get(name) ?? [];
      // THEN
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(expected);
    },
    TERRAFORM_TIMEOUT_MS,
  );
});
