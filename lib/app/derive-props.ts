/**
 * From what MediaConvert jobs need (the jobs layer's `AccessReport`) to the props of a `scoped`
 * role that grants it: inputs and outputs per bucket with the narrowest prefixes that cover every
 * job's objects, the job-level keys, SPEKE and Nielsen APIs, Kantar secrets and the jobs' queues;
 * widened to common parent directories when the inline policy would exceed IAM's limit. Added to
 * an existing scoped entry, it adds what is missing and never removes. Pure: no file system, no
 * cdktf (the size is measured on the documents `inlinePolicies` builds, as the config check does).
 *
 * The prefix rule (docs/derive.md): per bucket, reads and writes apart, every object read and
 * every prefix read or written is grouped by its directory (the key up to its last `/`); a
 * directory's members give their longest common prefix (a single file stays exact); prefixes
 * covered by another are dropped. `depth` then cuts every prefix after its n-th `/` (0: the whole
 * bucket).
 */
import { formatArn, isRegion, partitionOfRegion, splitArn, type Partition } from "../core/arn";
import { inlinePolicies, secretResource, SIZING_ACCOUNT, SECRET_SUFFIX_PATTERN, sourceRestrictionOf, SPEKE_BARE_API_PATTERN, trustPolicy } from "../core/policies";
import { policyJson } from "../core/policy-document";
import { INLINE_POLICY_BUDGET, TRUST_POLICY_BUDGET } from "../core/role-rules";
import type { MediaConvertRoleProps } from "../core/role-props";
import { DEFAULT_ROLE_NAME, PREFIX_MAX } from "../core/rules";
import { accessResourceArn, type Access, type AccessOrigin, type AccessReport } from "../jobs/model";
import * as messages from "./derive-messages";

// ---------------------------------------------------------------------------------------------
// The prefix rule

/** The directory of a key or prefix: everything up to its last `/` (`""` at the top of the bucket). */
export function directoryOf(key: string): string {
  return key.slice(0, key.lastIndexOf("/") + 1);
}

function commonStart(a: string, b: string): string {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i === a.length ? a : a.slice(0, i);
}

/** The prefixes sorted, without duplicates and without those another one covers (starts with). */
export function dropCovered(prefixes: Iterable<string>): string[] {
  // Sorted, every string that starts with p follows p directly: one pass keeps the first of each run.
  const sorted = [...new Set(prefixes)].sort();
  const kept: string[] = [];
  for (const prefix of sorted) if (kept.length === 0 || !prefix.startsWith(kept[kept.length - 1])) kept.push(prefix);
  return kept;
}

/**
 * The narrowest prefixes that cover `keys` (objects and prefixes of one bucket): grouped by
 * directory, the longest common prefix of each directory's members (a single file stays exact),
 * then without those another covers. Sorted.
 */
export function narrowestPrefixes(keys: Iterable<string>): string[] {
  const byDirectory = new Map<string, string>();
  for (const key of keys) {
    const directory = directoryOf(key);
    const seen = byDirectory.get(directory);
    byDirectory.set(directory, seen === undefined ? key : commonStart(seen, key));
  }
  return dropCovered(byDirectory.values());
}

/** The prefix cut after its `depth`-th `/` (`--depth`); one with fewer directories stays as it is; 0 is the whole bucket (`""`). */
export function cutToDepth(prefix: string, depth: number): string {
  if (depth <= 0) return "";
  let at = -1;
  for (let n = 0; n < depth; n++) {
    at = prefix.indexOf("/", at + 1);
    if (at < 0) return prefix;
  }
  return prefix.slice(0, at + 1);
}

/** How many directory levels a prefix reaches: `""` 0, `a/` 1, `a/b.mov` 2, `a/b/` 2. */
export function prefixDepth(prefix: string): number {
  let slashes = 0;
  for (let i = 0; i < prefix.length; i++) if (prefix.charCodeAt(i) === 47) slashes++;
  return prefix === "" || prefix.endsWith("/") ? slashes : slashes + 1;
}

/** The part of a key a location's prefix can hold, and why it was cut, if it was. */
export function grantablePrefix(key: string): { readonly prefix: string; readonly why?: string } {
  if (key.startsWith("/")) return { prefix: "", why: messages.CUT_REASONS.leadingSlash() };
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 0x2a || c === 0x3f) return { prefix: key.slice(0, i), why: messages.CUT_REASONS.wildcard(key[i]) };
    if (!((c >= 0x20 && c <= 0x7e) || (c >= 0xa1 && c <= 0xff))) {
      return { prefix: key.slice(0, i), why: messages.CUT_REASONS.notLatin1(String.fromCodePoint(key.codePointAt(i)!)) };
    }
  }
  if (key.length > PREFIX_MAX) return { prefix: key.slice(0, PREFIX_MAX), why: messages.CUT_REASONS.tooLong(PREFIX_MAX) };
  return { prefix: key };
}

// ---------------------------------------------------------------------------------------------
// What derive gives

/** How to derive the role, and what it is added to. */
export interface DeriveRoleOptions {
  /** The role's name. @default "MediaConvert_Default_Role" */
  readonly roleName?: string;
  /** The stack's name, for messages. */
  readonly stack: string;
  /** The stack's region: fills what the jobs leave open, and the partition of S3 ARNs. @default - the jobs' own, else us-east-1 for measuring */
  readonly region?: string;
  /** The stack's account: fills what the jobs leave open, and decides which queues the trust may name. @default - unknown */
  readonly accountId?: string;
  /** Cut every prefix after its n-th `/`; 0 grants whole buckets. @default - the narrowest prefixes */
  readonly depth?: number;
  /** Default encryption keys of buckets read (`--input-key bucket=arn`), by bucket. @default - none */
  readonly inputKeys?: Readonly<Record<string, string>>;
  /** Default encryption keys of buckets written (`--output-key bucket=arn`), by bucket. @default - none */
  readonly outputKeys?: Readonly<Record<string, string>>;
  /** Keys of client-side encrypted inputs (`--decryption-key`). @default - none */
  readonly decryptionKeys?: readonly string[];
  /** Set `outputMultipartUpload`. @default false */
  readonly outputMultipartUpload?: boolean;
  /** The scoped entry to add to, as the config holds it: derive adds what it lacks and removes nothing. @default - a new entry */
  readonly existing?: Readonly<Record<string, unknown>>;
  /** IAM's limit on the inline policies of one role (a test may lower it). @default 10240 */
  readonly budget?: number;
}

/** One thing derive adds to the entry: `inputs[3]`, `outputs[0].allowAcl`, `spekeApiArns[1]`. */
export interface RoleChange {
  readonly path: string;
  readonly value: unknown;
}

/** Prefixes widened to fit IAM's limit: `to` covers every prefix of `from`. */
export interface Widening {
  readonly direction: "inputs" | "outputs";
  readonly bucket: string;
  readonly to: string;
  readonly from: readonly string[];
}

/** What derive made of the accesses. */
export interface DerivedRole {
  /** The entry: a new scoped entry, or the existing one with the additions (its own fields and order kept). */
  readonly props: MediaConvertRoleProps;
  /** What was added, in entry order; empty when the existing entry grants everything already. */
  readonly changes: readonly RoleChange[];
  /** Prefixes widened to fit the inline policy limit; empty when the narrowest fit. */
  readonly widened: readonly Widening[];
  /**
   * The inline policy's size in characters: with the narrowest prefixes (measured, or when far
   * over the limit a lower bound: `narrowestExact` false), as derived, and the limit it had to fit.
   */
  readonly sizes: { readonly narrowest: number; readonly narrowestExact: boolean; readonly final: number; readonly budget: number };
  /** Messages: what the jobs cannot show, each with the option that supplies it. */
  readonly undecided: readonly string[];
  /** Messages: what the jobs need that the role does not grant (no role property holds it, another account's queue). */
  readonly notGranted: readonly string[];
  /** Messages: how the grants differ from what the jobs name (keys cut before a wildcard, the trust not narrowed, ...). */
  readonly notes: readonly string[];
  /** Messages: why no role can be derived as asked (nothing is written then). */
  readonly problems: readonly string[];
}

type Direction = "inputs" | "outputs";
type Json = Record<string, unknown>;

/** The prefixes of one bucket in one direction. */
interface PrefixSet {
  readonly direction: Direction;
  readonly bucket: string;
  /** The rule's prefixes (after `depth`). */
  readonly base: readonly string[];
  /** The prefixes now, after any widening steps; prefix-free, as the rule's are. */
  readonly prefixes: Set<string>;
  /** The prefixes of the existing entry's locations of this bucket and direction: what they cover is not added. */
  readonly existing: readonly string[];
}

/** `<entry>: <path>`, and how many more places. */
function whereOf(origins: readonly AccessOrigin[]): string {
  const first = origins[0];
  const here = first === undefined ? "(unknown)" : `${first.entry}: ${first.path}`;
  return origins.length > 1 ? `${here} (and ${messages.counted(origins.length - 1, "more place")})` : here;
}

const asJsonList = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const asStringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** IAM's matching of `*` and `?` in a resource pattern (case-sensitive, as ARNs are). */
export function wildcardCovers(pattern: string, value: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === value;
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "s");
  return regex.test(value);
}

const apiResource = (arn: string): string => (SPEKE_BARE_API_PATTERN.test(arn) ? `${arn}/*` : arn);

/** Whether a secret ARN of the entry grants the secret `arn` (a partial ARN given without its six random characters). */
function secretCovers(existing: string, arn: string): boolean {
  if (wildcardCovers(secretResource(existing), secretResource(arn))) return true;
  return !SECRET_SUFFIX_PATTERN.test(arn) && existing.replace(SECRET_SUFFIX_PATTERN, "") === arn;
}

/** Additions to an entry, each recorded as a change. */
class Additions {
  readonly changes: RoleChange[] = [];
  constructor(readonly entry: Json) {}

  set(key: string, value: unknown): void {
    this.entry[key] = value;
    this.changes.push({ path: key, value });
  }

  append(key: string, value: unknown): void {
    const list = Array.isArray(this.entry[key]) ? (this.entry[key] as unknown[]) : (this.entry[key] = []);
    (list as unknown[]).push(value);
    this.changes.push({ path: `${key}[${(list as unknown[]).length - 1}]`, value });
  }

  setIn(key: string, index: number, field: string, value: unknown): void {
    (this.entry[key] as Json[])[index][field] = value;
    this.changes.push({ path: `${key}[${index}].${field}`, value });
  }
}

/** The lists derive fills, as ARNs for the config. */
interface DerivedLists {
  readonly jobEncryptionKmsKeyArns: readonly string[];
  readonly decryptionKmsKeyArns: readonly string[];
  readonly spekeApiArns: readonly string[];
  readonly kantarSecretArns: readonly string[];
  readonly trustedQueueArns: readonly string[];
}

/** What is fixed while prefixes widen. */
interface Plan {
  readonly roleName: string;
  readonly existing?: Readonly<Record<string, unknown>>;
  readonly keys: Readonly<Record<Direction, Readonly<Record<string, string>>>>;
  /** Prefixes that need `s3:PutObjectAcl`, by bucket, sorted. */
  readonly acls: ReadonlyMap<string, readonly string[]>;
  readonly lists: DerivedLists;
  readonly outputMultipartUpload: boolean;
}

/** Whether a value of `sorted` starts with `prefix`: the first value not below it does, if any does. */
function anyStartsWith(sorted: readonly string[], prefix: string): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo].startsWith(prefix);
}

/** Adds the locations of `set` that the entry does not cover yet. */
function addLocations(add: Additions, set: PrefixSet, plan: Plan): void {
  const key = plan.keys[set.direction][set.bucket];
  const acls = set.direction === "outputs" ? (plan.acls.get(set.bucket) ?? []) : [];
  // The entry's own locations of the bucket (those added here are prefix-free: they never cover each other).
  const own = asJsonList(add.entry[set.direction]).flatMap((l, i) => (l.bucket === set.bucket ? [{ l, i, prefix: typeof l.prefix === "string" ? l.prefix : "" }] : []));
  for (const prefix of [...set.prefixes].sort()) {
    const acl = anyStartsWith(acls, prefix);
    const covering = own.filter((o) => prefix.startsWith(o.prefix));
    if (covering.some(({ l }) => (key === undefined || l.kmsKeyArn === key) && (!acl || l.allowAcl === true))) continue;
    // A bucket has one default key: a covering location without one gets it (as it gets allowAcl when a job sets an ACL).
    const upgradable = covering.find(({ l }) => l.kmsKeyArn === undefined || l.kmsKeyArn === key);
    if (upgradable !== undefined) {
      if (key !== undefined && upgradable.l.kmsKeyArn === undefined) add.setIn(set.direction, upgradable.i, "kmsKeyArn", key);
      if (acl && upgradable.l.allowAcl !== true) add.setIn(set.direction, upgradable.i, "allowAcl", true);
      continue;
    }
    add.append(set.direction, {
      bucket: set.bucket,
      ...(prefix !== "" ? { prefix } : {}),
      ...(key !== undefined ? { kmsKeyArn: key } : {}),
      ...(acl ? { allowAcl: true } : {}),
    });
  }
}

/** Appends the ARNs of `derived` that the entry's list does not cover. */
function addArns(add: Additions, key: keyof DerivedLists, derived: readonly string[], covers: (existing: string, arn: string) => boolean): void {
  for (const arn of derived) {
    if (asStringList(add.entry[key]).some((e) => covers(e, arn))) continue;
    add.append(key, arn);
  }
}

/** The entry with the sets' prefixes and the lists: the existing entry (cloned) plus what it lacks, or a new one. */
function buildEntry(plan: Plan, sets: readonly PrefixSet[], trustQueues: boolean): Additions {
  const add = new Additions(plan.existing !== undefined ? (structuredClone(plan.existing) as Json) : {});
  if (plan.existing === undefined) {
    add.set("roleName", plan.roleName);
    add.set("access", "scoped");
  }
  for (const set of sets) if (set.direction === "inputs") addLocations(add, set, plan);
  for (const set of sets) if (set.direction === "outputs") addLocations(add, set, plan);
  if (plan.outputMultipartUpload && add.entry.outputMultipartUpload !== true) add.set("outputMultipartUpload", true);
  addArns(add, "jobEncryptionKmsKeyArns", plan.lists.jobEncryptionKmsKeyArns, (e, a) => e === a);
  addArns(add, "decryptionKmsKeyArns", plan.lists.decryptionKmsKeyArns, (e, a) => e === a);
  addArns(add, "spekeApiArns", plan.lists.spekeApiArns, (e, a) => wildcardCovers(apiResource(e), a));
  addArns(add, "kantarSecretArns", plan.lists.kantarSecretArns, secretCovers);
  if (trustQueues) addArns(add, "trustedQueueArns", plan.lists.trustedQueueArns, wildcardCovers);
  return add;
}

/** The size of the role's inline policies, as IAM counts it (compact JSON) and the config check measures it. */
function inlineSize(entry: Json, partition: Partition, region: string): number {
  return inlinePolicies(entry as MediaConvertRoleProps, { partition, region, account: () => SIZING_ACCOUNT }).reduce((sum, p) => sum + policyJson(p.document).length, 0);
}

// What a location costs at least in the scoped policy: its prefix in its bucket's s3:ListBucket
// condition (`"prefix*",`; the whole bucket has none) and its object ARN. Summed over the distinct
// prefixes and ARNs the entry adds, a lower bound of the policy's size, kept up to date as
// prefixes widen, so that thousands of prefixes are never measured exactly.
const PREFIX_CONDITION_COST = '"*",'.length;

/** Up to this many prefixes, the size with the narrowest prefixes is measured, not bounded. */
const MEASURED_PREFIXES = 2000;

/** A lower bound of the inline policy's size for the prefixes added, updated as they change. */
class SizeBound {
  private readonly conditions = new Map<string, number>();
  private readonly objects = new Map<string, number>();
  private readonly arnCost: number;
  value = -1;

  constructor(partition: Partition) {
    this.arnCost = `"arn:${partition}:s3:::/*",`.length;
  }

  /** What a prefix of `set` costs on its own (0 when the existing entry covers it). */
  cost(set: PrefixSet, prefix: string): number {
    if (coveredByExisting(set, prefix)) return 0;
    return (prefix === "" ? 0 : PREFIX_CONDITION_COST + prefix.length) + this.arnCost + set.bucket.length + prefix.length;
  }

  add(set: PrefixSet, prefix: string): void {
    this.count(set, prefix, 1);
  }

  remove(set: PrefixSet, prefix: string): void {
    this.count(set, prefix, -1);
  }

  private count(set: PrefixSet, prefix: string, by: 1 | -1): void {
    if (coveredByExisting(set, prefix)) return;
    if (prefix !== "") this.tally(this.conditions, prefix, PREFIX_CONDITION_COST + prefix.length, by);
    this.tally(this.objects, `${set.bucket}/${prefix}`, this.arnCost + set.bucket.length + prefix.length, by);
  }

  private tally(map: Map<string, number>, key: string, cost: number, by: 1 | -1): void {
    const n = (map.get(key) ?? 0) + by;
    if (n === 0) map.delete(key);
    else map.set(key, n);
    if (n === 0) this.value -= cost;
    if (n === 1 && by === 1) this.value += cost;
  }
}

const coveredByExisting = (set: PrefixSet, prefix: string): boolean => set.existing.some((e) => prefix.startsWith(e));

/** Prefixes of one set at the level being widened that share a parent directory: they become it. */
interface WideningGroup {
  readonly set: PrefixSet;
  readonly order: number;
  readonly parent: string;
  readonly members: readonly string[];
  readonly saving: number;
}

/** The groups of every set's prefixes at `level` (directory levels), by parent directory, the most saving first. */
function groupsAt(sets: readonly PrefixSet[], level: number, bound: SizeBound): WideningGroup[] {
  const groups: WideningGroup[] = [];
  sets.forEach((set, order) => {
    const byParent = new Map<string, string[]>();
    for (const p of set.prefixes) {
      if (prefixDepth(p) !== level) continue;
      const parent = cutToDepth(p, level - 1);
      const members = byParent.get(parent);
      if (members === undefined) byParent.set(parent, [p]);
      else members.push(p);
    }
    for (const [parent, members] of byParent) {
      const saving = members.reduce((n, m) => n + bound.cost(set, m), 0) - (set.prefixes.has(parent) ? 0 : bound.cost(set, parent));
      groups.push({ set, order, parent, members: members.sort(), saving });
    }
  });
  return groups.sort((a, b) => b.saving - a.saving || a.order - b.order || (a.parent < b.parent ? -1 : a.parent > b.parent ? 1 : 0));
}

/** For each rule prefix the widened one that covers it, grouped: the widenings of one set. */
function wideningsOf(set: PrefixSet): Widening[] {
  const final = [...set.prefixes].sort(); // prefix-free: the one covering p is the greatest <= p
  const groups = new Map<string, string[]>();
  for (const p of set.base) {
    let lo = 0;
    let hi = final.length - 1;
    let found = "";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (final[mid] <= p) {
        found = final[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found === p) continue;
    const from = groups.get(found);
    if (from === undefined) groups.set(found, [p]);
    else from.push(p);
  }
  return [...groups].map(([to, from]) => ({ direction: set.direction, bucket: set.bucket, to, from }));
}

/** The secret ARN the config takes for a secret access (a partial ARN where Secrets Manager adds six characters). */
function secretArn(access: Extract<Access, { kind: "secret" }>, fill: { partition: Partition; region?: string; accountId?: string }): string | undefined {
  const region = access.region ?? fill.region;
  const accountId = access.accountId ?? fill.accountId;
  if (region === undefined || accountId === undefined) return undefined;
  return formatArn({ partition: access.partition ?? partitionOfRegion(region), service: "secretsmanager", region, accountId, resource: `secret:${access.name}` });
}

const label = (origins: readonly AccessOrigin[]): string => {
  const text = origins[0]?.label ?? "value";
  return `The ${text}`;
};

/**
 * The scoped role's props that grant what `report` says the jobs need (see the module's doc for
 * the prefix rule), added to `options.existing` when given. Problems (an account no document or
 * stack shows, a policy that cannot fit) are returned, not thrown.
 */
export function deriveRoleProps(report: AccessReport, options: DeriveRoleOptions): DerivedRole {
  const roleName = options.roleName ?? DEFAULT_ROLE_NAME;
  const budget = options.budget ?? INLINE_POLICY_BUDGET;
  const region = options.region;
  const partition: Partition = region !== undefined ? partitionOfRegion(region) : "aws";
  const fill = { partition, region, accountId: options.accountId };
  const problems: string[] = [];
  const undecided: string[] = [];
  const notGranted: string[] = [];
  const notes: string[] = [];

  // S3: keys and prefixes per bucket, reads and writes apart.
  const reads = new Map<string, string[]>();
  const writes = new Map<string, string[]>();
  const acls = new Map<string, string[]>();
  const cut = new Set<string>();
  const grantable = (bucket: string, key: string): string => {
    const { prefix, why } = grantablePrefix(key);
    if (why !== undefined && !cut.has(`${bucket}/${key}`)) {
      cut.add(`${bucket}/${key}`);
      notes.push(messages.prefixCut(bucket, key, prefix, why));
    }
    return prefix;
  };
  const push = (map: Map<string, string[]>, bucket: string, value: string) => {
    const list = map.get(bucket);
    if (list === undefined) map.set(bucket, [value]);
    else list.push(value);
  };

  const jobKeys: string[] = [];
  const apis: string[] = [];
  const secrets: string[] = [];
  const queues: string[] = [];
  const queueAccounts = new Set<string>();
  for (const access of report.accesses) {
    switch (access.kind) {
      case "s3:read":
        push(reads, access.bucket, grantable(access.bucket, access.key));
        break;
      case "s3:write":
        push(writes, access.bucket, grantable(access.bucket, access.prefix));
        break;
      case "s3:acl":
        push(acls, access.bucket, grantable(access.bucket, access.prefix));
        break;
      case "kms":
        if (access.via === "s3") jobKeys.push(access.keyArn);
        else notGranted.push(messages.notGrantable(label(access.origins), access.keyArn, whereOf(access.origins), access.actions.join(", ")));
        break;
      case "execute-api": {
        const arn = accessResourceArn(access, fill);
        if (arn === undefined) problems.push(messages.accountUnknown("The API Gateway URL", access.origins[0]?.value ?? access.apiId, options.stack));
        else apis.push(arn);
        break;
      }
      case "secret": {
        if (!access.origins.some((o) => o.path.endsWith("KantarWatermark.CredentialsSecretName"))) {
          notGranted.push(messages.notGrantable(label(access.origins), access.name, whereOf(access.origins), access.actions.join(", ")));
          break;
        }
        const arn = secretArn(access, fill);
        if (arn !== undefined) secrets.push(arn);
        else if ((access.region ?? region) === undefined) problems.push(messages.regionUnknown("The Kantar credentials secret", access.name, options.stack));
        else problems.push(messages.accountUnknown("The Kantar credentials secret", access.name, options.stack));
        break;
      }
      case "events:connection":
        notGranted.push(messages.notGrantable(label(access.origins), access.arn, whereOf(access.origins), access.actions.join(", ")));
        break;
      case "queue": {
        const arn = accessResourceArn(access, fill);
        const account = arn !== undefined ? splitArn(arn)?.accountId : undefined;
        if (arn === undefined || account === undefined) notes.push(messages.queueUnknown(access.name, whereOf(access.origins)));
        else if (options.accountId === undefined) queueAccounts.add(account);
        else if (account !== options.accountId) notGranted.push(messages.queueOfAnotherAccount(arn, account, options.accountId));
        else queues.push(arn);
        break;
      }
    }
  }
  if (queueAccounts.size > 0) notes.push(messages.queuesWithoutAccount(options.stack, [...queueAccounts].sort()));

  const keys = { inputs: options.inputKeys ?? {}, outputs: options.outputKeys ?? {} };
  for (const [option, direction, map] of [["--input-key", "inputs", reads], ["--output-key", "outputs", writes]] as const) {
    for (const bucket of Object.keys(keys[direction]).sort()) {
      if (!map.has(bucket)) problems.push(messages.bucketKeyUnused(option, bucket, direction === "inputs" ? "read" : "write", [...map.keys()].sort()));
    }
  }

  // What the jobs cannot show.
  for (const u of report.undecidables) {
    if (u.kind === "bucket-default-key") {
      const direction = u.option?.configKey.startsWith("outputs") ? "outputs" : "inputs";
      if (keys[direction][u.subject] !== undefined) continue;
      const jobs = new Set(u.origins.map((o) => o.entry)).size;
      const option = direction === "inputs" ? "--input-key" : "--output-key";
      undecided.push(messages.undecidedBucketKey(u.subject, direction === "inputs" ? "read" : "write", jobs, option, `${direction}[].kmsKeyArn`, u.actions.join(", ")));
    } else if (u.kind === "decryption-key") {
      const given = options.decryptionKeys ?? [];
      const inRegion = isRegion(u.subject) ? u.subject : "";
      if (given.some((k) => inRegion === "" || splitArn(k)?.region === inRegion)) continue;
      undecided.push(messages.undecidedDecryptionKey(inRegion, whereOf(u.origins)));
    } else {
      undecided.push(messages.undecidedKeyNotAnArn(u.text, whereOf(u.origins)));
    }
  }
  for (const t of report.unresolvedTemplates) undecided.push(t.message);
  const byValue = new Map<string, AccessOrigin[]>();
  for (const o of report.unclassified) byValue.set(o.value, [...(byValue.get(o.value) ?? []), o]);
  for (const [value, origins] of byValue) undecided.push(messages.unclassified(value, `${origins[0].entry}: ${origins[0].path}`, origins.length - 1));

  const sortedUnique = (values: readonly string[]) => [...new Set(values)].sort();
  const plan: Plan = {
    roleName,
    existing: options.existing,
    keys,
    acls: new Map([...acls].map(([bucket, prefixes]) => [bucket, [...new Set(prefixes)].sort()])),
    outputMultipartUpload: options.outputMultipartUpload === true,
    lists: {
      jobEncryptionKmsKeyArns: sortedUnique(jobKeys),
      decryptionKmsKeyArns: sortedUnique(options.decryptionKeys ?? []),
      spekeApiArns: sortedUnique(apis),
      kantarSecretArns: sortedUnique(secrets),
      trustedQueueArns: sortedUnique(queues),
    },
  };

  const sets: PrefixSet[] = [];
  for (const [direction, map] of [["inputs", reads], ["outputs", writes]] as const) {
    for (const bucket of [...map.keys()].sort()) {
      const narrowest = narrowestPrefixes(map.get(bucket)!);
      const base = options.depth === undefined ? narrowest : dropCovered(narrowest.map((p) => cutToDepth(p, options.depth!)));
      const existing = asJsonList(options.existing?.[direction])
        .filter((l) => l.bucket === bucket)
        .map((l) => (typeof l.prefix === "string" ? l.prefix : ""));
      sets.push({ direction, bucket, base, prefixes: new Set(base), existing });
    }
  }

  // The trust: the jobs' queues, unless the entry trusts every queue already (derive never narrows) or they do not fit.
  const existingTrustsAll = options.existing !== undefined && !Array.isArray(options.existing.trustedQueueArns);
  let trustQueues = plan.lists.trustedQueueArns.length > 0 && !existingTrustsAll && options.existing?.confusedDeputyProtection !== false;
  if (existingTrustsAll && plan.lists.trustedQueueArns.length > 0 && options.existing?.confusedDeputyProtection !== false) {
    notes.push(messages.trustNotNarrowed(plan.lists.trustedQueueArns));
  }
  if (trustQueues) {
    const entry = buildEntry(plan, [], true).entry as MediaConvertRoleProps;
    const size = policyJson(trustPolicy(sourceRestrictionOf(entry, partition, () => options.accountId ?? "123456789012"))).length;
    if (size > TRUST_POLICY_BUDGET) {
      trustQueues = false;
      // A new entry then trusts every queue of its account; an entry with its own list keeps it, without the jobs' other queues.
      if (options.existing === undefined) notes.push(messages.trustTooLarge(size, TRUST_POLICY_BUDGET, plan.lists.trustedQueueArns.length));
      else notGranted.push(messages.trustListTooLarge(size, TRUST_POLICY_BUDGET, plan.lists.trustedQueueArns.length));
    }
  }

  // Widen until the inline policy fits: the deepest level first, there the parent directory that saves the most first.
  const measuringRegion = region ?? "us-east-1";
  const exact = () => inlineSize(buildEntry(plan, sets, trustQueues).entry, partition, measuringRegion);
  const bound = new SizeBound(partition);
  for (const set of sets) for (const p of set.prefixes) bound.add(set, p);
  let size = bound.value <= budget ? exact() : undefined;
  // Thousands of prefixes are not worth measuring: far over the limit, the lower bound says enough.
  const prefixCount = sets.reduce((n, set) => n + set.prefixes.size, 0);
  const narrowest = size !== undefined ? { size, exact: true } : prefixCount <= MEASURED_PREFIXES ? { size: exact(), exact: true } : { size: bound.value, exact: false };
  let level = Math.max(0, ...sets.flatMap((set) => [...set.prefixes].map(prefixDepth)));
  if (size === undefined || size > budget) {
    // Where widening ends: every bucket whole. When even that is over the limit, say so at once
    // (one measurement) rather than after measuring each widening step on the way.
    const whole = sets.map((set) => ({ ...set, prefixes: new Set(set.prefixes.size > 0 ? [""] : []) }));
    const wholeBound = new SizeBound(partition);
    for (const set of whole) for (const p of set.prefixes) wholeBound.add(set, p);
    const wholeSize = wholeBound.value <= budget ? inlineSize(buildEntry(plan, whole, trustQueues).entry, partition, measuringRegion) : undefined;
    if (wholeSize === undefined || wholeSize > budget) {
      for (const [i, set] of sets.entries()) {
        set.prefixes.clear();
        for (const p of whole[i].prefixes) set.prefixes.add(p);
      }
      problems.push(messages.tooLargeEvenWhole(roleName, wholeSize ?? wholeBound.value, wholeSize === undefined, budget, new Set(sets.map((s) => s.bucket)).size));
      level = 0;
      size = wholeSize ?? wholeBound.value;
    }
  }
  widening: while (size === undefined || size > budget) {
    // Level 0 is reached only when even whole buckets do not fit, which is said above.
    if (level === 0) break;
    for (const group of groupsAt(sets, level, bound)) {
      for (const member of group.members) {
        group.set.prefixes.delete(member);
        bound.remove(group.set, member);
      }
      if (!group.set.prefixes.has(group.parent)) {
        group.set.prefixes.add(group.parent);
        bound.add(group.set, group.parent);
      }
      size = bound.value <= budget ? exact() : undefined;
      if (size !== undefined && size <= budget) break widening;
    }
    level--;
  }

  const built = buildEntry(plan, sets, trustQueues);
  // The diff in the entry's order: by key, then list position.
  const keyOrder = Object.keys(built.entry);
  const position = (change: RoleChange): [number, number, string] => {
    const m = /^([A-Za-z]+)(?:\[(\d+)\])?(?:\.(.+))?$/.exec(change.path)!;
    return [keyOrder.indexOf(m[1]), m[2] !== undefined ? Number(m[2]) : -1, m[3] ?? ""];
  };
  const changes = built.changes
    .map((change) => ({ change, at: position(change) }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1] || (a.at[2] < b.at[2] ? -1 : a.at[2] > b.at[2] ? 1 : 0))
    .map(({ change }) => change);
  const finalSize = inlineSize(built.entry, partition, measuringRegion);
  return {
    props: built.entry as MediaConvertRoleProps,
    changes,
    widened: sets.flatMap(wideningsOf),
    sizes: { narrowest: narrowest.size, narrowestExact: narrowest.exact, final: finalSize, budget },
    undecided,
    notGranted,
    notes,
    problems,
  };
}
