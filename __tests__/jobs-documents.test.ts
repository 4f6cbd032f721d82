/**
 * Reading job documents: every accepted shape in PascalCase and camelCase, files and directories,
 * every error (with its exact text: file, JSON path, rule, fix), and job templates resolved
 * from the documents read.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  classifyDocument,
  mergeSettings,
  readJobDocuments,
  resolveJobTemplates,
  templateName,
  type JobDocumentEntry,
  type JobEntry,
  type TemplateDocumentEntry,
} from "../lib/jobs/documents";
import { parseJson } from "../lib/jobs/json";
import { ACCEPTED_SHAPES, JobDocumentError } from "../lib/jobs/messages";
import { ACCOUNT, queueArn, REGION, roleArn } from "./support/fixtures";

const EXAMPLES = path.join("examples", "jobs");
const ROLE_ARN = roleArn("MediaConvert_Default_Role");
const TEMPLATE_ARN = `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:jobTemplates/acme-ott-ladder`;
const SETTINGS = { Inputs: [{ FileInput: "s3://acme-media-source/a.mov" }] };

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jobs-documents-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes files under the test's directory; returns the first one's path. */
function files(contents: Record<string, string>): string[] {
  return Object.entries(contents).map(([name, text]) => {
    const file = path.join(tmp, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  });
}

/** The problems a call throws as JobDocumentError (fails when it throws anything else, or nothing). */
function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof JobDocumentError) return e.problems;
    throw e;
  }
  throw new Error("expected a JobDocumentError");
}

const summary = (e: JobEntry): string => `${e.kind} ${e.at === "" ? "(root)" : e.at} ${e.spelling}`;

describe("the shapes of a job document", () => {
  it.each<[string, unknown, string[]]>([
    ["a CreateJob request", { Role: ROLE_ARN, Queue: queueArn("Default"), Settings: SETTINGS }, ["job (root) PascalCase"]],
    ["a CreateJob request that only names its template", { JobTemplate: "acme-ott-ladder", Role: ROLE_ARN }, ["job (root) PascalCase"]],
    ["get-job output", { Job: { Id: "1", Settings: SETTINGS } }, ["job Job PascalCase"]],
    [
      "list-jobs output",
      {
        Jobs: [
          { Id: "1", Settings: SETTINGS },
          { Id: "2", Settings: SETTINGS },
        ],
        NextToken: "x",
      },
      ["job Jobs[0] PascalCase", "job Jobs[1] PascalCase"],
    ],
    ["an empty list-jobs output", { Jobs: [] }, []],
    ["a CreateJobTemplate request", { Name: "t", Settings: SETTINGS }, ["template (root) PascalCase"]],
    ["get-job-template output", { JobTemplate: { Name: "t", Settings: SETTINGS } }, ["template JobTemplate PascalCase"]],
    [
      "list-job-templates output",
      {
        JobTemplates: [
          { Name: "t", Settings: {} },
          { Name: "u", Settings: {} },
        ],
      },
      ["template JobTemplates[0] PascalCase", "template JobTemplates[1] PascalCase"],
    ],
    ["a REST CreateJob body", { role: ROLE_ARN, settings: { inputs: [{ fileInput: "s3://b/k" }] } }, ["job (root) camelCase"]],
    ["REST get-job output", { job: { id: "1", settings: {} } }, ["job job camelCase"]],
    ["REST list-jobs output", { jobs: [{ id: "1", settings: {} }] }, ["job jobs[0] camelCase"]],
    ["REST get-job-template output", { jobTemplate: { name: "t", settings: {} } }, ["template jobTemplate camelCase"]],
    ["REST list-job-templates output", { jobTemplates: [{ name: "t", settings: {} }] }, ["template jobTemplates[0] camelCase"]],
  ])("reads %s", (_, document, expected) => {
    expect(classifyDocument(document, "doc.json").map(summary)).toEqual(expected);
  });

  it("labels entries by file and JSON path, and keeps the job's fields", () => {
    // GIVEN a list-jobs output with one job that has everything get-job prints
    const job = {
      Arn: `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:jobs/1-a`,
      Id: "1-a",
      CreatedAt: "2024-05-13T11:33:20+00:00",
      Role: ROLE_ARN,
      Queue: queueArn("premium"),
      JobTemplate: TEMPLATE_ARN,
      HopDestinations: [{ Queue: queueArn("overflow"), WaitMinutes: 15 }],
      Settings: SETTINGS,
    };
    // WHEN it is classified
    const [entry] = classifyDocument({ Jobs: [job] }, "list.json");
    // THEN the entry says where it is and what the job names
    expect(entry).toEqual({
      kind: "job",
      source: "list.json",
      at: "Jobs[0]",
      label: "list.json: Jobs[0]",
      spelling: "PascalCase",
      arn: job.Arn,
      id: "1-a",
      createdAt: "2024-05-13T11:33:20+00:00",
      role: ROLE_ARN,
      queue: queueArn("premium"),
      jobTemplate: TEMPLATE_ARN,
      hopQueues: [{ path: "HopDestinations[0].Queue", queue: queueArn("overflow") }],
      settings: SETTINGS,
    });
  });

  it("turns camelCase settings into PascalCase, keeping the names of audio and caption selectors", () => {
    // GIVEN a REST body whose selectors are named by the user
    const document = {
      settings: {
        inputs: [
          {
            fileInput: "s3://b/in.mov",
            audioSelectors: { "Audio Selector 1": { externalAudioFileInput: "s3://b/a.wav" }, stereo: { defaultSelection: "DEFAULT" } },
            captionSelectors: { captions: { sourceSettings: { fileSourceSettings: { sourceFile: "s3://b/c.srt" } } } },
          },
        ],
      },
    };
    // WHEN it is classified
    const [entry] = classifyDocument(document, "rest.json");
    // THEN field names are PascalCase and the selector names are as written
    expect(entry.settings).toEqual({
      Inputs: [
        {
          FileInput: "s3://b/in.mov",
          AudioSelectors: { "Audio Selector 1": { ExternalAudioFileInput: "s3://b/a.wav" }, stereo: { DefaultSelection: "DEFAULT" } },
          CaptionSelectors: { captions: { SourceSettings: { FileSourceSettings: { SourceFile: "s3://b/c.srt" } } } },
        },
      ],
    });
  });

  it("keeps a PascalCase document's settings as the very object parsed (no copy)", () => {
    const settings = { Inputs: [{ FileInput: "s3://b/k" }] };
    const [entry] = classifyDocument({ Settings: settings }, "doc.json");
    expect(entry.settings).toBe(settings);
  });
});

describe("documents that are not job documents", () => {
  const notAJob = (got: string): string => `doc.json: (root): not a MediaConvert job document: ${got}. Accepted: ${ACCEPTED_SHAPES}.`;

  it("names every accepted shape in the rejection", () => {
    expect(ACCEPTED_SHAPES).toBe(
      'a CreateJob request {"Settings": ...} (as the console exports it), get-job output {"Job": ...}, list-jobs output {"Jobs": [...]}, a CreateJobTemplate request {"Name": ..., "Settings": ...}, get-job-template output {"JobTemplate": ...} or list-job-templates output {"JobTemplates": [...]}, in the CLI\'s PascalCase or the REST API\'s camelCase',
    );
  });

  it.each<[string, unknown, string]>([
    ["an array", [], notAJob("it is an array")],
    ["a string", "hello", notAJob('it is a string ("hello")')],
    ["an empty object", {}, notAJob("it is an empty object")],
    ["an object of other keys", { foo: 1, Bar: 2 }, notAJob('it has the keys "foo", "Bar"')],
    [
      "a job without Settings or JobTemplate",
      { Job: { Id: "x" } },
      "doc.json: Job: the job has neither Settings nor JobTemplate: MediaConvert runs a job from its settings, its job template's, or both. Add the job's Settings, or name the job template it uses in JobTemplate.",
    ],
    [
      "Settings that are not an object",
      { Settings: "s3://a/b" },
      'doc.json: Settings: must be an object (the job\'s settings), not a string ("s3://a/b"). Give the settings as get-job prints them.',
    ],
    [
      "a JobTemplate that is not a string",
      { JobTemplate: 3, Settings: {} },
      "doc.json: JobTemplate: must be a string (the job template's name or ARN), not a number (3). Name the job template, or leave JobTemplate out.",
    ],
    [
      "a Queue that is not a string",
      { Settings: {}, Queue: 5 },
      "doc.json: Queue: must be a string (a queue name or ARN), not a number (5). Name the queue, or leave Queue out for the Default queue.",
    ],
    [
      "HopDestinations that are not a list",
      { Settings: {}, HopDestinations: "q" },
      'doc.json: HopDestinations: must be an array of hop destinations, not a string ("q"). Give them as get-job prints them: [{"Queue": "<queue>", "WaitMinutes": 10}].',
    ],
    ["Jobs that are not a list", { Jobs: {} }, "doc.json: Jobs: must be an array of jobs, not an object. Pass the whole output of the list command."],
    [
      "a null among the jobs (camelCase)",
      { jobs: [null] },
      "doc.json: jobs[0]: must be a job (an object with its Settings), not null. Pass jobs as get-job or list-jobs prints them.",
    ],
    [
      "a template without Settings",
      { JobTemplate: { Name: "t" } },
      'doc.json: JobTemplate: the job template "t" has no Settings: a template is its settings. Pass the whole get-job-template output (aws mediaconvert get-job-template --name <name>).',
    ],
    [
      "a template without a Name",
      { JobTemplates: [{ Settings: {} }] },
      "doc.json: JobTemplates[0]: the job template has no Name: jobs name their template by it (JobTemplate). Add its Name, or pass the whole get-job-template output.",
    ],
    [
      "a request with a job's Role and a template's Name",
      { Name: "n", Role: ROLE_ARN, Settings: {} },
      "doc.json: (root): the document has both Role (a job's field) and Name (a job template's), so it is neither a CreateJob nor a CreateJobTemplate request. Remove the field that does not belong, or split it into a job and a template.",
    ],
  ])("rejects %s", (_, document, message) => {
    expect(problemsOf(() => classifyDocument(document, "doc.json"))).toEqual([message]);
  });

  it("reports every bad job of a list at once, not only the first", () => {
    const problems = problemsOf(() => classifyDocument({ Jobs: [{ Id: "a" }, { Settings: SETTINGS }, { Settings: 1 }] }, "list.json"));
    expect(problems.map((p) => p.split(": ").slice(0, 2).join(": "))).toEqual(["list.json: Jobs[0]", "list.json: Jobs[2].Settings"]);
  });
});

describe("reading files and directories", () => {
  it("reads the example corpus: every *.json file, in path order", () => {
    // WHEN the examples directory is read
    const { files: read, entries } = readJobDocuments([EXAMPLES]);
    // THEN each file is read once, sorted, and list-jobs gives one entry per job
    expect(read.map((f) => path.basename(f))).toEqual([
      "client-side-encrypted.json",
      "cmaf.json",
      "dash-speke.json",
      "external-audio.json",
      "hls-speke.json",
      "image-inserter.json",
      "kantar.json",
      "list-jobs.json",
      "mp4-kms-acl.json",
      "nielsen.json",
      "ott-template.json",
      "rest-camel-case.json",
      "sidecar-captions.json",
      "uses-template.json",
    ]);
    expect(entries.map((e) => `${path.basename(e.source)} ${summary(e)}`)).toContain("list-jobs.json job Jobs[1] PascalCase");
    expect(entries.map((e) => `${path.basename(e.source)} ${summary(e)}`)).toContain("rest-camel-case.json job (root) camelCase");
    expect(entries.filter((e) => e.kind === "template").map((e) => e.label)).toEqual([path.join(EXAMPLES, "ott-template.json: JobTemplate")]);
    expect(entries).toHaveLength(15);
  });

  it("searches directories recursively, reads a file named directly whatever its extension, and reads a file named twice once", () => {
    // GIVEN nested documents, a non-JSON file in the tree, and a .txt document
    const [nested, , txt] = files({
      "a/b/job.json": JSON.stringify({ Settings: SETTINGS }),
      "a/notes.md": "# not read",
      "job.txt": JSON.stringify({ Job: { Settings: SETTINGS } }),
    });
    // WHEN the directory, the .txt file and the nested file are read
    const { files: read, entries } = readJobDocuments([path.join(tmp, "a"), txt, nested]);
    // THEN the .json under the directory and the named file are read, each once
    expect(read).toEqual([nested, txt]);
    expect(entries.map((e) => e.label)).toEqual([nested, `${txt}: Job`]);
  });

  it("accepts a UTF-8 byte-order mark", () => {
    const [file] = files({ "bom.json": `\ufeff${JSON.stringify({ Settings: SETTINGS })}` });
    expect(readJobDocuments([file]).entries).toHaveLength(1);
  });

  it("reports every unreadable file at once, with the path, the rule and the fix", () => {
    // GIVEN a missing file, an empty file, an empty directory and a document that is not a job
    const [empty, other] = files({ "empty.json": "  \n", "other.json": JSON.stringify({ stacks: [] }) });
    const emptyDir = path.join(tmp, "nothing-here");
    fs.mkdirSync(emptyDir);
    const missing = path.join(tmp, "missing.json");
    // WHEN they are read together
    const problems = problemsOf(() => readJobDocuments([missing, emptyDir, empty, other]));
    // THEN each is named, and nothing else was read
    expect(problems).toEqual([
      `${missing}: cannot read the job document: the file does not exist. Check the path; pass job documents as files or directories of *.json files.`,
      `${emptyDir}: the directory holds no *.json file (directories are searched recursively): nothing to read. Pass the directory that holds the job documents, or the files themselves.`,
      `${empty}: the file is empty: a job document is JSON, ${ACCEPTED_SHAPES}. Write the job's JSON into it (for example "aws mediaconvert get-job --id <job id> > ${empty}"), or leave the file out.`,
      `${other}: (root): not a MediaConvert job document: it has the keys "stacks". Accepted: ${ACCEPTED_SHAPES}.`,
    ]);
  });

  it.each<[string, string, string]>([
    ["a trailing comma", '{\n  "Settings": {},\n}', "line 3, column 1: a trailing comma before } (JSON allows none)"],
    ["a trailing comma in a list", '{"Settings": {"Inputs": [1,]}}', "line 1, column 28: a trailing comma before ] (JSON allows none)"],
    ["a missing comma", '{\n "Settings": {} "Queue": "x"\n}', "line 2, column 17: a comma was expected"],
    ["a comment", '{ // exported from the console\n "Settings": {}}', "line 1, column 3: a comment (JSON allows none)"],
    ["a document cut short", '{"Settings": {', "line 1, column 15: the document ends too early: a closing } was expected"],
    ["a line break inside a string", '{"Settings": {"a": "b\nc"}}', "line 1, column 20: a string that does not end on its line"],
    ["single quotes", "{'Settings': {}}", "line 1, column 2: a single quote (JSON strings and property names take double quotes)"],
  ])("reports invalid JSON with line and column: %s", (_, text, where) => {
    const [file] = files({ "bad.json": text });
    expect(problemsOf(() => readJobDocuments([file]))).toEqual([
      `${file}: not valid JSON at ${where}. Fix the syntax: job documents are plain JSON as the AWS CLI and the console write them (no comments or trailing commas).`,
    ]);
  });

  it("parses what JSON.parse parses, giving the same value", () => {
    const text = JSON.stringify({ Settings: { Inputs: [{ FileInput: "s3://b/ü €.mov" }] }, n: 1.5e3 });
    expect(parseJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });
});

describe("job templates", () => {
  const template = (name: string, settings: object, extra: object = {}): object => ({
    JobTemplate: { Name: name, Arn: `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:jobTemplates/${name}`, Settings: settings, ...extra },
  });

  it("gives a job its template's settings for what it does not set, and the template's queue", () => {
    // GIVEN the corpus's template and the job that uses it
    const { entries } = readJobDocuments([path.join(EXAMPLES, "ott-template.json"), path.join(EXAMPLES, "uses-template.json")]);
    // WHEN templates are resolved
    const [resolved] = resolveJobTemplates(entries);
    // THEN the job keeps its input file and takes the template's input settings, output groups and queue
    const settings = resolved.settings as { Inputs: Record<string, unknown>[]; OutputGroups: unknown[] };
    expect(resolved.template?.name).toBe("acme-ott-ladder");
    expect(resolved.queue).toBe(queueArn("premium"));
    expect(settings.Inputs[0].FileInput).toBe("s3://acme-media-source/catalogue/ott-00917/source.mov");
    expect(settings.Inputs[0].TimecodeSource).toBe("ZEROBASED");
    expect(settings.OutputGroups).toEqual((entries[0] as TemplateDocumentEntry).settings.OutputGroups);
  });

  it("matches a template named by its ARN", () => {
    const entries = [
      ...classifyDocument(template("ladder", SETTINGS), "t.json"),
      ...classifyDocument({ JobTemplate: `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:jobTemplates/ladder` }, "j.json"),
    ];
    expect(resolveJobTemplates(entries)[0].template?.label).toBe("t.json: JobTemplate");
    expect(templateName(`arn:aws:mediaconvert:${REGION}:${ACCOUNT}:jobTemplates/ladder`)).toBe("ladder");
  });

  it("reports a template that was not read, with the fix", () => {
    // GIVEN a job whose template is not among the documents
    const entries = classifyDocument({ JobTemplate: "acme-ott-ladder", Settings: SETTINGS }, "job.json");
    // WHEN templates are resolved
    const [resolved] = resolveJobTemplates(entries);
    // THEN the job keeps its own settings and says which template is missing
    expect(resolved.settings).toBe(SETTINGS);
    expect(resolved.unresolved).toEqual({
      entry: "job.json",
      template: "acme-ott-ladder",
      message:
        'job.json: JobTemplate: job template "acme-ott-ladder" is not among the documents read, so the settings it gives the job (usually its outputs) are unknown and their accesses are missing. Pass its get-job-template output too, or use --from-account.',
    });
  });

  it("refuses a template read twice with different settings when a job names it", () => {
    const entries = [
      ...classifyDocument(template("ladder", SETTINGS), "a.json"),
      ...classifyDocument(template("ladder", { Inputs: [] }), "b.json"),
      ...classifyDocument({ JobTemplate: "ladder" }, "job.json"),
    ];
    expect(problemsOf(() => resolveJobTemplates(entries))).toEqual([
      'Job template "ladder" is read twice with different settings (a.json: JobTemplate and b.json: JobTemplate), and a job names it: which one the job runs with is unknown. Pass only the template\'s current get-job-template output.',
    ]);
  });

  it("accepts the same template read twice with the same settings", () => {
    const entries = [
      ...classifyDocument(template("ladder", SETTINGS), "a.json"),
      ...classifyDocument(template("ladder", SETTINGS), "b.json"),
      ...classifyDocument({ JobTemplate: "ladder" }, "job.json"),
    ];
    expect(resolveJobTemplates(entries)[0].template?.label).toBe("a.json: JobTemplate");
  });

  it("merges field by field and list item by item, the job winning", () => {
    const merged = mergeSettings(
      { Inputs: [{ TimecodeSource: "ZEROBASED", FileInput: "s3://t/x" }], OutputGroups: [{ Name: "a" }, { Name: "b" }], AvailBlanking: { AvailBlankingImage: "s3://t/slate.png" } },
      { Inputs: [{ FileInput: "s3://j/in.mov" }, { FileInput: "s3://j/in2.mov" }], OutputGroups: [{ Name: "job" }] },
    );
    expect(merged).toEqual({
      Inputs: [{ TimecodeSource: "ZEROBASED", FileInput: "s3://j/in.mov" }, { FileInput: "s3://j/in2.mov" }],
      OutputGroups: [{ Name: "job" }, { Name: "b" }],
      AvailBlanking: { AvailBlankingImage: "s3://t/slate.png" },
    });
  });

  it("leaves a job without a template as it is", () => {
    const [entry] = classifyDocument({ Settings: SETTINGS, Queue: "premium" }, "job.json") as JobDocumentEntry[];
    expect(resolveJobTemplates([entry])).toEqual([{ entry, settings: SETTINGS, queue: "premium" }]);
  });
});
