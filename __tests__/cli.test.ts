/**
 * The command line (`mediaconvert-role-cdktf`), run in-process through `run(argv)` of
 * lib/cli/main.ts (see support/cli-in-process.ts): exit codes 0 / 1 (invalid input: every
 * problem listed, nothing written) / 2 (usage), and the exact message for each bad input, without
 * a stack trace. Each case runs in its own temporary directory. cli.e2e.test.ts runs the built
 * program itself, as a user's shell does, for the cases that prove the bin works as a program.
 */
import * as fs from "fs";
import * as path from "path";
import { runCliInProcess } from "./support/cli-in-process";
import { CommandResult, makeTempDir, REPO_ROOT } from "./support/terraform";

const EMPTY_CONFIG_FIX = 'Write a config such as {"stacks": [{"name": "mediaconvert", "roles": [{}]}]}';

let tmp: string;

beforeEach(() => {
  tmp = makeTempDir("mediaconvert-cli");
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs the CLI in `tmp` without the developer's config, region or output settings. */
function cli(args: readonly string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return runCliInProcess(args, { cwd: tmp, env });
}

const write = (name: string, content: string): string => {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
};

/** Every file under `dir` with its content, to show nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return files;
}

describe("mediaconvert-role-cdktf", () => {
  it.each([[["--help"]], [["synth", "--help"]], [["module", "--help"]], [["schema", "--help"]], [["help", "synth"]]])(
    "prints the usage for %j and exits 0",
    async (args) => {
      // GIVEN / WHEN
      const result = await cli(args);
      // THEN
      expect(result.exitCode).toBe(0);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(/^Usage: mediaconvert-role-cdktf/);
      expect(result.stdout).toContain("Exit codes: 0 success, 1 invalid input (every problem listed, nothing written), 2 usage error.");
    },
  );

  it.each<[string, string[], string]>([
    [
      "an unknown command",
      ["snyth"],
      'error: unknown command \'snyth\'\n(Did you mean synth?)\nRun "mediaconvert-role-cdktf --help" for the usage.\n',
    ],
    [
      "module without --out",
      ["module"],
      'error: required option \'-o, --out <dir>\' not specified\nRun "mediaconvert-role-cdktf module --help" for the usage.\n',
    ],
    [
      "an option without its value",
      ["synth", "--config"],
      'error: option \'-c, --config <file>\' argument missing\nRun "mediaconvert-role-cdktf synth --help" for the usage.\n',
    ],
    [
      "an extra argument",
      ["schema", "extra"],
      "error: too many arguments for 'schema'. Expected 0 arguments but got 1.\nRun \"mediaconvert-role-cdktf schema --help\" for the usage.\n",
    ],
  ])("exits 2 on %s, with one message and nothing written", async (_what, args, message) => {
    // GIVEN an empty directory / WHEN
    const result = await cli(args);
    // THEN
    expect(result).toEqual({ exitCode: 2, stdout: "", stderr: message });
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it("exits 2 with the usage when no command is given", async () => {
    // GIVEN / WHEN
    const result = await cli([]);
    // THEN
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^Usage: mediaconvert-role-cdktf \[options\] \[command\]\n/);
  });
});

describe("mediaconvert-role-cdktf synth", () => {
  it("reads --config and writes to --out, over CDKTF_OUTDIR and MEDIACONVERT_CONFIG", async () => {
    // GIVEN a config file, and environment variables naming others
    write("configs/prod.json", JSON.stringify({ stacks: [{ name: "prod", region: "eu-west-1", accountId: "111122223333", roles: [{ roleName: "MediaConvert_Prod" }] }] }));
    // WHEN
    const result = await cli(["synth", "--config", "configs/prod.json", "--out", "out"], { CDKTF_OUTDIR: "env.out", MEDIACONVERT_CONFIG: "missing.json" });
    // THEN
    expect(result).toEqual({
      exitCode: 0,
      stdout: "prod: wrote out/stacks/prod/cdk.tf.json, permissions.md and deployer-policy.json (eu-west-1; roles: MediaConvert_Prod) from configs/prod.json\n",
      stderr: "",
    });
    expect(fs.readdirSync(tmp).sort()).toEqual(["configs", "out"]);
  });

  it("uses mediaconvert.config.json of the project root (the folder holding cdktf.json) from a subfolder", async () => {
    // GIVEN a project with a config at its root, run from a subfolder
    write("cdktf.json", "{}");
    write("mediaconvert.config.json", JSON.stringify({ stacks: [{ name: "media", region: "eu-west-1", roles: [{}] }] }));
    fs.mkdirSync(path.join(tmp, "src"));
    // WHEN
    const result = await runCliInProcess(["synth", "--out", "../cdktf.out"], { cwd: path.join(tmp, "src") });
    // THEN
    expect(result.stdout).toBe(
      "media: wrote ../cdktf.out/stacks/media/cdk.tf.json, permissions.md and deployer-policy.json (eu-west-1; roles: MediaConvert_Default_Role) from ../mediaconvert.config.json\n",
    );
  });

  it("exits 1 on a MEDIACONVERT_CONFIG file that does not exist", async () => {
    // GIVEN / WHEN
    const result = await cli(["synth"], { MEDIACONVERT_CONFIG: "missing.json" });
    // THEN
    expect(result).toEqual({
      exitCode: 1,
      stdout: "",
      stderr:
        "Synth failed: 1 problem in missing.json; nothing was written.\n" +
        "missing.json: cannot read the config file: the file does not exist. Check the path in MEDIACONVERT_CONFIG, or unset it to use mediaconvert.config.json or the built-in default.\n",
    });
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it("exits 1 on an empty config file, with an example config", async () => {
    // GIVEN
    write("empty.json", "\n");
    // WHEN
    const result = await cli(["synth", "--config", "empty.json"]);
    // THEN
    expect(result).toEqual({
      exitCode: 1,
      stdout: "",
      stderr: `Synth failed: 1 problem in empty.json; nothing was written.\nempty.json: the config file is empty. ${EMPTY_CONFIG_FIX}, or leave --config out to use the built-in default.\n`,
    });
    expect(fs.readdirSync(tmp)).toEqual(["empty.json"]);
  });

  it("exits 1 listing every problem of an invalid config, and leaves the previous output as it was", async () => {
    // GIVEN an earlier output, and a config with two mistakes
    expect((await cli(["synth", "--out", "out"])).exitCode).toBe(0);
    const before = snapshot(path.join(tmp, "out"));
    write("bad.json", JSON.stringify({ stacks: [{ name: "media", region: "us-east-1", roles: [{ roleName: "Media Convert" }, { rolename: "x" }] }] }));
    // WHEN
    const result = await cli(["synth", "--config", "bad.json", "--out", "out"]);
    // THEN
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([
      "Synth failed: 2 problems in bad.json; nothing was written.",
      'bad.json: stacks[0].roles[0].roleName: Role name "Media Convert" is not valid: IAM role names use only letters, digits and + = , . @ - _ (1 to 64 characters). Remove the space.',
      'bad.json: stacks[0].roles[1].rolename: unknown key "rolename". Did you mean "roleName"?',
      "",
    ]);
    expect(snapshot(path.join(tmp, "out"))).toEqual(before);
  });

  it("exits 1 when --out is a file, and leaves the file as it was", async () => {
    // GIVEN
    write("out", "a file\n");
    // WHEN
    const result = await cli(["synth", "--out", "out"]);
    // THEN
    expect(result).toEqual({
      exitCode: 1,
      stdout: "",
      stderr:
        "Synth failed: 1 problem; nothing was written.\n" +
        'Output directory "out" (--out) is a file: the output is a directory that each run replaces whole. Give a directory path, or move the file away.\n',
    });
    expect(snapshot(tmp)).toEqual({ out: "a file\n" });
  });

  it("exits 1 when CDKTF_OUTDIR runs through a file, naming the variable", async () => {
    // GIVEN
    write("plain", "x");
    // WHEN
    const result = await cli(["synth"], { CDKTF_OUTDIR: "plain/cdktf.out" });
    // THEN
    expect(result).toEqual({
      exitCode: 1,
      stdout: "",
      stderr:
        "Synth failed: 1 problem; nothing was written.\n" +
        `Output directory "plain/cdktf.out" (CDKTF_OUTDIR) cannot be created: ${JSON.stringify(path.join(tmp, "plain"))} on its path is a file, not a folder. Give a path whose folders are directories.\n`,
    });
    expect(snapshot(tmp)).toEqual({ plain: "x" });
  });

  it("exits 1 when --out cannot be written", async () => {
    // GIVEN a folder this user cannot write: a read-only one, or for root (whom permissions do
    // not stop) a folder of the kernel's
    const root = process.getuid?.() === 0;
    const folder = root ? "/sys" : path.join(tmp, "read-only");
    if (!root) {
      fs.mkdirSync(folder);
      fs.chmodSync(folder, 0o555);
    }
    const out = path.join(folder, "mediaconvert-out");
    // WHEN
    const result = await cli(["synth", "--out", out]);
    // THEN
    expect(result).toEqual({
      exitCode: 1,
      stdout: "",
      stderr:
        "Synth failed: 1 problem; nothing was written.\n" +
        `Output directory ${JSON.stringify(out)} (--out) cannot be written: the folder ${JSON.stringify(folder)} is not writable (${root ? "EPERM" : "EACCES"}). Give a writable path, or fix the folder's permissions.\n`,
    });
    expect(fs.existsSync(out)).toBe(false);
  });

  it("exits 1 rather than replace a folder that holds other files", async () => {
    // GIVEN a folder of the user's
    write("src/app.ts", "export {};\n");
    // WHEN
    const result = await cli(["synth", "--out", "src"]);
    // THEN
    expect(result).toEqual({
      exitCode: 1,
      stdout: "",
      stderr:
        "Synth failed: 1 problem; nothing was written.\n" +
        'Output directory "src" (--out) holds "app.ts", which synth did not write: each run replaces the directory whole, so it must be new, empty, or an earlier output of synth. Give another directory.\n',
    });
    expect(snapshot(tmp)).toEqual({ [path.join("src", "app.ts")]: "export {};\n" });
  });
});

describe("mediaconvert-role-cdktf module", () => {
  it("writes the Terraform module, and writes it again over its own earlier output", async () => {
    // GIVEN / WHEN
    const first = await cli(["module", "--out", "modules/mediaconvert-role"]);
    const second = await cli(["module", "--out", "modules/mediaconvert-role"]);
    // THEN
    const expected = snapshot(path.join(REPO_ROOT, "modules", "mediaconvert-role"));
    for (const result of [first, second]) {
      expect(result).toEqual({
        exitCode: 0,
        stdout: `module: wrote modules/mediaconvert-role (${Object.keys(expected).sort().join(", ")})\n`,
        stderr: "",
      });
    }
    expect(snapshot(path.join(tmp, "modules", "mediaconvert-role"))).toEqual(expected);
  });

  it("exits 1 rather than replace a folder that holds other files", async () => {
    // GIVEN a Terraform root of the user's
    write("infra/main.tf", 'module "x" {}\n');
    // WHEN
    const result = await cli(["module", "--out", "infra"]);
    // THEN
    expect(result).toEqual({
      exitCode: 1,
      stdout: "",
      stderr:
        "Module failed: 1 problem; nothing was written.\n" +
        'Output directory "infra" (--out) holds "main.tf", which module did not write: each run replaces the directory whole, so it must be new, empty, or an earlier output of module. Give another directory.\n',
    });
    expect(snapshot(tmp)).toEqual({ [path.join("infra", "main.tf")]: 'module "x" {}\n' });
  });

  it("exits 1 rather than replace a root whose files have the module's names (main.tf, variables.tf, README.md) but are not its output", async () => {
    // GIVEN a Terraform root of the user's, named as module files are
    write("infra/README.md", "# Our infrastructure\n");
    write("infra/variables.tf", 'variable "region" {}\n');
    // WHEN
    const result = await cli(["module", "--out", "infra"]);
    // THEN
    expect(result).toEqual({
      exitCode: 1,
      stdout: "",
      stderr:
        "Module failed: 1 problem; nothing was written.\n" +
        'Output directory "infra" (--out) holds "variables.tf", which module did not write: each run replaces the directory whole, so it must be new, empty, or an earlier output of module. Give another directory.\n',
    });
    expect(snapshot(tmp)).toEqual({ [path.join("infra", "README.md")]: "# Our infrastructure\n", [path.join("infra", "variables.tf")]: 'variable "region" {}\n' });
  });
});

describe("mediaconvert-role-cdktf schema", () => {
  it("prints the committed JSON Schema of the config", async () => {
    // GIVEN / WHEN
    const result = await cli(["schema"]);
    // THEN
    expect(result).toEqual({ exitCode: 0, stdout: fs.readFileSync(path.join(REPO_ROOT, "mediaconvert.config.schema.json"), "utf8"), stderr: "" });
  });
});
