/**
 * bin/synth.js, the `app` of cdktf.json and of `npm run synth`: it runs the compiled app without
 * type-checking when nothing changed, and compiles first when a source changed, so a synth never
 * runs stale code. Each case runs in its own copy of the project (node_modules linked), never in
 * the repository.
 */
import * as fs from "fs";
import * as path from "path";
import { makeTempDir, REPO_ROOT, runCommand } from "./support/terraform";

const TIMEOUT_MS = 120_000;

/** What the launcher and the app are built from; dist/ comes along so the first run is current. */
const COPIED = ["bin", "dist", "lib", "main.ts", "tsconfig.json", "tsconfig.build.json", "package.json", "cdktf.json"];

function projectCopy(): string {
  const dir = makeTempDir("mediaconvert-launcher");
  for (const entry of COPIED) fs.cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

async function synth(dir: string): Promise<{ roleName: string; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: path.join(dir, "cdktf.out") };
  delete env.MEDIACONVERT_CONFIG;
  delete env.AWS_REGION;
  const { stdout } = await runCommand(process.execPath, [path.join(dir, "bin", "synth.js")], { cwd: dir, env, timeoutMs: TIMEOUT_MS });
  const tf = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "mediaconvert", "cdk.tf.json"), "utf8"));
  const roles = Object.values(tf.resource.aws_iam_role) as { name: string }[];
  return { roleName: roles[0].name, stdout };
}

describe("bin/synth.js", () => {
  let dir: string;

  beforeAll(() => {
    // The copy's dist/ must be current: the global setup built it from the same sources.
    dir = projectCopy();
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("runs the compiled app without compiling when no source changed", async () => {
    // GIVEN a copy whose dist/ was built from its sources
    const compiled = path.join(dir, "dist", "main.js");
    const before = fs.statSync(compiled).mtimeMs;
    // WHEN it synthesizes twice
    const first = await synth(dir);
    const second = await synth(dir);
    // THEN the output is the default role and dist/ was not rewritten
    expect(first.roleName).toBe("MediaConvert_Default_Role");
    expect(second.roleName).toBe("MediaConvert_Default_Role");
    expect(fs.statSync(compiled).mtimeMs).toBe(before);
  });

  it("compiles first when a source changed, so the next synth reflects the edit", async () => {
    // GIVEN an edit of the default role name in the copy's sources
    const rules = path.join(dir, "lib", "core", "rules.ts");
    const source = fs.readFileSync(rules, "utf8");
    expect(source).toContain('export const DEFAULT_ROLE_NAME = "MediaConvert_Default_Role";');
    fs.writeFileSync(rules, source.replace('"MediaConvert_Default_Role";', '"MediaConvert_Edited_Role";'));
    // WHEN it synthesizes
    const { roleName } = await synth(dir);
    // THEN the new code ran
    expect(roleName).toBe("MediaConvert_Edited_Role");
  });

  it("refuses to run when the sources do not compile, and writes nothing", async () => {
    // GIVEN a type error in the copy's sources and the output of the previous synth
    const out = path.join(dir, "cdktf.out", "stacks", "mediaconvert", "cdk.tf.json");
    const previous = fs.readFileSync(out, "utf8");
    fs.appendFileSync(path.join(dir, "lib", "rules.ts"), "\nexport const broken: number = \"not a number\";\n");
    // WHEN it synthesizes
    const run = synth(dir);
    // THEN it fails, saying why, and the previous output stays
    await expect(run).rejects.toThrow(/the TypeScript sources do not compile \(errors above\); nothing was written/);
    expect(fs.readFileSync(out, "utf8")).toBe(previous);
  });
});
