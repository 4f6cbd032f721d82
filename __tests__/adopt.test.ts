/**
 * Adopting a role that exists already: `adopt: true` synthesizes Terraform `import` blocks with
 * the provider's import ids; moduleImportBlocks gives the same for the generated module; the
 * `adopt` command reads a live role over the IAM API (mocked with aws-sdk-client-mock: paging,
 * every error), lists what the config cannot hold, and merges its entry into the config file
 * atomically, never over an existing entry.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  NoSuchEntityException,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { parseConfig } from "../lib/app/config";
import { synthesizeConfig } from "../lib/app/synth";
import { runAdopt } from "../lib/cli/adopt";
import { run } from "../lib/cli/main";
import { runCliInProcess } from "./support/cli-in-process";
import { moduleImportBlocks, moduleImportBlocksHcl } from "../lib/module/imports";
import { ACCOUNT, INPUT_KEY, OUTPUT_KEY, REGION } from "./support/fixtures";

const REPO_ROOT = path.resolve(__dirname, "..");
const ROLE = "MediaConvert_Default_Role";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/${ROLE}`;
const S3 = "arn:aws:iam::aws:policy/AmazonS3FullAccess";
const API = "arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess";
const CONSOLE_TRUST = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "mediaconvert.amazonaws.com" }, Action: "sts:AssumeRole" }],
};
const CONSOLE_DESCRIPTION = "Allows MediaConvert service to call S3 APIs and API Gateway on your behalf.";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-test-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Synthesizes a config into `dir` and returns the stack's JSON and permissions.md. */
function synth(config: Parameters<typeof synthesizeConfig>[0], stack = "prod") {
  const out = path.join(dir, "out");
  const summaries = synthesizeConfig(config, out);
  const stackDir = path.join(out, "stacks", stack);
  return {
    tf: JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) as { import?: unknown[]; resource: Record<string, unknown> },
    report: fs.readFileSync(path.join(stackDir, "permissions.md"), "utf8"),
    summary: summaries.find((s) => s.name === stack)!,
  };
}

describe("adopt: true in a stack", () => {
  it("synthesizes import blocks for the role and each declared managed-policy attachment, with the provider's ids", () => {
    // GIVEN the console's role, adopted, under /service-role/
    const config = { stacks: [{ name: "prod", region: REGION, accountId: ACCOUNT, roles: [{ roleName: ROLE, path: "/service-role/", adopt: true }] }] };
    // WHEN it is synthesized
    const { tf } = synth(config);
    // THEN the stack imports the role (id: name) and both attachments (id: <role>/<policy ARN>)
    expect(tf.import).toEqual([
      { id: ROLE, to: "aws_iam_role.mediaconvert_default_role" },
      { id: `${ROLE}/${S3}`, to: "aws_iam_role_policy_attachment.mediaconvert_default_role_s3_full_access" },
      { id: `${ROLE}/${API}`, to: "aws_iam_role_policy_attachment.mediaconvert_default_role_api_gateway_invoke_full_access" },
    ]);
  });

  it("imports only the attachments the config declares, in the stack's partition", () => {
    // GIVEN a role in aws-cn without the API Gateway attachment
    const config = { stacks: [{ name: "prod", region: "cn-north-1", roles: [{ roleName: "Mc", attachApiGatewayInvokeFullAccess: false, adopt: true }] }] };
    // WHEN it is synthesized
    const { tf } = synth(config);
    // THEN the S3 attachment is imported with its aws-cn ARN, and nothing else but the role
    expect(tf.import).toEqual([
      { id: "Mc", to: "aws_iam_role.mc" },
      { id: "Mc/arn:aws-cn:iam::aws:policy/AmazonS3FullAccess", to: "aws_iam_role_policy_attachment.mc_s3_full_access" },
    ]);
  });

  it("writes no import block for a role without adopt", () => {
    // GIVEN / WHEN the console's role, not adopted
    const { tf, summary } = synth({ stacks: [{ name: "prod", region: REGION, roles: [{}] }] });
    // THEN there is no import block and no adoption note
    expect(tf.import).toBeUndefined();
    expect(summary.adoptions).toEqual([]);
  });

  it("says in the summary and in permissions.md that exclusiveAttachments replaces a hand-made inline policy with kms-sse-keys", () => {
    // GIVEN an adopted role with a KMS key and exclusiveAttachments
    const config = {
      stacks: [{ name: "prod", region: REGION, accountId: ACCOUNT, roles: [{ roleName: ROLE, inputKmsKeyArns: [INPUT_KEY], exclusiveAttachments: true, adopt: true }] }],
    };
    // WHEN it is synthesized
    const { summary, report } = synth(config);
    // THEN both say what is imported and what happens to policies made by hand
    const note =
      'Role "MediaConvert_Default_Role" is adopted: the plan imports it and 2 managed-policy attachments (3 to import) instead of creating them. exclusiveAttachments is set: on apply, inline policies made by hand are deleted whatever their name (the config\'s inline policy "kms-sse-keys" is created and takes their place), and managed policies the config does not declare are detached.';
    expect(summary.adoptions).toEqual([note]);
    expect(report).toContain(
      [
        "### Adoption",
        "",
        note,
        "",
        "| Imported into | Import id |",
        "| --- | --- |",
        "| `aws_iam_role.mediaconvert_default_role` | `MediaConvert_Default_Role` |",
        `| \`aws_iam_role_policy_attachment.mediaconvert_default_role_s3_full_access\` | \`${ROLE}/${S3}\` |`,
        `| \`aws_iam_role_policy_attachment.mediaconvert_default_role_api_gateway_invoke_full_access\` | \`${ROLE}/${API}\` |`,
      ].join("\n"),
    );
  });

  it("says that without exclusiveAttachments policies made by hand stay", () => {
    // GIVEN an adopted role without KMS keys and without exclusiveAttachments
    const { summary } = synth({ stacks: [{ name: "prod", region: REGION, accountId: ACCOUNT, roles: [{ roleName: "Mc", attachS3FullAccess: false, adopt: true }] }] });
    // THEN the note says so
    expect(summary.adoptions).toEqual([
      'Role "Mc" is adopted: the plan imports it and 1 managed-policy attachment (2 to import) instead of creating them. Inline and managed policies added by hand stay on the role (the config gives the role no inline policy next to them); set exclusiveAttachments to have them removed on apply.',
    ]);
  });
});

describe("moduleImportBlocks (adopting into the generated module)", () => {
  it("gives root-level blocks with module addresses and exact ids", () => {
    // GIVEN / WHEN blocks for module "mediaconvert_role" and the console's role
    const blocks = moduleImportBlocks("mediaconvert_role", ROLE);
    // THEN they address the module's resources (count index included)
    expect(blocks).toEqual([
      { to: "module.mediaconvert_role.aws_iam_role.this", id: ROLE },
      { to: "module.mediaconvert_role.aws_iam_role_policy_attachment.this_s3_full_access[0]", id: `${ROLE}/${S3}` },
      { to: "module.mediaconvert_role.aws_iam_role_policy_attachment.this_api_gateway_invoke_full_access[0]", id: `${ROLE}/${API}` },
    ]);
  });

  it("leaves out attachments the module call switches off, and takes the partition", () => {
    // GIVEN / WHEN an aws-us-gov role without the S3 attachment, as HCL
    const hcl = moduleImportBlocksHcl("mc", "Mc", { partition: "aws-us-gov", attachS3FullAccess: false });
    // THEN only the role and the API Gateway attachment are imported
    expect(hcl).toBe(
      [
        "import {",
        "  to = module.mc.aws_iam_role.this",
        '  id = "Mc"',
        "}",
        "",
        "import {",
        "  to = module.mc.aws_iam_role_policy_attachment.this_api_gateway_invoke_full_access[0]",
        '  id = "Mc/arn:aws-us-gov:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess"',
        "}",
        "",
      ].join("\n"),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The adopt command against a mocked IAM

const iam = mockClient(IAMClient);

interface Live {
  readonly trust?: object;
  readonly path?: string;
  readonly tags?: Record<string, string>;
  /** Attached policy ARNs, one array per page. */
  readonly attachedPages?: string[][];
  /** Inline policies, one array per page of ListRolePolicies. */
  readonly inlinePages?: { name: string; document: object }[][];
}

/** Mocks IAM to describe the role `Live` (paged as given); returns the Marker of each list call, as it was sent. */
function mockRole(live: Live = {}): { attachedMarkers: (string | undefined)[]; inlineMarkers: (string | undefined)[] } {
  const attachedMarkers: (string | undefined)[] = [];
  const inlineMarkers: (string | undefined)[] = [];
  const attachedPages = live.attachedPages ?? [[S3, API]];
  const inlinePages = live.inlinePages ?? [[]];
  iam.on(GetRoleCommand, { RoleName: ROLE }).resolves({
    Role: {
      RoleName: ROLE,
      RoleId: "AROAEXAMPLE",
      Arn: ROLE_ARN,
      Path: live.path ?? "/service-role/",
      CreateDate: new Date(0),
      Description: CONSOLE_DESCRIPTION,
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(live.trust ?? CONSOLE_TRUST)),
      Tags: Object.entries(live.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    },
  });
  iam.on(ListAttachedRolePoliciesCommand).callsFake((input: { Marker?: string }) => {
    attachedMarkers.push(input.Marker);
    const page = Number(input.Marker ?? "0");
    const last = page === attachedPages.length - 1;
    return {
      AttachedPolicies: attachedPages[page].map((arn) => ({ PolicyArn: arn, PolicyName: arn.slice(arn.lastIndexOf("/") + 1) })),
      IsTruncated: !last,
      Marker: last ? undefined : String(page + 1),
    };
  });
  iam.on(ListRolePoliciesCommand).callsFake((input: { Marker?: string }) => {
    inlineMarkers.push(input.Marker);
    const page = Number(input.Marker ?? "0");
    const last = page === inlinePages.length - 1;
    return { PolicyNames: inlinePages[page].map((p) => p.name), IsTruncated: !last, Marker: last ? undefined : String(page + 1) };
  });
  iam.on(GetRolePolicyCommand).callsFake((input: { PolicyName: string }) => {
    const policy = inlinePages.flat().find((p) => p.name === input.PolicyName)!;
    return { RoleName: ROLE, PolicyName: policy.name, PolicyDocument: encodeURIComponent(JSON.stringify(policy.document)) };
  });
  return { attachedMarkers, inlineMarkers };
}

/** Runs the adopt command; returns its exit code and what it printed. `config: null` gives no --config. */
async function adopt(args: { config?: string | null; stack?: string; dryRun?: boolean; roleName?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const config = args.config === null ? undefined : (args.config ?? path.join(dir, "mediaconvert.config.json"));
  const code = await runAdopt(
    { roleName: args.roleName ?? ROLE, stack: args.stack ?? "prod", region: REGION, config, dryRun: args.dryRun },
    { out: (l) => out.push(l), err: (l) => err.push(l), env: args.env ?? {}, cwd: args.cwd ?? dir },
  );
  return { code, out, err };
}

/** Runs the command line on `argv` in-process (argument parsing included), in `dir`; returns its exit code and what it printed. */
async function cli(argv: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd: dir });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const configFile = () => path.join(dir, "mediaconvert.config.json");
const readConfig = () => JSON.parse(fs.readFileSync(configFile(), "utf8")) as { stacks: { name: string; roles: Record<string, unknown>[] }[] };

beforeEach(() => iam.reset());

describe("the adopt command", () => {
  it("writes the console's role as a new stack, reading every page, and the written config synthesizes the right import blocks", async () => {
    // GIVEN the console's role, its attachments listed over two pages, a hand-made KMS policy on the second page of inline policies
    const { attachedMarkers, inlineMarkers } = mockRole({
      tags: { team: "video" },
      attachedPages: [[S3], [API]],
      inlinePages: [
        [],
        [{ name: "kms-by-hand", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: INPUT_KEY }, { Effect: "Allow", Action: "kms:GenerateDataKey", Resource: [OUTPUT_KEY] }] } }],
      ],
    });
    // WHEN adopt runs with no config file yet
    const { code, out, err } = await adopt();
    // THEN it writes a new stack holding the role's entry, every page read
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(readConfig()).toEqual({
      stacks: [
        {
          name: "prod",
          region: REGION,
          accountId: ACCOUNT,
          roles: [
            {
              roleName: ROLE,
              description: CONSOLE_DESCRIPTION,
              path: "/service-role/",
              tags: { team: "video" },
              inputKmsKeyArns: [INPUT_KEY],
              outputKmsKeyArns: [INPUT_KEY, OUTPUT_KEY].sort(),
              adopt: true,
              preventDestroy: true,
            },
          ],
        },
      ],
    });
    expect(attachedMarkers).toEqual([undefined, "1"]);
    expect(inlineMarkers).toEqual([undefined, "1"]);
    expect(out[0]).toBe(`Adopted role "${ROLE}" into new stack "prod" of ${configFile()} (adopt: true, preventDestroy: true).`);
    expect(out).toContain(
      '- inline policy "kms-by-hand" was made by hand: its KMS keys are in inputKmsKeyArns / outputKmsKeyArns, and the plan creates "kms-sse-keys" with them. "kms-by-hand" stays next to it, unless exclusiveAttachments is set, which deletes it on apply.',
    );
    // AND the written config synthesizes import blocks with the provider's ids
    const config = parseConfig(readConfig(), "mediaconvert.config.json", {});
    expect(synth(config).tf.import).toEqual([
      { id: ROLE, to: "aws_iam_role.mediaconvert_default_role" },
      { id: `${ROLE}/${S3}`, to: "aws_iam_role_policy_attachment.mediaconvert_default_role_s3_full_access" },
      { id: `${ROLE}/${API}`, to: "aws_iam_role_policy_attachment.mediaconvert_default_role_api_gateway_invoke_full_access" },
    ]);
  });

  it("lists everything the config cannot hold and drops nothing silently", async () => {
    // GIVEN a role with another managed policy, no API Gateway attachment, a statement it cannot read, and a second trusted principal
    const odd = { Sid: "Logs", Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" };
    const ec2 = { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" };
    mockRole({
      path: "/",
      trust: { Version: "2012-10-17", Statement: [...CONSOLE_TRUST.Statement, ec2] },
      attachedPages: [[S3, "arn:aws:iam::111122223333:policy/Extra"]],
      inlinePages: [[{ name: "misc", document: { Version: "2012-10-17", Statement: odd } }]],
    });
    // WHEN adopt runs as a dry run
    const { code, out } = await adopt({ dryRun: true });
    // THEN the entry switches the missing attachment off, and each item is listed with what apply does to it
    expect(code).toBe(0);
    expect(JSON.parse(out.slice(0, out.indexOf("The config cannot hold 3 things of the live role:")).join("\n"))).toEqual({
      roleName: ROLE,
      description: CONSOLE_DESCRIPTION,
      attachApiGatewayInvokeFullAccess: false,
      adopt: true,
      preventDestroy: true,
    });
    expect(out.slice(out.indexOf("The config cannot hold 3 things of the live role:") + 1)).toEqual([
      `- trust policy statement 2: ${JSON.stringify(ec2)} is not the MediaConvert trust the config writes (mediaconvert.amazonaws.com, sts:AssumeRole, and the confused-deputy conditions when the stack has an accountId). The first apply replaces it (an in-place update of the role, not a replacement).`,
      "- managed policy arn:aws:iam::111122223333:policy/Extra is attached: the config attaches only AmazonS3FullAccess and AmazonAPIGatewayInvokeFullAccess. It stays attached and unmanaged, unless exclusiveAttachments is set, which detaches it on apply.",
      `- inline policy "misc", statement "Logs": ${JSON.stringify(odd)} is not an Allow of kms:Decrypt or kms:GenerateDataKey on KMS key ARNs without conditions, so the config cannot hold it. It stays as long as the policy does; exclusiveAttachments deletes the policy on apply.`,
      `Dry run: nothing was written to ${configFile()}.`,
    ]);
    // AND the dry run wrote nothing
    expect(fs.existsSync(configFile())).toBe(false);
  });

  it("adds the role to an existing stack and keeps the other entries", async () => {
    // GIVEN a config with a stack "prod" holding another role
    fs.writeFileSync(configFile(), JSON.stringify({ stacks: [{ name: "prod", region: REGION, accountId: ACCOUNT, roles: [{ roleName: "Other" }] }] }));
    mockRole();
    // WHEN adopt runs
    const { code } = await adopt();
    // THEN the stack holds both roles
    expect(code).toBe(0);
    expect(readConfig().stacks[0].roles.map((r) => r.roleName)).toEqual(["Other", ROLE]);
  });

  it.each([
    ["the same name", ROLE, "stacks[0].roles[0]"],
    ["the name in another case", "mediaconvert_default_role", "stacks[0].roles[0]"],
    ["the default role ({})", undefined, "stacks[0].roles[0]"],
  ])("refuses to overwrite an entry with %s and leaves the file byte-identical", async (_what, existing, where) => {
    // GIVEN a config whose stack already has the role
    const text = `${JSON.stringify({ stacks: [{ name: "prod", region: REGION, roles: [existing === undefined ? {} : { roleName: existing }] }] }, null, 4)}\n`;
    fs.writeFileSync(configFile(), text);
    mockRole();
    // WHEN adopt runs
    const { code, err } = await adopt();
    // THEN it refuses, names the entry, and the file is unchanged
    expect(code).toBe(1);
    expect(err).toEqual([
      `Adopt failed; nothing was written. Role "${ROLE}" already has an entry in ${configFile()} ("${existing ?? ROLE}" at ${where}; role names are not case-sensitive): adopt never overwrites an entry. Remove that entry first if the live role should replace it, or edit it by hand.`,
    ]);
    expect(fs.readFileSync(configFile(), "utf8")).toBe(text);
  });

  it("writes nothing when the merged config would not be valid", async () => {
    // GIVEN a config file, and a live role whose description uses a typographic apostrophe (not Latin-1)
    const text = `${JSON.stringify({ stacks: [{ name: "prod", region: REGION, roles: [{ roleName: "Other" }] }] })}\n`;
    fs.writeFileSync(configFile(), text);
    mockRole();
    iam.on(GetRoleCommand).resolves({
      Role: { RoleName: ROLE, RoleId: "X", Arn: ROLE_ARN, Path: "/", CreateDate: new Date(0), Description: "MediaConvert\u2019s role", AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(CONSOLE_TRUST)) },
    });
    // WHEN adopt runs
    const { code, err } = await adopt();
    // THEN it lists the problem and the file is byte-identical
    expect(code).toBe(1);
    expect(err[0]).toBe(`Adopt failed: 1 problem in ${configFile()}; nothing was written.`);
    expect(err[1]).toMatch(/^.*stacks\[0\]\.roles\[1\]\.description: Description "MediaConvert’s role" is not valid: .* \(in the config adopt would write for role "MediaConvert_Default_Role"; nothing was written\)$/);
    expect(fs.readFileSync(configFile(), "utf8")).toBe(text);
  });

  it("refuses a config file that is broken already, before calling AWS", async () => {
    // GIVEN a config file that is not JSON
    fs.writeFileSync(configFile(), "{ nope");
    // WHEN adopt runs
    const { code, err } = await adopt();
    // THEN it says so, calls no IAM API, and leaves the file alone
    expect(code).toBe(1);
    expect(err).toEqual([
      `Adopt failed: 1 problem in ${configFile()}; nothing was written.`,
      `${configFile()}: the file is not valid JSON at line 1, column 3: an unexpected "nope". Fix the syntax (JSON allows no comments or trailing commas).`,
    ]);
    expect(iam.calls()).toHaveLength(0);
    expect(fs.readFileSync(configFile(), "utf8")).toBe("{ nope");
  });

  describe("its closing hint names the synth command of how it was run, with the config file as given", () => {
    const next = (command: string) =>
      `Next: synthesize (${command}) and run terraform plan for stack "prod": it should read "3 to import, 0 to add" for the role and its attachments, plus the config's KMS policy when it has keys.`;

    it.each([
      ["the default file", null, {}, "npx mediaconvert-role-cdktf synth"],
      ["a --config path with a space", "infra/media config.json", {}, "npx mediaconvert-role-cdktf synth --config 'infra/media config.json'"],
      ["a file named by MEDIACONVERT_CONFIG", null, { MEDIACONVERT_CONFIG: "envs/prod.json" }, "npx mediaconvert-role-cdktf synth --config envs/prod.json"],
    ])("in a project that installed the package, for %s", async (_what, config, env, command) => {
      // GIVEN a cdktf project of the user's (not this repository), the console's role
      fs.writeFileSync(path.join(dir, "cdktf.json"), "{}");
      fs.mkdirSync(path.join(dir, "infra"));
      fs.mkdirSync(path.join(dir, "envs"));
      mockRole();
      // WHEN adopt runs there (in-process, with the working directory there: the config path is relative)
      const args = ["adopt", "--role-name", ROLE, "--stack", "prod", "--region", REGION, ...(config === null ? [] : ["--config", config])];
      const { exitCode, stdout } = await runCliInProcess(args, { cwd: dir, env });
      // THEN it names the installed package's bin, with the config as the user gave it
      expect(exitCode).toBe(0);
      expect(stdout.trimEnd().split("\n").pop()).toBe(next(command));
    });

    it("in this repository: npm run synth, with the config's path from the repository's root (where npm runs scripts)", async () => {
      // GIVEN the working directory in this repository (a folder below its root), a config file elsewhere
      mockRole();
      // WHEN adopt runs there
      const { code, out } = await adopt({ cwd: path.join(REPO_ROOT, "lib") });
      // THEN it names the repository's script, the path taken from the root
      expect(code).toBe(0);
      expect(out[out.length - 1]).toBe(next(`npm run synth -- --config ${path.relative(REPO_ROOT, configFile())}`));
    });
  });

  describe("errors", () => {
    const named = (name: string, message: string, attempts = 1) => Object.assign(new Error(message), { name, $metadata: { attempts } });

    it.each([
      [
        "no credentials",
        GetRoleCommand,
        named("CredentialsProviderError", "Could not load credentials from any providers"),
        `No AWS credentials were found for reading role "${ROLE}": the SDK's standard chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws/config, SSO, web identity, container and instance roles) found none. Set AWS_PROFILE (or run "aws sso login" for it), then run adopt again.`,
      ],
      [
        "expired credentials",
        GetRoleCommand,
        named("ExpiredToken", "The security token included in the request is expired"),
        `AWS rejected the credentials used to read role "${ROLE}" (ExpiredToken): they are expired, revoked or malformed. Refresh them (for example "aws sso login"), then run adopt again.`,
      ],
      [
        "access denied on ListRolePolicies",
        ListRolePoliciesCommand,
        named("AccessDenied", "User: arn:aws:iam::111122223333:user/dev is not authorized to perform: iam:ListRolePolicies"),
        `Access denied: iam:ListRolePolicies on role "${ROLE}" was refused. adopt reads the role with iam:GetRole, iam:ListAttachedRolePolicies, iam:ListRolePolicies, iam:GetRolePolicy. Allow iam:ListRolePolicies on the role's ARN for the identity you run adopt as ("aws sts get-caller-identity" names it), or run it as one that has it.`,
      ],
      [
        "no such role",
        GetRoleCommand,
        new NoSuchEntityException({ message: `The role with name ${ROLE} cannot be found.`, $metadata: {} }),
        `Role "${ROLE}" does not exist in the account of these credentials (IAM: NoSuchEntity): adopt reads a role that exists. Check the name (the MediaConvert console's default is "MediaConvert_Default_Role") and that the credentials belong to the role's account ("aws sts get-caller-identity").`,
      ],
      [
        "throttling after the SDK's retries",
        ListAttachedRolePoliciesCommand,
        named("Throttling", "Rate exceeded", 3),
        `IAM throttled iam:ListAttachedRolePolicies for role "${ROLE}", and the SDK gave up after 3 attempts (it retries throttled calls with backoff): the account's IAM request rate is used up. Wait a minute and run adopt again, or allow more attempts with AWS_MAX_ATTEMPTS.`,
      ],
      [
        "no region",
        GetRoleCommand,
        new Error("Region is missing"),
        "No AWS region is set: the SDK needs one to sign IAM requests (IAM itself is global). Give --region, e.g. --region eu-west-1, or set AWS_REGION.",
      ],
    ] as const)("explains %s (exit 1, nothing written)", async (_what, command, error, message) => {
      // GIVEN IAM failing on one call
      mockRole();
      iam.on(command as typeof GetRoleCommand).rejects(error);
      // WHEN adopt runs
      const { code, err, out } = await adopt();
      // THEN it prints the message alone (no stack trace), exits 1 and writes nothing
      expect({ code, err, out }).toEqual({ code: 1, err: [`Adopt failed; nothing was written. ${message}`], out: [] });
      expect(fs.existsSync(configFile())).toBe(false);
    });

    it("refuses a role that is not a MediaConvert role and says what its trust policy allows", async () => {
      // GIVEN a role that EC2 and an account may assume
      mockRole({
        trust: {
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com"] }, Action: "sts:AssumeRole" },
            { Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "sts:AssumeRole" },
          ],
        },
      });
      // WHEN adopt runs
      const { code, err } = await adopt();
      // THEN it names who may assume the role
      expect(code).toBe(1);
      expect(err).toEqual([
        `Adopt failed; nothing was written. Role "${ROLE}" is not a MediaConvert role: its trust policy allows AWS arn:aws:iam::444455556666:root, service ec2.amazonaws.com to assume it, not "mediaconvert.amazonaws.com". adopt takes only the service role MediaConvert jobs run as; give the name of that role (the console's default is "MediaConvert_Default_Role").`,
      ]);
      expect(fs.existsSync(configFile())).toBe(false);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// adopt --module: the import blocks and the module call, printed

describe("the adopt command with --module", () => {
  const KMS_BY_HAND = { name: "kms-by-hand", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: INPUT_KEY }] } };

  it("prints the root-level import blocks and the module call that reproduce the live role, and writes nothing", async () => {
    // GIVEN the console's role under /service-role/ with tags, only the S3 attachment, and a KMS policy made by hand
    mockRole({ tags: { team: "video", "cost-center": "1234" }, attachedPages: [[S3]], inlinePages: [[KMS_BY_HAND]] });
    // WHEN adopt prints the call of module "mediaconvert_role"
    const { code, out, err } = await cli(["adopt", "--role-name", ROLE, "--module", "mediaconvert_role", "--region", REGION]);
    // THEN stdout is HCL only: the module call with the live settings under the module's variable names, and the
    // import blocks of the role and the one attachment it has, with the provider's import ids
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'module "mediaconvert_role" {',
        '  source = "./modules/mediaconvert-role"',
        "",
        `  role_name        = "${ROLE}"`,
        `  role_description = "${CONSOLE_DESCRIPTION}"`,
        '  role_path        = "/service-role/"',
        "  tags = {",
        '    cost-center = "1234"',
        '    team        = "video"',
        "  }",
        "  attach_api_gateway_invoke_full_access = false",
        "  input_kms_key_arns = [",
        `    "${INPUT_KEY}",`,
        "  ]",
        "  output_kms_key_arns = [",
        `    "${INPUT_KEY}",`,
        "  ]",
        "}",
        "",
        "import {",
        "  to = module.mediaconvert_role.aws_iam_role.this",
        `  id = "${ROLE}"`,
        "}",
        "",
        "import {",
        "  to = module.mediaconvert_role.aws_iam_role_policy_attachment.this_s3_full_access[0]",
        `  id = "${ROLE}/${S3}"`,
        "}",
      ].join("\n"),
    );
    // AND stderr says, in the module's names, what the call cannot hold, that it cannot protect the role, and what the plan shows
    expect(err.split("\n")).toEqual([
      "The module call cannot hold 1 thing of the live role:",
      '- inline policy "kms-by-hand" was made by hand: its KMS keys are in input_kms_key_arns / output_kms_key_arns, and the plan creates "kms-sse-keys" with them. "kms-by-hand" stays next to it, unless exclusive_policy_management is set, which deletes it on apply.',
      'Note: the module cannot protect the role from deletion as the config\'s preventDestroy does: Terraform takes prevent_destroy from no variable, and a module block has no lifecycle. Review the plans of module.mediaconvert_role for a delete of aws_iam_role.this, or deny iam:DeleteRole on the role (the module README, "Protecting the role from replacement").',
      'Next: put these blocks into your Terraform root (a .tf file next to your other module calls; import blocks work only in the root module), then terraform init and terraform plan: it should read "2 to import, 1 to add (the module\'s inline KMS policy "kms-sse-keys")" and destroy nothing. Remove the import blocks after the first apply.',
    ]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("takes --module-source, the partition of the role's ARN, and keeps a live ${ or %{ literal", async () => {
    // GIVEN a role in aws-cn whose description holds template characters
    iam.on(GetRoleCommand).resolves({
      Role: {
        RoleName: "Mc",
        RoleId: "AROAEXAMPLE",
        Arn: `arn:aws-cn:iam::${ACCOUNT}:role/Mc`,
        Path: "/",
        CreateDate: new Date(0),
        Description: "Costs ${team} %{if}",
        MaxSessionDuration: 7200,
        PermissionsBoundary: { PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: `arn:aws-cn:iam::${ACCOUNT}:policy/Boundary` },
        AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(CONSOLE_TRUST)),
      },
    });
    iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [{ PolicyArn: "arn:aws-cn:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess" }] });
    iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: [] });
    // WHEN adopt prints the call of module "media" from a git source
    const source = "git::https://example.com/acme/mediaconvert-role-cdktf.git//modules/mediaconvert-role?ref=v1.0.0";
    const { code, out } = await cli(["adopt", "--role-name", "Mc", "--module", "media", "--module-source", source, "--region", "cn-north-1"]);
    // THEN the template characters are escaped, the boundary and session duration carried, and the import id is of aws-cn
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'module "media" {',
        `  source = "${source}"`,
        "",
        '  role_name                     = "Mc"',
        '  role_description              = "Costs $${team} %%{if}"',
        `  role_permissions_boundary_arn = "arn:aws-cn:iam::${ACCOUNT}:policy/Boundary"`,
        "  max_session_duration          = 7200",
        "  attach_s3_full_access         = false",
        "}",
        "",
        "import {",
        "  to = module.media.aws_iam_role.this",
        '  id = "Mc"',
        "}",
        "",
        "import {",
        "  to = module.media.aws_iam_role_policy_attachment.this_api_gateway_invoke_full_access[0]",
        '  id = "Mc/arn:aws-cn:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess"',
        "}",
      ].join("\n"),
    );
  });

  it("names the module's variable when a live value would fail the module's validation, and prints no HCL", async () => {
    // GIVEN a live role whose description uses a typographic apostrophe (not Latin-1)
    mockRole();
    iam.on(GetRoleCommand).resolves({
      Role: { RoleName: ROLE, RoleId: "X", Arn: ROLE_ARN, Path: "/", CreateDate: new Date(0), Description: "MediaConvert\u2019s role", AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(CONSOLE_TRUST)) },
    });
    // WHEN
    const { code, out, err } = await cli(["adopt", "--role-name", ROLE, "--module", "mc", "--region", REGION]);
    // THEN
    expect({ code, out }).toEqual({ code: 1, out: "" });
    expect(err).toMatch(
      /^Adopt failed; nothing was written\. role_description: Description "MediaConvert’s role" is not valid: .* \(in the call of module "mc" adopt would print; the module's validation refuses it at plan\)$/,
    );
  });

  it.each([
    [
      "an invalid module name",
      ["--module", "media role"],
      `error: option '--module <name>' argument 'media role' is invalid. Module name "media role" is not valid: a Terraform module name starts with a letter or _ and holds only letters, digits, _ and -. Give a name such as mediaconvert_role.`,
    ],
    [
      "--module with --stack and --dry-run",
      ["--module", "mc", "--stack", "prod", "--dry-run"],
      "error: --module mc prints the Terraform module call and writes no config, so --stack prod and --dry-run do not apply: they are for the config entry. Leave out --stack prod and --dry-run, or leave out --module to write the config entry.",
    ],
    [
      "--module with --config",
      ["--module", "mc", "--config", "mediaconvert.config.json"],
      "error: --module mc prints the Terraform module call and writes no config, so --config mediaconvert.config.json does not apply: it is for the config entry. Leave out --config mediaconvert.config.json, or leave out --module to write the config entry.",
    ],
    [
      "neither --stack nor --module",
      [],
      "error: adopt needs --stack <stack>, the config stack to add the role to (created when missing), or --module <name>, to print the Terraform module call that adopts the role instead. Give one of them.",
    ],
    [
      "--module-source without --module",
      ["--stack", "prod", "--module-source", "./mc"],
      "error: --module-source ./mc is the source of the module call that --module prints, and there is no --module. Give --module <name> with it, or leave it out.",
    ],
  ])("refuses %s as a usage error (exit 2), before calling AWS", async (_what, options, message) => {
    // GIVEN / WHEN
    const result = await cli(["adopt", "--role-name", ROLE, "--region", REGION, ...options]);
    // THEN
    expect(result).toEqual({ code: 2, out: "", err: `${message}\nRun "mediaconvert-role-cdktf adopt --help" for the usage.` });
    expect(iam.calls()).toHaveLength(0);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
