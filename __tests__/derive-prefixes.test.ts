/**
 * derive's prefix rule: per bucket, reads and writes apart, objects and prefixes grouped by
 * directory, a directory's members giving their longest common prefix (a single file stays
 * exact), covered prefixes dropped; `--depth` cuts after the n-th directory; keys IAM cannot
 * hold are cut before the character; and, through deriveRoleProps, what jobs read and write
 * (a sequence, an IMF folder, destinations) becomes inputs and outputs.
 */
import { cutToDepth, deriveRoleProps, directoryOf, dropCovered, grantablePrefix, narrowestPrefixes, prefixDepth, type DeriveRoleOptions } from "../lib/app/derive-props";
import { extractAccesses } from "../lib/jobs/accesses";
import { classifyDocument } from "../lib/jobs/documents";
import { ACCOUNT, REGION, queueArn } from "./support/fixtures";

describe("the prefix rule", () => {
  it.each<[string, string[], string[]]>([
    ["one file stays exact", ["titles/sintel/sintel_4k.mxf"], ["titles/sintel/sintel_4k.mxf"]],
    ["files in one directory give their longest common prefix", ["fonts/NotoSans-Bold.ttf", "fonts/NotoSans-Italic.ttf", "fonts/NotoSans-Regular.ttf"], ["fonts/NotoSans-"]],
    ["files in one directory with nothing more in common give the directory", ["logos/channel-bug.png", "logos/watermark.png"], ["logos/"]],
    ["files in two directories stay apart", ["titles/sintel/sintel_4k.mxf", "titles/tears/tos.mp4"], ["titles/sintel/sintel_4k.mxf", "titles/tears/tos.mp4"]],
    ["a file and one in its subdirectory stay apart", ["films/voyage/picture.mov", "films/voyage/audio/en_51.wav"], ["films/voyage/audio/en_51.wav", "films/voyage/picture.mov"]],
    ["a sequence's prefix and a file of its directory give their common prefix", ["overlays/countdown/frame_", "overlays/countdown/frame_bg.png"], ["overlays/countdown/frame_"]],
    ["an IMF folder covers a file inside it", ["imf/feature/", "imf/feature/dolby-vision/metadata.xml"], ["imf/feature/"]],
    ["sibling IMF folders stay apart", ["imf/feature/", "imf/feature-vf1/", "imf/feature-vf2/"], ["imf/feature-vf1/", "imf/feature-vf2/", "imf/feature/"]],
    ["files at the top of the bucket give their common prefix", ["promo-a.mov", "promo-b.mov"], ["promo-"]],
    ["the whole bucket covers everything", ["", "titles/a.mov"], [""]],
    ["the same key twice is one prefix", ["a/b.mov", "a/b.mov"], ["a/b.mov"]],
  ])("%s", (_case, keys, prefixes) => {
    expect(narrowestPrefixes(keys)).toEqual(prefixes);
  });

  it.each<[string, number, string]>([
    ["titles/sintel/sintel_4k.mxf", 0, ""],
    ["titles/sintel/sintel_4k.mxf", 1, "titles/"],
    ["titles/sintel/sintel_4k.mxf", 2, "titles/sintel/"],
    ["titles/sintel/sintel_4k.mxf", 3, "titles/sintel/sintel_4k.mxf"],
    ["titles/sintel/", 2, "titles/sintel/"],
    ["promo.mov", 1, "promo.mov"],
    ["overlays/countdown/frame_", 1, "overlays/"],
  ])("--depth cuts %j at %i directories to %j", (prefix, depth, cut) => {
    expect(cutToDepth(prefix, depth)).toBe(cut);
  });

  it.each<[string, number]>([
    ["", 0],
    ["promo.mov", 1],
    ["titles/", 1],
    ["titles/sintel/", 2],
    ["titles/sintel/sintel_4k.mxf", 3],
  ])("counts the directory levels of %j as %i", (prefix, depth) => {
    expect(prefixDepth(prefix)).toBe(depth);
  });

  it("drops prefixes another covers, and sorts", () => {
    expect(dropCovered(["b/", "a/x/y", "a/", "a/x", "b"])).toEqual(["a/", "b"]);
  });

  it("takes a key's directory up to its last slash", () => {
    expect([directoryOf("a/b/c.mov"), directoryOf("a/b/"), directoryOf("c.mov")]).toEqual(["a/b/", "a/b/", ""]);
  });

  it.each<[string, string, string | undefined]>([
    ["café/menu.mov", "café/menu.mov", undefined],
    ["promos/spot*.mov", "promos/spot", 'the key has "*", which IAM reads as a wildcard in a policy'],
    ["promos/spot?.mov", "promos/spot", 'the key has "?", which IAM reads as a wildcard in a policy'],
    ["films/東京/a.mov", "films/", 'the key has "東", which IAM policies cannot hold (they take printable Latin-1 only)'],
    ["/leading/slash.mov", "", 'the key starts with "/", which a location\'s prefix cannot'],
  ])("grants of key %j the prefix %j", (key, prefix, why) => {
    expect(grantablePrefix(key)).toEqual(why === undefined ? { prefix } : { prefix, why });
  });

  it("cuts a key longer than a prefix may be at 1024 characters", () => {
    expect(grantablePrefix(`a/${"x".repeat(1100)}`)).toEqual({ prefix: `a/${"x".repeat(1022)}`, why: "the key is longer than a location's prefix may be (1024 characters)" });
  });
});

// ---------------------------------------------------------------------------------------------
// From jobs

/** A CreateJob request in the test account's Default queue. */
const job = (settings: object) => ({ Queue: queueArn("Default"), Settings: settings });
const fileGroup = (destination: string, extra: object = {}) => ({
  OutputGroupSettings: { Type: "FILE_GROUP_SETTINGS", FileGroupSettings: { Destination: destination, ...extra } },
  Outputs: [{ ContainerSettings: { Container: "MP4" } }],
});

function derive(jobs: readonly object[], options: Partial<DeriveRoleOptions> = {}) {
  const entries = jobs.flatMap((j, i) => classifyDocument(j, `job-${i}.json`));
  return deriveRoleProps(extractAccesses(entries), { roleName: "Derived", stack: "media", region: REGION, accountId: ACCOUNT, ...options });
}

describe("inputs and outputs derived from jobs", () => {
  it("reads a motion image inserter's numbered sequence by its prefix, and the file next to it exactly", () => {
    // GIVEN a job with a PNG sequence and an input file in another directory
    const result = derive([
      job({
        Inputs: [{ FileInput: "s3://media-in/shows/s01/e01.mxf" }],
        MotionImageInserter: { Input: "s3://media-assets/overlays/countdown/frame_000.png", InsertionMode: "PNG" },
        OutputGroups: [fileGroup("s3://media-out/shows/s01/e01")],
      }),
    ]);
    // THEN
    expect({ inputs: result.props.inputs, outputs: result.props.outputs }).toEqual({
      inputs: [
        { bucket: "media-assets", prefix: "overlays/countdown/frame_" },
        { bucket: "media-in", prefix: "shows/s01/e01.mxf" },
      ],
      outputs: [{ bucket: "media-out", prefix: "shows/s01/" }],
    });
  });

  it("reads an IMF package by its CPL's folder, which covers the Dolby Vision metadata inside it", () => {
    // GIVEN an IMF input with supplemental IMPs and metadata in the package
    const result = derive([
      job({
        Inputs: [
          {
            FileInput: "s3://media-in/imf/feature/CPL_1.xml",
            SupplementalImps: ["s3://media-in/imf/feature-vf1/"],
            DolbyVisionMetadataXml: "s3://media-in/imf/feature/dolby-vision/metadata.xml",
          },
        ],
        OutputGroups: [fileGroup("s3://media-out/imf/feature/feature")],
      }),
    ]);
    // THEN
    expect(result.props.inputs).toEqual([
      { bucket: "media-in", prefix: "imf/feature-vf1/" },
      { bucket: "media-in", prefix: "imf/feature/" },
    ]);
  });

  it("groups several jobs' files of one directory, and keeps reads and writes of a bucket apart", () => {
    // GIVEN three jobs reading episodes of one season and writing next to them in the same bucket
    const result = derive(
      ["e01", "e02", "e03"].map((e) => job({ Inputs: [{ FileInput: `s3://media/season-1/source/ep-${e}.mxf` }], OutputGroups: [fileGroup(`s3://media/season-1/out/${e}/ep`)] })),
    );
    // THEN
    expect({ inputs: result.props.inputs, outputs: result.props.outputs }).toEqual({
      inputs: [{ bucket: "media", prefix: "season-1/source/ep-e0" }],
      outputs: ["e01", "e02", "e03"].map((e) => ({ bucket: "media", prefix: `season-1/out/${e}/` })),
    });
  });

  it.each<[number, object[]]>([
    [0, [{ bucket: "media-in" }]],
    [1, [{ bucket: "media-in", prefix: "shows/" }]],
    [2, [{ bucket: "media-in", prefix: "shows/s01/" }, { bucket: "media-in", prefix: "shows/s02/" }]],
    [3, [{ bucket: "media-in", prefix: "shows/s01/e01.mxf" }, { bucket: "media-in", prefix: "shows/s02/e01.mxf" }]],
  ])("--depth %i cuts every prefix after that many directories", (depth, inputs) => {
    // GIVEN two jobs in two seasons
    const jobs = ["s01", "s02"].map((s) => job({ Inputs: [{ FileInput: `s3://media-in/shows/${s}/e01.mxf` }], OutputGroups: [fileGroup(`s3://media-out/${s}/e01`)] }));
    // WHEN derived with --depth / THEN
    expect(derive(jobs, { depth }).props.inputs).toEqual(inputs);
  });

  it("grants an output location the canned ACL its destination sets, and no other", () => {
    // GIVEN one destination with BUCKET_OWNER_FULL_CONTROL and one without
    const acl = { DestinationSettings: { S3Settings: { AccessControl: { CannedAcl: "BUCKET_OWNER_FULL_CONTROL" } } } };
    const result = derive([job({ Inputs: [{ FileInput: "s3://media-in/a.mxf" }], OutputGroups: [fileGroup("s3://partner-out/deliveries/a", acl), fileGroup("s3://media-out/proxies/a")] })]);
    // THEN
    expect(result.props.outputs).toEqual([
      { bucket: "media-out", prefix: "proxies/" },
      { bucket: "partner-out", prefix: "deliveries/", allowAcl: true },
    ]);
  });

  it("grants a key with a wildcard or a character IAM cannot hold by the prefix before it, and says so", () => {
    // GIVEN keys with "*" and with a non-Latin-1 character
    const result = derive([job({ Inputs: [{ FileInput: "s3://media-in/promos/spot*.mov" }, { FileInput: "s3://media-in/films/東京/a.mov" }], OutputGroups: [fileGroup("s3://media-out/a/a")] })]);
    // THEN
    expect(result.props.inputs).toEqual([
      { bucket: "media-in", prefix: "films/" },
      { bucket: "media-in", prefix: "promos/spot" },
    ]);
    expect(result.notes).toEqual([
      's3://media-in/films/東京/a.mov: the key has "東", which IAM policies cannot hold (they take printable Latin-1 only), so the role grants "films/" of the bucket instead (the part before it).',
      's3://media-in/promos/spot*.mov: the key has "*", which IAM reads as a wildcard in a policy, so the role grants "promos/spot" of the bucket instead (the part before it).',
    ]);
  });
});
