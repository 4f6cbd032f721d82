import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Config, synthesizeConfig } from "../lib/app";
import { runCliInProcess } from "./support/cli-in-process";
import { problemsOf } from "./support/problems";
import { NAME_RULE } from "./support/messages";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const REPO_ROOT = path.resolve(__dirname, "..");

/** Two stacks: `east` with two roles, `west` with the default role. */
const CONFIG: Config = {
  stacks: [
    { name: "east", region: "us-east-1", accountId: "111122223333", roles: [{}, { roleName: "Archive.Transcoder" }] },
    { name: "west", region: "us-west-2", roles: [{ description: "West coast jobs" }] },
  ],
};

let tmp: string;
let outdir: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mediaconvert-app-"));
  outdir = path.join(tmp, "out");
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Every directory and file under `dir`: relative path -> file content, or "<dir>" for directories. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        out[`${child}/`] = "<dir>";
        walk(child);
      } else {
        out[child] = fs.readFileSync(path.join(dir, child), "utf8");
      }
    }
  };
  walk("");
  return out;
}

function stackFile(name: string): string {
  return path.join(outdir, "stacks", name, "cdk.tf.json");
}

/** Puts what `terraform init` / `apply` leave in a stack's directory. */
function addTerraformWorkingFiles(stack: string): Record<string, string> {
  const dir = path.join(outdir, "stacks", stack);
  const files = {
    ".terraform/providers/registry.terraform.io/hashicorp/aws/5.100.0/marker": "provider binary stand-in",
    ".terraform/terraform.tfstate": '{"version": 3}',
    ".terraform.lock.hcl": '# This file is maintained automatically by "terraform init".\n',
  };
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return files;
}


// ---------------------------------------------------------------------------------------------
// synthesizeConfig (in-process)
// ---------------------------------------------------------------------------------------------

describe("synthesizeConfig", () => {
  it("writes each stack to <outdir>/stacks/<name>/cdk.tf.json and says what it wrote", () => {
    // GIVEN / WHEN
    const summaries = synthesizeConfig(CONFIG, outdir);
    // THEN
    expect(summaries.map(({ name, region, roleNames, file }) => ({ name, region, roleNames, file }))).toEqual([
      { name: "east", region: "us-east-1", roleNames: ["MediaConvert_Default_Role", "Archive.Transcoder"], file: stackFile("east") },
      { name: "west", region: "us-west-2", roleNames: ["MediaConvert_Default_Role"], file: stackFile("west") },
    ]);
    const east = JSON.parse(fs.readFileSync(stackFile("east"), "utf8"));
    const west = JSON.parse(fs.readFileSync(stackFile("west"), "utf8"));
    expect(Object.keys(east.resource.aws_iam_role).sort()).toEqual(["archive_transcoder", "mediaconvert_default_role"]);
    expect(west.resource.aws_iam_role.mediaconvert_default_role.description).toBe("West coast jobs");
    expect(west.provider.aws).toEqual([expect.objectContaining({ region: "us-west-2" })]);
  });

  it("writes the same bytes on every run", () => {
    // GIVEN
    synthesizeConfig(CONFIG, outdir);
    const first = tree(outdir);
    // WHEN
    synthesizeConfig(CONFIG, outdir);
    // THEN
    expect(tree(outdir)).toEqual(first);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(["stacks/east/cdk.tf.json", "stacks/west/cdk.tf.json"]));
  });

  it("writes the same stack files into another output directory at the same depth", () => {
    // GIVEN
    synthesizeConfig(CONFIG, outdir);
    const other = path.join(tmp, "other");
    // WHEN
    synthesizeConfig(CONFIG, other);
    // THEN
    for (const stack of ["east", "west"]) {
      const rel = path.join("stacks", stack, "cdk.tf.json");
      expect(fs.readFileSync(path.join(other, rel), "utf8")).toBe(fs.readFileSync(path.join(outdir, rel), "utf8"));
    }
  });

  it("keeps the files Terraform put in a stack's directory when it synthesizes again", () => {
    // GIVEN
    synthesizeConfig(CONFIG, outdir);
    const working = addTerraformWorkingFiles("east");
    const changed: Config = { stacks: [{ ...CONFIG.stacks[0], roles: [{ roleName: "Renamed" }] }, CONFIG.stacks[1]] };
    // WHEN
    synthesizeConfig(changed, outdir);
    // THEN
    for (const [rel, content] of Object.entries(working)) {
      expect(fs.readFileSync(path.join(outdir, "stacks", "east", rel), "utf8")).toBe(content);
    }
    const east = JSON.parse(fs.readFileSync(stackFile("east"), "utf8"));
    expect(Object.keys(east.resource.aws_iam_role)).toEqual(["renamed"]);
  });

  it("leaves nothing but the output directory next to it", () => {
    // GIVEN
    synthesizeConfig(CONFIG, outdir);
    addTerraformWorkingFiles("west");
    // WHEN
    synthesizeConfig(CONFIG, outdir);
    // THEN
    expect(fs.readdirSync(tmp)).toEqual(["out"]);
  });

  it("leaves the previous output exactly as it was when a role breaks a rule", () => {
    // GIVEN
    synthesizeConfig(CONFIG, outdir);
    addTerraformWorkingFiles("east");
    const before = tree(outdir);
    const broken: Config = { stacks: [CONFIG.stacks[0], { ...CONFIG.stacks[1], roles: [{ roleName: "Media Convert" }] }] };
    // WHEN
    const problems = problemsOf(() => synthesizeConfig(broken, outdir));
    // THEN
    expect(problems).toEqual([`Role name "Media Convert" is not valid: ${NAME_RULE}. Remove the space.`]);
    expect(tree(outdir)).toEqual(before);
    expect(fs.readdirSync(tmp)).toEqual(["out"]);
  });

  it("reports a case-only name clash between stacks of one account and leaves the previous output as it was", () => {
    // GIVEN
    synthesizeConfig(CONFIG, outdir);
    const before = tree(outdir);
    const clashing: Config = {
      stacks: [
        { name: "east", region: "us-east-1", accountId: "111122223333", roles: [{ roleName: "Shared" }] },
        { name: "west", region: "us-west-2", accountId: "111122223333", roles: [{ roleName: "SHARED" }] },
      ],
    };
    // WHEN
    const problems = problemsOf(() => synthesizeConfig(clashing, outdir));
    // THEN
    expect(problems).toEqual([
      'west: Role name "SHARED" clashes with role "Shared" in stack "east" (same account): IAM role names are unique per account and not case-sensitive. Rename one of them.',
    ]);
    expect(tree(outdir)).toEqual(before);
    expect(fs.readdirSync(tmp)).toEqual(["out"]);
  });

  it("creates no output directory when the first synth fails", () => {
    // GIVEN
    const broken: Config = { stacks: [{ name: "media", region: "us-east-1", roles: [{ description: "“quoted”" }] }] };
    // WHEN
    const problems = problemsOf(() => synthesizeConfig(broken, outdir));
    // THEN
    expect(problems).toHaveLength(1);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The CLI's synth as `npm run synth` and `cdktf synth` run it: bin/synth.js runs main.ts, which
// calls `run(["synth"])` of lib/cli/main.ts when given no arguments; that call runs here
// in-process. The built program itself runs in cli.e2e.test.ts and synth-launcher.e2e.test.ts.
// ---------------------------------------------------------------------------------------------

describe("synth as bin/synth.js runs it", () => {
  /** Runs the CLI's synth with `config` written to <tmp>/config.json (a string is written as is). */
  async function synthCli(config: unknown): Promise<{ status: number; stdout: string; stderr: string; configFile: string }> {
    const configFile = path.join(tmp, "config.json");
    fs.writeFileSync(configFile, typeof config === "string" ? config : JSON.stringify(config, null, 2));
    const result = await runCliInProcess(["synth"], { cwd: REPO_ROOT, env: { CDKTF_OUTDIR: outdir, MEDIACONVERT_CONFIG: configFile } });
    return { status: result.exitCode, stdout: result.stdout, stderr: result.stderr, configFile };
  }

  const lines = (text: string): string[] => text.split("\n").filter((line) => line !== "");

  it("synthesizes every stack, prints one line per stack, and gives the same bytes and keeps Terraform's files on a re-run", async () => {
    // GIVEN
    const first = await synthCli(CONFIG);
    // THEN (first run)
    expect(first.status).toBe(0);
    expect(first.stderr).not.toMatch(/Synth failed/);
    const printed = lines(first.stdout);
    expect(printed).toHaveLength(2);
    const expectations: [string, string[]][] = [
      ["east", ["MediaConvert_Default_Role", "Archive.Transcoder"]],
      ["west", ["MediaConvert_Default_Role"]],
    ];
    expectations.forEach(([stack, roles], i) => {
      expect(printed[i].startsWith(`${stack}: `)).toBe(true);
      expect(printed[i]).toContain(stackFile(stack));
      for (const role of roles) expect(printed[i]).toContain(role);
    });
    expect(fs.existsSync(stackFile("east"))).toBe(true);
    expect(fs.existsSync(stackFile("west"))).toBe(true);

    // GIVEN (terraform init ran in a stack directory)
    const working = addTerraformWorkingFiles("west");
    const before = tree(outdir);
    // WHEN
    const second = await synthCli(CONFIG);
    // THEN
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(tree(outdir)).toEqual(before);
    for (const rel of Object.keys(working)) expect(before).toHaveProperty([path.join("stacks", "west", rel)]);
    expect(fs.readdirSync(tmp).sort()).toEqual(["config.json", "out"]);
  });

  it("fails on a bad config with every problem, file and JSON path, no stack trace, and the previous output untouched", async () => {
    // GIVEN (a previous synth)
    synthesizeConfig(CONFIG, outdir);
    addTerraformWorkingFiles("east");
    const before = tree(outdir);
    const bad = {
      stacks: [
        { name: "east", regoin: "us-east-1", roles: [{ roleName: "Media Convert" }] },
        { name: "east", region: "us-east-1", roles: [] },
      ],
    };
    // WHEN
    const { status, stdout, stderr, configFile } = await synthCli(bad);
    // THEN
    expect(status).not.toBe(0);
    expect(stdout).toBe("");
    const [headline, ...problems] = lines(stderr);
    expect(headline).toBe(`Synth failed: 4 problems in ${configFile}; nothing was written.`);
    expect(problems.sort()).toEqual(
      [
        `${configFile}: stacks[0].regoin: unknown key "regoin". Did you mean "region"?`,
        `${configFile}: stacks[0].roles[0].roleName: Role name "Media Convert" is not valid: ${NAME_RULE}. Remove the space.`,
        `${configFile}: stacks[1].roles: is empty: add at least one role ({} is the console's default role).`,
        `${configFile}: stacks[1].name: stack name "east" is already used by stacks[0]: each stack needs its own output directory. Rename one of them.`,
      ].sort(),
    );
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(tree(outdir)).toEqual(before);
    expect(fs.readdirSync(tmp).sort()).toEqual(["config.json", "out"]);
  });

  it("fails on a config file that is not JSON, naming the file, without writing anything", async () => {
    // GIVEN
    const notJson = '{"stacks": [{"name": "media", "roles": [{}],}]}';
    // WHEN
    const { status, stdout, stderr, configFile } = await synthCli(notJson);
    // THEN
    expect(status).not.toBe(0);
    expect(stdout).toBe("");
    const [headline, problem, ...rest] = lines(stderr);
    expect(headline).toBe(`Synth failed: 1 problem in ${configFile}; nothing was written.`);
    expect(problem).toMatch(new RegExp(`^${configFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: the file is not valid JSON( at line \\d+, column \\d+)?: .+ Fix the syntax`));
    expect(rest).toEqual([]);
    expect(fs.readdirSync(tmp)).toEqual(["config.json"]);
  });
});
