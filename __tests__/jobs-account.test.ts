/**
 * Reading jobs from an account (`--from-account`): ListJobs and ListJobTemplates over every page,
 * `since` and queue filters, GetJobTemplate for templates jobs name, and every error explained
 * with the action and the fix. MediaConvert is mocked with aws-sdk-client-mock.
 */
import {
  ForbiddenException,
  GetJobTemplateCommand,
  InternalServerErrorException,
  ListJobTemplatesCommand,
  ListJobsCommand,
  MediaConvertClient,
  NotFoundException,
  TooManyRequestsException,
  type Job,
  type JobTemplate,
} from "@aws-sdk/client-mediaconvert";
import { mockClient } from "aws-sdk-client-mock";
import * as path from "path";
import { extractAccesses } from "../lib/jobs/accesses";
import { readAccountDocuments } from "../lib/jobs/account";
import { readJobDocuments } from "../lib/jobs/documents";
import { AccountReadError } from "../lib/jobs/messages";
import { ACCOUNT, REGION, queueArn } from "./support/fixtures";

const mediaconvert = mockClient(MediaConvertClient);
beforeEach(() => mediaconvert.reset());
afterAll(() => mediaconvert.restore());

const job = (id: string, createdAt: string, extra: Partial<Job> = {}): Job => ({
  Arn: `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:jobs/${id}`,
  Id: id,
  CreatedAt: new Date(createdAt),
  Queue: queueArn("Default"),
  Role: `arn:aws:iam::${ACCOUNT}:role/MediaConvert_Default_Role`,
  Status: "COMPLETE",
  Settings: { Inputs: [{ FileInput: `s3://acme-media-source/${id}.mov` }], OutputGroups: [] },
  ...extra,
});
const template = (name: string, type: "CUSTOM" | "SYSTEM" = "CUSTOM"): JobTemplate => ({
  Arn: `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:jobTemplates/${name}`,
  Name: name,
  Type: type,
  Settings: { OutputGroups: [{ OutputGroupSettings: { Type: "FILE_GROUP_SETTINGS", FileGroupSettings: { Destination: `s3://acme-media-renditions/${name}/` } }, Outputs: [] }] },
});

const read = (options: Parameters<typeof readAccountDocuments>[0] = {}) => readAccountDocuments({ region: REGION, ...options });

describe("reading jobs and templates from an account", () => {
  it("reads every page of jobs and of job templates", async () => {
    // GIVEN two pages of jobs and two pages of templates (inputs copied as sent: the paginator reuses its input object)
    const sent: Record<string, unknown>[] = [];
    const pages =
      <T>(...list: T[]) =>
      (input: object) => {
        sent.push({ ...input });
        return list.shift()!;
      };
    mediaconvert
      .on(ListJobsCommand)
      .callsFake(pages({ Jobs: [job("3", "2024-05-03T00:00:00Z"), job("2", "2024-05-02T00:00:00Z")], NextToken: "jobs-2" }, { Jobs: [job("1", "2024-05-01T00:00:00Z")] }));
    mediaconvert.on(ListJobTemplatesCommand).callsFake(pages({ JobTemplates: [template("a")], NextToken: "templates-2" }, { JobTemplates: [template("b")] }));
    // WHEN the account is read
    const { entries, files } = await read();
    // THEN every job and template is an entry, labelled by the account's region and its resource
    expect(files).toEqual([]);
    expect(entries.map((e) => e.label)).toEqual([
      `account (${REGION}): jobs/3`,
      `account (${REGION}): jobs/2`,
      `account (${REGION}): jobs/1`,
      `account (${REGION}): jobTemplates/a`,
      `account (${REGION}): jobTemplates/b`,
    ]);
    // AND the listings asked newest first (templates by name), 20 a page, following the tokens
    expect(sent).toEqual([
      { Order: "DESCENDING", MaxResults: 20 },
      { Order: "DESCENDING", MaxResults: 20, NextToken: "jobs-2" },
      { ListBy: "NAME", Order: "ASCENDING", MaxResults: 20 },
      { ListBy: "NAME", Order: "ASCENDING", MaxResults: 20, NextToken: "templates-2" },
    ]);
  });

  it("stops at the first job older than `since`, without reading further pages", async () => {
    mediaconvert
      .on(ListJobsCommand)
      .resolvesOnce({ Jobs: [job("3", "2024-05-03T00:00:00Z")], NextToken: "p2" })
      .resolvesOnce({ Jobs: [job("2", "2024-05-02T00:00:00Z"), job("1", "2024-04-01T00:00:00Z")], NextToken: "p3" })
      .resolvesOnce({ Jobs: [job("0", "2024-03-01T00:00:00Z")] });
    mediaconvert.on(ListJobTemplatesCommand).resolves({ JobTemplates: [] });
    const { entries } = await read({ since: new Date("2024-05-01T00:00:00Z") });
    expect(entries.map((e) => (e.kind === "job" ? e.id : e.name))).toEqual(["3", "2"]);
    expect(mediaconvert.commandCalls(ListJobsCommand)).toHaveLength(2);
  });

  it("reads the jobs of each queue asked for, each job once", async () => {
    mediaconvert.on(ListJobsCommand, { Queue: "premium" }).resolves({ Jobs: [job("p", "2024-05-03T00:00:00Z", { Queue: queueArn("premium") })] });
    mediaconvert
      .on(ListJobsCommand, { Queue: "overflow" })
      .resolves({ Jobs: [job("o", "2024-05-02T00:00:00Z", { Queue: queueArn("overflow") }), job("p", "2024-05-03T00:00:00Z")] });
    mediaconvert.on(ListJobTemplatesCommand).resolves({ JobTemplates: [] });
    const { entries } = await read({ queues: ["premium", "overflow"] });
    expect(entries.map((e) => e.label)).toEqual([`account (${REGION}): jobs/p`, `account (${REGION}): jobs/o`]);
    expect(mediaconvert.commandCalls(ListJobsCommand).map((c) => c.args[0].input.Queue)).toEqual(["premium", "overflow"]);
  });

  it("gets the templates jobs name that the listing lacks (system templates), and leaves a missing one to be reported", async () => {
    // GIVEN jobs naming a listed template, a system template and a deleted one
    mediaconvert.on(ListJobsCommand).resolves({
      Jobs: [
        job("1", "2024-05-03T00:00:00Z", { JobTemplate: "listed" }),
        job("2", "2024-05-02T00:00:00Z", { JobTemplate: `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:jobTemplates/System-Ott_Hls_Ts_Avc_Aac` }),
        job("3", "2024-05-01T00:00:00Z", { JobTemplate: "deleted" }),
      ],
    });
    mediaconvert.on(ListJobTemplatesCommand).resolves({ JobTemplates: [template("listed")] });
    mediaconvert.on(GetJobTemplateCommand, { Name: "System-Ott_Hls_Ts_Avc_Aac" }).resolves({ JobTemplate: template("System-Ott_Hls_Ts_Avc_Aac", "SYSTEM") });
    mediaconvert.on(GetJobTemplateCommand, { Name: "deleted" }).rejects(new NotFoundException({ message: "template not found", $metadata: {} }));
    // WHEN the account is read and the accesses extracted
    const { entries } = await read();
    const report = extractAccesses(entries);
    // THEN the system template was fetched, the deleted one is reported as unresolved
    expect(mediaconvert.commandCalls(GetJobTemplateCommand).map((c) => c.args[0].input.Name)).toEqual(["System-Ott_Hls_Ts_Avc_Aac", "deleted"]);
    expect(report.entries.map((e) => e.template?.name ?? e.unresolvedTemplate?.template ?? "-")).toEqual(["listed", "System-Ott_Hls_Ts_Avc_Aac", "deleted", "-", "-"]);
    expect(report.unresolvedTemplates.map((u) => u.entry)).toEqual([`account (${REGION}): jobs/3`]);
  });

  it("gives an account's job the same accesses as the same job read from a get-job file", async () => {
    // GIVEN the corpus's DASH job as the SDK returns it (CreatedAt a Date)
    const [fromFile] = readJobDocuments([path.join("examples", "jobs", "dash-speke.json")]).entries;
    const sdkJob = { ...(fromFile as object), CreatedAt: new Date("2024-04-25T12:33:12Z"), Settings: fromFile.settings } as unknown as Job;
    mediaconvert.on(ListJobsCommand).resolves({ Jobs: [sdkJob] });
    mediaconvert.on(ListJobTemplatesCommand).resolves({ JobTemplates: [] });
    // WHEN both are extracted
    const fromAccount = extractAccesses((await read()).entries);
    const strip = (r: ReturnType<typeof extractAccesses>) => r.accesses.map((a) => ({ ...a, origins: a.origins.map((o) => o.path) }));
    // THEN they need the same
    expect(strip(fromAccount)).toEqual(strip(extractAccesses([fromFile])));
    expect(fromAccount.entries[0].entry).toMatchObject({ createdAt: "2024-04-25T12:33:12.000Z", id: "1714048392713-x1y2z3" });
  });
});

describe("errors reading an account", () => {
  const named = (name: string, message: string, attempts = 1) => Object.assign(new Error(message), { name, $metadata: { attempts } });

  it.each([
    [
      "no credentials",
      ListJobsCommand,
      named("CredentialsProviderError", "Could not load credentials from any providers"),
      'No AWS credentials were found for reading MediaConvert jobs (mediaconvert:ListJobs): the SDK\'s standard chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws/config, SSO, web identity, container and instance roles) found none. Set AWS_PROFILE (or run "aws sso login" for it), then run again.',
    ],
    [
      "expired credentials",
      ListJobTemplatesCommand,
      named("ExpiredTokenException", "The security token included in the request is expired"),
      'AWS rejected the credentials used for mediaconvert:ListJobTemplates (ExpiredTokenException): they are expired, revoked or malformed. Refresh them (for example "aws sso login"), then run again.',
    ],
    [
      "access denied",
      GetJobTemplateCommand,
      new ForbiddenException({ message: "User is not authorized to perform: mediaconvert:GetJobTemplate", $metadata: {} }),
      'Access denied: mediaconvert:GetJobTemplate was refused. --from-account reads with mediaconvert:ListJobs, mediaconvert:ListJobTemplates, mediaconvert:GetJobTemplate. Allow mediaconvert:GetJobTemplate for the identity you run as ("aws sts get-caller-identity" names it), or run as one that has it.',
    ],
    [
      "throttling after the SDK's retries",
      ListJobsCommand,
      Object.assign(new TooManyRequestsException({ message: "Too many requests", $metadata: {} }), { $metadata: { attempts: 3 } }),
      "MediaConvert throttled mediaconvert:ListJobs, and the SDK gave up after 3 attempts (it retries throttled calls with backoff): the account's request rate for MediaConvert is used up. Wait a minute and run again, narrow the read with --since or --queue, or allow more attempts with AWS_MAX_ATTEMPTS.",
    ],
    [
      "any other failure, with AWS's code and message",
      ListJobTemplatesCommand,
      new InternalServerErrorException({ message: "We encountered an\n internal error.", $metadata: {} }),
      "mediaconvert:ListJobTemplates failed: InternalServerErrorException: We encountered an internal error.. Run again once AWS answers.",
    ],
  ] as const)("explains %s, naming the action", async (_what, command, error, message) => {
    // GIVEN MediaConvert answering every call but one
    mediaconvert.on(ListJobsCommand).resolves({ Jobs: [job("1", "2024-05-01T00:00:00Z", { JobTemplate: "missing" })] });
    mediaconvert.on(ListJobTemplatesCommand).resolves({ JobTemplates: [] });
    mediaconvert.on(GetJobTemplateCommand).resolves({ JobTemplate: template("missing") });
    mediaconvert.on(command as typeof ListJobsCommand).rejects(error);
    // WHEN the account is read
    // THEN the read fails with the message alone
    await expect(read()).rejects.toEqual(new AccountReadError(message));
  });

  it("names a queue that does not exist", async () => {
    mediaconvert.on(ListJobsCommand).rejects(new NotFoundException({ message: "Queue not found", $metadata: {} }));
    await expect(read({ queues: ["premum"] })).rejects.toEqual(
      new AccountReadError(
        `Queue "premum" does not exist in ${REGION} (mediaconvert:ListJobs: NotFoundException). Check its name with "aws mediaconvert list-queues", or leave --queue out to read the jobs of every queue.`,
      ),
    );
  });

  it("says how to give a region when none is set", async () => {
    // GIVEN a client whose region cannot be resolved
    const client = new MediaConvertClient({ region: () => Promise.reject<string>(new Error("Region is missing")) });
    // THEN the read says how to set one, before calling MediaConvert
    await expect(readAccountDocuments({ client })).rejects.toEqual(
      new AccountReadError("No AWS region is set: MediaConvert keeps jobs and job templates per region. Give --region, e.g. --region eu-west-1, or set AWS_REGION."),
    );
    expect(mediaconvert.calls()).toHaveLength(0);
  });
});
