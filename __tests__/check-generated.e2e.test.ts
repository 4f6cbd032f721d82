/**
 * `npm run check:generated` (bin/check-generated.js): passes on the repository as committed, and
 * fails with a readable diff naming each stale file when a generated file differs.
 *
 * The failure cases never touch the repository: each runs the script in its own copy of the
 * parts it needs (bin/, dist/, the sources dist/ was built from, timestamps kept, so `tsc -b`
 * finds dist/ current and no rebuild happens, and the project files), with node_modules linked, the generated files written fresh and `git init`
 * done there. All runs start in beforeAll, in parallel.
 *
 * The run on the repository itself is CI's own step (`.ci/run` runs `npm run check:generated`
 * after `npm test`): it generates API.md with typedoc and reads the AWS provider's schema for the
 * block table when dist/ holds no cache of it, about 10 CPU-s on a clean clone, so it is not
 * repeated here.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { generatedFiles, SCHEMA_FILE } from "../lib/app/generated";
import { MODULE_DIR } from "../lib/app/generated";
import { CommandResult, runCommand } from "./support/commands";
import { makeTempDir, REPO_ROOT } from "./support/paths";

const TIMEOUT_MS = 180_000;

/** What the script and the app need: dist/ and the sources it was built from. */
const COPIED = ["bin", "dist", "lib", "main.ts", "tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json", "cdktf.json", "docs"];

const README = `${MODULE_DIR}/README.md`;
const VARIABLES = `${MODULE_DIR}/variables.tf`;
const STACK_FILES = ["cdktf.out/stacks/mediaconvert/cdk.tf.json", "cdktf.out/stacks/mediaconvert/permissions.md"];
const PERMISSIONS_FILE = STACK_FILES[1];

/** The environment of the script: none of the developer's config, region or git redirections. */
function scriptEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["MEDIACONVERT_CONFIG", "AWS_REGION", "AWS_DEFAULT_REGION", "CDKTF_OUTDIR", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]) {
    delete env[name];
  }
  return env;
}

const git = (dir: string, args: readonly string[]): string => execFileSync("git", [...args], { cwd: dir, env: scriptEnv(), encoding: "utf8" });

let workRoot: string;
let copies = 0;

/** A copy of the project whose generated files are current, in a new git repository. */
function cleanCopy(): string {
  const dir = path.join(workRoot, `repo-${++copies}`);
  fs.mkdirSync(dir);
  for (const entry of COPIED) fs.cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true, preserveTimestamps: true });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  for (const [name, content] of Object.entries(generatedFiles())) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  git(dir, ["init", "-q"]);
  return dir;
}

let appOutput: Promise<string> | undefined;

/**
 * The cdktf.out of the app (built-in default config), synthesized once by `bin/synth.js` in a
 * clean copy: every copy has the same sources, so the same output.
 */
function synthesizedApp(): Promise<string> {
  appOutput ??= (async () => {
    const dir = cleanCopy();
    await runCommand(process.execPath, [path.join(dir, "bin", "synth.js")], { cwd: dir, env: scriptEnv(), timeoutMs: TIMEOUT_MS });
    return path.join(dir, "cdktf.out");
  })();
  return appOutput;
}

/** Puts what the copy's app synthesizes into its cdktf.out and commits (tracks) `files` of it. */
async function commitStack(dir: string, files: readonly string[]): Promise<void> {
  fs.cpSync(await synthesizedApp(), path.join(dir, "cdktf.out"), { recursive: true });
  git(dir, ["add", "-f", ...files]);
}

/** Runs the script in the copy `dir`, with `tmp` as its temporary directory (TMPDIR). */
function checkGenerated(dir: string, tmp: string): Promise<CommandResult> {
  return runCommand(process.execPath, [path.join(dir, "bin", "check-generated.js")], {
    cwd: dir,
    env: { ...scriptEnv(), TMPDIR: tmp },
    okExitCodes: [0, 1],
    timeoutMs: TIMEOUT_MS,
  });
}

function edit(dir: string, file: string, change: (content: string) => string): void {
  const full = path.join(dir, file);
  fs.writeFileSync(full, change(fs.readFileSync(full, "utf8")));
}

/** The file of each `diff --git` header, relative to the copy (or to the script's fresh directory, for a deleted file). */
function filesInDiff(stdout: string, dir: string): string[] {
  const relative = (header: string): string | undefined => {
    const file = `/${header}`;
    if (file.startsWith(`${dir}/`)) return path.relative(dir, file);
    return /\/check-generated-[^/]+\/(.+)$/.exec(file)?.[1];
  };
  return [...stdout.matchAll(/^diff --git a\/(\S+) b\/(\S+)$/gm)].map((m) => relative(m[1]) ?? relative(m[2]) ?? m[0]);
}

// ---------------------------------------------------------------------------------------------
// The cases

const PURPOSE_EDIT = "An edited purpose line.";
const OUTPUTS = `${MODULE_DIR}/outputs.tf`;
const LEGACY = `${MODULE_DIR}/legacy.tf.json`;

/** One way a committed file goes stale; all of them are applied to one copy, checked in one run. */
interface StaleEdit {
  readonly file: string;
  /** Makes `file` of the clean copy in `dir` stale. */
  readonly apply: (dir: string) => void;
  /** Lines its diff must hold (`-` as committed, `+` as generated now). */
  readonly diffLines: (generated: Readonly<Record<string, string>>) => string[];
}

const STALE_EDITS: Readonly<Record<string, StaleEdit>> = {
  "a hand-edited module README": {
    file: README,
    apply: (dir) => edit(dir, README, (text) => text.replace(text.split("\n")[2], PURPOSE_EDIT)),
    diffLines: (generated) => [`-${PURPOSE_EDIT}`, `+${generated[README].split("\n")[2]}`],
  },
  "a module variable changed by hand": {
    file: VARIABLES,
    apply: (dir) => edit(dir, VARIABLES, (text) => text.replace('default     = "MediaConvert_Default_Role"', 'default     = "MediaConvert_Role"')),
    diffLines: () => ['-  default     = "MediaConvert_Role"', '+  default     = "MediaConvert_Default_Role"'],
  },
  "a stale config JSON Schema": {
    file: SCHEMA_FILE,
    apply: (dir) => edit(dir, SCHEMA_FILE, (text) => text.replace(/^\{\n/, '{\n  "$comment": "edited by hand",\n')),
    diffLines: () => ['-  "$comment": "edited by hand",'],
  },
  "a deleted module file": {
    file: OUTPUTS,
    apply: (dir) => fs.rmSync(path.join(dir, OUTPUTS)),
    diffLines: (generated) => generated[OUTPUTS].trimEnd().split("\n").map((line) => `+${line}`),
  },
  "a module file the generator no longer writes": {
    file: LEGACY,
    apply: (dir) => fs.writeFileSync(path.join(dir, LEGACY), "{}\n"),
    diffLines: () => ["-{}"],
  },
  "a committed stack edited by hand": {
    file: PERMISSIONS_FILE,
    apply: (dir) => edit(dir, PERMISSIONS_FILE, (text) => `${text}Edited by hand.\n`),
    diffLines: () => ["-Edited by hand."],
  },
};

/** The diff of each file in the script's output, by file relative to the copy. */
function diffsByFile(stdout: string, dir: string): Map<string, string[]> {
  const chunks = stdout.split(/^(?=diff --git )/m).filter((chunk) => chunk.startsWith("diff --git "));
  return new Map(chunks.map((chunk) => [filesInDiff(chunk, dir)[0], chunk.split("\n")]));
}

/** A run of the script in a copy: the copy, the script's own temporary directory, and what it printed. */
type CheckRun = Promise<{ dir: string; tmp: string; result: CommandResult }>;

let cleanRun: CheckRun;
let committedStackRun: CheckRun;
let staleRun: CheckRun;

const quiet = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(() => undefined);
  return promise;
};

/** Runs the script in a new clean copy, after `prepare`. */
const checkCopy = (prepare: (dir: string) => Promise<void>): CheckRun =>
  quiet(
    (async () => {
      const dir = cleanCopy();
      const tmp = `${dir}-tmp`;
      fs.mkdirSync(tmp);
      await prepare(dir);
      return { dir, tmp, result: await checkGenerated(dir, tmp) };
    })(),
  );

beforeAll(() => {
  workRoot = makeTempDir("mediaconvert-checkgen");
  cleanRun = checkCopy(async () => undefined);
  committedStackRun = checkCopy((dir) => commitStack(dir, STACK_FILES));
  staleRun = checkCopy(async (dir) => {
    await commitStack(dir, [PERMISSIONS_FILE]);
    for (const staleEdit of Object.values(STALE_EDITS)) staleEdit.apply(dir);
  });
});

afterAll(async () => {
  await Promise.allSettled([cleanRun, committedStackRun, staleRun]);
  fs.rmSync(workRoot, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// The tests

describe("node bin/check-generated.js", () => {
  it(
    "exits 0 on a copy whose generated files are current, counting every generated file",
    async () => {
      // GIVEN a clean copy / WHEN
      const { result } = await cleanRun;
      // THEN
      expect(result).toEqual({
        exitCode: 0,
        stderr: "",
        stdout: `check:generated: ${Object.keys(generatedFiles()).length} generated file(s) are up to date.\n`,
      });
    },
    TIMEOUT_MS,
  );

  it(
    "exits 0 when a committed stack equals what the app synthesizes now",
    async () => {
      // GIVEN a clean copy that commits the stack its app synthesizes / WHEN
      const { result } = await committedStackRun;
      // THEN
      expect(result).toEqual({
        exitCode: 0,
        stderr: "",
        stdout: `check:generated: ${Object.keys(generatedFiles()).length + STACK_FILES.length} generated file(s) are up to date.\n`,
      });
    },
    TIMEOUT_MS,
  );

  it(
    "fails on a copy with stale files, listing exactly those files and what to do",
    async () => {
      // GIVEN a clean copy with every stale edit
      const files = Object.values(STALE_EDITS).map((e) => e.file);
      // WHEN
      const { result } = await staleRun;
      const report = result.stderr.trim().split("\n");
      // THEN
      expect(result.exitCode).toBe(1);
      expect(report[0]).toBe(`check:generated: ${files.length} committed file(s) differ from what the code generates now:`);
      expect(report.slice(1, -1).sort()).toEqual(files.map((file) => `  ${file}`).sort());
      expect(report[report.length - 1]).toBe("Run `npm run synth` and commit the result.");
    },
    TIMEOUT_MS,
  );

  it.each([
    ["passes", () => committedStackRun],
    ["fails", () => staleRun],
  ] as const)(
    "removes its temporary directories when it %s",
    async (_outcome, run) => {
      // GIVEN a copy whose check ran with its own TMPDIR / WHEN
      const { dir, tmp } = await run();
      // THEN
      expect(fs.readdirSync(tmp)).toEqual([]);
      expect(fs.readdirSync(dir).filter((name) => name.includes("check"))).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it.each(Object.keys(STALE_EDITS))(
    "shows %s as a diff that names the file",
    async (title) => {
      // GIVEN
      const staleEdit = STALE_EDITS[title];
      const expectedLines = staleEdit.diffLines(generatedFiles());
      // WHEN
      const { dir, result } = await staleRun;
      const diff = diffsByFile(result.stdout, dir).get(staleEdit.file);
      // THEN
      expect(diff).toBeDefined();
      for (const line of expectedLines) expect(diff).toContain(line);
    },
    TIMEOUT_MS,
  );
});
