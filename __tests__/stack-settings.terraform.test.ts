/**
 * What a stack tells Terraform about deploying it, judged by Terraform: where its state lives (the
 * backend) and whose credentials deploy it (the AWS provider's `assume_role`). Both are validated
 * in one Terraform run.
 *
 * Per-stack backends: configs with an S3 backend or an HCP Terraform `cloud` block synthesize
 * the block Terraform expects, as JSON and as HCL (`synth --hcl`, what `npm run synth:hcl` runs:
 * lib/generators/hcl.ts renders the JSON; the command line's synth runs in-process here), and
 * Terraform takes both: `init -backend=false` + `validate` for the configuration, and a full `init` against unreachable state storage for the block itself
 * (`init -backend=false` and `validate` never read the backend block). Wrong backend fields are
 * config errors naming their JSON path.
 *
 * The assume_role rules agree with the AWS provider 5.100.0: `terraform validate` (which checks
 * the provider block without configuring the provider, so no STS call) accepts the durations and
 * session names synth accepts, and refuses the boundary values synth refuses.
 *
 * Everything that runs Terraform or the CLI starts in beforeAll, in parallel; each test waits
 * only for its own part.
 */
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { ConfigError, parseConfig } from "../lib/app";
import { MediaConvertStack } from "../lib/core/stack";
import { checkAssumeRoleDuration, checkSessionName } from "../lib/core/rules";
import type { Config, StackConfig } from "../lib/app";
import { runCliInProcess } from "./support/cli-in-process";
import { CommandResult, runCommand } from "./support/commands";
import { makeTempDir, REPO_ROOT } from "./support/paths";
import { validateTogether } from "./support/plan-batches";
import { synthesizeApp, SynthesizedApp } from "./support/synth-app";
import { terraform } from "./support/terraform-commands";
import { requireTerraform, terraformEnv } from "./support/terraform-installation";
import { ValidateResult } from "./support/terraform-plan";
import { DEPLOYER_ROLE_ARN } from "./support/fixtures";

const TERRAFORM_TIMEOUT_MS = 120_000;

/** A host that never resolves (RFC 2606), so a full `init` can never reach a real HCP Terraform. */
const UNREACHABLE_HOST = "tfe.example.invalid";
/** Where the S3 backend is sent by the full `init`: a closed local port. */
const UNREACHABLE_ENDPOINT = "http://127.0.0.1:9";

/**
 * One S3 stack with every option (Terraform accepts DynamoDB and S3-native locking together, as
 * during a migration between them), and the two exclusive ways to pick HCP Terraform workspaces.
 */
const STACKS: readonly StackConfig[] = [
  {
    name: "s3",
    region: "eu-west-1",
    backend: {
      type: "s3",
      bucket: "mediaconvert-tfstate",
      key: "mediaconvert/prod.tfstate",
      region: "eu-west-1",
      dynamodbTable: "terraform-locks",
      useLockfile: true,
      encrypt: true,
    },
    roles: [{}],
  },
  { name: "cloud-workspace", backend: { type: "cloud", organization: "media-org", workspace: "mediaconvert-prod" }, roles: [{}] },
  {
    name: "cloud-tags",
    backend: { type: "cloud", organization: "media-org", workspaceTags: ["mediaconvert", "prod"], project: "video", hostname: UNREACHABLE_HOST },
    roles: [{}],
  },
];

/** The stacks synthesized as HCL too: one of each backend type, with every option. */
const HCL_STACKS = ["s3", "cloud-tags"];
/**
 * The HCL stack that also goes through `init -backend=false` + `validate`. One is enough: the HCL
 * stacks differ only in the backend block, which neither command reads (the full init checks it).
 */
const HCL_VALIDATED_STACK = "s3";

/** The `terraform` settings each stack must synthesize to (besides required_providers). */
const EXPECTED_SETTINGS: Readonly<Record<string, Record<string, unknown>>> = {
  s3: {
    backend: {
      s3: {
        bucket: "mediaconvert-tfstate",
        key: "mediaconvert/prod.tfstate",
        region: "eu-west-1",
        dynamodb_table: "terraform-locks",
        use_lockfile: true,
        encrypt: true,
      },
    },
  },
  "cloud-workspace": { cloud: { organization: "media-org", workspaces: { name: "mediaconvert-prod" } } },
  "cloud-tags": {
    cloud: { organization: "media-org", hostname: UNREACHABLE_HOST, workspaces: { tags: ["mediaconvert", "prod"], project: "video" } },
  },
};

// ---------------------------------------------------------------------------------------------
// Helpers

function writeJson(file: string, value: unknown): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}


/** The `Error: ...` summaries of Terraform's human-readable output. */
function errorSummaries(result: CommandResult): string[] {
  return `${result.stderr}\n${result.stdout}`
    .split("\n")
    .filter((line) => line.startsWith("Error: "))
    .map((line) => line.trim());
}

/**
 * A full `terraform init` of a copy of `configFile`, with the state storage made unreachable:
 * the S3 backend gets dummy credentials and a closed local endpoint (merged in with
 * `-backend-config`), HCP Terraform a host that does not resolve. Terraform decodes and checks
 * the block's arguments first, so an error about reaching the storage means it took them.
 */
async function initAgainstUnreachableStorage(configFile: string, dir: string, type: "s3" | "cloud"): Promise<CommandResult> {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(configFile, path.join(dir, path.basename(configFile)));
  const args = ["init", "-input=false", "-no-color"];
  if (type === "s3") {
    fs.writeFileSync(
      path.join(dir, "unreachable.s3.tfbackend"),
      [
        `access_key = "offline-test-access-key"`,
        `secret_key = "offline-test-secret-key"`,
        "skip_credentials_validation = true",
        "skip_requesting_account_id = true",
        "skip_metadata_api_check = true",
        "use_path_style = true",
        "max_retries = 1",
        `endpoints = { s3 = "${UNREACHABLE_ENDPOINT}", dynamodb = "${UNREACHABLE_ENDPOINT}" }`,
        "",
      ].join("\n"),
    );
    args.push("-backend-config=unreachable.s3.tfbackend");
  }
  const { binary } = await requireTerraform();
  // TF_CLOUD_HOSTNAME only applies when the cloud block names no hostname (app.terraform.io otherwise).
  const env = { ...terraformEnv(), TF_CLOUD_HOSTNAME: UNREACHABLE_HOST };
  return runCommand(binary, args, { cwd: dir, env, okExitCodes: [0, 1], timeoutMs: 60_000 });
}

/** What a full init against unreachable storage must fail with: reaching it, not reading the block. */
function expectedUnreachableError(stack: StackConfig): RegExp {
  return stack.backend?.type === "s3"
    ? new RegExp(`^Error: Failed to get existing workspaces: Unable to list objects in S3 bucket "${stack.backend.bucket}"`)
    : new RegExp(`^Error: Failed to request discovery document: .*https://${UNREACHABLE_HOST.replace(/\./g, "\\.")}/`);
}

/**
 * The `terraform { ... }` block of a cdk.tf as data: the subset of HCL cdktf writes there
 * (blocks, `key = {`, one-line literals, multi-line lists of literals).
 */
function hclTerraformSettings(hcl: string): Record<string, unknown> {
  const lines = hcl.split("\n");
  const start = lines.indexOf("terraform {");
  const end = lines.indexOf("}", start);
  if (start < 0 || end < 0) throw new Error(`No top-level terraform block in:\n${hcl}`);
  const root: Record<string, unknown> = {};
  const open: Record<string, unknown>[] = [root];
  const body = lines.slice(start + 1, end).map((line) => line.trim());
  for (let i = 0; i < body.length; i++) {
    const line = body[i];
    const top = open[open.length - 1];
    let m: RegExpExecArray | null;
    if (line === "") continue;
    if (line === "}") {
      open.pop();
    } else if ((m = /^([\w-]+)(?: "([^"]+)")?\s*=?\s*\{$/.exec(line))) {
      const block: Record<string, unknown> = {};
      if (m[2] === undefined) top[m[1]] = block;
      else top[m[1]] = { ...((top[m[1]] as object | undefined) ?? {}), [m[2]]: block };
      open.push(block);
    } else if ((m = /^([\w-]+)\s*=\s*\[$/.exec(line))) {
      const items: string[] = [];
      for (i++; body[i] !== "]"; i++) items.push(body[i]);
      top[m[1]] = JSON.parse(`[${items.join("")}]`);
    } else if ((m = /^([\w-]+)\s*=\s*(.+)$/.exec(line))) {
      top[m[1]] = JSON.parse(m[2]);
    } else {
      throw new Error(`Unexpected line in the terraform block: ${line}`);
    }
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// Runs, started in beforeAll

interface StackRun {
  readonly validation: ValidateResult;
  readonly init: CommandResult;
}

interface HclSynth {
  readonly cli: CommandResult;
  /** Per stack: its files and its cdk.tf. */
  readonly stacks: ReadonlyMap<string, { files: string[]; hcl: string }>;
}

interface HclTerraform {
  /** `validate` of HCL_VALIDATED_STACK (in the shared batch). */
  readonly validation: ValidateResult;
  /** Per stack: the full init against unreachable state storage. */
  readonly inits: ReadonlyMap<string, CommandResult>;
  /** The files of HCL_VALIDATED_STACK after synthesizing JSON into the same output directory. */
  readonly filesAfterJsonSynth: readonly string[];
}

let workRoot: string;
let configFile: string;
let jsonSynth: Promise<SynthesizedApp>;
const jsonRuns = new Map<string, Promise<StackRun>>();
let hclSynth: Promise<HclSynth>;
let hclTerraform: Promise<HclTerraform>;
/**
 * `terraform validate` of every JSON stack, of HCL_VALIDATED_STACK and of the assume_role variants,
 * in one Terraform run (each a child module of one root, its backend block left out: validate
 * does not check backends, the full inits below do).
 */
let validations: Promise<Map<string, ValidateResult>>;

const quiet = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(() => undefined);
  return promise;
};

async function runStack(app: Promise<SynthesizedApp>, stack: StackConfig): Promise<StackRun> {
  const synthesized = (await app).stacks.find((s) => s.name === stack.name);
  if (!synthesized) throw new Error(`Synth wrote no stack ${stack.name}.`);
  const [validation, init] = await Promise.all([
    validations.then((v) => v.get(`json_${stack.name}`)!),
    initAgainstUnreachableStorage(path.join(synthesized.dir, "cdk.tf.json"), path.join(workRoot, "full-init", stack.name), stack.backend?.type as "s3" | "cloud"),
  ]);
  return { validation, init };
}

/** `synth --hcl` into `outdir`, what `npm run synth:hcl` runs, in this process (hcl.terraform.test.ts runs the npm script itself). */
async function runHclSynth(outdir: string, hclConfig: string): Promise<HclSynth> {
  const cli = await runCliInProcess(["synth", "--hcl", "--out", outdir], { cwd: REPO_ROOT, env: { MEDIACONVERT_CONFIG: hclConfig } });
  const stacks = new Map(
    HCL_STACKS.map((name) => {
      const dir = path.join(outdir, "stacks", name);
      return [name, { files: fs.readdirSync(dir).sort(), hcl: fs.readFileSync(path.join(dir, "cdk.tf"), "utf8") }] as const;
    }),
  );
  return { cli, stacks };
}

/** Terraform on the HCL output; then a JSON synth into the same output directory. */
async function runHclTerraform(synth: Promise<HclSynth>, outdir: string, hclConfig: string): Promise<HclTerraform> {
  await synth;
  const stackDir = (name: string) => path.join(outdir, "stacks", name);
  const typeOf = (name: string) => STACKS.find((s) => s.name === name)?.backend?.type as "s3" | "cloud";
  const [validation, , ...inits] = await Promise.all([
    validations.then((v) => v.get("hcl")!),
    // Terraform's working files (.terraform/, the lock file) in the stack, which the JSON synth below must keep.
    terraform(stackDir(HCL_VALIDATED_STACK), ["init", "-backend=false", "-input=false", "-no-color"]).then(() => undefined),
    ...HCL_STACKS.map((name) => initAgainstUnreachableStorage(path.join(stackDir(name), "cdk.tf"), path.join(workRoot, "full-init-hcl", name), typeOf(name))),
  ]);
  await synthesizeApp({ outdir, configFile: hclConfig, inProcess: true });
  return {
    validation,
    inits: new Map(HCL_STACKS.map((name, i) => [name, inits[i]])),
    filesAfterJsonSynth: fs.readdirSync(stackDir(HCL_VALIDATED_STACK)).sort(),
  };
}

beforeAll(() => {
  workRoot = makeTempDir("mediaconvert-backends");
  const config: Config = { stacks: [...STACKS] };
  configFile = writeJson(path.join(workRoot, "backends.config.json"), config);
  const hclConfig = writeJson(path.join(workRoot, "hcl.config.json"), { stacks: STACKS.filter((s) => HCL_STACKS.includes(s.name)) });
  jsonSynth = quiet(synthesizeApp({ outdir: path.join(workRoot, "cdktf.out"), configFile, inProcess: true }));
  for (const stack of STACKS) jsonRuns.set(stack.name, quiet(runStack(jsonSynth, stack)));
  hclSynth = quiet(runHclSynth(path.join(workRoot, "cdktf.out.hcl"), hclConfig));
  const credentialVariants = assumeRoleVariants(path.join(workRoot, "assume-role"));
  validations = quiet(
    Promise.all([jsonSynth, hclSynth]).then(([app]) =>
      validateTogether([
        ...app.stacks.map((stack) => ({ name: `json_${stack.name}`, dir: stack.dir })),
        { name: "hcl", dir: path.join(workRoot, "cdktf.out.hcl", "stacks", HCL_VALIDATED_STACK) },
        ...credentialVariants,
      ]),
    ),
  );
  hclTerraform = quiet(runHclTerraform(hclSynth, path.join(workRoot, "cdktf.out.hcl"), hclConfig));
});

afterAll(async () => {
  await Promise.allSettled([jsonSynth, hclSynth, hclTerraform, validations, ...jsonRuns.values()]);
  fs.rmSync(workRoot, { recursive: true, force: true });
});

async function jsonRun(name: string): Promise<StackRun> {
  const run = jsonRuns.get(name);
  if (!run) throw new Error(`No run was started for stack ${name}.`);
  return run;
}

// ---------------------------------------------------------------------------------------------
// JSON synth

describe.each(STACKS.map((s) => [s.name, s] as const))("stack %s (JSON synth)", (name, stack) => {
  it(
    `synthesizes ${stack.backend?.type === "s3" ? "an S3 backend block" : "a cloud block and no backend block"} with exactly the configured settings`,
    async () => {
      // GIVEN
      const expected = EXPECTED_SETTINGS[name];
      // WHEN
      const synthesized = (await jsonSynth).stacks.find((s) => s.name === name);
      const { required_providers: _providers, ...settings } = (synthesized?.json.terraform ?? {}) as Record<string, unknown>;
      // THEN
      expect(settings).toEqual(expected);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "passes terraform init -backend=false and terraform validate",
    async () => {
      // GIVEN / WHEN
      const { validation } = await jsonRun(name);
      // THEN
      expect(validation.diagnostics).toEqual([]);
      expect(validation.valid).toBe(true);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "has backend settings a full terraform init accepts: it fails only on reaching the state storage",
    async () => {
      // GIVEN
      const expected = expectedUnreachableError(stack);
      // WHEN
      const { init } = await jsonRun(name);
      const errors = errorSummaries(init);
      // THEN
      expect(init.exitCode).toBe(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(expected);
    },
    TERRAFORM_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------
// HCL synth (`synth --hcl`, what `npm run synth:hcl` runs)

describe("synth --hcl", () => {
  it(
    "runs to completion and writes cdk.tf instead of cdk.tf.json",
    async () => {
      // GIVEN / WHEN
      const { cli, stacks } = await hclSynth;
      // THEN
      expect(cli.exitCode).toBe(0);
      expect([...stacks.keys()].sort()).toEqual([...HCL_STACKS].sort());
      for (const [name, { files }] of stacks) {
        expect([name, files.includes("cdk.tf"), files.includes("cdk.tf.json")]).toEqual([name, true, false]);
      }
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    `writes stack ${HCL_VALIDATED_STACK} as HCL that passes terraform init -backend=false and terraform validate`,
    async () => {
      // GIVEN / WHEN
      const { validation } = await hclTerraform;
      // THEN
      expect(validation.diagnostics).toEqual([]);
      expect(validation.valid).toBe(true);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  describe.each(HCL_STACKS)("stack %s", (name) => {
    const stack = STACKS.find((s) => s.name === name) as StackConfig;

    it(
      "writes the same terraform settings (backend or cloud block, required providers) as the JSON synth",
      async () => {
        // GIVEN
        const json = (await jsonSynth).stacks.find((s) => s.name === name)?.json.terraform;
        // WHEN
        const hcl = (await hclSynth).stacks.get(name)?.hcl ?? "";
        // THEN
        expect(hclTerraformSettings(hcl)).toEqual(json);
      },
      TERRAFORM_TIMEOUT_MS,
    );

    it(
      "has backend settings a full terraform init accepts: it fails only on reaching the state storage",
      async () => {
        // GIVEN
        const expected = expectedUnreachableError(stack);
        // WHEN
        const init = (await hclTerraform).inits.get(name);
        const errors = init ? errorSummaries(init) : [];
        // THEN
        expect(init?.exitCode).toBe(1);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(expected);
      },
      TERRAFORM_TIMEOUT_MS,
    );

  });

  it(
    `leaves only cdk.tf.json in stack ${HCL_VALIDATED_STACK} when JSON is synthesized over its HCL output, keeping Terraform's working files`,
    async () => {
      // GIVEN: the HCL output, initialized by Terraform (.terraform/, .terraform.lock.hcl)
      // WHEN: synth writes JSON into the same output directory
      const files = (await hclTerraform).filesAfterJsonSynth;
      // THEN
      expect(files).toEqual(expect.arrayContaining(["cdk.tf.json", ".terraform", ".terraform.lock.hcl"]));
      expect(files).not.toContain("cdk.tf");
    },
    TERRAFORM_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------
// Config errors

describe("a backend config with a missing or wrong field", () => {
  const s3 = { type: "s3", bucket: "mediaconvert-tfstate", key: "mediaconvert/prod.tfstate", region: "eu-west-1" };
  const withoutKey = { type: "s3", bucket: "mediaconvert-tfstate", region: "eu-west-1" };
  const cases: readonly (readonly [string, unknown, string])[] = [
    ["an S3 backend without key", withoutKey, "stacks[0].backend.key: is missing: it is required (a string)."],
    ["an S3 backend with an empty key", { ...s3, key: "" }, "stacks[0].backend.key: key is empty: give a value."],
    [
      "an S3 backend with a region display name",
      { ...s3, region: "Frankfurt" },
      'stacks[0].backend.region: Region "Frankfurt" is not valid: an AWS region looks like us-east-1, eu-west-1, cn-north-1 or us-gov-west-1. Use a region code such as eu-west-1.',
    ],
    [
      "an S3 backend with a misspelt option",
      { ...s3, dynamoDbTable: "terraform-locks" },
      'stacks[0].backend.dynamoDbTable: unknown key "dynamoDbTable". Did you mean "dynamodbTable"?',
    ],
    [
      "an S3 backend with useLockfile as a string",
      { ...s3, useLockfile: "yes" },
      'stacks[0].backend.useLockfile: expected true or false, got the string "yes". Write it as true or false.',
    ],
    ["a cloud backend without organization", { type: "cloud", workspace: "prod" }, "stacks[0].backend.organization: is missing: it is required (a string)."],
    [
      "a cloud backend with both workspace and workspaceTags",
      { type: "cloud", organization: "media-org", workspace: "prod", workspaceTags: ["prod"] },
      'stacks[0].backend: a cloud backend needs exactly one of "workspace" (a workspace name) and "workspaceTags" (a list of tags). Give one of them.',
    ],
    [
      "a cloud backend with neither workspace nor workspaceTags",
      { type: "cloud", organization: "media-org" },
      'stacks[0].backend: a cloud backend needs exactly one of "workspace" (a workspace name) and "workspaceTags" (a list of tags). Give one of them.',
    ],
    [
      "a cloud backend with no workspace tags",
      { type: "cloud", organization: "media-org", workspaceTags: [] },
      "stacks[0].backend.workspaceTags: is empty: give at least one tag, or use workspace instead.",
    ],
    [
      "an unsupported backend type",
      { type: "gcs", bucket: "mediaconvert-tfstate" },
      'stacks[0].backend.type: expected one of "local", "s3", "cloud", got the string "gcs". Use one of them.',
    ],
  ];

  it.each(cases)("is rejected: %s", (_title, backend, expected) => {
    // GIVEN
    const data = { stacks: [{ name: "media", roles: [{}], backend }] };
    // WHEN
    let error: unknown;
    try {
      parseConfig(data, "mediaconvert.config.json");
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expected]);
  });

  it(
    "fails the synth with the file and JSON path of the problem, and writes nothing",
    async () => {
      // GIVEN
      const badConfig = writeJson(path.join(workRoot, "bad", "mediaconvert.config.json"), {
        stacks: [{ name: "media", roles: [{}], backend: withoutKey }],
      });
      const outdir = path.join(workRoot, "bad", "cdktf.out");
      // WHEN
      const result = await runCliInProcess(["synth"], { cwd: REPO_ROOT, env: { MEDIACONVERT_CONFIG: badConfig, CDKTF_OUTDIR: outdir } });
      // THEN
      expect(result.exitCode).toBe(1);
      expect(result.stderr.trim().split("\n")).toEqual([
        `Synth failed: 1 problem in ${badConfig}; nothing was written.`,
        `${badConfig}: stacks[0].backend.key: is missing: it is required (a string).`,
      ]);
      expect(fs.existsSync(outdir)).toBe(false);
    },
    TERRAFORM_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------
// assume_role: the rules agree with the provider

const DURATIONS = ["14m59s", "15m", "12h", "12h0m1s", "1.5h", "+1h", "1h 30m", "1H", "3600"];
const SESSION_NAMES = ["a", "ab", "s".repeat(64), "s".repeat(65)];

let assumeRoleStack: { provider: { aws: { assume_role: Record<string, string>[] }[] } };

/**
 * A stack as synthesized with an assume_role block (in-process), and copies with one assume_role
 * field changed: the members of the validation batch, named `assume_role_*`.
 */
function assumeRoleVariants(dir: string): { name: string; dir: string }[] {
  fs.mkdirSync(dir);
  const app = new App({ outdir: path.join(dir, "cdktf.out") });
  new MediaConvertStack(app, "media", { region: "eu-west-1", accountId: "111122223333", assumeRole: { roleArn: DEPLOYER_ROLE_ARN, duration: "1h" }, roles: [{}] });
  app.synth();
  assumeRoleStack = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "media", "cdk.tf.json"), "utf8"));
  const variant = (name: string, field?: "duration" | "session_name", value?: string) => {
    const json = structuredClone(assumeRoleStack);
    if (field !== undefined) json.provider.aws[0].assume_role[0] = { ...json.provider.aws[0].assume_role[0], [field]: value! };
    const member = path.join(dir, name);
    fs.mkdirSync(member);
    fs.writeFileSync(path.join(member, "cdk.tf.json"), JSON.stringify(json));
    return { name: `assume_role_${name}`, dir: member };
  };
  return [
    variant("as_synthesized"),
    ...DURATIONS.map((d, i) => variant(`duration_${i}`, "duration", d)),
    ...SESSION_NAMES.map((n, i) => variant(`session_name_${i}`, "session_name", n)),
  ];
}

/** Whether the provider accepted the variant: no error of its own in the batch's validation. */
async function providerAccepts(name: string): Promise<boolean> {
  return (await validations).get(`assume_role_${name}`)!.valid;
}

describe("assume_role (whose credentials deploy the stack)", () => {
  it(
    "validates the assume_role block as synthesized",
    async () => {
      // GIVEN / WHEN
      const result = (await validations).get("assume_role_as_synthesized")!;
      // THEN
      expect(result.diagnostics).toEqual([]);
      expect(assumeRoleStack.provider.aws[0].assume_role).toEqual([{ role_arn: DEPLOYER_ROLE_ARN, duration: "1h" }]);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "agrees with the provider on assume_role durations at the boundaries and in Go's forms",
    async () => {
      // GIVEN the durations of the batch
      // WHEN
      const results: [string, boolean, boolean][] = [];
      for (const [i, d] of DURATIONS.entries()) results.push([d, await providerAccepts(`duration_${i}`), checkAssumeRoleDuration(d).length === 0]);
      // THEN
      expect(results.map(([d, provider]) => [d, provider])).toEqual(results.map(([d, , ours]) => [d, ours]));
      expect(results.filter(([, provider]) => provider).map(([d]) => d)).toEqual(["15m", "12h", "1.5h", "+1h"]);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "refuses the session name lengths the provider refuses (it does not check characters; IAM does, and so does synth)",
    async () => {
      // GIVEN the session names of the batch
      // WHEN
      const results: [number, boolean, boolean][] = [];
      for (const [i, n] of SESSION_NAMES.entries()) results.push([n.length, await providerAccepts(`session_name_${i}`), checkSessionName(n).length === 0]);
      // THEN
      expect(results).toEqual([
        [1, false, false],
        [2, true, true],
        [64, true, true],
        [65, false, false],
      ]);
    },
    TERRAFORM_TIMEOUT_MS,
  );
});
