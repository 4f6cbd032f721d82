/**
 * The derive command, in-process: a new scoped entry (and stack) from job documents, merged into
 * the config like adopt (atomic, never over another entry), added to an existing scoped entry
 * (only what it lacks, the diff printed, nothing removed), a full entry refused, --dry-run,
 * widening when the inline policy would exceed IAM's limit, what it cannot decide and the
 * options that supply it, and every bad input (exit 1, nothing written) and usage error (exit 2).
 * What the roles allow is evaluated in derive-simulation.test.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { deriveRoleProps } from "../lib/app/derive-props";
import { inlinePolicies } from "../lib/core/policies";
import type { MediaConvertRoleProps } from "../lib/core/role-props";
import { extractAccesses } from "../lib/jobs/accesses";
import { readJobDocuments } from "../lib/jobs/documents";
import { runCliInProcess } from "./support/cli-in-process";
import { ACCOUNT, JOB_KEY, kmsKeyArn, queueArn, REGION, SPEKE_API } from "./support/fixtures";
import { makeTempDir, REPO_ROOT } from "./support/paths";

const FIXTURES = path.join(REPO_ROOT, "__tests__", "fixtures", "derive");
const IN_KEY = kmsKeyArn("1a1a1a1a-1111-4111-8111-111111111111");
const NEXT =
  "Next: review the diff; synthesize (npm run synth) and read the stack's permissions.md; run terraform plan; verify the jobs against the role; then switch the jobs' Role to it.";

let dir: string;
beforeEach(() => {
  dir = makeTempDir("derive-test");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const configFile = () => path.join(dir, "mediaconvert.config.json");
type ConfigJson = { stacks: { name: string; region?: string; accountId?: string; roles: Record<string, unknown>[] }[] };
const readConfig = (): ConfigJson => JSON.parse(fs.readFileSync(configFile(), "utf8")) as ConfigJson;
const writeConfig = (config: object): string => {
  const text = `${JSON.stringify(config, null, 2)}\n`;
  fs.writeFileSync(configFile(), text);
  return text;
};

/** Runs `derive <args>` in the test's directory with its config file; stdout and stderr as lines. */
async function derive(args: readonly string[]) {
  const result = await runCliInProcess(["derive", ...args, "--config", configFile()], { cwd: dir });
  const lines = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));
  return { code: result.exitCode, out: lines(result.stdout), err: lines(result.stderr) };
}

/** Writes job documents into the test's directory (a folder of their own) and returns it. */
function jobsDir(docs: Readonly<Record<string, object>>, name = "jobs"): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder, { recursive: true });
  for (const [file, doc] of Object.entries(docs)) fs.writeFileSync(path.join(folder, file), JSON.stringify(doc, null, 2));
  return folder;
}

/** A CreateJob request of the test account with one input and one file group destination. */
const job = (input: string, destination: string, extra: { Queue?: string; Settings?: object } = {}) => ({
  Role: `arn:aws:iam::${ACCOUNT}:role/MediaConvert_Default_Role`,
  Queue: extra.Queue ?? queueArn("Default"),
  Settings: {
    Inputs: [{ FileInput: input }],
    OutputGroups: [{ OutputGroupSettings: { Type: "FILE_GROUP_SETTINGS", FileGroupSettings: { Destination: destination } }, Outputs: [{ ContainerSettings: { Container: "MP4" } }] }],
    ...extra.Settings,
  },
});

const undecidedBucket = (bucket: string, direction: "read" | "written", jobs: number) => {
  const [action, option, key] = direction === "read" ? ["kms:Decrypt", "--input-key", "inputs"] : ["kms:GenerateDataKey", "--output-key", "outputs"];
  return `- bucket "${bucket}" (${direction} by ${jobs} job${jobs === 1 ? "" : "s"}): if it encrypts by default with a customer managed KMS key (SSE-KMS), the role needs ${action} on that key through S3, and no job setting shows it. Give it with ${option} ${bucket}=<key ARN> (or as ${key}[].kmsKeyArn in the config).`;
};

// ---------------------------------------------------------------------------------------------

describe("derive into a new entry", () => {
  it("writes a new stack with the jobs' region and account, and the scoped entry that grants what they need, printing each addition", async () => {
    // GIVEN an HLS job with SPEKE and a canned ACL (get-job output) and an MP4 job with a job-level key (a CreateJob request)
    // WHEN derive runs with no config file yet
    const { code, out, err } = await derive([FIXTURES, "--stack", "media", "--role-name", "Transcoder", "--input-key", `media-in=${IN_KEY}`]);
    // THEN it writes the stack and the entry, and says what it added, what it could not decide, and what comes next
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const entry = {
      roleName: "Transcoder",
      access: "scoped",
      inputs: [{ bucket: "media-in", prefix: "shows/s01/e0", kmsKeyArn: IN_KEY }],
      outputs: [
        { bucket: "media-archive", prefix: "mp4/" },
        { bucket: "media-out", prefix: "hls/s01e01/", allowAcl: true },
      ],
      jobEncryptionKmsKeyArns: [JOB_KEY],
      spekeApiArns: [`${SPEKE_API}/prod/POST/speke`],
      trustedQueueArns: [queueArn("Default"), queueArn("premium")],
    };
    expect(readConfig()).toEqual({ stacks: [{ name: "media", region: REGION, accountId: ACCOUNT, roles: [entry] }] });
    expect(out).toEqual([
      `Derived role "Transcoder" from 2 jobs: new scoped entry stacks[0].roles[0] of new stack "media" in ${configFile()}.`,
      '+ roleName: "Transcoder"',
      '+ access: "scoped"',
      `+ inputs[0]: {"bucket":"media-in","prefix":"shows/s01/e0","kmsKeyArn":"${IN_KEY}"}`,
      '+ outputs[0]: {"bucket":"media-archive","prefix":"mp4/"}',
      '+ outputs[1]: {"bucket":"media-out","prefix":"hls/s01e01/","allowAcl":true}',
      `+ jobEncryptionKmsKeyArns[0]: "${JOB_KEY}"`,
      `+ spekeApiArns[0]: "${SPEKE_API}/prod/POST/speke"`,
      `+ trustedQueueArns[0]: "${queueArn("Default")}"`,
      `+ trustedQueueArns[1]: "${queueArn("premium")}"`,
      "Derive could not decide 2 things the jobs do not show; supply what applies:",
      undecidedBucket("media-archive", "written", 1),
      undecidedBucket("media-out", "written", 1),
      `Wrote ${configFile()}. ${NEXT}`,
    ]);
  });

  it("adds a role to an existing stack, keeping the stack and its other roles as they are", async () => {
    // GIVEN a config whose stack has another role
    writeConfig({ $schema: "./mediaconvert.config.schema.json", stacks: [{ name: "media", region: REGION, roles: [{ roleName: "Other", description: "kept" }] }] });
    // WHEN derive runs
    const { code } = await derive([path.join(FIXTURES, "mp4-request.json"), "--stack", "media", "--role-name", "Transcoder"]);
    // THEN the stack keeps its settings and its role, and gets the derived one after it
    expect(code).toBe(0);
    const config = readConfig() as ConfigJson & { $schema: string };
    expect(config.$schema).toBe("./mediaconvert.config.schema.json");
    expect(config.stacks).toEqual([{ name: "media", region: REGION, roles: [{ roleName: "Other", description: "kept" }, expect.objectContaining({ roleName: "Transcoder", access: "scoped" })] }]);
  });

  it("prints the entry and the diff on --dry-run and writes nothing", async () => {
    // GIVEN no config file
    // WHEN derive runs as a dry run
    const { code, out } = await derive([path.join(FIXTURES, "mp4-request.json"), "--stack", "media", "--role-name", "Transcoder", "--dry-run"]);
    // THEN it prints the entry as it would write it, the diff, and that nothing was written
    expect(code).toBe(0);
    const entry = {
      roleName: "Transcoder",
      access: "scoped",
      inputs: [{ bucket: "media-in", prefix: "shows/s01/e02.mxf" }],
      outputs: [{ bucket: "media-archive", prefix: "mp4/" }],
      jobEncryptionKmsKeyArns: [JOB_KEY],
      trustedQueueArns: [queueArn("premium")],
    };
    const json = JSON.stringify(entry, null, 2).split("\n");
    expect(out.slice(0, json.length)).toEqual(json);
    expect(out.slice(json.length, json.length + 2)).toEqual([
      `Derived role "Transcoder" from 1 job: new scoped entry stacks[0].roles[0] of new stack "media" in ${configFile()}.`,
      '+ roleName: "Transcoder"',
    ]);
    expect(out[out.length - 1]).toBe(`Dry run: nothing was written to ${configFile()}.`);
    expect(fs.existsSync(configFile())).toBe(false);
  });

  it("cuts every prefix after --depth directories", async () => {
    // GIVEN the HLS and MP4 jobs / WHEN derived with --depth 1
    const { code } = await derive([FIXTURES, "--stack", "media", "--role-name", "Transcoder", "--depth", "1"]);
    // THEN every location is its first directory
    expect(code).toBe(0);
    const entry = readConfig().stacks[0].roles[0];
    expect({ inputs: entry.inputs, outputs: entry.outputs }).toEqual({
      inputs: [{ bucket: "media-in", prefix: "shows/" }],
      outputs: [
        { bucket: "media-archive", prefix: "mp4/" },
        { bucket: "media-out", prefix: "hls/", allowAcl: true },
      ],
    });
  });
});

describe("derive into an existing scoped entry", () => {
  const existing = {
    roleName: "Transcoder",
    description: "Hand-made, then derived",
    access: "scoped",
    inputs: [{ bucket: "media-in", prefix: "shows/" }],
    outputs: [{ bucket: "media-out", prefix: "hls/" }],
    spekeApiArns: [SPEKE_API],
    trustedQueueArns: [queueArn("premium")],
    tags: { team: "video" },
  };

  it("adds only what the entry lacks, prints the diff, and removes nothing", async () => {
    // GIVEN an entry that covers the input and the SPEKE API, but not the ACL, the archive, the job key or the Default queue
    writeConfig({ stacks: [{ name: "media", region: REGION, accountId: ACCOUNT, roles: [existing] }] });
    // WHEN derive runs (the role name in another case: IAM names are not case-sensitive)
    const { code, out, err } = await derive([FIXTURES, "--stack", "media", "--role-name", "transcoder"]);
    // THEN the entry keeps everything, in its order, and gets the additions after
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(readConfig().stacks[0].roles).toEqual([
      {
        ...existing,
        outputs: [{ bucket: "media-out", prefix: "hls/", allowAcl: true }, { bucket: "media-archive", prefix: "mp4/" }],
        trustedQueueArns: [queueArn("premium"), queueArn("Default")],
        jobEncryptionKmsKeyArns: [JOB_KEY],
      },
    ]);
    expect(Object.keys(readConfig().stacks[0].roles[0])).toEqual([...Object.keys(existing), "jobEncryptionKmsKeyArns"]);
    expect(out.slice(0, 5)).toEqual([
      `Derived role "Transcoder" from 2 jobs: 4 additions to the scoped entry stacks[0].roles[0] of stack "media" in ${configFile()}, nothing removed.`,
      "+ outputs[0].allowAcl: true",
      '+ outputs[1]: {"bucket":"media-archive","prefix":"mp4/"}',
      `+ trustedQueueArns[1]: "${queueArn("Default")}"`,
      `+ jobEncryptionKmsKeyArns[0]: "${JOB_KEY}"`,
    ]);
  });

  it("leaves the file byte-identical when the entry grants everything the jobs need already", async () => {
    // GIVEN the entry derive wrote
    await derive([FIXTURES, "--stack", "media", "--role-name", "Transcoder"]);
    const text = fs.readFileSync(configFile(), "utf8");
    // WHEN derive runs again on the same jobs
    const { code, out } = await derive([FIXTURES, "--stack", "media", "--role-name", "Transcoder"]);
    // THEN it says so and changes nothing
    expect(code).toBe(0);
    expect(out[0]).toBe(
      `Derived role "Transcoder" from 2 jobs: the scoped entry stacks[0].roles[0] of stack "media" in ${configFile()} grants everything the jobs need already. Nothing to add; the file is unchanged.`,
    );
    expect(out).not.toContain(`Wrote ${configFile()}. ${NEXT}`);
    expect(fs.readFileSync(configFile(), "utf8")).toBe(text);
  });

  it("does not narrow an entry that trusts every queue of its account, and says how to", async () => {
    // GIVEN an entry without trustedQueueArns
    const { trustedQueueArns: _none, ...trustsAll } = existing;
    writeConfig({ stacks: [{ name: "media", region: REGION, accountId: ACCOUNT, roles: [trustsAll] }] });
    // WHEN derive runs
    const { code, out } = await derive([FIXTURES, "--stack", "media", "--role-name", "Transcoder"]);
    // THEN no queue is added, and a note says how to narrow the trust by hand
    expect(code).toBe(0);
    expect(readConfig().stacks[0].roles[0].trustedQueueArns).toBeUndefined();
    expect(out).toContain(
      `Note: trustedQueueArns: the entry trusts every queue of its account, and derive never narrows what an entry allows. To trust only the jobs' queues, set trustedQueueArns to ["${queueArn("Default")}","${queueArn("premium")}"] by hand.`,
    );
  });

  it("gives a bucket's default key to the location that covers the jobs' objects", async () => {
    // GIVEN the entry, and the input bucket's key
    writeConfig({ stacks: [{ name: "media", region: REGION, accountId: ACCOUNT, roles: [existing] }] });
    // WHEN derive runs with --input-key
    const { code, out } = await derive([path.join(FIXTURES, "mp4-request.json"), "--stack", "media", "--role-name", "Transcoder", "--input-key", `media-in=${IN_KEY}`]);
    // THEN the covering location gets the key, and no location is added for the bucket
    expect(code).toBe(0);
    expect(readConfig().stacks[0].roles[0].inputs).toEqual([{ bucket: "media-in", prefix: "shows/", kmsKeyArn: IN_KEY }]);
    expect(out).toContain(`+ inputs[0].kmsKeyArn: "${IN_KEY}"`);
  });

  it.each([
    ["an entry with access full", { roleName: "Transcoder", access: "full" }, '"access": "full"'],
    ["an entry without access (full, the default)", { roleName: "TRANSCODER" }, 'no "access" (full, the default)'],
  ])("refuses %s, names it and the fix, and leaves the file byte-identical", async (_case, entry, access) => {
    // GIVEN a full-access entry of that name
    const text = writeConfig({ stacks: [{ name: "media", region: REGION, roles: [entry] }] });
    // WHEN derive runs
    const { code, out, err } = await derive([FIXTURES, "--stack", "media", "--role-name", "Transcoder"]);
    // THEN
    expect({ code, out }).toEqual({ code: 1, out: [] });
    expect(err).toEqual([
      "Derive failed: 1 problem; nothing was written.",
      `Role "Transcoder" already has an entry in ${configFile()} ("${entry.roleName}" at stacks[0].roles[0]) with ${access}: derive writes scoped roles and never changes an entry's access. Derive into a new role instead (--role-name Transcoder_Scoped, say), review and deploy it, then switch the jobs' Role to it; or set "access": "scoped" on that entry by hand first if it should become the derived role.`,
    ]);
    expect(fs.readFileSync(configFile(), "utf8")).toBe(text);
  });
});

// ---------------------------------------------------------------------------------------------

describe("widening to fit IAM's inline policy limit", () => {
  /** 8 shows of EPISODES episodes: one job each, reading its source and writing its HLS folder. */
  const EPISODES = 16;
  const episodes = Object.fromEntries(
    Array.from({ length: 8 * EPISODES }, (_, i) => {
      const [show, episode] = [`show-${String(Math.floor(i / EPISODES) + 1).padStart(2, "0")}`, `episode-${String((i % EPISODES) + 1).padStart(2, "0")}`];
      return [`${show}-${episode}.json`, job(`s3://media-in/shows/${show}/${episode}/source.mxf`, `s3://media-out/shows/${show}/${episode}/hls/master`)];
    }),
  );

  it("widens the deepest prefixes to their parent directories until the policy fits, and says which and why", async () => {
    // GIVEN 128 jobs whose narrowest prefixes make a policy over 10,240 characters
    const jobs = jobsDir(episodes);
    // WHEN derive runs
    const { code, out } = await derive([jobs, "--stack", "media", "--role-name", "Episodes"]);
    // THEN it writes an entry the config accepts (it is within the limit), and lists what it widened
    expect(code).toBe(0);
    const entry = readConfig().stacks[0].roles[0] as MediaConvertRoleProps;
    const policies = inlinePolicies(entry, { partition: "aws", region: REGION, account: () => ACCOUNT });
    const size = policies.reduce((n, p) => n + JSON.stringify(p.document).length, 0);
    expect(size).toBeLessThanOrEqual(10240);
    const report = extractAccesses(readJobDocuments([jobs]).entries);
    const narrowest = deriveRoleProps(report, { roleName: "Episodes", stack: "media", region: REGION, accountId: ACCOUNT, budget: Infinity }).props;
    const narrowestSize = inlinePolicies(narrowest, { partition: "aws", region: REGION, account: () => ACCOUNT }).reduce((n, p) => n + JSON.stringify(p.document).length, 0);
    expect(narrowest.inputs).toHaveLength(8 * EPISODES);
    const header = out.findIndex((l) => l.startsWith("With the narrowest prefixes"));
    expect(out[header]).toBe(
      `With the narrowest prefixes the inline policy of role "Episodes" would be ${narrowestSize.toLocaleString("en-US")} characters, over IAM's limit of 10,240 per role. Derive widened prefixes to their parent directories, the deepest first and at each depth where it saves the most, until it fits (${size.toLocaleString("en-US")} characters):`,
    );
    const widened = out.slice(header + 1).filter((l) => l.startsWith("- "));
    // The deepest level first: every file and HLS folder became its episode folder; then, merging
    // a show's episodes into the show's folder (what saves the most), every show's outputs and
    // two shows' inputs, which was enough.
    expect(widened).toContain('- outputs media-out: "shows/show-08/", for "shows/show-08/episode-01/hls/", "shows/show-08/episode-02/hls/", "shows/show-08/episode-03/hls/" and 13 more');
    expect(widened).toContain('- inputs media-in: "shows/show-01/", for "shows/show-01/episode-01/source.mxf", "shows/show-01/episode-02/source.mxf", "shows/show-01/episode-03/source.mxf" and 13 more');
    expect(widened).toContain('- inputs media-in: "shows/show-08/episode-16/", for "shows/show-08/episode-16/source.mxf"');
    const shows = (n: number) => Array.from({ length: n }, (_, s) => `shows/show-0${s + 1}/`);
    const episodesOf = (show: number) => Array.from({ length: EPISODES }, (_, e) => `shows/show-0${show}/episode-${String(e + 1).padStart(2, "0")}/`);
    expect({ inputs: entry.inputs, outputs: entry.outputs }).toEqual({
      inputs: [...shows(2), ...[3, 4, 5, 6, 7, 8].flatMap(episodesOf)].map((prefix) => ({ bucket: "media-in", prefix })),
      outputs: shows(8).map((prefix) => ({ bucket: "media-out", prefix })),
    });
  });

  /** `n` jobs, each reading from a bucket of its own and writing to media-out, and the size of their policy with every bucket whole. */
  function jobsOfOwnBuckets(n: number): { jobs: string; wholeSize: number } {
    const buckets = Array.from({ length: n }, (_, i) => `media-in-${String(i).padStart(3, "0")}`);
    const jobs = jobsDir(Object.fromEntries(buckets.map((b, i) => [`job-${i}.json`, job(`s3://${b}/a.mxf`, "s3://media-out/a/a")])));
    const whole: MediaConvertRoleProps = { access: "scoped", inputs: buckets.map((bucket) => ({ bucket })), outputs: [{ bucket: "media-out" }] };
    const wholeSize = inlinePolicies(whole, { partition: "aws", region: REGION, account: () => ACCOUNT }).reduce((sum, p) => sum + JSON.stringify(p.document).length, 0);
    return { jobs, wholeSize };
  }

  it("refuses a role that cannot fit even with whole buckets, and writes nothing", async () => {
    // GIVEN 200 jobs, each reading from its own bucket
    const { jobs, wholeSize } = jobsOfOwnBuckets(200);
    // WHEN derive runs
    const { code, err } = await derive([jobs, "--stack", "media", "--role-name", "Everything"]);
    // THEN it names the size with every bucket whole
    expect(code).toBe(1);
    expect(wholeSize).toBeGreaterThan(10240);
    expect(err).toEqual([
      "Derive failed: 1 problem; nothing was written.",
      `The inline policy of role "Everything" would be ${wholeSize.toLocaleString("en-US")} characters even with every one of its 201 buckets granted whole, over IAM's limit of 10,240 characters of inline policy per role. Derive one role per group of jobs (fewer buckets, keys and APIs each), and give each group its own role.`,
    ]);
    expect(fs.existsSync(configFile())).toBe(false);
  });

  it("refuses a role far over the limit with whole buckets by a lower bound of its size, without measuring it", async () => {
    // GIVEN 600 jobs, each reading from its own bucket: whole, they are far over the limit
    const { jobs, wholeSize } = jobsOfOwnBuckets(600);
    // WHEN derive runs
    const { code, err } = await derive([jobs, "--stack", "media", "--role-name", "Everything"]);
    // THEN it names a size that is at least the limit and at most the real one, as a lower bound
    expect(code).toBe(1);
    expect(err[0]).toBe("Derive failed: 1 problem; nothing was written.");
    const said = /^The inline policy of role "Everything" would be at least ([\d,]+) characters even with every one of its 601 buckets granted whole, over IAM's limit of 10,240 characters/.exec(err[1]);
    expect(said).not.toBeNull();
    const bound = Number(said![1].replace(/,/g, ""));
    expect(bound).toBeGreaterThan(10240);
    expect(bound).toBeLessThanOrEqual(wholeSize);
    expect(fs.existsSync(configFile())).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

describe("what derive cannot decide or grant", () => {
  it("lists the buckets' default keys and the decryption key with their options, and no longer once they are given", async () => {
    // GIVEN a client-side encrypted input
    const encrypted = job("s3://media-in/secret/film.mp4.enc", "s3://media-out/secret/film");
    const input = (encrypted.Settings.Inputs as Record<string, unknown>[])[0];
    input.DecryptionSettings = { DecryptionMode: "AES_CBC", EncryptedDecryptionKey: "AQIDAHh=", InitializationVector: "WmSgIFWIKGzuUP/TGZ7zKg==", KmsKeyRegion: REGION };
    const jobs = jobsDir({ "encrypted.json": encrypted });
    // WHEN derive runs without the options, then with them
    const without = await derive([jobs, "--stack", "media", "--role-name", "Screeners", "--dry-run"]);
    const decryptionKey = `arn:aws:kms:${REGION}:${ACCOUNT}:key/4d4d4d4d-4444-4444-8444-444444444444`;
    const withKeys = await derive([
      ...[jobs, "--stack", "media", "--role-name", "Screeners", "--dry-run"],
      ...["--input-key", `media-in=${IN_KEY}`, "--output-key", `media-out=${JOB_KEY}`, "--decryption-key", decryptionKey, "--output-multipart-upload"],
    ]);
    // THEN the first lists all three with the option that supplies it, the second none, and grants them (and multipart uploads, asked for)
    const undecided = (out: string[]) => out.slice(out.findIndex((l) => l.startsWith("Derive could not decide")));
    expect(undecided(without.out).slice(0, 4)).toEqual([
      "Derive could not decide 3 things the jobs do not show; supply what applies:",
      undecidedBucket("media-in", "read", 1),
      undecidedBucket("media-out", "written", 1),
      `- the KMS key that encrypted the data keys of client-side encrypted inputs (in ${REGION}), at ${path.join(jobs, "encrypted.json")}: Settings.Inputs[0].DecryptionSettings.EncryptedDecryptionKey: MediaConvert calls kms:Decrypt on it itself, and the settings carry only the encrypted data key. Give it with --decryption-key <key ARN> (or in decryptionKmsKeyArns in the config).`,
    ]);
    expect(withKeys.out.some((l) => l.startsWith("Derive could not decide"))).toBe(false);
    expect(withKeys.out).toEqual(
      expect.arrayContaining([
        `+ inputs[0]: {"bucket":"media-in","prefix":"secret/film.mp4.enc","kmsKeyArn":"${IN_KEY}"}`,
        `+ outputs[0]: {"bucket":"media-out","prefix":"secret/","kmsKeyArn":"${JOB_KEY}"}`,
        "+ outputMultipartUpload: true",
        `+ decryptionKmsKeyArns[0]: "${decryptionKey}"`,
      ]),
    );
  });

  it("grants an s3:// value under a field it does not know as a read, and lists it", async () => {
    // GIVEN a job with a location under a field no rule knows (a future MediaConvert feature)
    const future = job("s3://media-in/a/film.mxf", "s3://media-out/a/film", { Settings: { FutureFeature: { Source: "s3://media-extra/future/asset.bin" } } });
    const jobs = jobsDir({ "future.json": future });
    // WHEN derive runs
    const { code, out } = await derive([jobs, "--stack", "media", "--role-name", "Future", "--dry-run"]);
    // THEN the value is read, and listed with what to do if it is written instead
    expect(code).toBe(0);
    expect(out).toContain('+ inputs[0]: {"bucket":"media-extra","prefix":"future/asset.bin"}');
    expect(out).toContain(
      `- s3://media-extra/future/asset.bin at ${path.join(jobs, "future.json")}: Settings.FutureFeature.Source is in a field derive does not know, so it is granted as a read (inputs). If MediaConvert writes there, add the location to outputs in the config; if it is not a location, the grant does no harm but can be removed by hand.`,
    );
  });

  it("says what the jobs need that no role property holds: a C2PA signing key", async () => {
    // GIVEN an MP4 output signed with C2PA
    const signed = job("s3://media-in/a/film.mxf", "s3://media-out/a/film");
    const group = (signed.Settings.OutputGroups as { Outputs: { ContainerSettings: Record<string, unknown> }[] }[])[0];
    group.Outputs[0].ContainerSettings.Mp4Settings = { C2paManifest: "INCLUDE", SigningKmsKey: JOB_KEY, CertificateSecret: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:c2pa/cert-AbCdEf` };
    const jobs = jobsDir({ "signed.json": signed });
    // WHEN derive runs
    const { code, out } = await derive([jobs, "--stack", "media", "--role-name", "Signed", "--dry-run"]);
    // THEN it lists both, with their paths, and does not put them in the entry
    expect(code).toBe(0);
    const where = `${path.join(jobs, "signed.json")}: Settings.OutputGroups[0].Outputs[0].ContainerSettings.Mp4Settings`;
    expect(out.slice(out.indexOf("The role does not grant 2 things the jobs need:"), out.indexOf("The role does not grant 2 things the jobs need:") + 3)).toEqual([
      "The role does not grant 2 things the jobs need:",
      `- The C2PA signing key "${JOB_KEY}" at ${where}.SigningKmsKey needs kms:Sign, which no role property holds yet: jobs that use it fail with this role. Keep such jobs on a role that grants it, or grant it with a policy of your own next to this role.`,
      `- The C2PA certificate secret "c2pa/cert-AbCdEf" at ${where}.CertificateSecret needs secretsmanager:GetSecretValue, which no role property holds yet: jobs that use it fail with this role. Keep such jobs on a role that grants it, or grant it with a policy of your own next to this role.`,
    ]);
    expect(out.some((l) => l.startsWith("+ jobEncryptionKmsKeyArns") || l.startsWith("+ kantarSecretArns"))).toBe(false);
  });
});

describe("the trust: the jobs' queues", () => {
  const queuesOf = () => readConfig().stacks[0].roles[0].trustedQueueArns;

  it("leaves the queues out of a stack without accountId, and says which account to set", async () => {
    // GIVEN a stack with a region but no accountId
    writeConfig({ stacks: [{ name: "media", region: REGION, roles: [{ roleName: "Other" }] }] });
    // WHEN derive runs
    const { code, out } = await derive([FIXTURES, "--stack", "media", "--role-name", "Transcoder"]);
    // THEN
    expect(code).toBe(0);
    expect(queuesOf()).toBeUndefined();
    expect(out).toContain(
      `Note: the jobs' queues are not added to trustedQueueArns: stack "media" has no accountId, so the trust policy pins whichever account Terraform deploys with. Set "accountId": "${ACCOUNT}" on the stack and derive again to trust only the jobs' queues.`,
    );
  });

  it("does not trust a queue of another account, and says the role cannot serve its jobs", async () => {
    // GIVEN a stack of another account
    writeConfig({ stacks: [{ name: "media", region: REGION, accountId: "444455556666", roles: [{ roleName: "Other" }] }] });
    // WHEN derive runs on the MP4 job (queue premium of 111122223333)
    const { code, out } = await derive([path.join(FIXTURES, "mp4-request.json"), "--stack", "media", "--role-name", "Transcoder"]);
    // THEN
    expect(code).toBe(0);
    expect(queuesOf()).toBeUndefined();
    expect(out.slice(out.indexOf("The role does not grant 1 thing the jobs need:"))[1]).toBe(
      `- queue ${queueArn("premium")} is in account ${ACCOUNT}, not in 444455556666 (the account the trust policy pins): MediaConvert cannot use the role for it. Derive a role in that account's stack for those jobs.`,
    );
  });

  it("leaves out a queue whose region and account nothing shows", async () => {
    // GIVEN a CreateJob request without ARNs, into a new stack
    const jobs = jobsDir({ "bare.json": { Settings: job("s3://media-in/a.mxf", "s3://media-out/a/a").Settings } });
    // WHEN derive runs
    const { code, out } = await derive([jobs, "--stack", "media", "--role-name", "Transcoder"]);
    // THEN the entry trusts every queue of the deploying account, and a note says why
    expect(code).toBe(0);
    expect(queuesOf()).toBeUndefined();
    expect(out).toContain(
      `Note: queue "Default" at ${path.join(jobs, "bare.json")}: Queue is not added to trustedQueueArns: neither the job documents nor the stack show its region and account. Give the stack a region and accountId, or pass the jobs as get-job or list-jobs output.`,
    );
  });

  it("trusts every queue of the account when the jobs' queues would not fit the trust policy", async () => {
    // GIVEN 40 jobs in 40 queues
    const jobs = jobsDir(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`q${i}.json`, job("s3://media-in/a.mxf", "s3://media-out/a/a", { Queue: queueArn(`queue-${String(i).padStart(2, "0")}`) })])));
    // WHEN derive runs
    const { code, out } = await derive([jobs, "--stack", "media", "--role-name", "Transcoder"]);
    // THEN
    expect(code).toBe(0);
    expect(queuesOf()).toBeUndefined();
    const trust = out.find((l) => l.startsWith("Note: trustedQueueArns: the jobs' 40 queues"));
    expect(trust).toMatch(/^Note: trustedQueueArns: the jobs' 40 queues would make the trust policy [\d,]+ characters, over IAM's default limit of 2,048; the entry trusts every queue of its account instead\.$/);
    expect(Number(/policy ([\d,]+) characters/.exec(trust!)![1].replace(/,/g, ""))).toBeGreaterThan(2048);
  });

  it("adds no queue to an entry's own list when they would not fit, and says which jobs cannot use the role", async () => {
    // GIVEN an entry trusting one queue, and 40 jobs in 40 other queues
    writeConfig({ stacks: [{ name: "media", region: REGION, accountId: ACCOUNT, roles: [{ roleName: "Transcoder", access: "scoped", inputs: [{ bucket: "media-in" }], trustedQueueArns: [queueArn("premium")] }] }] });
    const jobs = jobsDir(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`q${i}.json`, job("s3://media-in/a.mxf", "s3://media-out/a/a", { Queue: queueArn(`queue-${String(i).padStart(2, "0")}`) })])));
    // WHEN derive runs
    const { code, out } = await derive([jobs, "--stack", "media", "--role-name", "Transcoder"]);
    // THEN the list stays as it was, and the output says what that means
    expect(code).toBe(0);
    expect(queuesOf()).toEqual([queueArn("premium")]);
    expect(out.find((l) => l.startsWith("- trustedQueueArns:"))).toMatch(
      /^- trustedQueueArns: adding the jobs' 40 queues would make the trust policy [\d,]+ characters, over IAM's default limit of 2,048, so none was added: jobs in queues the entry does not list cannot use the role\. Remove trustedQueueArns from the entry by hand to trust every queue of its account\.$/,
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe("bad input: exit 1, every problem listed, nothing written", () => {
  it("lists every problem of the job documents with its file and JSON path", async () => {
    // GIVEN a file that is not JSON and one that is no job document
    const jobs = path.join(dir, "jobs");
    fs.mkdirSync(jobs);
    fs.writeFileSync(path.join(jobs, "a.json"), '{"Settings": {,}}');
    fs.writeFileSync(path.join(jobs, "b.json"), JSON.stringify({ Jobs: [{ Settings: "none" }] }));
    // WHEN derive runs
    const { code, out, err } = await derive([jobs, "--stack", "media", "--role-name", "Transcoder"]);
    // THEN
    expect({ code, out }).toEqual({ code: 1, out: [] });
    expect(err).toEqual([
      "Derive failed: 2 problems in the job documents; nothing was written.",
      `${path.join(jobs, "a.json")}: not valid JSON at line 1, column 15: a value was expected. Fix the syntax: job documents are plain JSON as the AWS CLI and the console write them (no comments or trailing commas).`,
      `${path.join(jobs, "b.json")}: Jobs[0].Settings: must be an object (the job's settings), not a string ("none"). Give the settings as get-job prints them.`,
    ]);
    expect(fs.existsSync(configFile())).toBe(false);
  });

  it("refuses an entry the config would not accept, naming the path in the config, and leaves the file byte-identical", async () => {
    // GIVEN a config, and a role name IAM does not accept
    const text = writeConfig({ stacks: [{ name: "media", region: REGION, roles: [{ roleName: "Other" }] }] });
    // WHEN derive runs
    const { code, err } = await derive([FIXTURES, "--stack", "media", "--role-name", "Media Convert"]);
    // THEN
    expect(code).toBe(1);
    expect(err).toEqual([
      `Derive failed: 1 problem in ${configFile()}; nothing was written.`,
      `${configFile()}: stacks[0].roles[1].roleName: Role name "Media Convert" is not valid: IAM role names use only letters, digits and + = , . @ - _ (1 to 64 characters). Remove the space. (in the config derive would write for role "Media Convert"; nothing was written)`,
    ]);
    expect(fs.readFileSync(configFile(), "utf8")).toBe(text);
  });

  it("refuses a key for a bucket no job uses, listing the buckets the jobs use", async () => {
    // GIVEN / WHEN derive runs with a key for a misspelt bucket
    const { code, err } = await derive([FIXTURES, "--stack", "media", "--role-name", "Transcoder", "--input-key", `media-inn=${IN_KEY}`]);
    // THEN
    expect({ code, err }).toEqual({
      code: 1,
      err: [
        "Derive failed: 1 problem; nothing was written.",
        '--input-key media-inn=...: no job reads from bucket "media-inn", so the key would be granted on nothing. The jobs read from "media-in". Check the bucket name, or leave the option out.',
      ],
    });
    expect(fs.existsSync(configFile())).toBe(false);
  });

  it("refuses a new stack for jobs of two regions without --region", async () => {
    // GIVEN jobs whose queues are in two regions
    const jobs = jobsDir({ "a.json": job("s3://media-in/a.mxf", "s3://media-out/a/a"), "b.json": job("s3://media-in/b.mxf", "s3://media-out/b/b", { Queue: `arn:aws:mediaconvert:us-east-1:${ACCOUNT}:queues/Default` }) });
    // WHEN derive runs
    const { code, err } = await derive([jobs, "--stack", "media", "--role-name", "Transcoder"]);
    // THEN
    expect({ code, err }).toEqual({
      code: 1,
      err: ["Derive failed: 1 problem; nothing was written.", 'The jobs run in "eu-west-1" and "us-east-1", and the new stack "media" is one region: give its region with --region, or derive one role per region.'],
    });
  });

  it("refuses an API Gateway URL whose account neither the jobs nor the stack show", async () => {
    // GIVEN a CreateJob request without any ARN, in a stack without accountId
    const bare = { Settings: { ...job("s3://media-in/a.mxf", "s3://media-out/a/a").Settings, NielsenNonLinearWatermark: { TicServerUrl: "https://f6g7h8i9j0.execute-api.eu-west-1.amazonaws.com/nielsen/tic" } } };
    const jobs = jobsDir({ "bare.json": bare });
    writeConfig({ stacks: [{ name: "media", region: REGION, roles: [{}] }] });
    // WHEN derive runs
    const { code, err } = await derive([jobs, "--stack", "media", "--role-name", "Transcoder"]);
    // THEN
    expect({ code, err }).toEqual({
      code: 1,
      err: [
        "Derive failed: 1 problem; nothing was written.",
        'The API Gateway URL "https://f6g7h8i9j0.execute-api.eu-west-1.amazonaws.com/nielsen/tic" needs the account it belongs to, which neither the job documents (their job, queue, template or role ARNs) nor stack "media" show. Set "accountId" on the stack in the config, or pass the jobs as get-job or list-jobs output (which carry ARNs).',
      ],
    });
  });
});

describe("usage errors: exit 2, nothing written", () => {
  const KEY_HELP = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  it.each<[string, string[], string]>([
    ["no job documents and no --from-account", [], "error: give job files or directories, or --from-account to read the account's recent jobs and job templates."],
    ["--since without --from-account", [FIXTURES, "--since", "30d"], "error: --since chooses which of the account's jobs to read: use it with --from-account."],
    ["--queue without --from-account", [FIXTURES, "--queue", "premium"], "error: --queue chooses which of the account's jobs to read: use it with --from-account."],
    ["a --depth that is not a number", [FIXTURES, "--depth", "two"], `error: option '--depth <n>' argument 'two' is invalid. "two" is not a number of directories: give 0 or more, e.g. --depth 2 (0 grants whole buckets).`],
    ["a --depth below 0", [FIXTURES, "--depth", "-1"], `error: option '--depth <n>' argument '-1' is invalid. "-1" is not a number of directories: give 0 or more, e.g. --depth 2 (0 grants whole buckets).`],
    [
      "an --input-key without a bucket",
      [FIXTURES, "--input-key", IN_KEY],
      `error: option '--input-key <bucket=arn>' argument '${IN_KEY}' is invalid. "${IN_KEY}" is not <bucket>=<key ARN>: give the bucket and the KMS key it encrypts with by default, e.g. --input-key media-in=${KEY_HELP}.`,
    ],
    [
      "an --output-key naming an alias",
      [FIXTURES, "--output-key", `media-out=arn:aws:kms:${REGION}:${ACCOUNT}:alias/media`],
      `error: option '--output-key <bucket=arn>' argument 'media-out=arn:aws:kms:${REGION}:${ACCOUNT}:alias/media' is invalid. KMS key ARN "arn:aws:kms:${REGION}:${ACCOUNT}:alias/media" is an alias ARN: IAM does not grant use of a KMS key through its alias ARN (aliases only match through the kms:ResourceAliases condition key). Give the key ARN instead (arn:<partition>:kms:<region>:<account>:key/<key id>); "aws kms describe-key --key-id <alias ARN>" prints it. (--output-key takes a key ARN: arn:<partition>:kms:<region>:<account>:key/<key id>.)`,
    ],
    [
      "a bucket given two keys",
      [FIXTURES, "--input-key", `media-in=${IN_KEY}`, "--input-key", `media-in=${JOB_KEY}`],
      `error: option '--input-key <bucket=arn>' argument 'media-in=${JOB_KEY}' is invalid. bucket "media-in" is given two keys (${IN_KEY} and ${JOB_KEY}): a bucket encrypts by default with one key. Give the one it uses.`,
    ],
  ])("rejects %s", async (_case, args, message) => {
    // GIVEN / WHEN
    const { code, out, err } = await derive([...args, "--stack", "media", "--role-name", "Transcoder"]);
    // THEN
    expect({ code, out, err }).toEqual({ code: 2, out: [], err: [message, 'Run "mediaconvert-role-cdktf derive --help" for the usage.'] });
    expect(fs.existsSync(configFile())).toBe(false);
  });
});
