/**
 * End to end: the synth app's output, for the built-in default and for every config in
 * examples/, goes through `terraform init` (AWS provider from the local mirror), `validate` and
 * an offline `plan`; each plan must hold exactly the resources and values its config asks for.
 *
 * Expectations are derived from the config files with the rules stated below (from the AWS
 * documentation, see /work/shared/reference/aws-facts.md), not from lib/. A config field this file
 * does not model fails the test with a message saying so, rather than going unchecked.
 *
 * The synths run in beforeAll, in this process (the command line's `synth`, as bin/synth.js runs
 * it; one after the other, without a process start and a load of cdktf each), then every stack is
 * validated and planned in one Terraform run; each test waits only for the case it checks.
 */
import * as fs from "fs";
import * as path from "path";
import type { Config, RoleConfig, StackConfig } from "../lib/app";
import { OFFLINE_CALLER_ACCOUNT_ID, offlineAssumeRoleRequests } from "./support/offline-sts";
import { makeTempDir, REPO_ROOT } from "./support/paths";
import { validateAndPlanTogether } from "./support/plan-batches";
import { synthesizeApp, SynthesizedApp, SynthesizedStack } from "./support/synth-app";
import { TerraformPlan, ValidateResult } from "./support/terraform-plan";

/** The role the MediaConvert console creates and picks by default. */
const CONSOLE_ROLE_NAME = "MediaConvert_Default_Role";
/** The region of a stack that names none (the harness hides AWS_REGION from the app). */
const DEFAULT_REGION = "us-east-1";
const MEDIACONVERT_PRINCIPAL = "mediaconvert.amazonaws.com";
/** Waits for a whole parallel batch of synths and Terraform runs. */
const TERRAFORM_TIMEOUT_MS = 120_000;

/** Seconds in a Go duration as the config writes it ("1h", "45m", "1h30m"), as STS receives it. */
function durationSeconds(duration: string): number {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1 };
  const parts = [...duration.matchAll(/(\d+)([hms])/g)];
  if (parts.map((p) => p[0]).join("") !== duration) throw new Error(`This test reads durations of hours, minutes and seconds only; got ${JSON.stringify(duration)}.`);
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit], 0);
}

// ---------------------------------------------------------------------------------------------
// The cases: the default app, and every example config (new examples are covered automatically)

interface Case {
  readonly title: string;
  /** MEDIACONVERT_CONFIG for the app; undefined runs it without. */
  readonly configFile?: string;
  /** The config the app is expected to synthesize. */
  readonly config: Config;
}

const readConfig = (file: string): Config => JSON.parse(fs.readFileSync(file, "utf8")) as Config;

const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");
const REPO_CONFIG = path.join(REPO_ROOT, "mediaconvert.config.json");

/**
 * Without MEDIACONVERT_CONFIG the app reads mediaconvert.config.json at the repo root when a
 * developer has one, else its built-in default (one stack "mediaconvert", one console role).
 */
const defaultCase: Case = fs.existsSync(REPO_CONFIG)
  ? { title: "the app without MEDIACONVERT_CONFIG (repo's mediaconvert.config.json)", config: readConfig(REPO_CONFIG) }
  : { title: "the app without a config (built-in default)", config: { stacks: [{ name: "mediaconvert", roles: [{}] }] } };

const exampleCases: Case[] = fs
  .readdirSync(EXAMPLES_DIR)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => ({ title: `examples/${name}`, configFile: path.join(EXAMPLES_DIR, name), config: readConfig(path.join(EXAMPLES_DIR, name)) }));

const CASES: readonly Case[] = [defaultCase, ...exampleCases];

// ---------------------------------------------------------------------------------------------
// What a config asks for, stated independently of lib/

/** The config fields the expectations below take into account. */
const MODELLED_STACK_FIELDS = new Set(["name", "region", "accountId", "backend", "assumeRole", "defaultTags", "roles"]);
const MODELLED_ROLE_FIELDS = new Set([
  "roleName", "description", "access", "attachS3FullAccess", "attachApiGatewayInvokeFullAccess", "inputKmsKeyArns",
  "outputKmsKeyArns", "inputs", "outputs", "outputMultipartUpload", "spekeApiArns", "kantarSecretArns",
  "confusedDeputyProtection", "trustedQueueArns", "path", "permissionsBoundary", "maxSessionDuration", "tags",
  "exclusiveAttachments", "passRolePolicy", "preventDestroy", "accountId", "jobEncryptionKmsKeyArns",
]);

function unmodelledFields(stack: StackConfig): string[] {
  return [
    ...Object.keys(stack).filter((k) => !MODELLED_STACK_FIELDS.has(k)).map((k) => `stack field "${k}"`),
    ...stack.roles.flatMap((role) => Object.keys(role).filter((k) => !MODELLED_ROLE_FIELDS.has(k)).map((k) => `role field "${k}"`)),
  ];
}

/** Terraform resource names come from the role name: lower-cased, other characters as `_`. */
function resourceKey(roleName: string): string {
  const key = roleName.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  return /^[a-z_]/.test(key) ? key : `role_${key}`;
}

function partitionOfRegion(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

const sortedUnique = (values: readonly string[] = []): string[] => [...new Set(values)].sort();

/** Action → resources, the way the grant tests compare policies. */
type Grants = Record<string, string[]>;

function addGrant(grants: Grants, actions: readonly string[], resources: readonly string[]): void {
  for (const action of actions) grants[action] = sortedUnique([...(grants[action] ?? []), ...resources]);
}

/** Condition operator → key → sorted values. */
type Conditions = Record<string, Record<string, string[]>>;

interface ExpectedInlinePolicy {
  readonly address: string;
  readonly grants: Grants;
  /** `kms:ViaService` every KMS statement must be limited to, when KMS is used through S3 only. */
  readonly kmsViaService?: string;
}

interface ExpectedRole {
  readonly name: string;
  readonly key: string;
  /** Planned values of the aws_iam_role. */
  readonly roleValues: Readonly<Record<string, unknown>>;
  /** The trust statement's condition; undefined when it has none. */
  readonly trustCondition?: Conditions;
  /** The condition names MediaConvert queues. */
  readonly trustedQueues: boolean;
  /** Managed policy ARNs by the address of their attachment. */
  readonly attachments: Readonly<Record<string, string>>;
  readonly inlinePolicy?: ExpectedInlinePolicy;
  readonly exclusive: boolean;
  readonly passRolePolicy: boolean;
  readonly preventDestroy: boolean;
}

/**
 * Confused-deputy protection (MediaConvert User Guide): only MediaConvert acting for one account
 * (and for the named queues, when given) may assume the role: the stack's account, else the
 * role's, else the account Terraform deploys with (here the offline STS endpoint's).
 */
function trustCondition(stack: StackConfig, role: RoleConfig, partition: string): Conditions | undefined {
  if (role.confusedDeputyProtection === false) return undefined;
  const account = stack.accountId ?? role.accountId ?? OFFLINE_CALLER_ACCOUNT_ID;
  const queues = sortedUnique(role.trustedQueueArns);
  return {
    StringEquals: { "aws:SourceAccount": [account] },
    ArnLike: { "aws:SourceArn": queues.length > 0 ? queues : [`arn:${partition}:mediaconvert:*:${account}:*`] },
  };
}

/**
 * The console role's inline policy: kms:Decrypt on input keys, kms:GenerateDataKey on output keys
 * (and kms:Decrypt on them for multipart uploads); kms:Encrypt and kms:GenerateDataKey on keys
 * that jobs name in their S3 destination encryption settings.
 */
function fullAccessGrants(role: RoleConfig): Grants {
  const grants: Grants = {};
  if ((role.inputKmsKeyArns ?? []).length > 0) addGrant(grants, ["kms:Decrypt"], role.inputKmsKeyArns ?? []);
  if ((role.outputKmsKeyArns ?? []).length > 0) {
    addGrant(grants, role.outputMultipartUpload ? ["kms:GenerateDataKey", "kms:Decrypt"] : ["kms:GenerateDataKey"], role.outputKmsKeyArns ?? []);
  }
  if ((role.jobEncryptionKmsKeyArns ?? []).length > 0) addGrant(grants, ["kms:Encrypt", "kms:GenerateDataKey"], role.jobEncryptionKmsKeyArns ?? []);
  return grants;
}

/**
 * Least privilege: read objects under each input prefix, write objects under each output
 * prefix (and set their ACL when allowed), list and locate those buckets; each bucket's key for
 * decrypting inputs and generating data keys for outputs (also decrypting them for multipart
 * uploads); invoke the SPEKE APIs (a bare API id means all its stages and routes); read the Kantar secrets.
 */
function scopedGrants(role: RoleConfig, partition: string): Grants {
  const grants: Grants = {};
  const bucketArn = (bucket: string): string => `arn:${partition}:s3:::${bucket}`;
  const objectsArn = (l: { bucket: string; prefix?: string }): string => `${bucketArn(l.bucket)}/${l.prefix ?? ""}*`;
  for (const input of role.inputs ?? []) {
    addGrant(grants, ["s3:GetObject"], [objectsArn(input)]);
    addGrant(grants, ["s3:ListBucket", "s3:GetBucketLocation"], [bucketArn(input.bucket)]);
    if (input.kmsKeyArn !== undefined) addGrant(grants, ["kms:Decrypt"], [input.kmsKeyArn]);
  }
  for (const output of role.outputs ?? []) {
    addGrant(grants, output.allowAcl ? ["s3:PutObject", "s3:PutObjectAcl"] : ["s3:PutObject"], [objectsArn(output)]);
    addGrant(grants, ["s3:ListBucket", "s3:GetBucketLocation"], [bucketArn(output.bucket)]);
    if (output.kmsKeyArn !== undefined) {
      addGrant(grants, role.outputMultipartUpload ? ["kms:GenerateDataKey", "kms:Decrypt"] : ["kms:GenerateDataKey"], [output.kmsKeyArn]);
    }
  }
  if ((role.jobEncryptionKmsKeyArns ?? []).length > 0) addGrant(grants, ["kms:Encrypt", "kms:GenerateDataKey"], role.jobEncryptionKmsKeyArns ?? []);
  const speke = (role.spekeApiArns ?? []).map((arn) => (/:[a-z0-9]{10}$/.test(arn) ? `${arn}/*` : arn));
  if (speke.length > 0) addGrant(grants, ["execute-api:Invoke"], speke);
  if ((role.kantarSecretArns ?? []).length > 0) addGrant(grants, ["secretsmanager:GetSecretValue"], role.kantarSecretArns ?? []);
  return grants;
}

function expectedRole(stack: StackConfig, role: RoleConfig): ExpectedRole {
  const region = stack.region ?? DEFAULT_REGION;
  const partition = partitionOfRegion(region);
  const name = role.roleName ?? CONSOLE_ROLE_NAME;
  const key = resourceKey(name);
  const scoped = role.access === "scoped";

  const attachments: Record<string, string> = {};
  const managed = (policy: string): string => `arn:${partition}:iam::aws:policy/${policy}`;
  if (!scoped && (role.attachS3FullAccess ?? true)) {
    attachments[`aws_iam_role_policy_attachment.${key}_s3_full_access`] = managed("AmazonS3FullAccess");
  }
  if (!scoped && (role.attachApiGatewayInvokeFullAccess ?? true)) {
    attachments[`aws_iam_role_policy_attachment.${key}_api_gateway_invoke_full_access`] = managed("AmazonAPIGatewayInvokeFullAccess");
  }

  const grants = scoped ? scopedGrants(role, partition) : fullAccessGrants(role);
  const inlinePolicy: ExpectedInlinePolicy | undefined =
    Object.keys(grants).length === 0
      ? undefined
      : {
          address: `aws_iam_role_policy.${key}_${scoped ? "scoped" : "kms"}`,
          grants,
          ...(scoped ? { kmsViaService: `s3.${region}.amazonaws.com` } : {}),
        };

  return {
    name,
    key,
    roleValues: {
      name,
      description: role.description ?? null,
      path: role.path ?? "/",
      max_session_duration: role.maxSessionDuration ?? 3600,
      permissions_boundary: role.permissionsBoundary ?? null,
      tags: role.tags ?? null,
      // The provider merges default_tags under the role's own tags: the role's value wins. With
      // no tags at all, the plan leaves tags_all unknown.
      ...(stack.defaultTags || role.tags ? { tags_all: { ...(stack.defaultTags ?? {}), ...(role.tags ?? {}) } } : {}),
    },
    trustCondition: trustCondition(stack, role, partition),
    trustedQueues: (role.trustedQueueArns ?? []).length > 0,
    attachments,
    inlinePolicy,
    exclusive: role.exclusiveAttachments ?? false,
    passRolePolicy: role.passRolePolicy ?? false,
    preventDestroy: role.preventDestroy ?? false,
  };
}

function expectedAddresses(roles: readonly ExpectedRole[]): string[] {
  return roles
    .flatMap((role) => [
      `aws_iam_role.${role.key}`,
      ...Object.keys(role.attachments),
      ...(role.inlinePolicy ? [role.inlinePolicy.address] : []),
      ...(role.exclusive
        ? [
            `aws_iam_role_policy_attachments_exclusive.${role.key}_attachments_exclusive`,
            `aws_iam_role_policies_exclusive.${role.key}_policies_exclusive`,
          ]
        : []),
      ...(role.passRolePolicy ? [`aws_iam_policy.${role.key}_pass_role`] : []),
    ])
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Reading policy documents: walk the parsed statements

type StringOrList = string | string[];

interface Statement {
  Effect: string;
  Action?: StringOrList;
  Resource?: StringOrList;
  Principal?: unknown;
  Condition?: Record<string, Record<string, StringOrList>>;
}

const asList = (value: StringOrList | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function statementsOf(policyJson: unknown): Statement[] {
  if (typeof policyJson !== "string") throw new Error(`Expected a policy document as a JSON string, got ${JSON.stringify(policyJson)}.`);
  const doc = JSON.parse(policyJson) as { Statement: Statement | Statement[] };
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}

function normalizeConditions(condition: Statement["Condition"]): Conditions | undefined {
  if (condition === undefined) return undefined;
  const out: Conditions = {};
  for (const [operator, entries] of Object.entries(condition)) {
    out[operator] = {};
    for (const [key, value] of Object.entries(entries)) out[operator][key] = sortedUnique(asList(value));
  }
  return out;
}

/** Action → sorted resources over the statements of a policy (all of which must allow). */
function grantsOf(statements: readonly Statement[]): Grants {
  const grants: Grants = {};
  for (const statement of statements) {
    expect(statement.Effect).toBe("Allow");
    addGrant(grants, asList(statement.Action), asList(statement.Resource));
  }
  return grants;
}

// ---------------------------------------------------------------------------------------------
// Running the cases

interface StackOutcome {
  readonly stack: SynthesizedStack;
  readonly validation: ValidateResult;
  readonly plan: TerraformPlan;
}

interface CaseOutcome {
  readonly app: SynthesizedApp;
  readonly stacks: ReadonlyMap<string, StackOutcome>;
}

/**
 * Every synthesized stack of every case is validated and planned in ONE Terraform run (each
 * stack a child module of a generated root; see validateAndPlanTogether). Byte-identical stacks
 * (the built-in default and examples/console-default.json) are planned once.
 */
async function planAll(apps: readonly SynthesizedApp[]): Promise<Map<string, Omit<StackOutcome, "stack">>> {
  const memberOf = new Map<string, string>();
  const members: { name: string; dir: string }[] = [];
  for (const stack of apps.flatMap((a) => a.stacks)) {
    const content = fs.readFileSync(path.join(stack.dir, "cdk.tf.json"), "utf8");
    if (!memberOf.has(content)) {
      const name = `stack_${members.length}`;
      members.push({ name, dir: stack.dir });
      memberOf.set(content, name);
    }
  }
  const planned = await validateAndPlanTogether(members);
  const byDir = new Map<string, Omit<StackOutcome, "stack">>();
  for (const stack of apps.flatMap((a) => a.stacks)) {
    const content = fs.readFileSync(path.join(stack.dir, "cdk.tf.json"), "utf8");
    byDir.set(stack.dir, planned.get(memberOf.get(content)!)!);
  }
  return byDir;
}

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

let workRoot: string;
const outcomes = new Map<Case, Promise<Settled<CaseOutcome>>>();

/** State and lock files at the repo root, where the default local backend points. */
function repoStateFiles(): string[] {
  return fs.readdirSync(REPO_ROOT).filter((name) => /^\.?terraform\..+\.tfstate/.test(name));
}
let stateFilesBefore: string[];

beforeAll(() => {
  stateFilesBefore = repoStateFiles();
  workRoot = makeTempDir("mediaconvert-e2e");
  const synths = CASES.map((testCase, i) => {
    const workDir = path.join(workRoot, `case-${i}`);
    fs.mkdirSync(workDir);
    return synthesizeApp({ outdir: path.join(workDir, "cdktf.out"), configFile: testCase.configFile, inProcess: true });
  });
  // One batch for the stacks of every case that synthesized; a case whose synth failed fails alone.
  const batch = Promise.allSettled(synths).then((settled) =>
    planAll(settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []))),
  );
  CASES.forEach((testCase, i) => {
    const outcome = Promise.all([synths[i], batch]).then(([app, plans]) => ({
      app,
      stacks: new Map(app.stacks.map((stack) => [stack.name, { stack, ...plans.get(stack.dir)! }])),
    }));
    outcomes.set(testCase, settle(outcome));
  });
});

afterAll(async () => {
  await Promise.all(outcomes.values());
  fs.rmSync(workRoot, { recursive: true, force: true });
});

async function outcomeOf(testCase: Case): Promise<CaseOutcome> {
  const settled = await outcomes.get(testCase);
  if (settled === undefined) throw new Error(`No run was started for ${testCase.title}.`);
  if (!settled.ok) throw settled.error;
  return settled.value;
}

async function stackOutcome(testCase: Case, stackName: string): Promise<StackOutcome> {
  const outcome = await outcomeOf(testCase);
  const stack = outcome.stacks.get(stackName);
  if (!stack) throw new Error(`${testCase.title}: no stack "${stackName}" was synthesized; got ${[...outcome.stacks.keys()].join(", ")}.`);
  return stack;
}

/** A top-level block of a synthesized stack, e.g. `resource` or `terraform`. */
function block<T>(stack: SynthesizedStack, name: string): T {
  return stack.json[name] as T;
}

// ---------------------------------------------------------------------------------------------
// The tests

describe.each(CASES.map((c) => [c.title, c] as const))("%s", (_title, testCase) => {
  it(
    "synthesizes one Terraform stack per config stack",
    async () => {
      // GIVEN
      const expected = testCase.config.stacks.map((s) => s.name).sort();
      // WHEN
      const { app } = await outcomeOf(testCase);
      // THEN
      expect(app.stacks.map((s) => s.name).sort()).toEqual(expected);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  describe.each(testCase.config.stacks.map((s) => [s.name, s] as const))("stack %s", (stackName, stackConfig) => {
    const region = stackConfig.region ?? DEFAULT_REGION;
    const roles = stackConfig.roles.map((role) => expectedRole(stackConfig, role));

    it("uses only config fields these expectations model", () => {
      // GIVEN / WHEN
      const unmodelled = unmodelledFields(stackConfig);
      // THEN: a new field needs its expectation here (expectedRole) before it is covered.
      expect(unmodelled).toEqual([]);
    });

    it(
      "passes terraform validate",
      async () => {
        // GIVEN / WHEN
        const { validation } = await stackOutcome(testCase, stackName);
        // THEN
        expect(validation.diagnostics).toEqual([]);
        expect(validation.valid).toBe(true);
      },
      TERRAFORM_TIMEOUT_MS,
    );

    it(
      "plans to create exactly the resources the roles' settings call for",
      async () => {
        // GIVEN
        const expected = expectedAddresses(roles);
        // WHEN
        const { plan: planned } = await stackOutcome(testCase, stackName);
        // THEN
        expect(planned.addresses).toEqual(expected);
        for (const address of expected) expect(planned.resource(address).actions).toEqual(["create"]);
      },
      TERRAFORM_TIMEOUT_MS,
    );

    it(
      `configures the AWS provider for ${region}${stackConfig.accountId ? ` and only account ${stackConfig.accountId}` : ""}`,
      async () => {
        // GIVEN / WHEN
        const { plan: planned, stack } = await stackOutcome(testCase, stackName);
        // THEN
        expect(planned.providerArgument("aws", "region")).toBe(region);
        // The offline override clears allowed_account_ids for planning, so read it as synthesized.
        const providers = block<{ aws: { allowed_account_ids?: string[] }[] }>(stack, "provider").aws;
        expect(providers.map((p) => p.allowed_account_ids)).toEqual([stackConfig.accountId ? [stackConfig.accountId] : undefined]);
      },
      TERRAFORM_TIMEOUT_MS,
    );

    it(
      stackConfig.assumeRole
        ? "renders the assume_role block the config names, and the plan assumes that role (through the offline STS endpoint)"
        : "renders no assume_role block",
      async () => {
        // GIVEN
        const assumeRole = stackConfig.assumeRole;
        // WHEN
        const { stack } = await stackOutcome(testCase, stackName);
        const providers = block<{ aws: { assume_role?: unknown }[] }>(stack, "provider").aws;
        // THEN
        expect(providers.map((p) => p.assume_role)).toEqual([
          assumeRole
            ? [
                {
                  role_arn: assumeRole.roleArn,
                  ...(assumeRole.sessionName !== undefined ? { session_name: assumeRole.sessionName } : {}),
                  ...(assumeRole.externalId !== undefined ? { external_id: assumeRole.externalId } : {}),
                  ...(assumeRole.duration !== undefined ? { duration: assumeRole.duration } : {}),
                },
              ]
            : undefined,
        ]);
        if (assumeRole) {
          expect(offlineAssumeRoleRequests()).toContainEqual({
            roleArn: assumeRole.roleArn,
            sessionName: assumeRole.sessionName ?? expect.any(String),
            ...(assumeRole.externalId !== undefined ? { externalId: assumeRole.externalId } : {}),
            ...(assumeRole.duration !== undefined ? { durationSeconds: durationSeconds(assumeRole.duration) } : {}),
          });
        }
      },
      TERRAFORM_TIMEOUT_MS,
    );

    it(
      `keeps state in the ${stackConfig.backend?.type ?? "local"} backend the config names`,
      async () => {
        // GIVEN
        const backend = stackConfig.backend ?? { type: "local" as const };
        // WHEN: planning replaced the backend with local state in its temporary copy, so read it as synthesized.
        const { stack } = await stackOutcome(testCase, stackName);
        const terraform = block<{ backend?: Record<string, Record<string, unknown>>; cloud?: Record<string, unknown> }>(stack, "terraform");
        // THEN
        switch (backend.type) {
          case "local":
            expect(Object.keys(terraform.backend ?? {})).toEqual(["local"]);
            expect(path.basename(String(terraform.backend?.local.path))).toBe(`terraform.${stackName}.tfstate`);
            break;
          case "s3":
            expect(Object.keys(terraform.backend ?? {})).toEqual(["s3"]);
            expect(terraform.backend?.s3).toMatchObject({
              bucket: backend.bucket,
              key: backend.key,
              region: backend.region,
              ...(backend.useLockfile !== undefined ? { use_lockfile: backend.useLockfile } : {}),
              ...(backend.encrypt !== undefined ? { encrypt: backend.encrypt } : {}),
              ...(backend.dynamodbTable !== undefined ? { dynamodb_table: backend.dynamodbTable } : {}),
            });
            break;
          case "cloud":
            expect(terraform.backend).toBeUndefined();
            expect(terraform.cloud).toMatchObject({ organization: backend.organization });
            break;
        }
      },
      TERRAFORM_TIMEOUT_MS,
    );

    describe.each(roles.map((r) => [r.name, r] as const))("role %s", (roleName, role) => {
      it(
        stackConfig.defaultTags
          ? "plans the role with the configured name, description, path, session duration, boundary and tags, and tags_all as the stack's default tags under the role's own"
          : "plans the role with the configured name, description, path, session duration, boundary and tags",
        async () => {
          // GIVEN / WHEN
          const { plan: planned } = await stackOutcome(testCase, stackName);
          // THEN
          expect(planned.resource(`aws_iam_role.${role.key}`).values).toMatchObject(role.roleValues);
        },
        TERRAFORM_TIMEOUT_MS,
      );

      it(
        role.trustCondition
          ? `lets only MediaConvert acting for this account${role.trustedQueues ? " and its named queues" : ""} assume the role`
          : "lets only MediaConvert assume the role, without account conditions",
        async () => {
          // GIVEN / WHEN
          const { plan: planned } = await stackOutcome(testCase, stackName);
          const trust = statementsOf(planned.resource(`aws_iam_role.${role.key}`).values.assume_role_policy);
          // THEN
          expect(
            trust.map((s) => ({ effect: s.Effect, principal: s.Principal, actions: asList(s.Action), condition: normalizeConditions(s.Condition) })),
          ).toEqual([{ effect: "Allow", principal: { Service: MEDIACONVERT_PRINCIPAL }, actions: ["sts:AssumeRole"], condition: role.trustCondition }]);
        },
        TERRAFORM_TIMEOUT_MS,
      );

      it(
        Object.keys(role.attachments).length > 0
          ? `attaches the requested AWS managed policies with ARNs of partition ${partitionOfRegion(region)}`
          : "attaches no AWS managed policy",
        async () => {
          // GIVEN / WHEN
          const { plan: planned } = await stackOutcome(testCase, stackName);
          const attached = planned.resources.filter((r) => r.type === "aws_iam_role_policy_attachment" && r.values.role === roleName);
          // THEN
          expect(attached.map((r) => r.address).sort()).toEqual(Object.keys(role.attachments).sort());
          for (const [address, policyArn] of Object.entries(role.attachments)) {
            expect(planned.resource(address).values).toEqual({ role: roleName, policy_arn: policyArn });
          }
        },
        TERRAFORM_TIMEOUT_MS,
      );

      const inline = role.inlinePolicy;
      it(
        inline
          ? `grants in ${inline.address} exactly the actions on exactly the resources the config names`
          : "plans no inline policy when the config names nothing to grant",
        async () => {
          // GIVEN / WHEN
          const { plan: planned } = await stackOutcome(testCase, stackName);
          const candidates = [`aws_iam_role_policy.${role.key}_kms`, `aws_iam_role_policy.${role.key}_scoped`];
          const policies = planned.resources.filter((r) => candidates.includes(r.address));
          // THEN
          expect(policies.map((p) => p.address)).toEqual(inline ? [inline.address] : []);
          if (!inline) return;
          const statements = statementsOf(policies[0].values.policy);
          expect(grantsOf(statements)).toEqual(inline.grants);
          if (inline.kmsViaService === undefined) return;
          for (const statement of statements.filter((s) => asList(s.Action).some((a) => a.startsWith("kms:")))) {
            expect(normalizeConditions(statement.Condition)).toEqual({ StringEquals: { "kms:ViaService": [inline.kmsViaService] } });
          }
        },
        TERRAFORM_TIMEOUT_MS,
      );

      if (role.exclusive) {
        it(
          "makes Terraform the only owner of the role's attachments and inline policies",
          async () => {
            // GIVEN / WHEN
            const { plan: planned } = await stackOutcome(testCase, stackName);
            const attachments = planned.resource(`aws_iam_role_policy_attachments_exclusive.${role.key}_attachments_exclusive`).values;
            const policies = planned.resource(`aws_iam_role_policies_exclusive.${role.key}_policies_exclusive`).values;
            // THEN
            expect(attachments.role_name).toBe(roleName);
            expect([...(attachments.policy_arns as string[])].sort()).toEqual(Object.values(role.attachments).sort());
            expect(policies.role_name).toBe(roleName);
            const inlineNames = role.inlinePolicy ? [planned.resource(role.inlinePolicy.address).values.name] : [];
            expect(policies.policy_names).toEqual(inlineNames);
          },
          TERRAFORM_TIMEOUT_MS,
        );
      }

      it(
        role.preventDestroy ? "sets prevent_destroy on the role" : "leaves the role destroyable (no prevent_destroy)",
        async () => {
          // GIVEN / WHEN
          const { stack } = await stackOutcome(testCase, stackName);
          // THEN: lifecycle is not part of the plan's JSON, so read it as synthesized.
          const resources = block<{ aws_iam_role: Record<string, { lifecycle?: { prevent_destroy?: boolean } }> }>(stack, "resource");
          expect(resources.aws_iam_role[role.key].lifecycle?.prevent_destroy ?? false).toBe(role.preventDestroy);
        },
        TERRAFORM_TIMEOUT_MS,
      );

      it(
        role.passRolePolicy
          ? "outputs the role's name, and its ARN and its pass-role policy's ARN once applied"
          : "outputs the role's name, and its ARN once applied",
        async () => {
          // GIVEN / WHEN
          const { plan: planned } = await stackOutcome(testCase, stackName);
          // THEN
          expect(planned.outputs[`${role.key}_role_name`]).toEqual({ known: true, value: roleName, sensitive: false });
          expect(planned.outputs[`${role.key}_role_arn`]).toEqual({ known: false, sensitive: false });
          expect(planned.outputs[`${role.key}_pass_role_policy_arn`]).toEqual(
            role.passRolePolicy ? { known: false, sensitive: false } : undefined,
          );
        },
        TERRAFORM_TIMEOUT_MS,
      );
    });
  });
});

it(
  "leaves no Terraform state or lock file in the repository",
  async () => {
    // GIVEN: every case has synthesized and planned
    await Promise.all(outcomes.values());
    // WHEN
    const after = repoStateFiles();
    // THEN
    expect(after).toEqual(stateFilesBefore);
  },
  TERRAFORM_TIMEOUT_MS,
);
