/**
 * Synth run inside someone else's cdktf project: it writes only into a directory that is new,
 * empty, or its own earlier output (marked by `.mediaconvert-role.json`), so it never takes over
 * the project's own `cdktf.out` (or the folder given with --out), and never deletes a stack
 * directory it did not write. And where it runs from does not change what it writes: the local
 * state path is anchored at the config file's directory, so synthesizing from another folder
 * gives byte-identical JSON. The command line in-process, one temporary project per test.
 */
import * as fs from "fs";
import * as path from "path";
import { runCliInProcess } from "./support/cli-in-process";
import { makeTempDir } from "./support/paths";

const CONFIG = { stacks: [{ name: "media", region: "us-east-1", accountId: "111122223333", roles: [{}] }] };

let project: string;
beforeEach(() => {
  // A cdktf project of the user's: cdktf.json at its root
  project = makeTempDir("mediaconvert-synth-output");
  write("cdktf.json", `${JSON.stringify({ language: "typescript", app: "npx ts-node main.ts" })}\n`);
});
afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

function write(name: string, content: string): void {
  const file = path.join(project, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** Every file under `dir` with its content. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[path.relative(dir, path.join(entry.parentPath, entry.name))] = fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8");
  }
  return files;
}

/** The output of the project's own app, as cdktf synth writes it: manifest.json and its stack. */
function cdktfOutput(dir: string): void {
  write(`${dir}/manifest.json`, `${JSON.stringify({ version: "0.21.0", outdir: dir, stacks: { platform: { name: "platform", synthesizedStackPath: "stacks/platform/cdk.tf.json" } } })}\n`);
  write(`${dir}/stacks/platform/cdk.tf.json`, '{"resource": {"aws_s3_bucket": {"media": {"bucket": "media"}}}}\n');
}

describe("synth in a cdktf project of the user's", () => {
  it.each([
    ["the project's cdktf.out, by default", [], "cdktf.out", '"cdktf.out" (the default)'],
    ["the project's output folder given with --out", ["--out", "appout"], "appout", '"appout" (--out)'],
  ])("refuses %s, holding the project's own stacks, and leaves it byte-identical", async (_what, args, dir, shown) => {
    // GIVEN the project's own synthesized app in that folder, and a config
    cdktfOutput(dir);
    write("mediaconvert.config.json", JSON.stringify(CONFIG));
    const before = snapshot(path.join(project, dir));
    // WHEN synth runs at the project's root
    const result = await runCliInProcess(["synth", ...args], { cwd: project });
    // THEN it refuses, names the file it did not write, and changes nothing
    expect(result).toEqual({
      exitCode: 1,
      stdout: "",
      stderr:
        "Synth failed: 1 problem; nothing was written.\n" +
        `Output directory ${shown} holds "manifest.json", which synth did not write: each run replaces the directory whole, so it must be new, empty, or an earlier output of synth. Give another directory.\n`,
    });
    expect(snapshot(path.join(project, dir))).toEqual(before);
  });

  it("keeps a stack directory it did not write in its own output, and does not report it as removed", async () => {
    // GIVEN synth's own output, into whose stacks/ the project's app also synthesized a stack
    write("mediaconvert.config.json", JSON.stringify(CONFIG));
    expect((await runCliInProcess(["synth"], { cwd: project })).exitCode).toBe(0);
    write("cdktf.out/stacks/platform/cdk.tf.json", '{"resource": {}}\n');
    const theirs = snapshot(path.join(project, "cdktf.out", "stacks", "platform"));
    // WHEN synth runs again
    const result = await runCliInProcess(["synth"], { cwd: project });
    // THEN it rewrites its own stack, leaves the other one as it was, and warns of nothing
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe("");
    expect(snapshot(path.join(project, "cdktf.out", "stacks", "platform"))).toEqual(theirs);
    expect(fs.readdirSync(path.join(project, "cdktf.out", "stacks")).sort()).toEqual(["media", "platform"]);
  });
});

describe("where synth writes from a subfolder of the project", () => {
  it("writes the project root's cdktf.out by default, as cdktf does", async () => {
    // GIVEN a project with its config at the root, and a subfolder
    write("mediaconvert.config.json", JSON.stringify(CONFIG));
    fs.mkdirSync(path.join(project, "scripts"));
    // WHEN synth runs in the subfolder without --out
    const result = await runCliInProcess(["synth"], { cwd: path.join(project, "scripts") });
    // THEN the stack is in <project>/cdktf.out, and the subfolder holds nothing new
    expect(result.exitCode).toBe(0);
    expect(result.stdout.startsWith(`media: wrote ${path.join("..", "cdktf.out", "stacks", "media", "cdk.tf.json")}, `)).toBe(true);
    expect(fs.existsSync(path.join(project, "cdktf.out", "stacks", "media", "cdk.tf.json"))).toBe(true);
    expect(fs.readdirSync(path.join(project, "scripts"))).toEqual([]);
  });

  it.each([
    ["the project's mediaconvert.config.json", "mediaconvert.config.json", [], [], "../../../terraform.media.tfstate"],
    ["a config in a folder of its own", "config/media.json", ["--config", "config/media.json"], ["--config", "../config/media.json"], "../../../config/terraform.media.tfstate"],
  ])("keeps the local state path the same, with / separators, as at the project's root (%s)", async (_what, file, fromRoot, fromSub, statePath) => {
    // GIVEN a project with a config (local state, the default), and a subfolder
    write(file, JSON.stringify(CONFIG));
    fs.mkdirSync(path.join(project, "scripts"));
    const stackJson = () => fs.readFileSync(path.join(project, "out", "stacks", "media", "cdk.tf.json"), "utf8");
    // WHEN synth writes the same output directory from the root, then from the subfolder
    const atRoot = await runCliInProcess(["synth", "--out", "out", ...fromRoot], { cwd: project });
    const rootJson = stackJson();
    const inSub = await runCliInProcess(["synth", "--out", "../out", ...fromSub], { cwd: path.join(project, "scripts") });
    // THEN both runs write byte-identical JSON, whose state file sits next to the config
    expect([atRoot.exitCode, inSub.exitCode]).toEqual([0, 0]);
    expect(stackJson()).toBe(rootJson);
    expect((JSON.parse(rootJson) as { terraform: { backend: unknown } }).terraform.backend).toEqual({ local: { path: statePath } });
  });
});
