/**
 * `verify --live` against a mocked IAM (aws-sdk-client-mock): the identity side through
 * `iam:SimulatePrincipalPolicy` on the role's ARN, with each access's actions, resource and
 * context keys, every page; the trust policy read with `iam:GetRole` and evaluated; the config's
 * fixes for denials; and the errors, as adopt explains its own (exit 1, the action named).
 */
import * as fs from "fs";
import * as path from "path";
import { GetRoleCommand, IAMClient, NoSuchEntityException, SimulatePrincipalPolicyCommand, type SimulatePrincipalPolicyCommandInput } from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { roleDocuments } from "../lib/core/role-documents";
import { runCliInProcess } from "./support/cli-in-process";
import { makeTempDir, REPO_ROOT } from "./support/paths";
import { ACCOUNT, REGION, roleArn } from "./support/fixtures";

type Json = any;

const ROLE = "Transcoder";
const ROLE_ARN = roleArn(ROLE);
const CONFIG: Json = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "verify", "corpus.config.json"), "utf8"));
const TRUST = roleDocuments(CONFIG.stacks[0].roles[1], { region: REGION, accountId: ACCOUNT }).trust;
const SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kantar/credentials-??????`;

const iam = mockClient(IAMClient);
let dir: string;

beforeEach(() => {
  iam.reset();
  dir = makeTempDir("mediaconvert-verify-live");
  fs.cpSync(path.join(REPO_ROOT, "examples", "jobs"), path.join(dir, "jobs"), { recursive: true });
  fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify(CONFIG));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Mocks the role (with `trust`) and a simulator that denies `denied` (action and resource) and allows the rest, `pageSize` results a page. */
function mockRole(options: { trust?: object; denied?: readonly [string, string][]; pageSize?: number; boundary?: string } = {}): SimulatePrincipalPolicyCommandInput[] {
  const calls: SimulatePrincipalPolicyCommandInput[] = [];
  iam.on(GetRoleCommand, { RoleName: ROLE }).resolves({
    Role: {
      RoleName: ROLE,
      RoleId: "AROAEXAMPLE",
      Arn: ROLE_ARN,
      Path: "/",
      CreateDate: new Date(0),
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(options.trust ?? TRUST)),
      ...(options.boundary !== undefined ? { PermissionsBoundary: { PermissionsBoundaryArn: options.boundary, PermissionsBoundaryType: "PermissionsBoundaryPolicy" as const } } : {}),
    },
  });
  iam.on(SimulatePrincipalPolicyCommand).callsFake((input: SimulatePrincipalPolicyCommandInput) => {
    // The paginator sets the next page's Marker on the input it was given: keep each call's own.
    calls.push({ ...input });
    const results = input.ActionNames!.map((action) => {
      const denied = (options.denied ?? []).some(([a, r]) => a === action && r === input.ResourceArns![0]);
      return {
        EvalActionName: action,
        EvalResourceName: input.ResourceArns![0],
        EvalDecision: denied ? ("implicitDeny" as const) : ("allowed" as const),
        MatchedStatements: denied ? [] : [{ SourcePolicyId: "mediaconvert-scoped-access", SourcePolicyType: "role" as const }],
      };
    });
    const size = options.pageSize ?? results.length;
    const start = Number(input.Marker ?? "0");
    const end = start + size;
    return { EvaluationResults: results.slice(start, end), IsTruncated: end < results.length, ...(end < results.length ? { Marker: String(end) } : {}) };
  });
  return calls;
}

/** Runs `verify --live` in-process in `dir` (relative paths are the working directory's, as for every command). */
async function verifyLive(jobs: readonly string[], options: { config?: string; roleName?: string } = {}) {
  const result = await runCliInProcess(["verify", ...jobs, "--role-name", options.roleName ?? ROLE, "--live", "--region", REGION, "--config", options.config ?? "config.json"], { cwd: dir });
  const lines = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));
  return { code: result.exitCode, out: lines(result.stdout), err: lines(result.stderr) };
}

describe("verify --live", () => {
  it("asks IAM's policy simulator about every access with its context keys, on the role's ARN, every page, and exits 0 when all are allowed", async () => {
    // GIVEN a deployed role that allows everything, one result a page
    const calls = mockRole({ pageSize: 1 });
    // WHEN
    const { code, out, err } = await verifyLive(["jobs/mp4-kms-acl.json"]);
    // THEN
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toBe(`verify: the deployed role "${ROLE}" (${ROLE_ARN}), through IAM's policy simulator`);
    expect(out).toContain("ok      jobs/mp4-kms-acl.json (job, 7 accesses allowed)");
    const firstPages = calls.filter((c) => c.Marker === undefined);
    expect(firstPages.every((c) => c.PolicySourceArn === ROLE_ARN)).toBe(true);
    expect(firstPages.find((c) => c.ResourceArns![0].includes(":kms:"))).toEqual({
      PolicySourceArn: ROLE_ARN,
      ActionNames: ["kms:Encrypt", "kms:GenerateDataKey"],
      ResourceArns: ["arn:aws:kms:eu-west-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"],
      ContextEntries: [{ ContextKeyName: "kms:ViaService", ContextKeyValues: ["s3.eu-west-1.amazonaws.com"], ContextKeyType: "string" }],
    });
    expect(firstPages.find((c) => c.ActionNames![0] === "s3:PutObjectAcl")!.ContextEntries).toEqual([
      { ContextKeyName: "s3:x-amz-acl", ContextKeyValues: ["bucket-owner-full-control"], ContextKeyType: "string" },
      { ContextKeyName: "aws:ResourceAccount", ContextKeyValues: ["111122223333"], ContextKeyType: "string" },
    ]);
    // the kms call's second result came on a second page
    expect(calls.filter((c) => c.ResourceArns![0].includes(":kms:")).map((c) => c.Marker)).toEqual([undefined, "1"]);
  });

  it("reports what the simulator denies with the config's fix, and exits 1", async () => {
    // GIVEN a deployed role without the Kantar secret
    mockRole({ denied: [["secretsmanager:GetSecretValue", SECRET]] });
    // WHEN
    const { code, out } = await verifyLive(["jobs/kantar.json"]);
    // THEN
    expect(code).toBe(1);
    expect(out).toContain(
      `  - Settings.KantarWatermark.CredentialsSecretName (Kantar credentials secret): secretsmanager:GetSecretValue on ${SECRET} is denied: no statement of the role's policies allows it (IAM policy simulator). Fix: add "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kantar/credentials" to stacks[0].roles[1].kantarSecretArns.`,
    );
  });

  it("evaluates the deployed trust policy read with GetRole: a role that trusts only another queue fails the job", async () => {
    // GIVEN a deployed role whose trust names only the premium queue
    const trust = roleDocuments({ ...CONFIG.stacks[0].roles[1], trustedQueueArns: [`arn:aws:mediaconvert:${REGION}:${ACCOUNT}:queues/premium`] }, { region: REGION, accountId: ACCOUNT }).trust;
    mockRole({ trust });
    // WHEN
    const { code, out } = await verifyLive(["jobs/cmaf.json", "jobs/dash-speke.json"]);
    // THEN
    expect(code).toBe(1);
    expect(out.filter((l) => /^(ok|FAILED)/.test(l))).toEqual(["FAILED  jobs/cmaf.json (job): 1 denied of 4 accesses", "ok      jobs/dash-speke.json: Job (job, 4 accesses allowed)"]);
    expect(out).toContain(
      `  - Queue (queue): sts:AssumeRole on ${ROLE_ARN} is denied: no statement of the trust policy lets mediaconvert.amazonaws.com call sts:AssumeRole with aws:SourceArn "arn:aws:mediaconvert:eu-west-1:111122223333:queues/Default" and aws:SourceAccount "111122223333". Fix: add "arn:aws:mediaconvert:eu-west-1:111122223333:queues/Default" to stacks[0].roles[1].trustedQueueArns.`,
    );
  });

  it("verifies a deployed role the config does not declare, naming IAM grants as fixes, and says the boundary was applied", async () => {
    // GIVEN the console's role, not in the config, with a boundary, denied the secret
    mockRole({ denied: [["secretsmanager:GetSecretValue", SECRET]], boundary: `arn:aws:iam::${ACCOUNT}:policy/media-boundary` });
    // WHEN
    fs.writeFileSync(path.join(dir, "other.json"), JSON.stringify({ stacks: [{ name: "media", region: REGION, accountId: ACCOUNT, roles: [{ roleName: "Encoder" }] }] }));
    const { code, out } = await verifyLive(["jobs/kantar.json"], { config: "other.json" });
    // THEN
    expect(code).toBe(1);
    expect(out).toEqual(
      expect.arrayContaining([
        `  - Settings.KantarWatermark.CredentialsSecretName (Kantar credentials secret): secretsmanager:GetSecretValue on ${SECRET} is denied: no statement of the role's policies allows it (IAM policy simulator). Fix: grant secretsmanager:GetSecretValue on ${SECRET} to the role.`,
        `Warning: the deployed role has the permissions boundary arn:aws:iam::${ACCOUNT}:policy/media-boundary: IAM's policy simulator applied it.`,
      ]),
    );
  });

  describe("errors", () => {
    const named = (name: string, message: string, attempts = 1) => Object.assign(new Error(message), { name, $metadata: { attempts } });
    it.each([
      [
        "no credentials",
        GetRoleCommand,
        named("CredentialsProviderError", "Could not load credentials from any providers"),
        `No AWS credentials were found for verifying the deployed role "${ROLE}": the SDK's standard chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws/config, SSO, web identity, container and instance roles) found none. Set AWS_PROFILE (or run "aws sso login" for it), then run verify --live again.`,
      ],
      [
        "access denied on SimulatePrincipalPolicy",
        SimulatePrincipalPolicyCommand,
        named("AccessDenied", "User: arn:aws:iam::111122223333:user/ci is not authorized to perform: iam:SimulatePrincipalPolicy"),
        `Access denied: iam:SimulatePrincipalPolicy on role "${ROLE}" was refused. verify --live calls iam:GetRole and iam:SimulatePrincipalPolicy on the role's ARN. Allow iam:SimulatePrincipalPolicy on it for the identity you run verify as ("aws sts get-caller-identity" names it), or run it as one that has it.`,
      ],
      [
        "no such role",
        GetRoleCommand,
        new NoSuchEntityException({ message: `The role with name ${ROLE} cannot be found.`, $metadata: {} }),
        `Role "${ROLE}" does not exist in the account of these credentials (IAM: NoSuchEntity). Check the name, and that the credentials belong to the role's account ("aws sts get-caller-identity"); leave --live out to verify the role as the config declares it.`,
      ],
      [
        "throttling after the SDK's retries",
        SimulatePrincipalPolicyCommand,
        named("Throttling", "Rate exceeded", 3),
        `IAM throttled iam:SimulatePrincipalPolicy for role "${ROLE}", and the SDK gave up after 3 attempts (it retries throttled calls with backoff): the account's IAM request rate is used up. Wait a minute and run verify --live again, or allow more attempts with AWS_MAX_ATTEMPTS.`,
      ],
    ] as const)("explains %s (exit 1)", async (_what, command, error, message) => {
      // GIVEN IAM failing on one call
      mockRole();
      iam.on(command as typeof GetRoleCommand).rejects(error);
      // WHEN
      const { code, out, err } = await verifyLive(["jobs/cmaf.json"]);
      // THEN the message alone, no stack trace
      expect({ code, out, err }).toEqual({ code: 1, out: [], err: [`Verify failed: ${message}`] });
    });
  });
});
