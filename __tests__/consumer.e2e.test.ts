/**
 * The package as a user installs it: `npm pack` (whose `prepack` compiles dist/ when stale and
 * removes compiled files whose source is gone), the tarball unpacked into a fresh cdktf app of
 * its own (own package.json, strict tsconfig, own AwsProvider and KMS key), compiled with tsc
 * against the shipped .d.ts, synthesized, validated and planned offline, and the command line run
 * from that app. Offline: the peer and runtime dependencies the tarball declares are linked from
 * this project's node_modules, never fetched.
 *
 * The pack runs in a copy of the project, so that the repository's dist/ (used by other tests
 * at the same time) is never changed under them. The copy takes the dist/ the jest global setup
 * built from the same sources, so `npm pack` compiles nothing: its build checks the stamp against
 * the copy's sources and files, and would compile if they differed. The copy's dist/ also gets the
 * compiled files of a source that is gone (a renamed .ts leaves them), which must not ship.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CommandResult, init, makeTempDir, OwnProvider, plan, REPO_ROOT, runCommand, startOwnProvider, TerraformPlan, writeOfflineOverride } from "./support/terraform";
import { cleanEnv, CONSUMER_TSCONFIG } from "./support/consumer-app";

const TIMEOUT_MS = 300_000;
const NAME = "mediaconvert-role-cdktf";

/** What `npm pack` needs from the project (sources, build settings, the build, shipped files). */
const PROJECT_FILES = [
  "bin",
  "dist",
  "lib",
  "main.ts",
  "tsconfig.json",
  "tsconfig.build.json",
  "package.json",
  "cdktf.json",
  "modules",
  "mediaconvert.config.schema.json",
  "README.md",
  "CHANGELOG.md",
  "LICENSE",
  "API.md",
];

/** The files under `dir`, recursively, that `wanted` keeps (by default TypeScript sources). */
function sourceFiles(dir: string, wanted: (name: string) => boolean = (name) => name.endsWith(".ts")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full, wanted) : wanted(e.name) ? [full] : [];
  });
}

/** Exactly what the tarball must hold: compiled lib/ (JavaScript and declarations), the module, the schema, the documents. */
function expectedTarballFiles(): string[] {
  const compiled = sourceFiles(path.join(REPO_ROOT, "lib")).flatMap((file) => {
    const base = path.relative(REPO_ROOT, file).split(path.sep).join("/").replace(/\.ts$/, "");
    return [`dist/${base}.js`, `dist/${base}.d.ts`];
  });
  const module = sourceFiles(path.join(REPO_ROOT, "modules", "mediaconvert-role"), () => true).map((f) => path.relative(REPO_ROOT, f).split(path.sep).join("/"));
  return [...compiled, ...module, "mediaconvert.config.schema.json", "README.md", "CHANGELOG.md", "LICENSE", "API.md", "package.json"].sort();
}

const CONSUMER_MAIN = `import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { MediaConvertRole, MediaConvertRoleProps, MediaConvertValidationError, RULES, trustPolicy } from "${NAME}";
import { parseConfig, StackSummary, writeStackHcl } from "${NAME}/app";
import { HclOptions, renderHclFiles } from "${NAME}/hcl";

class MediaPlatform extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    const key = new KmsKey(this, "media_key", { description: "Media platform key", deletionWindowInDays: 7 });
    const props: MediaConvertRoleProps = {
      roleName: "Platform_MediaConvert",
      description: "Transcoding for the media platform",
      inputKmsKeyArns: [key.arn],
      outputKmsKeyArns: [key.arn],
    };
    const role = new MediaConvertRole(this, "transcoder", props);
    new TerraformOutput(this, "transcoder_role_arn", { value: role.roleArn });
  }
}

// The other entry and the value exports are there, with their types.
const rule: string = RULES.roleName;
const summary: StackSummary | undefined = undefined;
const config = parseConfig({ stacks: [{ name: "media", roles: [{}] }] }, "inline.json", {});
const isError = (e: unknown): boolean => e instanceof MediaConvertValidationError;
const hclOptions: HclOptions = {};
const files: Record<string, string> = renderHclFiles({ output: { x: { value: "1" } } }, hclOptions);
void [rule, summary, config, isError, trustPolicy, files, writeStackHcl];

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new MediaPlatform(app, "media");
app.synth();
`;

/** Compiled files left in dist/ by a source that no longer exists (lib/core/gone.ts). */
const ORPHANS = ["dist/lib/core/gone.js", "dist/lib/core/gone.js.map", "dist/lib/core/gone.d.ts"];
/** A compiled file of a current source, to see whether `npm pack` compiled. */
const COMPILED = "dist/lib/index.js";

interface Packed {
  readonly files: readonly string[];
  readonly pkg: { version: string; dependencies: Record<string, string>; peerDependencies: Record<string, string>; bin: Record<string, string> };
  /** The orphans still in the copy's dist/ after `npm pack`. */
  readonly orphansLeft: readonly string[];
  /** Whether `npm pack` rewrote COMPILED (it compiled). */
  readonly recompiled: boolean;
}

let work: string;
let app: string;
let packed: Packed;
const timings: Record<string, number> = {};

async function timed<T>(what: string, run: () => Promise<T> | T): Promise<T> {
  const started = Date.now();
  try {
    return await run();
  } finally {
    timings[what] = Date.now() - started;
  }
}

/** Packs a copy of the project; returns the tarball's file list and its package.json, and unpacks it into the app. */
async function packAndInstall(): Promise<Packed> {
  const project = path.join(work, "project");
  fs.mkdirSync(project);
  for (const entry of PROJECT_FILES) fs.cpSync(path.join(REPO_ROOT, entry), path.join(project, entry), { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
  for (const orphan of ORPHANS) fs.writeFileSync(path.join(project, orphan), "// compiled from lib/core/gone.ts, deleted since\n");
  const compiledBefore = fs.statSync(path.join(project, COMPILED)).mtimeMs;
  const { stdout } = await timed("npm pack", () =>
    runCommand("npm", ["pack", "--json", "--pack-destination", work], { cwd: project, env: cleanEnv(), timeoutMs: TIMEOUT_MS }),
  );
  // npm prints the lifecycle scripts' output before the JSON.
  const report = JSON.parse(stdout.slice(stdout.indexOf("[\n"))) as { filename: string; files: { path: string }[] }[];
  const tarball = path.join(work, report[0].filename);

  const installed = path.join(app, "node_modules", NAME);
  fs.mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as Packed["pkg"];
  // What npm install would add: the declared dependencies (linked from this project) and the bin.
  for (const dep of [...Object.keys(pkg.peerDependencies), ...Object.keys(pkg.dependencies), "@types/node"]) {
    const link = path.join(app, "node_modules", dep);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", dep), link, "dir");
  }
  fs.mkdirSync(path.join(app, "node_modules", ".bin"));
  for (const [command, target] of Object.entries(pkg.bin)) {
    fs.chmodSync(path.join(installed, target), 0o755);
    fs.symlinkSync(path.join("..", NAME, target), path.join(app, "node_modules", ".bin", command));
  }
  return {
    files: report[0].files.map((f) => f.path).sort(),
    pkg,
    orphansLeft: ORPHANS.filter((orphan) => fs.existsSync(path.join(project, orphan))),
    recompiled: fs.statSync(path.join(project, COMPILED)).mtimeMs !== compiledBefore,
  };
}

function writeApp(): void {
  fs.mkdirSync(app);
  const write = (name: string, content: string) => fs.writeFileSync(path.join(app, name), content);
  write("package.json", `${JSON.stringify({ name: "media-platform", version: "1.0.0", private: true, dependencies: { [NAME]: "*" } }, null, 2)}\n`);
  write("tsconfig.json", `${JSON.stringify(CONSUMER_TSCONFIG, null, 2)}\n`);
  write("cdktf.json", `${JSON.stringify({ language: "typescript", app: "node main.js", output: "cdktf.out" }, null, 2)}\n`);
  write("main.ts", CONSUMER_MAIN);
}

/** Runs the installed command line in the app. */
function cli(args: readonly string[]) {
  return runCommand(path.join(app, "node_modules", ".bin", NAME), args, { cwd: app, env: cleanEnv(), timeoutMs: TIMEOUT_MS, okExitCodes: [0, 1, 2] });
}

let stackDir: string;
let planned: TerraformPlan;
/** The plan's own AWS provider (the app has one provider configuration), started while tsc runs. */
let provider: OwnProvider | undefined;
/** The runs of the installed command line: --help, --version, synth, module, schema. */
let cliRuns: Promise<CommandResult[]>;
/** The installed command line's `hcl` of the app's own stack, run once the app has synthesized it. */
let hclRun: Promise<CommandResult>;

beforeAll(async () => {
  work = makeTempDir("mediaconvert-consumer");
  app = path.join(work, "media-platform");
  writeApp();
  packed = await packAndInstall();
  // The command line needs only the installed package, so it runs alongside the steps below,
  // which mostly keep one core busy at a time (tsc, synth, init, show). Its test awaits it, and
  // reports a failure there.
  cliRuns = timed("command line", () =>
    Promise.all([cli(["--help"]), cli(["--version"]), cli(["synth", "--out", "cli.out"]), cli(["module", "--out", "modules/mediaconvert-role"]), cli(["schema"])]),
  );
  cliRuns.catch(() => undefined);
  provider = startOwnProvider();
  provider.reattach.catch(() => undefined); // the plan awaits it, and reports a failure there
  await timed("tsc (strict, against the shipped .d.ts)", () =>
    runCommand(process.execPath, [path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: app, env: cleanEnv(), timeoutMs: TIMEOUT_MS }),
  );
  await timed("synth (node main.js)", () => runCommand(process.execPath, ["main.js"], { cwd: app, env: cleanEnv({ CDKTF_OUTDIR: "cdktf.out" }), timeoutMs: TIMEOUT_MS }));
  stackDir = path.join(app, "cdktf.out", "stacks", "media");
  hclRun = timed("hcl", () => cli(["hcl", path.join("cdktf.out", "stacks", "media")]));
  hclRun.catch(() => undefined);
  await hclRun; // before the offline override lands in the stack directory
  writeOfflineOverride(stackDir);
  // Every command after it reattaches to a running provider (the plan to its own), so the init installs nothing.
  await timed("terraform init", () => init(stackDir, { sharedProviderOnly: true }));
  // The plan validates the configuration first: its diagnostics are the validation.
  planned = await timed("terraform plan", () => plan(stackDir, { provider }));
}, TIMEOUT_MS);

afterAll(() => {
  provider?.stop();
  if (process.env.MEDIACONVERT_TEST_TIMING === "1") process.stderr.write(`consumer test timings (ms): ${JSON.stringify(timings)}\n`);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("the packed package in a fresh cdktf app", () => {
  it("ships exactly the compiled library, its declarations, the module, the schema and the documents", () => {
    // GIVEN / WHEN the tarball npm pack made
    // THEN its files are the allow-list: no tests, no TypeScript sources, no source maps
    expect(packed.files).toEqual(expectedTarballFiles());
  });

  it("leaves out compiled files whose source is gone, and compiles nothing when dist/ is current", () => {
    // GIVEN a dist/ built from the current sources, plus the compiled files of a deleted lib/core/gone.ts
    // WHEN npm pack ran (beforeAll)
    // THEN its build removed them without compiling, and the tarball does not hold them
    expect(packed.orphansLeft).toEqual([]);
    expect(packed.recompiled).toBe(false);
    expect(packed.files.filter((file) => ORPHANS.includes(file))).toEqual([]);
  });

  it("exports at run time what the sources export, from every entry (., ./app, ./hcl)", () => {
    // GIVEN the installed package and the sources of its entries
    const resolveFrom = (request: string) => require.resolve(request, { paths: [app] });
    // WHEN both are loaded
    const installed = Object.keys(require(resolveFrom(NAME)) as object).sort();
    const installedApp = Object.keys(require(resolveFrom(`${NAME}/app`)) as object).sort();
    const installedHcl = Object.keys(require(resolveFrom(`${NAME}/hcl`)) as object).sort();
    // THEN they export the same names
    expect(installed).toEqual(Object.keys(require("../lib") as object).sort());
    expect(installedApp).toEqual(Object.keys(require("../lib/app") as object).sort());
    expect(installedHcl).toEqual(Object.keys(require("../lib/hcl") as object).sort());
  });

  it("type-checks, synthesizes and plans with the app's own KMS key token in the role's policy", () => {
    // GIVEN the app compiled with tsc (beforeAll) and synthesized
    const tf = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) as {
      resource: Record<string, Record<string, { policy?: string }>>;
    };
    // WHEN the plan is read
    // THEN the key reference reached the policy, and Terraform plans the key, the role and its
    // policies, at addresses from the construct id
    expect(tf.resource.aws_iam_role_policy.transcoder_kms.policy).toContain("${aws_kms_key.media_key.arn}");
    expect(planned.diagnostics).toEqual([]);
    expect(planned.addresses).toEqual([
      "aws_iam_role.transcoder",
      "aws_iam_role_policy.transcoder_kms",
      "aws_iam_role_policy_attachment.transcoder_api_gateway_invoke_full_access",
      "aws_iam_role_policy_attachment.transcoder_s3_full_access",
      "aws_kms_key.media_key",
    ]);
    expect(planned.resource("aws_iam_role.transcoder").values.name).toBe("Platform_MediaConvert");
  });

  it("runs the command line from the app: --help, --version, synth, module and schema", async () => {
    // GIVEN the installed bin
    const installed = path.join(app, "node_modules", NAME);
    // WHEN each subcommand runs in the app (started in beforeAll, alongside the Terraform steps)
    const [help, version, synth, moduleRun, schema] = await cliRuns;
    // THEN each works and writes what it says
    expect(help).toMatchObject({ exitCode: 0, stderr: "" });
    expect(help.stdout).toMatch(/^Usage: mediaconvert-role-cdktf \[options\] \[command\]\n/);
    expect(help.stdout).toMatch(/\n {2}synth \[options\] /);
    expect(version).toEqual({ exitCode: 0, stdout: `${packed.pkg.version}\n`, stderr: "" });
    expect(synth.exitCode).toBe(0);
    expect(synth.stdout).toBe(
      `mediaconvert: wrote ${path.join("cli.out", "stacks", "mediaconvert", "cdk.tf.json")}, permissions.md and deployer-policy.json (us-east-1; roles: MediaConvert_Default_Role) from the built-in default\n`,
    );
    expect(fs.existsSync(path.join(app, "cli.out", "stacks", "mediaconvert", "permissions.md"))).toBe(true);
    expect(moduleRun.exitCode).toBe(0);
    const shippedModule = path.join(installed, "modules", "mediaconvert-role");
    for (const file of sourceFiles(shippedModule, () => true).map((f) => path.relative(shippedModule, f))) {
      expect(fs.readFileSync(path.join(app, "modules", "mediaconvert-role", file), "utf8")).toBe(fs.readFileSync(path.join(shippedModule, file), "utf8"));
    }
    expect(schema).toEqual({ exitCode: 0, stdout: fs.readFileSync(path.join(installed, "mediaconvert.config.schema.json"), "utf8"), stderr: "" });
  });
});

describe("the packed command line's hcl in the app", () => {
  it("writes the app's own stack (the construct next to the app's KMS key) as .tf files in hcl/media, next to cdktf.out", async () => {
    // GIVEN the stack the app synthesized (beforeAll) / WHEN the installed bin's hcl ran on it
    const result = await hclRun;
    // THEN
    expect(result).toEqual({ exitCode: 0, stdout: `hcl: wrote ${path.join("hcl", "media")} (main.tf, outputs.tf, versions.tf) from ${path.join("cdktf.out", "stacks", "media", "cdk.tf.json")}\n`, stderr: "" });
    expect(fs.readFileSync(path.join(app, "hcl", "media", "main.tf"), "utf8")).toContain("      Resource = [aws_kms_key.media_key.arn]\n");
  });
});
