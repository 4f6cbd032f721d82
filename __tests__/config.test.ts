import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Config, ConfigError, configJsonSchema, loadConfig, parseConfig } from "../lib/app/config";
import { resolveConfig } from "../lib/app/config-source";
import { DESCRIPTION_RULE, NAME_RULE } from "./support/messages";
import { ACCOUNT, KEY_ID, kmsKeyArn } from "./support/fixtures";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const FILE = "mediaconvert.config.json";
const AWS_KEY = kmsKeyArn(KEY_ID, "us-east-1");
const CN_KEY = kmsKeyArn(KEY_ID, "cn-north-1", ACCOUNT, "aws-cn");

const CASE_RULE = "IAM role names are unique per account and not case-sensitive. Rename one of them.";

/** A config with one stack in us-east-1 holding `roles`. */
function oneStack(roles: unknown[], stack: Record<string, unknown> = {}): unknown {
  return { stacks: [{ name: "media", region: "us-east-1", ...stack, roles }] };
}

/** Runs `fn`, expects a ConfigError and returns it. */
function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error("expected a ConfigError, but nothing was thrown");
}

/** The problems parseConfig reports for `data`, each as `<JSON path>: <message>`. */
function problemsOf(data: unknown): readonly string[] {
  const error = configErrorOf(() => parseConfig(data, FILE));
  expect(error.file).toBe(FILE);
  return error.problems;
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mediaconvert-config-"));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function write(name: string, content: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** Runs `fn` with AWS_REGION set to `region` (or unset), restoring it afterwards. */
function withAwsRegion<T>(region: string | undefined, fn: () => T): T {
  const saved = process.env.AWS_REGION;
  if (region === undefined) delete process.env.AWS_REGION;
  else process.env.AWS_REGION = region;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.AWS_REGION;
    else process.env.AWS_REGION = saved;
  }
}

// ---------------------------------------------------------------------------------------------
// parseConfig: valid configs
// ---------------------------------------------------------------------------------------------

describe("parseConfig accepts", () => {
  it("the smallest config: one stack with one default role", () => {
    // GIVEN
    const data = { stacks: [{ name: "mediaconvert", roles: [{}] }] };
    // WHEN
    const config = parseConfig(data, FILE);
    // THEN
    expect(config).toEqual(data);
  });

  it("every core role setting, and a $schema reference for editors", () => {
    // GIVEN
    const data = {
      $schema: "./mediaconvert.config.schema.json",
      stacks: [
        {
          name: "prod-media_1",
          region: "cn-north-1",
          accountId: "012345678901",
          roles: [
            {
              roleName: "Media+Convert=Role,1.2@team-a_b",
              description: "Transcodes\tthe catalogue\r\n¡Olé!",
              attachS3FullAccess: false,
              attachApiGatewayInvokeFullAccess: true,
              inputKmsKeyArns: [CN_KEY],
              outputKmsKeyArns: [],
              preventDestroy: true,
            },
          ],
        },
      ],
    };
    // WHEN
    const config = parseConfig(data, FILE);
    // THEN
    expect(config).toEqual(data);
  });

  it("a 64-character role name and a 1000-character description", () => {
    // GIVEN
    const data = oneStack([{ roleName: "r".repeat(64), description: "d".repeat(1000) }]);
    // WHEN
    const config = parseConfig(data, FILE);
    // THEN
    expect(config.stacks[0].roles[0].roleName).toHaveLength(64);
  });

  it("the same role name in stacks for different accounts", () => {
    // GIVEN
    const data = {
      stacks: [
        { name: "prod", region: "us-east-1", accountId: "111122223333", roles: [{ roleName: "Shared" }] },
        { name: "dev", region: "us-east-1", accountId: "444455556666", roles: [{ roleName: "shared" }] },
      ],
    };
    // WHEN
    const config = parseConfig(data, FILE);
    // THEN
    expect(config.stacks.map((s) => s.roles[0].roleName)).toEqual(["Shared", "shared"]);
  });
});

// ---------------------------------------------------------------------------------------------
// parseConfig: problems, each with its JSON path
// ---------------------------------------------------------------------------------------------

describe("parseConfig reports", () => {
  it.each([
    ["a role key in the wrong case", oneStack([{ rolename: "x" }]), 'stacks[0].roles[0].rolename: unknown key "rolename". Did you mean "roleName"?'],
    ["a misspelt stack key", oneStack([{}], { regoin: "us-east-1" }), 'stacks[0].regoin: unknown key "regoin". Did you mean "region"?'],
    ["a misspelt top-level key", { stack: [], stacks: [{ name: "a", roles: [{}] }] }, 'stack: unknown key "stack". Did you mean "stacks"?'],
    ["a misspelt account key", oneStack([{}], { acountId: "111122223333" }), 'stacks[0].acountId: unknown key "acountId". Did you mean "accountId"?'],
    ["a misspelt description", oneStack([{ descripton: "x" }]), 'stacks[0].roles[0].descripton: unknown key "descripton". Did you mean "description"?'],
    ["preventDestroy in lower case", oneStack([{ preventdestroy: true }]), 'stacks[0].roles[0].preventdestroy: unknown key "preventdestroy". Did you mean "preventDestroy"?'],
    [
      "a stack key that resembles nothing, listing the allowed keys",
      oneStack([{}], { owner: "team" }),
      'stacks[0].owner: unknown key "owner". Allowed keys: name, region, accountId, backend, assumeRole, defaultTags, roles.',
    ],
  ])("%s", (_what, data, problem) => {
    // GIVEN / WHEN
    const problems = problemsOf(data);
    // THEN
    expect(problems).toEqual([problem]);
  });

  it("a role key that resembles nothing, listing the allowed role keys", () => {
    // GIVEN
    const data = oneStack([{ kmsKeys: [] }]);
    // WHEN
    const problems = problemsOf(data);
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^stacks\[0\]\.roles\[0\]\.kmsKeys: unknown key "kmsKeys"\. Allowed keys: roleName, description, .*\.$/);
    for (const key of ["attachS3FullAccess", "attachApiGatewayInvokeFullAccess", "inputKmsKeyArns", "outputKmsKeyArns", "preventDestroy"]) {
      expect(problems[0]).toContain(key);
    }
  });

  it.each([
    ["a number role name", oneStack([{ roleName: 5 }]), "stacks[0].roles[0].roleName: expected a string, got the number 5. Write it as a string."],
    ["a boolean description", oneStack([{ description: true }]), "stacks[0].roles[0].description: expected a string, got the boolean true. Write it as a string."],
    [
      'the string "yes" as a switch',
      oneStack([{ attachS3FullAccess: "yes" }]),
      'stacks[0].roles[0].attachS3FullAccess: expected true or false, got the string "yes". Write it as true or false.',
    ],
    ["null as a switch", oneStack([{ preventDestroy: null }]), "stacks[0].roles[0].preventDestroy: expected true or false, got null. Write it as true or false."],
    [
      "a string where a key list belongs",
      oneStack([{ inputKmsKeyArns: "alias/media" }]),
      'stacks[0].roles[0].inputKmsKeyArns: expected an array, got the string "alias/media". Write it as an array.',
    ],
    ["a number in a key list", oneStack([{ outputKmsKeyArns: [AWS_KEY, 5] }]), "stacks[0].roles[0].outputKmsKeyArns[1]: expected a string, got the number 5. Write it as a string."],
    ["an account id written as a number", oneStack([{}], { accountId: 111122223333 }), "stacks[0].accountId: expected a string, got the number 111122223333. Write it as a string."],
    ["a role that is not an object", oneStack([[]]), "stacks[0].roles[0]: expected an object, got an array. Write it as an object."],
    ["a stack that is not an object", { stacks: [5] }, "stacks[0]: expected an object, got the number 5. Write it as an object."],
    ["stacks written as an object", { stacks: { name: "a" } }, "stacks: expected an array, got an object. Write it as an array."],
    ["a top level that is an array", [], "(top level): expected an object, got an array. Write it as an object."],
    ["a top level that is null", null, "(top level): expected an object, got null. Write it as an object."],
  ])("%s", (_what, data, problem) => {
    // GIVEN / WHEN
    const problems = problemsOf(data);
    // THEN
    expect(problems).toEqual([problem]);
  });

  it.each([
    ["a role name with a space", oneStack([{ roleName: "Media Convert" }]), `stacks[0].roles[0].roleName: Role name "Media Convert" is not valid: ${NAME_RULE}. Remove the space.`],
    [
      "a 65-character role name",
      oneStack([{ roleName: "r".repeat(65) }]),
      `stacks[0].roles[0].roleName: Role name "${"r".repeat(65)}" is not valid: ${NAME_RULE}. Shorten it to 64 characters (it has 65).`,
    ],
    ["an empty role name", oneStack([{ roleName: "" }]), `stacks[0].roles[0].roleName: Role name "" is not valid: ${NAME_RULE}. Give the role a name.`],
    [
      "typographic quotes in a description",
      oneStack([{ description: "“Main”" }]),
      `stacks[0].roles[0].description: Description "“Main”" is not valid: ${DESCRIPTION_RULE}. Remove or replace "“" (U+201C) and "”" (U+201D).`,
    ],
    [
      "a 1001-character description",
      oneStack([{ description: "d".repeat(1001) }]),
      `stacks[0].roles[0].description: Description "${"d".repeat(40)}..." is not valid: ${DESCRIPTION_RULE}. Shorten it to 1000 characters (it has 1001).`,
    ],
    [
      "a region display name",
      oneStack([{}], { region: "US East" }),
      'stacks[0].region: Region "US East" is not valid: an AWS region looks like us-east-1, eu-west-1, cn-north-1 or us-gov-west-1. Use a region code such as eu-west-1.',
    ],
    [
      "a short account id",
      oneStack([{}], { accountId: "12345" }),
      'stacks[0].accountId: Account id "12345" is not valid: an AWS account id is exactly 12 digits. Copy it from "aws sts get-caller-identity" (keep leading zeros, and write it as a string).',
    ],
    [
      "a stack name with a space",
      oneStack([{}], { name: "bad name" }),
      'stacks[0].name: the string "bad name" is not valid: a stack name is 1 to 64 letters, digits, - and _, starting with a letter or digit (it becomes the directory cdktf.out/stacks/<name>). Rename the stack.',
    ],
    [
      "a KMS alias ARN",
      oneStack([{ outputKmsKeyArns: ["arn:aws:kms:us-east-1:111122223333:alias/media"] }]),
      'stacks[0].roles[0].outputKmsKeyArns[0]: KMS key ARN "arn:aws:kms:us-east-1:111122223333:alias/media" is an alias ARN: IAM does not grant use of a KMS key through its alias ARN (aliases only match through the kms:ResourceAliases condition key). Give the key ARN instead (arn:<partition>:kms:<region>:<account>:key/<key id>); "aws kms describe-key --key-id <alias ARN>" prints it.',
    ],
    [
      "a malformed KMS key ARN",
      oneStack([{ inputKmsKeyArns: [AWS_KEY, "arn:aws:kms:us-east-1:111122223333:key/my-key"] }]),
      'stacks[0].roles[0].inputKmsKeyArns[1]: KMS key ARN "arn:aws:kms:us-east-1:111122223333:key/my-key" is not valid: a KMS key ARN has the form arn:<partition>:kms:<region>:<12-digit account id>:key/<key id>. Its resource "key/my-key" is not key/ followed by a key id (a lower-case UUID, or mrk- and 32 hex digits).',
    ],
  ])("%s", (_what, data, problem) => {
    // GIVEN / WHEN
    const problems = problemsOf(data);
    // THEN
    expect(problems).toEqual([problem]);
  });

  it.each([
    ["stacks", { $schema: "x" }, "stacks: is missing: it is required (an array)."],
    ["a stack's name", { stacks: [{ roles: [{}] }] }, "stacks[0].name: is missing: it is required (a string)."],
    ["a stack's roles", { stacks: [{ name: "media" }] }, "stacks[0].roles: is missing: it is required (an array)."],
  ])("a missing %s", (_what, data, problem) => {
    // GIVEN / WHEN
    const problems = problemsOf(data);
    // THEN
    expect(problems).toEqual([problem]);
  });

  it.each([
    ["stacks", { stacks: [] }, 'stacks: is empty: add at least one stack, e.g. {"name": "mediaconvert", "roles": [{}]}.'],
    ["roles", oneStack([]), "stacks[0].roles: is empty: add at least one role ({} is the console's default role)."],
  ])("an empty %s array", (_what, data, problem) => {
    // GIVEN / WHEN
    const problems = problemsOf(data);
    // THEN
    expect(problems).toEqual([problem]);
  });

  it("a stack name used twice", () => {
    // GIVEN
    const data = { stacks: [{ name: "media", roles: [{}] }, { name: "other", roles: [{}] }, { name: "media", roles: [{}] }] };
    // WHEN
    const problems = problemsOf(data);
    // THEN
    expect(problems).toEqual([
      'stacks[2].name: stack name "media" is already used by stacks[0]: each stack needs its own output directory. Rename one of them.',
    ]);
  });

  it("two roles of one stack whose names differ only in case", () => {
    // GIVEN
    const data = oneStack([{ roleName: "Transcoder" }, { roleName: "TRANSCODER" }]);
    // WHEN
    const problems = problemsOf(data);
    // THEN
    expect(problems).toEqual([
      `stacks[0].roles[1].roleName: Role name "TRANSCODER" clashes with role "Transcoder" (stacks[0].roles[0].roleName) in the same stack: ${CASE_RULE}`,
    ]);
  });

  it("the default role twice in one stack", () => {
    // GIVEN
    const data = oneStack([{}, {}]);
    // WHEN
    const problems = problemsOf(data);
    // THEN
    expect(problems).toEqual([
      `stacks[0].roles[1].roleName: Role name "MediaConvert_Default_Role" is used twice (stacks[0].roles[0].roleName) in the same stack: IAM role names are unique per account. Rename one of them.`,
    ]);
  });

  it("roles of two stacks in the same account whose names differ only in case", () => {
    // GIVEN
    const data = {
      stacks: [
        { name: "east", region: "us-east-1", accountId: "111122223333", roles: [{ roleName: "Shared" }] },
        { name: "west", region: "us-west-2", accountId: "111122223333", roles: [{}, { roleName: "shared" }] },
      ],
    };
    // WHEN
    const problems = problemsOf(data);
    // THEN
    expect(problems).toEqual([
      `stacks[1].roles[1].roleName: Role name "shared" clashes with role "Shared" (stacks[0].roles[0].roleName) in stack "east" (same account): ${CASE_RULE}`,
    ]);
  });

  it("two roles of one stack that map to the same Terraform resource name", () => {
    // GIVEN
    const data = oneStack([{ roleName: "media.convert" }, { roleName: "media_convert" }]);
    // WHEN
    const problems = problemsOf(data);
    // THEN
    expect(problems).toEqual([
      'stacks[0].roles[1].roleName: Roles "media.convert" and "media_convert" both map to Terraform resource name "media_convert" (names are lower-cased, + = , . @ - become _, and a leading digit gets role_ in front). Rename one of them.',
    ]);
  });

  it.each([
    [
      "a China key in a us-east-1 stack",
      "us-east-1",
      CN_KEY,
      `KMS key ARN "${CN_KEY}" is in partition aws-cn, but the stack's region us-east-1 is in partition aws: a role cannot reach resources of another partition. Use one from partition aws.`,
    ],
    [
      "a commercial key in a cn-northwest-1 stack",
      "cn-northwest-1",
      AWS_KEY,
      `KMS key ARN "${AWS_KEY}" is in partition aws, but the stack's region cn-northwest-1 is in partition aws-cn: a role cannot reach resources of another partition. Use one from partition aws-cn.`,
    ],
  ])("%s", (_what, region, key, message) => {
    // GIVEN
    const data = oneStack([{ outputKmsKeyArns: [key] }], { region });
    // WHEN
    const problems = problemsOf(data);
    // THEN
    expect(problems).toEqual([`stacks[0].roles[0].outputKmsKeyArns[0]: ${message}`]);
  });

  it("a key in another partition next to a problem in another field of the same role", () => {
    // GIVEN a role whose name is invalid and whose (well-formed) key is from another partition
    const data = oneStack([{ roleName: "Media Convert", inputKmsKeyArns: [CN_KEY] }], { region: "us-east-1" });
    // WHEN
    const problems = problemsOf(data);
    // THEN both are reported at once
    expect(problems).toEqual([
      'stacks[0].roles[0].roleName: Role name "Media Convert" is not valid: IAM role names use only letters, digits and + = , . @ - _ (1 to 64 characters). Remove the space.',
      `stacks[0].roles[0].inputKmsKeyArns[0]: KMS key ARN "${CN_KEY}" is in partition aws-cn, but the stack's region us-east-1 is in partition aws: a role cannot reach resources of another partition. Use one from partition aws.`,
    ]);
  });

  it("a key in another partition than AWS_REGION when the stack names no region", () => {
    // GIVEN
    const data = { stacks: [{ name: "media", roles: [{ inputKmsKeyArns: [AWS_KEY] }] }] };
    // WHEN
    const problems = withAwsRegion("cn-north-1", () => problemsOf(data));
    // THEN
    expect(problems).toEqual([
      `stacks[0].roles[0].inputKmsKeyArns[0]: KMS key ARN "${AWS_KEY}" is in partition aws, but the stack's region cn-north-1 is in partition aws-cn: a role cannot reach resources of another partition. Use one from partition aws-cn.`,
    ]);
  });

  it("every problem of a file at once, in one ConfigError naming the file on each line", () => {
    // GIVEN
    const data = {
      stacks: [
        { name: "media", regoin: "us-east-1", roles: [{ roleName: "Media Convert" }, { attachS3FullAccess: "no" }] },
        { name: "media", region: "us-east-1", roles: [] },
        { name: "china", region: "cn-north-1", roles: [{ inputKmsKeyArns: [AWS_KEY] }] },
      ],
    };
    // WHEN
    const error = configErrorOf(() => parseConfig(data, "config/prod.json"));
    // THEN
    const expected = [
      'stacks[0].regoin: unknown key "regoin". Did you mean "region"?',
      `stacks[0].roles[0].roleName: Role name "Media Convert" is not valid: ${NAME_RULE}. Remove the space.`,
      'stacks[0].roles[1].attachS3FullAccess: expected true or false, got the string "no". Write it as true or false.',
      "stacks[1].roles: is empty: add at least one role ({} is the console's default role).",
      'stacks[1].name: stack name "media" is already used by stacks[0]: each stack needs its own output directory. Rename one of them.',
      `stacks[2].roles[0].inputKmsKeyArns[0]: KMS key ARN "${AWS_KEY}" is in partition aws, but the stack's region cn-north-1 is in partition aws-cn: a role cannot reach resources of another partition. Use one from partition aws-cn.`,
    ];
    expect([...error.problems].sort()).toEqual([...expected].sort());
    expect(error.file).toBe("config/prod.json");
    expect(error.message.split("\n").sort()).toEqual(expected.map((p) => `config/prod.json: ${p}`).sort());
    expect(error.name).toBe("ConfigError");
  });
});

// ---------------------------------------------------------------------------------------------
// loadConfig: reading the file
// ---------------------------------------------------------------------------------------------

describe("loadConfig", () => {
  const READ_HINT = "Check the path in MEDIACONVERT_CONFIG, or unset it to use mediaconvert.config.json or the built-in default.";

  it("reads and validates a config file", () => {
    // GIVEN
    const file = write("media.json", JSON.stringify(oneStack([{ roleName: "Transcoder" }]), null, 2));
    // WHEN
    const config = loadConfig(file);
    // THEN
    expect(config).toEqual(oneStack([{ roleName: "Transcoder" }]));
  });

  it("names the file and the JSON path of a problem in the file", () => {
    // GIVEN
    const file = write("media.json", JSON.stringify(oneStack([{ roleName: "a" }, { rolename: "x" }])));
    // WHEN
    const error = configErrorOf(() => loadConfig(file));
    // THEN
    expect(error.file).toBe(file);
    expect(error.message).toBe(`${file}: stacks[0].roles[1].rolename: unknown key "rolename". Did you mean "roleName"?`);
  });

  it.each<[string, () => string, (file: string) => string]>([
    ["a file that does not exist", () => path.join(tmp, "missing.json"), () => `cannot read the config file: the file does not exist. ${READ_HINT}`],
    ["a directory", () => tmp, () => `cannot read the config file: it is a directory. ${READ_HINT}`],
    [
      "a path through a file (unreadable)",
      () => path.join(write("plain.txt", "x"), "config.json"),
      () => `cannot read the config file: a folder on its path is a file. ${READ_HINT}`,
    ],
  ])("reports %s as unreadable, naming the file", (_what, makePath, problem) => {
    // GIVEN
    const file = makePath();
    // WHEN
    const error = configErrorOf(() => loadConfig(file));
    // THEN
    expect(error.file).toBe(file);
    expect(error.problems).toEqual([problem(file)]);
  });

  it.each([
    ["an empty file", ""],
    ["a file of white space", "  \n\t\n"],
  ])("reports %s as empty, with an example config", (_what, content) => {
    // GIVEN
    const file = write("media.json", content);
    // WHEN
    const error = configErrorOf(() => loadConfig(file));
    // THEN
    expect(error.problems).toEqual([
      'the config file is empty. Write a config such as {"stacks": [{"name": "mediaconvert", "roles": [{}]}]}, or remove the file to use the built-in default.',
    ]);
  });

  it.each([
    ["a trailing comma", '{"stacks": [],}'],
    ["a comment", '// the roles\n{"stacks": []}'],
    ["YAML", "stacks:\n  - name: media\n"],
  ])("reports a file with %s as not JSON, with the fix", (_what, content) => {
    // GIVEN
    const file = write("media.json", content);
    // WHEN
    const error = configErrorOf(() => loadConfig(file));
    // THEN
    expect(error.file).toBe(file);
    expect(error.problems).toHaveLength(1);
    // The middle is Node's JSON.parse message, which differs between Node versions.
    expect(error.problems[0]).toMatch(/^the file is not valid JSON( at line \d+, column \d+)?: .+\. Fix the syntax \(JSON allows no comments or trailing commas\)\.$/s);
  });
});

// ---------------------------------------------------------------------------------------------
// resolveConfig: which config is used
// ---------------------------------------------------------------------------------------------

describe("resolveConfig", () => {
  const ROOT_CONFIG = { stacks: [{ name: "from-root", region: "eu-west-1", roles: [{}] }] };
  const ENV_CONFIG = { stacks: [{ name: "from-env", region: "eu-west-1", roles: [{}] }] };

  /** A project: a cdktf.json at `tmp`, a subdirectory to start from. */
  function project(withRootConfig: boolean): string {
    write("cdktf.json", "{}");
    if (withRootConfig) write("mediaconvert.config.json", JSON.stringify(ROOT_CONFIG));
    const start = path.join(tmp, "lib", "deep");
    fs.mkdirSync(start, { recursive: true });
    return start;
  }

  it("uses the file MEDIACONVERT_CONFIG names, even when the project root has a config", () => {
    // GIVEN
    const start = project(true);
    const file = write("elsewhere/env.json", JSON.stringify(ENV_CONFIG));
    // WHEN
    const { config, source } = resolveConfig({ MEDIACONVERT_CONFIG: file }, start);
    // THEN
    expect(config).toEqual(ENV_CONFIG);
    expect(source).toBe(file);
  });

  it("uses mediaconvert.config.json at the project root (the directory holding cdktf.json)", () => {
    // GIVEN
    const start = project(true);
    // WHEN
    const { config, source } = resolveConfig({}, start);
    // THEN
    expect(config).toEqual(ROOT_CONFIG);
    expect(path.resolve(start, source)).toBe(path.join(tmp, "mediaconvert.config.json"));
  });

  it("treats an empty MEDIACONVERT_CONFIG as unset", () => {
    // GIVEN
    const start = project(true);
    // WHEN
    const { config } = resolveConfig({ MEDIACONVERT_CONFIG: "" }, start);
    // THEN
    expect(config).toEqual(ROOT_CONFIG);
  });

  it("falls back to the built-in default: one stack mediaconvert with the default role", () => {
    // GIVEN
    const start = project(false);
    // WHEN
    const { config, source } = withAwsRegion(undefined, () => resolveConfig({}, start));
    // THEN
    expect(config).toEqual({ stacks: [{ name: "mediaconvert", roles: [{}] }] });
    expect(source).toBe("the built-in default");
  });

  it("does not fall back when the file MEDIACONVERT_CONFIG names cannot be read", () => {
    // GIVEN
    const start = project(true);
    const file = path.join(tmp, "typo.json");
    // WHEN
    const error = configErrorOf(() => resolveConfig({ MEDIACONVERT_CONFIG: file }, start));
    // THEN
    expect(error.file).toBe(file);
    expect(error.problems).toEqual([
      "cannot read the config file: the file does not exist. Check the path in MEDIACONVERT_CONFIG, or unset it to use mediaconvert.config.json or the built-in default.",
    ]);
  });

  it("reports the problems of the project root's config instead of using the default", () => {
    // GIVEN
    const start = project(false);
    const file = write("mediaconvert.config.json", JSON.stringify(oneStack([{ roleName: "Media Convert" }])));
    // WHEN
    const error = configErrorOf(() => resolveConfig({}, start));
    // THEN
    expect(path.resolve(start, error.file)).toBe(file);
    expect(error.problems).toEqual([
      `stacks[0].roles[0].roleName: Role name "Media Convert" is not valid: ${NAME_RULE}. Remove the space.`,
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// configJsonSchema
// ---------------------------------------------------------------------------------------------

describe("configJsonSchema", () => {
  /* The JSON Schema is plain data; walk it untyped. */
  type Schema = { [key: string]: Schema } & { required?: string[]; additionalProperties?: boolean; minItems?: number };

  it("describes the config for editors: required keys, no unknown keys, non-empty lists", () => {
    // GIVEN / WHEN
    const schema = configJsonSchema() as Schema;
    // THEN
    const stack = schema.properties.stacks.items;
    const role = stack.properties.roles.items;
    expect(String(schema.$schema)).toContain("draft-07");
    expect(schema.required).toEqual(["stacks"]);
    expect(schema.properties.stacks.minItems).toBe(1);
    expect(stack.required).toEqual(["name", "roles"]);
    expect(stack.properties.roles.minItems).toBe(1);
    expect([schema, stack, role].map((s) => s.additionalProperties)).toEqual([false, false, false]);
    expect(Object.keys(stack.properties)).toEqual(["name", "region", "accountId", "backend", "assumeRole", "defaultTags", "roles"]);
    expect(Object.keys(role.properties)).toEqual(
      expect.arrayContaining([
        "roleName",
        "description",
        "attachS3FullAccess",
        "attachApiGatewayInvokeFullAccess",
        "inputKmsKeyArns",
        "outputKmsKeyArns",
        "preventDestroy",
      ]),
    );
    expect(role.properties.roleName.description).toEqual(expect.any(String));
  });

  it("lists no role key that parseConfig would reject as unknown", () => {
    // GIVEN
    const role = (configJsonSchema() as Schema).properties.stacks.items.properties.roles.items;
    const everyKey = Object.fromEntries(Object.keys(role.properties).map((k) => [k, undefined]));
    // WHEN
    const config: Config = parseConfig(oneStack([everyKey]), FILE);
    // THEN
    expect(config.stacks[0].roles).toHaveLength(1);
  });
});
