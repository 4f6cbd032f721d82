/**
 * Reading MediaConvert job documents: files and directories of JSON, each one of the shapes the
 * CLI, the console and the REST API write, into job and job-template entries whose settings are
 * in PascalCase. Jobs that name a job template get the template's settings for what they do not
 * set, when the template is among the documents read.
 */
import * as fs from "fs";
import * as path from "path";
import type { JobSettings, JobTemplateSettings } from "@aws-sdk/client-mediaconvert";
import { parseJson } from "./json";
import * as messages from "./messages";
import { JobDocumentError } from "./messages";
import { toPascalCase } from "./names";

/** A parsed JSON object. */
export type JsonObject = { readonly [key: string]: unknown };

/** The spelling of a document's field names: the CLI's and SDKs' PascalCase, or the REST API's camelCase. */
export type DocumentSpelling = "PascalCase" | "camelCase";

/** A queue a job may move to (`HopDestinations[i].Queue`), with the path that names it. */
export interface HopQueue {
  /** `HopDestinations[0].Queue` (PascalCase). */
  readonly path: string;
  /** The queue's name or ARN, as written. */
  readonly queue: string;
}

/** What jobs and job templates read from documents have in common. */
interface EntryBase {
  /** Where the entry was read: the file as it was named, or `account (<region>)`. */
  readonly source: string;
  /** The entry's JSON path in its document, in the document's own spelling (`Jobs[3]`, `jobTemplate`); "" for the whole document. */
  readonly at: string;
  /** How messages name the entry: `<source>`, or `<source>: <at>` inside a wrapper or list. */
  readonly label: string;
  /** The spelling the document used; the entry's fields and settings are PascalCase either way. */
  readonly spelling: DocumentSpelling;
  /** The job's or template's ARN, when the document has it (get-job, list-jobs, get-job-template output). */
  readonly arn?: string;
  /** The queue (name or ARN) the job goes to, or a template sends its jobs to. */
  readonly queue?: string;
  /** The queues the job may hop to (`HopDestinations`). */
  readonly hopQueues: readonly HopQueue[];
}

/** A job: a CreateJob request, or a job from get-job or list-jobs output. */
export interface JobDocumentEntry extends EntryBase {
  readonly kind: "job";
  /** The job's id (get-job, list-jobs output). */
  readonly id?: string;
  /** The service role the job names (`Role`), an IAM role ARN. */
  readonly role?: string;
  /** The job template the job names (`JobTemplate`), a name or ARN. */
  readonly jobTemplate?: string;
  /** When the job was created, as the document says (ISO 8601 or epoch seconds). */
  readonly createdAt?: string;
  /**
   * The job's own settings, keys in PascalCase; absent when the job takes them all from its
   * template. Shaped as the SDK's `JobSettings`, not validated beyond that: fields this version
   * of the SDK does not know are kept.
   */
  readonly settings?: JobSettings;
}

/** A job template: a CreateJobTemplate request, or get-job-template or list-job-templates output. */
export interface TemplateDocumentEntry extends EntryBase {
  readonly kind: "template";
  /** The template's name, which jobs use in `JobTemplate`. */
  readonly name: string;
  /** The template's settings, keys in PascalCase (the SDK's `JobTemplateSettings`). */
  readonly settings: JobTemplateSettings;
}

/** One job or job template read from a document. */
export type JobEntry = JobDocumentEntry | TemplateDocumentEntry;

/** What {@link readJobDocuments} read. */
export interface JobDocuments {
  /** The files read, in the order read (directories expanded, sorted by path). */
  readonly files: readonly string[];
  /** Every job and job template, in the order of the files and of their place in each file. */
  readonly entries: readonly JobEntry[];
}

// ---------------------------------------------------------------------------------------------
// Classifying one parsed document

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const own = Object.prototype.hasOwnProperty;

/** A field by its PascalCase name, or by its camelCase wire name; with the key the document used. */
function field(obj: JsonObject, name: string): { key: string; value: unknown } | undefined {
  if (own.call(obj, name)) return { key: name, value: obj[name] };
  const camel = name[0].toLowerCase() + name.slice(1);
  if (own.call(obj, camel)) return { key: camel, value: obj[camel] };
  return undefined;
}

const join = (at: string, key: string): string => (at === "" ? key : `${at}.${key}`);
const labelOf = (source: string, at: string): string => (at === "" ? source : `${source}: ${at}`);
const spellingOf = (obj: JsonObject): DocumentSpelling => (Object.keys(obj).some((k) => /^[a-z]/.test(k)) ? "camelCase" : "PascalCase");

interface Classifier {
  readonly source: string;
  readonly problems: string[];
  readonly entries: JobEntry[];
}

/** A string field, or a problem when it is there but not a string. */
function stringField(c: Classifier, obj: JsonObject, at: string, name: string, what: string, fix: string): string | undefined {
  const f = field(obj, name);
  if (f === undefined || f.value === undefined || f.value === null) return undefined;
  if (typeof f.value === "string") return f.value;
  c.problems.push(messages.mustBe(c.source, join(at, f.key), what, f.value, fix));
  return undefined;
}

function hopQueues(c: Classifier, obj: JsonObject, at: string): HopQueue[] {
  const f = field(obj, "HopDestinations");
  if (f === undefined || f.value === undefined || f.value === null) return [];
  if (!Array.isArray(f.value)) {
    c.problems.push(
      messages.mustBe(c.source, join(at, f.key), "an array of hop destinations", f.value, 'Give them as get-job prints them: [{"Queue": "<queue>", "WaitMinutes": 10}].'),
    );
    return [];
  }
  const hops: HopQueue[] = [];
  f.value.forEach((hop, i) => {
    if (!isObject(hop)) return;
    const queue = stringField(c, hop, `${join(at, f.key)}[${i}]`, "Queue", "a string (a queue name or ARN)", "Name the queue the job hops to.");
    if (queue !== undefined) hops.push({ path: `HopDestinations[${i}].Queue`, queue });
  });
  return hops;
}

function classifyJob(c: Classifier, value: unknown, at: string): void {
  if (!isObject(value)) {
    c.problems.push(messages.mustBe(c.source, at, "a job (an object with its Settings)", value, "Pass jobs as get-job or list-jobs prints them."));
    return;
  }
  const settings = field(value, "Settings");
  const before = c.problems.length;
  if (settings !== undefined && !isObject(settings.value)) {
    c.problems.push(messages.mustBe(c.source, join(at, settings.key), "an object (the job's settings)", settings.value, "Give the settings as get-job prints them."));
  }
  const jobTemplate = stringField(c, value, at, "JobTemplate", "a string (the job template's name or ARN)", "Name the job template, or leave JobTemplate out.");
  if (settings === undefined && field(value, "JobTemplate") === undefined) c.problems.push(messages.jobWithoutSettings(c.source, at));
  const queue = stringField(c, value, at, "Queue", "a string (a queue name or ARN)", "Name the queue, or leave Queue out for the Default queue.");
  const role = stringField(c, value, at, "Role", "a string (the service role's ARN)", "Give the role's ARN, or leave Role out.");
  const arn = stringField(c, value, at, "Arn", "a string (the job's ARN)", "Pass the job as get-job prints it.");
  const id = stringField(c, value, at, "Id", "a string (the job's id)", "Pass the job as get-job prints it.");
  const created = field(value, "CreatedAt")?.value;
  const hops = hopQueues(c, value, at);
  if (c.problems.length > before) return;
  c.entries.push({
    kind: "job",
    source: c.source,
    at,
    label: labelOf(c.source, at),
    spelling: spellingOf(value),
    ...(arn !== undefined ? { arn } : {}),
    ...(id !== undefined ? { id } : {}),
    ...(role !== undefined ? { role } : {}),
    ...(queue !== undefined ? { queue } : {}),
    ...(jobTemplate !== undefined ? { jobTemplate } : {}),
    ...(typeof created === "string" || typeof created === "number" ? { createdAt: String(created) } : created instanceof Date ? { createdAt: created.toISOString() } : {}),
    hopQueues: hops,
    ...(settings !== undefined ? { settings: toPascalCase(settings.value) as JobSettings } : {}),
  });
}

function classifyTemplate(c: Classifier, value: unknown, at: string): void {
  if (!isObject(value)) {
    c.problems.push(
      messages.mustBe(c.source, at, "a job template (an object with its Name and Settings)", value, "Pass templates as get-job-template or list-job-templates prints them."),
    );
    return;
  }
  const before = c.problems.length;
  const name = stringField(c, value, at, "Name", "a string (the template's name)", "Give the template's name.");
  const settings = field(value, "Settings");
  if (settings === undefined || settings.value === null) c.problems.push(messages.templateWithoutSettings(c.source, at, name));
  else if (!isObject(settings.value)) {
    c.problems.push(messages.mustBe(c.source, join(at, settings.key), "an object (the template's settings)", settings.value, "Give the settings as get-job-template prints them."));
  }
  if (name === undefined && field(value, "Name") === undefined) c.problems.push(messages.templateWithoutName(c.source, at));
  const queue = stringField(c, value, at, "Queue", "a string (a queue name or ARN)", "Name the queue, or leave Queue out.");
  const arn = stringField(c, value, at, "Arn", "a string (the template's ARN)", "Pass the template as get-job-template prints it.");
  const hops = hopQueues(c, value, at);
  if (c.problems.length > before || name === undefined || settings === undefined) return;
  c.entries.push({
    kind: "template",
    source: c.source,
    at,
    label: labelOf(c.source, at),
    spelling: spellingOf(value),
    name,
    ...(arn !== undefined ? { arn } : {}),
    ...(queue !== undefined ? { queue } : {}),
    hopQueues: hops,
    settings: toPascalCase(settings.value) as JobTemplateSettings,
  });
}

function classifyList(c: Classifier, list: { key: string; value: unknown }, each: (c: Classifier, v: unknown, at: string) => void, what: string): void {
  if (!Array.isArray(list.value)) {
    c.problems.push(messages.mustBe(c.source, list.key, `an array of ${what}`, list.value, `Pass the whole output of the list command.`));
    return;
  }
  list.value.forEach((item, i) => each(c, item, `${list.key}[${i}]`));
}

function classifyInto(c: Classifier, value: unknown): void {
  if (!isObject(value)) {
    c.problems.push(messages.notAJobDocument(c.source, "", value));
    return;
  }
  const jobs = field(value, "Jobs");
  const templates = field(value, "JobTemplates");
  const job = field(value, "Job");
  const jobTemplate = field(value, "JobTemplate");
  const settings = field(value, "Settings");
  const name = field(value, "Name");
  let wrapped = false;
  if (jobs !== undefined) {
    classifyList(c, jobs, classifyJob, "jobs");
    wrapped = true;
  }
  if (templates !== undefined) {
    classifyList(c, templates, classifyTemplate, "job templates");
    wrapped = true;
  }
  if (job !== undefined) {
    classifyJob(c, job.value, job.key);
    wrapped = true;
  }
  if (jobTemplate !== undefined && isObject(jobTemplate.value) && settings === undefined) {
    classifyTemplate(c, jobTemplate.value, jobTemplate.key);
    wrapped = true;
  }
  if (wrapped) return;
  if (settings === undefined && !(jobTemplate !== undefined && typeof jobTemplate.value === "string")) {
    c.problems.push(messages.notAJobDocument(c.source, "", value));
    return;
  }
  if (name === undefined) {
    classifyJob(c, value, "");
    return;
  }
  // A request with a Name is a CreateJobTemplate request; Role and JobTemplate belong to jobs only.
  const jobField = field(value, "Role") ?? jobTemplate;
  if (jobField !== undefined) c.problems.push(messages.jobAndTemplateFields(c.source, "", jobField.key, name.key));
  else classifyTemplate(c, value, "");
}

/**
 * The jobs and job templates of one parsed document. `source` names it in labels and messages
 * (a file name). Throws {@link JobDocumentError} with every problem when the document is none of
 * the accepted shapes or an entry in it cannot be used.
 */
export function classifyDocument(value: unknown, source: string): JobEntry[] {
  const c: Classifier = { source, problems: [], entries: [] };
  classifyInto(c, value);
  if (c.problems.length > 0) throw new JobDocumentError(c.problems);
  return c.entries;
}

/**
 * One job or job template from an object already parsed (an SDK response's `Job` or
 * `JobTemplate`), labelled `<source>: <at>`. Throws {@link JobDocumentError} when it cannot be used.
 */
export function entryFromObject(kind: JobEntry["kind"], value: unknown, source: string, at: string): JobEntry {
  const c: Classifier = { source, problems: [], entries: [] };
  if (kind === "job") classifyJob(c, value, at);
  else classifyTemplate(c, value, at);
  if (c.problems.length > 0) throw new JobDocumentError(c.problems);
  return c.entries[0];
}

// ---------------------------------------------------------------------------------------------
// Reading files and directories

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ENOENT"
    ? "the file does not exist"
    : code === "EACCES"
      ? "permission denied"
      : code === "ENOTDIR"
        ? "a folder on its path is a file"
        : code === "EISDIR"
          ? "it is a directory"
          : (e as Error).message.replace(/\s+/g, " ");
}

/** The *.json files under a directory, recursively, sorted by path. */
function jsonFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...jsonFilesUnder(full));
    else if (e.name.toLowerCase().endsWith(".json") && (e.isFile() || (e.isSymbolicLink() && fs.statSync(full).isFile()))) out.push(full);
  }
  return out;
}

/**
 * Reads job documents from files and directories (every `*.json` under a directory,
 * recursively, in path order). A file named directly is read whatever its extension. Throws
 * {@link JobDocumentError} with every problem of every file (unreadable, empty, invalid JSON with
 * line and column, not a job document); it only reads, so a failure changes nothing on disk.
 */
export function readJobDocuments(paths: readonly string[]): JobDocuments {
  const problems: string[] = [];
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (e) {
      problems.push(messages.cannotRead(given, readError(e)));
      continue;
    }
    if (!stat.isDirectory()) {
      add(given);
      continue;
    }
    let found: string[];
    try {
      found = jsonFilesUnder(given);
    } catch (e) {
      problems.push(messages.cannotRead(given, readError(e)));
      continue;
    }
    if (found.length === 0) problems.push(messages.noJsonFiles(given));
    found.forEach(add);
  }
  const c: Classifier = { source: "", problems, entries: [] };
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      problems.push(messages.cannotRead(file, readError(e)));
      continue;
    }
    if (text.trim() === "" || text === "\ufeff") {
      problems.push(messages.emptyDocument(file));
      continue;
    }
    const parsed = parseJson(text);
    if (!parsed.ok) {
      problems.push(messages.invalidJson(file, parsed.error.line, parsed.error.column, parsed.error.reason));
      continue;
    }
    classifyInto({ ...c, source: file }, parsed.value);
  }
  if (problems.length > 0) throw new JobDocumentError(problems);
  return { files, entries: c.entries };
}

// ---------------------------------------------------------------------------------------------
// Job templates

/** A job whose template is not among the documents read. */
export interface UnresolvedTemplate {
  /** The job's label. */
  readonly entry: string;
  /** The template the job names (name or ARN, as written). */
  readonly template: string;
  /** What to do about it. */
  readonly message: string;
}

/** A job with the settings it runs with. */
export interface ResolvedJob {
  readonly entry: JobDocumentEntry;
  /** The template the job names, when it was among the documents read. */
  readonly template?: TemplateDocumentEntry;
  /** The job's settings over its template's (PascalCase); the job's own when it names no template or the template was not found. */
  readonly settings?: JobSettings;
  /** The queue the job goes to: its own, else its template's; undefined means the Default queue. */
  readonly queue?: string;
  /** Set when the job names a template that was not read. */
  readonly unresolved?: UnresolvedTemplate;
}

/** A template's name from a name or a job template ARN (`arn:...:jobTemplates/<name>`). */
export function templateName(nameOrArn: string): string {
  const m = /^arn:[^:]*:mediaconvert:[^:]*:[^:]*:jobTemplates\/(.+)$/.exec(nameOrArn);
  return m ? m[1] : nameOrArn;
}

/**
 * Merges a job's settings over its template's, as MediaConvert does: what the job sets wins,
 * field by field; lists are merged item by item (the job's first input over the template's
 * first input). Where MediaConvert's own merge keeps less (a job's list replacing the
 * template's), this keeps the template's extra items: the role then allows a little more, never less.
 */
export function mergeSettings(template: unknown, job: unknown): unknown {
  if (job === undefined) return template;
  if (Array.isArray(template) && Array.isArray(job)) {
    const out: unknown[] = [];
    for (let i = 0; i < Math.max(template.length, job.length); i++) out.push(mergeSettings(template[i], job[i]));
    return out;
  }
  if (isObject(template) && isObject(job)) {
    const out: Record<string, unknown> = { ...template };
    for (const key of Object.keys(job)) out[key] = mergeSettings(template[key], job[key]);
    return out;
  }
  return job;
}

/**
 * Gives every job the settings it runs with: a job that names a job template read among the
 * entries takes the template's settings for what it does not set (and its queue when it names
 * none). Templates are matched by name (a template ARN counts by its name). Throws
 * {@link JobDocumentError} when a job names a template that was read twice with different settings.
 */
export function resolveJobTemplates(entries: readonly JobEntry[]): ResolvedJob[] {
  const byName = new Map<string, TemplateDocumentEntry[]>();
  for (const e of entries) {
    if (e.kind !== "template") continue;
    const list = byName.get(e.name);
    if (list === undefined) byName.set(e.name, [e]);
    else list.push(e);
  }
  const problems: string[] = [];
  const checked = new Set<string>();
  const out: ResolvedJob[] = [];
  for (const e of entries) {
    if (e.kind !== "job") continue;
    if (e.jobTemplate === undefined) {
      out.push({ entry: e, ...(e.settings !== undefined ? { settings: e.settings } : {}), ...(e.queue !== undefined ? { queue: e.queue } : {}) });
      continue;
    }
    const name = templateName(e.jobTemplate);
    const candidates = byName.get(name);
    if (candidates === undefined) {
      out.push({
        entry: e,
        ...(e.settings !== undefined ? { settings: e.settings } : {}),
        ...(e.queue !== undefined ? { queue: e.queue } : {}),
        unresolved: { entry: e.label, template: e.jobTemplate, message: messages.unresolvedTemplate(e.label, e.jobTemplate) },
      });
      continue;
    }
    if (candidates.length > 1 && !checked.has(name)) {
      checked.add(name);
      const first = JSON.stringify(candidates[0].settings);
      const other = candidates.find((t) => JSON.stringify(t.settings) !== first);
      if (other !== undefined) problems.push(messages.conflictingTemplates(name, candidates[0].label, other.label));
    }
    const template = candidates[0];
    const queue = e.queue ?? template.queue;
    out.push({
      entry: e,
      template,
      settings: mergeSettings(template.settings, e.settings) as JobSettings,
      ...(queue !== undefined ? { queue } : {}),
    });
  }
  if (problems.length > 0) throw new JobDocumentError(problems);
  return out;
}
