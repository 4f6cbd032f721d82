/**
 * permissions.md: written by synth next to each stack's cdk.tf.json; it names each role, who can
 * assume it and under which conditions, and what it can do. The expectations are read from the
 * synthesized Terraform JSON next to it, not written down by hand, so the report is checked
 * against what Terraform will actually create.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesizeConfig } from "../lib/app/synth";
import { Config } from "../lib/app/config";
import { ACCOUNT, INPUT_KEY, KANTAR_SECRET, OUTPUT_KEY, queueArn, REGION, SPEKE_API } from "./support/fixtures";

const QUEUE = queueArn("Default");

/** Two stacks: a known account with a scoped and a console role, and a dev stack without account. */
const CONFIG: Config = {
  stacks: [
    {
      name: "prod",
      region: REGION,
      accountId: ACCOUNT,
      roles: [
        {
          roleName: "Transcoder",
          access: "scoped",
          inputs: [{ bucket: "media-in", prefix: "source/", kmsKeyArn: INPUT_KEY }, { bucket: "media-in-plain" }],
          outputs: [{ bucket: "media-out", prefix: "hls/", allowAcl: true, kmsKeyArn: OUTPUT_KEY }],
          outputMultipartUpload: true,
          spekeApiArns: [SPEKE_API],
          kantarSecretArns: [KANTAR_SECRET],
          trustedQueueArns: [QUEUE],
          permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/MediaBoundary`,
          passRolePolicy: true,
        },
        { roleName: "Console", inputKmsKeyArns: [INPUT_KEY] },
      ],
    },
    { name: "dev", region: "us-west-2", roles: [{ access: "scoped", outputs: [{ bucket: "media-dev" }] }] },
  ],
};

let tmp: string;
let outdir: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mediaconvert-report-"));
  outdir = path.join(tmp, "cdktf.out");
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Reading the synthesized JSON and the report
// ---------------------------------------------------------------------------------------------

interface Statement {
  readonly Effect: string;
  readonly Principal?: { readonly Service: string };
  readonly Action: string[];
  readonly Resource?: string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** What Terraform will create for one role, read from cdk.tf.json. */
interface RoleJson {
  readonly name: string;
  readonly trust: Statement[];
  readonly inline: Statement[];
  readonly managedPolicyArns: string[];
}

// Terraform JSON is read as loosely typed data.
type TfJson = Record<string, any>;

function stackDir(stack: string): string {
  return path.join(outdir, "stacks", stack);
}

function readStack(stack: string): { tf: TfJson; report: string } {
  return {
    tf: JSON.parse(fs.readFileSync(path.join(stackDir(stack), "cdk.tf.json"), "utf8")) as TfJson,
    report: fs.readFileSync(path.join(stackDir(stack), "permissions.md"), "utf8"),
  };
}

/** Every role of a stack's JSON, with the policies wired to it by reference. */
function rolesOf(tf: TfJson): RoleJson[] {
  return Object.entries<TfJson>(tf.resource.aws_iam_role).map(([key, role]) => {
    const refs = [`\${aws_iam_role.${key}.id}`, `\${aws_iam_role.${key}.name}`];
    const mine = (type: string): TfJson[] => Object.values<TfJson>(tf.resource[type] ?? {}).filter((r) => refs.includes(r.role));
    return {
      name: role.name,
      trust: JSON.parse(role.assume_role_policy).Statement,
      inline: mine("aws_iam_role_policy").flatMap((p) => JSON.parse(p.policy).Statement as Statement[]),
      managedPolicyArns: mine("aws_iam_role_policy_attachment").map((a) => a.policy_arn as string),
    };
  });
}

/** The part of the report under `## <role>`, up to the next role. */
function sectionOf(report: string, roleName: string): string {
  const sections = report.split(/^## /m).slice(1);
  const section = sections.find((s) => s.split("\n")[0] === roleName);
  if (section === undefined) throw new Error(`The report has no section "## ${roleName}"; it has: ${sections.map((s) => s.split("\n")[0]).join(", ")}.`);
  return section;
}

/** The text of a subsection (`### <title>`) of a role's section. */
function subsectionOf(section: string, title: string): string {
  const part = section.split(/^### /m).find((s) => s.startsWith(`${title}\n`));
  if (part === undefined) throw new Error(`The section has no "### ${title}".`);
  return part;
}

/** One row of the role's table, split into cells with the Markdown formatting taken off. */
interface Row {
  readonly effect: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly condition: string;
}

const unquote = (cell: string): string[] =>
  cell
    .split("<br>")
    .map((v) => v.trim())
    .map((v) => /^`(.*)`$/.exec(v)?.[1] ?? v);

function tableRows(section: string): Row[] {
  const lines = section.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| Effect") && !line.startsWith("| ---"));
  return lines.map((line) => {
    const cells = line.slice(2, -2).split(" | ");
    expect(cells).toHaveLength(4);
    return { effect: cells[0], actions: unquote(cells[1]), resources: unquote(cells[2]), condition: cells[3] };
  });
}

/** The `key operator value` facts of a condition block, each of which the report must state. */
function conditionFacts(condition: Statement["Condition"]): { key: string; operator: string; values: string[] }[] {
  return Object.entries(condition ?? {}).flatMap(([operator, entries]) =>
    Object.entries(entries).map(([key, value]) => ({ key, operator, values: typeof value === "string" ? [value] : value })),
  );
}

/** The deploying account, as Terraform reads it in the JSON and as the report names it. */
const CALLER_ACCOUNT = "${data.aws_caller_identity.current.account_id}";
const DEPLOYING_ACCOUNT_WORDS = "<the deploying account>";

function expectStatesCondition(text: string, condition: Statement["Condition"]): void {
  for (const { key, operator, values } of conditionFacts(condition)) {
    expect(text).toContain(`${key} ${operator} `);
    for (const value of values) expect(text).toContain(`\`${value.split(CALLER_ACCOUNT).join(DEPLOYING_ACCOUNT_WORDS)}\``);
  }
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe("permissions.md", () => {
  it("is written next to each stack's cdk.tf.json (with deployer-policy.json), and nowhere else", () => {
    // GIVEN / WHEN
    synthesizeConfig(CONFIG, outdir);
    // THEN
    for (const stack of ["prod", "dev"]) {
      expect(fs.readdirSync(stackDir(stack)).sort()).toEqual(["cdk.tf.json", "deployer-policy.json", "permissions.md", "resource-policies.json"]);
    }
    expect(fs.readdirSync(outdir).filter((name) => name.endsWith(".md"))).toEqual([]);
  });

  it("names the stack, its region and account, and has one section per role of the stack, in order, then the deployer's", () => {
    // GIVEN / WHEN
    synthesizeConfig(CONFIG, outdir);
    // THEN
    for (const [stack, config] of [["prod", CONFIG.stacks[0]], ["dev", CONFIG.stacks[1]]] as const) {
      const { tf, report } = readStack(stack);
      expect(report.split("\n")[0]).toBe(`# Permissions of stack ${stack}`);
      expect(report).toContain(`Region ${config.region}, account ${config.accountId ?? "not set"}.`);
      const headings = report.split("\n").filter((line) => line.startsWith("## ")).map((line) => line.slice(3));
      const roleHeadings = headings.slice(0, -2);
      expect(roleHeadings).toEqual(config.roles.map((r) => r.roleName ?? "MediaConvert_Default_Role"));
      expect(roleHeadings.slice().sort()).toEqual(rolesOf(tf).map((r) => r.name).sort());
      expect(headings.slice(-2)).toEqual(["What other accounts must add (resource-policies.json)", "Who may deploy it (deployer-policy.json)"]);
    }
  });

  it("says that only MediaConvert can assume each role, under exactly the trust policy's conditions", () => {
    // GIVEN / WHEN
    synthesizeConfig(CONFIG, outdir);
    // THEN
    for (const stack of ["prod", "dev"]) {
      const { tf, report } = readStack(stack);
      for (const role of rolesOf(tf)) {
        const who = subsectionOf(sectionOf(report, role.name), "Who can assume it");
        expect(role.trust).toHaveLength(1);
        expect(who).toContain(`Only the MediaConvert service (\`${role.trust[0].Principal?.Service}\`)`);
        if (role.trust[0].Condition) expectStatesCondition(who, role.trust[0].Condition);
        else expect(who).toContain("for any account (no confused-deputy conditions)");
      }
    }
  });

  it("has one table row per inline policy statement and per managed policy, with the same effect, actions, resources and conditions", () => {
    // GIVEN / WHEN
    synthesizeConfig(CONFIG, outdir);
    // THEN
    for (const stack of ["prod", "dev"]) {
      const { tf, report } = readStack(stack);
      for (const role of rolesOf(tf)) {
        const rows = tableRows(sectionOf(report, role.name));
        const managedRows = rows.filter((r) => r.actions[0].startsWith("managed policy "));
        const statementRows = rows.filter((r) => !r.actions[0].startsWith("managed policy "));
        expect(managedRows.map((r) => r.resources).sort()).toEqual(role.managedPolicyArns.map((arn) => [arn]).sort());
        expect(statementRows).toHaveLength(role.inline.length);
        role.inline.forEach((statement, i) => {
          const row = statementRows[i];
          expect({ effect: row.effect, actions: row.actions, resources: row.resources }).toEqual({
            effect: statement.Effect,
            actions: statement.Action,
            resources: statement.Resource ?? ["*"],
          });
          if (statement.Condition) expectStatesCondition(row.condition, statement.Condition);
          else expect(row.condition).toBe("always");
        });
      }
    }
  });

  it("lists every action on every resource the role's inline policy grants, for a scoped role with every kind of grant", () => {
    // GIVEN / WHEN
    synthesizeConfig(CONFIG, outdir);
    const { tf, report } = readStack("prod");
    const transcoder = rolesOf(tf).find((r) => r.name === "Transcoder");
    // THEN
    expect(transcoder?.managedPolicyArns).toEqual([]);
    const granted = (transcoder?.inline ?? []).flatMap((s) => s.Action.flatMap((a) => (s.Resource ?? []).map((r) => `${a} ${r}`)));
    const reported = tableRows(sectionOf(report, "Transcoder")).flatMap((row) => row.actions.flatMap((a) => row.resources.map((r) => `${a} ${r}`)));
    expect(new Set(reported)).toEqual(new Set(granted));
    // Every kind of grant is there to be reported.
    expect(new Set(granted.map((g) => g.split(" ")[0]))).toEqual(
      new Set([
        "s3:GetObject",
        "s3:ListBucket",
        "s3:GetBucketLocation",
        "s3:PutObject",
        "s3:PutObjectAcl",
        "kms:Decrypt",
        "kms:GenerateDataKey",
        "execute-api:Invoke",
        "secretsmanager:GetSecretValue",
      ]),
    );
  });

  it("mentions the permissions boundary and the pass-role policy of the roles that have them, and only those", () => {
    // GIVEN / WHEN
    synthesizeConfig(CONFIG, outdir);
    const { tf, report } = readStack("prod");
    // THEN
    const transcoder = sectionOf(report, "Transcoder");
    const consoleSection = sectionOf(report, "Console");
    expect(transcoder).toContain(`Permissions boundary: \`${tf.resource.aws_iam_role.transcoder.permissions_boundary}\``);
    expect(subsectionOf(transcoder, "Who may pass it")).toContain("`iam:PassRole` on this role only, and only to `mediaconvert.amazonaws.com`");
    expect(tf.resource.aws_iam_policy.transcoder_pass_role).toBeDefined();
    expect(consoleSection).not.toContain("Permissions boundary");
    expect(consoleSection).not.toContain("### Who may pass it");
  });

  it("says which account the trust conditions pin: the stack's account, or the deploying account when none is set", () => {
    // GIVEN / WHEN
    const summaries = synthesizeConfig(CONFIG, outdir);
    // THEN no stack warns any more
    expect(summaries.flatMap((s) => s.warnings)).toEqual([]);
    const prod = subsectionOf(sectionOf(readStack("prod").report, "Console"), "Who can assume it");
    expect(prod).toContain(`The conditions pin account \`${ACCOUNT}\`.`);
    const dev = subsectionOf(sectionOf(readStack("dev").report, "MediaConvert_Default_Role"), "Who can assume it");
    expect(dev).toContain(
      "The conditions pin the deploying account: no account id is set, so Terraform reads the account of the credentials it runs with (`data.aws_caller_identity`) and the trust policy names that account.",
    );
    expect(readStack("dev").report).not.toContain("Warning");
  });

  it("changes with the config: a new output shows up in the table, a removed role disappears", () => {
    // GIVEN
    synthesizeConfig(CONFIG, outdir);
    const before = readStack("prod").report;
    const [prod, dev] = CONFIG.stacks;
    const [transcoder] = prod.roles;
    const changed: Config = {
      stacks: [{ ...prod, roles: [{ ...transcoder, outputs: [...(transcoder.outputs ?? []), { bucket: "media-archive", prefix: "mp4/" }] }] }, dev],
    };
    // WHEN
    synthesizeConfig(changed, outdir);
    // THEN
    const { tf, report } = readStack("prod");
    expect(report).not.toBe(before);
    const reported = tableRows(sectionOf(report, "Transcoder")).flatMap((row) => row.actions.flatMap((a) => row.resources.map((r) => `${a} ${r}`)));
    expect(reported).toContain("s3:PutObject arn:aws:s3:::media-archive/mp4/*");
    expect(before).not.toContain("media-archive");
    expect(report).not.toContain("## Console");
    expect(rolesOf(tf).map((r) => r.name)).toEqual(["Transcoder"]);
  });

  it("is the same bytes for the same config", () => {
    // GIVEN
    synthesizeConfig(CONFIG, outdir);
    const first = readStack("prod").report;
    // WHEN
    synthesizeConfig(CONFIG, outdir);
    // THEN
    expect(readStack("prod").report).toBe(first);
  });

  it("contains no unresolved Terraform token text", () => {
    // GIVEN / WHEN
    synthesizeConfig(CONFIG, outdir);
    // THEN
    for (const stack of ["prod", "dev"]) {
      const { report } = readStack(stack);
      for (const token of ["${TfToken", "#{TfToken", "TfToken[", "${Token", "${"]) expect(report).not.toContain(token);
    }
  });
});
