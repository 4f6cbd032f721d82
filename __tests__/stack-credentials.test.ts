/**
 * Credentials and tags per stack: `assumeRole` (the provider's assume_role block) and
 * `defaultTags` (default_tags), their rules and messages, in the construct and the config file.
 */
import { App, Testing } from "cdktf";
import { parseConfig } from "../lib/app/config";
import { ConfigError } from "../lib/app/messages";
import { MediaConvertStack, MediaConvertStackProps } from "../lib/core/stack";
import { parseGoDuration } from "../lib/core/rules";
import { DEPLOYER_ROLE_ARN } from "./support/fixtures";

const ROLE_SHAPE = "a Provider role ARN has the form arn:<partition>:iam::<12-digit account id>:role/<path><role name>";
const SESSION_RULE = "an STS session name is 2 to 64 letters, digits and + = , . @ - _";
const EXTERNAL_ID_RULE = "an STS external id is 2 to 1224 letters, digits and + = , . @ : / - _";
const DURATION_RULE = "the AWS provider takes a Go duration such as 1h, 45m or 1h30m, from 15m to 12h";
const TAG_KEY_RULE =
  "IAM tag keys are 1 to 128 letters, digits, spaces and _ . : / = + - @, and may not start with aws: (reserved for AWS)";

/** The problems the stack constructor reports for `props` (empty when it accepts them). */
function stackProblems(props: MediaConvertStackProps): readonly string[] {
  try {
    new MediaConvertStack(new App({ outdir: Testing.app().outdir }), "media", { region: "eu-west-1", ...props });
    return [];
  } catch (e) {
    return (e as { problems?: readonly string[] }).problems ?? [String(e)];
  }
}

/** The AWS provider block of a synthesized stack. */
function providerOf(props: MediaConvertStackProps): Record<string, unknown> {
  const stack = new MediaConvertStack(Testing.app(), "media", { region: "eu-west-1", roles: [{}], ...props });
  const json = JSON.parse(Testing.synth(stack)) as { provider: { aws: Record<string, unknown>[] } };
  return json.provider.aws[0];
}

function configProblems(stack: Record<string, unknown>): readonly string[] {
  try {
    parseConfig({ stacks: [{ name: "media", region: "eu-west-1", roles: [{}], ...stack }] }, "mediaconvert.config.json");
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
}

describe("assumeRole", () => {
  it("renders the provider's assume_role block with every field given", () => {
    // GIVEN
    const assumeRole = { roleArn: DEPLOYER_ROLE_ARN, sessionName: "mediaconvert-ci", externalId: "acme-ext-1", duration: "1h" };
    // WHEN
    const provider = providerOf({ accountId: "111122223333", assumeRole });
    // THEN
    expect(provider.assume_role).toEqual([
      { role_arn: DEPLOYER_ROLE_ARN, session_name: "mediaconvert-ci", external_id: "acme-ext-1", duration: "1h" },
    ]);
    expect(provider.allowed_account_ids).toEqual(["111122223333"]);
  });

  it("renders no assume_role block when none is given", () => {
    // GIVEN / WHEN
    const provider = providerOf({});
    // THEN
    expect(provider).not.toHaveProperty("assume_role");
    expect(provider).not.toHaveProperty("default_tags");
  });

  it("warns that the provider works in whatever account the ARN names when the stack has no accountId", () => {
    // GIVEN
    const stack = new MediaConvertStack(Testing.app(), "media", { region: "eu-west-1", assumeRole: { roleArn: DEPLOYER_ROLE_ARN }, roles: [{ confusedDeputyProtection: false }] });
    // WHEN
    const warnings = stack.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    // THEN
    expect(warnings).toEqual([
      `Stack "media" assumes role "${DEPLOYER_ROLE_ARN}" but sets no accountId: the provider will work in whatever account the ARN names (111122223333), and nothing checks that it is the intended one. Set "accountId": "111122223333" on the stack (accountId in MediaConvertStackProps) to pin it.`,
    ]);
  });

  it("does not warn when the stack's accountId is the role's account", () => {
    // GIVEN
    const stack = new MediaConvertStack(Testing.app(), "media", { region: "eu-west-1", accountId: "111122223333", assumeRole: { roleArn: DEPLOYER_ROLE_ARN } });
    // WHEN
    const warnings = stack.node.metadata.filter((m) => m.type === "@cdktf/warn");
    // THEN
    expect(warnings).toEqual([]);
  });

  it.each([
    [
      "a role of another account than accountId",
      { accountId: "444455556666", assumeRole: { roleArn: DEPLOYER_ROLE_ARN } },
      `Provider role ARN "${DEPLOYER_ROLE_ARN}" is in account 111122223333, but the stack is for account 444455556666: the provider would get credentials for account 111122223333 and refuse to run (allowed_account_ids). Use a role of account 444455556666, or correct the stack's accountId.`,
    ],
    [
      "a role of another partition",
      { assumeRole: { roleArn: "arn:aws-cn:iam::111122223333:role/deployer" } },
      `Provider role ARN "arn:aws-cn:iam::111122223333:role/deployer" is in partition aws-cn, but the stack's region eu-west-1 is in partition aws: the provider cannot assume a role of another partition. Use a role ARN of partition aws (arn:aws:iam::...).`,
    ],
    [
      "a user ARN",
      { assumeRole: { roleArn: "arn:aws:iam::111122223333:user/deployer" } },
      `Provider role ARN "arn:aws:iam::111122223333:user/deployer" is not valid: ${ROLE_SHAPE}. Its resource "user/deployer" is not role/ followed by an optional path and a role name.`,
    ],
    [
      "an ARN with a region",
      { assumeRole: { roleArn: "arn:aws:iam:eu-west-1:111122223333:role/deployer" } },
      `Provider role ARN "arn:aws:iam:eu-west-1:111122223333:role/deployer" is not valid: ${ROLE_SHAPE}. Its region field must be empty.`,
    ],
    [
      "a one-character session name",
      { assumeRole: { roleArn: DEPLOYER_ROLE_ARN, sessionName: "a" } },
      `Session name "a" is not valid: ${SESSION_RULE}. Use at least 2 characters.`,
    ],
    [
      "a 65-character session name",
      { assumeRole: { roleArn: DEPLOYER_ROLE_ARN, sessionName: "s".repeat(65) } },
      `Session name "${"s".repeat(65)}" is not valid: ${SESSION_RULE}. Shorten it to 64 characters (it has 65).`,
    ],
    [
      "a session name with a space and a slash",
      { assumeRole: { roleArn: DEPLOYER_ROLE_ARN, sessionName: "ci run/1" } },
      `Session name "ci run/1" is not valid: ${SESSION_RULE}. Remove the space and "/".`,
    ],
    [
      "a one-character external id",
      { assumeRole: { roleArn: DEPLOYER_ROLE_ARN, externalId: "x" } },
      `External id "x" is not valid: ${EXTERNAL_ID_RULE}. Use at least 2 characters.`,
    ],
    [
      "a 1225-character external id",
      { assumeRole: { roleArn: DEPLOYER_ROLE_ARN, externalId: "e".repeat(1225) } },
      `External id "${"e".repeat(80)}..." is not valid: ${EXTERNAL_ID_RULE}. Shorten it to 1224 characters (it has 1225).`,
    ],
    [
      "an external id with a space",
      { assumeRole: { roleArn: DEPLOYER_ROLE_ARN, externalId: "acme id" } },
      `External id "acme id" is not valid: ${EXTERNAL_ID_RULE}. Remove the space.`,
    ],
    [
      "a duration of 14m59s",
      { assumeRole: { roleArn: DEPLOYER_ROLE_ARN, duration: "14m59s" } },
      `Assume-role duration "14m59s" is not valid: ${DURATION_RULE}. Use at least 15m.`,
    ],
    [
      "a duration of 12h0m1s",
      { assumeRole: { roleArn: DEPLOYER_ROLE_ARN, duration: "12h0m1s" } },
      `Assume-role duration "12h0m1s" is not valid: ${DURATION_RULE}. Use at most 12h.`,
    ],
    [
      "a duration in seconds without a unit",
      { assumeRole: { roleArn: DEPLOYER_ROLE_ARN, duration: "3600" } },
      `Assume-role duration "3600" is not valid: ${DURATION_RULE}. Write numbers with a unit (h, m, s), e.g. 1h or 1h30m, with no spaces.`,
    ],
    [
      "a default tag key starting with aws:",
      { defaultTags: { "aws:team": "video" } },
      `Tag key "aws:team" is not valid: ${TAG_KEY_RULE}. Remove the aws: prefix.`,
    ],
  ])("rejects %s", (_title, props, message) => {
    // GIVEN / WHEN
    const problems = stackProblems(props as MediaConvertStackProps);
    // THEN
    expect(problems).toEqual([message]);
  });

  it.each([
    ["the shortest session name and external id", { sessionName: "ab", externalId: "ab" }],
    ["the longest session name and external id", { sessionName: "s".repeat(64), externalId: "e".repeat(1224) }],
    ["every allowed special character", { sessionName: "a_+=,.@-", externalId: "a_+=,.@:/-" }],
    ["a duration of exactly 15m", { duration: "15m" }],
    ["a duration of exactly 12h", { duration: "12h" }],
    ["a duration of 1h30m", { duration: "1h30m" }],
    ["a role with a path", { roleArn: "arn:aws:iam::111122223333:role/ci/deployer" }],
  ])("accepts %s", (_title, fields) => {
    // GIVEN / WHEN
    const problems = stackProblems({ accountId: "111122223333", assumeRole: { roleArn: DEPLOYER_ROLE_ARN, ...fields } });
    // THEN
    expect(problems).toEqual([]);
  });

  it.each([
    ["15m", 900],
    ["1h30m", 5400],
    ["1.5h", 5400],
    [".5h", 1800],
    ["5.h", 18000],
    ["+1h", 3600],
    ["-1h", -3600],
    ["900s", 900],
    ["1500ms", 1.5],
    ["0", 0],
    ["1H", undefined],
    ["1h 30m", undefined],
    ["h", undefined],
    ["", undefined],
    [".h", undefined],
  ])("reads the Go duration %j as %p seconds, as Go's time.ParseDuration does", (text, seconds) => {
    // GIVEN / WHEN
    const parsed = parseGoDuration(text);
    // THEN
    expect(parsed).toBe(seconds);
  });
});

describe("defaultTags", () => {
  it("renders the provider's default_tags block", () => {
    // GIVEN / WHEN
    const provider = providerOf({ defaultTags: { team: "video", "cost-center": "1234" } });
    // THEN
    expect(provider.default_tags).toEqual([{ tags: { team: "video", "cost-center": "1234" } }]);
  });

  it("leaves default_tags out when the map is empty", () => {
    // GIVEN / WHEN
    const provider = providerOf({ defaultTags: {} });
    // THEN
    expect(provider).not.toHaveProperty("default_tags");
  });

  it("rejects a role whose own tags and the stack's default tags add up to 51 keys", () => {
    // GIVEN: 26 default tags and 26 role tags, one key in both
    const defaultTags = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`d${i}`, "x"]));
    const tags = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [i === 0 ? "d0" : `r${i}`, "y"]));
    const stack = new MediaConvertStack(Testing.app(), "media", { region: "eu-west-1", defaultTags });
    // WHEN / THEN
    expect(() => stack.addRole({ roleName: "Tagged", tags })).toThrow(
      'Role "Tagged" would carry 51 tags: its 26 tags and the stack\'s 26 default tags (a key in both counts once), and IAM allows at most 50 tags per role. Remove 1 of them.',
    );
  });

  it("accepts exactly 50 tags together", () => {
    // GIVEN: 25 default tags and 26 role tags, one key in both
    const defaultTags = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`d${i}`, "x"]));
    const tags = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [i === 0 ? "d0" : `r${i}`, "y"]));
    const stack = new MediaConvertStack(Testing.app(), "media", { region: "eu-west-1", defaultTags });
    // WHEN
    const role = stack.addRole({ roleName: "Tagged", tags });
    // THEN
    expect(role.roleName).toBe("Tagged");
  });
});

describe("the config file", () => {
  it("takes assumeRole and defaultTags on a stack", () => {
    // GIVEN
    const assumeRole = { roleArn: DEPLOYER_ROLE_ARN, sessionName: "ci", externalId: "acme-ext", duration: "1h" };
    // WHEN
    const config = parseConfig(
      { stacks: [{ name: "media", accountId: "111122223333", assumeRole, defaultTags: { team: "video" }, roles: [{}] }] },
      "mediaconvert.config.json",
    );
    // THEN
    expect(config.stacks[0]).toMatchObject({ assumeRole, defaultTags: { team: "video" } });
  });

  it("reports every assumeRole and defaultTags problem with its JSON path", () => {
    // GIVEN
    const stack = {
      accountId: "444455556666",
      assumeRole: { roleArn: DEPLOYER_ROLE_ARN, sessionName: "a", duration: "2d", externalid: "x" },
      defaultTags: { "aws:x": "y" },
    };
    // WHEN
    const problems = configProblems(stack);
    // THEN
    expect(problems).toEqual([
      `stacks[0].assumeRole.sessionName: Session name "a" is not valid: ${SESSION_RULE}. Use at least 2 characters.`,
      `stacks[0].assumeRole.duration: Assume-role duration "2d" is not valid: ${DURATION_RULE}. Write numbers with a unit (h, m, s), e.g. 1h or 1h30m, with no spaces.`,
      'stacks[0].assumeRole.externalid: unknown key "externalid". Did you mean "externalId"?',
      `stacks[0].defaultTags: Tag key "aws:x" is not valid: ${TAG_KEY_RULE}. Remove the aws: prefix.`,
      `stacks[0].assumeRole.roleArn: Provider role ARN "${DEPLOYER_ROLE_ARN}" is in account 111122223333, but the stack is for account 444455556666: the provider would get credentials for account 111122223333 and refuse to run (allowed_account_ids). Use a role of account 444455556666, or correct the stack's accountId.`,
    ]);
  });

  it("reports a role whose tags and the stack's default tags exceed 50 at the role's tags", () => {
    // GIVEN
    const defaultTags = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`d${i}`, "x"]));
    const tags = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`r${i}`, "y"]));
    // WHEN
    const problems = configProblems({ defaultTags, roles: [{ roleName: "Tagged", tags, confusedDeputyProtection: false }] });
    // THEN
    expect(problems).toEqual([
      'stacks[0].roles[0].tags: Role "Tagged" would carry 51 tags: its 21 tags and the stack\'s 30 default tags (a key in both counts once), and IAM allows at most 50 tags per role. Remove 1 of them.',
    ]);
  });
});
