/**
 * The module's own `terraform test` files (modules/mediaconvert-role/tests/*.tftest.hcl), run the
 * way a module author runs them: one `terraform init` in a temporary copy of the module, then
 * `terraform test`, which plans every run block in one process against a mock AWS provider.
 */
import * as fs from "fs";
import * as path from "path";
import { MODULE_DIR } from "../lib/generators/generated";
import { init, makeTempDir, REPO_ROOT, terraform } from "./support/terraform";

const TERRAFORM_TIMEOUT_MS = 180_000;

describe("terraform test of the generated module", () => {
  let dir: string | undefined;
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    "passes every run block: trust pinning, scoped documents, pass-role policy, and every bad input failing its validation",
    async () => {
      // GIVEN a copy of the committed module with its tests
      dir = makeTempDir("mediaconvert-module-test");
      fs.cpSync(path.join(REPO_ROOT, MODULE_DIR), dir, { recursive: true });
      await init(dir);
      // WHEN
      const result = await terraform(dir, ["test", "-no-color"], { okExitCodes: [0, 1], timeoutMs: TERRAFORM_TIMEOUT_MS });
      // THEN
      expect(result.stdout).toMatch(/Success! \d+ passed, 0 failed\./);
      expect(result.exitCode).toBe(0);
    },
    TERRAFORM_TIMEOUT_MS,
  );
});
