/**
 * .gitignore: synth output and Terraform's working files stay out of git, except the lock file of
 * each stack directory (a root module), which belongs in git with a committed stack.
 */
import { execFileSync } from "child_process";
import * as path from "path";

const REPO_ROOT = path.resolve(__dirname, "..");

const LOCK_FILES = ["cdktf.out/stacks/prod/.terraform.lock.hcl", "cdktf.out/stacks/mediaconvert/.terraform.lock.hcl"];
const IGNORED = [
  "cdktf.out/stacks/prod/cdk.tf.json",
  "cdktf.out/stacks/prod/.terraform/terraform.tfstate",
  "cdktf.out/stacks/prod/terraform.tfstate",
  "cdktf.out/manifest.json",
  "cdktf.out.tmp-x1/stacks/prod/.terraform.lock.hcl",
  "terraform.prod.tfstate",
  ".terraform.lock.hcl",
  "modules/mediaconvert-role/.terraform.lock.hcl",
  "modules/mediaconvert-role/examples/basic/.terraform.lock.hcl",
];

/**
 * Whether git ignores each file (as if untracked; `--no-index` ignores what is committed), asked
 * in one `git check-ignore`: with --verbose --non-matching it prints `<source>:<line>:<pattern>\t<path>`
 * for every path, an empty source for a path no pattern matches, and the `!` of a pattern that
 * un-ignores it.
 */
function ignoredFiles(files: readonly string[]): Map<string, boolean> {
  const out = execFileSync("git", ["check-ignore", "--no-index", "--verbose", "--non-matching", "--stdin"], {
    cwd: REPO_ROOT,
    input: `${files.join("\n")}\n`,
    encoding: "utf8",
  });
  const verdicts = new Map<string, boolean>();
  for (const line of out.split("\n").filter((l) => l !== "")) {
    const [match, file] = line.split("\t");
    const pattern = match.split(":").slice(2).join(":");
    verdicts.set(file, pattern !== "" && !pattern.startsWith("!"));
  }
  return verdicts;
}

let verdicts: Map<string, boolean>;
beforeAll(() => {
  verdicts = ignoredFiles([...LOCK_FILES, ...IGNORED]);
});

const ignored = (file: string): boolean | undefined => verdicts.get(file);

describe(".gitignore", () => {
  it.each(LOCK_FILES)("lets git see the stack's lock file %s", (file) => {
    // GIVEN / WHEN / THEN
    expect(ignored(file)).toBe(false);
  });

  it.each(IGNORED)("ignores %s", (file) => {
    // GIVEN / WHEN / THEN
    expect(ignored(file)).toBe(true);
  });
});
