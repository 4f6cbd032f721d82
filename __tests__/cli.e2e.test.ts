/**
 * The command line as a program: dist/lib/cli/main.js, the package's bin, started by node the way
 * a user's shell starts it. Every other case runs in-process in cli.test.ts (one process start and
 * one load of cdktf, commander and zod per spawn is what made these tests slow); these stay
 * spawned because only a real process shows them: the compiled output runs on its own (its
 * requires resolve in dist/, including the config schema loaded lazily), `run`'s result becomes
 * the exit status (0, 1 and 2 below), and what commander and console print reaches the real
 * stdout and stderr. Each case runs in its own temporary directory.
 */
import * as fs from "fs";
import * as path from "path";
import { startIamEndpoint } from "./support/iam-endpoint";
import { CommandResult, runCommand } from "./support/commands";
import { makeTempDir, REPO_ROOT } from "./support/paths";

const CLI = path.join(REPO_ROOT, "dist", "lib", "cli", "main.js");
/** The AWS SDK's documented switch for its Node.js version warning. */
const SDK_WARNING_SWITCH = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

let tmp: string;

beforeEach(() => {
  tmp = makeTempDir("mediaconvert-cli");
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs the CLI in `tmp` without the developer's config, region or output settings (or the SDK's warning switch), plus `extraEnv`. */
function cli(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["MEDIACONVERT_CONFIG", "AWS_REGION", "AWS_DEFAULT_REGION", "CDKTF_OUTDIR", SDK_WARNING_SWITCH]) delete env[name];
  return runCommand(process.execPath, [CLI, ...args], { cwd: tmp, env: { ...env, ...extraEnv }, okExitCodes: [0, 1, 2] });
}

describe("mediaconvert-role-cdktf", () => {
  it("prints its version and exits 0", async () => {
    // GIVEN / WHEN
    const result = await cli(["--version"]);
    // THEN
    expect(result).toEqual({ exitCode: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it("exits 2 on an unknown option, with one message and nothing written", async () => {
    // GIVEN an empty directory / WHEN
    const result = await cli(["synth", "--otu", "out"]);
    // THEN
    expect(result).toEqual({
      exitCode: 2,
      stdout: "",
      stderr: 'error: unknown option \'--otu\'\n(Did you mean --out?)\nRun "mediaconvert-role-cdktf synth --help" for the usage.\n',
    });
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it("starts without cdktf or the provider bindings: --help, --version and usage errors load only commander", async () => {
    // GIVEN a program that runs the CLI's `run` as its bin does, for each argument list, then lists the packages node loaded
    const runs = [["--help"], ["--version"], ["synth", "--otu", "out"]];
    const script = [
      `const { run } = require(${JSON.stringify(CLI)});`,
      "(async () => {",
      "  const codes = [];",
      `  for (const argv of ${JSON.stringify(runs)}) codes.push(await run(argv));`,
      "  const packages = Object.keys(require.cache).flatMap((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(f)?.[1] ?? []);",
      "  process.stderr.write(`\\n${JSON.stringify({ codes, packages: [...new Set(packages)].sort() })}\\n`);",
      "})();",
    ].join("\n");
    // WHEN it runs them
    const result = await runCommand(process.execPath, ["-e", script], { cwd: tmp, okExitCodes: [0] });
    // THEN
    expect(JSON.parse(result.stderr.trim().split("\n").pop()!)).toEqual({ codes: [0, 0, 2], packages: ["commander"] });
  });

  /**
   * Runs `argv` in a fresh node as the bin does and returns its exit code, its stdout, the packages
   * node loaded and the layers of this library (`lib/<layer>/`) it loaded.
   */
  async function packagesLoadedBy(argv: string[]): Promise<{ code: number; stdout: string; packages: string[]; layers: string[] }> {
    const script = [
      `const { run } = require(${JSON.stringify(CLI)});`,
      "(async () => {",
      `  const code = await run(${JSON.stringify(argv)});`,
      "  const packages = Object.keys(require.cache).flatMap((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(f)?.[1] ?? []);",
      "  const layers = Object.keys(require.cache).flatMap((f) => f.includes('node_modules') ? [] : /[\\\\/]lib[\\\\/](\\w+)[\\\\/]/.exec(f)?.[1] ?? []);",
      "  process.stderr.write(`\\n${JSON.stringify({ code, packages: [...new Set(packages)].sort(), layers: [...new Set(layers)].sort() })}\\n`);",
      "})();",
    ].join("\n");
    const result = await runCommand(process.execPath, ["-e", script], { cwd: tmp, okExitCodes: [0] });
    return { stdout: result.stdout, ...JSON.parse(result.stderr.trim().split("\n").pop()!) };
  }

  it("derives a role without cdktf or the provider bindings: derive loads only commander, the config's validation and the jobs layer", async () => {
    // GIVEN the example jobs / WHEN derive runs on them (a dry run)
    const jobs = path.join(REPO_ROOT, "examples", "jobs");
    const result = await packagesLoadedBy(["derive", jobs, "--stack", "media", "--role-name", "Derived", "--config", "mediaconvert.config.json", "--dry-run"]);
    // THEN derive succeeded, and neither cdktf, constructs nor @cdktf/provider-aws was loaded
    expect(result).toMatchObject({ code: 0, packages: ["commander", "fastest-levenshtein", "jsonc-parser", "zod"] });
  });

  it("synthesizes Terraform JSON without the HCL printer, which only --hcl loads", async () => {
    // GIVEN an empty directory / WHEN synth writes JSON, then HCL
    const json = await packagesLoadedBy(["synth", "--out", "json-out"]);
    const hcl = await packagesLoadedBy(["synth", "--hcl", "--out", "hcl-out"]);
    // THEN both succeeded; only the second loaded lib/hcl
    expect(json).toMatchObject({ code: 0, layers: ["app", "cli", "core"] });
    expect(hcl).toMatchObject({ code: 0, layers: ["app", "cli", "core", "hcl"] });
  });

  it("verifies a job without cdktf or the provider bindings: only commander, the config schema's packages and the job reader's", async () => {
    // GIVEN a config with a scoped role and one job
    fs.writeFileSync(path.join(tmp, "config.json"), fs.readFileSync(path.join(REPO_ROOT, "__tests__", "fixtures", "verify", "corpus.config.json")));
    const job = path.join(REPO_ROOT, "examples", "jobs", "hls-speke.json");
    // WHEN verify runs
    const result = await packagesLoadedBy(["verify", job, "--role-name", "Transcoder", "--config", "config.json"]);
    // THEN the job can run, and neither cdktf nor @cdktf/provider-aws (nor the AWS SDK) was loaded
    expect(result.stdout).toContain("ok      ");
    expect(result).toMatchObject({ code: 0, packages: ["commander", "fastest-levenshtein", "jsonc-parser", "zod"] });
  });
});

describe("mediaconvert-role-cdktf output into a pipe", () => {
  it("ends quietly, with exit code 0, when the reader stops early (--help | head -1)", async () => {
    // GIVEN / WHEN
    // (pipefail: the pipeline's exit code is the program's, unless it is 0)
    const result = await runCommand("bash", ["-c", `set -o pipefail; "${process.execPath}" "${CLI}" --help | head -1`], { cwd: tmp, okExitCodes: [0] });
    // THEN
    expect(result.stdout.split("\n")[0]).toBe("Usage: mediaconvert-role-cdktf [options] [command]");
    expect(result.stderr).toBe("");
  });
});

describe("mediaconvert-role-cdktf synth", () => {
  it("synthesizes the built-in default into cdktf.out and exits 0", async () => {
    // GIVEN an empty directory / WHEN
    const result = await cli(["synth"]);
    // THEN
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      "mediaconvert: wrote cdktf.out/stacks/mediaconvert/cdk.tf.json, permissions.md, deployer-policy.json and resource-policies.json (us-east-1; roles: MediaConvert_Default_Role) from the built-in default\n",
    );
    expect(fs.existsSync(path.join(tmp, "cdktf.out", "stacks", "mediaconvert", "cdk.tf.json"))).toBe(true);
  });

  it("exits 1 on a --config file that does not exist, naming the file and the fix, and writes nothing", async () => {
    // GIVEN / WHEN
    const result = await cli(["synth", "--config", "missing.json"]);
    // THEN
    expect(result).toEqual({
      exitCode: 1,
      stdout: "",
      stderr:
        "Synth failed: 1 problem in missing.json; nothing was written.\n" +
        "missing.json: cannot read the config file: the file does not exist. Check the path given to --config, or leave --config out to use MEDIACONVERT_CONFIG, mediaconvert.config.json or the built-in default.\n",
    });
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

});

describe("mediaconvert-role-cdktf adopt", () => {
  it("reads a live role without the AWS SDK's NodeVersionSupportWarning, which the SDK prints on Node.js 20 when its switch is off", async () => {
    // GIVEN the console's role in a local IAM endpoint
    const iam = await startIamEndpoint();
    try {
      iam.seedRole({
        name: "MediaConvert_Default_Role",
        path: "/service-role/",
        trustPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "mediaconvert.amazonaws.com" }, Action: "sts:AssumeRole" }] },
        attachedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess", "arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess"],
      });
      const env = { AWS_ENDPOINT_URL_IAM: iam.url, AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "example-secret" };
      const args = ["adopt", "--role-name", "MediaConvert_Default_Role", "--stack", "prod", "--region", "us-east-1", "--dry-run"];
      // WHEN the program adopts it (a dry run), as it starts, and with the user's switch set to false
      const [asStarted, switchedOff] = [await cli(args, env), await cli(args, { ...env, [SDK_WARNING_SWITCH]: "false" })];
      // THEN it prints the entry and nothing on stderr; with the switch off, the SDK warns on Node.js before 22
      expect({ exitCode: asStarted.exitCode, stderr: asStarted.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(asStarted.stdout).toContain('"roleName": "MediaConvert_Default_Role"');
      expect(switchedOff.exitCode).toBe(0);
      expect(switchedOff.stderr.includes("NodeVersionSupportWarning: The AWS SDK for JavaScript (v3)")).toBe(Number(process.versions.node.split(".")[0]) < 22);
    } finally {
      await iam.stop();
    }
  });
});
