/**
 * The command line (`mediaconvert-role-cdktf`), run in-process through `run(argv)` of
 * lib/cli/main.ts (see support/cli-in-process.ts): exit codes 0 / 1 (invalid input: every
 * problem listed, nothing written) / 2 (usage), and the exact message for each bad input, without
 * a stack trace. Each case runs in its own temporary directory. cli.e2e.test.ts runs the built
 * program itself, as a user's shell does, for the cases that prove the bin works as a program.
 */
import * as fs from "fs";
import * as path from "path";
import { HCL_FILE_HEADER } from "../lib/app";
import { run } from "../lib/cli/main";
import { runCliInProcess } from "./support/cli-in-process";
import { CommandResult } from "./support/commands";
import { makeTempDir, REPO_ROOT } from "./support/paths";

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
  it.each([[["--help"]], [["synth", "--help"]], [["module", "--help"]], [["schema", "--help"]], [["hcl", "--help"]], [["help", "synth"]]])(
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
      "hcl without a stack",
      ["hcl"],
      "error: missing required argument 'stack'\nRun \"mediaconvert-role-cdktf hcl --help\" for the usage.\n",
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

  it("prints to the context it is given and returns the exit code, leaving the process's exit code, stdout and stderr alone", async () => {
    // GIVEN a context of the test's own
    const out: string[] = [];
    const err: string[] = [];
    const context = { cwd: tmp, env: {}, out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
    const write = jest.spyOn(process.stdout, "write");
    const writeErr = jest.spyOn(process.stderr, "write");
    process.exitCode = undefined;
    try {
      // WHEN a command fails and another prints
      const failed = await run(["hcl", "missing"], context);
      const printed = await run(["schema"], context);
      // THEN
      expect([failed, printed]).toEqual([1, 0]);
      expect(err).toEqual([
        "Hcl failed: 1 problem; nothing was written.",
        'Stack "missing" does not exist. Give a stack directory of a synth output (such as cdktf.out/stacks/<stack>) or the path of its cdk.tf.json.',
      ]);
      expect(out.join("\n")).toBe(fs.readFileSync(path.join(REPO_ROOT, "mediaconvert.config.schema.json"), "utf8").replace(/\n$/, ""));
      expect(process.exitCode).toBeUndefined();
      expect([write.mock.calls, writeErr.mock.calls]).toEqual([[], []]);
    } finally {
      write.mockRestore();
      writeErr.mockRestore();
    }
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
      stdout: "prod: wrote out/stacks/prod/cdk.tf.json, permissions.md, deployer-policy.json and resource-policies.json (eu-west-1; roles: MediaConvert_Prod) from configs/prod.json\n",
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
      "media: wrote ../cdktf.out/stacks/media/cdk.tf.json, permissions.md, deployer-policy.json and resource-policies.json (eu-west-1; roles: MediaConvert_Default_Role) from ../mediaconvert.config.json\n",
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

describe("mediaconvert-role-cdktf hcl", () => {
  const STACK = {
    "//": { metadata: { backend: "local", stackName: "media", version: "0.21.0" } },
    terraform: { required_providers: { aws: { source: "aws", version: "5.100.0" } }, backend: { local: { path: "../../../terraform.media.tfstate" } } },
    provider: { aws: [{ region: "eu-west-1", default_tags: [{ tags: { team: "video" } }] }] },
    resource: { aws_iam_role: { transcoder: { name: "Transcoder", assume_role_policy: '{"Version":"2012-10-17","Statement":[]}', tags: { team: "video" } } } },
    output: { role_arn: { value: "${aws_iam_role.transcoder.arn}" } },
  };
  /** A synth output as cdktf writes it: manifest.json and stacks/<stack>/cdk.tf.json. */
  const synthOutput = (stack: object = STACK, name = "media") => {
    write("cdktf.out/manifest.json", JSON.stringify({ version: "0.21.0", stacks: { [name]: { synthesizedStackPath: `stacks/${name}/cdk.tf.json` } } }));
    write(`cdktf.out/stacks/${name}/cdk.tf.json`, JSON.stringify(stack, null, 2));
  };
  const stackDir = path.join("cdktf.out", "stacks", "media");

  it("writes a stack as .tf files into hcl/<stack> next to the synth output, each file marked as its output, the local state path rebased", async () => {
    // GIVEN a stack whose local backend keeps its state at the project root (as synth writes it)
    synthOutput();
    // WHEN
    const result = await cli(["hcl", stackDir]);
    // THEN
    expect(result).toEqual({
      exitCode: 0,
      stdout:
        `hcl: wrote ${path.join("hcl", "media")} (main.tf, outputs.tf, versions.tf) from ${path.join(stackDir, "cdk.tf.json")}\n` +
        'hcl: the local backend\'s path "../../../terraform.media.tfstate" is written as "../../terraform.media.tfstate", the same file from the new directory.\n',
      stderr: "",
    });
    expect(fs.readFileSync(path.join(tmp, "hcl", "media", "versions.tf"), "utf8")).toContain('  backend "local" {\n    path = "../../terraform.media.tfstate"\n  }\n');
    const main = fs.readFileSync(path.join(tmp, "hcl", "media", "main.tf"), "utf8");
    expect(main).toBe(
      [
        HCL_FILE_HEADER,
        "",
        'provider "aws" {',
        '  region = "eu-west-1"',
        "",
        "  default_tags {",
        "    tags = {",
        '      team = "video"',
        "    }",
        "  }",
        "}",
        "",
        'resource "aws_iam_role" "transcoder" {',
        '  name = "Transcoder"',
        "  assume_role_policy = jsonencode({",
        '    Version   = "2012-10-17"',
        "    Statement = []",
        "  })",
        "  tags = {",
        '    team = "video"',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("writes again over its own earlier output, keeping Terraform's files there and dropping a .tf file it no longer writes", async () => {
    // GIVEN an earlier output, initialized and applied there, with a file a newer stack no longer needs
    synthOutput();
    await cli(["hcl", stackDir, "--out", "infra"]);
    write("infra/variables.tf", `${HCL_FILE_HEADER}\n\nvariable "gone" {}\n`);
    write("infra/.terraform/terraform.tfstate", "{}");
    write("infra/.terraform.lock.hcl", "# lock\n");
    write("infra/terraform.tfstate", '{"version": 4}');
    write("infra/terraform.media.tfstate.backup", "{}");
    // WHEN
    const result = await cli(["hcl", stackDir, "--out", "infra"]);
    // THEN
    expect(result.exitCode).toBe(0);
    expect(fs.readdirSync(path.join(tmp, "infra")).sort()).toEqual([".terraform", ".terraform.lock.hcl", "main.tf", "outputs.tf", "terraform.media.tfstate.backup", "terraform.tfstate", "versions.tf"]);
    expect(fs.readFileSync(path.join(tmp, "infra", "terraform.tfstate"), "utf8")).toBe('{"version": 4}');
    expect(fs.readdirSync(tmp).sort()).toEqual(["cdktf.out", "infra"]);
  });

  it.each<[string, (dir: string) => void, string[], string]>([
    ["a path that does not exist", () => undefined, ["hcl", "cdktf.out/stacks/medai"], 'Stack "cdktf.out/stacks/medai" does not exist. Give a stack directory of a synth output (such as cdktf.out/stacks/<stack>) or the path of its cdk.tf.json.'],
    ["the synth output instead of a stack", () => synthOutput(), ["hcl", "cdktf.out"], `"cdktf.out" is a synth output, not a stack: give one of its stacks: ${path.join("cdktf.out", "stacks", "media")}.`],
    ["a directory without cdk.tf.json", () => write("src/app.ts", ""), ["hcl", "src"], '"src" holds no cdk.tf.json, so it is not a stack directory. Give a stack directory of a synth output (such as cdktf.out/stacks/<stack>) or the path of a cdk.tf.json.'],
    ["a stack synthesized as HCL", () => write("out/stacks/media/cdk.tf", ""), ["hcl", "out/stacks/media"], '"out/stacks/media" holds cdk.tf, a stack synthesized as HCL already (synth --hcl). The hcl command reads Terraform JSON: synthesize without --hcl, then give the stack directory.'],
    ["the manifest", () => synthOutput(), ["hcl", "cdktf.out/manifest.json"], '"cdktf.out/manifest.json" is not a synthesized stack: expected a Terraform JSON configuration (an object of top-level blocks such as terraform, provider, resource, output), but it has "version", "stacks". Give a stack\'s cdk.tf.json as synth wrote it (cdktf.out/stacks/<stack>/cdk.tf.json).'],
    ["invalid JSON", () => write("stack/cdk.tf.json", '{\n  "resource": {\n    "aws_iam_role": }\n}\n'), ["hcl", "stack"], `Stack file "${path.join("stack", "cdk.tf.json")}" is not valid JSON at line 3, column 21: Unexpected token '}'. Give a stack's cdk.tf.json as synth wrote it (cdktf.out/stacks/<stack>/cdk.tf.json).`],
    ["an output inside the synth output", () => synthOutput(), ["hcl", "cdktf.out/stacks/media", "--out", "cdktf.out/hcl"], `Output directory "cdktf.out/hcl" (--out) is inside the synth output "cdktf.out", which the next synth replaces whole. Give a directory outside it, such as ${path.join("hcl", "media")}.`],
    ["an output holding files it did not write", () => (synthOutput(), write("infra/backend.tf", 'terraform {}\n')), ["hcl", "cdktf.out/stacks/media", "--out", "infra"], 'Output directory "infra" (--out) holds "backend.tf", which hcl did not write: each run replaces the directory whole, so it must be new, empty, or an earlier output of hcl. Give another directory.'],
    ["a missing --schema file", () => synthOutput(), ["hcl", "cdktf.out/stacks/media", "--schema", "schema.json"], 'Provider schema file "schema.json" cannot be read (ENOENT). Run terraform init, then terraform providers schema -json > schema.json, where the stack is, and give that file.'],
    ["a --schema file that is no provider schema", () => (synthOutput(), write("schema.json", '{"format_version": "1.0"}')), ["hcl", "cdktf.out/stacks/media", "--schema", "schema.json"], 'Provider schema file "schema.json" is not the output of terraform providers schema -json: it has no "provider_schemas" object. Run terraform init, then terraform providers schema -json > schema.json, where the stack is, and give that file.'],
    [
      "a resource of another provider with an object, without --schema",
      () => synthOutput({ ...STACK, resource: { random_pet: { name: { keepers: { role: "x" } } } } }),
      ["hcl", "cdktf.out/stacks/media"],
      `${path.join("cdktf.out", "stacks", "media", "cdk.tf.json")}: Cannot render random_pet.name.keepers as HCL: "keepers" holds an object, which may be a nested block or an argument (HCL writes them differently), and the resource type "random_pet" is not in the schemas the renderer knows (the AWS provider 5.100.0 and Terraform's built-in provider). Give it the provider's schema: the output of terraform providers schema -json, run after terraform init where the configuration is (the hcl command's --schema <file>).`,
    ],
  ])("exits 1 on %s, naming the value, the rule and the fix, and writes nothing", async (_what, prepare, args, message) => {
    // GIVEN
    prepare(tmp);
    const before = snapshot(tmp);
    // WHEN
    const result = await cli(args);
    // THEN
    expect(result).toEqual({ exitCode: 1, stdout: "", stderr: `Hcl failed: 1 problem; nothing was written.\n${message}\n` });
    expect(snapshot(tmp)).toEqual(before);
  });

  it("says that cdktf assets in the stack directory are not copied (the configuration refers to them by relative paths)", async () => {
    // GIVEN a stack with an asset, and an absolute state path (nothing to rebase)
    synthOutput({ ...STACK, terraform: { backend: { local: { path: "/var/state/media.tfstate" } } } });
    write("cdktf.out/stacks/media/assets/lambda/archive.zip", "zip");
    // WHEN
    const result = await cli(["hcl", stackDir]);
    // THEN
    expect(result.stdout.split("\n").slice(1)).toEqual([
      `hcl: "${path.join(stackDir, "assets")}" (cdktf assets) is not copied: the configuration refers to it by relative paths, so copy it next to the .tf files before running Terraform there.`,
      "",
    ]);
  });

  it("takes the blocks of another provider's resources from --schema", async () => {
    // GIVEN a stack with a random_pet whose keepers is a map, and that provider's schema
    synthOutput({ ...STACK, resource: { random_pet: { name: { keepers: { role: "x" } } } } });
    write("schema.json", JSON.stringify({ format_version: "1.0", provider_schemas: { "registry.terraform.io/hashicorp/random": { resource_schemas: { random_pet: { block: { attributes: { keepers: {} } } } } } } }));
    // WHEN
    const result = await cli(["hcl", "cdktf.out/stacks/media/cdk.tf.json", "--schema", "schema.json"]);
    // THEN
    expect(result.exitCode).toBe(0);
    expect(fs.readFileSync(path.join(tmp, "hcl", "media", "main.tf"), "utf8")).toContain('resource "random_pet" "name" {\n  keepers = {\n    role = "x"\n  }\n}\n');
  });
});
