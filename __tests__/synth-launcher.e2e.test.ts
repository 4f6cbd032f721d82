/**
 * bin/synth.js, the `app` of cdktf.json and of `npm run synth`: it builds with `tsc -b` (which
 * compiles nothing when no source changed since its last build, and only what changed otherwise),
 * then runs the compiled app, so a synth never runs stale code, nor code that does not compile.
 * Each case runs in its own directory (node_modules linked), never in the repository:
 *
 * - a copy of the project (timestamps kept), whose dist/ the jest global setup built from the
 *   same sources: the launcher must run it as it is;
 * - a tiny project (support/tiny-project.ts) that the launcher (bin/, copied) builds: an app of
 *   two files that writes a stack the way the real app does. What the launcher does on an edit or
 *   a type error does not depend on the app, and compiling the real one (cdktf, the provider
 *   bindings, the AWS SDK) costs seconds of CPU per case.
 */
import * as fs from "fs";
import * as path from "path";
import { runCommand } from "./support/commands";
import { makeTempDir, REPO_ROOT } from "./support/paths";
import { tinyProject } from "./support/tiny-project";

const TIMEOUT_MS = 120_000;

/** What the launcher and the app are built from; dist/ comes along so the first run is current. */
const COPIED = ["bin", "dist", "lib", "main.ts", "tsconfig.json", "tsconfig.build.json", "package.json", "cdktf.json"];

/** The tiny project's sources: a rule file and an app that writes one stack with one role. */
const TINY_RULES = 'export const DEFAULT_ROLE_NAME = "MediaConvert_Default_Role";\n';
const TINY_MAIN = `import { DEFAULT_ROLE_NAME } from "./lib/core/rules";

const fs = require("fs");
const path = require("path");
const dir = path.join(process.env.CDKTF_OUTDIR ?? "cdktf.out", "stacks", "mediaconvert");
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "cdk.tf.json"), \`{"resource":{"aws_iam_role":{"role":{"name":"\${DEFAULT_ROLE_NAME}"}}}}\`);
`;

/** A copy of the project, node_modules linked. */
function projectCopy(): string {
  const dir = makeTempDir("mediaconvert-launcher");
  for (const entry of COPIED) fs.cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true, preserveTimestamps: true });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Runs the launcher in `dir`; exit codes other than `okExitCodes` reject. */
function launch(dir: string, okExitCodes: number[] = [0]) {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: path.join(dir, "cdktf.out") };
  delete env.MEDIACONVERT_CONFIG;
  delete env.AWS_REGION;
  return runCommand(process.execPath, [path.join(dir, "bin", "synth.js")], { cwd: dir, env, timeoutMs: TIMEOUT_MS, okExitCodes });
}

/** Runs the launcher in `dir` with `args`. */
function launchWith(dir: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: path.join(dir, "cdktf.out") };
  delete env.MEDIACONVERT_CONFIG;
  delete env.AWS_REGION;
  return runCommand(process.execPath, [path.join(dir, "bin", "synth.js"), ...args], { cwd: dir, env, timeoutMs: TIMEOUT_MS });
}

async function synth(dir: string): Promise<{ roleName: string; stdout: string }> {
  const { stdout } = await launch(dir);
  const tf = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "mediaconvert", "cdk.tf.json"), "utf8"));
  const roles = Object.values(tf.resource.aws_iam_role) as { name: string }[];
  return { roleName: roles[0].name, stdout };
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("bin/synth.js", () => {
  it("runs the compiled app without compiling when no source changed", async () => {
    // GIVEN a copy of the project whose dist/ was built from its sources
    const dir = projectCopy();
    dirs.push(dir);
    const written = [path.join(dir, "dist", "main.js"), path.join(dir, "dist", ".tsbuildinfo")];
    const before = written.map((file) => fs.statSync(file).mtimeMs);
    // WHEN it synthesizes twice
    const first = await synth(dir);
    const second = await synth(dir);
    // THEN the output is the default role, and tsc wrote nothing (neither code nor its build info)
    expect(first.roleName).toBe("MediaConvert_Default_Role");
    expect(second.roleName).toBe("MediaConvert_Default_Role");
    expect(written.map((file) => fs.statSync(file).mtimeMs)).toEqual(before);
  });

  it("with --generated, compares the generated files once per build, and again when one of them changed, restoring it", async () => {
    // GIVEN a copy of the project with its generated files
    const dir = projectCopy();
    dirs.push(dir);
    for (const entry of ["modules", "docs", "mediaconvert.config.schema.json"]) fs.cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
    const generated = (args: string[] = []) => launchWith(dir, ["--generated", ...args]);
    const variables = path.join(dir, "modules", "mediaconvert-role", "variables.tf");
    const committed = fs.readFileSync(variables, "utf8");
    // WHEN it synthesizes three times, with a generated file edited before the third
    const first = await generated();
    const stamp = fs.statSync(path.join(dir, "dist", ".generated")).mtimeMs;
    const second = await generated();
    const stampAfterSecond = fs.statSync(path.join(dir, "dist", ".generated")).mtimeMs;
    fs.writeFileSync(variables, `${committed}# edited by hand\n`);
    const third = await generated();
    // THEN each says the files are current (or wrote them), the second without comparing them again, the third restored the edit
    const current = "generated: the module, the config schema, the props interface and the docs' tables are current";
    expect([first.stdout, second.stdout].map((out) => out.trim().split("\n").pop())).toEqual([current, current]);
    expect(stampAfterSecond).toBe(stamp);
    expect(third.stdout.trim().split("\n").pop()).toBe("generated: wrote the module, the config schema, the props interface and the docs' tables");
    expect(fs.readFileSync(variables, "utf8")).toBe(committed);
  });

  describe("in a project it builds itself", () => {
    let dir: string;
    beforeAll(() => {
      dir = tinyProject("mediaconvert-launcher-tiny", { "main.ts": TINY_MAIN, "lib/core/rules.ts": TINY_RULES }, ["synth.js", "compile.js"]);
      dirs.push(dir);
    });

    it("compiles first when a source changed, so the next synth reflects the edit", async () => {
      // GIVEN a first synth (which compiles: there is no dist/ yet), then an edit of the default role name
      expect((await synth(dir)).roleName).toBe("MediaConvert_Default_Role");
      const compiled = path.join(dir, "dist", "lib", "core", "rules.js");
      expect(fs.readFileSync(compiled, "utf8")).toContain('"MediaConvert_Default_Role"');
      const rules = path.join(dir, "lib", "core", "rules.ts");
      fs.writeFileSync(rules, fs.readFileSync(rules, "utf8").replace('"MediaConvert_Default_Role";', '"MediaConvert_Edited_Role";'));
      // WHEN it synthesizes
      const { roleName } = await synth(dir);
      // THEN the new code ran, compiled into dist/
      expect(roleName).toBe("MediaConvert_Edited_Role");
      expect(fs.readFileSync(compiled, "utf8")).toContain('"MediaConvert_Edited_Role"');
    });

    it("refuses to run when the sources do not compile, printing tsc's errors, and writes nothing, on every run until fixed", async () => {
      // GIVEN a type error in the sources, the output of the previous synth and its compiled code
      const out = path.join(dir, "cdktf.out", "stacks", "mediaconvert", "cdk.tf.json");
      const compiled = path.join(dir, "dist", "lib", "core", "rules.js");
      const previous = { out: fs.readFileSync(out, "utf8"), compiled: fs.readFileSync(compiled, "utf8") };
      fs.appendFileSync(path.join(dir, "lib", "core", "rules.ts"), '\nexport const broken: number = "not a number";\n');
      // WHEN it synthesizes, twice
      const runs = [await launch(dir, [1]), await launch(dir, [1])];
      // THEN each run fails with tsc's diagnostic and says why; the previous output and compiled code stay
      for (const run of runs) {
        expect(run.stderr).toMatch(/^lib\/core\/rules\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'\.$/m);
        expect(run.stderr.trimEnd().split("\n").pop()).toBe("Synth failed: the TypeScript sources do not compile (errors above); nothing was written.");
        expect(run.stdout).toBe("");
      }
      expect(fs.readFileSync(out, "utf8")).toBe(previous.out);
      expect(fs.readFileSync(compiled, "utf8")).toBe(previous.compiled);
    });
  });
});
