/**
 * .gitignore: synth output and Terraform's working files stay out of git, except the lock file of
 * each stack directory (a root module), which belongs in git with a committed stack.
 */
import { execFileSync } from "child_process";
import * as path from "path";

const REPO_ROOT = path.resolve(__dirname, "..");

/** Whether git ignores `file` (as if untracked; `--no-index` ignores what is committed). */
function ignored(file: string): boolean {
  try {
    execFileSync("git", ["check-ignore", "--no-index", "-q", file], { cwd: REPO_ROOT, stdio: "ignore" });
    return true;
  } catch (e) {
    if ((e as { status?: number }).status === 1) return false;
    throw e;
  }
}

describe(".gitignore", () => {
  it.each([
    "cdktf.out/stacks/prod/.terraform.lock.hcl",
    "cdktf.out/stacks/mediaconvert/.terraform.lock.hcl",
  ])("lets git see the stack's lock file %s", (file) => {
    // GIVEN / WHEN / THEN
    expect(ignored(file)).toBe(false);
  });

  it.each([
    "cdktf.out/stacks/prod/cdk.tf.json",
    "cdktf.out/stacks/prod/.terraform/terraform.tfstate",
    "cdktf.out/stacks/prod/terraform.tfstate",
    "cdktf.out/manifest.json",
    "cdktf.out.tmp-x1/stacks/prod/.terraform.lock.hcl",
    "terraform.prod.tfstate",
    ".terraform.lock.hcl",
    "modules/mediaconvert-role/.terraform.lock.hcl",
    "modules/mediaconvert-role/examples/basic/.terraform.lock.hcl",
  ])("ignores %s", (file) => {
    // GIVEN / WHEN / THEN
    expect(ignored(file)).toBe(true);
  });
});
