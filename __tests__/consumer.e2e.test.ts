/**
 * The package as a user installs it: built by `node bin/build-engine.js cdktf` (the folder
 * `npm run package` packs: compiled afresh, a package.json for users), packed by `npm pack`, and
 * installed into a fresh cdktf app of its own (own package.json, strict tsconfig, own AwsProvider
 * and KMS key), which is compiled with tsc against the shipped .d.ts, synthesized, validated and
 * planned offline; the command line runs from that app.
 *
 * The install: `npm install <tarball> --dry-run` shows what npm says about the package (its
 * warnings, an install script to review among them) without writing anything; the tarball is then
 * unpacked into node_modules as npm would, and the dependencies it declares are linked from this
 * project's node_modules. A real `npm install` writes the AWS SDK's 27 packages too (6 CPU-seconds,
 * mostly file system time) and would tell nothing more about this package. The dry run is offline:
 * the app starts with a lock file holding this project's locked runtime dependencies, whose
 * metadata `npm ci` of this project put into npm's cache; the peers are left out
 * (`--legacy-peer-deps`), as in an app that has them already.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CommandResult, runCommand } from "./support/commands";
import { writeOfflineOverride } from "./support/offline-override";
import { makeTempDir, REPO_ROOT } from "./support/paths";
import { OwnProvider, startOwnProvider } from "./support/provider-processes";
import { init, plan } from "./support/terraform-commands";
import { TerraformPlan } from "./support/terraform-plan";
import { cleanEnv, CONSUMER_TSCONFIG } from "./support/consumer-app";

const TIMEOUT_MS = 300_000;
const NAME = "mediaconvert-role-cdktf";
const BIN = "dist/lib/cli/main.js";

/** The fields a published package.json keeps. */
const PUBLISHED_FIELDS = [
  "bin",
  "dependencies",
  "description",
  "engines",
  "exports",
  "files",
  "keywords",
  "license",
  "main",
  "name",
  "peerDependencies",
  "repository",
  "types",
  "typesVersions",
  "version",
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

/**
 * The files the installed package's JavaScript points at that are not there: `sourceMappingURL`
 * comments and relative `require`s, as `file -> target` (relative to the package).
 */
function danglingReferences(pkgDir: string): string[] {
  const exists = (target: string) => [target, `${target}.js`, `${target}.json`, path.join(target, "index.js")].some((f) => fs.existsSync(f) && fs.statSync(f).isFile());
  return sourceFiles(pkgDir, (name) => name.endsWith(".js")).flatMap((file) => {
    const text = fs.readFileSync(file, "utf8");
    const targets = [...text.matchAll(/^\/\/# sourceMappingURL=(\S+)$/gm), ...text.matchAll(/\brequire\("(\.{1,2}\/[^"]*)"\)/g)].map((m) => m[1]);
    return targets
      .filter((target) => !exists(path.resolve(path.dirname(file), target)))
      .map((target) => `${path.relative(pkgDir, file).split(path.sep).join("/")} -> ${target}`);
  });
}

const CONSUMER_MAIN = `import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { MediaConvertRole, MediaConvertRoleProps, MediaConvertValidationError, RULES, trustPolicy } from "${NAME}";
import { deriveRole, deriveRoleProps, DerivedRole, extractAccesses, parseConfig, readJobDocuments, StackSummary, verifyAgainstConfig, VerifyReport, writeStackHcl } from "${NAME}/app";
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

// The other entries and the value exports are there, with their types (derive, verify and the job reader from ./app too).
const rule: string = RULES.roleName;
const summary: StackSummary | undefined = undefined;
const config = parseConfig({ stacks: [{ name: "media", roles: [{}] }] }, "inline.json", {});
const isError = (e: unknown): boolean => e instanceof MediaConvertValidationError;
const hclOptions: HclOptions = {};
const files: Record<string, string> = renderHclFiles({ output: { x: { value: "1" } } }, hclOptions);
const derived: DerivedRole | undefined = undefined;
const report: VerifyReport | undefined = undefined;
void [rule, summary, config, isError, trustPolicy, files, writeStackHcl, derived, report, deriveRole, deriveRoleProps, extractAccesses, readJobDocuments, verifyAgainstConfig];

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new MediaPlatform(app, "media");
app.synth();
`;

interface Packed {
  /** The tarball's files, as `npm pack` reported them. */
  readonly files: readonly string[];
  /** The tarball's listing (`tar -tvzf`): mode, owner, size, date, path. */
  readonly listing: readonly string[];
  /** What `npm install <tarball> --dry-run` printed (stdout and stderr). */
  readonly installOutput: string;
  /** The installed package.json. */
  readonly pkg: { version: string; dependencies: Record<string, string>; peerDependencies: Record<string, string>; bin: Record<string, string> } & Record<string, unknown>;
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

/**
 * A lock file for the app holding this project's locked runtime dependencies (whose metadata
 * `npm ci` put into npm's cache), so that `npm install --offline` resolves them to those versions.
 */
function appLockFile(): object {
  const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  const runtime = Object.entries(lock.packages).filter(([at, entry]) => at !== "" && !entry.dev && !entry.devOptional);
  return { name: "media-platform", version: "1.0.0", lockfileVersion: 3, requires: true, packages: { "": { name: "media-platform", version: "1.0.0" }, ...Object.fromEntries(runtime) } };
}

/** Builds and packs the package, asks npm what installing it says, and installs it into the app. */
async function packAndInstall(): Promise<Packed> {
  const staged = path.join(work, "package");
  await timed("build the package (bin/build-engine.js)", () =>
    runCommand(process.execPath, [path.join(REPO_ROOT, "bin", "build-engine.js"), "cdktf", staged], { cwd: REPO_ROOT, env: cleanEnv(), timeoutMs: TIMEOUT_MS }),
  );
  const { stdout } = await timed("npm pack", () => runCommand("npm", ["pack", staged, "--json", "--pack-destination", work], { cwd: work, env: cleanEnv(), timeoutMs: TIMEOUT_MS }));
  const report = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  const tarball = path.join(work, report[0].filename);

  fs.writeFileSync(path.join(app, "package-lock.json"), `${JSON.stringify(appLockFile(), null, 2)}\n`);
  const install = await timed("npm install --dry-run", () =>
    runCommand("npm", ["install", tarball, "--dry-run", "--offline", "--legacy-peer-deps", "--no-audit", "--no-fund"], { cwd: app, env: cleanEnv(), timeoutMs: TIMEOUT_MS }),
  );
  const installed = path.join(app, "node_modules", NAME);
  fs.mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as Packed["pkg"];
  // What npm install adds besides: the declared dependencies (linked from this project), and the bin.
  for (const dep of [...Object.keys(pkg.peerDependencies), ...Object.keys(pkg.dependencies), "@types/node"]) {
    const link = path.join(app, "node_modules", dep);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", dep), link, "dir");
  }
  fs.mkdirSync(path.join(app, "node_modules", ".bin"));
  for (const [command, target] of Object.entries(pkg.bin)) fs.symlinkSync(path.join("..", NAME, target), path.join(app, "node_modules", ".bin", command));
  return {
    files: report[0].files.map((f) => f.path).sort(),
    listing: execFileSync("tar", ["-tvzf", tarball], { encoding: "utf8" }).trimEnd().split("\n"),
    installOutput: `${install.stdout}${install.stderr}`,
    pkg,
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
/** The plan's own AWS provider (the app has one provider configuration), started while the package builds. */
let provider: OwnProvider | undefined;
/** The runs of the installed command line: --help, --version, synth, module, schema. */
let cliRuns: Promise<CommandResult[]>;
/** The installed command line's `hcl` of the app's own stack, run once the app has synthesized it. */
let hclRun: Promise<CommandResult>;

beforeAll(async () => {
  work = makeTempDir("mediaconvert-consumer");
  app = path.join(work, "media-platform");
  writeApp();
  // The plan's provider starts while the package builds (mostly tsc, one core).
  provider = startOwnProvider();
  provider.reattach.catch(() => undefined); // the plan awaits it, and reports a failure there
  packed = await packAndInstall();
  // The command line needs only the installed package, so it runs alongside the steps below,
  // which mostly keep one core busy at a time (tsc, synth, init, show). Its test awaits it, and
  // reports a failure there.
  cliRuns = timed("command line", () =>
    Promise.all([cli(["--help"]), cli(["--version"]), cli(["synth", "--out", "cli.out"]), cli(["module", "--out", "modules/mediaconvert-role"]), cli(["schema"])]),
  );
  cliRuns.catch(() => undefined);
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
    // THEN its files are the allow-list: no tests, no TypeScript sources, no source maps, not the repository's app
    expect(packed.files).toEqual(expectedTarballFiles());
  });

  it("installs with npm without an install-script warning, its package.json holding the published fields only", () => {
    // GIVEN / WHEN npm install of the tarball (beforeAll; on the package of an earlier build, whose
    // package.json kept the development scripts, it warned: "1 package has install scripts not yet
    // covered by allowScripts: mediaconvert-role-cdktf@0.1.0 (prepare: node bin/build.js ...)")
    // THEN npm reports no script to review, and the manifest has no scripts and no devDependencies
    expect(packed.installOutput).not.toMatch(/install.scripts?/i);
    expect(packed.installOutput).not.toMatch(/^npm warn/m);
    expect(Object.keys(packed.pkg).sort()).toEqual(PUBLISHED_FIELDS);
    expect(packed.pkg).not.toHaveProperty("scripts");
    expect(packed.pkg).not.toHaveProperty("devDependencies");
  });

  it("ships no JavaScript that points at a file it does not ship (source maps, relative requires)", () => {
    // GIVEN the installed package / WHEN its JavaScript is read
    const dangling = danglingReferences(path.join(app, "node_modules", NAME));
    // THEN every file it names is there
    expect(dangling).toEqual([]);
  });

  it("ships the bin executable, with its shebang", () => {
    // GIVEN the tarball's listing and the installed bin
    const entry = packed.listing.find((line) => line.endsWith(` package/${BIN}`));
    const installedBin = path.join(app, "node_modules", NAME, BIN);
    // WHEN / THEN it is executable by everyone and starts with the node shebang
    expect(packed.pkg.bin).toEqual({ [NAME]: BIN });
    expect(entry).toMatch(/^-rwxr-xr-x /);
    expect(fs.readFileSync(installedBin, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
    expect(fs.statSync(installedBin).mode & 0o777).toBe(0o755);
  });

  it("exports at run time what the sources export, from every entry (., ./app, ./hcl)", async () => {
    // GIVEN the installed package and the sources of its entries
    const resolveFrom = (request: string) => require.resolve(request, { paths: [app] });
    // WHEN both are loaded
    const installed = Object.keys((await import(resolveFrom(NAME))) as object).sort();
    const installedApp = Object.keys((await import(resolveFrom(`${NAME}/app`))) as object).sort();
    const installedHcl = Object.keys((await import(resolveFrom(`${NAME}/hcl`))) as object).sort();
    // THEN they export the same names
    expect(installed).toEqual(Object.keys(await import("../lib")).sort());
    expect(installedApp).toEqual(Object.keys(await import("../lib/app")).sort());
    expect(installedHcl).toEqual(Object.keys(await import("../lib/hcl")).sort());
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
      `mediaconvert: wrote ${path.join("cli.out", "stacks", "mediaconvert", "cdk.tf.json")}, permissions.md, deployer-policy.json and resource-policies.json (us-east-1; roles: MediaConvert_Default_Role) from the built-in default\n`,
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
