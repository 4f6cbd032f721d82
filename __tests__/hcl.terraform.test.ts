/**
 * The HCL renderer judged by Terraform (its exact text is pinned in hcl.test.ts):
 *
 * - Property tests let Terraform judge many generated values in ONE process each:
 *   `terraform console` evaluates the JSON original and the rendered HCL side by side (they must
 *   be equal), and `terraform fmt -check` finds nothing to change in rendered configurations.
 * - End to end: `npm run synth:hcl` (node bin/synth.js --hcl --output <dir>) for every example
 *   config, the module's committed modules/mediaconvert-role/*.tf, a consumer's own stack (built
 *   with the construct and other AWS resources, synthesized by cdktf) converted by the `hcl`
 *   command, and a module whose policy document uses nested dynamic blocks, pass `terraform fmt
 *   -check` and `terraform validate` (one `init` and one `validate` for all of them).
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { MediaConvertRole } from "../lib";
import { parseConfig, synthesizeConfig } from "../lib/app";
import * as hcl from "../lib/hcl";
import { renderHcl, renderHclFiles } from "../lib/hcl";
import { execFile } from "child_process";
import { runCliInProcess } from "./support/cli-in-process";
import { CommandResult, runCommand } from "./support/commands";
import { makeTempDir, REPO_ROOT } from "./support/paths";
import { validateTogether } from "./support/plan-batches";
import { terraform } from "./support/terraform-commands";
import { requireTerraform, terraformEnv } from "./support/terraform-installation";
import { ValidateResult } from "./support/terraform-plan";

const TERRAFORM_TIMEOUT_MS = 180_000;

let workRoot: string;
beforeAll(() => {
  workRoot = makeTempDir("mediaconvert-hcl");
});
afterAll(() => {
  fs.rmSync(workRoot, { recursive: true, force: true });
});

/** `terraform console` in `dir` evaluating `expression` (read from stdin); resolves with what it printed. */
async function terraformConsole(dir: string, expression: string): Promise<string> {
  const { binary } = await requireTerraform();
  return new Promise((resolve, reject) => {
    const child = execFile(binary, ["console", "-no-color"], { cwd: dir, env: terraformEnv(), maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`terraform console in ${dir} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
    child.stdin?.end(`${expression}\n`);
  });
}

/** Renders one resource body and returns the block. */
// ---------------------------------------------------------------------------------------------
// Properties, judged by Terraform (one process per property)

/** Characters that exercise escaping: quotes, backslashes, template openers, controls, non-ASCII. */
const TRICKY = ['"', "\\", "$", "{", "}", "%", "~", "\n", "\r", "\t", "\u0001", "\u007f", " ", "a", "Z", "é", "👍🏽", ":", "/", "*"];
const literalText = fc.array(fc.constantFrom(...TRICKY), { maxLength: 12 }).map((cs) => cs.join(""));
/** Template text with no sequence: `${` and `%{` escaped, no trailing `$`/`%` that would join the next sequence. */
const templateText = literalText.map((t) => t.replace(/([$%])\{/g, "$1$1{").replace(/[$%]+$/, ""));
/** Interpolations that evaluate without any provider or input. */
const INTERPOLATIONS = [
  "${local.s}",
  "${ local.s }",
  '${upper("b}")}',
  "${1 + 2}",
  '${"q\\"uote"}',
  '${jsonencode({"a" = "b"})}',
  '${[for x in ["a"] : x][0]}',
  "${~ local.s ~}",
  "%{ if true }yes%{ endif }",
];
/** Whole expressions that the layout breaks over lines: a chain of conditionals, a `for` with an index, long head and if clause. */
const LONG_EXPRESSIONS = [
  '${(local.s == "alpha-alpha-alpha-alpha" ? "first-result-first-result" : (local.s == "beta" || local.s == "gamma-gamma-gamma-gamma") ? "second-result-second" : local.s == "v" ? "third-result-third-result-third" : "last")}',
  '${[for x in ["alpha-alpha-alpha-alpha-alpha", "beta-beta-beta-beta-beta-beta", "gamma-gamma-gamma-gamma-gamma"] : upper(x) if (x == null ? false : (x != "alpha-alpha-alpha-alpha-alpha" && x != "delta-delta-delta-delta-delta"))][0]}',
];
const template = fc.array(fc.oneof(templateText, fc.constantFrom(...INTERPOLATIONS)), { maxLength: 5 }).map((parts) => parts.join(""));
/** JSON values for expression positions: templates inside arrays and objects (keys are templates too). */
const expressionValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, template, fc.integer(), fc.boolean(), tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 3 }),
  object: fc.dictionary(templateText.filter((k) => k !== "" && k !== "__proto__"), tie("value"), { maxKeys: 3 }),
})).value;
/** JSON values Terraform takes literally (variable defaults): any text. */
const literalValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, literalText, fc.integer(), fc.boolean(), tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 3 }),
  object: fc.dictionary(literalText.filter((k) => k !== "__proto__"), tie("value"), { maxKeys: 3 }),
})).value;
/** Policy documents with string-valued references inside their strings. */
const policyString = fc
  .array(
    fc.record({
      Effect: fc.constantFrom("Allow", "Deny"),
      Action: fc.array(fc.constantFrom("s3:GetObject", "kms:Decrypt", '${local.s}'), { minLength: 1, maxLength: 3 }),
      Resource: fc.array(fc.oneof(fc.constant("${local.arn}"), templateText.map((t) => `arn:\${local.s}:${t}`), templateText), { minLength: 1, maxLength: 3 }),
      Condition: fc.dictionary(fc.constantFrom("StringEquals", "ArnLike"), fc.dictionary(templateText, fc.oneof(templateText, fc.constant("${local.s}")), { maxKeys: 2 }), { maxKeys: 2 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements }));

describe("properties (Terraform judges)", () => {
  it(
    "renders values that Terraform reads exactly as it reads the JSON: templates, literals and policy documents",
    async () => {
      // GIVEN: many generated values, each written once as JSON and once rendered as HCL, in one directory
      const samples = fc.sample(fc.tuple(expressionValue, literalValue, policyString), { numRuns: 150, seed: 9 });
      samples.push(...LONG_EXPRESSIONS.map((e, i) => [e, samples[i][1], samples[i][2]] as (typeof samples)[number]));
      const dir = path.join(workRoot, "console");
      fs.mkdirSync(dir);
      const json: Record<string, unknown> = { locals: { s: "v", arn: "arn:aws:s3:::b" }, variable: {} };
      const hclLocals: Record<string, unknown> = {};
      const hclVariables: Record<string, unknown> = {};
      samples.forEach(([expr, lit, doc], i) => {
        (json.locals as Record<string, unknown>)[`je${i}`] = expr;
        (json.locals as Record<string, unknown>)[`jp${i}_policy`] = doc;
        (json.variable as Record<string, unknown>)[`jl${i}`] = { default: lit };
        hclLocals[`he${i}`] = expr;
        hclLocals[`hp${i}_policy`] = doc;
        hclVariables[`hl${i}`] = { default: lit };
      });
      fs.writeFileSync(path.join(dir, "original.tf.json"), JSON.stringify(json));
      const rendered = renderHcl({ locals: hclLocals, variable: hclVariables });
      fs.writeFileSync(path.join(dir, "rendered.tf"), rendered);
      const asJsonencode = rendered.split("\n").filter((line) => /^ {2}hp\d+_policy += jsonencode\(\{$/.test(line)).length;
      const pick = (prefix: string, suffix = "") => `[${samples.map((_, i) => `${prefix}${i}${suffix}`).join(", ")}]`;
      const query =
        `base64encode(jsonencode({je = ${pick("local.je")}, he = ${pick("local.he")}, jl = ${pick("var.jl")}, hl = ${pick("var.hl")}, ` +
        `jp = [for p in ${pick("local.jp", "_policy")} : jsondecode(p)], hp = [for p in ${pick("local.hp", "_policy")} : jsondecode(p)]}))`;
      // WHEN: terraform console evaluates both sides in one run
      const stdout = await terraformConsole(dir, query);
      const result = JSON.parse(Buffer.from(JSON.parse(stdout.trim()) as string, "base64").toString("utf8")) as Record<string, unknown[]>;
      // THEN
      expect(result.he).toEqual(result.je);
      expect(result.hl).toEqual(result.jl);
      expect(result.hp).toEqual(result.jp);
      expect(result.je).toHaveLength(samples.length);
      // (and most policy documents went the jsonencode() way, so that way is what was compared;
      // the long expressions were broken over lines)
      expect(asJsonencode).toBeGreaterThan(samples.length * 0.8);
      LONG_EXPRESSIONS.forEach((_, i) => expect(rendered).toMatch(new RegExp(`^  he${samples.length - LONG_EXPRESSIONS.length + i} = [[(]$`, "m")));
    },
    TERRAFORM_TIMEOUT_MS,
  );
});

const identifier = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);
/** References long enough that two to four of them pass 120 columns. */
const longReference = fc.stringMatching(/^[a-z]{20,40}$/).map((name) => `aws_iam_role_policy_attachment.${name}[*].policy_arn`);
/**
 * Expressions whose one line may pass 120 columns: calls, tuples and objects, nested, with items
 * that break themselves; parenthesized chains of conditionals (conditions in parentheses, or
 * not); `for` expressions with an index after them, a collection and an if clause that break.
 */
const longExpression = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, longReference, tie("call"), tie("tuple"), tie("object"), tie("conditional"), tie("first"), tie("joined")),
  joined: fc.tuple(fc.constantFrom('""', '", "', "1"), tie("tuple")).map(([separator, items]) => `join(${separator}, ${items})`),
  conditional: fc
    .tuple(fc.array(fc.tuple(fc.constantFrom("var.on", "(var.a || var.b)", "length(var.list) > 2"), tie("value")), { minLength: 1, maxLength: 3 }), tie("value"))
    .map(([branches, last]) => `(${branches.map(([c, r]) => `${c} ? ${r} : `).join("")}${last})`),
  first: fc
    .tuple(tie("tuple"), tie("value"), longReference)
    .map(([collection, body, other]) => `[for x in ${collection} : ${body} if (x == null ? false : (x != ${other} && x != "${"y".repeat(30)}"))][0]`),
  call: fc.tuple(fc.constantFrom("concat", "merge", "flatten", "coalescelist"), fc.array(tie("value"), { minLength: 1, maxLength: 4 })).map(([f, args]) => `${f}(${args.join(", ")})`),
  tuple: fc.array(tie("value"), { minLength: 1, maxLength: 4 }).map((items) => `[${items.join(", ")}]`),
  object: fc.array(fc.tuple(identifier, tie("value")), { minLength: 1, maxLength: 3 }).map((entries) => `{ ${entries.map(([k, v]) => `${k} = ${v}`).join(", ")} }`),
})).value;
/** Whole configurations with generated names and values in every kind of position. */
const configuration = fc.record({
  resource: fc.dictionary(
    identifier,
    fc.record(
      {
        count: fc.constantFrom(1, "${var.create ? 1 : 0}"),
        name: template,
        tags: fc.dictionary(templateText, template, { maxKeys: 3 }),
        settings: expressionValue,
        policy: policyString,
        lifecycle: fc.record({ prevent_destroy: fc.boolean() }),
        depends_on: fc.constant(["aws_iam_role.other"]),
        managed_policy_arns: longExpression.map((e) => `\${${e}}`),
        inline_policy: fc.array(fc.record({ name: template, policy: policyString }), { maxLength: 2 }),
        dynamic: fc.record({ inline_policy: fc.record({ for_each: fc.constant("${var.policies}"), content: fc.record({ name: fc.constant("${inline_policy.key}"), policy: policyString }) }) }),
      },
      { requiredKeys: ["name"] },
    ),
    { minKeys: 1, maxKeys: 3 },
  ),
  variable: fc.dictionary(
    identifier,
    fc.record(
      {
        type: fc.constantFrom("string", "any", "list(string)", "map(string)"),
        description: literalText,
        default: literalValue,
        validation: fc.constant([{ condition: "${length(var.x) > 0}", error_message: 'Bad "${var.x}".' }]),
      },
      { requiredKeys: [] },
    ),
    { maxKeys: 3 },
  ),
  locals: fc.dictionary(identifier, expressionValue, { maxKeys: 3 }),
  output: fc.dictionary(identifier, fc.record({ description: literalText, value: template }), { maxKeys: 2 }),
});

describe("properties (terraform fmt judges)", () => {
  it(
    "renders configurations that terraform fmt -check leaves as they are",
    async () => {
      // GIVEN: many generated configurations, rendered into one directory
      const configs = fc.sample(configuration, { numRuns: 120, seed: 9 });
      const dir = path.join(workRoot, "fmt");
      fs.mkdirSync(dir);
      configs.forEach((c, i) => fs.writeFileSync(path.join(dir, `c${i}.tf`), renderHcl({ resource: { aws_iam_role: c.resource }, variable: c.variable, locals: c.locals, output: c.output })));
      // WHEN: one terraform fmt -check over all of them
      const { exitCode, stdout } = await terraform(dir, ["fmt", "-check", "-diff", "-no-color", "-recursive"], { okExitCodes: [0, 3] });
      // THEN: nothing to change, and the long calls, lists and objects were broken within 120 columns (quoted strings stay whole)
      expect(stdout).toBe("");
      expect(exitCode).toBe(0);
      const long = fs
        .readdirSync(dir)
        .flatMap((f) => fs.readFileSync(path.join(dir, f), "utf8").split("\n"))
        .filter((line) => line.length > 120 && !/= ".*"$/.test(line));
      expect(long).toEqual([]);
    },
    TERRAFORM_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------
// End to end: npm run synth:hcl for every example, and the module split

const EXAMPLES = fs
  .readdirSync(path.join(REPO_ROOT, "examples"))
  .filter((f) => f.endsWith(".json"))
  .sort();

interface EndToEnd {
  /** Per example: the stack directories written. */
  readonly stacks: ReadonlyMap<string, readonly string[]>;
  readonly moduleDir: string;
  /** The consumer's stack: what the `hcl` command said, and the directory it wrote. */
  readonly consumer: { readonly run: CommandResult; readonly dir: string };
  /** The module with nested dynamic blocks. */
  readonly dynamicDir: string;
  readonly fmt: { exitCode: number; stdout: string };
  /** Per directory (stack or module): what terraform validate said. */
  readonly validations: ReadonlyMap<string, ValidateResult>;
}

/** The app's environment: none of the developer's config, region or output directory. */
function appEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["MEDIACONVERT_CONFIG", "AWS_REGION", "AWS_DEFAULT_REGION", "CDKTF_OUTDIR", "SYNTH_HCL_OUTPUT"]) delete env[name];
  return { ...env, ...extra };
}

/**
 * Synthesizes every example with `npm run synth:hcl -- --output <dir>` and renders the module
 * split; one `terraform fmt -check` over everything; then one `init` and one `validate` of all of
 * them together (validateTogether: each a child module of one root, backends left out). The first
 * example goes through npm; the others run what that script runs (the command line's `synth
 * --hcl`) in this process, one after the other (runCliInProcess), without a process start and a
 * load of cdktf each (half a CPU-second).
 */
async function endToEnd(root: string): Promise<EndToEnd> {
  const outdirOf = (example: string) => path.join(root, "examples", path.basename(example, ".json"));
  const throughNpm = runCommand("npm", ["run", "--silent", "synth:hcl", "--", "--output", outdirOf(EXAMPLES[0])], {
    cwd: REPO_ROOT,
    env: appEnv({ MEDIACONVERT_CONFIG: path.join("examples", EXAMPLES[0]) }),
  });
  try {
    for (const example of EXAMPLES.slice(1)) {
      const result = await runCliInProcess(["synth", "--hcl", "--out", outdirOf(example)], { cwd: REPO_ROOT, env: { MEDIACONVERT_CONFIG: path.join("examples", example) } });
      if (result.exitCode !== 0) throw new Error(`synth --hcl of examples/${example} exited ${result.exitCode}:\n${result.stderr}`);
    }
  } finally {
    // The npm run settles before this returns, also when an in-process synth failed.
    await throughNpm.catch(() => undefined);
  }
  await throughNpm;
  const outputs = EXAMPLES.map((example) => {
    const stacksDir = path.join(outdirOf(example), "stacks");
    return [example, fs.readdirSync(stacksDir).sort().map((s) => path.join(stacksDir, s))] as const;
  });
  const moduleDir = path.join(root, "module");
  fs.mkdirSync(moduleDir);
  const moduleSource = path.join(REPO_ROOT, "modules", "mediaconvert-role");
  // The committed module is renderHclFiles' output (module.test.ts pins that it is what the generator writes now).
  for (const name of fs.readdirSync(moduleSource).filter((f) => f.endsWith(".tf"))) fs.copyFileSync(path.join(moduleSource, name), path.join(moduleDir, name));

  const consumerApp = path.join(root, "consumer");
  synthesizeConsumerStack(consumerApp);
  const consumer = {
    run: await runCliInProcess(["hcl", path.join("cdktf.out", "stacks", CONSUMER_STACK)], { cwd: consumerApp }),
    dir: path.join(consumerApp, "hcl", CONSUMER_STACK),
  };
  const dynamicDir = path.join(root, "dynamic");
  fs.mkdirSync(dynamicDir);
  for (const [name, text] of Object.entries(renderHclFiles(DYNAMIC_MODULE))) fs.writeFileSync(path.join(dynamicDir, name), text);

  const fmt = await terraform(root, ["fmt", "-check", "-diff", "-no-color", "-recursive"], { okExitCodes: [0, 3] });
  const dirs = [...outputs.flatMap(([, stacks]) => stacks), moduleDir, dynamicDir, ...(consumer.run.exitCode === 0 ? [consumer.dir] : [])];
  const validated = await validateTogether(dirs.map((dir, i) => ({ name: `config_${i}`, dir })));
  const validations = dirs.map((dir, i) => [dir, validated.get(`config_${i}`)!] as const);
  return { stacks: new Map(outputs), moduleDir, consumer, dynamicDir, fmt, validations: new Map(validations) };
}

const CONSUMER_STACK = "media-platform";

/**
 * A consumer's own cdktf stack, as an app of theirs would write it: the construct's role, a KMS
 * key whose policy (JSON.stringify, as cdktf users write policies) names the role's ARN, a bucket
 * with encryption and lifecycle configuration blocks and a lifecycle meta-argument, imported from
 * an existing bucket, the provider's default_tags, and outputs. Synthesized into
 * `<dir>/cdktf.out` by cdktf itself.
 */
function synthesizeConsumerStack(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const app = new App({ outdir: path.join(dir, "cdktf.out") });
  const stack = new TerraformStack(app, CONSUMER_STACK);
  new AwsProvider(stack, "aws", { region: "eu-west-1", defaultTags: [{ tags: { team: "video", "cost-center": "42" } }] });
  const role = new MediaConvertRole(stack, "transcoder", { roleName: "Platform_MediaConvert" });
  const key = new KmsKey(stack, "media_key", {
    description: "Media platform key",
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Admin", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" },
        { Sid: "Transcoder", Effect: "Allow", Principal: { AWS: role.roleArn }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" },
      ],
    }),
  });
  const bucket = new S3Bucket(stack, "archive", { bucket: "media-platform-archive", lifecycle: { preventDestroy: true, ignoreChanges: ["tags"] } });
  bucket.importFrom("media-platform-archive");
  new S3BucketServerSideEncryptionConfigurationA(stack, "archive_encryption", {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
  });
  new S3BucketLifecycleConfiguration(stack, "archive_lifecycle", {
    bucket: bucket.id,
    rule: [{ id: "expire-renditions", status: "Enabled", filter: [{ prefix: "renditions/" }], expiration: [{ days: 30 }] }],
  });
  new TerraformOutput(stack, "transcoder_role_arn", { value: role.roleArn });
  new TerraformOutput(stack, "key_arn", { value: key.arn });
  app.synth();
}

/** A module whose policy document is built with a dynamic statement holding a dynamic condition (iterator named). */
const DYNAMIC_MODULE = {
  variable: {
    grants: {
      type: "map(object({ actions = list(string), resources = list(string), conditions = optional(list(object({ test = string, variable = string, values = list(string) })), []) }))",
      default: { read: { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::media/*"], conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["111122223333"] }] } },
    },
  },
  data: {
    aws_iam_policy_document: {
      this: {
        dynamic: {
          statement: {
            for_each: "${var.grants}",
            iterator: "grant",
            content: {
              sid: "${grant.key}",
              actions: "${grant.value.actions}",
              resources: "${grant.value.resources}",
              principals: [{ type: "Service", identifiers: ["mediaconvert.amazonaws.com"] }],
              dynamic: { condition: { for_each: "${grant.value.conditions}", content: { test: "${condition.value.test}", variable: "${condition.value.variable}", values: "${condition.value.values}" } } },
            },
          },
        },
      },
    },
  },
  output: { json: { value: "${data.aws_iam_policy_document.this.json}" } },
};

describe("npm run synth:hcl for every example, and the module split", () => {
  let run: Promise<EndToEnd>;
  beforeAll(() => {
    run = endToEnd(path.join(workRoot, "e2e"));
    run.catch(() => undefined);
  });

  it(
    "writes cdk.tf (and no cdk.tf.json) for every stack of every example",
    async () => {
      // GIVEN / WHEN
      const { stacks } = await run;
      // THEN
      expect([...stacks.keys()]).toEqual(EXAMPLES);
      for (const [example, dirs] of stacks) {
        expect([example, dirs.length > 0]).toEqual([example, true]);
        for (const dir of dirs) expect([dir, fs.readdirSync(dir).filter((f) => f.startsWith("cdk."))]).toEqual([dir, ["cdk.tf"]]);
      }
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "writes policies holding references as jsonencode() with bare references (upstream cdktf issue 3911)",
    async () => {
      // GIVEN: the scoped example, whose pass-role policy names the role's ARN
      const { stacks } = await run;
      const [prod] = stacks.get("scoped-least-privilege.json") ?? [];
      // WHEN
      const hcl = fs.readFileSync(path.join(prod, "cdk.tf"), "utf8");
      // THEN
      expect(hcl).toContain("  policy = jsonencode({\n");
      expect(hcl).toContain("        Resource = [aws_iam_role.mediaconvert_prod_scoped.arn]\n");
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "renders the module as main.tf, outputs.tf, policies.tf, variables.tf and versions.tf",
    async () => {
      // GIVEN / WHEN
      const { moduleDir } = await run;
      // THEN
      expect(fs.readdirSync(moduleDir).filter((f) => f.endsWith(".tf")).sort()).toEqual(["main.tf", "outputs.tf", "policies.tf", "variables.tf", "versions.tf"]);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "leaves nothing for terraform fmt -check to change",
    async () => {
      // GIVEN / WHEN
      const { fmt } = await run;
      // THEN
      expect(fmt.stdout).toBe("");
      expect(fmt.exitCode).toBe(0);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "passes terraform validate in every stack and in the module",
    async () => {
      // GIVEN / WHEN
      const { validations } = await run;
      const problems = [...validations].filter(([, v]) => !v.valid || v.diagnostics.length > 0).map(([dir, v]) => [dir, v.diagnostics]);
      // THEN
      expect(validations.size).toBeGreaterThanOrEqual(EXAMPLES.length + 3);
      expect(problems).toEqual([]);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "converts a consumer's stack with the hcl command into .tf files that terraform validate accepts: the KMS key policy naming the role's ARN, encryption and lifecycle blocks, default_tags, outputs, an import block",
    async () => {
      // GIVEN: the consumer's stack, synthesized by cdktf (its key policy holds the role's ARN inside a JSON string)
      const { consumer, validations } = await run;
      const text = (file: string) => fs.readFileSync(path.join(consumer.dir, file), "utf8");
      // WHEN: `mediaconvert-role-cdktf hcl cdktf.out/stacks/media-platform` ran in the app's folder
      // THEN: it wrote hcl/media-platform (next to cdktf.out, not in it), and Terraform accepts it
      expect(consumer.run).toEqual({
        exitCode: 0,
        stdout: `hcl: wrote ${path.join("hcl", CONSUMER_STACK)} (main.tf, outputs.tf, versions.tf) from ${path.join("cdktf.out", "stacks", CONSUMER_STACK, "cdk.tf.json")}\n`,
        stderr: "",
      });
      expect(validations.get(consumer.dir)).toEqual({ valid: true, errorCount: 0, warningCount: 0, diagnostics: [] });
      const main = text("main.tf");
      expect(main).toContain("        Principal = {\n          AWS = aws_iam_role.transcoder.arn\n        }\n");
      expect(main).toContain("  rule {\n    bucket_key_enabled = true\n\n    apply_server_side_encryption_by_default {\n");
      expect(main).toContain('    filter {\n      prefix = "renditions/"\n    }\n');
      expect(main).toContain("  default_tags {\n    tags = {\n");
      expect(main).toContain("  lifecycle {\n    ignore_changes  = [tags]\n    prevent_destroy = true\n  }\n");
      expect(main).toContain('import {\n  to = aws_s3_bucket.archive\n  id = "media-platform-archive"\n}\n');
      expect(text("outputs.tf")).toContain('output "transcoder_role_arn" {\n  value = aws_iam_role.transcoder.arn\n}\n');
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "passes terraform validate for a policy document built from a dynamic statement holding a dynamic condition",
    async () => {
      // GIVEN / WHEN
      const { dynamicDir, validations } = await run;
      // THEN
      expect(fs.readFileSync(path.join(dynamicDir, "main.tf"), "utf8")).toContain('      dynamic "condition" {\n        for_each = grant.value.conditions\n');
      expect(validations.get(dynamicDir)).toEqual({ valid: true, errorCount: 0, warningCount: 0, diagnostics: [] });
    },
    TERRAFORM_TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------
// The synth entry's HCL options

describe("synthesizing HCL", () => {
  it("leaves the previous output byte-identical when rendering HCL fails", () => {
    // GIVEN: an output directory from an earlier synth
    const outdir = path.join(workRoot, "atomic", "cdktf.out");
    const config = parseConfig({ stacks: [{ name: "media", region: "eu-west-1", accountId: "111122223333", roles: [{}] }] }, "test.json");
    synthesizeConfig(config, outdir, { hcl: true });
    const before = fs.readFileSync(path.join(outdir, "stacks", "media", "cdk.tf"), "utf8");
    // WHEN: a later synth fails while rendering (the printer made to throw for this one call)
    const render = jest.spyOn(hcl, "renderHcl").mockImplementation(() => {
      throw new Error("render failed");
    });
    const failing = () => synthesizeConfig(config, outdir, { hcl: true });
    try {
      // THEN
      expect(failing).toThrow("render failed");
    } finally {
      render.mockRestore();
    }
    expect(fs.readdirSync(path.join(outdir, "stacks", "media")).sort()).toEqual(["cdk.tf", "deployer-policy.json", "metadata.json", "permissions.md", "resource-policies.json"]);
    expect(fs.readFileSync(path.join(outdir, "stacks", "media", "cdk.tf"), "utf8")).toBe(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(["cdktf.out"]);
  });

  it.each([
    [["--output"], `error: option '-o, --out <dir>' argument missing\nRun "mediaconvert-role-cdktf synth --help" for the usage.`],
    [["--hlc"], `error: unknown option '--hlc'\n(Did you mean --hcl?)\nRun "mediaconvert-role-cdktf synth --help" for the usage.`],
  ])("rejects the arguments %j as a usage error (exit 2), writing nothing", async (args, message) => {
    // GIVEN
    const cwd = path.join(workRoot, "usage");
    fs.mkdirSync(cwd, { recursive: true });
    // WHEN
    const result = await runCommand(process.execPath, [path.join(REPO_ROOT, "bin", "synth.js"), ...args], { cwd, env: appEnv({}), okExitCodes: [2] });
    // THEN
    expect(result.stderr.trim()).toBe(message);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});
