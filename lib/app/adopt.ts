/**
 * The adopt command's logic: read a live role over the IAM API, turn it into a config entry with
 * `adopt: true`, and merge that entry into the config file atomically. Everything the config
 * cannot hold is listed; nothing is dropped silently. This module loads the AWS SDK, so the CLI
 * requires it only when `adopt` runs.
 */
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
} from "@aws-sdk/client-iam";
import { Partition, splitArn } from "../core/arn";
import type { ImportBlock } from "../core/import-blocks";
import * as messages from "./messages";
import { quote } from "../core/messages";
import { sdkFailure } from "../core/sdk-failures";
import { MEDIACONVERT_SERVICE_PRINCIPAL } from "../core/policies";
import { INLINE_POLICIES, MANAGED_POLICIES } from "../core/role";
import { Fields, ROLE_PROPERTIES } from "../core/role-properties";
import { byCodeUnits } from "../core/order";
import type { MediaConvertRoleProps } from "../core/role-props";
import { fieldProblems, formatPath } from "../core/role-rules";
import { MIN_SESSION_DURATION, VALUE_RULES } from "../core/rules";
import { renderHcl } from "../hcl";
import { moduleImportBlocks } from "../module/imports";
import { RoleConfig } from "./config";
import { asList, asRecord, checkEditedConfig, ConfigJson, findRoleEntry, readConfigJson, stackForEdit, writeConfigJson, writtenBy } from "./config-edit";

/** The IAM actions the adopt command calls, in the order it calls them. */
export const ADOPT_ACTIONS = ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies", "iam:GetRolePolicy"] as const;

/** A role as IAM describes it, policy documents decoded. */
export interface LiveRole {
  readonly roleName: string;
  readonly arn: string;
  readonly path: string;
  readonly description?: string;
  readonly maxSessionDuration?: number;
  readonly permissionsBoundary?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly trustPolicy: unknown;
  readonly managedPolicyArns: readonly string[];
  readonly inlinePolicies: readonly { readonly name: string; readonly document: unknown }[];
}

/** A failure of the adopt command that the user can fix: printed as is, exit code 1. */
export class AdoptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdoptError";
  }
}

/** IAM returns policy documents URL-encoded. */
function decodePolicy(text: string | undefined): unknown {
  if (text === undefined) return {};
  return JSON.parse(decodeURIComponent(text)) as unknown;
}

/** The user-facing error for an SDK failure of `action`. */
export function explainSdkError(e: unknown, roleName: string, action: string): AdoptError {
  const failure = sdkFailure(e);
  switch (failure.kind) {
    case "no-credentials":
      return new AdoptError(messages.adoptNoCredentials(roleName));
    case "no-region":
      return new AdoptError(messages.adoptNoRegion());
    case "credentials-rejected":
      return new AdoptError(messages.adoptCredentialsRejected(roleName, failure.code));
    case "access-denied":
      return new AdoptError(messages.adoptAccessDenied(roleName, action, ADOPT_ACTIONS));
    case "not-found":
      return new AdoptError(messages.adoptNoSuchRole(roleName));
    case "throttled":
      return new AdoptError(messages.adoptThrottled(roleName, action, failure.attempts));
    case "other":
      return new AdoptError(messages.adoptAwsFailed(roleName, action, failure.code, failure.message));
  }
}

/** Runs one IAM call (or a whole paginated listing), turning its failure into an AdoptError naming `action`. */
async function call<T>(roleName: string, action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw explainSdkError(e, roleName, action);
  }
}

/**
 * Reads the role with `GetRole`, `ListAttachedRolePolicies`, `ListRolePolicies` and
 * `GetRolePolicy`, every page. The client brings the SDK's standard credential chain, region and
 * endpoint settings (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_IAM, ...) and its retries.
 */
export async function readLiveRole(client: IAMClient, roleName: string): Promise<LiveRole> {
  const { Role: role } = await call(roleName, "iam:GetRole", () => client.send(new GetRoleCommand({ RoleName: roleName })));
  if (!role) throw new AdoptError(messages.adoptNoSuchRole(roleName));
  // IAM matches names case-insensitively; the live spelling is the one Terraform imports.
  const name = role.RoleName ?? roleName;
  const managedPolicyArns = await call(roleName, "iam:ListAttachedRolePolicies", async () => {
    const arns: string[] = [];
    for await (const page of paginateListAttachedRolePolicies({ client }, { RoleName: name })) {
      for (const p of page.AttachedPolicies ?? []) if (p.PolicyArn) arns.push(p.PolicyArn);
    }
    return arns;
  });
  const policyNames = await call(roleName, "iam:ListRolePolicies", async () => {
    const names: string[] = [];
    for await (const page of paginateListRolePolicies({ client }, { RoleName: name })) names.push(...(page.PolicyNames ?? []));
    return names;
  });
  const inlinePolicies: { name: string; document: unknown }[] = [];
  for (const policyName of policyNames) {
    const out = await call(roleName, "iam:GetRolePolicy", () => client.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName })));
    inlinePolicies.push({ name: policyName, document: decodePolicy(out.PolicyDocument) });
  }
  return {
    roleName: name,
    arn: role.Arn ?? "",
    path: role.Path ?? "/",
    description: role.Description,
    maxSessionDuration: role.MaxSessionDuration,
    permissionsBoundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
    tags: Object.fromEntries((role.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])),
    trustPolicy: decodePolicy(role.AssumeRolePolicyDocument),
    managedPolicyArns,
    inlinePolicies,
  };
}

// ---------------------------------------------------------------------------------------------
// From the live role to a config entry

type Json = Record<string, unknown>;
const record = (v: unknown): Json => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const statementsOf = (doc: unknown): Json[] => list(record(doc).Statement).map(record);
const which = (s: Json, i: number): string => (typeof s.Sid === "string" && s.Sid !== "" ? `statement ${quote(s.Sid)}` : `statement ${i + 1}`);

/** What the entry reproduces, and what it cannot. */
export interface AdoptedEntry {
  /** The role's config entry, with `adopt: true`. */
  readonly entry: RoleConfig;
  /** The role's account (from its ARN). */
  readonly accountId?: string;
  /** What the live role has that the entry does not hold, each with what apply does to it. */
  readonly notRepresented: readonly string[];
}

/** Who an Allow statement lets assume the role, as text: `service ec2.amazonaws.com`, `AWS arn:...`, `everyone (*)`. */
function principalsOf(s: Json): string[] {
  if (s.Principal === "*") return ["everyone (*)"];
  return Object.entries(record(s.Principal)).flatMap(([kind, v]) => list(v).map((p) => `${kind === "Service" ? "service" : kind} ${String(p)}`));
}

const isAssumeRole = (s: Json): boolean => {
  const actions = list(s.Action);
  return actions.length === 1 && String(actions[0]).toLowerCase() === "sts:assumerole";
};

/** True for the MediaConvert trust statement, with no conditions or only the confused-deputy ones of `accountId`. */
function isOurTrust(s: Json, accountId: string | undefined): boolean {
  const principal = record(s.Principal);
  const services = list(principal.Service);
  const keys = Object.keys(s).filter((k) => k !== "Sid");
  if (s.Effect !== "Allow" || !isAssumeRole(s) || Object.keys(principal).length !== 1) return false;
  if (services.length !== 1 || services[0] !== MEDIACONVERT_SERVICE_PRINCIPAL) return false;
  if (!keys.every((k) => ["Effect", "Principal", "Action", "Condition"].includes(k))) return false;
  if (s.Condition === undefined) return true;
  const condition = record(s.Condition);
  const sourceAccount = list(record(condition.StringEquals)["aws:SourceAccount"]);
  const operators = Object.keys(condition).sort();
  return (
    accountId !== undefined &&
    sourceAccount.length === 1 &&
    sourceAccount[0] === accountId &&
    operators.every((o) => o === "StringEquals" || o === "ArnLike") &&
    Object.keys(record(condition.StringEquals)).length === 1 &&
    Object.keys(record(condition.ArnLike)).every((k) => k === "aws:SourceArn") &&
    // A narrower SourceArn (some queues) would be widened to the whole account: not ours.
    list(record(condition.ArnLike)["aws:SourceArn"]).every((arn) => /^arn:[a-z-]+:mediaconvert:\*:\d{12}:\*$/.test(String(arn)) && String(arn).includes(`:${accountId}:`))
  );
}

/** The KMS key ARNs an understood statement grants, or undefined when the statement is not one the config can hold. */
function kmsGrant(s: Json): { decrypt: string[]; generateDataKey: string[] } | undefined {
  const keys = Object.keys(s).filter((k) => k !== "Sid");
  if (s.Effect !== "Allow" || !keys.every((k) => ["Effect", "Action", "Resource"].includes(k))) return undefined;
  const actions = list(s.Action).map((a) => String(a).toLowerCase());
  const resources = list(s.Resource).map(String);
  if (actions.length === 0 || resources.length === 0) return undefined;
  if (!actions.every((a) => a === "kms:decrypt" || a === "kms:generatedatakey")) return undefined;
  if (!resources.every((r) => VALUE_RULES.kmsKeyArn(r).length === 0)) return undefined;
  return {
    decrypt: actions.includes("kms:decrypt") ? resources : [],
    generateDataKey: actions.includes("kms:generatedatakey") ? resources : [],
  };
}

const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort();

/**
 * The config entry that reproduces `live` as far as the config can. Throws an AdoptError when the
 * role is not a MediaConvert role (no trust statement lets MediaConvert assume it). `target` names
 * the properties in what cannot be held as the config does, or as the Terraform module does.
 */
export function entryFromLiveRole(live: LiveRole, target: messages.AdoptTarget = "config"): AdoptedEntry {
  const accountId = splitArn(live.arn)?.accountId || undefined;
  const notRepresented: string[] = [];

  const trust = statementsOf(live.trustPolicy);
  const mediaConvert = trust.filter(
    (s) => s.Effect === "Allow" && list(record(s.Principal).Service).includes(MEDIACONVERT_SERVICE_PRINCIPAL),
  );
  if (mediaConvert.length === 0) {
    const allowed = sortedUnique(trust.filter((s) => s.Effect === "Allow").flatMap(principalsOf));
    throw new AdoptError(messages.adoptNotMediaConvertRole(live.roleName, allowed));
  }
  trust.forEach((s, i) => {
    if (!isOurTrust(s, accountId)) notRepresented.push(messages.adoptTrustStatementReplaced(which(s, i), JSON.stringify(s), target));
  });

  const managed = new Map(
    Object.values(MANAGED_POLICIES).map((name) => [name, live.managedPolicyArns.some((arn) => arn === `arn:${splitArn(arn)?.partition}:iam::aws:policy/${name}`)]),
  );
  for (const arn of live.managedPolicyArns) {
    const name = arn.slice(arn.lastIndexOf("/") + 1);
    const known = (Object.values(MANAGED_POLICIES) as string[]).includes(name) && arn === `arn:${splitArn(arn)?.partition}:iam::aws:policy/${name}`;
    if (!known) notRepresented.push(messages.adoptOtherManagedPolicy(arn, target));
  }

  const decrypt: string[] = [];
  const generateDataKey: string[] = [];
  for (const policy of live.inlinePolicies) {
    let carried = false;
    statementsOf(policy.document).forEach((s, i) => {
      const grant = kmsGrant(s);
      if (!grant) {
        notRepresented.push(messages.adoptStatementNotUnderstood(policy.name, which(s, i), JSON.stringify(s), target));
        return;
      }
      carried = true;
      decrypt.push(...grant.decrypt);
      generateDataKey.push(...grant.generateDataKey);
    });
    if (carried && policy.name !== INLINE_POLICIES.kms) notRepresented.push(messages.adoptInlinePolicyReplaced(policy.name, INLINE_POLICIES.kms, target));
  }

  const entry: Record<string, unknown> = { roleName: live.roleName };
  if (live.description !== undefined && live.description !== "") entry.description = live.description;
  if (live.path !== "/") entry.path = live.path;
  if (live.permissionsBoundary !== undefined) entry.permissionsBoundary = live.permissionsBoundary;
  if (live.maxSessionDuration !== undefined && live.maxSessionDuration !== MIN_SESSION_DURATION) entry.maxSessionDuration = live.maxSessionDuration;
  if (Object.keys(live.tags).length > 0) entry.tags = Object.fromEntries(Object.entries(live.tags).sort(([a], [b]) => byCodeUnits(a, b)));
  if (!managed.get(MANAGED_POLICIES.s3FullAccess)) entry.attachS3FullAccess = false;
  if (!managed.get(MANAGED_POLICIES.apiGatewayInvokeFullAccess)) entry.attachApiGatewayInvokeFullAccess = false;
  if (decrypt.length > 0) entry.inputKmsKeyArns = sortedUnique(decrypt);
  if (generateDataKey.length > 0) entry.outputKmsKeyArns = sortedUnique(generateDataKey);
  entry.adopt = true;
  entry.preventDestroy = true;
  return { entry: entry as RoleConfig, accountId, notRepresented };
}

// ---------------------------------------------------------------------------------------------
// Into the config file

/** Options of the adopt command. */
export interface AdoptOptions {
  readonly roleName: string;
  readonly stack: string;
  /** The region for the IAM client and for a new stack. @default - the SDK's (AWS_REGION, the profile) */
  readonly region?: string;
  /** The config file to merge into (created when missing). */
  readonly configFile: string;
  /** Print the entry, write nothing. */
  readonly dryRun?: boolean;
}

/** What adopt did. */
export interface AdoptResult extends AdoptedEntry {
  readonly file: string;
  readonly stack: string;
  /** True when the stack was created in the file. */
  readonly stackCreated: boolean;
  /** True when the file was written (false for a dry run). */
  readonly written: boolean;
  /** Advice that is not about the role itself (a stack without accountId). */
  readonly notes: readonly string[];
}

/** Refuses when the stack already has a role of this name (case-insensitively). */
function refuseExisting(data: ConfigJson, stackName: string, roleName: string, file: string): void {
  const found = findRoleEntry(data, stackName, roleName);
  if (found !== undefined) throw new AdoptError(messages.adoptRoleExists(roleName, found.name, found.path, file));
}

/**
 * Reads role `roleName`, builds its entry and merges it into stack `stack` of the config file
 * (creating file and stack when missing). The merged config must pass the config's validation
 * before anything is written; the file is replaced atomically, or (dry run) not at all.
 */
export async function adoptRole(options: AdoptOptions, client: IAMClient, env: NodeJS.ProcessEnv = process.env): Promise<AdoptResult> {
  const file = options.configFile;
  const before = readConfigJson(file, env);
  if (before) refuseExisting(before, options.stack, options.roleName, file);

  const live = await readLiveRole(client, options.roleName);
  const adopted = entryFromLiveRole(live);
  if (before) refuseExisting(before, options.stack, live.roleName, file);

  const data: ConfigJson = before ? structuredClone(before) : { stacks: [] };
  const notes: string[] = [];
  const existing = asList(data.stacks).map(asRecord).find((s) => s.name === options.stack);
  const region = existing === undefined ? (options.region ?? (await call(options.roleName, "iam:GetRole", () => client.config.region()))) : undefined;
  const { stack, created: stackCreated } = stackForEdit(data, options.stack, () => ({
    name: options.stack,
    region,
    ...(adopted.accountId ? { accountId: adopted.accountId } : {}),
    roles: [],
  }));
  if (!stackCreated && stack.accountId === undefined && adopted.accountId) notes.push(messages.adoptStackWithoutAccount(options.stack, adopted.accountId));
  stack.roles = [...asList(stack.roles), adopted.entry];

  checkEditedConfig(data, file, env, writtenBy("adopt", live.roleName));
  if (!options.dryRun) writeConfigJson(file, data);
  return { ...adopted, file, stack: options.stack, stackCreated, written: !options.dryRun, notes };
}

// ---------------------------------------------------------------------------------------------
// Into a call of the generated Terraform module (adopt --module): printed, never written

/** The source of the module call when none is given: where `mediaconvert-role-cdktf module --out modules/mediaconvert-role` writes it. */
export const DEFAULT_MODULE_SOURCE = "./modules/mediaconvert-role";

/** Options of adopting a live role into a call of the generated module. */
export interface ModuleAdoptOptions {
  readonly roleName: string;
  /** The name of the module block, `module "<moduleName>"` (a Terraform identifier). */
  readonly moduleName: string;
  /** The module block's `source`. @default DEFAULT_MODULE_SOURCE */
  readonly source?: string;
}

/** The root-level import blocks and the module call that adopt a live role into the generated module. */
export interface ModuleAdoption {
  /** The live role's name, as IAM spells it. */
  readonly roleName: string;
  readonly moduleName: string;
  /** The import blocks, with module addresses (`module.<name>.aws_iam_role.this`) and the provider's import ids. */
  readonly imports: readonly ImportBlock[];
  /** The module block's arguments: `source`, then the variables that reproduce the live role. */
  readonly arguments: Readonly<Record<string, unknown>>;
  /** The import blocks and the module block as HCL, laid out as `terraform fmt` lays them out. */
  readonly hcl: string;
  /** What the live role has that the module call does not hold, each with what apply does to it. */
  readonly notRepresented: readonly string[];
  /** Advice beyond the role's own settings (the module has no prevent_destroy). */
  readonly notes: readonly string[];
  /** Objects the first plan creates next to the imports: the module's inline KMS policy when the role has keys. */
  readonly adds: number;
}

/** A string as Terraform takes it literally, in JSON and HCL alike: `${` and `%{` would start a template. */
const literal = (value: unknown): unknown =>
  typeof value === "string"
    ? value.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{")
    : Array.isArray(value)
      ? value.map(literal)
      : typeof value === "object" && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v)]))
        : value;

/**
 * The module call that reproduces `live` as far as the module can: the config entry's settings
 * under the module's variable names (`roleName` -> `role_name`, ...), and the import blocks for
 * the role and each managed-policy attachment the call keeps. Throws an AdoptError when the role
 * is not a MediaConvert role, or when a live value would fail one of the module's validations.
 */
export function moduleCallFromLiveRole(live: LiveRole, moduleName: string, source: string = DEFAULT_MODULE_SOURCE): ModuleAdoption {
  if (!messages.MODULE_NAME_PATTERN.test(moduleName)) throw new AdoptError(messages.adoptModuleNameInvalid(moduleName));
  const { entry, notRepresented } = entryFromLiveRole(live, "module");
  const props = Object.entries(entry).filter(([name]) => (ROLE_PROPERTIES as Fields)[name]?.module !== undefined);
  const problems = fieldProblems(Object.fromEntries(props) as MediaConvertRoleProps).map((p) => {
    const [first, ...rest] = p.path;
    const argument = formatPath([(ROLE_PROPERTIES as Fields)[String(first)]?.module?.name ?? String(first), ...rest]);
    return messages.adoptModuleArgumentInvalid(moduleName, argument, p.message);
  });
  if (problems.length > 0) throw new AdoptError(problems.join("\n"));
  const args: Record<string, unknown> = { source };
  for (const [name, value] of props) args[(ROLE_PROPERTIES as Fields)[name].module!.name] = literal(value);
  const imports = moduleImportBlocks(moduleName, live.roleName, {
    partition: (splitArn(live.arn)?.partition as Partition | undefined) ?? "aws",
    attachS3FullAccess: entry.attachS3FullAccess !== false,
    attachApiGatewayInvokeFullAccess: entry.attachApiGatewayInvokeFullAccess !== false,
  });
  return {
    roleName: live.roleName,
    moduleName,
    imports,
    arguments: args,
    hcl: renderHcl({ module: { [moduleName]: args }, import: imports.map((b) => ({ to: b.to, id: literal(b.id) })) }),
    notRepresented,
    notes: [messages.adoptModuleNoPreventDestroy(moduleName)],
    adds: (entry.inputKmsKeyArns?.length ?? 0) + (entry.outputKmsKeyArns?.length ?? 0) > 0 ? 1 : 0,
  };
}

/**
 * Reads role `roleName` and gives the module call that adopts it (moduleCallFromLiveRole). Writes
 * nothing: the caller prints it for the user's Terraform root. A bad module name fails before
 * any IAM call.
 */
export async function adoptRoleAsModule(options: ModuleAdoptOptions, client: IAMClient): Promise<ModuleAdoption> {
  if (!messages.MODULE_NAME_PATTERN.test(options.moduleName)) throw new AdoptError(messages.adoptModuleNameInvalid(options.moduleName));
  const live = await readLiveRole(client, options.roleName);
  return moduleCallFromLiveRole(live, options.moduleName, options.source);
}
