/**
 * `derive --from-account`: the account's recent jobs and job templates (MediaConvert mocked with
 * aws-sdk-client-mock: every page, --since, --queue, each error as derive prints it, exit 1 and
 * nothing written), and the --since values it takes and refuses.
 */
import * as fs from "fs";
import * as path from "path";
import { ForbiddenException, ListJobTemplatesCommand, ListJobsCommand, MediaConvertClient, NotFoundException, TooManyRequestsException, type Job, type JobTemplate } from "@aws-sdk/client-mediaconvert";
import { mockClient } from "aws-sdk-client-mock";
import { parseSince } from "../lib/cli/derive";
import { runCliInProcess } from "./support/cli-in-process";
import { ACCOUNT, REGION, queueArn } from "./support/fixtures";
import { makeTempDir } from "./support/paths";

const mediaconvert = mockClient(MediaConvertClient);
afterAll(() => mediaconvert.restore());

let dir: string;
beforeEach(() => {
  mediaconvert.reset();
  dir = makeTempDir("derive-account");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400_000;
const configFile = () => path.join(dir, "mediaconvert.config.json");

/** A job of the account, created `daysAgo` days ago, reading `s3://media-in/<id>.mxf`. */
const job = (id: string, daysAgo: number, extra: Partial<Job> = {}): Job => ({
  Arn: `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:jobs/${id}`,
  Id: id,
  CreatedAt: new Date(Date.now() - daysAgo * DAY),
  Queue: queueArn("Default"),
  Role: `arn:aws:iam::${ACCOUNT}:role/MediaConvert_Default_Role`,
  Status: "COMPLETE",
  Settings: { Inputs: [{ FileInput: `s3://media-in/jobs/${id}.mxf` }], OutputGroups: [] },
  ...extra,
});

/** A job template of the account writing under `s3://media-out/<name>/`. */
const template = (name: string): JobTemplate => ({
  Arn: `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:jobTemplates/${name}`,
  Name: name,
  Type: "CUSTOM",
  Settings: { OutputGroups: [{ OutputGroupSettings: { Type: "FILE_GROUP_SETTINGS", FileGroupSettings: { Destination: `s3://media-out/${name}/` } }, Outputs: [] }] },
});

async function derive(args: readonly string[]) {
  const result = await runCliInProcess(["derive", "--from-account", "--region", REGION, "--stack", "media", "--role-name", "FromAccount", "--config", configFile(), ...args], { cwd: dir });
  const lines = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));
  return { code: result.exitCode, out: lines(result.stdout), err: lines(result.stderr) };
}

const entryOf = () => (JSON.parse(fs.readFileSync(configFile(), "utf8")) as { stacks: { roles: { inputs?: object[]; outputs?: object[] }[] }[] }).stacks[0].roles[0];

describe("derive --from-account", () => {
  it("derives from every page of the account's jobs and job templates", async () => {
    // GIVEN two pages of jobs and two pages of templates (the tokens recorded as sent: the paginator reuses its input object)
    const tokens: (string | undefined)[] = [];
    const pages =
      <T>(...list: T[]) =>
      (input: { NextToken?: string }) => {
        tokens.push(input.NextToken);
        return list.shift()!;
      };
    mediaconvert.on(ListJobsCommand).callsFake(pages({ Jobs: [job("3", 1), job("2", 2)], NextToken: "jobs-2" }, { Jobs: [job("1", 3)] }));
    mediaconvert.on(ListJobTemplatesCommand).callsFake(pages({ JobTemplates: [template("hls")], NextToken: "templates-2" }, { JobTemplates: [template("mp4")] }));
    // WHEN derive reads the account
    const { code, out, err } = await derive([]);
    // THEN the entry grants what every job and template needs, in a stack of the jobs' region and account
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toBe(`Derived role "FromAccount" from 3 jobs and 2 job templates: new scoped entry stacks[0].roles[0] of new stack "media" in ${configFile()}.`);
    expect(entryOf()).toMatchObject({
      inputs: [{ bucket: "media-in", prefix: "jobs/" }],
      outputs: [
        { bucket: "media-out", prefix: "hls/" },
        { bucket: "media-out", prefix: "mp4/" },
      ],
    });
    expect(tokens).toEqual([undefined, "jobs-2", undefined, "templates-2"]);
  });

  it("reads only the jobs created --since, and stops listing at the first older one", async () => {
    // GIVEN a job of yesterday, then on the next page one of 60 days ago and one older
    mediaconvert
      .on(ListJobsCommand)
      .resolvesOnce({ Jobs: [job("recent", 1)], NextToken: "p2" })
      .resolvesOnce({ Jobs: [job("old", 60)], NextToken: "p3" })
      .resolvesOnce({ Jobs: [job("older", 80)] });
    mediaconvert.on(ListJobTemplatesCommand).resolves({ JobTemplates: [] });
    // WHEN derive reads the last 30 days
    const { code } = await derive(["--since", "30d"]);
    // THEN only the recent job is granted, and the third page was never asked for
    expect(code).toBe(0);
    expect(entryOf().inputs).toEqual([{ bucket: "media-in", prefix: "jobs/recent.mxf" }]);
    expect(mediaconvert.commandCalls(ListJobsCommand)).toHaveLength(2);
  });

  it("reads the jobs of each --queue, and adds them to the jobs of the files given", async () => {
    // GIVEN jobs in two queues, and a job file
    mediaconvert.on(ListJobsCommand, { Queue: "premium" }).resolves({ Jobs: [job("p", 1, { Queue: queueArn("premium") })] });
    mediaconvert.on(ListJobsCommand, { Queue: "overflow" }).resolves({ Jobs: [job("o", 1, { Queue: queueArn("overflow") })] });
    mediaconvert.on(ListJobTemplatesCommand).resolves({ JobTemplates: [] });
    const file = path.join(dir, "local.json");
    fs.writeFileSync(file, JSON.stringify({ Queue: queueArn("Default"), Settings: { Inputs: [{ FileInput: "s3://media-local/a.mxf" }], OutputGroups: [] } }));
    // WHEN derive reads both queues and the file
    const { code, out } = await derive([file, "--queue", "premium", "--queue", "overflow"]);
    // THEN each queue was listed, and the entry holds all three jobs' reads and queues
    expect(code).toBe(0);
    expect(out[0]).toBe(`Derived role "FromAccount" from 3 jobs: new scoped entry stacks[0].roles[0] of new stack "media" in ${configFile()}.`);
    expect(mediaconvert.commandCalls(ListJobsCommand).map((c) => c.args[0].input.Queue)).toEqual(["premium", "overflow"]);
    expect(entryOf()).toMatchObject({
      inputs: [{ bucket: "media-in", prefix: "jobs/" }, { bucket: "media-local", prefix: "a.mxf" }],
      trustedQueueArns: [queueArn("Default"), queueArn("overflow"), queueArn("premium")],
    });
  });

  it("refuses an account without jobs or templates to derive from", async () => {
    // GIVEN an account with nothing in the last day
    mediaconvert.on(ListJobsCommand).resolves({ Jobs: [job("old", 5)] });
    mediaconvert.on(ListJobTemplatesCommand).resolves({ JobTemplates: [] });
    // WHEN derive reads the last 24 hours
    const { code, err } = await derive(["--since", "24h"]);
    // THEN
    expect({ code, err }).toEqual({
      code: 1,
      err: [
        "Derive failed: 1 problem; nothing was written.",
        `No job or job template was found in the account (${REGION}): there is nothing to derive a role from. Pass the files or directories of your jobs and templates, or widen --since / --queue.`,
      ],
    });
    expect(fs.existsSync(configFile())).toBe(false);
  });

  const named = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: { attempts: 1 } });
  it.each<[string, () => void, string[], string]>([
    [
      "no credentials",
      () => mediaconvert.on(ListJobsCommand).rejects(named("CredentialsProviderError", "Could not load credentials from any providers")),
      [],
      'No AWS credentials were found for reading MediaConvert jobs (mediaconvert:ListJobs): the SDK\'s standard chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws/config, SSO, web identity, container and instance roles) found none. Set AWS_PROFILE (or run "aws sso login" for it), then run again.',
    ],
    [
      "access denied on the job templates",
      () => {
        mediaconvert.on(ListJobsCommand).resolves({ Jobs: [] });
        mediaconvert.on(ListJobTemplatesCommand).rejects(new ForbiddenException({ message: "not authorized", $metadata: {} }));
      },
      [],
      'Access denied: mediaconvert:ListJobTemplates was refused. --from-account reads with mediaconvert:ListJobs, mediaconvert:ListJobTemplates, mediaconvert:GetJobTemplate. Allow mediaconvert:ListJobTemplates for the identity you run as ("aws sts get-caller-identity" names it), or run as one that has it.',
    ],
    [
      "a queue that does not exist",
      () => mediaconvert.on(ListJobsCommand).rejects(new NotFoundException({ message: "Queue not found", $metadata: {} })),
      ["--queue", "premum"],
      `Queue "premum" does not exist in ${REGION} (mediaconvert:ListJobs: NotFoundException). Check its name with "aws mediaconvert list-queues", or leave --queue out to read the jobs of every queue.`,
    ],
    [
      "throttling after the SDK's retries",
      () => mediaconvert.on(ListJobsCommand).rejects(Object.assign(new TooManyRequestsException({ message: "Too many requests", $metadata: {} }), { $metadata: { attempts: 3 } })),
      [],
      "MediaConvert throttled mediaconvert:ListJobs, and the SDK gave up after 3 attempts (it retries throttled calls with backoff): the account's request rate for MediaConvert is used up. Wait a minute and run again, narrow the read with --since or --queue, or allow more attempts with AWS_MAX_ATTEMPTS.",
    ],
  ])("explains %s (exit 1, nothing written)", async (_case, mock, args, message) => {
    // GIVEN MediaConvert failing
    mock();
    // WHEN derive reads the account
    const { code, out, err } = await derive(args);
    // THEN it prints the message alone, exits 1 and writes nothing
    expect({ code, out, err }).toEqual({ code: 1, out: [], err: [`Derive failed; nothing was written. ${message}`] });
    expect(fs.existsSync(configFile())).toBe(false);
  });
});

describe("--since", () => {
  const NOW = new Date("2024-06-01T12:00:00Z");

  it.each<[string, string]>([
    ["90d", "2024-03-03T12:00:00.000Z"],
    ["12h", "2024-06-01T00:00:00.000Z"],
    ["30m", "2024-06-01T11:30:00.000Z"],
    ["2024-05-01", "2024-05-01T00:00:00.000Z"],
    ["2024-05-01T08:30:00Z", "2024-05-01T08:30:00.000Z"],
    ["2024-05-01T08:30:00+02:00", "2024-05-01T06:30:00.000Z"],
  ])("takes %j as %s", (text, since) => {
    expect(parseSince(text, NOW).toISOString()).toBe(since);
  });

  it.each<[string, string]>([
    ["90", '"90" is not a duration or a date: give days, hours or minutes back from now (90d, 12h, 30m) or an ISO date (2024-05-01, 2024-05-01T12:00:00Z).'],
    ["3w", '"3w" is not a duration or a date: give days, hours or minutes back from now (90d, 12h, 30m) or an ISO date (2024-05-01, 2024-05-01T12:00:00Z).'],
    ["2024-13-01", '"2024-13-01" is not a duration or a date: give days, hours or minutes back from now (90d, 12h, 30m) or an ISO date (2024-05-01, 2024-05-01T12:00:00Z).'],
    ["0d", '"0d" is no time at all: give at least one day (e.g. 30m), or an ISO date.'],
    ["2024-07-01", '"2024-07-01" is in the future: no job was created after it. Give a past date, or a duration such as 90d.'],
  ])("refuses %j, saying what it takes", (text, message) => {
    expect(() => parseSince(text, NOW)).toThrow(message);
  });

  it("is a usage error on the command line (exit 2)", async () => {
    // GIVEN / WHEN
    const { code, out, err } = await derive(["--since", "yesterday"]);
    // THEN
    expect({ code, out, err }).toEqual({
      code: 2,
      out: [],
      err: [
        `error: option '--since <duration>' argument 'yesterday' is invalid. "yesterday" is not a duration or a date: give days, hours or minutes back from now (90d, 12h, 30m) or an ISO date (2024-05-01, 2024-05-01T12:00:00Z).`,
        'Run "mediaconvert-role-cdktf derive --help" for the usage.',
      ],
    });
    expect(mediaconvert.calls()).toHaveLength(0);
  });
});
