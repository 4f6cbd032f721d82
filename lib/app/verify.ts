/**
 * The verify command's logic: whether a role, as its config declares it (or, with `--live`, as
 * it is deployed), lets MediaConvert run the jobs and job templates read. Every access every job
 * needs (lib/jobs) is checked, each action on its resource with the request context it carries:
 * against the role's own documents with the evaluator (lib/core/evaluate.ts; no AWS, no cdktf), or
 * through IAM's policy simulator. The trust policy is checked for each queue a job runs in. Each
 * denial comes with the config change that fixes it. What the jobs cannot show (bucket default
 * keys, the key of client-side encrypted inputs) is reported with the option that supplies it,
 * not counted as a denial. Nothing is written.
 */
import type { IAMClient } from "@aws-sdk/client-iam";
import { formatArn, splitArn, type Partition } from "../core/arn";
import {
  awsManagedPolicy,
  evaluateIdentityPolicies,
  evaluateTrustPolicy,
  UnsupportedPolicyError,
  type Boundary,
  type Decision,
  type NamedPolicy,
  type PolicyRequest,
  type StatementRef,
} from "../core/evaluate";
import { quote } from "../core/messages";
import { sdkFailure } from "../core/sdk-failures";
import { MEDIACONVERT_SERVICE_PRINCIPAL } from "../core/policies";
import { defaultRegion } from "../core/regions";
import { roleDocuments, type RoleDocuments } from "../core/role-documents";
import type { MediaConvertRoleProps } from "../core/role-props";
import { ANY_BUCKET_OWNER, DEFAULT_ROLE_NAME } from "../core/rules";
import {
  accessResourceArn,
  extractAccesses,
  folderOf,
  readJobDocuments,
  type Access,
  type AccessOrigin,
  type AccessReport,
  type Note,
  type Undecidable,
} from "../jobs";
import type { Config } from "./config";
import { resolveConfig } from "./config-source";

// ---------------------------------------------------------------------------------------------
// The report

/** What one check decided: the role allows it, denies it, or it cannot be decided (and why). */
export type CheckResult = "allowed" | "denied" | "undecided";

/** One action of one access of a job, and what the role does with it. */
export interface AccessCheck {
  /** The kind of access (`s3:read`, `s3:write`, `s3:acl`, `kms`, `execute-api`, `secret`, `events:connection`, `queue`). */
  readonly kind: Access["kind"];
  readonly action: string;
  /** The resource's ARN; a key prefix is checked as its pattern (`arn:aws:s3:::bucket/prefix*`), which a policy allows only when it allows every key under the prefix. */
  readonly resource: string;
  /** The request context the call carries. */
  readonly context: Readonly<Record<string, string>>;
  /** Where the job's settings need it. */
  readonly origins: readonly AccessOrigin[];
  readonly result: CheckResult;
  /** Why: the statement that allowed or denied, or that none allows. */
  readonly reason: string;
  /** The statement that decided, when one did. */
  readonly statement?: StatementRef;
  /** For a denial: the config change that fixes it. */
  readonly fix?: string;
}

/** Something the jobs cannot show, with the option that supplies it (not a denial). */
export interface UndecidableReport {
  readonly kind: Undecidable["kind"];
  readonly subject: string;
  readonly text: string;
  /** What the config says about it, when it says something. */
  readonly config?: string;
  /** The jobs and templates it concerns. */
  readonly entries: readonly string[];
}

/** The verdict on one job or job template. */
export interface EntryVerdict {
  /** `<file>` or `<file>: Jobs[3]`. */
  readonly entry: string;
  readonly kind: "job" | "template";
  /** True when every check allows. */
  readonly canRun: boolean;
  readonly checks: readonly AccessCheck[];
  /** Set when the job names a job template that was not read: its accesses from the template are unknown. */
  readonly unresolvedTemplate?: string;
}

/** The role verified. */
export interface VerifiedRole {
  readonly name: string;
  /** "config": the role's documents from the config; "live": the deployed role, through IAM's policy simulator. */
  readonly source: "config" | "live";
  readonly configFile?: string;
  readonly stack?: string;
  /** The role's JSON path in the config: `stacks[0].roles[1]`. */
  readonly configPath?: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly arn?: string;
  readonly access?: "full" | "scoped";
}

/** The whole report; `--json` prints it. */
export interface VerifyReport {
  readonly role: VerifiedRole;
  /** True when every job and template can run (exit 0). */
  readonly canRun: boolean;
  readonly summary: { readonly entries: number; readonly canRun: number; readonly cannotRun: number };
  readonly entries: readonly EntryVerdict[];
  readonly undecidables: readonly UndecidableReport[];
  /** What needs no grant (HTTP inputs, URLs off API Gateway, ...), as the jobs layer says it. */
  readonly notes: readonly { readonly kind: Note["kind"]; readonly text: string; readonly entries: readonly string[] }[];
  /** Every fix, once, in the order of the denials. */
  readonly fixes: readonly string[];
  /** What the verdicts rest on (a boundary known only by ARN, an assumed deploying account). */
  readonly warnings: readonly string[];
}

/** A mistake in the command's arguments (an unknown role or stack): exit 2. */
export class VerifyUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VerifyUsageError";
  }
}

/** A failure of `--live` the user can fix (credentials, permissions, the role's name): exit 1. */
export class VerifyLiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VerifyLiveError";
  }
}

// ---------------------------------------------------------------------------------------------
// Finding the role in the config

/** A role of the config, where it is, and where it lives. */
export interface ConfigRole {
  readonly file: string;
  readonly stack: string;
  readonly stackIndex: number;
  readonly roleIndex: number;
  readonly props: MediaConvertRoleProps;
  readonly region: string;
  readonly accountId?: string;
}

const roleNameOf = (props: MediaConvertRoleProps): string => props.roleName ?? DEFAULT_ROLE_NAME;
const list = (items: readonly string[]): string => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/**
 * The role named `roleName` (not case-sensitive, as IAM names are) in the config, in `stack` when
 * given. Throws {@link VerifyUsageError} naming what the config has when the name is not there,
 * or is in several stacks and no stack is given.
 */
export function findConfigRole(config: Config, file: string, roleName: string, stack: string | undefined, env: NodeJS.ProcessEnv): ConfigRole {
  const all = config.stacks.flatMap((s, stackIndex) =>
    s.roles.map((props, roleIndex) => ({ stack: s.name, stackIndex, roleIndex, props, region: s.region ?? defaultRegion(env), accountId: s.accountId ?? props.accountId })),
  );
  const inScope = stack === undefined ? all : all.filter((r) => r.stack === stack);
  if (stack !== undefined && !config.stacks.some((s) => s.name === stack)) {
    throw new VerifyUsageError(messages.unknownStack(stack, file, config.stacks.map((s) => s.name)));
  }
  const found = inScope.filter((r) => roleNameOf(r.props).toLowerCase() === roleName.toLowerCase());
  if (found.length === 0) {
    const names = inScope.map((r) => `${quote(roleNameOf(r.props))}${stack === undefined ? ` (stack ${quote(r.stack)})` : ""}`);
    throw new VerifyUsageError(messages.unknownRole(roleName, file, stack, names));
  }
  if (found.length > 1) {
    throw new VerifyUsageError(messages.roleInSeveralStacks(roleName, file, found.map((r) => `${quote(r.stack)} (stacks[${r.stackIndex}].roles[${r.roleIndex}])`)));
  }
  return { file, ...found[0] };
}

// ---------------------------------------------------------------------------------------------
// Deciding

/** One request to decide, as a check needs it. */
interface Probe extends PolicyRequest {
  readonly context: Readonly<Record<string, string>>;
}

/** What decides the identity side: the evaluator on the config's documents, or IAM's simulator. */
interface Decider {
  /** Decides every probe; the result is in the order given. */
  identity(probes: readonly Probe[]): Promise<{ decision: Decision | "undecided"; reason: string; statement?: StatementRef }[]>;
  /** The trust policy to evaluate for a queue in `account`. */
  trust(account: string | undefined): NamedPolicy;
}

function configDecider(docs: RoleDocuments, docsFor: (account: string) => RoleDocuments): Decider {
  const policies: NamedPolicy[] = [
    ...docs.inlinePolicies.map((p) => ({ name: p.name, document: p.document })),
    ...docs.managedPolicyArns.map((arn) => awsManagedPolicy(arn) ?? { name: arn, document: { Version: "2012-10-17", Statement: [] } }),
  ];
  const boundary: Boundary | undefined = docs.permissionsBoundary !== undefined ? { arn: docs.permissionsBoundary } : undefined;
  return {
    identity: async (probes) =>
      probes.map((p) => {
        const e = evaluateIdentityPolicies(policies, p, boundary);
        return { decision: e.decision, reason: e.reason, ...(e.statement !== undefined ? { statement: e.statement } : {}) };
      }),
    trust: (account) => ({ name: "trust policy", document: (account === undefined || docs.trustedAccount !== undefined || !docs.confusedDeputyProtection ? docs : docsFor(account)).trust }),
  };
}

// ---------------------------------------------------------------------------------------------
// Fixes

const json = (value: unknown): string => JSON.stringify(value).replace(/":/g, '": ').replace(/,"/g, ', "');

/** The config change that lets the role make a denied call, or what to do when no option of the config can. */
function fixFor(access: Access, action: string, resource: string, role: ConfigRole | undefined, docs: RoleDocuments | undefined): string {
  if (role === undefined || docs === undefined) return `grant ${action} on ${resource} to the role`;
  const at = `stacks[${role.stackIndex}].roles[${role.roleIndex}]`;
  const props = role.props;
  const scoped = (props.access ?? "full") === "scoped";
  const add = (value: unknown, key: string): string => `add ${json(value)} to ${at}.${key}`;
  const location = (bucket: string, prefix: string, extra: Record<string, unknown> = {}) => ({ bucket, ...(prefix !== "" ? { prefix } : {}), ...extra });
  switch (access.kind) {
    case "s3:read":
      if (!scoped) return messages.fixManaged(at, "attachS3FullAccess");
      return add(location(access.bucket, access.match === "prefix" ? access.key : folderOf(access.key)), "inputs");
    case "s3:write":
      if (!scoped) return messages.fixManaged(at, "attachS3FullAccess");
      return add(location(access.bucket, access.prefix), "outputs");
    case "s3:acl": {
      if (!scoped) return messages.fixManaged(at, "attachS3FullAccess");
      const index = (props.outputs ?? []).findIndex((o) => o.bucket === access.bucket && access.prefix.startsWith(o.prefix ?? "") && o.allowAcl !== true);
      if (index >= 0) return `set "allowAcl": true on ${at}.outputs[${index}]`;
      return add(location(access.bucket, access.prefix, { allowAcl: true }), "outputs");
    }
    case "kms":
      if (access.via === "s3") return add(access.keyArn, "jobEncryptionKmsKeyArns");
      return messages.fixNoOption(action, resource, "a C2PA signing key");
    case "execute-api": {
      if (!scoped) return messages.fixManaged(at, "attachApiGatewayInvokeFullAccess");
      const api = splitArn(resource);
      return add(api === undefined ? resource : formatArn({ ...api, resource: access.apiId }), "spekeApiArns");
    }
    case "secret":
      if (access.match === "prefix") return messages.fixNoOption(action, resource, "the secret of an EventBridge connection");
      return add(access.match === "random-suffix" ? resource.slice(0, -"-??????".length) : resource, "kantarSecretArns");
    case "events:connection":
      return messages.fixNoOption(action, resource, "an EventBridge connection");
    case "queue": {
      const queueAccount = access.context["aws:SourceAccount"];
      const pinned = docs.trustedAccount;
      if (docs.confusedDeputyProtection && pinned !== undefined && queueAccount !== undefined && queueAccount !== pinned) {
        return messages.fixOtherAccount(queueAccount, pinned, role.accountId !== undefined ? `stacks[${role.stackIndex}].accountId` : `${at}.accountId`);
      }
      const arn = access.context["aws:SourceArn"];
      if ((props.trustedQueueArns ?? []).length > 0 && arn !== undefined) return add(arn, "trustedQueueArns");
      return `let MediaConvert assume the role for this queue: check ${at}.trustedQueueArns and confusedDeputyProtection`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Checking every access of every entry

interface PendingCheck {
  readonly entry: number;
  readonly access: Access;
  readonly origins: readonly AccessOrigin[];
  readonly action: string;
  readonly resource?: string;
  readonly context: Readonly<Record<string, string>>;
  /** Set when the check is decided before asking (an unknown ARN part, the trust policy). */
  readonly decided?: { result: CheckResult; reason: string; statement?: StatementRef };
}

/** The resource a check asks about: the access's ARN, with what the config shows filled in. */
function resourceOf(access: Access, scope: { partition?: Partition; region?: string; accountId?: string }, role: ConfigRole | undefined): string | undefined {
  if (access.kind === "execute-api" && access.accountId === undefined && scope.accountId === undefined) {
    // The job does not show the API's account: the config's SPEKE API of the same id does.
    const named = (role?.props.spekeApiArns ?? []).map(splitArn).find((p) => p !== undefined && p.resource.split("/")[0] === access.apiId);
    if (named !== undefined) return accessResourceArn(access, { accountId: named.accountId });
  }
  const arn = accessResourceArn(access, scope);
  if (arn === undefined || access.kind !== "secret" || access.match !== "random-suffix") return arn;
  // A secret named without its random suffix: the config's ARN of that name (with its suffix) is the secret.
  const prefix = arn.slice(0, -"??????".length);
  return (role?.props.kantarSecretArns ?? []).find((s) => s.startsWith(prefix) && /^[A-Za-z0-9]{6}$/.test(s.slice(prefix.length))) ?? arn;
}

/** What IAM needs to decide the trust policy for a queue, or why it cannot. */
function trustCheck(access: Extract<Access, { kind: "queue" }>, decider: Decider, docs: RoleDocuments | undefined, roleArn: string): PendingCheck["decided"] {
  const context = access.context;
  if (docs !== undefined && !docs.confusedDeputyProtection) {
    // No conditions: MediaConvert may assume the role for any queue.
  } else if (context["aws:SourceArn"] === undefined) {
    return { result: "undecided", reason: messages.queueUnknown(access.name) };
  }
  const trust = decider.trust(context["aws:SourceAccount"]);
  try {
    const e = evaluateTrustPolicy(trust, MEDIACONVERT_SERVICE_PRINCIPAL, { action: "sts:AssumeRole", resource: roleArn, context });
    return { result: e.decision === "allowed" ? "allowed" : "denied", reason: e.reason, ...(e.statement !== undefined ? { statement: e.statement } : {}) };
  } catch (err) {
    if (err instanceof UnsupportedPolicyError) return { result: "undecided", reason: messages.trustUnsupported(err.problems) };
    throw err;
  }
}

/** What the verdicts need: the jobs' accesses, the role, and who decides. */
interface CheckInput {
  readonly report: AccessReport;
  readonly role: VerifiedRole;
  readonly configRole?: ConfigRole;
  readonly docs?: RoleDocuments;
  readonly decider: Decider;
  readonly roleArn: string;
  readonly warnings: readonly string[];
}

/**
 * The request context of an access: what the job gives, and for S3 the account that owns the
 * bucket (IAM sets `aws:ResourceAccount` on every request), taken to be the owner the role's
 * config pins the bucket to: a location's `bucketOwner`, else the role's account.
 */
function contextOf(access: Access, input: CheckInput): Readonly<Record<string, string>> {
  if (access.kind !== "s3:read" && access.kind !== "s3:write" && access.kind !== "s3:acl") return access.context;
  const locations = [...(input.configRole?.props.inputs ?? []), ...(input.configRole?.props.outputs ?? [])];
  const named = locations.find((l) => l.bucket === access.bucket && l.bucketOwner !== undefined && l.bucketOwner !== ANY_BUCKET_OWNER)?.bucketOwner;
  const account = named ?? input.docs?.account ?? splitArn(input.roleArn)?.accountId;
  return account === undefined ? access.context : { ...access.context, "aws:ResourceAccount": account };
}

async function check(input: CheckInput): Promise<VerifyReport> {
  const { report, configRole, docs, decider } = input;
  const pending: PendingCheck[] = [];
  report.entries.forEach((entry, index) => {
    for (const access of entry.accesses) {
      for (const action of access.actions) {
        const base = { entry: index, access, origins: access.origins, action, context: contextOf(access, input) };
        if (access.kind === "queue") {
          pending.push({ ...base, resource: input.roleArn, decided: trustCheck(access, decider, docs, input.roleArn) });
          continue;
        }
        const resource = resourceOf(access, entry.scope, configRole);
        if (resource === undefined) pending.push({ ...base, decided: { result: "undecided", reason: messages.resourceUnknown(access.kind) } });
        else pending.push({ ...base, resource });
      }
    }
  });
  // Each distinct request is decided once, however many jobs need it.
  const probeKey = (c: PendingCheck) => `${c.action}\u0000${c.resource}\u0000${JSON.stringify(c.context)}`;
  const asked = new Map<string, Probe>();
  for (const c of pending) if (c.decided === undefined) asked.set(probeKey(c), { action: c.action, resource: c.resource!, context: c.context });
  const probes = [...asked.values()];
  const answers = await decider.identity(probes);
  const byKey = new Map(probes.map((p, i) => [`${p.action}\u0000${p.resource}\u0000${JSON.stringify(p.context)}`, answers[i]]));

  const fixes: string[] = [];
  const checks: AccessCheck[][] = report.entries.map(() => []);
  for (const c of pending) {
    const answer = c.decided ?? (({ decision, ...rest }) => ({ result: (decision === "allowed" ? "allowed" : decision === "undecided" ? "undecided" : "denied") as CheckResult, ...rest }))(byKey.get(probeKey(c))!);
    const fix = answer.result === "denied" ? fixFor(c.access, c.action, c.resource ?? "", configRole, docs) : undefined;
    if (fix !== undefined && !fixes.includes(fix)) fixes.push(fix);
    checks[c.entry].push({
      kind: c.access.kind,
      action: c.action,
      resource: c.resource ?? "(unknown)",
      context: c.context,
      origins: c.origins,
      result: answer.result,
      reason: answer.reason,
      ...(answer.statement !== undefined ? { statement: answer.statement } : {}),
      ...(fix !== undefined ? { fix } : {}),
    });
  }
  const entries: EntryVerdict[] = report.entries.map((e, i) => ({
    entry: e.entry.label,
    kind: e.entry.kind,
    canRun: checks[i].every((c) => c.result === "allowed"),
    checks: checks[i],
    ...(e.unresolvedTemplate !== undefined ? { unresolvedTemplate: e.unresolvedTemplate.message } : {}),
  }));
  const canRun = entries.filter((e) => e.canRun).length;
  return {
    role: input.role,
    canRun: canRun === entries.length,
    summary: { entries: entries.length, canRun, cannotRun: entries.length - canRun },
    entries,
    undecidables: await undecidablesOf(report, configRole, decider),
    notes: report.notes.map((n) => ({ kind: n.kind, text: n.text, entries: entriesOf(n.origins) })),
    fixes,
    warnings: input.warnings,
  };
}

const entriesOf = (origins: readonly AccessOrigin[]): string[] => [...new Set(origins.map((o) => o.entry))];

/** The undecidables, with what the config says: the decryption keys it names, and whether the role may use them. */
async function undecidablesOf(report: AccessReport, role: ConfigRole | undefined, decider: Decider): Promise<UndecidableReport[]> {
  const out: UndecidableReport[] = [];
  for (const u of report.undecidables) {
    let config: string | undefined;
    if (u.kind === "decryption-key" && role !== undefined) {
      const keys = role.props.decryptionKmsKeyArns ?? [];
      if (keys.length === 0) config = messages.noDecryptionKeys(`stacks[${role.stackIndex}].roles[${role.roleIndex}]`);
      else {
        const answers = await decider.identity(keys.map((k) => ({ action: "kms:Decrypt", resource: k, context: u.context })));
        const denied = keys.filter((_, i) => answers[i].decision !== "allowed");
        config = messages.decryptionKeys(keys, denied);
      }
    }
    if (u.kind === "bucket-default-key" && role !== undefined && (role.props.access ?? "full") === "scoped") {
      const locations = [...(role.props.inputs ?? []), ...(role.props.outputs ?? [])].filter((l) => l.bucket === u.subject && l.kmsKeyArn !== undefined);
      const keys = [...new Set(locations.map((l) => l.kmsKeyArn!))];
      if (keys.length > 0) config = messages.bucketKeysNamed(u.subject, keys);
    }
    out.push({ kind: u.kind, subject: u.subject, text: u.text, ...(config !== undefined ? { config } : {}), entries: entriesOf(u.origins) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The two modes

/** What to verify, and against what. */
export interface VerifyOptions {
  /** Job documents: files and directories, as `readJobDocuments` takes them. */
  readonly jobs: readonly string[];
  readonly roleName: string;
  /** The config file (`--config`); else as synth picks it. */
  readonly config?: string;
  /** The stack of the role, when its name is in several. */
  readonly stack?: string;
  /** The working directory and environment of the run. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Verifies the role as the config declares it. Throws `ConfigError` (the config), `JobDocumentError`
 * (the job documents) or {@link VerifyUsageError} (the role or stack named).
 */
export async function verifyAgainstConfig(options: VerifyOptions): Promise<VerifyReport> {
  const { config, source } = resolveConfig(options.env, options.cwd, options.config);
  const role = findConfigRole(config, source, options.roleName, options.stack, options.env);
  const documents = readJobDocuments(options.jobs);
  const env = { region: role.region, ...(role.accountId !== undefined ? { accountId: role.accountId } : {}) };
  const docs = roleDocuments(role.props, env);
  const report = extractAccesses(documents.entries, env);
  const warnings: string[] = [];
  if (docs.permissionsBoundary !== undefined) warnings.push(messages.boundaryNotEvaluated(docs.permissionsBoundary));
  const assumed = new Set<string>();
  const docsFor = (account: string): RoleDocuments => {
    assumed.add(account);
    return roleDocuments(role.props, env, account);
  };
  const roleArn = docs.roleArn ?? formatArn({ partition: docs.partition, service: "iam", region: "", accountId: "*", resource: `role${role.props.path ?? "/"}${docs.roleName}` });
  const verified: VerifiedRole = {
    name: docs.roleName,
    source: "config",
    configFile: source,
    stack: role.stack,
    configPath: `stacks[${role.stackIndex}].roles[${role.roleIndex}]`,
    region: role.region,
    ...(role.accountId !== undefined ? { accountId: role.accountId } : {}),
    ...(docs.roleArn !== undefined ? { arn: docs.roleArn } : {}),
    access: docs.access,
  };
  const result = await check({ report, role: verified, configRole: role, docs, decider: configDecider(docs, docsFor), roleArn, warnings });
  if (assumed.size > 0) warnings.push(messages.deployingAccountAssumed(role.stack, [...assumed].sort()));
  return result;
}

/** The IAM actions `--live` calls. */
export const LIVE_ACTIONS = ["iam:GetRole", "iam:SimulatePrincipalPolicy"] as const;

/** The user-facing error for an SDK failure of `action` (as adopt explains its own). */
export function explainLiveError(e: unknown, roleName: string, action: string): VerifyLiveError {
  const failure = sdkFailure(e);
  switch (failure.kind) {
    case "no-credentials":
      return new VerifyLiveError(messages.liveNoCredentials(roleName));
    case "no-region":
      return new VerifyLiveError(messages.liveNoRegion());
    case "credentials-rejected":
      return new VerifyLiveError(messages.liveCredentialsRejected(roleName, failure.code));
    case "access-denied":
      return new VerifyLiveError(messages.liveAccessDenied(roleName, action));
    case "not-found":
      return new VerifyLiveError(messages.liveNoSuchRole(roleName));
    case "throttled":
      return new VerifyLiveError(messages.liveThrottled(roleName, action, failure.attempts));
    case "other":
      return new VerifyLiveError(messages.liveAwsFailed(roleName, action, failure.code, failure.message));
  }
}

async function call<T>(roleName: string, action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw explainLiveError(e, roleName, action);
  }
}

/** IAM's policy simulator as the identity side: one call per resource and context, every page, all its actions at once. */
function liveDecider(client: IAMClient, roleName: string, roleArn: string, trust: NamedPolicy): Decider {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const sdk = require("@aws-sdk/client-iam") as typeof import("@aws-sdk/client-iam");
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    identity: async (probes) => {
      const groups = new Map<string, { resource: string; context: Readonly<Record<string, string>>; actions: Set<string> }>();
      for (const p of probes) {
        const key = `${p.resource}\u0000${JSON.stringify(p.context)}`;
        const group = groups.get(key) ?? { resource: p.resource, context: p.context, actions: new Set<string>() };
        group.actions.add(p.action);
        groups.set(key, group);
      }
      const results = new Map<string, { decision: Decision; reason: string }>();
      for (const [key, group] of groups) {
        const input = {
          PolicySourceArn: roleArn,
          ActionNames: [...group.actions],
          ResourceArns: [group.resource],
          ContextEntries: Object.entries(group.context).map(([k, v]) => ({ ContextKeyName: k, ContextKeyValues: [v], ContextKeyType: "string" as const })),
        };
        await call(roleName, "iam:SimulatePrincipalPolicy", async () => {
          for await (const page of sdk.paginateSimulatePrincipalPolicy({ client }, input)) {
            for (const r of page.EvaluationResults ?? []) {
              const decision: Decision = r.EvalDecision === "allowed" ? "allowed" : r.EvalDecision === "explicitDeny" ? "explicit-deny" : "implicit-deny";
              results.set(`${key}\u0000${r.EvalActionName ?? ""}`, { decision, reason: messages.simulatorReason(decision, r) });
            }
          }
        });
      }
      return probes.map(
        (p) =>
          results.get(`${p.resource}\u0000${JSON.stringify(p.context)}\u0000${p.action}`) ?? { decision: "undecided" as const, reason: messages.simulatorSilent(p.action) },
      );
    },
    trust: () => trust,
  };
}

/** IAM returns policy documents URL-encoded. */
const decodePolicy = (text: string | undefined): unknown => (text === undefined ? {} : (JSON.parse(decodeURIComponent(text)) as unknown));

/**
 * Verifies the deployed role: its identity side through IAM's policy simulator
 * (`iam:SimulatePrincipalPolicy` on the role's ARN, with each access's context keys), its trust
 * policy (read with `iam:GetRole`) with the evaluator. The config, when it has the role, gives the
 * region and account for what the jobs do not show, and the fixes. Throws {@link VerifyLiveError}
 * for AWS failures, `JobDocumentError` for the job documents.
 */
export async function verifyLive(options: VerifyOptions & { readonly region?: string }, client: IAMClient): Promise<VerifyReport> {
  let configRole: ConfigRole | undefined;
  let configSource: string | undefined;
  try {
    const { config, source } = resolveConfig(options.env, options.cwd, options.config);
    configSource = source;
    configRole = findConfigRole(config, source, options.roleName, options.stack, options.env);
  } catch (e) {
    // The deployed role may be one the config does not declare (the console's, say): then fixes name IAM actions.
    if (!(e instanceof VerifyUsageError) || options.stack !== undefined) throw e;
  }
  const documents = readJobDocuments(options.jobs);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const sdk = require("@aws-sdk/client-iam") as typeof import("@aws-sdk/client-iam");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { Role: live } = await call(options.roleName, "iam:GetRole", () => client.send(new sdk.GetRoleCommand({ RoleName: options.roleName })));
  if (live?.Arn === undefined) throw new VerifyLiveError(messages.liveNoSuchRole(options.roleName));
  const arn = splitArn(live.Arn);
  const accountId = arn?.accountId || configRole?.accountId;
  const region = configRole?.region ?? options.region ?? (await call(options.roleName, "iam:GetRole", () => client.config.region()));
  const env = { region, ...(accountId !== undefined ? { accountId } : {}) };
  const report = extractAccesses(documents.entries, env);
  const docs = configRole !== undefined ? roleDocuments(configRole.props, env) : undefined;
  const trust: NamedPolicy = { name: "trust policy", document: decodePolicy(live.AssumeRolePolicyDocument) };
  const boundary = live.PermissionsBoundary?.PermissionsBoundaryArn;
  const verified: VerifiedRole = {
    name: live.RoleName ?? options.roleName,
    source: "live",
    ...(configSource !== undefined && configRole !== undefined ? { configFile: configSource, stack: configRole.stack, configPath: `stacks[${configRole.stackIndex}].roles[${configRole.roleIndex}]` } : {}),
    region,
    ...(accountId !== undefined ? { accountId } : {}),
    arn: live.Arn,
  };
  const warnings = [
    ...(configRole === undefined ? [messages.liveRoleNotInConfig(options.roleName, configSource)] : []),
    ...(boundary !== undefined ? [messages.liveBoundary(boundary)] : []),
  ];
  // The live trust policy decides: the config's documents only name the fixes.
  const liveDocs = docs !== undefined ? { ...docs, trust: trust.document as RoleDocuments["trust"] } : undefined;
  return check({ report, role: verified, ...(configRole !== undefined ? { configRole } : {}), ...(liveDocs !== undefined ? { docs: liveDocs } : {}), decider: liveDecider(client, options.roleName, live.Arn, trust), roleArn: live.Arn, warnings });
}

// ---------------------------------------------------------------------------------------------
// The text report

const described = (o: AccessOrigin): string => `${o.path} (${o.label}${o.fromTemplate !== undefined ? `, from job template ${quote(o.fromTemplate)}` : ""})`;

/** The report as lines for a terminal: each entry's verdict, each denial with its path and fix, then what could not be decided. */
export function formatReport(report: VerifyReport): string[] {
  const role = report.role;
  const where =
    role.source === "live"
      ? `the deployed role ${quote(role.name)} (${role.arn}), through IAM's policy simulator`
      : `role ${quote(role.name)} as ${role.configFile} declares it (${role.configPath}, stack ${quote(role.stack ?? "")}, ${role.region}${role.accountId !== undefined ? `, account ${role.accountId}` : ""})`;
  const lines = [`verify: ${where}`];
  for (const e of report.entries) {
    const what = e.kind === "template" ? "job template" : "job";
    const failed = e.checks.filter((c) => c.result !== "allowed");
    if (failed.length === 0) lines.push(`ok      ${e.entry} (${what}, ${e.checks.length} access${e.checks.length === 1 ? "" : "es"} allowed)`);
    else {
      const denied = failed.filter((c) => c.result === "denied").length;
      const undecided = failed.length - denied;
      const counts = [denied > 0 ? `${denied} denied` : "", undecided > 0 ? `${undecided} undecided` : ""].filter((s) => s !== "").join(", ");
      lines.push(`FAILED  ${e.entry} (${what}): ${counts} of ${e.checks.length} accesses`);
    }
    for (const c of failed) {
      const paths = c.origins.filter((o) => o.entry === e.entry).map(described);
      const verdict = c.result === "denied" ? `is denied: ${c.reason}` : `cannot be decided: ${c.reason}`;
      lines.push(`  - ${paths.join(", ")}: ${c.action} on ${c.resource} ${verdict}.${c.fix !== undefined ? ` Fix: ${c.fix}.` : ""}`);
    }
    if (e.unresolvedTemplate !== undefined) lines.push(`  - note: ${e.unresolvedTemplate}`);
  }
  if (report.undecidables.length > 0) {
    lines.push("Not decided from the jobs (not counted as denials):");
    for (const u of report.undecidables) {
      const n = u.entries.length;
      lines.push(`  - ${u.text}${u.config !== undefined ? ` ${u.config}` : ""} (${n === 1 ? u.entries[0] : `${n} jobs and templates`})`);
    }
  }
  for (const w of report.warnings) lines.push(`Warning: ${w}`);
  const { entries, canRun, cannotRun } = report.summary;
  lines.push(`verify: ${canRun} of ${entries} jobs and job templates can run${cannotRun > 0 ? `; ${cannotRun} cannot` : ""}.`);
  if (report.fixes.length > 0) {
    lines.push(`Fix${report.fixes.length === 1 ? "" : "es"}:`);
    for (const f of report.fixes) lines.push(`  - ${f}`);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Messages

const messages = {
  unknownStack: (stack: string, file: string, stacks: readonly string[]): string =>
    `Stack ${quote(stack)} is not in ${file}: its stacks are ${list(stacks.map((s) => quote(s)))}. Give one of them in --stack, or leave --stack out.`,
  unknownRole: (roleName: string, file: string, stack: string | undefined, names: readonly string[]): string =>
    `Role ${quote(roleName)} is not in ${stack === undefined ? file : `stack ${quote(stack)} of ${file}`}: its roles are ${list([...names])}. Give one of them in --role-name (role names are not case-sensitive).`,
  roleInSeveralStacks: (roleName: string, file: string, where: readonly string[]): string =>
    `Role ${quote(roleName)} is in ${where.length} stacks of ${file}: ${list([...where])}. Name the one to verify with --stack.`,
  fixManaged: (at: string, prop: string): string => `set "${prop}": true on ${at} (or leave it out: the console's managed policy grants it)`,
  fixNoOption: (action: string, resource: string, what: string): string =>
    `no option of the config grants ${action} on ${what}: grant it on ${resource} to the role outside the config`,
  fixOtherAccount: (queueAccount: string, pinned: string, key: string): string =>
    `the queue is in account ${queueAccount}, but the trust policy pins account ${pinned} (${key}, aws:SourceAccount): run the job in a queue of account ${pinned}, or verify the role of account ${queueAccount}`,
  queueUnknown: (queue: string): string =>
    `the queue ${quote(queue)} is named without its ARN and the job shows no region or account, so its ARN (aws:SourceArn) is unknown; give the queue's ARN in the job, or set the stack's accountId`,
  resourceUnknown: (kind: string): string =>
    `the resource's account or region is not shown by the job (${kind}); pass the job as get-job prints it (with its ARN), or set the stack's accountId`,
  trustUnsupported: (problems: readonly string[]): string => `the role's trust policy uses what verify cannot evaluate (${problems.join(" ")}); check it yourself`,
  noDecryptionKeys: (at: string): string =>
    `The config names no decryption key (${at}.decryptionKmsKeyArns is empty), so the role may decrypt no client-side encrypted input: such a job fails until the key is named there.`,
  decryptionKeys: (keys: readonly string[], denied: readonly string[]): string =>
    denied.length === 0
      ? `The config names ${keys.length === 1 ? "the decryption key" : `${keys.length} decryption keys`} ${list(keys)}, and the role may kms:Decrypt with ${keys.length === 1 ? "it" : "each"} with that context: the job runs if its data key was encrypted under ${keys.length === 1 ? "it" : "one of them"}.`
      : `The config names the decryption keys ${list(keys)}, but the role may not kms:Decrypt with ${list(denied)} with that context.`,
  bucketKeysNamed: (bucket: string, keys: readonly string[]): string =>
    `The config gives ${list(keys)} as the key of bucket ${quote(bucket)}; the role may use it through S3.`,
  boundaryNotEvaluated: (arn: string): string =>
    `the role has the permissions boundary ${arn}, whose document the config does not hold: it may deny what this report allows. verify --live checks the deployed role with its boundary.`,
  deployingAccountAssumed: (stack: string, accounts: readonly string[]): string =>
    `stack ${quote(stack)} names no accountId, so the trust policy pins the account Terraform deploys with; the trust policy was checked as if that were the jobs' account ${list([...accounts])}. Set the stack's accountId to check it.`,
  liveNoCredentials: (roleName: string): string =>
    `No AWS credentials were found for verifying the deployed role ${quote(roleName)}: the SDK's standard chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws/config, SSO, web identity, container and instance roles) found none. Set AWS_PROFILE (or run "aws sso login" for it), then run verify --live again.`,
  liveNoRegion: (): string => `No AWS region is set: the SDK needs one to sign IAM requests (IAM itself is global). Give --region, e.g. --region eu-west-1, or set AWS_REGION.`,
  liveCredentialsRejected: (roleName: string, code: string): string =>
    `AWS rejected the credentials used to verify role ${quote(roleName)} (${code}): they are expired, revoked or malformed. Refresh them (for example "aws sso login"), then run verify --live again.`,
  liveAccessDenied: (roleName: string, action: string): string =>
    `Access denied: ${action} on role ${quote(roleName)} was refused. verify --live calls ${LIVE_ACTIONS.join(" and ")} on the role's ARN. Allow ${action} on it for the identity you run verify as ("aws sts get-caller-identity" names it), or run it as one that has it.`,
  liveNoSuchRole: (roleName: string): string =>
    `Role ${quote(roleName)} does not exist in the account of these credentials (IAM: NoSuchEntity). Check the name, and that the credentials belong to the role's account ("aws sts get-caller-identity"); leave --live out to verify the role as the config declares it.`,
  liveThrottled: (roleName: string, action: string, attempts: number | undefined): string =>
    `IAM throttled ${action} for role ${quote(roleName)}, and the SDK gave up after ${attempts ?? "its"} attempts (it retries throttled calls with backoff): the account's IAM request rate is used up. Wait a minute and run verify --live again, or allow more attempts with AWS_MAX_ATTEMPTS.`,
  liveAwsFailed: (roleName: string, action: string, code: string, message: string): string =>
    `${action} for role ${quote(roleName)} failed: ${code}: ${message.replace(/\s+/g, " ")}. Run verify --live again once AWS answers.`,
  liveRoleNotInConfig: (roleName: string, file: string | undefined): string =>
    `role ${quote(roleName)} is not in ${file ?? "the config"}, so the fixes name the IAM actions to grant instead of config changes.`,
  liveBoundary: (arn: string): string => `the deployed role has the permissions boundary ${arn}: IAM's policy simulator applied it.`,
  simulatorReason: (decision: Decision, r: { MatchedStatements?: { SourcePolicyId?: string; SourcePolicyType?: string }[]; MissingContextValues?: string[]; PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary?: boolean }; OrganizationsDecisionDetail?: { AllowedByOrganizations?: boolean } }): string => {
    const policies = [...new Set((r.MatchedStatements ?? []).map((s) => `${s.SourcePolicyType ?? "policy"} ${quote(s.SourcePolicyId ?? "")}`))];
    const by = policies.length > 0 ? ` by ${list(policies)}` : "";
    if (decision === "allowed") return `allowed${by} (IAM policy simulator)`;
    if (decision === "explicit-deny") return `denied by a Deny statement${by} (IAM policy simulator)`;
    if (r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false) return "the permissions boundary does not allow it (IAM policy simulator)";
    if (r.OrganizationsDecisionDetail?.AllowedByOrganizations === false) return "a service control policy of the organization does not allow it (IAM policy simulator)";
    const missing = (r.MissingContextValues ?? []).length > 0 ? `; the simulator lacked the context keys ${(r.MissingContextValues ?? []).join(", ")}` : "";
    return `no statement of the role's policies allows it (IAM policy simulator)${missing}`;
  },
  simulatorSilent: (action: string): string => `IAM's policy simulator returned no result for ${action}`,
};

