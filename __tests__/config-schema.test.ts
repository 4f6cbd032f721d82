/**
 * The config's JSON Schema carries the value rules (patterns, lengths, ranges, enums), so that an
 * editor flags a bad value before synth does. An independent JSON Schema reader (zod's
 * `fromJSONSchema`, which compiles each `pattern` as an ECMAScript regular expression) must
 * refuse what the config checks refuse and accept what they accept.
 */
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { ConfigError, configJsonSchema, parseConfig } from "../lib/app/config";
import { ACCOUNT, INPUT_KEY, KANTAR_SECRET, OUTPUT_KEY, queueArn, REGION, SPEKE_API } from "./support/fixtures";

const schema = configJsonSchema() as Record<string, unknown>;
const editor = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);

/** A config of one stack (in the fixtures' account and region) with one role. */
const withRole = (role: Record<string, unknown>) => ({ stacks: [{ name: "media", region: REGION, accountId: ACCOUNT, roles: [role] }] });

function configAccepts(data: unknown): boolean {
  try {
    parseConfig(data, "mediaconvert.config.json", {});
    return true;
  } catch (e) {
    if (e instanceof ConfigError) return false;
    throw e;
  }
}

/** Every `pattern` in the schema, with where it is. */
function patterns(node: unknown, at = "#"): { at: string; pattern: string }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => patterns(n, `${at}/${i}`));
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "pattern" && typeof value === "string" ? [{ at, pattern: value }] : patterns(value, `${at}/${key}`),
  );
}

describe("the config's JSON Schema", () => {
  it("has a pattern for every ARN, name and path field, each an ECMAScript regular expression with and without the u flag", () => {
    // GIVEN the schema's patterns
    const found = patterns(schema);
    // WHEN each is compiled as editors do
    const broken = found.filter(({ pattern }) => {
      try {
        new RegExp(pattern);
        new RegExp(pattern, "u");
        return false;
      } catch {
        return true;
      }
    });
    // THEN all compile, and every field with a value rule has one
    expect(broken).toEqual([]);
    const role = "#/properties/stacks/items/properties/roles/items/properties";
    const location = (list: string) => `${role}/${list}/items/properties`;
    expect(found.map((p) => p.at).sort()).toEqual(
      [
        `${role}/roleName`,
        `${role}/description`,
        `${role}/inputKmsKeyArns/items`,
        `${role}/outputKmsKeyArns/items`,
        `${role}/jobEncryptionKmsKeyArns/items`,
        `${role}/decryptionKmsKeyArns/items`,
        `${role}/jobSubmitters/properties/roles/items`,
        `${role}/jobSubmitters/properties/users/items`,
        `${role}/jobSubmitters/properties/groups/items`,
        `${role}/accountId`,
        `${role}/spekeApiArns/items`,
        `${role}/kantarSecretArns/items`,
        `${role}/trustedQueueArns/items`,
        `${role}/path`,
        `${role}/permissionsBoundary`,
        `${role}/tags/propertyNames`,
        `${location("inputs")}/bucket`,
        `${location("inputs")}/prefix`,
        `${location("inputs")}/kmsKeyArn`,
        `${location("inputs")}/bucketOwner`,
        `${location("outputs")}/bucket`,
        `${location("outputs")}/prefix`,
        `${location("outputs")}/kmsKeyArn`,
        `${location("outputs")}/bucketOwner`,
        "#/properties/stacks/items/properties/name",
        "#/properties/stacks/items/properties/region",
        "#/properties/stacks/items/properties/accountId",
        "#/properties/stacks/items/properties/backend/oneOf/1/properties/bucket",
        "#/properties/stacks/items/properties/backend/oneOf/1/properties/region",
      ].sort(),
    );
  });

  it.each<[string, Record<string, unknown>]>([
    ["a role name with a space", { roleName: "Media Convert" }],
    ["a 65-character role name", { roleName: "a".repeat(65) }],
    ["an empty role name", { roleName: "" }],
    ["a description with an emoji", { description: "video \u{1F3AC}" }],
    ["a 1001-character description", { description: "d".repeat(1001) }],
    ["a KMS alias ARN", { inputKmsKeyArns: [`arn:aws:kms:${REGION}:${ACCOUNT}:alias/media`] }],
    ["a KMS key ARN with an 11-digit account", { outputKmsKeyArns: [`arn:aws:kms:${REGION}:11112222333:key/1234abcd-12ab-34cd-56ef-1234567890ab`] }],
    ["a KMS key ARN whose region is not in its partition", { inputKmsKeyArns: [`arn:aws:kms:cn-north-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`] }],
    ["a path without the closing /", { path: "/media" }],
    ["a permissions boundary that is a role ARN", { permissionsBoundary: `arn:aws:iam::${ACCOUNT}:role/boundary` }],
    ["a session of 3599 seconds", { maxSessionDuration: 3599 }],
    ["a session of 43201 seconds", { maxSessionDuration: 43201 }],
    ["a session of 3600.5 seconds", { maxSessionDuration: 3600.5 }],
    ["a tag key with the aws: prefix", { tags: { "aws:team": "video" } }],
    ["an access mode that does not exist", { access: "read-only" }],
    ["a bucket in upper case", { access: "scoped", inputs: [{ bucket: "Media-In" }] }],
    ["a prefix with a wildcard", { access: "scoped", inputs: [{ bucket: "media-in", prefix: "source/*" }] }],
    ["a prefix with a leading /", { access: "scoped", outputs: [{ bucket: "media-out", prefix: "/out/" }] }],
    ["a SPEKE ARN of another service", { access: "scoped", spekeApiArns: [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:speke`] }],
    ["a Kantar ARN without secret:", { access: "scoped", kantarSecretArns: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:kantar`] }],
    ["a queue ARN without queues/", { trustedQueueArns: [`arn:aws:mediaconvert:${REGION}:${ACCOUNT}:Default`] }],
  ])("refuses %s, as the config checks do", (_what, role) => {
    // GIVEN a config whose role breaks a value rule
    const data = withRole(role);
    // WHEN the schema and the config checks read it
    // THEN both refuse it
    expect(configAccepts(data)).toBe(false);
    expect(editor.safeParse(data).success).toBe(false);
  });

  it.each<[string, Record<string, unknown>]>([
    ["a 64-character role name", { roleName: "a".repeat(64) }],
    ["a role name with each allowed special character", { roleName: "Media+=,.@-_Convert" }],
    ["a 1000-character Latin-1 description with tab and line breaks", { description: `\u00e9\t\r\n${"d".repeat(996)}` }],
    ["KMS key ARNs, a multi-Region one too", { inputKmsKeyArns: [INPUT_KEY], outputKmsKeyArns: [OUTPUT_KEY] }],
    ["a nested path", { path: "/media/transcoding/" }],
    ["an AWS managed permissions boundary", { permissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess" }],
    ["a session of 43200 seconds", { maxSessionDuration: 43200 }],
    ["tags with Unicode letters", { tags: { équipe: "vidéo", team: "" } }],
    [
      "scoped access with buckets, prefixes, SPEKE and Kantar",
      {
        access: "scoped",
        inputs: [{ bucket: "media-in", prefix: "source/2026 clips/" }],
        outputs: [{ bucket: "media.out", prefix: "out/", kmsKeyArn: OUTPUT_KEY }],
        spekeApiArns: [SPEKE_API],
        kantarSecretArns: [KANTAR_SECRET],
      },
    ],
    ["trusted queues", { trustedQueueArns: [queueArn("Default")] }],
  ])("accepts %s, as the config checks do", (_what, role) => {
    // GIVEN a config whose role keeps the value rules
    const data = withRole(role);
    // WHEN the schema and the config checks read it
    const result = editor.safeParse(data);
    // THEN both accept it
    expect(configAccepts(data)).toBe(true);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it.each(fs.readdirSync(path.join(__dirname, "..", "examples")).filter((f) => f.endsWith(".json")))("accepts examples/%s", (file) => {
    // GIVEN an example config
    const data = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "examples", file), "utf8")) as unknown;
    // WHEN the schema reads it
    const result = editor.safeParse(data);
    // THEN it is valid
    expect(result.error?.issues ?? []).toEqual([]);
  });
});
