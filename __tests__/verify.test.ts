/**
 * `mediaconvert-role-cdktf verify`, in-process (see support/cli-in-process.ts), on the job corpus
 * of examples/jobs with a config that grants what those jobs need
 * (fixtures/verify/corpus.config.json): every job passes; removing each grant (a bucket, a prefix,
 * a key, a SPEKE API, a secret, a queue, an ACL) makes exactly the jobs that need it fail, each
 * denial with its settings path and the config change that fixes it; the usage errors, bad
 * inputs, the trust policy's account, and `--json`.
 */
import * as fs from "fs";
import * as path from "path";
import { roleDocuments } from "../lib/core/role-documents";
import { runCliInProcess } from "./support/cli-in-process";
import { CommandResult } from "./support/commands";
import { makeTempDir, REPO_ROOT } from "./support/paths";
import { queueArn } from "./support/fixtures";

type Json = any;

const CORPUS = path.join(REPO_ROOT, "examples", "jobs");
const CONFIG: Json = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "verify", "corpus.config.json"), "utf8"));
const ENTRIES = [
  "jobs/client-side-encrypted.json",
  "jobs/cmaf.json",
  "jobs/dash-speke.json: Job",
  "jobs/external-audio.json",
  "jobs/hls-speke.json",
  "jobs/image-inserter.json",
  "jobs/kantar.json",
  "jobs/list-jobs.json: Jobs[0]",
  "jobs/list-jobs.json: Jobs[1]",
  "jobs/mp4-kms-acl.json",
  "jobs/nielsen.json",
  "jobs/ott-template.json: JobTemplate",
  "jobs/rest-camel-case.json",
  "jobs/sidecar-captions.json",
  "jobs/uses-template.json",
];
const ROLE = "stacks[0].roles[1]";

let tmp: string;

beforeEach(() => {
  tmp = makeTempDir("mediaconvert-verify");
  fs.cpSync(CORPUS, path.join(tmp, "jobs"), { recursive: true });
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Writes the config (the corpus config, changed by `edit`) and runs verify in `tmp`. */
function verify(args: readonly string[], edit: (config: Json) => void = () => undefined, env: Record<string, string> = {}): Promise<CommandResult> {
  const config = structuredClone(CONFIG);
  edit(config);
  fs.writeFileSync(path.join(tmp, "config.json"), JSON.stringify(config));
  return runCliInProcess(["verify", ...args], { cwd: tmp, env });
}

const transcoder = (config: Json): Json => config.stacks[0].roles[1];
/** The entries a text report says cannot run. */
const failing = (stdout: string): string[] => [...stdout.matchAll(/^FAILED {2}(.+?) \((?:job|job template)\)/gm)].map((m) => m[1]);

describe("mediaconvert-role-cdktf verify", () => {
  it("passes every job and template of the corpus against a role that grants what they need, and exits 0", async () => {
    // GIVEN the corpus and the config that grants it / WHEN
    const result = await verify(["jobs", "--role-name", "transcoder", "--config", "config.json"]);
    // THEN every entry can run, and what the jobs cannot show is listed, not counted
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe('verify: role "Transcoder" as config.json declares it (stacks[0].roles[1], stack "media", eu-west-1, account 111122223333)');
    expect(lines.filter((l) => l.startsWith("ok      ")).map((l) => l.slice(8).replace(/ \(.*$/, ""))).toEqual(ENTRIES);
    expect(lines).toContain("ok      jobs/mp4-kms-acl.json (job, 7 accesses allowed)");
    expect(lines).toContain("ok      jobs/ott-template.json: JobTemplate (job template, 3 accesses allowed)");
    expect(lines).toContain("Not decided from the jobs (not counted as denials):");
    expect(lines).toContain(
      '  - A client-side encrypted input: MediaConvert calls kms:Decrypt itself (not through S3) on the KMS key in eu-west-1 that encrypted the input\'s data key, with the encryption context {"service": "mediaconvert.amazonaws.com"}; the job does not name that key. Give its key ARN as decryptionKmsKeyArns (module variable decryption_kms_key_arns). The config names the decryption key arn:aws:kms:eu-west-1:111122223333:key/2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901, and the role may kms:Decrypt with it with that context: the job runs if its data key was encrypted under it. (jobs/client-side-encrypted.json)',
    );
    expect(lines.slice(-2)).toEqual(["verify: 15 of 15 jobs and job templates can run.", ""]);
  });

  it.each<[string, (config: Json) => void, string[], string, string]>([
    [
      "one output bucket (the logs bucket)",
      (c) => (transcoder(c).outputs = transcoder(c).outputs.filter((o: Json) => o.bucket !== "acme-media-logs")),
      ["jobs/kantar.json", "jobs/nielsen.json"],
      `  - Settings.KantarWatermark.LogDestination (Kantar log destination): s3:PutObject on arn:aws:s3:::acme-media-logs/kantar/* is denied: no statement of policy "mediaconvert-scoped-access" allows it. Fix: add {"bucket": "acme-media-logs", "prefix": "kantar/"} to ${ROLE}.outputs.`,
      `add {"bucket": "acme-media-logs", "prefix": "nielsen/metadata/"} to ${ROLE}.outputs`,
    ],
    [
      "one input prefix (captions/)",
      (c) => (transcoder(c).inputs = transcoder(c).inputs.filter((i: Json) => i.prefix !== "captions/")),
      ["jobs/rest-camel-case.json", "jobs/sidecar-captions.json"],
      `  - Settings.Inputs[0].CaptionSelectors["Captions Selector 1"].SourceSettings.FileSourceSettings.SourceFile (sidecar caption source): s3:GetObject on arn:aws:s3:::acme-media-assets/captions/s01e01/episode_en.scc is denied: no statement of policy "mediaconvert-scoped-access" allows it. Fix: add {"bucket": "acme-media-assets", "prefix": "captions/s01e01/"} to ${ROLE}.inputs.`,
      `add {"bucket": "acme-media-assets", "prefix": "captions/rooftop/"} to ${ROLE}.inputs`,
    ],
    [
      "one output prefix (the template's ott/ in the renditions bucket)",
      (c) => (transcoder(c).outputs = transcoder(c).outputs.filter((o: Json) => !(o.bucket === "acme-media-renditions" && o.prefix === "ott/"))),
      ["jobs/ott-template.json: JobTemplate", "jobs/uses-template.json"],
      `  - Settings.OutputGroups[0].OutputGroupSettings.HlsGroupSettings.Destination (HLS destination, from job template "acme-ott-ladder"): s3:PutObject on arn:aws:s3:::acme-media-renditions/ott/hls/* is denied: no statement of policy "mediaconvert-scoped-access" allows it. Fix: add {"bucket": "acme-media-renditions", "prefix": "ott/hls/"} to ${ROLE}.outputs.`,
      `add {"bucket": "acme-media-renditions", "prefix": "ott/hls/"} to ${ROLE}.outputs`,
    ],
    [
      "the job-level output key",
      (c) => delete transcoder(c).jobEncryptionKmsKeyArns,
      ["jobs/mp4-kms-acl.json"],
      `  - Settings.OutputGroups[0].OutputGroupSettings.FileGroupSettings.DestinationSettings.S3Settings.Encryption.KmsKeyArn (job-level output key): kms:GenerateDataKey on arn:aws:kms:eu-west-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b is denied: no statement of policy "mediaconvert-scoped-access" allows it. Fix: add "arn:aws:kms:eu-west-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" to ${ROLE}.jobEncryptionKmsKeyArns.`,
      `add "arn:aws:kms:eu-west-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" to ${ROLE}.jobEncryptionKmsKeyArns`,
    ],
    [
      "one SPEKE API",
      (c) => (transcoder(c).spekeApiArns = ["arn:aws:execute-api:eu-west-1:111122223333:f6g7h8i9j0"]),
      ["jobs/dash-speke.json: Job", "jobs/hls-speke.json", "jobs/rest-camel-case.json"],
      `  - Settings.OutputGroups[0].OutputGroupSettings.HlsGroupSettings.Encryption.SpekeKeyProvider.Url (HLS SPEKE key server): execute-api:Invoke on arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/POST/copyProtection is denied: no statement of policy "mediaconvert-scoped-access" allows it. Fix: add "arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5" to ${ROLE}.spekeApiArns.`,
      `add "arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5" to ${ROLE}.spekeApiArns`,
    ],
    [
      "the Kantar secret",
      (c) => delete transcoder(c).kantarSecretArns,
      ["jobs/kantar.json"],
      `  - Settings.KantarWatermark.CredentialsSecretName (Kantar credentials secret): secretsmanager:GetSecretValue on arn:aws:secretsmanager:eu-west-1:111122223333:secret:kantar/credentials-?????? is denied: no statement of policy "mediaconvert-scoped-access" allows it. Fix: add "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kantar/credentials" to ${ROLE}.kantarSecretArns.`,
      `add "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kantar/credentials" to ${ROLE}.kantarSecretArns`,
    ],
    [
      "one trusted queue (premium, also the template's)",
      (c) => (transcoder(c).trustedQueueArns = [queueArn("Default"), queueArn("overflow")]),
      ["jobs/client-side-encrypted.json", "jobs/dash-speke.json: Job", "jobs/list-jobs.json: Jobs[0]", "jobs/ott-template.json: JobTemplate", "jobs/uses-template.json"],
      `  - Queue (queue, from job template "acme-ott-ladder"): sts:AssumeRole on arn:aws:iam::111122223333:role/Transcoder is denied: no statement of the trust policy lets mediaconvert.amazonaws.com call sts:AssumeRole with aws:SourceArn "${queueArn("premium")}" and aws:SourceAccount "111122223333". Fix: add "${queueArn("premium")}" to ${ROLE}.trustedQueueArns.`,
      `add "${queueArn("premium")}" to ${ROLE}.trustedQueueArns`,
    ],
    [
      "the queue a job hops to",
      (c) => (transcoder(c).trustedQueueArns = [queueArn("Default"), queueArn("premium")]),
      ["jobs/list-jobs.json: Jobs[0]"],
      `  - HopDestinations[0].Queue (queue hop destination): sts:AssumeRole on arn:aws:iam::111122223333:role/Transcoder is denied: no statement of the trust policy lets mediaconvert.amazonaws.com call sts:AssumeRole with aws:SourceArn "${queueArn("overflow")}" and aws:SourceAccount "111122223333". Fix: add "${queueArn("overflow")}" to ${ROLE}.trustedQueueArns.`,
      `add "${queueArn("overflow")}" to ${ROLE}.trustedQueueArns`,
    ],
    [
      "the canned ACL of one output",
      (c) => delete transcoder(c).outputs[1].allowAcl,
      ["jobs/cmaf.json"],
      `  - Settings.OutputGroups[0].OutputGroupSettings.CmafGroupSettings.DestinationSettings.S3Settings.AccessControl.CannedAcl (canned ACL): s3:PutObjectAcl on arn:aws:s3:::acme-media-renditions/cmaf/tears-of-steel/* is denied: no statement of policy "mediaconvert-scoped-access" allows it. Fix: set "allowAcl": true on ${ROLE}.outputs[1].`,
      `set "allowAcl": true on ${ROLE}.outputs[1]`,
    ],
  ])("fails exactly the jobs that need %s, with the settings path and the fix, and exits 1", async (_what, edit, failed, denial, fix) => {
    // GIVEN the corpus config without one grant / WHEN
    const result = await verify(["jobs", "--role-name", "Transcoder", "--config", "config.json"], edit);
    // THEN
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(1);
    expect(failing(result.stdout)).toEqual(failed);
    expect(result.stdout.split("\n")).toContain(denial);
    expect(result.stdout).toContain(`\nverify: ${ENTRIES.length - failed.length} of ${ENTRIES.length} jobs and job templates can run; ${failed.length} cannot.\nFix`);
    expect(result.stdout).toContain(`\n  - ${fix}\n`);
  });

  it("checks the console's role: S3 and SPEKE through the managed policies, the Kantar secret only when named", async () => {
    // GIVEN the default role of the corpus config (full access, no secrets) / WHEN
    const result = await verify(["jobs/kantar.json", "jobs/hls-speke.json", "--role-name", "mediaconvert_default_role", "--config", "config.json"]);
    // THEN
    expect(result.exitCode).toBe(1);
    expect(failing(result.stdout)).toEqual(["jobs/kantar.json"]);
    expect(result.stdout).toContain(
      '  - Settings.KantarWatermark.CredentialsSecretName (Kantar credentials secret): secretsmanager:GetSecretValue on arn:aws:secretsmanager:eu-west-1:111122223333:secret:kantar/credentials-?????? is denied: no statement of policies "AmazonS3FullAccess" and "AmazonAPIGatewayInvokeFullAccess" allows it. Fix: add "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kantar/credentials" to stacks[0].roles[0].kantarSecretArns.\n',
    );
  });

  it("fails every job whose queue is of another account than the trust policy pins, naming both accounts", async () => {
    // GIVEN the console's role in a stack of another account / WHEN
    const result = await verify(["jobs/hls-speke.json", "--role-name", "MediaConvert_Default_Role", "--config", "config.json"], (c) => {
      c.stacks[0].accountId = "444455556666";
      c.stacks[0].roles = [c.stacks[0].roles[0]];
    });
    // THEN
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      '  - Queue (queue): sts:AssumeRole on arn:aws:iam::444455556666:role/MediaConvert_Default_Role is denied: no statement of the trust policy lets mediaconvert.amazonaws.com call sts:AssumeRole with aws:SourceArn "arn:aws:mediaconvert:eu-west-1:111122223333:queues/Default" and aws:SourceAccount "111122223333". Fix: the queue is in account 111122223333, but the trust policy pins account 444455556666 (stacks[0].accountId, aws:SourceAccount): run the job in a queue of account 444455556666, or verify the role of account 111122223333.\n',
    );
  });

  it("says what it assumed of a stack without an account id, and that a permissions boundary known by ARN is not evaluated", async () => {
    // GIVEN a stack without accountId, a role with a boundary / WHEN
    const result = await verify(["jobs/hls-speke.json", "--role-name", "MediaConvert_Default_Role", "--config", "config.json"], (c) => {
      delete c.stacks[0].accountId;
      c.stacks[0].roles[0].permissionsBoundary = "arn:aws:iam::111122223333:policy/media-boundary";
    });
    // THEN the job can run, on what the warnings say
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split("\n")).toEqual(
      expect.arrayContaining([
        "ok      jobs/hls-speke.json (job, 4 accesses allowed)",
        "Warning: the role has the permissions boundary arn:aws:iam::111122223333:policy/media-boundary, whose document the config does not hold: it may deny what this report allows. verify --live checks the deployed role with its boundary.",
        'Warning: stack "media" names no accountId, so the trust policy pins the account Terraform deploys with; the trust policy was checked as if that were the jobs\' account 111122223333. Set the stack\'s accountId to check it.',
      ]),
    );
  });

  it("prints a machine-readable report with --json", async () => {
    // GIVEN a config without the Kantar secret / WHEN
    const result = await verify(["jobs/kantar.json", "--role-name", "Transcoder", "--config", "config.json", "--json"], (c) => delete transcoder(c).kantarSecretArns);
    // THEN
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.role).toEqual({
      name: "Transcoder",
      source: "config",
      configFile: "config.json",
      stack: "media",
      configPath: ROLE,
      region: "eu-west-1",
      accountId: "111122223333",
      arn: "arn:aws:iam::111122223333:role/Transcoder",
      access: "scoped",
    });
    expect([report.canRun, report.summary]).toEqual([false, { entries: 1, canRun: 0, cannotRun: 1 }]);
    const [entry] = report.entries;
    expect([entry.entry, entry.kind, entry.canRun]).toEqual(["jobs/kantar.json", "job", false]);
    expect(entry.checks.map((c: Json) => [c.action, c.result])).toEqual([
      ["s3:GetObject", "allowed"],
      ["s3:PutObject", "allowed"],
      ["s3:PutObject", "allowed"],
      ["secretsmanager:GetSecretValue", "denied"],
      ["sts:AssumeRole", "allowed"],
    ]);
    expect(entry.checks[3]).toEqual({
      kind: "secret",
      action: "secretsmanager:GetSecretValue",
      resource: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kantar/credentials-??????",
      context: {},
      origins: [{ entry: "jobs/kantar.json", path: "Settings.KantarWatermark.CredentialsSecretName", label: "Kantar credentials secret", value: "kantar/credentials" }],
      result: "denied",
      reason: 'no statement of policy "mediaconvert-scoped-access" allows it',
      fix: `add "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kantar/credentials" to ${ROLE}.kantarSecretArns`,
    });
    // the allowing statement is named by its place in the role's scoped policy
    const scoped = roleDocuments(transcoder(CONFIG), { region: "eu-west-1", accountId: "111122223333" }).inlinePolicies[0];
    expect(entry.checks[0].statement.policy).toBe(scoped.name);
    expect(scoped.document.Statement[entry.checks[0].statement.index]).toMatchObject({ Action: ["s3:GetObject"], Resource: expect.arrayContaining(["arn:aws:s3:::acme-media-source/*"]) });
    expect(report.fixes).toEqual([`add "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kantar/credentials" to ${ROLE}.kantarSecretArns`]);
    expect(report.undecidables.map((u: Json) => [u.kind, u.subject, u.entries])).toEqual([
      ["bucket-default-key", "acme-media-logs", ["jobs/kantar.json"]],
      ["bucket-default-key", "acme-media-renditions", ["jobs/kantar.json"]],
      ["bucket-default-key", "acme-media-source", ["jobs/kantar.json"]],
    ]);
    expect(report.notes.map((n: Json) => n.kind)).toEqual(["external-url"]);
  });

  it.each<[string, string[], (config: Json) => void, string]>([
    [
      "a role the config does not have",
      ["--role-name", "Encoder"],
      () => undefined,
      'error: Role "Encoder" is not in config.json: its roles are "MediaConvert_Default_Role" (stack "media") and "Transcoder" (stack "media"). Give one of them in --role-name (role names are not case-sensitive).\n',
    ],
    [
      "a role in two stacks without --stack",
      ["--role-name", "transcoder"],
      (c) => c.stacks.push({ name: "dev", region: "eu-west-1", accountId: "444455556666", roles: [{ roleName: "Transcoder" }] }),
      'error: Role "transcoder" is in 2 stacks of config.json: "media" (stacks[0].roles[1]) and "dev" (stacks[1].roles[0]). Name the one to verify with --stack.\n',
    ],
    [
      "a stack the config does not have",
      ["--role-name", "Transcoder", "--stack", "prod"],
      () => undefined,
      'error: Stack "prod" is not in config.json: its stacks are "media". Give one of them in --stack, or leave --stack out.\n',
    ],
    [
      "a role not in the stack named",
      ["--role-name", "Encoder", "--stack", "media"],
      () => undefined,
      'error: Role "Encoder" is not in stack "media" of config.json: its roles are "MediaConvert_Default_Role" and "Transcoder". Give one of them in --role-name (role names are not case-sensitive).\n',
    ],
    [
      "no --role-name",
      [],
      () => undefined,
      "error: required option '--role-name <name>' not specified\nRun \"mediaconvert-role-cdktf verify --help\" for the usage.\n",
    ],
  ])("exits 2 on %s, naming what there is", async (_what, args, edit, message) => {
    // GIVEN / WHEN
    const result = await verify(["jobs/cmaf.json", "--config", "config.json", ...args], edit);
    // THEN
    expect(result).toEqual({ exitCode: 2, stdout: "", stderr: message });
  });

  it("exits 2 without job documents", async () => {
    // GIVEN / WHEN
    const result = await runCliInProcess(["verify", "--role-name", "Transcoder"], { cwd: tmp });
    // THEN
    expect(result).toEqual({ exitCode: 2, stdout: "", stderr: "error: missing required argument 'jobs'\nRun \"mediaconvert-role-cdktf verify --help\" for the usage.\n" });
  });

  it("exits 1 on bad job documents, listing every problem with its file", async () => {
    // GIVEN a file with a trailing comma and one that is not a job
    fs.writeFileSync(path.join(tmp, "broken.json"), '{"Settings": {},}');
    fs.writeFileSync(path.join(tmp, "other.json"), '{"Name": 3}');
    // WHEN
    const result = await verify(["broken.json", "other.json", "missing.json", "--role-name", "Transcoder", "--config", "config.json"]);
    // THEN
    expect(result).toEqual({
      exitCode: 1,
      stdout: "",
      stderr:
        "Verify failed: 3 problems in the job documents.\n" +
        "missing.json: cannot read the job document: the file does not exist. Check the path; pass job documents as files or directories of *.json files.\n" +
        "broken.json: not valid JSON at line 1, column 17: a trailing comma before } (JSON allows none). Fix the syntax: job documents are plain JSON as the AWS CLI and the console write them (no comments or trailing commas).\n" +
        'other.json: (root): not a MediaConvert job document: it has the keys "Name". Accepted: a CreateJob request {"Settings": ...} (as the console exports it), get-job output {"Job": ...}, list-jobs output {"Jobs": [...]}, a CreateJobTemplate request {"Name": ..., "Settings": ...}, get-job-template output {"JobTemplate": ...} or list-job-templates output {"JobTemplates": [...]}, in the CLI\'s PascalCase or the REST API\'s camelCase.\n',
    });
  });

  it("exits 1 on a bad config, listing every problem with the file and JSON path, as synth does", async () => {
    // GIVEN a config with a misspelt key and a bad bucket / WHEN
    const result = await verify(["jobs/cmaf.json", "--role-name", "Transcoder", "--config", "config.json"], (c) => {
      transcoder(c).outptus = [];
      transcoder(c).inputs[0].bucket = "Acme_Source";
    });
    // THEN
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")[0]).toBe("Verify failed: 2 problems in config.json.");
    expect(result.stderr).toContain('config.json: stacks[0].roles[1].outptus: unknown key "outptus". Did you mean "outputs"?\n');
    expect(result.stderr).toContain("config.json: stacks[0].roles[1].inputs[0].bucket: ");
  });
});
