/**
 * The generated module under Terraform, with ONE `terraform init` and two `terraform test`
 * processes side by side:
 *
 * - with a mock provider (one shared provider process): the module's committed validation and
 *   examples tests, and run "bad_calls" (written here; it fails on purpose): a root calling the
 *   module with bad inputs, whose messages must be exactly the TypeScript construct's for the
 *   same mistakes;
 * - with the real AWS provider configured offline (the policies are `aws_iam_policy_document`
 *   data sources, which the provider computes): the committed documents tests (among them a root
 *   whose inputs are known only after apply), and run "valid_calls" (written here): a root
 *   calling the module with representative inputs and with fast-check samples, whose plan
 *   (`-json -verbose` prints it) must give the resources the inputs ask for and, per sample, the
 *   trust, inline, pass-role and job submitters' documents the construct synthesizes for the same
 *   props (the differential property).
 *
 * No credentials, no network.
 */
import * as fs from "fs";
import * as path from "path";
import * as fc from "fast-check";
import { TerraformStack, Testing } from "cdktf";
import { MediaConvertRole, MediaConvertRoleProps, MediaConvertStack, ResourcePolicies } from "../lib";
import { Fields, fieldsOf, ROLE_PROPERTIES } from "../lib/core/role-properties";
import { MODULE_DIR } from "../lib/app/generated";
import { moduleFiles } from "../lib/module";
import { problemsOf } from "./support/problems";
import { CommandResult } from "./support/commands";
import { makeTempDir, REPO_ROOT } from "./support/paths";
import { init, terraform } from "./support/terraform-commands";
import { ACCOUNT, INPUT_KEY as KEY_1, KEY_ALIAS as ALIAS_ARN, OTHER_ACCOUNT_KEY as KEY_3, OUTPUT_KEY, REGION } from "./support/fixtures";
import { OFFLINE_PROVIDER } from "../lib/module/tests";

const TERRAFORM_TIMEOUT_MS = 180_000;
const SAMPLES = 12;

const KEY_2 = "arn:aws:kms:eu-west-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab";
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
        `output "${name}_resource_policies" {`,
        `  value = { buckets = module.${name}.bucket_policy_statements, keys = module.${name}.key_policy_statements }`,
        "}",
        "",
      ].join("\n"),
    )].join("\n");
}

const roleArnOf = (roleName: string): string => `arn:aws:iam::${ACCOUNT}:role/${roleName}`;

/** The jest-only test file of the valid calls: the offline provider, per-call overrides, one run. */
function validTestFile(valid: Readonly<Record<string, Readonly<Record<string, unknown>>>>): string {
  const perCall = Object.keys(valid).flatMap((name) => [
    `override_data {`,
    `  target = module.${name}.data.aws_caller_identity.current`,
    `  values = { account_id = "${ACCOUNT}" }`,
    `}`,
  ]);
  return [OFFLINE_PROVIDER, "", ...perCall, "", `run "valid_calls" {`, "  command = plan", "  module {", `    source = "./tests/jest/valid"`, "  }", "}", ""].join("\n");
}

/** The jest-only test file of the bad calls: a mock provider (validations read no document). */
const BAD_TEST_FILE = ['mock_provider "aws" {}', "", `run "bad_calls" {`, "  command = plan", "  module {", `    source = "./tests/jest/bad"`, "  }", "}", ""].join("\n");

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

const KEYS = [KEY_1, KEY_2, OUTPUT_KEY];
const BUCKETS = ["media-in", "media-out", "media.archive"];
const PREFIXES = ["uploads/", "hls/", "a b/c"];

const location = fc.record(
  { bucket: fc.constantFrom(...BUCKETS), prefix: fc.constantFrom(...PREFIXES), kmsKeyArn: fc.constantFrom(...KEYS), bucketOwner: fc.constantFrom("444455556666", "any") },
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
const common = fc.record({
  outputMultipartUpload: fc.boolean(),
  jobEncryptionKmsKeyArns: keyList,
  decryptionKmsKeyArns: keyList,
  kantarSecretArns: fc.uniqueArray(fc.constantFrom(`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kantar-AbCdEf`, `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kantar`), { maxLength: 2 }),
  passRolePolicy: fc.boolean(),
  jobSubmitters: fc.option(
    fc.record(
      {
        roles: fc.constant(["video-pipeline"]),
        users: fc.constant(["operator"]),
        queues: fc.uniqueArray(fc.constantFrom("Default", `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:queues/Priority`), { maxLength: 2 }),
        jobTemplates: fc.uniqueArray(fc.constantFrom("ott-hls"), { maxLength: 1 }),
        monitor: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  ),
});

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
    }),
  )
  .map(([c, t, scoped]) => ({ access: "scoped", ...c, ...t, ...scoped }));

/** The module inputs for the same props. */
function moduleInputs(roleName: string, props: MediaConvertRoleProps): Record<string, unknown> {
  const loc = (l: { bucket: string; prefix?: string; kmsKeyArn?: string; bucketOwner?: string; allowAcl?: boolean }) => ({
    bucket: l.bucket,
    ...(l.prefix !== undefined ? { prefix: l.prefix } : {}),
    ...(l.kmsKeyArn !== undefined ? { kms_key_arn: l.kmsKeyArn } : {}),
    ...(l.bucketOwner !== undefined ? { bucket_owner: l.bucketOwner } : {}),
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
    ["decryption_kms_key_arns", props.decryptionKmsKeyArns],
    ["speke_api_arns", props.spekeApiArns],
    ["kantar_secret_arns", props.kantarSecretArns],
    ["confused_deputy_protection", props.confusedDeputyProtection],
    ["source_account_id", props.accountId],
    ["trusted_queue_arns", props.trustedQueueArns],
    ["create_pass_role_policy", props.passRolePolicy],
    [
      "job_submitters",
      props.jobSubmitters &&
        Object.fromEntries(
          Object.entries({
            roles: props.jobSubmitters.roles,
            users: props.jobSubmitters.users,
            queues: props.jobSubmitters.queues,
            job_templates: props.jobSubmitters.jobTemplates,
            monitor: props.jobSubmitters.monitor,
          }).filter(([, v]) => v !== undefined),
        ),
    ],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

interface Documents {
  readonly trust: unknown;
  /** The inline policy of full access's keys, or of scoped access. */
  readonly inline?: unknown;
  /** Full access's inline policy of Kantar secrets. */
  readonly secrets?: unknown;
  readonly passRole?: unknown;
  readonly submitJobs?: unknown;
  /** The bucket and key policy statements, by bucket and by key ARN. */
  readonly buckets: Readonly<Record<string, unknown>>;
  readonly keys: Readonly<Record<string, unknown>>;
}

/** What the construct synthesizes for `props` in a stack of ACCOUNT and REGION (the role's ARN as the module writes it). */
function constructDocuments(props: MediaConvertRoleProps): Documents {
  const app = Testing.app();
  const stack = new MediaConvertStack(app, "differential", { region: REGION, accountId: ACCOUNT, roles: [props] });
  const tf = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, { assume_role_policy?: string; policy?: string }>> };
  const byName = (type: string, suffix: string) => Object.entries(tf.resource[type] ?? {}).find(([name]) => name.endsWith(suffix))?.[1];
  const roleArn = roleArnOf(props.roleName!);
  const parse = (text: string | undefined) => (text === undefined ? undefined : JSON.parse(text.replace(/\$\{aws_iam_role\.[a-z0-9_]+\.arn\}/g, roleArn)));
  return {
    trust: parse(Object.values(tf.resource.aws_iam_role)[0].assume_role_policy),
    inline: parse((byName("aws_iam_role_policy", "_kms") ?? byName("aws_iam_role_policy", "_scoped"))?.policy),
    secrets: parse(byName("aws_iam_role_policy", "_secrets")?.policy),
    passRole: parse(byName("aws_iam_policy", "_pass_role")?.policy),
    submitJobs: parse(byName("aws_iam_policy", "_submit_jobs")?.policy),
    // The report's documents name the role by its ARN, as the module does.
    ...resourcePolicyDocuments(stack.roles[0].permissions.resourcePolicies),
  };
}

/** The documents of the bucket and key policy statements, by bucket and by key ARN. */
function resourcePolicyDocuments(policies: ResourcePolicies): Pick<Documents, "buckets" | "keys"> {
  return {
    buckets: Object.fromEntries(policies.buckets.map((b) => [b.bucket, b.document])),
    keys: Object.fromEntries(policies.keys.map((k) => [k.keyArn, k.document])),
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
  // An Allow statement's condition holds when each key matches one of its values: one grant per combination of values.
  const conditions = (condition: unknown): unknown[] => {
    if (condition === undefined) return [undefined];
    const entries = Object.entries(condition as Record<string, Record<string, unknown>>).flatMap(([op, keys]) => Object.entries(keys).map(([k, v]) => [op, k, list(v)] as const));
    return entries.reduce<Record<string, Record<string, unknown>>[]>(
      (combos, [op, key, values]) => combos.flatMap((c) => values.map((v) => ({ ...c, [op]: { ...c[op], [key]: v } }))),
      [{}],
    );
  };
  const statements = (doc as { Version: string; Statement: Record<string, unknown>[] }).Statement;
  const grants = statements.flatMap((s) =>
    list(s.Action).flatMap((action) =>
      list(s.Resource).flatMap((resource) =>
        conditions(s.Condition).map((condition) => JSON.stringify(sorted({ Effect: s.Effect, Principal: s.Principal, Action: action, Resource: resource, Condition: condition }))),
      ),
    ),
  );
  return [`Version ${(doc as { Version: string }).Version}`, ...new Set(grants)].sort();
}

const canonical = (docs: Documents) => ({
  trust: grantSet(docs.trust),
  inline: grantSet(docs.inline),
  secrets: grantSet(docs.secrets),
  passRole: grantSet(docs.passRole),
  submitJobs: grantSet(docs.submitJobs),
  buckets: Object.fromEntries(Object.entries(docs.buckets).map(([bucket, doc]) => [bucket, grantSet(doc)])),
  keys: Object.fromEntries(Object.entries(docs.keys).map(([key, doc]) => [key, grantSet(doc)])),
});

const samples: MediaConvertRoleProps[] = fc
  .sample(fc.oneof(fullProps, scopedProps), { numRuns: SAMPLES, seed: 9 })
  .map((props, i) => ({ ...props, roleName: `MediaConvert_Sample_${i}` }));

// ---------------------------------------------------------------------------------------------
// The bad calls: each fails with exactly what the TypeScript construct says for the same mistake

interface BadCall {
  /** The module's inputs. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The same mistake as construct props. */
  readonly props: MediaConvertRoleProps;
}

const NAME_65 = "a".repeat(65);
const SCOPED_OUT = { access: "scoped", outputs: [{ bucket: "media-out" }] };
const SCOPED_OUT_PROPS: MediaConvertRoleProps = { access: "scoped", outputs: [{ bucket: "media-out" }] };
const BAD_CALLS: Readonly<Record<string, BadCall>> = {
  bad_role_name_length: { inputs: { role_name: NAME_65 }, props: { roleName: NAME_65 } },
  bad_role_name_characters: { inputs: { role_name: "Media Convert" }, props: { roleName: "Media Convert" } },
  bad_description: { inputs: { role_description: "Bob’s transcoding role" }, props: { description: "Bob’s transcoding role" } },
  bad_path: { inputs: { role_path: "media" }, props: { path: "media" } },
  bad_tag_key: { inputs: { tags: { "aws:team": "video" } }, props: { tags: { "aws:team": "video" } } },
  bad_tag_value: { inputs: { tags: { team: "video#1" } }, props: { tags: { team: "video#1" } } },
  bad_session: { inputs: { max_session_duration: 43201 }, props: { maxSessionDuration: 43201 } },
  bad_account: { inputs: { source_account_id: "1111" }, props: { accountId: "1111" } },
  bad_access: { inputs: { access: "narrow" }, props: { access: "narrow" as "full" } },
  bad_alias_key: { inputs: { input_kms_key_arns: [KEY_1, ALIAS_ARN] }, props: { inputKmsKeyArns: [KEY_1, ALIAS_ARN] } },
  bad_key_id: {
    inputs: { output_kms_key_arns: ["arn:aws:kms:eu-west-1:111122223333:key/not-a-key-id"] },
    props: { outputKmsKeyArns: ["arn:aws:kms:eu-west-1:111122223333:key/not-a-key-id"] },
  },
  bad_key_partition: {
    inputs: { job_encryption_kms_key_arns: ["arn:aws-cn:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"] },
    props: { jobEncryptionKmsKeyArns: ["arn:aws-cn:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"] },
  },
  bad_bucket: { inputs: { ...SCOPED_OUT, inputs: [{ bucket: "Media_In" }] }, props: { ...SCOPED_OUT_PROPS, inputs: [{ bucket: "Media_In" }] } },
  bad_reserved_bucket: {
    inputs: { ...SCOPED_OUT, inputs: [{ bucket: "media-s3alias" }] },
    props: { ...SCOPED_OUT_PROPS, inputs: [{ bucket: "media-s3alias" }] },
  },
  bad_bucket_owner: {
    inputs: { access: "scoped", outputs: [{ bucket: "media-out" }, { bucket: "partner-out", bucket_owner: "4444-5555-6666" }] },
    props: { access: "scoped", outputs: [{ bucket: "media-out" }, { bucket: "partner-out", bucketOwner: "4444-5555-6666" }] },
  },
  bad_prefix: {
    inputs: { access: "scoped", outputs: [{ bucket: "media-out", prefix: "/hls" }] },
    props: { access: "scoped", outputs: [{ bucket: "media-out", prefix: "/hls" }] },
  },
  bad_speke: {
    inputs: { ...SCOPED_OUT, speke_api_arns: ["arn:aws:execute-api:eu-west-1:111122223333:short"] },
    props: { ...SCOPED_OUT_PROPS, spekeApiArns: ["arn:aws:execute-api:eu-west-1:111122223333:short"] },
  },
  bad_boundary: {
    inputs: { role_permissions_boundary_arn: "arn:aws:iam::111122223333:role/NotAPolicy" },
    props: { permissionsBoundary: "arn:aws:iam::111122223333:role/NotAPolicy" },
  },
  bad_submitter: { inputs: { job_submitters: { roles: ["video pipeline"] } }, props: { jobSubmitters: { roles: ["video pipeline"] } } },
  bad_queue: { inputs: { job_submitters: { queues: ["queues/Default"] } }, props: { jobSubmitters: { queues: ["queues/Default"] } } },
};

/** A property path as the module names it: `jobSubmitters.jobTemplates[0]` is `job_submitters.job_templates[0]`. */
function modulePath(tsPath: string): string {
  const names = Object.fromEntries(
    Object.values(ROLE_PROPERTIES as Fields).flatMap((d) => [
      ...(d.module ? [[Object.keys(ROLE_PROPERTIES).find((k) => (ROLE_PROPERTIES as Fields)[k] === d)!, d.module.name]] : []),
      ...Object.entries(fieldsOf(d.kind)).map(([field, f]) => [field, f.module?.name ?? field]),
    ]),
  );
  return tsPath.replace(/[A-Za-z]+/g, (name) => names[name] ?? name);
}

/** The construct's message for the same mistake, its path written in the module's names. */
function expectedTerraformMessage(call: BadCall): string {
  const problems = problemsOf(() => new MediaConvertRole(new TerraformStack(Testing.app(), "bad"), "role", call.props));
  expect(problems).toHaveLength(1);
  const [, path, message] = /^(?:([A-Za-z]+(?:\[\d+\])?(?:\.[A-Za-z]+(?:\[\d+\])?)*): )?(.*)$/s.exec(problems[0])!;
  return path === undefined ? message : `${modulePath(path)}: ${message}`;
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
  readonly snippet?: { readonly context?: string; readonly code?: string };
}

interface TestOutcome {
  /** `terraform fmt -check -recursive` of the committed module, examples and tests. */
  readonly fmt: CommandResult;
  /** Exit codes of the three `terraform test` processes: with the mock provider, with the real one, ours with -verbose. */
  readonly exitCodes: { readonly mocked: number; readonly real: number; readonly verbose: number };
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
  fs.writeFileSync(path.join(workDir, "tests", "zz_jest_valid.tftest.hcl"), validTestFile(valid));
  fs.writeFileSync(path.join(workDir, "tests", "zz_jest_bad.tftest.hcl"), BAD_TEST_FILE);
  await init(workDir);
  // Two processes side by side, sharing the init: the files with a mock provider (one shared
  // provider process), and those with the real provider, ours with -verbose (it prints each run's
  // plan, with the provider's whole schema: 13 MB a run, so only the valid calls print it).
  const filter = (...files: string[]) => files.map((file) => `-filter=tests/${file}`);
  const options = { okExitCodes: [0, 1], timeoutMs: TERRAFORM_TIMEOUT_MS };
  const [mocked, real, verbose] = await Promise.all([
    terraform(workDir, ["test", "-json", "-no-color", ...filter("validation.tftest.hcl", "examples.tftest.hcl", "zz_jest_bad.tftest.hcl")], options),
    terraform(workDir, ["test", "-json", "-no-color", ...filter("documents.tftest.hcl")], options),
    terraform(workDir, ["test", "-json", "-verbose", "-no-color", ...filter("zz_jest_valid.tftest.hcl")], options),
  ]);

  const runs = new Map<string, string>();
  const resources = new Map<string, ResourceChange>();
  let outputs: Record<string, { after: unknown }> = {};
  const badCallErrors = new Map<string, string[]>();
  const otherErrors: string[] = [];
  for (const line of [mocked, real, verbose].map((r) => r.stdout).join("\n").split("\n")) {
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
        otherErrors.push(`${message["@testfile"]} ${message["@testrun"]}: ${diagnostic.summary}: ${diagnostic.detail} (${diagnostic.snippet?.code ?? ""})`);
        continue;
      }
      const module = /module "([^"]+)"/.exec(diagnostic.snippet?.context ?? "")?.[1] ?? "(no module)";
      // Terraform ends the message with where the rule is: "This was checked by the validation rule at variables.tf:17,3-13."
      const detail = diagnostic.detail.replace(/\s*This was checked by the validation rule at \S+\.$/, "");
      badCallErrors.set(module, [...(badCallErrors.get(module) ?? []), normalize(`${diagnostic.summary}: ${detail}`)]);
    }
  }
  return { fmt, exitCodes: { mocked: mocked.exitCode, real: real.exitCode, verbose: verbose.exitCode }, runs, resources, outputs, badCallErrors, otherErrors };
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

/** The documents module `name` plans (its bucket and key policy statements from the root's outputs). */
function plannedDocuments(resources: Map<string, ResourceChange>, outputs: Record<string, { after: unknown }>, name: string): Documents {
  const value = (address: string, attribute: string) => {
    const change = resources.get(`module.${name}.${address}`);
    return change === undefined ? undefined : JSON.parse(change.change.after[attribute] as string);
  };
  return {
    trust: value("aws_iam_role.this", "assume_role_policy"),
    inline: value("aws_iam_role_policy.this_kms[0]", "policy") ?? value("aws_iam_role_policy.this_scoped[0]", "policy"),
    secrets: value("aws_iam_role_policy.this_secrets[0]", "policy"),
    passRole: value("aws_iam_policy.this_pass_role[0]", "policy"),
    submitJobs: value("aws_iam_policy.this_submit_jobs[0]", "policy"),
    ...(() => {
      const planned = outputs[`${name}_resource_policies`]?.after as { buckets: Record<string, string>; keys: Record<string, string> };
      const parsed = (byKey: Record<string, string>) => Object.fromEntries(Object.entries(byKey).map(([k, json]) => [k, JSON.parse(json)]));
      return { buckets: parsed(planned.buckets), keys: parsed(planned.keys) };
    })(),
  };
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
      const { runs, exitCodes } = await outcome;
      const committed = [...runs].filter(([key]) => !key.startsWith("tests/zz_jest_"));
      const declared = Object.entries(moduleFiles())
        .filter(([name]) => name.endsWith(".tftest.hcl"))
        .flatMap(([name, text]) => [...text.matchAll(/^run "([a-z0-9_]+)"/gm)].map((m) => `${name} ${m[1]}`));
      // THEN
      expect(committed.map(([key]) => key).sort()).toEqual(declared.sort());
      expect(committed.filter(([, status]) => status !== "pass")).toEqual([]);
      expect(exitCodes.real).toBe(0);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "plans the valid calls, and fails only run bad_calls",
    async () => {
      // GIVEN / WHEN
      const { runs, exitCodes, otherErrors } = await outcome;
      // THEN
      expect(otherErrors).toEqual([]);
      expect(runs.get("tests/zz_jest_valid.tftest.hcl valid_calls")).toBe("pass");
      expect(runs.get("tests/zz_jest_bad.tftest.hcl bad_calls")).toBe("error");
      expect(exitCodes).toEqual({ mocked: 1, real: 0, verbose: 0 });
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
        const { resources, outputs } = await outcome;
        const trust = plannedDocuments(resources, outputs, name).trust as { Statement: { Condition: unknown }[] };
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
    "plan the same trust, inline, pass-role, job submitters', bucket policy and key policy documents, as sets of grants (effect, principal, action, resource, condition)",
    async () => {
      // GIVEN: what the construct synthesizes for each sample
      const expected = samples.map((props) => canonical(constructDocuments(props)));
      // WHEN: what the module plans for the same inputs
      const { resources, outputs } = await outcome;
      const planned = samples.map((_, i) => canonical(plannedDocuments(resources, outputs, `sample_${i}`)));
      // THEN
      samples.forEach((props, i) => expect({ props, documents: planned[i] }).toEqual({ props, documents: expected[i] }));
      expect(samples.filter((p) => p.access === "scoped").length).toBeGreaterThan(0);
      expect(samples.filter((p) => p.access === "full").length).toBeGreaterThan(0);
      // The samples reach the bucket owners both ways, and the job submitters.
      const owners = samples.flatMap((p) => [...(p.inputs ?? []), ...(p.outputs ?? [])].map((l) => l.bucketOwner));
      expect(new Set(owners)).toEqual(new Set([undefined, "444455556666", "any"]));
      expect(samples.some((p) => p.jobSubmitters !== undefined)).toBe(true);
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
    "module.%s fails with exactly the TypeScript message for the same mistake",
    async (name, call) => {
      // GIVEN
      const expected = normalize(expectedTerraformMessage(call));
      // WHEN
      const { badCallErrors } = await outcome;
      const messages = badCallErrors.get(name) ?? [];
      // THEN
      expect(messages).toHaveLength(1);
      expect(messages[0]).toBe(normalize(`Invalid value for variable: ${expected}`));
    },
    TERRAFORM_TIMEOUT_MS,
  );
});
