/**
 * The dual-engine lane (`npm run test:cdktn`, not part of `npm test`): the same compiled library
 * on CDK for Terraform (cdktf 0.21, @cdktf/provider-aws 20.x, AWS provider 5.100) and on CDK
 * Terrain (cdktn 0.24, @cdktn/provider-aws 25.x, AWS provider 6.x) must produce the same
 * Terraform: every example config, the built-in default, and a consumer's own app with its own
 * KMS key token.
 *
 * The cdktn package is built by `bin/build-engine.js cdktn` into a temporary app whose
 * node_modules link cdktn, @cdktn/provider-aws and constructs from engines/cdktn/node_modules
 * (installed by `npm ci --prefix engines/cdktn`) and the runtime dependencies from this project;
 * the cdktf side is `bin/build-engine.js cdktf`, linked the same way. Offline: nothing is fetched.
 *
 * The AWS provider 6.x is not in the provider mirror of these machines, so the cdktn JSON cannot
 * be planned here: it is validated against the mirrored 5.100.0, with only its
 * `required_providers` rewritten (its resources are the cdktf ones, checked above it).
 */
import * as fs from "fs";
import * as path from "path";
import { runCommand } from "./support/commands";
import { makeTempDir, REPO_ROOT } from "./support/paths";
import { validateTogether } from "./support/plan-batches";
import { AWS_PROVIDER } from "./support/terraform-installation";
import { cleanEnv, CONSUMER_TSCONFIG } from "./support/consumer-app";

const TIMEOUT_MS = 600_000;
const ENGINE_MODULES = path.join(REPO_ROOT, "engines", "cdktn", "node_modules");
/** The blocks of a stack that must not depend on the engine. */
const COMPARED_BLOCKS = ["resource", "data", "output", "import"] as const;

interface Engine {
  readonly name: "cdktf" | "cdktn";
  readonly packageName: string;
  readonly providerPackage: string;
  /** Where the engine, its provider bindings and constructs are installed. */
  readonly modules: string;
}

const ENGINES: readonly Engine[] = [
  { name: "cdktf", packageName: "mediaconvert-role-cdktf", providerPackage: "@cdktf/provider-aws", modules: path.join(REPO_ROOT, "node_modules") },
  { name: "cdktn", packageName: "mediaconvert-role-cdktn", providerPackage: "@cdktn/provider-aws", modules: ENGINE_MODULES },
];

/** A consumer's app: its own provider and KMS key, whose ARN token reaches the role's policies. */
function consumerMain(engine: Engine): string {
  return `import { App, TerraformOutput, TerraformStack } from "${engine.name}";
import { Construct } from "constructs";
import { AwsProvider } from "${engine.providerPackage}/lib/provider";
import { KmsKey } from "${engine.providerPackage}/lib/kms-key";
import { MediaConvertRole, MediaConvertRoleProps } from "${engine.packageName}";

class MediaPlatform extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    const key = new KmsKey(this, "media_key", { description: "Media platform key", deletionWindowInDays: 7 });
    const props: MediaConvertRoleProps = {
      roleName: "Platform_MediaConvert",
      inputKmsKeyArns: [key.arn],
      outputKmsKeyArns: [key.arn],
    };
    const role = new MediaConvertRole(this, "transcoder", props);
    new TerraformOutput(this, "transcoder_role_arn", { value: role.roleArn });
  }
}

const app = new App({ outdir: process.env.CONSUMER_OUTDIR! });
new MediaPlatform(app, "media");
app.synth();
`;
}

function link(target: string, at: string): void {
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.symlinkSync(target, at, "dir");
}

/** A synthesized configuration: the stacks of one output directory, by name. */
type Synthesized = ReadonlyMap<string, { readonly dir: string; readonly json: Record<string, unknown> }>;

function readOutput(outdir: string): Synthesized {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { workingDirectory: string; synthesizedStackPath: string }>;
  };
  return new Map(
    Object.entries(manifest.stacks).map(([name, stack]) => [
      name,
      { dir: path.join(outdir, stack.workingDirectory), json: JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), "utf8")) as Record<string, unknown> },
    ]),
  );
}

/** Every place where two JSON values differ, as `path: cdktf <a> / cdktn <b>` lines. */
function differences(a: unknown, b: unknown, at: string): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => differences(a[k], b[k], `${at}.${k}`));
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v));
  return [`${at}: cdktf ${show(a)} / cdktn ${show(b)}`];
}

/** What the two engines' stacks differ in, within the blocks that must be the same. */
function blockDifferences(cdktf: Synthesized, cdktn: Synthesized): string[] {
  const names = [...new Set([...cdktf.keys(), ...cdktn.keys()])].sort();
  return names.flatMap((name) => {
    const [a, b] = [cdktf.get(name), cdktn.get(name)];
    if (!a || !b) return [`stack ${name}: only the ${a ? "cdktf" : "cdktn"} output has it`];
    return COMPARED_BLOCKS.flatMap((block) => differences(a.json[block], b.json[block], `${name}: ${block}`));
  });
}

/** The cases: each example config, and the built-in default (no config file). */
const CASES = [
  ...fs
    .readdirSync(path.join(REPO_ROOT, "examples"))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: `examples/${f}`, config: path.join(REPO_ROOT, "examples", f) as string | undefined })),
  { name: "the built-in default", config: undefined },
];

let work: string;
const apps = new Map<Engine["name"], string>();
const outputs = new Map<string, Record<Engine["name"], Synthesized>>();
const timings: Record<string, number> = {};

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await run();
  } finally {
    timings[what] = Date.now() - started;
  }
}

/** A temporary app for an engine: its package, engine, provider bindings and constructs installed (linked). */
async function installApp(engine: Engine): Promise<string> {
  const app = path.join(work, `app-${engine.name}`);
  const modules = path.join(app, "node_modules");
  fs.mkdirSync(modules, { recursive: true });
  fs.writeFileSync(path.join(app, "package.json"), `${JSON.stringify({ name: `consumer-${engine.name}`, version: "1.0.0", private: true }, null, 2)}\n`);
  fs.writeFileSync(path.join(app, "tsconfig.json"), `${JSON.stringify(CONSUMER_TSCONFIG, null, 2)}\n`);
  fs.writeFileSync(path.join(app, "main.ts"), consumerMain(engine));
  const installed = path.join(modules, engine.packageName);
  await timed(`build the ${engine.name} package (bin/build-engine.js)`, () =>
    runCommand(process.execPath, [path.join(REPO_ROOT, "bin", "build-engine.js"), engine.name, installed], { cwd: REPO_ROOT, env: cleanEnv(), timeoutMs: TIMEOUT_MS }),
  );
  const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  for (const dep of [engine.name, engine.providerPackage, "constructs"]) link(path.join(engine.modules, dep), path.join(modules, dep));
  for (const dep of [...Object.keys(pkg.dependencies), "@types/node"]) link(path.join(REPO_ROOT, "node_modules", dep), path.join(modules, dep));
  return app;
}

/** Runs the package's command line (its `bin`) from the engine's app. */
function synthWith(engine: Engine, config: string | undefined, outdir: string) {
  const main = path.join(apps.get(engine.name)!, "node_modules", engine.packageName, "dist", "lib", "cli", "main.js");
  const run = path.join(work, "run");
  return runCommand(process.execPath, [main, "synth", ...(config ? ["--config", config] : []), "--out", outdir], { cwd: run, env: cleanEnv(), timeoutMs: TIMEOUT_MS });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(ENGINE_MODULES, "cdktn", "package.json"))) {
    throw new Error(`cdktn is not installed in ${ENGINE_MODULES}. Run \`npm run test:cdktn\` (it runs \`npm ci --prefix engines/cdktn\` first).`);
  }
  work = makeTempDir("mediaconvert-engines");
  // Synth runs in an empty folder (no cdktf.json, no mediaconvert.config.json), outputs at the same depth per engine.
  fs.mkdirSync(path.join(work, "run"));
  // Each app gets its engine's package as bin/build-engine.js builds it (the folder npm packs).
  apps.set("cdktn", await installApp(ENGINES[1]));
  apps.set("cdktf", await installApp(ENGINES[0]));

  await timed("synth every case with both engines", () =>
    Promise.all(
      CASES.map(async (c, i) => {
        const result = {} as Record<Engine["name"], Synthesized>;
        for (const engine of ENGINES) {
          const outdir = path.join(work, engine.name, `case-${i}`);
          await synthWith(engine, c.config, outdir);
          result[engine.name] = readOutput(outdir);
        }
        outputs.set(c.name, result);
      }),
    ),
  );
  await timed("consumer apps: tsc and synth with both engines", () =>
    Promise.all(
      ENGINES.map(async (engine) => {
        const app = apps.get(engine.name)!;
        const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
        await runCommand(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: app, env: cleanEnv(), timeoutMs: TIMEOUT_MS });
        const outdir = path.join(work, engine.name, "consumer");
        await runCommand(process.execPath, [path.join(app, "main.js")], { cwd: path.join(work, "run"), env: cleanEnv({ CONSUMER_OUTDIR: outdir }), timeoutMs: TIMEOUT_MS });
        const result = outputs.get("the consumer app") ?? ({} as Record<Engine["name"], Synthesized>);
        result[engine.name] = readOutput(outdir);
        outputs.set("the consumer app", result);
      }),
    ),
  );
}, TIMEOUT_MS);

afterAll(() => {
  if (process.env.MEDIACONVERT_TEST_TIMING === "1") process.stderr.write(`cdktn lane timings (ms): ${JSON.stringify(timings)}\n`);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("mediaconvert-role-cdktn, built from the same sources", () => {
  it("differs from the cdktf package only in the engine file, whose module names are cdktn's", () => {
    // GIVEN the built cdktn and cdktf packages
    const built = path.join(apps.get("cdktn")!, "node_modules", "mediaconvert-role-cdktn");
    const cdktfPackage = path.join(apps.get("cdktf")!, "node_modules", "mediaconvert-role-cdktf");
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    // WHEN each of its compiled files is compared with the cdktf package's
    const compiled = (dir: string) => walk(path.join(dir, "dist")).map((f) => path.relative(dir, f)).sort();
    const changed = compiled(built).filter((f) => fs.readFileSync(path.join(built, f), "utf8") !== fs.readFileSync(path.join(cdktfPackage, f), "utf8"));
    const engineJs = fs.readFileSync(path.join(built, "dist", "lib", "core", "engine.js"), "utf8");
    const pkg = JSON.parse(fs.readFileSync(path.join(built, "package.json"), "utf8")) as Record<string, unknown>;
    // THEN only engine.js and engine.d.ts changed, the packages they load are cdktn and @cdktn/provider-aws, and the
    // package declares cdktn's versions
    expect(compiled(built)).toEqual(compiled(cdktfPackage));
    expect(changed).toEqual([path.join("dist", "lib", "core", "engine.d.ts"), path.join("dist", "lib", "core", "engine.js")]);
    const packages = [...engineJs.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).filter((specifier) => !specifier.startsWith("."));
    expect(packages.map((specifier) => specifier.split("/lib/")[0]).filter((v, i, all) => all.indexOf(v) === i)).toEqual([
      "cdktn",
      "@cdktn/provider-aws",
    ]);
    expect(pkg).toMatchObject({
      name: "mediaconvert-role-cdktn",
      bin: { "mediaconvert-role-cdktn": "dist/lib/cli/main.js" },
      peerDependencies: { cdktn: ">=0.24.0 <0.25.0", "@cdktn/provider-aws": ">=25.0.0 <26.0.0", constructs: ">=10.6.0 <10.8.0" },
    });
  });
});

describe("cdktf and cdktn synthesize the same Terraform", () => {
  it.each([...CASES.map((c) => c.name), "the consumer app"])("%s: identical resource, data, output and import blocks", (name) => {
    // GIVEN the case synthesized with both engines (beforeAll)
    const { cdktf, cdktn } = outputs.get(name)!;
    // WHEN the blocks that must not depend on the engine are compared
    const found = blockDifferences(cdktf, cdktn);
    // THEN there is no difference (each line names the block path and both values)
    expect(found).toEqual([]);
    expect([...cdktn.keys()]).toEqual([...cdktf.keys()]);
    expect(cdktn.size).toBeGreaterThan(0);
  });

  it("fails with one readable line per difference when the engines' blocks differ", () => {
    // GIVEN two outputs whose role name and import block differ, and a stack only one has
    const stack = (json: Record<string, unknown>) => ({ dir: "", json });
    const cdktf: Synthesized = new Map([["media", stack({ resource: { aws_iam_role: { r: { name: "A" } } } })]]);
    const cdktn: Synthesized = new Map([
      ["media", stack({ resource: { aws_iam_role: { r: { name: "B" } } }, import: [{ to: "aws_iam_role.r", id: "B" }] })],
      ["extra", stack({})],
    ]);
    // WHEN they are compared
    const found = blockDifferences(cdktf, cdktn);
    // THEN each difference names its stack, block path and both values
    expect(found).toEqual([
      "stack extra: only the cdktn output has it",
      'media: resource.aws_iam_role.r.name: cdktf "A" / cdktn "B"',
      'media: import: cdktf (absent) / cdktn [{"to":"aws_iam_role.r","id":"B"}]',
    ]);
  });

  it("the consumer app's own KMS key token reaches the role's policy with both engines", () => {
    // GIVEN the consumer app synthesized with both engines
    const policies = ENGINES.map((engine) => {
      const json = outputs.get("the consumer app")![engine.name].get("media")!.json as { resource: Record<string, Record<string, { policy?: string }>> };
      return json.resource.aws_iam_role_policy.transcoder_kms.policy;
    });
    // WHEN / THEN the key's ARN reference is in the KMS policy of each
    for (const policy of policies) expect(policy).toContain("${aws_kms_key.media_key.arn}");
  });

  it("pins AWS provider 5.100.0 with cdktf and 6.x with cdktn: the only engine-specific part of the blocks users see", () => {
    // GIVEN the default stack from both engines
    const pins = ENGINES.map((engine) => {
      const json = outputs.get("the built-in default")![engine.name].get("mediaconvert")!.json as { terraform: { required_providers: Record<string, unknown> } };
      return json.terraform.required_providers.aws;
    });
    // WHEN / THEN cdktf pins the mirrored provider and cdktn a 6.x one
    expect(pins[0]).toEqual({ source: "aws", version: AWS_PROVIDER.version });
    expect(pins[1]).toMatchObject({ source: "hashicorp/aws" });
    expect((pins[1] as { version: string }).version).toMatch(/^6\.\d+\.\d+$/);
  });
});

describe("the cdktn JSON under Terraform (AWS provider 6.x is not mirrored here: validate against 5.100.0, no plan)", () => {
  it("validates every cdktn stack with required_providers rewritten to the mirrored AWS provider 5.100.0", async () => {
    // GIVEN every cdktn stack, its required_providers alone rewritten to the mirror's AWS provider
    const stacks = [...outputs.entries()].flatMap(([name, byEngine]) => [...byEngine.cdktn.entries()].map(([stack, s]) => ({ label: `${name}: ${stack}`, json: s.json })));
    // WHEN they are validated together (one init, one validate)
    const results = await timed("terraform init + validate of the cdktn stacks", () => validateWithMirroredProvider(stacks));
    // THEN Terraform finds each valid, without errors or warnings
    expect(results).toEqual(stacks.map((s) => `${s.label}: valid`));
    expect(results.length).toBeGreaterThanOrEqual(CASES.length + 1);
  }, TIMEOUT_MS);
});

/**
 * Validates stacks with one `terraform init` and one `validate` (validateTogether: each stack a
 * child module of one root), with `required_providers.aws` set to the mirrored provider. Returns
 * one line per stack: `<label>: valid`, or its diagnostics.
 */
async function validateWithMirroredProvider(stacks: readonly { label: string; json: Record<string, unknown> }[]): Promise<string[]> {
  const pin = { source: AWS_PROVIDER.source.replace(/^registry\.terraform\.io\//, ""), version: AWS_PROVIDER.version };
  const members = stacks.map((stack, i) => {
    const doc = structuredClone(stack.json) as Record<string, unknown> & { terraform: { required_providers: Record<string, unknown> } };
    doc.terraform.required_providers.aws = pin;
    const dir = path.join(work, "validate-input", `m${i}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(doc, null, 2));
    return { name: `m${i}`, dir };
  });
  const results = await validateTogether(members);
  return stacks.map((stack, i) => {
    const { diagnostics } = results.get(`m${i}`)!;
    return `${stack.label}: ${diagnostics.length === 0 ? "valid" : diagnostics.join("; ")}`;
  });
}
