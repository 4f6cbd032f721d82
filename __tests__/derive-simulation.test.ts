/**
 * What a derived role allows, evaluated with @cloud-copilot/iam-simulate: `derive` runs on the
 * corpus of examples/jobs/ (in-process, as the command line runs it), the role's documents are
 * built from the config entry it wrote (inlinePolicies and trustPolicy, as synth builds them),
 * and every access of every job is allowed, while the same access one bucket, one prefix and one
 * key away (a sibling key in another directory, another bucket, another KMS key, API, secret,
 * queue) is denied. The role is derived once; each access is one test. A role widened to fit
 * IAM's limit still allows every job.
 */
import * as fs from "fs";
import * as path from "path";
import { partitionOfRegion } from "../lib/core/arn";
import { inlinePolicies, sourceRestrictionOf, trustPolicy } from "../lib/core/policies";
import type { MediaConvertRoleProps } from "../lib/core/role-props";
import { directoryOf } from "../lib/app/derive-props";
import { extractAccesses } from "../lib/jobs/accesses";
import { readJobDocuments } from "../lib/jobs/documents";
import { accessResourceArn, type Access } from "../lib/jobs/model";
import { runCliInProcess } from "./support/cli-in-process";
import { ACCOUNT, kmsKeyArn, REGION, roleArn } from "./support/fixtures";
import { defaultKeyPolicy, evaluate, type NamedPolicy, type PolicyJson } from "./support/simulate";
import { makeTempDir, REPO_ROOT } from "./support/paths";

const CORPUS = path.join(REPO_ROOT, "examples", "jobs");
const ROLE = "MediaConvert_Derived";
const ROLE_ARN = roleArn(ROLE);
/** The buckets' default encryption keys and the client-side key, which no job shows: given as options. */
const BUCKET_KEYS = {
  "acme-media-source": kmsKeyArn("1a1a1a1a-1111-4111-8111-111111111111"),
  "acme-media-assets": kmsKeyArn("2b2b2b2b-2222-4222-8222-222222222222"),
  "acme-media-renditions": kmsKeyArn("3c3c3c3c-3333-4333-8333-333333333333"),
} as const;
const DECRYPTION_KEY = kmsKeyArn("4d4d4d4d-4444-4444-8444-444444444444");
const ANOTHER_KEY = kmsKeyArn("5e5e5e5e-5555-4555-8555-555555555555");

// The accesses, read as derive reads them: known when the tests are collected, one test each.
const report = extractAccesses(readJobDocuments([CORPUS]).entries);

let role: { readonly entry: MediaConvertRoleProps; readonly identity: NamedPolicy[]; readonly trust: PolicyJson };

beforeAll(async () => {
  const dir = makeTempDir("derive-simulation");
  const config = path.join(dir, "mediaconvert.config.json");
  const keys = Object.entries(BUCKET_KEYS).flatMap(([bucket, arn]) => [bucket === "acme-media-renditions" ? "--output-key" : "--input-key", `${bucket}=${arn}`]);
  const result = await runCliInProcess(["derive", CORPUS, "--stack", "media", "--role-name", ROLE, "--config", config, ...keys, "--decryption-key", DECRYPTION_KEY], { cwd: dir });
  expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
  const stack = (JSON.parse(fs.readFileSync(config, "utf8")) as { stacks: { region: string; accountId: string; roles: MediaConvertRoleProps[] }[] }).stacks[0];
  const entry = stack.roles[0];
  const partition = partitionOfRegion(stack.region);
  role = {
    entry,
    identity: inlinePolicies(entry, { partition, region: stack.region, account: () => stack.accountId }).map((p) => ({ name: p.name, policy: p.document as unknown as PolicyJson })),
    trust: trustPolicy(sourceRestrictionOf(entry, partition, () => stack.accountId)) as unknown as PolicyJson,
  };
});

type Outcome = "Allowed" | "ImplicitlyDenied";

/** A request the role makes; KMS keys answer with their default key policy (IAM policies decide). */
function asRole(action: string, resource: string, context: Record<string, string> = {}): Promise<Outcome> {
  const kms = action.startsWith("kms:");
  return evaluate({
    principal: ROLE_ARN,
    action,
    resource,
    resourceAccount: ACCOUNT,
    context,
    identityPolicies: role.identity,
    ...(kms ? { resourcePolicy: defaultKeyPolicy(ACCOUNT) } : {}),
  }) as Promise<Outcome>;
}

/** MediaConvert assuming the role for a queue. */
function assume(context: Record<string, string>): Promise<Outcome> {
  return evaluate({ principal: "mediaconvert.amazonaws.com", action: "sts:AssumeRole", resource: ROLE_ARN, resourceAccount: ACCOUNT, context, resourcePolicy: role.trust }) as Promise<Outcome>;
}

/** The location of the derived entry that grants `key` of `bucket`: the one with the longest prefix. */
function locationOf(direction: "inputs" | "outputs", bucket: string, objectKey: string): { bucket: string; prefix?: string } {
  const covering = (role.entry[direction] ?? []).filter((l) => l.bucket === bucket && objectKey.startsWith(l.prefix ?? ""));
  expect(covering.length).toBeGreaterThan(0);
  return covering.sort((a, b) => (b.prefix ?? "").length - (a.prefix ?? "").length)[0];
}

/** The same key in a sibling of the location's directory (`a/b/` becomes `a/b-elsewhere/`): outside the location. */
function inSiblingDirectory(prefix: string, objectKey: string): string {
  const directory = prefix.endsWith("/") ? prefix : directoryOf(prefix);
  if (directory === "") return `elsewhere/${objectKey}`;
  return `${directory.slice(0, -1)}-elsewhere/${objectKey.slice(directory.length)}`;
}

/** An object the access stands for: the key itself, or one under its prefix. */
function objectKeyOf(access: Access): string {
  switch (access.kind) {
    case "s3:read":
      return access.match === "object" ? access.key : `${access.key}0001.png`;
    case "s3:write":
      return `${access.prefix}${access.basenames.find((b) => b !== "") ?? "output"}_1080p_00001.ts`;
    case "s3:acl":
      return `${access.prefix}output.mp4`;
    default:
      throw new Error(`${access.kind} is not an S3 access.`);
  }
}

const label = (a: Access): string => `${a.kind} ${accessResourceArn(a, { accountId: ACCOUNT, region: REGION }) ?? ""} (${path.basename(a.origins[0].entry)})`;

describe("the role derive writes for the corpus of examples/jobs", () => {
  it("derives every access of the corpus", () => {
    // GIVEN the corpus's accesses
    // THEN there are reads, writes, ACLs, a job key, APIs, a secret and queues to check
    expect(new Set(report.accesses.map((a) => a.kind))).toEqual(new Set(["s3:read", "s3:write", "s3:acl", "kms", "execute-api", "secret", "queue"]));
  });

  const s3 = report.accesses.filter((a) => a.kind === "s3:read" || a.kind === "s3:write" || a.kind === "s3:acl");
  it.each(s3.map((a) => [label(a), a] as const))("allows %s, and denies it one bucket, one prefix and one key away", async (_label, access) => {
    // GIVEN the object the access reaches and the location that grants it
    const a = access as Extract<Access, { kind: "s3:read" | "s3:write" | "s3:acl" }>;
    const action = a.actions[0];
    const objectKey = objectKeyOf(a);
    const location = locationOf(a.kind === "s3:read" ? "inputs" : "outputs", a.bucket, objectKey);
    expect(location.prefix).toBeDefined();
    const object = (bucket: string, k: string) => `arn:aws:s3:::${bucket}/${k}`;
    const sibling = location.prefix!.endsWith("/") ? undefined : `${directoryOf(location.prefix!)}elsewhere.bin`;
    // WHEN the role asks for it, and for the same one a bucket, a directory and a key away
    const outcomes = {
      object: await asRole(action, object(a.bucket, objectKey), a.context),
      otherBucket: await asRole(action, object(`${a.bucket}-elsewhere`, objectKey), a.context),
      siblingDirectory: await asRole(action, object(a.bucket, inSiblingDirectory(location.prefix!, objectKey)), a.context),
      siblingKey: sibling === undefined ? "ImplicitlyDenied" : await asRole(action, object(a.bucket, sibling), a.context),
    };
    // THEN only the job's own object is allowed
    expect(outcomes).toEqual({ object: "Allowed", otherBucket: "ImplicitlyDenied", siblingDirectory: "ImplicitlyDenied", siblingKey: "ImplicitlyDenied" });
  });

  it.each(Object.entries(BUCKET_KEYS))("uses the default key of bucket %s through S3 only, and no other key", async (bucket, arn) => {
    // GIVEN the key given with --input-key / --output-key
    const action = bucket === "acme-media-renditions" ? "kms:GenerateDataKey" : "kms:Decrypt";
    const viaS3 = { "kms:ViaService": `s3.${REGION}.amazonaws.com` };
    // WHEN S3 uses it for the role, the role uses it directly, or S3 uses another key
    const outcomes = [await asRole(action, arn, viaS3), await asRole(action, arn), await asRole(action, ANOTHER_KEY, viaS3)];
    // THEN only the first is allowed
    expect(outcomes).toEqual(["Allowed", "ImplicitlyDenied", "ImplicitlyDenied"]);
  });

  it("lets MediaConvert decrypt client-side encrypted inputs with the given key, only with its encryption context", async () => {
    // GIVEN the key of --decryption-key
    // WHEN the role decrypts with it or another key without the encryption context
    const outcomes = [await asRole("kms:Decrypt", DECRYPTION_KEY), await asRole("kms:Decrypt", ANOTHER_KEY)];
    // THEN both are denied, and the one statement that grants the key asks for MediaConvert's context
    // (the simulator does not evaluate kms:EncryptionContext:<key>, a key with a variable part after ":").
    expect(outcomes).toEqual(["ImplicitlyDenied", "ImplicitlyDenied"]);
    const granting = role.identity.flatMap((p) => p.policy.Statement).filter((st) => ([] as unknown[]).concat(st.Resource).includes(DECRYPTION_KEY));
    expect(granting).toEqual([
      { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [DECRYPTION_KEY], Condition: { StringEquals: { "kms:EncryptionContext:service": "mediaconvert.amazonaws.com" } } },
    ]);
  });

  const kms = report.accesses.filter((a): a is Extract<Access, { kind: "kms" }> => a.kind === "kms");
  it.each(kms.map((a) => [label(a), a] as const))("allows %s with its context, and not another key", async (_label, access) => {
    // GIVEN a job-level output key
    const a = access as Extract<Access, { kind: "kms" }>;
    // WHEN each action is asked for on the key and on another key
    const outcomes = [];
    for (const action of a.actions) outcomes.push([await asRole(action, a.keyArn, a.context), await asRole(action, ANOTHER_KEY, a.context)]);
    // THEN the key is allowed, the other one is not
    expect(outcomes).toEqual(a.actions.map(() => ["Allowed", "ImplicitlyDenied"]));
  });

  const apis = report.accesses.filter((a): a is Extract<Access, { kind: "execute-api" }> => a.kind === "execute-api");
  it.each(apis.map((a) => [label(a), a] as const))("allows %s, and not another API or another path", async (_label, access) => {
    // GIVEN a SPEKE or Nielsen TIC API
    const a = access as Extract<Access, { kind: "execute-api" }>;
    const arn = accessResourceArn(a, { accountId: ACCOUNT })!;
    // WHEN the role invokes it, the same path of another API, and another path of the API
    const outcomes = [await asRole("execute-api:Invoke", arn), await asRole("execute-api:Invoke", arn.replace(a.apiId, "z9y8x7w6v5")), await asRole("execute-api:Invoke", `${arn}-elsewhere`)];
    // THEN only the job's own is allowed
    expect(outcomes).toEqual(["Allowed", "ImplicitlyDenied", "ImplicitlyDenied"]);
  });

  const secrets = report.accesses.filter((a): a is Extract<Access, { kind: "secret" }> => a.kind === "secret");
  it.each(secrets.map((a) => [label(a), a] as const))("allows %s with its random suffix, and not another secret", async (_label, access) => {
    // GIVEN a Kantar credentials secret named without its ARN
    const a = access as Extract<Access, { kind: "secret" }>;
    const arn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${a.name}-AbCdEf`;
    // WHEN the role reads it, and a secret whose name only starts like it
    const outcomes = [await asRole("secretsmanager:GetSecretValue", arn), await asRole("secretsmanager:GetSecretValue", arn.replace(a.name, `${a.name}-elsewhere`))];
    // THEN
    expect(outcomes).toEqual(["Allowed", "ImplicitlyDenied"]);
  });

  const queues = report.accesses.filter((a): a is Extract<Access, { kind: "queue" }> => a.kind === "queue");
  it.each(queues.map((a) => [label(a), a] as const))("trusts MediaConvert for %s, and not for another queue or account", async (_label, access) => {
    // GIVEN a queue the jobs run in
    const a = access as Extract<Access, { kind: "queue" }>;
    const sourceArn = a.context["aws:SourceArn"];
    // WHEN MediaConvert assumes the role for it, for another queue, and for the same queue name in another account
    const outcomes = [
      await assume(a.context),
      await assume({ ...a.context, "aws:SourceArn": sourceArn.replace(`queues/${a.name}`, "queues/elsewhere") }),
      await assume({ "aws:SourceAccount": "444455556666", "aws:SourceArn": sourceArn.replace(ACCOUNT, "444455556666") }),
    ];
    // THEN
    expect(outcomes).toEqual(["Allowed", "ImplicitlyDenied", "ImplicitlyDenied"]);
  });
});

describe("the role derive widens to fit IAM's inline policy limit", () => {
  it("still allows every job its reads and writes, and no other show", async () => {
    // GIVEN 64 jobs (8 shows of 8 episodes) whose narrowest prefixes do not fit 10,240 characters
    const dir = makeTempDir("derive-widened");
    const jobs = path.join(dir, "jobs");
    fs.mkdirSync(jobs);
    for (let i = 0; i < 64; i++) {
      const [show, episode] = [`show-0${Math.floor(i / 8) + 1}`, `episode-0${(i % 8) + 1}`];
      const job = {
        Queue: `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:queues/Default`,
        Settings: {
          Inputs: [{ FileInput: `s3://media-in/shows/${show}/${episode}/source.mxf` }],
          OutputGroups: [{ OutputGroupSettings: { Type: "FILE_GROUP_SETTINGS", FileGroupSettings: { Destination: `s3://media-out/shows/${show}/${episode}/hls/master` } }, Outputs: [] }],
        },
      };
      fs.writeFileSync(path.join(jobs, `${show}-${episode}.json`), JSON.stringify(job));
    }
    const config = path.join(dir, "mediaconvert.config.json");
    // WHEN derive widens the role
    const result = await runCliInProcess(["derive", jobs, "--stack", "media", "--role-name", "Episodes", "--config", config], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("Derive widened prefixes to their parent directories");
    const entry = (JSON.parse(fs.readFileSync(config, "utf8")) as { stacks: { roles: MediaConvertRoleProps[] }[] }).stacks[0].roles[0];
    const identity = inlinePolicies(entry, { partition: "aws", region: REGION, account: () => ACCOUNT }).map((p) => ({ name: p.name, policy: p.document as unknown as PolicyJson }));
    const ask = (action: string, resource: string) =>
      evaluate({ principal: `arn:aws:iam::${ACCOUNT}:role/Episodes`, action, resource, resourceAccount: ACCOUNT, identityPolicies: identity });
    // THEN IAM allows every job's reads and writes, and denies those of a show no job names
    const outcomes = new Set<string>();
    for (const a of extractAccesses(readJobDocuments([jobs]).entries).accesses) {
      if (a.kind === "s3:read") outcomes.add(await ask("s3:GetObject", `arn:aws:s3:::${a.bucket}/${a.key}`));
      if (a.kind === "s3:write") outcomes.add(await ask("s3:PutObject", `arn:aws:s3:::${a.bucket}/${a.prefix}master_00001.ts`));
    }
    expect([...outcomes]).toEqual(["Allowed"]);
    expect([await ask("s3:GetObject", "arn:aws:s3:::media-in/shows/show-09/episode-01/source.mxf"), await ask("s3:PutObject", "arn:aws:s3:::media-out/shows/show-09/episode-01/hls/master.m3u8")]).toEqual([
      "ImplicitlyDenied",
      "ImplicitlyDenied",
    ]);
  });
});
