/**
 * Property-based tests of the role-name and KMS-key-ARN validators against oracles written
 * here, independently of lib/, from the rules AWS documents.
 */
import { partitionOfRegion } from "../lib/core/arn";
import * as fc from "fast-check";
import { KnownEnvironment } from "../lib/core/environment";
import * as errors from "../lib/core/messages";
import { checkKmsKeyArn, checkRoleName } from "../lib/core/rules";
import { KEY_ID } from "./support/fixtures";
import { KMS_SHAPE } from "./support/messages";

const RUNS = { numRuns: 500 };

// ---------------------------------------------------------------------------------------------
// Role names. IAM API reference, CreateRole, RoleName: "upper and lowercase alphanumeric
// characters with no spaces. You can also include any of the following characters: _+=,.@-"
// (pattern [\w+=,.@-]+, where \w is ASCII only), length 1 to 64.
// ---------------------------------------------------------------------------------------------

const ASCII_LETTERS_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const ROLE_NAME_SPECIALS = "_+=,.@-";

/** One code point is allowed in a role name: an ASCII letter or digit, or one of _+=,.@- */
function iamAllowsInRoleName(codePoint: string): boolean {
  return codePoint.length === 1 && (ASCII_LETTERS_AND_DIGITS.includes(codePoint) || ROLE_NAME_SPECIALS.includes(codePoint));
}

/** The oracle: IAM accepts the role name. */
function iamAcceptsRoleName(name: string): boolean {
  const codePoints = Array.from(name);
  return codePoints.length >= 1 && codePoints.length <= 64 && codePoints.every(iamAllowsInRoleName);
}

const roleNameChar = fc.constantFrom(...Array.from(ASCII_LETTERS_AND_DIGITS + ROLE_NAME_SPECIALS));
const validRoleName = fc.string({ unit: roleNameChar, minLength: 1, maxLength: 64 });
const tooLongRoleName = fc.string({ unit: roleNameChar, minLength: 65, maxLength: 300 });

/** Characters from many classes that IAM rejects, each class with the look-alikes people paste. */
const badRoleNameChar = fc.oneof(
  // ASCII punctuation, white space and control characters outside the set
  fc.constantFrom(" ", "\t", "\n", "\r", "\0", "\x1b", "\x7f", "/", "\\", ":", ";", "*", "?", "!", "#", "$", "%", "&"),
  fc.constantFrom("'", '"', "`", "(", ")", "[", "]", "{", "}", "<", ">", "|", "~", "^"),
  // Latin-1 letters and symbols, no-break space
  fc.constantFrom("é", "ß", "Ä", "ñ", "ô", "µ", "\u00a0", "\u00ad", "·"),
  // Letters that look like ASCII or case-fold to it (Cyrillic a, Greek Omicron, dotless i, long s, Kelvin sign)
  fc.constantFrom("а", "Ο", "ı", "ſ", "\u212a", "Ａ", "ｚ"),
  // Digits of other scripts and number forms
  fc.constantFrom("٣", "०", "０", "²", "①", "Ⅻ"),
  // Typographic and full-width look-alikes of - . _ = , @
  fc.constantFrom("\u2010", "\u2011", "\u2013", "\u2212", "\uff0d", "\u2024", "\uff0e", "\uff3f", "\uff1d", "\uff0c", "\uff20"),
  // Invisible and combining characters
  fc.constantFrom("\u200b", "\u200d", "\ufeff", "\u0301", "\u2028"),
  // Outside the Basic Multilingual Plane, and lone surrogates
  fc.constantFrom("😀", "𝐀", "𝟏", "\ud800", "\udfff"),
  // Anything else
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }).filter((c) => !iamAllowsInRoleName(c)),
);

/** A valid name with one character replaced by a bad one: the length stays within 1 to 64. */
const nameWithOneBadChar = fc
  .tuple(validRoleName, badRoleNameChar, fc.nat())
  .map(([name, bad, at]) => {
    const i = at % name.length;
    return { name: name.slice(0, i) + bad + name.slice(i + 1), bad };
  });

/** A valid name with one bad character inserted anywhere (may push it past 64). */
const nameWithBadCharInserted = fc
  .tuple(fc.string({ unit: roleNameChar, maxLength: 70 }), badRoleNameChar, fc.nat())
  .map(([name, bad, at]) => {
    const i = at % (name.length + 1);
    return name.slice(0, i) + bad + name.slice(i);
  });

describe("checkRoleName", () => {
  it("accepts every name of 1 to 64 letters, digits and _ + = , . @ -", () => {
    // GIVEN / WHEN / THEN
    fc.assert(
      fc.property(validRoleName, (name) => {
        expect(iamAcceptsRoleName(name)).toBe(true);
        expect(checkRoleName(name)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("rejects a name of 65 or more allowed characters with the too-long message", () => {
    // GIVEN / WHEN / THEN
    fc.assert(
      fc.property(tooLongRoleName, (name) => {
        expect(iamAcceptsRoleName(name)).toBe(false);
        expect(checkRoleName(name)).toEqual([errors.roleNameTooLong(name)]);
      }),
      RUNS,
    );
  });

  it("rejects a name with one character IAM does not allow, naming that character", () => {
    // GIVEN / WHEN / THEN
    fc.assert(
      fc.property(nameWithOneBadChar, ({ name, bad }) => {
        expect(iamAcceptsRoleName(name)).toBe(false);
        const expected = [errors.roleNameCharacters(name, [bad])];
        // A character outside the BMP is two UTF-16 units and can push a 64-character name past 64.
        if (name.length > 64) expected.push(errors.roleNameTooLong(name));
        expect(checkRoleName(name)).toEqual(expected);
      }),
      RUNS,
    );
  });

  it("agrees with IAM's rule on valid names, near misses and arbitrary strings", () => {
    // GIVEN
    const anyName = fc.oneof(
      validRoleName,
      tooLongRoleName,
      nameWithBadCharInserted,
      fc.constant(""),
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.string({ unit: "grapheme", maxLength: 80 }),
      fc.string({ unit: "grapheme-ascii", maxLength: 80 }),
    );
    // WHEN / THEN
    fc.assert(
      fc.property(anyName, (name) => {
        expect(checkRoleName(name).length === 0).toBe(iamAcceptsRoleName(name));
      }),
      { numRuns: 2000 },
    );
  });

  it.each(Array.from(ROLE_NAME_SPECIALS))("accepts the special character %s alone and inside a name", (special) => {
    // GIVEN / WHEN / THEN
    expect(checkRoleName(special)).toEqual([]);
    expect(checkRoleName(`MediaConvert${special}Role`)).toEqual([]);
  });

  it("accepts 64 characters and rejects 65", () => {
    // GIVEN
    const sixtyFour = "a".repeat(64);
    const sixtyFive = "a".repeat(65);
    // WHEN / THEN
    expect(checkRoleName(sixtyFour)).toEqual([]);
    expect(checkRoleName(sixtyFive)).toEqual([errors.roleNameTooLong(sixtyFive)]);
  });

  const RULE = "IAM role names use only letters, digits and + = , . @ - _ (1 to 64 characters)";
  it.each([
    ["an empty name", "", [`Role name "" is not valid: ${RULE}. Give the role a name.`]],
    ["a space", "Media Convert", [`Role name "Media Convert" is not valid: ${RULE}. Remove the space.`]],
    ["a tab", "Media\tConvert", [`Role name "Media\\tConvert" is not valid: ${RULE}. Remove the tab.`]],
    ["a Latin-1 letter", "Rôle", [`Role name "Rôle" is not valid: ${RULE}. Remove "ô" (U+00F4).`]],
    [
      "several bad characters, each named once in order",
      "media/convert:role é/",
      [`Role name "media/convert:role é/" is not valid: ${RULE}. Remove "/", ":", the space and "é" (U+00E9).`],
    ],
    [
      "65 characters",
      "r".repeat(65),
      [`Role name "${"r".repeat(65)}" is not valid: ${RULE}. Shorten it to 64 characters (it has 65).`],
    ],
    [
      "an invisible character (escaped in the quote, named by code point)",
      "Media\u00a0Convert",
      [`Role name "Media\\u00a0Convert" is not valid: ${RULE}. Remove the invisible character U+00A0.`],
    ],
    [
      "100 characters with a space (both problems, the whole name quoted)",
      `${"r".repeat(50)} ${"r".repeat(49)}`,
      [
        `Role name "${"r".repeat(50)} ${"r".repeat(49)}" is not valid: ${RULE}. Remove the space.`,
        `Role name "${"r".repeat(50)} ${"r".repeat(49)}" is not valid: ${RULE}. Shorten it to 64 characters (it has 100).`,
      ],
    ],
  ])("reports %s with the exact message", (_case, name, messages) => {
    // GIVEN / WHEN
    const problems = checkRoleName(name);
    // THEN
    expect(problems).toEqual(messages);
  });
});

// ---------------------------------------------------------------------------------------------
// KMS key ARNs. arn:<partition>:kms:<region>:<12-digit account>:key/<key id>; partitions aws,
// aws-cn, aws-us-gov; a region code is <2-letter area>-<direction>-<number> or
// us-gov-<direction>-<number>; a key id is a lower-case UUID or mrk- and 32 lower-case hex
// digits (multi-Region key). Alias ARNs do not grant use of a key.
// ---------------------------------------------------------------------------------------------

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const HEX = "0123456789abcdef";

const only = (value: string, alphabet: string): boolean => Array.from(value).every((c) => alphabet.includes(c));

/** The oracle's region rule: us-east-1, cn-north-1, us-gov-west-1, ap-southeast-5, ... */
function isRegionCode(region: string): boolean {
  const fields = region.split("-");
  let directionAndNumber: string[];
  if (fields.length === 4 && fields[0] === "us" && fields[1] === "gov") directionAndNumber = fields.slice(2);
  else if (fields.length === 3 && fields[0].length === 2 && only(fields[0], LOWER)) directionAndNumber = fields.slice(1);
  else return false;
  const [direction, number] = directionAndNumber;
  return direction.length >= 1 && only(direction, LOWER) && number.length >= 1 && number.length <= 2 && only(number, DIGITS);
}

function isKeyId(keyId: string): boolean {
  if (keyId.startsWith("mrk-")) return keyId.length === 36 && only(keyId.slice(4), HEX);
  const groups = keyId.split("-");
  const lengths = [8, 4, 4, 4, 12];
  return groups.length === 5 && groups.every((g, i) => g.length === lengths[i] && only(g, HEX));
}

/** The oracle: the string is a usable KMS key ARN. */
function isKmsKeyArn(arn: string): boolean {
  const fields = arn.split(":");
  if (fields.length !== 6) return false;
  const [prefix, partition, service, region, account, resource] = fields;
  return (
    prefix === "arn" &&
    ["aws", "aws-cn", "aws-us-gov"].includes(partition) &&
    service === "kms" &&
    isRegionCode(region) &&
    partitionOfRegion(region) === partition &&
    account.length === 12 &&
    only(account, DIGITS) &&
    resource.startsWith("key/") &&
    isKeyId(resource.slice("key/".length))
  );
}

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...Array.from(HEX)), minLength: length, maxLength: length });
const uuidKeyId = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((groups) => groups.join("-"));
const mrkKeyId = hex(32).map((h) => `mrk-${h}`);
const keyId = fc.oneof(uuidKeyId, mrkKeyId);
const accountId = fc.string({ unit: fc.constantFrom(...Array.from(DIGITS)), minLength: 12, maxLength: 12 });
const direction = fc.constantFrom("east", "west", "north", "south", "central", "northeast", "southeast", "northwest", "southwest");
const regionNumber = fc.integer({ min: 1, max: 99 }).map(String);

/** A partition with a region of that partition (real ones, and made-up ones of the same shape). */
const partitionAndRegion = fc.oneof(
  fc.tuple(fc.constantFrom("us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"), direction, regionNumber).map(
    ([area, dir, n]) => ({ partition: "aws", region: `${area}-${dir}-${n}` }),
  ),
  fc.tuple(direction, regionNumber).map(([dir, n]) => ({ partition: "aws-cn", region: `cn-${dir}-${n}` })),
  fc.tuple(direction, regionNumber).map(([dir, n]) => ({ partition: "aws-us-gov", region: `us-gov-${dir}-${n}` })),
);

interface KeyArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly keyId: string;
}

const keyArnParts: fc.Arbitrary<KeyArnParts> = fc
  .tuple(partitionAndRegion, accountId, keyId)
  .map(([{ partition, region }, account, id]) => ({ partition, region, account, keyId: id }));

const formatKeyArn = (p: KeyArnParts, resource = `key/${p.keyId}`, service = "kms"): string =>
  `arn:${p.partition}:${service}:${p.region}:${p.account}:${resource}`;

const validKeyArn = keyArnParts.map((p) => formatKeyArn(p));

/** One targeted change that makes a key ARN invalid, by the field it breaks. */
const brokenKeyArn: fc.Arbitrary<string> = fc.oneof(
  // partition
  fc
    .tuple(keyArnParts, fc.constantFrom("aws-iso", "aws-iso-b", "aws-eusc", "AWS", "Aws", "", "aws ", "amazon"))
    .map(([p, partition]) => formatKeyArn({ ...p, partition })),
  // service
  fc.tuple(keyArnParts, fc.constantFrom("s3", "KMS", "kms-fips", "", "iam")).map(([p, service]) => formatKeyArn(p, undefined, service)),
  // region
  fc
    .tuple(keyArnParts, fc.constantFrom("", "*", "US-EAST-1", "us-east", "useast1", "us_east_1", "us-east-1a", "us-east-100", "eu-west-1 ", "e-west-1", "eur-west-1", "us-gov-west", "eu--1"))
    .map(([p, region]) => formatKeyArn({ ...p, region })),
  // account
  fc
    .tuple(keyArnParts, fc.constantFrom("", "aws", "*", "11112222333", "1111222233334", "11112222333a", "1111-2222-3333", "１１１１２２２２３３３３"))
    .map(([p, account]) => formatKeyArn({ ...p, account })),
  // key id
  fc
    .tuple(keyArnParts, uuidKeyId, fc.nat())
    .chain(([p, uuid, at]) =>
      fc
        .constantFrom(
          `${uuid.slice(0, -1)}F`,
          uuid.slice(1),
          `${uuid}0`,
          uuid.replace(/-/g, ""),
          `{${uuid}}`,
          `${uuid}/`,
          `${uuid} `,
          `${uuid}\n`,
          ` ${uuid}`,
          `mrk-${uuid.replace(/-/g, "").slice(1)}`,
          `mrk-${uuid.replace(/-/g, "")}0`,
          `MRK-${uuid.replace(/-/g, "")}`,
          `mrk_${uuid.replace(/-/g, "")}`,
          `${uuid.slice(0, at % 36)}g${uuid.slice((at % 36) + 1)}`,
          "",
        )
        .map((id) => formatKeyArn(p, `key/${id}`)),
    ),
  // resource type
  fc
    .tuple(keyArnParts, fc.constantFrom("keys/", "Key/", "key:", "key//", "", "/", "alias/key/"))
    .map(([p, type]) => formatKeyArn(p, `${type}${p.keyId}`)),
  // structure
  validKeyArn.chain((arn) =>
    fc.constantFrom(`ARN${arn.slice(3)}`, arn.slice(4), ` ${arn}`, `${arn}:extra`, arn.replace(":kms:", ":kms::"), arn.split(":").slice(0, 5).join(":")),
  ),
);

/** An alias ARN (arn:...:alias/<name>) in place of a key ARN. */
const aliasArn = fc
  .tuple(keyArnParts, fc.string({ unit: fc.constantFrom(...Array.from(`${LOWER}${DIGITS}/_-`)), minLength: 1, maxLength: 40 }))
  .map(([p, name]) => formatKeyArn(p, `alias/${name}`));

/** Any single-character edit (replace, insert, delete) of a valid key ARN: it may or may not stay valid. */
const editedKeyArn = fc
  .tuple(validKeyArn, fc.nat(), fc.constantFrom("replace", "insert", "delete"), fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 1 }))
  .map(([arn, at, edit, c]) => {
    const i = at % arn.length;
    if (edit === "replace") return arn.slice(0, i) + c + arn.slice(i + 1);
    if (edit === "insert") return arn.slice(0, i) + c + arn.slice(i);
    return arn.slice(0, i) + arn.slice(i + 1);
  });

const env = (region: string, partition: KnownEnvironment["partition"]): KnownEnvironment => ({ partition, region });


describe("checkKmsKeyArn", () => {
  it("accepts every key ARN of aws, aws-cn and aws-us-gov with a UUID or mrk- key id", () => {
    // GIVEN / WHEN / THEN
    fc.assert(
      fc.property(validKeyArn, (arn) => {
        expect(isKmsKeyArn(arn)).toBe(true);
        expect(checkKmsKeyArn(arn)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("accepts a key ARN in the stack's partition", () => {
    // GIVEN a stack whose region is in the key's partition
    const stackRegion = { aws: "eu-west-1", "aws-cn": "cn-northwest-1", "aws-us-gov": "us-gov-east-1" } as const;
    // WHEN / THEN
    fc.assert(
      fc.property(keyArnParts, (p) => {
        const partition = p.partition as KnownEnvironment["partition"];
        expect(checkKmsKeyArn(formatKeyArn(p), env(stackRegion[partition], partition))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("rejects a key ARN of another partition than the stack's, with one message", () => {
    // GIVEN a stack in us-east-1 (partition aws) and keys of aws-cn and aws-us-gov
    const foreignKey = keyArnParts.filter((p) => p.partition !== "aws");
    // WHEN / THEN
    fc.assert(
      fc.property(foreignKey, (p) => {
        const arn = formatKeyArn(p);
        expect(checkKmsKeyArn(arn, env("us-east-1", "aws"))).toEqual([
          errors.arnWrongPartition("KMS key ARN", arn, p.partition, "aws", "us-east-1"),
        ]);
      }),
      RUNS,
    );
  });

  it("rejects an alias ARN with the alias message", () => {
    // GIVEN / WHEN / THEN
    fc.assert(
      fc.property(aliasArn, (arn) => {
        expect(isKmsKeyArn(arn)).toBe(false);
        expect(checkKmsKeyArn(arn)).toEqual([errors.kmsKeyArnIsAlias(arn)]);
      }),
      RUNS,
    );
  });

  it("rejects a key ARN with one field broken, with one message", () => {
    // GIVEN / WHEN / THEN
    fc.assert(
      fc.property(brokenKeyArn, (arn) => {
        expect(isKmsKeyArn(arn)).toBe(false);
        const problems = checkKmsKeyArn(arn);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^KMS key ARN ".*" is (not valid|an alias ARN): /s);
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with the rule on any one-character edit of a valid key ARN and on arbitrary strings", () => {
    // GIVEN
    const anyArn = fc.oneof(editedKeyArn, fc.string({ unit: "binary", maxLength: 100 }), validKeyArn, brokenKeyArn);
    // WHEN / THEN
    fc.assert(
      fc.property(anyArn, (arn) => {
        expect(checkKmsKeyArn(arn).length === 0).toBe(isKmsKeyArn(arn));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    [
      "an alias ARN",
      "arn:aws:kms:us-east-1:111122223333:alias/media",
      `KMS key ARN "arn:aws:kms:us-east-1:111122223333:alias/media" is an alias ARN: IAM does not grant use of a KMS key through its alias ARN (aliases only match through the kms:ResourceAliases condition key). Give the key ARN instead (arn:<partition>:kms:<region>:<account>:key/<key id>); "aws kms describe-key --key-id <alias ARN>" prints it.`,
    ],
    [
      "a bare key id",
      KEY_ID,
      `KMS key ARN "${KEY_ID}" is not valid: ${KMS_SHAPE}. It does not start with "arn:" or has fewer than six ":"-separated fields.`,
    ],
    [
      "an ARN of another service",
      "arn:aws:s3:::media-input",
      `KMS key ARN "arn:aws:s3:::media-input" is not valid: ${KMS_SHAPE}. It is an ARN of service "s3", not "kms".`,
    ],
    [
      "an unsupported partition",
      `arn:aws-iso:kms:us-iso-east-1:111122223333:key/${KEY_ID}`,
      `KMS key ARN "arn:aws-iso:kms:us-iso-east-1:111122223333:key/${KEY_ID}" is not valid: ${KMS_SHAPE}. Its partition "aws-iso" is not one of aws, aws-cn, aws-us-gov.`,
    ],
    [
      "an 11-digit account",
      `arn:aws:kms:us-east-1:11112222333:key/${KEY_ID}`,
      `KMS key ARN "arn:aws:kms:us-east-1:11112222333:key/${KEY_ID}" is not valid: ${KMS_SHAPE}. Its account "11112222333" is not a 12-digit account id.`,
    ],
    [
      "an upper-case region",
      `arn:aws:kms:EU-WEST-1:111122223333:key/${KEY_ID}`,
      `KMS key ARN "arn:aws:kms:EU-WEST-1:111122223333:key/${KEY_ID}" is not valid: ${KMS_SHAPE}. Its region "EU-WEST-1" is not a region code such as us-east-1.`,
    ],
    [
      "an upper-case key id",
      `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID.toUpperCase()}`,
      `KMS key ARN "arn:aws:kms:us-east-1:111122223333:key/${KEY_ID.toUpperCase()}" is not valid: ${KMS_SHAPE}. Its resource "key/${KEY_ID.toUpperCase()}" is not key/ followed by a key id (a lower-case UUID, or mrk- and 32 hex digits).`,
    ],
  ])("reports %s with the exact message", (_case, arn, message) => {
    // GIVEN / WHEN
    const problems = checkKmsKeyArn(arn);
    // THEN
    expect(problems).toEqual([message]);
  });

  it("reports a key of another partition than the stack's with the exact message", () => {
    // GIVEN a stack in us-east-1 (partition aws)
    const arn = `arn:aws-cn:kms:cn-north-1:111122223333:key/${KEY_ID}`;
    // WHEN
    const problems = checkKmsKeyArn(arn, env("us-east-1", "aws"));
    // THEN
    expect(problems).toEqual([
      `KMS key ARN "${arn}" is in partition aws-cn, but the stack's region us-east-1 is in partition aws: a role cannot reach resources of another partition. Use one from partition aws.`,
    ]);
  });
});
