/**
 * Every access the MediaConvert service role needs to run the jobs read, each with the settings
 * paths that need it; what needs nothing (notes); what the jobs cannot show (undecidables, with
 * the option that supplies it). The fields are classified by the table in `rules.ts`; every
 * other `s3://` value is read and reported as unclassified.
 *
 * The output is deterministic: accesses, origins, notes and undecidables sorted and de-duplicated.
 */
import { formatArn, partitionOfRegion, type Partition } from "../core/arn";
import { quote } from "../core/errors";
import { resolveJobTemplates, type JobEntry, type JsonObject, type ResolvedJob, type TemplateDocumentEntry, type UnresolvedTemplate } from "./documents";
import { arnScope, folderOf, isHttpUrl, isS3Uri, literalPrefix, parseApiGatewayUrl, parseS3Uri } from "./locations";
import { MAP_MEMBERS } from "./names";
import { formatPath, hasRuleForField, ruleFor, type FieldRule, type PathStep } from "./rules";

// ---------------------------------------------------------------------------------------------
// The model

/** Where an access (or note, or undecidable) comes from. */
export interface AccessOrigin {
  /** The job's or template's label (`<file>` or `<file>: Jobs[3]`). */
  readonly entry: string;
  /** The settings path that needs it, PascalCase whatever the document's spelling: `Settings.OutputGroups[1].OutputGroupSettings.HlsGroupSettings.Destination`. */
  readonly path: string;
  /** What the field is: "HLS destination", "sidecar caption source", "unclassified S3 location". */
  readonly label: string;
  /** The value as written (URI, URL, name, ARN). */
  readonly value: string;
  /** The job template the value came from, when a job took it from its template. */
  readonly fromTemplate?: string;
  /** Set when the generic walk found an `s3://` value under a field no rule knows (granted as a read). */
  readonly unclassified?: true;
}

/** Request context keys an access carries (for conditions and the policy simulator). */
export type AccessContext = Readonly<Record<string, string>>;

interface AccessBase {
  /** The IAM actions the access is. */
  readonly actions: readonly string[];
  /** Request context the calls carry (`kms:ViaService`, `s3:x-amz-acl`, `aws:SourceArn`, ...). */
  readonly context: AccessContext;
  /** Every place that needs it, sorted by entry and path. */
  readonly origins: readonly AccessOrigin[];
}

/** Where the job runs, as far as its documents show. */
export interface JobScope {
  readonly partition?: Partition;
  readonly region?: string;
  readonly accountId?: string;
}

/** `s3:GetObject` on one object, or on every object under a key prefix (a package folder, an image sequence). */
export interface S3ReadAccess extends AccessBase {
  readonly kind: "s3:read";
  readonly partition?: Partition;
  readonly bucket: string;
  /** The object's key, or the prefix every key read starts with. */
  readonly key: string;
  readonly match: "object" | "prefix";
}

/** `s3:PutObject` under a key prefix: an output destination's folder (`dir/`), or a log or metadata folder. */
export interface S3WriteAccess extends AccessBase {
  readonly kind: "s3:write";
  readonly partition?: Partition;
  readonly bucket: string;
  /** Every key written starts with it: the destination's directory, cut before any settings variable (`$d$`). */
  readonly prefix: string;
  /** The base file names the destinations give (`master` of `s3://b/hls/master`), sorted; "" when a destination names only a folder. */
  readonly basenames: readonly string[];
}

/** `s3:PutObjectAcl` under a destination's prefix, for a canned ACL (`s3:x-amz-acl` in the context). */
export interface S3AclAccess extends AccessBase {
  readonly kind: "s3:acl";
  readonly partition?: Partition;
  readonly bucket: string;
  readonly prefix: string;
  /** The S3 canned ACL, as S3 names it (`bucket-owner-full-control`). */
  readonly cannedAcl: string;
}

/**
 * KMS on a key the settings name: a job-level output key (`kms:Encrypt`, `kms:GenerateDataKey`
 * through S3, `kms:ViaService` in the context), or a C2PA signing key (`kms:Sign`, called directly).
 */
export interface KmsAccess extends AccessBase {
  readonly kind: "kms";
  /** The key's ARN as written (an alias ARN or key id is reported as undecidable instead). */
  readonly keyArn: string;
  /** "s3": S3 calls KMS for MediaConvert (`kms:ViaService = s3.<region>.amazonaws.com`); "direct": MediaConvert calls KMS itself. */
  readonly via: "s3" | "direct";
}

/** `execute-api:Invoke` on an API Gateway method: SPEKE key servers and Nielsen TIC servers. */
export interface ExecuteApiAccess extends AccessBase {
  readonly kind: "execute-api";
  readonly partition: Partition;
  readonly region: string;
  /** The API's account: the job's when its ARNs show it, else unknown (the caller fills it). */
  readonly accountId?: string;
  readonly apiId: string;
  readonly stage: string;
  /** The HTTP method: SPEKE and TIC requests are POST. */
  readonly method: string;
  /** The resource path after the stage, without a leading `/`. */
  readonly resourcePath: string;
}

/**
 * `secretsmanager:GetSecretValue` on a secret: Kantar credentials, C2PA certificates, an EventBridge
 * connection's secret. A secret named without its ARN is matched with the six random characters
 * Secrets Manager appends (`<name>-??????`).
 */
export interface SecretAccess extends AccessBase {
  readonly kind: "secret";
  readonly partition?: Partition;
  readonly region?: string;
  readonly accountId?: string;
  /** The secret's name (without the random suffix), or its full name from an ARN, or a name prefix. */
  readonly name: string;
  /** "random-suffix": `<name>-??????`; "exact": an ARN's whole name; "prefix": `<name>*`. */
  readonly match: "random-suffix" | "exact" | "prefix";
}

/** `events:RetrieveConnectionCredentials` on an EventBridge connection (TAMS inputs). */
export interface ConnectionAccess extends AccessBase {
  readonly kind: "events:connection";
  readonly arn: string;
}

/**
 * A queue the job runs in: the trust policy's `aws:SourceArn` when MediaConvert assumes the role
 * (`sts:AssumeRole`). A job that names none runs in the queue named `Default`.
 */
export interface QueueAccess extends AccessBase {
  readonly kind: "queue";
  readonly partition?: Partition;
  readonly region?: string;
  readonly accountId?: string;
  readonly name: string;
}

/** One access the role needs. */
export type Access = S3ReadAccess | S3WriteAccess | S3AclAccess | KmsAccess | ExecuteApiAccess | SecretAccess | ConnectionAccess | QueueAccess;

/** The kinds, in report order. */
export const ACCESS_KINDS: readonly Access["kind"][] = ["s3:read", "s3:write", "s3:acl", "kms", "execute-api", "secret", "events:connection", "queue"];

/** Something that needs no grant, said so the reader knows it was seen. */
export interface Note {
  readonly kind: "http" | "not-api-gateway" | "external-url" | "aws-managed-key" | "settings-variable" | "not-an-s3-uri" | "tams-server" | "acl-without-destination";
  /** What the note is about (a URL, a destination). */
  readonly subject: string;
  readonly text: string;
  readonly origins: readonly AccessOrigin[];
}

/** An option of the role (construct prop, config key, module variable) that supplies what jobs cannot show. */
export interface RoleOption {
  readonly roleProperty: string;
  readonly configKey: string;
  readonly moduleVariable: string;
}

/** Something the role needs that the job documents cannot show, with the option that supplies it. */
export interface Undecidable {
  readonly kind: "decryption-key" | "bucket-default-key" | "kms-key-not-an-arn";
  /** What it is about: the bucket, the region of the decryption key, the key as written. */
  readonly subject: string;
  /** The actions the role needs on what the option names. */
  readonly actions: readonly string[];
  /** The request context those calls carry. */
  readonly context: AccessContext;
  readonly option: RoleOption;
  readonly text: string;
  readonly origins: readonly AccessOrigin[];
}

/** What one job or template needs. */
export interface EntryAccesses {
  readonly entry: JobEntry;
  /** Where the job runs, as far as its documents (and the options) show. */
  readonly scope: JobScope;
  /** The template whose settings the job took, when it was read. */
  readonly template?: TemplateDocumentEntry;
  readonly unresolvedTemplate?: UnresolvedTemplate;
  readonly accesses: readonly Access[];
  readonly notes: readonly Note[];
  readonly undecidables: readonly Undecidable[];
  /** The origins of unclassified `s3://` values (also among the reads). */
  readonly unclassified: readonly AccessOrigin[];
}

/** What all the jobs and templates read need, merged, plus each one's own. */
export interface AccessReport {
  /** Per job and template, in the order read. */
  readonly entries: readonly EntryAccesses[];
  /** All accesses, merged: one per resource, actions and context, with every origin. */
  readonly accesses: readonly Access[];
  readonly notes: readonly Note[];
  readonly undecidables: readonly Undecidable[];
  readonly unclassified: readonly AccessOrigin[];
  readonly unresolvedTemplates: readonly UnresolvedTemplate[];
}

/** Defaults for what the documents do not show (a CreateJob request names no region). */
export interface ExtractOptions {
  /** The region the jobs run in, when their documents show none (e.g. from --region). */
  readonly region?: string;
  /** The account the jobs run in, when their documents show none. */
  readonly accountId?: string;
}

/** The actions of each kind. */
export const ACTIONS = {
  s3Read: ["s3:GetObject"],
  s3Write: ["s3:PutObject"],
  s3Acl: ["s3:PutObjectAcl"],
  jobKey: ["kms:Encrypt", "kms:GenerateDataKey"],
  signingKey: ["kms:Sign"],
  decryptionKey: ["kms:Decrypt"],
  bucketReadKey: ["kms:Decrypt"],
  bucketWriteKey: ["kms:GenerateDataKey"],
  invoke: ["execute-api:Invoke"],
  secret: ["secretsmanager:GetSecretValue"],
  connectionSecret: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
  connection: ["events:RetrieveConnectionCredentials"],
  assumeRole: ["sts:AssumeRole"],
} as const;

/** The encryption context MediaConvert uses for client-side encrypted inputs' data keys. */
export const DECRYPTION_CONTEXT: AccessContext = { "kms:EncryptionContext:service": "mediaconvert.amazonaws.com" };

/** The options that supply what jobs cannot show. */
export const ROLE_OPTIONS = {
  decryptionKeys: { roleProperty: "decryptionKmsKeyArns", configKey: "decryptionKmsKeyArns", moduleVariable: "decryption_kms_key_arns" },
  inputBucketKey: { roleProperty: "inputs[].kmsKeyArn", configKey: "inputs[].kmsKeyArn", moduleVariable: "inputs[*].kms_key_arn" },
  outputBucketKey: { roleProperty: "outputs[].kmsKeyArn", configKey: "outputs[].kmsKeyArn", moduleVariable: "outputs[*].kms_key_arn" },
  jobKeys: { roleProperty: "jobEncryptionKmsKeyArns", configKey: "jobEncryptionKmsKeyArns", moduleVariable: "job_encryption_kms_key_arns" },
} as const satisfies Record<string, RoleOption>;

/** MediaConvert's canned ACL values as S3 names them. */
const CANNED_ACLS: Readonly<Record<string, string>> = {
  PUBLIC_READ: "public-read",
  AUTHENTICATED_READ: "authenticated-read",
  BUCKET_OWNER_READ: "bucket-owner-read",
  BUCKET_OWNER_FULL_CONTROL: "bucket-owner-full-control",
};

// ---------------------------------------------------------------------------------------------
// ARNs of accesses

/** What fills the parts of an ARN an access leaves open. */
export interface ArnFill {
  readonly partition?: Partition;
  readonly region?: string;
  readonly accountId?: string;
}

/**
 * The resource ARN (or ARN pattern) an access needs: `arn:aws:s3:::bucket/prefix*`,
 * `arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/POST/copyProtection`,
 * `arn:aws:secretsmanager:eu-west-1:111122223333:secret:kantar/credentials-??????`. Parts the
 * access leaves open come from `fill`; undefined when a part is still unknown.
 */
export function accessResourceArn(access: Access, fill: ArnFill = {}): string | undefined {
  const region = ("region" in access ? access.region : undefined) ?? fill.region;
  const partition = ("partition" in access ? access.partition : undefined) ?? fill.partition ?? (region !== undefined ? partitionOfRegion(region) : undefined);
  const accountId = ("accountId" in access ? access.accountId : undefined) ?? fill.accountId;
  switch (access.kind) {
    case "kms":
      return access.keyArn;
    case "events:connection":
      return access.arn;
    case "s3:read":
      if (partition === undefined) return undefined;
      return formatArn({ partition, service: "s3", region: "", accountId: "", resource: `${access.bucket}/${access.key}${access.match === "prefix" ? "*" : ""}` });
    case "s3:write":
    case "s3:acl":
      if (partition === undefined) return undefined;
      return formatArn({ partition, service: "s3", region: "", accountId: "", resource: `${access.bucket}/${access.prefix}*` });
    case "execute-api":
      if (accountId === undefined) return undefined;
      return formatArn({ partition: access.partition, service: "execute-api", region: access.region, accountId, resource: `${access.apiId}/${access.stage}/${access.method}/${access.resourcePath}` });
    case "secret": {
      if (partition === undefined || region === undefined || accountId === undefined) return undefined;
      const suffix = access.match === "random-suffix" ? "-??????" : access.match === "prefix" ? "*" : "";
      return formatArn({ partition, service: "secretsmanager", region, accountId, resource: `secret:${access.name}${suffix}` });
    }
    case "queue":
      if (partition === undefined || region === undefined || accountId === undefined) return undefined;
      return formatArn({ partition, service: "mediaconvert", region, accountId, resource: `queues/${access.name}` });
  }
}

// ---------------------------------------------------------------------------------------------
// Collecting one entry's accesses

/** An access without its origins (Omit over each member of the union). */
type Draft = Access extends infer A ? (A extends Access ? Omit<A, "origins"> : never) : never;
type Origin = AccessOrigin;

/** Identity of an access: everything but its origins (and a write's basenames). */
function accessKey(a: Draft): string {
  switch (a.kind) {
    case "s3:read":
      return `s3:read ${a.partition ?? ""} ${a.bucket} ${a.key} ${a.match}`;
    case "s3:write":
      return `s3:write ${a.partition ?? ""} ${a.bucket} ${a.prefix}`;
    case "s3:acl":
      return `s3:acl ${a.partition ?? ""} ${a.bucket} ${a.prefix} ${a.cannedAcl}`;
    case "kms":
      return `kms ${a.keyArn} ${a.via} ${a.actions.join(",")} ${JSON.stringify(a.context)}`;
    case "execute-api":
      return `execute-api ${a.partition} ${a.region} ${a.accountId ?? ""} ${a.apiId} ${a.stage} ${a.method} ${a.resourcePath}`;
    case "secret":
      return `secret ${a.partition ?? ""} ${a.region ?? ""} ${a.accountId ?? ""} ${a.match} ${a.name} ${a.actions.join(",")}`;
    case "events:connection":
      return `events:connection ${a.arn}`;
    case "queue":
      return `queue ${a.partition ?? ""} ${a.region ?? ""} ${a.accountId ?? ""} ${a.name}`;
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const originKey = (o: Origin): string => `${o.entry}\u0000${o.path}\u0000${o.value}`;
const compareOrigins = (a: Origin, b: Origin): number => compare(a.entry, b.entry) || compare(a.path, b.path) || compare(a.value, b.value);

/** Accumulates accesses, notes and undecidables, merging equal ones and keeping every origin. */
class Collector {
  private readonly accesses = new Map<string, { draft: Draft; origins: Map<string, Origin>; basenames?: Set<string> }>();
  private readonly notes = new Map<string, { note: Omit<Note, "origins">; origins: Map<string, Origin> }>();
  private readonly undecidables = new Map<string, { u: Omit<Undecidable, "origins">; origins: Map<string, Origin> }>();

  access(draft: Draft, origin: Origin, basename?: string): void {
    const key = accessKey(draft);
    let slot = this.accesses.get(key);
    if (slot === undefined) {
      slot = { draft, origins: new Map() };
      this.accesses.set(key, slot);
    }
    slot.origins.set(originKey(origin), origin);
    if (basename !== undefined) (slot.basenames ??= new Set()).add(basename);
  }

  note(note: Omit<Note, "origins">, origin: Origin): void {
    const key = `${note.kind}\u0000${note.subject}`;
    let slot = this.notes.get(key);
    if (slot === undefined) {
      slot = { note, origins: new Map() };
      this.notes.set(key, slot);
    }
    slot.origins.set(originKey(origin), origin);
  }

  undecidable(u: Omit<Undecidable, "origins">, origins: Iterable<Origin>): void {
    const key = `${u.kind}\u0000${u.subject}\u0000${u.actions.join(",")}`;
    let slot = this.undecidables.get(key);
    if (slot === undefined) {
      slot = { u, origins: new Map() };
      this.undecidables.set(key, slot);
    }
    for (const o of origins) slot.origins.set(originKey(o), o);
  }

  /** Merges another collector's results into this one. */
  absorb(accesses: readonly Access[], notes: readonly Note[], undecidables: readonly Undecidable[]): void {
    for (const a of accesses) {
      const { origins, ...draft } = a;
      for (const o of origins) this.access(draft as Draft, o);
      if (a.kind === "s3:write") {
        const slot = this.accesses.get(accessKey(draft as Draft))!;
        for (const b of a.basenames) (slot.basenames ??= new Set()).add(b);
      }
    }
    for (const n of notes) {
      const { origins, ...note } = n;
      for (const o of origins) this.note(note, o);
    }
    for (const u of undecidables) {
      const { origins, ...rest } = u;
      this.undecidable(rest, origins);
    }
  }

  /** The buckets read and written, with the origins that touch each (for the default-key undecidables). */
  buckets(kind: "s3:read" | "s3:write"): Map<string, Origin[]> {
    const out = new Map<string, Origin[]>();
    for (const { draft, origins } of this.accesses.values()) {
      if (draft.kind !== kind) continue;
      const bucket = (draft as S3ReadAccess | S3WriteAccess).bucket;
      out.set(bucket, [...(out.get(bucket) ?? []), ...origins.values()]);
    }
    return out;
  }

  results(): { accesses: Access[]; notes: Note[]; undecidables: Undecidable[] } {
    const sortOrigins = (m: Map<string, Origin>): Origin[] => [...m.values()].sort(compareOrigins);
    const accesses = [...this.accesses.entries()]
      .sort(([ka, a], [kb, b]) => ACCESS_KINDS.indexOf(a.draft.kind) - ACCESS_KINDS.indexOf(b.draft.kind) || compare(ka, kb))
      .map(([, slot]) =>
        (slot.draft.kind === "s3:write"
          ? { ...slot.draft, basenames: [...(slot.basenames ?? [])].sort(compare), origins: sortOrigins(slot.origins) }
          : { ...slot.draft, origins: sortOrigins(slot.origins) }) as Access,
      );
    const notes = [...this.notes.entries()].sort(([a], [b]) => compare(a, b)).map(([, s]) => ({ ...s.note, origins: sortOrigins(s.origins) }));
    const undecidables = [...this.undecidables.entries()].sort(([a], [b]) => compare(a, b)).map(([, s]) => ({ ...s.u, origins: sortOrigins(s.origins) }));
    return { accesses, notes, undecidables };
  }
}

// ---------------------------------------------------------------------------------------------
// The rules' meaning

/** What a rule handler sees of the field it handles. */
interface FieldVisit {
  readonly value: string;
  readonly origin: Origin;
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
  v.out.note(
    { kind: "http", subject: v.value, text: `${quote(v.value)} is fetched over HTTP(S) without the role: nothing to grant (MediaConvert reads only public files this way).` },
    v.origin,
  );
}

function noteNotS3(v: FieldVisit): void {
  v.out.note({ kind: "not-an-s3-uri", subject: v.value, text: `${quote(v.value)} is neither an S3 URI (s3://bucket/key) nor an HTTP(S) URL: MediaConvert rejects it; nothing granted.` }, v.origin);
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
    v.out.note(
      {
        kind: "settings-variable",
        subject: v.value,
        text: `${quote(v.value)} holds the settings variable ${variable}, which MediaConvert replaces when the job runs: the write covers every key under ${quote(folderOf(literal) || "(the bucket's root)")}.`,
      },
      v.origin,
    );
    return { prefix: folderOf(literal), basename: "" };
  }
  if (folder) return { prefix: key === "" || key.endsWith("/") ? key : `${key}/`, basename: "" };
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

function undecidableKey(v: FieldVisit, what: string): void {
  v.out.undecidable(
    {
      kind: "kms-key-not-an-arn",
      subject: v.value,
      actions: [],
      context: {},
      option: ROLE_OPTIONS.jobKeys,
      text: `${what} ${quote(v.value)} is not a key ARN (arn:<partition>:kms:<region>:<account>:key/<key id>): IAM grants use of a key only by its key ARN, which an alias or a bare key id does not show. Give the key ARN ("aws kms describe-key --key-id ${v.value}" prints it) in the role's KMS options.`,
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
      v.out.note(
        { kind: "tams-server", subject: v.value, text: `${quote(v.value)} is a TAMS server, called over HTTPS without the role; its authorization connection (TamsSettings.AuthConnectionArn) is granted instead.` },
        v.origin,
      );
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
      v.out.note(
        { kind: "acl-without-destination", subject: v.origin.path, text: `The canned ACL ${quote(v.value)} belongs to an output group without an S3 Destination: nothing to grant until the job names one.` },
        v.origin,
      );
      return;
    }
    const { literal, variable } = literalPrefix(uri.key);
    const prefix = folderOf(variable !== undefined ? literal : uri.key);
    v.out.access({ kind: "s3:acl", actions: ACTIONS.s3Acl, context: { "s3:x-amz-acl": cannedAcl }, ...partitionOf(v.scope), bucket: uri.bucket, prefix, cannedAcl }, v.origin);
  },
  "job-key": (v) => {
    const encryption = v.parents[v.parents.length - 1];
    if (str(encryption?.EncryptionType) !== "SERVER_SIDE_ENCRYPTION_KMS") return;
    if (!keyIsArn(v.value)) return undecidableKey(v, "The job-level output key");
    const keyRegion = v.value.split(":")[3];
    v.out.access({ kind: "kms", actions: ACTIONS.jobKey, context: { "kms:ViaService": `s3.${keyRegion}.amazonaws.com` }, keyArn: v.value, via: "s3" }, v.origin);
  },
  "encryption-type": (v) => {
    const encryption = v.parents[v.parents.length - 1];
    if (v.value !== "SERVER_SIDE_ENCRYPTION_KMS" || str(encryption?.KmsKeyArn) !== undefined) return;
    v.out.note(
      {
        kind: "aws-managed-key",
        subject: str(groupOf(v)?.Destination) ?? v.origin.path,
        text: "SSE-KMS without a KmsKeyArn uses S3's AWS managed key (aws/s3), which S3 uses for the role without any KMS grant: nothing to grant.",
      },
      v.origin,
    );
  },
  api: (v) => {
    const api = parseApiGatewayUrl(v.value);
    if (api === undefined) {
      v.out.note(
        {
          kind: "not-api-gateway",
          subject: v.value,
          text: `${quote(v.value)} is not an API Gateway execute-api URL: MediaConvert calls it without the role, nothing to grant. If it is a custom domain name of an API Gateway API with IAM authorization, grant execute-api:Invoke on that API yourself (spekeApiArns).`,
        },
        v.origin,
      );
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
    v.out.note({ kind: "external-url", subject: v.value, text: `${quote(v.value)} (${v.origin.label}) is called outside AWS without the role: nothing to grant.` }, v.origin);
  },
  secret: (v) => secretAccess(v, ACTIONS.secret),
  "signing-key": (v) => {
    if (!keyIsArn(v.value)) return undecidableKey(v, "The C2PA signing key");
    v.out.access({ kind: "kms", actions: ACTIONS.signingKey, context: {}, keyArn: v.value, via: "direct" }, v.origin);
  },
  connection: (v) => {
    v.out.access({ kind: "events:connection", actions: ACTIONS.connection, context: {}, arn: v.value }, v.origin);
    // EventBridge keeps a connection's credentials in a secret it manages, named events!connection/<name>/<id>.
    const scope = arnScope(v.value);
    const name = /:connection\/([^/]+)/.exec(v.value)?.[1];
    if (scope === undefined || name === undefined) return;
    v.out.access({ kind: "secret", actions: ACTIONS.connectionSecret, context: {}, ...scope, name: `events!connection/${name}/`, match: "prefix" }, { ...v.origin, label: "TAMS connection's secret" });
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
        text: `A client-side encrypted input: MediaConvert calls kms:Decrypt itself (not through S3) on the KMS key${region !== undefined ? ` in ${region}` : ""} that encrypted the input's data key, with the encryption context {"service": "mediaconvert.amazonaws.com"}; the job does not name that key. Give its key ARN as decryptionKmsKeyArns (module variable decryption_kms_key_arns).`,
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
  readonly steps: PathStep[];
  readonly parents: JsonObject[];
  readonly entry: string;
  readonly root: string;
  readonly scope: JobScope;
  readonly out: Collector;
  readonly unclassified: Origin[];
  /** The job's own settings, to tell what it took from its template. */
  readonly own?: JsonObject;
  readonly template?: string;
}

/** True when the job's own settings have a value at the steps (so it did not come from the template). */
function ownHas(own: JsonObject | undefined, steps: readonly PathStep[]): boolean {
  let at: unknown = own;
  for (const step of steps) {
    if (typeof at !== "object" || at === null) return false;
    at = "field" in step ? (at as JsonObject)[step.field] : "index" in step ? (at as unknown[])[step.index] : (at as JsonObject)[step.mapKey];
  }
  return at !== undefined;
}

function visitString(s: WalkState, value: string): void {
  const field = s.steps.length > 0 ? lastFieldName(s.steps) : undefined;
  const rule = field !== undefined && hasRuleForField(field) ? ruleFor(s.steps) : undefined;
  if (rule === undefined && !isS3Uri(value)) return;
  if (rule?.kind === "not-a-location") return;
  const path = `${s.root}.${formatPath(s.steps)}`;
  const fromTemplate = s.template !== undefined && !ownHas(s.own, s.steps) ? { fromTemplate: s.template } : {};
  if (rule === undefined) {
    const origin: Origin = { entry: s.entry, path, label: UNCLASSIFIED_LABEL, value, ...fromTemplate, unclassified: true };
    s.unclassified.push(origin);
    const uri = parseS3Uri(value);
    if (uri === undefined) return;
    s.out.access({ kind: "s3:read", actions: ACTIONS.s3Read, context: {}, ...partitionOf(s.scope), bucket: uri.bucket, key: uri.key, match: uri.key === "" || uri.key.endsWith("/") ? "prefix" : "object" }, origin);
    return;
  }
  HANDLERS[rule.kind]({ value, origin: { entry: s.entry, path, label: rule.label, value, ...fromTemplate }, parents: s.parents, scope: s.scope, out: s.out });
}

function lastFieldName(steps: readonly PathStep[]): string | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    if ("field" in step) return step.field;
  }
  return undefined;
}

function walk(s: WalkState, value: unknown, keysAreData: boolean): void {
  if (typeof value === "string") {
    visitString(s, value);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      s.steps.push({ index: i });
      walk(s, value[i], false);
      s.steps.pop();
    }
    return;
  }
  const record = value as JsonObject;
  s.parents.push(record);
  for (const key of Object.keys(record)) {
    s.steps.push(keysAreData ? { mapKey: key } : { field: key });
    walk(s, record[key], !keysAreData && MAP_MEMBERS.has(key));
    s.steps.pop();
  }
  s.parents.pop();
}

// ---------------------------------------------------------------------------------------------
// Per entry, and for all

/** Where a job runs: from its ARN, its queue's, its template's, its role's, then the options. */
function scopeOf(entry: JobEntry, queue: string | undefined, options: ExtractOptions): JobScope {
  const arns = [entry.arn, queue, entry.kind === "job" ? entry.jobTemplate : undefined, entry.kind === "job" ? entry.role : undefined];
  let partition: Partition | undefined;
  let region: string | undefined;
  let accountId: string | undefined;
  for (const arn of arns) {
    const scope = arn !== undefined ? arnScope(arn) : undefined;
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
  const where = fromArn ? { ...scope, ...arnScope(value) } : scope;
  const name = fromArn ? fromArn[1] : value;
  const arnFill = accessResourceArn({ kind: "queue", actions: [], context: {}, origins: [], ...where, name });
  out.access(
    {
      kind: "queue",
      actions: ACTIONS.assumeRole,
      context: arnFill !== undefined ? { "aws:SourceArn": arnFill, "aws:SourceAccount": where.accountId! } : where.accountId !== undefined ? { "aws:SourceAccount": where.accountId } : {},
      ...where,
      name,
    },
    { entry, path, label: queue === undefined ? "Default queue (the job names none)" : label, value, ...(fromTemplate !== undefined ? { fromTemplate } : {}) },
  );
}

/** What one job (with the settings it runs with) or one template needs. */
function extractEntry(entry: JobEntry, resolved: ResolvedJob | undefined, options: ExtractOptions): EntryAccesses {
  const out = new Collector();
  const queue = resolved !== undefined ? resolved.queue : entry.queue;
  const scope = scopeOf(entry, queue, options);
  const settings = (resolved !== undefined ? resolved.settings : entry.settings) as JsonObject | undefined;
  const unclassified: Origin[] = [];
  if (settings !== undefined) {
    walk(
      {
        steps: [],
        parents: [],
        entry: entry.label,
        root: "Settings",
        scope,
        out,
        unclassified,
        ...(resolved?.template !== undefined ? { own: entry.settings as JsonObject | undefined, template: resolved.template.name } : {}),
      },
      settings,
      false,
    );
  }
  // The buckets' default encryption keys: no job setting shows them.
  for (const [direction, kind] of [["read", "s3:read"], ["write", "s3:write"]] as const) {
    for (const [bucket, origins] of out.buckets(kind)) {
      const option = direction === "read" ? ROLE_OPTIONS.inputBucketKey : ROLE_OPTIONS.outputBucketKey;
      const actions = direction === "read" ? ACTIONS.bucketReadKey : ACTIONS.bucketWriteKey;
      out.undecidable(
        {
          kind: "bucket-default-key",
          subject: bucket,
          actions,
          context: {},
          option,
          text: `Bucket ${quote(bucket)} may encrypt by default with a customer managed KMS key (SSE-KMS), which no job setting shows. If it does, give that key as ${option.configKey} (module: ${option.moduleVariable}) so the role may ${actions.join(" and ")} with it through S3.`,
        },
        origins,
      );
    }
  }
  const template = resolved?.template;
  const queueFromTemplate = entry.queue === undefined && queue !== undefined ? template?.name : undefined;
  if (entry.kind === "job" || queue !== undefined) queueAccess(out, entry.label, scope, queue, "Queue", "queue", queueFromTemplate);
  const hopsFromTemplate = entry.hopQueues.length === 0 && template !== undefined && template.hopQueues.length > 0;
  for (const hop of hopsFromTemplate ? template.hopQueues : entry.hopQueues) {
    queueAccess(out, entry.label, scope, hop.queue, hop.path, "queue hop destination", hopsFromTemplate ? template.name : undefined);
  }
  const { accesses, notes, undecidables } = out.results();
  return {
    entry,
    scope,
    ...(resolved?.template !== undefined ? { template: resolved.template } : {}),
    ...(resolved?.unresolved !== undefined ? { unresolvedTemplate: resolved.unresolved } : {}),
    accesses,
    notes,
    undecidables,
    unclassified: unclassified.sort(compareOrigins),
  };
}

/**
 * Every access the service role needs for the jobs and templates read, each with every settings
 * path that needs it, plus notes (what needs nothing), undecidables (what the jobs cannot show,
 * and the option that supplies it), unclassified `s3://` values and unresolved templates.
 * Jobs take their template's settings when the template is among `entries` (see
 * `resolveJobTemplates`, which may throw `JobDocumentError`).
 */
export function extractAccesses(entries: readonly JobEntry[], options: ExtractOptions = {}): AccessReport {
  const resolved = new Map(resolveJobTemplates(entries).map((r) => [r.entry, r]));
  const all = new Collector();
  const perEntry: EntryAccesses[] = [];
  const unclassified: Origin[] = [];
  const unresolvedTemplates: UnresolvedTemplate[] = [];
  for (const entry of entries) {
    const result = extractEntry(entry, entry.kind === "job" ? resolved.get(entry) : undefined, options);
    perEntry.push(result);
    all.absorb(result.accesses, result.notes, result.undecidables);
    unclassified.push(...result.unclassified);
    if (result.unresolvedTemplate !== undefined) unresolvedTemplates.push(result.unresolvedTemplate);
  }
  return { entries: perEntry, ...all.results(), unclassified: unclassified.sort(compareOrigins), unresolvedTemplates };
}
