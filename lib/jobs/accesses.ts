/**
 * Extracting what MediaConvert jobs need from their settings: every string is visited once, the
 * fields the table in `rules.ts` knows are handled by their kind, and every other `s3://` value
 * is read and reported as unclassified, so a new MediaConvert feature is never silently missed.
 * Then the buckets' default keys (which no job shows) and the queues are added.
 */
import { partitionOfRegion, type Partition } from "../core/arn";
import { DECRYPTION_CONTEXT } from "../core/policies";
import { Collector, compareOrigins, sortOrigins } from "./collector";
import { resolveJobTemplates, type JobEntry, type JsonObject, type ResolvedJob } from "./documents";
import { arnScope, folderOf, isHttpUrl, isS3Uri, literalPrefix, parseApiGatewayUrl, parseS3Uri } from "./locations";
import {
  ACTIONS,
  CANNED_ACLS,
  ROLE_OPTIONS,
  accessResourceArn,
  type AccessContext,
  type AccessOrigin,
  type AccessReport,
  type EntryAccesses,
  type ExtractOptions,
  type JobScope,
  type RoleOption,
} from "./model";
import * as messages from "./messages";
import { MAP_MEMBERS } from "./names";
import { MapKey, formatSteps, ruleForSteps, type FieldRule, type Step } from "./rules";

// ---------------------------------------------------------------------------------------------
// The rules' meaning

/** What a rule handler sees of the field it handles. */
interface FieldVisit {
  readonly value: string;
  readonly origin: AccessOrigin;
  /** The objects on the way to the field: [settings, ..., the field's parent]. */
  readonly parents: readonly JsonObject[];
  readonly scope: JobScope;
  readonly out: Collector;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const obj = (v: unknown): JsonObject | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined);

function s3Read(v: FieldVisit, key: string, match: "object" | "prefix", label?: string): void {
  const uri = parseS3Uri(v.value)!;
  const origin = label === undefined ? v.origin : { ...v.origin, label };
  v.out.access({ kind: "s3:read", actions: ACTIONS.s3Read, context: {}, ...partitionOf(v.scope), bucket: uri.bucket, key, match }, origin);
}

const partitionOf = (scope: JobScope): { partition?: Partition } => (scope.partition !== undefined ? { partition: scope.partition } : {});

function noteHttp(v: FieldVisit): void {
  v.out.note({ kind: "http", subject: v.value, text: messages.noteHttp(v.value) }, v.origin);
}

function noteNotS3(v: FieldVisit): void {
  v.out.note({ kind: "not-an-s3-uri", subject: v.value, text: messages.noteNotS3(v.value) }, v.origin);
}

/** Reads one S3 object, or notes an HTTP(S) URL; `prefixOf` turns the key into a prefix when the field names a group of objects. */
function readLocation(v: FieldVisit, prefixOf?: (key: string) => { key: string; label?: string } | undefined): void {
  if (isHttpUrl(v.value)) return noteHttp(v);
  const uri = parseS3Uri(v.value);
  if (uri === undefined) return noteNotS3(v);
  const prefix = prefixOf?.(uri.key);
  if (prefix !== undefined) s3Read(v, prefix.key, "prefix", prefix.label);
  else s3Read(v, uri.key, uri.key === "" || uri.key.endsWith("/") ? "prefix" : "object");
}

/** The folder and base name a destination writes to, cut before any settings variable. */
function writePrefix(v: FieldVisit, key: string, folder: boolean): { prefix: string; basename: string } {
  const { literal, variable } = literalPrefix(key);
  if (variable !== undefined) {
    v.out.note({ kind: "settings-variable", subject: v.value, text: messages.noteSettingsVariable(v.value, variable, folderOf(literal)) }, v.origin);
    return { prefix: folderOf(literal), basename: "" };
  }
  // A folder named without its trailing "/" may be written as "<key>/..." or "<key>...": the prefix covers both.
  if (folder) return { prefix: key, basename: "" };
  return { prefix: folderOf(key), basename: key.slice(folderOf(key).length) };
}

function write(v: FieldVisit, folder: boolean): { bucket: string; prefix: string } | undefined {
  const uri = parseS3Uri(v.value);
  if (uri === undefined) {
    noteNotS3(v);
    return undefined;
  }
  const { prefix, basename } = writePrefix(v, uri.key, folder);
  v.out.access({ kind: "s3:write", actions: ACTIONS.s3Write, context: {}, ...partitionOf(v.scope), bucket: uri.bucket, prefix, basenames: [] }, v.origin, basename);
  return { bucket: uri.bucket, prefix };
}

/** The group settings object (HlsGroupSettings, ...) above `DestinationSettings.S3Settings.X.Field`. */
const groupOf = (v: FieldVisit): JsonObject | undefined => v.parents[v.parents.length - 4];

function keyIsArn(keyArn: string): boolean {
  return /^arn:[^:]+:kms:[^:]+:\d{12}:key\/.+$/.test(keyArn);
}

/** A key named by an alias or a bare key id: IAM cannot grant it by that name. */
function undecidableKey(v: FieldVisit, what: string, actions: readonly string[], option?: RoleOption): void {
  const where = option !== undefined ? `in ${option.configKey} (module variable ${option.moduleVariable})` : "in the job settings";
  v.out.undecidable(
    {
      kind: "kms-key-not-an-arn",
      subject: v.value,
      actions,
      context: {},
      ...(option !== undefined ? { option } : {}),
      text: messages.keyNotAnArn(what, v.value, where),
    },
    [v.origin],
  );
}

/** The secret a name or ARN names. */
function secretAccess(v: FieldVisit, actions: readonly string[]): void {
  const scope = arnScope(v.value);
  if (scope !== undefined) {
    const name = /:secret:(.+)$/.exec(v.value)?.[1] ?? v.value;
    // A full ARN ends in "-" and the six random characters; a partial ARN (the name alone) takes the pattern.
    const exact = /-[A-Za-z0-9]{6}$/.test(name);
    v.out.access({ kind: "secret", actions, context: {}, ...scope, name, match: exact ? "exact" : "random-suffix" }, v.origin);
    return;
  }
  v.out.access({ kind: "secret", actions, context: {}, ...v.scope, name: v.value, match: "random-suffix" }, v.origin);
}

type Handler = (v: FieldVisit) => void;

/** What each kind of field needs. */
const HANDLERS: Readonly<Record<FieldRule["kind"], Handler>> = {
  input: (v) => {
    const input = v.parents[v.parents.length - 1];
    if (obj(input?.TamsSettings) !== undefined) {
      v.out.note({ kind: "tams-server", subject: v.value, text: messages.noteTamsServer(v.value) }, v.origin);
      return;
    }
    readLocation(v, (key) => (/\.xml$/i.test(key) ? { key: folderOf(key), label: "IMF package (its CPL's folder)" } : undefined));
  },
  read: (v) => readLocation(v),
  "read-folder": (v) => readLocation(v, (key) => ({ key: folderOf(key) })),
  "read-sequence": (v) =>
    readLocation(v, (key) => {
      const m = /^(.*?)\d+\.png$/i.exec(key);
      return m ? { key: m[1], label: `${v.origin.label} (PNG sequence)` } : undefined;
    }),
  destination: (v) => {
    write(v, false);
  },
  "write-folder": (v) => {
    write(v, true);
  },
  "canned-acl": (v) => {
    const destination = str(groupOf(v)?.Destination);
    const cannedAcl = CANNED_ACLS[v.value] ?? v.value.toLowerCase().replace(/_/g, "-");
    const uri = destination !== undefined ? parseS3Uri(destination) : undefined;
    if (uri === undefined) {
      v.out.note({ kind: "acl-without-destination", subject: v.origin.path, text: messages.noteAclWithoutDestination(v.value) }, v.origin);
      return;
    }
    const { literal, variable } = literalPrefix(uri.key);
    const prefix = folderOf(variable !== undefined ? literal : uri.key);
    v.out.access({ kind: "s3:acl", actions: ACTIONS.s3Acl, context: { "s3:x-amz-acl": cannedAcl }, ...partitionOf(v.scope), bucket: uri.bucket, prefix, cannedAcl }, v.origin);
  },
  "job-key": (v) => {
    const encryption = v.parents[v.parents.length - 1];
    if (str(encryption?.EncryptionType) !== "SERVER_SIDE_ENCRYPTION_KMS") return;
    if (!keyIsArn(v.value)) return undecidableKey(v, "The job-level output key", ACTIONS.jobKey, ROLE_OPTIONS.jobKeys);
    const keyRegion = v.value.split(":")[3];
    v.out.access({ kind: "kms", actions: ACTIONS.jobKey, context: { "kms:ViaService": `s3.${keyRegion}.amazonaws.com` }, keyArn: v.value, via: "s3" }, v.origin);
  },
  "encryption-type": (v) => {
    const encryption = v.parents[v.parents.length - 1];
    if (v.value !== "SERVER_SIDE_ENCRYPTION_KMS" || str(encryption?.KmsKeyArn) !== undefined) return;
    v.out.note({ kind: "aws-managed-key", subject: str(groupOf(v)?.Destination) ?? v.origin.path, text: messages.noteAwsManagedKey() }, v.origin);
  },
  api: (v) => {
    const api = parseApiGatewayUrl(v.value);
    if (api === undefined) {
      v.out.note({ kind: "not-api-gateway", subject: v.value, text: messages.noteNotApiGateway(v.value) }, v.origin);
      return;
    }
    v.out.access(
      {
        kind: "execute-api",
        actions: ACTIONS.invoke,
        context: {},
        partition: api.partition,
        region: api.region,
        ...(v.scope.accountId !== undefined ? { accountId: v.scope.accountId } : {}),
        apiId: api.apiId,
        stage: api.stage,
        method: "POST",
        resourcePath: api.resourcePath,
      },
      v.origin,
    );
  },
  "external-url": (v) => {
    v.out.note({ kind: "external-url", subject: v.value, text: messages.noteExternalUrl(v.value, v.origin.label) }, v.origin);
  },
  secret: (v) => secretAccess(v, ACTIONS.secret),
  "signing-key": (v) => {
    if (!keyIsArn(v.value)) return undecidableKey(v, "The C2PA signing key", ACTIONS.signingKey);
    v.out.access({ kind: "kms", actions: ACTIONS.signingKey, context: {}, keyArn: v.value, via: "direct" }, v.origin);
  },
  connection: (v) => {
    v.out.access({ kind: "events:connection", actions: ACTIONS.connection, context: {}, arn: v.value }, v.origin);
    // EventBridge keeps a connection's credentials in a secret it manages, named events!connection/<name>/<id>.
    const scope = arnScope(v.value);
    const name = /:connection\/([^/]+)/.exec(v.value)?.[1];
    if (scope === undefined || name === undefined) return;
    v.out.access(
      { kind: "secret", actions: ACTIONS.connectionSecret, context: {}, ...scope, name: `events!connection/${name}/`, match: "prefix" },
      { ...v.origin, label: "TAMS connection's secret" },
    );
  },
  decryption: (v) => {
    const settings = v.parents[v.parents.length - 1];
    const region = str(settings?.KmsKeyRegion) ?? v.scope.region;
    v.out.undecidable(
      {
        kind: "decryption-key",
        subject: region ?? "(the job's region)",
        actions: ACTIONS.decryptionKey,
        context: DECRYPTION_CONTEXT,
        option: ROLE_OPTIONS.decryptionKeys,
        text: messages.decryptionKeyUnknown(region),
      },
      [v.origin],
    );
  },
  "not-a-location": () => undefined,
};

// ---------------------------------------------------------------------------------------------
// The walk

const UNCLASSIFIED_LABEL = "unclassified S3 location";

interface WalkState {
  /** The path to the current value, compact: field names, list indexes, map keys. */
  readonly steps: Step[];
  /** The objects on the way to the current value. */
  readonly parents: JsonObject[];
  readonly entry: string;
  readonly scope: JobScope;
  readonly out: Collector;
  readonly unclassified: AccessOrigin[];
  /** The job's own settings, to tell what it took from its template. */
  readonly own?: JsonObject;
  readonly template?: string;
}

/** True when the job's own settings have a value at the steps (so it did not come from the template). */
function ownHas(own: JsonObject | undefined, steps: readonly Step[]): boolean {
  let at: unknown = own;
  for (const step of steps) {
    if (typeof at !== "object" || at === null) return false;
    at = (at as Record<string, unknown>)[step instanceof MapKey ? step.key : step];
  }
  return at !== undefined;
}

function visitString(s: WalkState, value: string): void {
  const rule = ruleForSteps(s.steps);
  if (rule === undefined ? !isS3Uri(value) : rule.kind === "not-a-location") return;
  const path = `Settings.${formatSteps(s.steps)}`;
  const fromTemplate = s.template !== undefined && !ownHas(s.own, s.steps) ? { fromTemplate: s.template } : {};
  if (rule !== undefined) {
    HANDLERS[rule.kind]({ value, origin: { entry: s.entry, path, label: rule.label, value, ...fromTemplate }, parents: s.parents, scope: s.scope, out: s.out });
    return;
  }
  const origin: AccessOrigin = { entry: s.entry, path, label: UNCLASSIFIED_LABEL, value, ...fromTemplate, unclassified: true };
  s.unclassified.push(origin);
  const uri = parseS3Uri(value);
  if (uri === undefined) return;
  const match = uri.key === "" || uri.key.endsWith("/") ? "prefix" : "object";
  s.out.access({ kind: "s3:read", actions: ACTIONS.s3Read, context: {}, ...partitionOf(s.scope), bucket: uri.bucket, key: uri.key, match }, origin);
}

function walk(s: WalkState, value: unknown, keysAreData: boolean): void {
  if (typeof value === "string") {
    visitString(s, value);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      s.steps.push(i);
      walk(s, value[i], false);
      s.steps.pop();
    }
    return;
  }
  const record = value as JsonObject;
  s.parents.push(record);
  for (const key in record) {
    s.steps.push(keysAreData ? new MapKey(key) : key);
    walk(s, record[key], !keysAreData && MAP_MEMBERS.has(key));
    s.steps.pop();
  }
  s.parents.pop();
}

// ---------------------------------------------------------------------------------------------
// Per entry, and for all

const scopes = new Map<string, ReturnType<typeof arnScope>>();
/** `arnScope`, remembered: the same queue and role ARNs come back job after job. */
function scopeOfArn(arn: string): ReturnType<typeof arnScope> {
  let scope = scopes.get(arn);
  if (scope === undefined && !scopes.has(arn)) {
    scope = arnScope(arn);
    if (scopes.size > 10000) scopes.clear();
    scopes.set(arn, scope);
  }
  return scope;
}

/** Where a job runs: from its ARN, its queue's, its template's, its role's, then the options. */
function scopeOf(entry: JobEntry, queue: string | undefined, options: ExtractOptions): JobScope {
  const arns = [entry.arn, queue, entry.kind === "job" ? entry.jobTemplate : undefined, entry.kind === "job" ? entry.role : undefined];
  let partition: Partition | undefined;
  let region: string | undefined;
  let accountId: string | undefined;
  for (const arn of arns) {
    const scope = arn !== undefined ? scopeOfArn(arn) : undefined;
    if (scope === undefined) continue;
    partition ??= scope.partition;
    region ??= scope.region;
    accountId ??= scope.accountId;
  }
  region ??= options.region;
  accountId ??= options.accountId;
  partition ??= region !== undefined ? partitionOfRegion(region) : undefined;
  return { ...(partition !== undefined ? { partition } : {}), ...(region !== undefined ? { region } : {}), ...(accountId !== undefined ? { accountId } : {}) };
}

function queueAccess(out: Collector, entry: string, scope: JobScope, queue: string | undefined, path: string, label: string, fromTemplate?: string): void {
  const value = queue ?? "Default";
  const fromArn = /^arn:[^:]*:mediaconvert:[^:]*:[^:]*:queues\/(.+)$/.exec(value);
  const where = fromArn ? { ...scope, ...scopeOfArn(value) } : scope;
  const name = fromArn ? fromArn[1] : value;
  const arn = accessResourceArn({ kind: "queue", actions: [], context: {}, origins: [], ...where, name });
  const context: AccessContext =
    arn !== undefined ? { "aws:SourceArn": arn, "aws:SourceAccount": where.accountId! } : where.accountId !== undefined ? { "aws:SourceAccount": where.accountId } : {};
  out.access(
    { kind: "queue", actions: ACTIONS.assumeRole, context, ...where, name },
    { entry, path, label: queue === undefined ? "Default queue (the job names none)" : label, value, ...(fromTemplate !== undefined ? { fromTemplate } : {}) },
  );
}

/** What one job (with the settings it runs with) or one template needs; `keys` are its accesses' keys. */
function extractEntry(entry: JobEntry, resolved: ResolvedJob | undefined, options: ExtractOptions): EntryAccesses & { readonly keys: readonly string[] } {
  const out = new Collector();
  const queue = resolved !== undefined ? resolved.queue : entry.queue;
  const scope = scopeOf(entry, queue, options);
  const settings = (resolved !== undefined ? resolved.settings : entry.settings) as JsonObject | undefined;
  const template = resolved?.template;
  const unclassified: AccessOrigin[] = [];
  if (settings !== undefined) {
    const state: WalkState = {
      steps: [],
      parents: [],
      entry: entry.label,
      scope,
      out,
      unclassified,
      ...(template !== undefined ? { own: entry.settings as JsonObject | undefined, template: template.name } : {}),
    };
    walk(state, settings, false);
  }
  // The buckets' default encryption keys: no job setting shows them.
  for (const direction of ["read", "write"] as const) {
    const option = direction === "read" ? ROLE_OPTIONS.inputBucketKey : ROLE_OPTIONS.outputBucketKey;
    const actions = direction === "read" ? ACTIONS.bucketReadKey : ACTIONS.bucketWriteKey;
    for (const [bucket, origins] of out.buckets(direction === "read" ? "s3:read" : "s3:write")) {
      const text = messages.bucketKeyUnknown(bucket, option.configKey, option.moduleVariable, actions);
      out.undecidable({ kind: "bucket-default-key", subject: bucket, actions, context: {}, option, text }, origins);
    }
  }
  const queueFromTemplate = entry.queue === undefined && queue !== undefined ? template?.name : undefined;
  if (entry.kind === "job" || queue !== undefined) queueAccess(out, entry.label, scope, queue, "Queue", "queue", queueFromTemplate);
  const hopsFromTemplate = entry.hopQueues.length === 0 && template !== undefined && template.hopQueues.length > 0;
  for (const hop of hopsFromTemplate ? template.hopQueues : entry.hopQueues) {
    queueAccess(out, entry.label, scope, hop.queue, hop.path, "queue hop destination", hopsFromTemplate ? template.name : undefined);
  }
  const { accesses, keys, notes, undecidables } = out.results();
  return {
    entry,
    scope,
    ...(template !== undefined ? { template } : {}),
    ...(resolved?.unresolved !== undefined ? { unresolvedTemplate: resolved.unresolved } : {}),
    accesses,
    keys,
    notes,
    undecidables,
    unclassified: unclassified.sort(compareOrigins),
  };
}

/**
 * Every access the service role needs for the jobs and templates read, each with every settings
 * path that needs it, plus notes (what needs nothing), undecidables (what the jobs cannot show,
 * and the option that supplies it), unclassified `s3://` values and unresolved templates; and the
 * same for each job and template on its own. Jobs take their template's settings when the
 * template is among `entries` (see `resolveJobTemplates`, which may throw `JobDocumentError`).
 */
export function extractAccesses(entries: readonly JobEntry[], options: ExtractOptions = {}): AccessReport {
  const resolved = new Map(resolveJobTemplates(entries).map((r) => [r.entry, r]));
  const all = new Collector();
  const perEntry: EntryAccesses[] = [];
  const unclassified: AccessOrigin[] = [];
  const unresolvedTemplates: NonNullable<EntryAccesses["unresolvedTemplate"]>[] = [];
  for (const entry of entries) {
    const { keys, ...result } = extractEntry(entry, entry.kind === "job" ? resolved.get(entry) : undefined, options);
    perEntry.push(result);
    result.accesses.forEach((a, i) => all.addAccess(keys[i], a, a.origins, a.kind === "s3:write" ? a.basenames : undefined));
    for (const n of result.notes) all.addNote(n, n.origins);
    for (const u of result.undecidables) all.undecidable(u, u.origins);
    for (const o of result.unclassified) unclassified.push(o);
    if (result.unresolvedTemplate !== undefined) unresolvedTemplates.push(result.unresolvedTemplate);
  }
  const { accesses, notes, undecidables } = all.results();
  return { entries: perEntry, accesses, notes, undecidables, unclassified: sortOrigins(unclassified), unresolvedTemplates };
}
