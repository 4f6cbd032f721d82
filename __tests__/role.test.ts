import "cdktf/lib/testing/adapters/jest";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, Lazy, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { MediaConvertRole, MediaConvertRoleProps, MediaConvertStack } from "../lib";
import { problemsOf } from "./support/problems";
import { DESCRIPTION_RULE, KMS_SHAPE, NAME_RULE } from "./support/messages";
import { KEY_ID, kmsKeyArn, OTHER_ACCOUNT_KEY } from "./support/fixtures";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Synthesized Terraform JSON (untyped). */
type TfJson = Record<string, any>;

const KEY_A = kmsKeyArn(KEY_ID, "us-east-1");
const KEY_B = kmsKeyArn("2234abcd-12ab-34cd-56ef-1234567890ab", "us-east-1");


/**
 * How the construct reports a problem of one entry of a list prop: the entry's path, then the
 * rule's message (problems of plain props are the rule's message alone).
 */
function at(path: string, message: string): string {
  return `${path}: ${message}`;
}

/** The JSON text of one MediaConvertStack holding `roles`, synthesized with validations on (what cdktf's matchers read). */
function synthText(roles: readonly MediaConvertRoleProps[], region = "us-east-1"): string {
  const app = Testing.app();
  const stack = new MediaConvertStack(app, "test", { region });
  for (const role of roles) stack.addRole(role);
  return Testing.synth(stack, true);
}

/** Synthesizes one MediaConvertStack holding `roles`, with validations on. */
function synthStack(roles: readonly MediaConvertRoleProps[], region = "us-east-1"): TfJson {
  return JSON.parse(synthText(roles, region));
}

function synth(props: MediaConvertRoleProps = {}, region = "us-east-1"): TfJson {
  return synthStack([props], region);
}

function synthOf(stack: TerraformStack): TfJson {
  return JSON.parse(Testing.synth(stack, true));
}

/** A plain TerraformStack (no MediaConvertStack, so the region is unknown) with an AWS provider. */
function plainStack(app: App = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, "plain");
  new AwsProvider(stack, "aws");
  return stack;
}


/** What the validations of every construct in the app report (what synthesizeConfig runs). */
function validationsOf(app: App): string[] {
  return app.node.findAll().flatMap((c) => c.node.validate());
}

/** Problems from adding one role with `props` to a fresh stack in `region`. */
function roleProblems(props: MediaConvertRoleProps, region = "us-east-1"): readonly string[] {
  return problemsOf(() => new MediaConvertStack(Testing.app(), "test", { region }).addRole(props));
}

interface Statement {
  Effect: string;
  Action: string[];
  Resource: string[];
  Condition?: unknown;
}

/** The KMS inline policy's statements of the default-named role. */
function kmsStatements(tf: TfJson, resource = "mediaconvert_default_role"): Statement[] {
  return JSON.parse(tf.resource.aws_iam_role_policy[`${resource}_kms`].policy).Statement;
}

/** Resource ARN -> sorted actions it is granted, however the statements are merged. */
function grants(statements: readonly Statement[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const s of statements) {
    expect(s.Effect).toBe("Allow");
    for (const r of s.Resource) for (const a of s.Action) (out[r] ??= new Set()).add(a);
  }
  return Object.fromEntries(Object.entries(out).map(([r, a]) => [r, [...a].sort()]));
}

/** `type.name` of every resource, plus `output.name` of every output. */
function addresses(tf: TfJson): string[] {
  const resources = Object.entries<Record<string, unknown>>(tf.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );
  const outputs = Object.keys(tf.output ?? {}).map((name) => `output.${name}`);
  return [...resources, ...outputs].sort();
}

/** Everything in the JSON whose resource or output name starts with `prefix`. */
function blocksOf(tf: TfJson, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [type, byName] of Object.entries<Record<string, unknown>>(tf.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) if (name.startsWith(prefix)) out[`${type}.${name}`] = body;
  }
  for (const [name, body] of Object.entries(tf.output ?? {})) if (name.startsWith(prefix)) out[`output.${name}`] = body;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The role and its trust policy
// ---------------------------------------------------------------------------------------------

describe("MediaConvertRole", () => {
  it("creates the console-equivalent role by default, trusting MediaConvert only for the deploying account", () => {
    // GIVEN / WHEN
    const tf = synth();
    // THEN
    const role = tf.resource.aws_iam_role.mediaconvert_default_role;
    expect(role.name).toBe("MediaConvert_Default_Role");
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "mediaconvert.amazonaws.com" },
          Action: ["sts:AssumeRole"],
          Condition: {
            ArnLike: { "aws:SourceArn": "arn:aws:mediaconvert:*:${data.aws_caller_identity.current.account_id}:*" },
            StringEquals: { "aws:SourceAccount": "${data.aws_caller_identity.current.account_id}" },
          },
        },
      ],
    });
    expect(tf.data.aws_caller_identity).toEqual({ current: {} });
    expect(Object.keys(tf.resource.aws_iam_role_policy_attachment).sort()).toEqual([
      "mediaconvert_default_role_api_gateway_invoke_full_access",
      "mediaconvert_default_role_s3_full_access",
    ]);
    expect(tf.resource.aws_iam_role_policy).toBeUndefined();
  });

  it("lets only the MediaConvert service assume the role, also in a plain TerraformStack, for the deploying account", () => {
    // GIVEN
    const stack = plainStack();
    // WHEN
    new MediaConvertRole(stack, "role", {});
    const tf = synthOf(stack);
    // THEN
    const trust = JSON.parse(tf.resource.aws_iam_role.role.assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "mediaconvert.amazonaws.com" },
        Action: ["sts:AssumeRole"],
        Condition: {
          ArnLike: { "aws:SourceArn": "arn:${data.aws_partition.current.partition}:mediaconvert:*:${data.aws_caller_identity.current.account_id}:*" },
          StringEquals: { "aws:SourceAccount": "${data.aws_caller_identity.current.account_id}" },
        },
      },
    ]);
  });

  it("pins the role's own accountId in a plain TerraformStack and reads no caller identity", () => {
    // GIVEN
    const stack = plainStack();
    // WHEN
    new MediaConvertRole(stack, "role", { accountId: "111122223333", trustedQueueArns: ["arn:aws:mediaconvert:eu-west-1:111122223333:queues/Default"] });
    const tf = synthOf(stack);
    // THEN
    const trust = JSON.parse(tf.resource.aws_iam_role.role.assume_role_policy);
    expect(trust.Statement[0].Condition).toEqual({
      ArnLike: { "aws:SourceArn": ["arn:aws:mediaconvert:eu-west-1:111122223333:queues/Default"] },
      StringEquals: { "aws:SourceAccount": "111122223333" },
    });
    expect(tf.data?.aws_caller_identity).toBeUndefined();
  });

  it("accepts Terraform references as the stack's region and account id, and pins the account reference", () => {
    // GIVEN references resolved by Terraform (lazy tokens, as another construct's attributes are)
    const app = Testing.app();
    const reference = (expression: string) => Lazy.stringValue({ produce: () => `\${${expression}}` });
    const stack = new MediaConvertStack(app, "media", { region: reference("var.region"), accountId: reference("var.account_id") });
    // WHEN
    stack.addRole({ access: "scoped", inputs: [{ bucket: "media-in" }] });
    const tf = JSON.parse(Testing.synth(stack));
    // THEN
    const trust = JSON.parse(tf.resource.aws_iam_role.mediaconvert_default_role.assume_role_policy);
    expect(trust.Statement[0].Condition).toEqual({
      ArnLike: { "aws:SourceArn": "arn:${data.aws_partition.current.partition}:mediaconvert:*:${var.account_id}:*" },
      StringEquals: { "aws:SourceAccount": "${var.account_id}" },
    });
    expect(tf.provider.aws).toEqual([expect.objectContaining({ region: "${var.region}", allowed_account_ids: ["${var.account_id}"] })]);
    expect(tf.data.aws_caller_identity).toBeUndefined();
  });

  it("has no description unless one is given", () => {
    // GIVEN / WHEN
    const tf = synth();
    // THEN
    expect(tf.resource.aws_iam_role.mediaconvert_default_role).not.toHaveProperty("description");
  });

  it("writes the given description", () => {
    // GIVEN / WHEN
    const synthesized = synthText([{ description: "Transcodes the catalogue" }]);
    // THEN
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "MediaConvert_Default_Role", description: "Transcodes the catalogue" });
  });

  it("exposes the role name as given and the role ARN as a Terraform reference", () => {
    // GIVEN
    const stack = new MediaConvertStack(Testing.app(), "test", { region: "us-east-1" });
    // WHEN
    const role = stack.addRole({ roleName: "Transcoder" });
    new TerraformOutput(stack, "probe", { value: role.roleArn });
    // THEN
    expect(role.roleName).toBe("Transcoder");
    expect(Token.isUnresolved(role.roleArn)).toBe(true);
    expect(synthOf(stack).output.probe.value).toBe("${aws_iam_role.transcoder.arn}");
  });

  it("outputs <resource>_role_arn and <resource>_role_name for each role", () => {
    // GIVEN / WHEN
    const tf = synth({ roleName: "Transcoder" });
    // THEN
    expect(tf.output.transcoder_role_arn.value).toBe("${aws_iam_role.transcoder.arn}");
    expect(tf.output.transcoder_role_name.value).toBe("${aws_iam_role.transcoder.name}");
    expect(tf.output.transcoder_role_arn.description).toEqual(expect.any(String));
    expect(tf.output.transcoder_role_name.description).toEqual(expect.any(String));
  });

  it("sets lifecycle.prevent_destroy on the role when preventDestroy is true", () => {
    // GIVEN / WHEN
    const synthesized = synthText([{ preventDestroy: true }]);
    // THEN
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "MediaConvert_Default_Role", lifecycle: { prevent_destroy: true } });
  });

  it.each([[undefined], [false]])("sets no lifecycle block when preventDestroy is %s", (preventDestroy) => {
    // GIVEN / WHEN
    const tf = synth({ preventDestroy });
    // THEN
    expect(tf.resource.aws_iam_role.mediaconvert_default_role).not.toHaveProperty("lifecycle");
  });
});

// ---------------------------------------------------------------------------------------------
// Role name
// ---------------------------------------------------------------------------------------------

describe("role name", () => {
  it.each([
    ["a single character", "a"],
    ["64 characters", "r".repeat(64)],
    ["digits only", "0123456789"],
    ["upper and lower case letters", "MediaConvertRole"],
    ['"+"', "Media+Convert"],
    ['"="', "Media=Convert"],
    ['","', "Media,Convert"],
    ['"."', "Media.Convert"],
    ['"@"', "Media@Convert"],
    ['"-"', "Media-Convert"],
    ['"_"', "Media_Convert"],
    ["all special characters at once", "+=,.@-_"],
  ])("accepts %s", (_what, roleName) => {
    // GIVEN / WHEN
    const tf = synth({ roleName });
    // THEN
    const roles = Object.values<{ name: string }>(tf.resource.aws_iam_role);
    expect(roles.map((r) => r.name)).toEqual([roleName]);
  });

  it.each([
    ["a 65-character name", "r".repeat(65), `Role name "${"r".repeat(65)}" is not valid: ${NAME_RULE}. Shorten it to 64 characters (it has 65).`],
    ["an empty name", "", `Role name "" is not valid: ${NAME_RULE}. Give the role a name.`],
    ["a space", "Media Convert", `Role name "Media Convert" is not valid: ${NAME_RULE}. Remove the space.`],
    ["a slash", "media/convert", `Role name "media/convert" is not valid: ${NAME_RULE}. Remove "/".`],
    ["a non-ASCII letter", "Médiaconvert", `Role name "Médiaconvert" is not valid: ${NAME_RULE}. Remove "é" (U+00E9).`],
    ["an emoji", "convert😀", `Role name "convert😀" is not valid: ${NAME_RULE}. Remove "😀" (U+1F600).`],
    ["a control character", "media\u0001convert", `Role name "media\\u0001convert" is not valid: ${NAME_RULE}. Remove the invisible character U+0001.`],
    ["a tab", "media\tconvert", `Role name "media\\tconvert" is not valid: ${NAME_RULE}. Remove the tab.`],
    ["a line break", "media\nconvert", `Role name "media\\nconvert" is not valid: ${NAME_RULE}. Remove the line break.`],
    ["a hash", "media#convert", `Role name "media#convert" is not valid: ${NAME_RULE}. Remove "#".`],
    ["an asterisk", "media*", `Role name "media*" is not valid: ${NAME_RULE}. Remove "*".`],
    ["a colon", "media:convert", `Role name "media:convert" is not valid: ${NAME_RULE}. Remove ":".`],
    ["a backslash", "media\\convert", `Role name "media\\\\convert" is not valid: ${NAME_RULE}. Remove "\\\\".`],
    [
      "several bad characters, each named once",
      "a b/c#d e",
      `Role name "a b/c#d e" is not valid: ${NAME_RULE}. Remove the space, "/" and "#".`,
    ],
  ])("rejects %s with a message naming the value, the rule and the fix", (_what, roleName, message) => {
    // GIVEN / WHEN
    const problems = roleProblems({ roleName });
    // THEN
    expect(problems).toEqual([message]);
  });

  it("reports a name that is both too long and has bad characters with both problems", () => {
    // GIVEN
    const roleName = `${"r".repeat(64)} x`;
    // WHEN
    const problems = roleProblems({ roleName });
    // THEN
    expect(problems).toEqual([
      `Role name "${roleName}" is not valid: ${NAME_RULE}. Remove the space.`,
      `Role name "${roleName}" is not valid: ${NAME_RULE}. Shorten it to 64 characters (it has 66).`,
    ]);
  });

  it("validates a role created directly in a plain TerraformStack too", () => {
    // GIVEN
    const stack = plainStack();
    // WHEN
    const problems = problemsOf(() => new MediaConvertRole(stack, "role", { roleName: "Media Convert" }));
    // THEN
    expect(problems).toEqual([
      `Role name "Media Convert" is not valid: ${NAME_RULE}. Remove the space.`,
    ]);
  });

  it("reports the role name, description and key problems of one role together", () => {
    // GIVEN
    const props: MediaConvertRoleProps = {
      roleName: "Media Convert",
      description: "“quoted”",
      inputKmsKeyArns: ["arn:aws:kms:us-east-1:111122223333:alias/media"],
    };
    // WHEN
    const problems = roleProblems(props);
    // THEN
    expect(problems).toEqual([
      `Role name "Media Convert" is not valid: ${NAME_RULE}. Remove the space.`,
      `Description "“quoted”" is not valid: ${DESCRIPTION_RULE}. Remove or replace "“" (U+201C) and "”" (U+201D).`,
      expect.stringMatching(/^inputKmsKeyArns\[0\]: KMS key ARN "arn:aws:kms:us-east-1:111122223333:alias\/media" is an alias ARN: /),
    ]);
  });
});

describe("case-insensitive role name clashes", () => {
  it("rejects adding a role whose name differs from another one in the same stack only in case", () => {
    // GIVEN
    const stack = new MediaConvertStack(Testing.app(), "test", { region: "us-east-1" });
    stack.addRole({ roleName: "Transcoder" });
    // WHEN
    const problems = problemsOf(() => stack.addRole({ roleName: "TRANSCODER" }));
    // THEN
    expect(problems).toEqual([
      'Role name "TRANSCODER" clashes with role "Transcoder" in the same stack: IAM role names are unique per account and not case-sensitive. Rename one of them.',
    ]);
  });

  it("rejects adding the default role twice to one stack", () => {
    // GIVEN
    const stack = new MediaConvertStack(Testing.app(), "test", { region: "us-east-1" });
    stack.addRole({});
    // WHEN
    const problems = problemsOf(() => stack.addRole({}));
    // THEN
    expect(problems).toEqual([
      'Role name "MediaConvert_Default_Role" is used twice in the same stack: IAM role names are unique per account. Rename one of them.',
    ]);
  });

  it("rejects two roles of one stack that map to the same Terraform resource name", () => {
    // GIVEN
    const stack = new MediaConvertStack(Testing.app(), "test", { region: "us-east-1" });
    stack.addRole({ roleName: "media.convert" });
    // WHEN
    const problems = problemsOf(() => stack.addRole({ roleName: "media_convert" }));
    // THEN
    expect(problems).toEqual([
      'Roles "media.convert" and "media_convert" both map to Terraform resource name "media_convert" (names are lower-cased, + = , . @ - become _, and a leading digit gets role_ in front). Rename one of them.',
    ]);
  });

  it("reports, in validation, two roles created directly in one stack whose names differ only in case", () => {
    // GIVEN
    const app = Testing.app();
    const stack = plainStack(app);
    new MediaConvertRole(stack, "first", { roleName: "Transcoder" });
    new MediaConvertRole(stack, "second", { roleName: "transcoder" });
    // WHEN
    const problems = validationsOf(app);
    // THEN
    expect(problems).toEqual([
      'Role name "transcoder" clashes with role "Transcoder" in the same stack: IAM role names are unique per account and not case-sensitive. Rename one of them.',
    ]);
  });

  it("reports, in validation, roles of two stacks with the same account id whose names differ only in case", () => {
    // GIVEN
    const app = Testing.app();
    new MediaConvertStack(app, "east", { region: "us-east-1", accountId: "111122223333" }).addRole({ roleName: "Shared" });
    new MediaConvertStack(app, "west", { region: "eu-west-1", accountId: "111122223333" }).addRole({ roleName: "SHARED" });
    // WHEN
    const problems = validationsOf(app);
    // THEN
    expect(problems).toEqual([
      'Role name "SHARED" clashes with role "Shared" in stack "east" (same account): IAM role names are unique per account and not case-sensitive. Rename one of them.',
    ]);
  });

  it("lets stacks with different account ids use the same role name", () => {
    // GIVEN
    const app = Testing.app();
    new MediaConvertStack(app, "prod", { region: "us-east-1", accountId: "111122223333" }).addRole({ roleName: "Shared" });
    new MediaConvertStack(app, "dev", { region: "us-east-1", accountId: "444455556666" }).addRole({ roleName: "shared" });
    // WHEN
    const problems = validationsOf(app);
    // THEN
    expect(problems).toEqual([]);
  });

  it("lets roles of one stack use names that differ in more than case", () => {
    // GIVEN
    const app = Testing.app();
    const stack = new MediaConvertStack(app, "test", { region: "us-east-1" });
    // WHEN
    stack.addRole({ roleName: "Transcoder" });
    stack.addRole({ roleName: "Transcoder2" });
    // THEN
    expect(validationsOf(app)).toEqual([]);
  });

  it("skips the clash check for role names that are Terraform tokens", () => {
    // GIVEN
    const app = Testing.app();
    const stack = plainStack(app);
    const name = new TerraformVariable(stack, "role_name", { type: "string" }).stringValue;
    // WHEN
    new MediaConvertRole(stack, "first", { roleName: name });
    new MediaConvertRole(stack, "second", { roleName: name });
    // THEN
    expect(validationsOf(app)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Description
// ---------------------------------------------------------------------------------------------

describe("description", () => {
  it.each([
    ["1000 characters", "d".repeat(1000)],
    ["tab, LF and CR", "line one\tcolumn\nline two\r\nline three"],
    ["the ASCII range edges U+0020 and U+007E", " ~"],
    ["the Latin-1 range edges U+00A1 and U+00FF", "¡ÿ"],
    ["straight quotes and Latin-1 letters", `"Vidéo" 'Übersetzung' ©`],
  ])("accepts %s", (_what, description) => {
    // GIVEN / WHEN
    const synthesized = synthText([{ description }]);
    // THEN
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "MediaConvert_Default_Role", description });
  });

  it.each([
    [
      "1001 characters",
      "d".repeat(1001),
      `Description "${"d".repeat(40)}..." is not valid: ${DESCRIPTION_RULE}. Shorten it to 1000 characters (it has 1001).`,
    ],
    [
      "typographic double quotes",
      "“Main” role",
      `Description "“Main” role" is not valid: ${DESCRIPTION_RULE}. Remove or replace "“" (U+201C) and "”" (U+201D).`,
    ],
    [
      "typographic single quotes",
      "MediaConvert‘s role",
      `Description "MediaConvert‘s role" is not valid: ${DESCRIPTION_RULE}. Remove or replace "‘" (U+2018).`,
    ],
    ["an emoji", "Role 🎬", `Description "Role 🎬" is not valid: ${DESCRIPTION_RULE}. Remove or replace "🎬" (U+1F3AC).`],
    [
      "a control character",
      "bell\u0007",
      `Description "bell\\u0007" is not valid: ${DESCRIPTION_RULE}. Remove or replace the invisible character U+0007.`,
    ],
  ])("rejects %s with the exact message", (_what, description, message) => {
    // GIVEN / WHEN
    const problems = roleProblems({ description });
    // THEN
    expect(problems).toEqual([message]);
  });

  it.each([
    ["DEL (U+007F)", "a\u007f", "the invisible character U+007F."],
    ["a C1 control character (U+0080)", "a\u0080", "the invisible character U+0080."],
    ["a no-break space (U+00A0)", "a\u00a0", "the invisible character U+00A0."],
  ])("rejects %s, the gaps between the allowed ranges, naming its code point", (_what, description, codePoint) => {
    // GIVEN / WHEN
    const problems = roleProblems({ description });
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`is not valid: ${DESCRIPTION_RULE}. Remove or replace `);
    expect(problems[0]).toContain(codePoint);
  });
});

// ---------------------------------------------------------------------------------------------
// Managed policies and partitions
// ---------------------------------------------------------------------------------------------

describe("managed policy attachments", () => {
  it("attaches AmazonS3FullAccess and AmazonAPIGatewayInvokeFullAccess to the role by default", () => {
    // GIVEN / WHEN
    const tf = synth();
    // THEN
    expect(tf.resource.aws_iam_role_policy_attachment).toEqual({
      mediaconvert_default_role_s3_full_access: {
        policy_arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
        role: "${aws_iam_role.mediaconvert_default_role.name}",
      },
      mediaconvert_default_role_api_gateway_invoke_full_access: {
        policy_arn: "arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess",
        role: "${aws_iam_role.mediaconvert_default_role.name}",
      },
    });
  });

  it.each([
    [{ attachS3FullAccess: false }, ["mediaconvert_default_role_api_gateway_invoke_full_access"]],
    [{ attachApiGatewayInvokeFullAccess: false }, ["mediaconvert_default_role_s3_full_access"]],
    [{ attachS3FullAccess: true, attachApiGatewayInvokeFullAccess: true }, [
      "mediaconvert_default_role_api_gateway_invoke_full_access",
      "mediaconvert_default_role_s3_full_access",
    ]],
  ])("with %j attaches exactly %j", (props, attachments) => {
    // GIVEN / WHEN
    const tf = synth(props);
    // THEN
    expect(Object.keys(tf.resource.aws_iam_role_policy_attachment).sort()).toEqual(attachments);
  });

  it("creates no aws_iam_role_policy_attachment when both managed policies are turned off", () => {
    // GIVEN / WHEN
    const tf = synth({ attachS3FullAccess: false, attachApiGatewayInvokeFullAccess: false });
    // THEN
    expect(tf.resource.aws_iam_role_policy_attachment).toBeUndefined();
    expect(tf.resource.aws_iam_role.mediaconvert_default_role.name).toBe("MediaConvert_Default_Role");
  });

  it.each([
    ["us-east-1", "aws"],
    ["eu-west-1", "aws"],
    ["ap-southeast-2", "aws"],
    ["cn-north-1", "aws-cn"],
    ["cn-northwest-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-gov-east-1", "aws-us-gov"],
  ])("builds the managed policy ARNs of a stack in %s for partition %s", (region, partition) => {
    // GIVEN / WHEN
    const synthesized = synthText([{}], region);
    // THEN
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: `arn:${partition}:iam::aws:policy/AmazonS3FullAccess` });
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: `arn:${partition}:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess` });
    expect(JSON.parse(synthesized).data?.aws_partition).toBeUndefined();
  });

  it("takes the partition from data.aws_partition when the role is in a plain TerraformStack", () => {
    // GIVEN
    const stack = plainStack();
    // WHEN
    new MediaConvertRole(stack, "role", {});
    const synthesized = Testing.synth(stack, true);
    // THEN
    expect(JSON.parse(synthesized).data.aws_partition).toEqual({ current: {} });
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonS3FullAccess" });
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess",
    });
  });

  it("declares data.aws_partition once for several roles of a plain TerraformStack", () => {
    // GIVEN
    const stack = plainStack();
    // WHEN
    new MediaConvertRole(stack, "one", { roleName: "One" });
    new MediaConvertRole(stack, "two", { roleName: "Two" });
    const tf = synthOf(stack);
    // THEN
    expect(Object.keys(tf.data.aws_partition)).toEqual(["current"]);
  });
});

// ---------------------------------------------------------------------------------------------
// KMS inline policy
// ---------------------------------------------------------------------------------------------

describe("KMS inline policy", () => {
  it.each([
    ["no key lists", {}],
    ["empty key lists", { inputKmsKeyArns: [], outputKmsKeyArns: [] }],
  ])("creates no aws_iam_role_policy with %s", (_what, props: MediaConvertRoleProps) => {
    // GIVEN / WHEN
    const tf = synth(props);
    // THEN
    expect(tf.resource.aws_iam_role_policy).toBeUndefined();
  });

  it("grants kms:Decrypt on input keys", () => {
    // GIVEN / WHEN
    const tf = synth({ inputKmsKeyArns: [KEY_A] });
    // THEN
    expect(grants(kmsStatements(tf))).toEqual({ [KEY_A]: ["kms:Decrypt"] });
  });

  it("grants kms:GenerateDataKey on output keys", () => {
    // GIVEN / WHEN
    const tf = synth({ outputKmsKeyArns: [KEY_A] });
    // THEN
    expect(grants(kmsStatements(tf))).toEqual({ [KEY_A]: ["kms:GenerateDataKey"] });
  });

  it("adds kms:Decrypt on output keys with outputMultipartUpload, also with full access", () => {
    // GIVEN / WHEN
    const tf = synth({ inputKmsKeyArns: [KEY_A], outputKmsKeyArns: [KEY_B], outputMultipartUpload: true });
    // THEN
    expect(grants(kmsStatements(tf))).toEqual({ [KEY_A]: ["kms:Decrypt"], [KEY_B]: ["kms:Decrypt", "kms:GenerateDataKey"] });
  });

  it("grants kms:Encrypt and kms:GenerateDataKey on job encryption keys, with no condition", () => {
    // GIVEN / WHEN
    const tf = synth({ jobEncryptionKmsKeyArns: [KEY_A] });
    // THEN
    expect(grants(kmsStatements(tf))).toEqual({ [KEY_A]: ["kms:Encrypt", "kms:GenerateDataKey"] });
    expect(kmsStatements(tf).every((s) => s.Condition === undefined)).toBe(true);
  });

  it("grants both actions on a key that is both an input and an output key", () => {
    // GIVEN / WHEN
    const tf = synth({ inputKmsKeyArns: [KEY_A, KEY_B], outputKmsKeyArns: [KEY_B, OTHER_ACCOUNT_KEY] });
    // THEN
    expect(grants(kmsStatements(tf))).toEqual({
      [KEY_A]: ["kms:Decrypt"],
      [KEY_B]: ["kms:Decrypt", "kms:GenerateDataKey"],
      [OTHER_ACCOUNT_KEY]: ["kms:GenerateDataKey"],
    });
  });

  it("creates exactly one inline policy, attached to the role, however many keys there are", () => {
    // GIVEN / WHEN
    const tf = synth({ inputKmsKeyArns: [KEY_A, KEY_B], outputKmsKeyArns: [OTHER_ACCOUNT_KEY] });
    // THEN
    expect(Object.keys(tf.resource.aws_iam_role_policy)).toEqual(["mediaconvert_default_role_kms"]);
    expect(tf.resource.aws_iam_role_policy.mediaconvert_default_role_kms.role).toBe(
      "${aws_iam_role.mediaconvert_default_role.name}",
    );
  });

  it("names the key ARNs as resources, sorted, never *", () => {
    // GIVEN / WHEN
    const tf = synth({ inputKmsKeyArns: [KEY_B, KEY_A, OTHER_ACCOUNT_KEY] });
    // THEN
    const statements = kmsStatements(tf);
    expect(statements).toHaveLength(1);
    // "arn:aws:kms:eu-west-1:..." sorts before "arn:aws:kms:us-east-1:..."
    expect(statements[0].Resource).toEqual([OTHER_ACCOUNT_KEY, KEY_A, KEY_B]);
    expect(statements.flatMap((s) => s.Resource)).not.toContain("*");
  });

  it("renders the same bytes whatever the order of the keys", () => {
    // GIVEN
    const first = synth({ inputKmsKeyArns: [KEY_A, KEY_B, OTHER_ACCOUNT_KEY], outputKmsKeyArns: [OTHER_ACCOUNT_KEY, KEY_A] });
    // WHEN
    const second = synth({ inputKmsKeyArns: [OTHER_ACCOUNT_KEY, KEY_A, KEY_B], outputKmsKeyArns: [KEY_A, OTHER_ACCOUNT_KEY] });
    // THEN
    expect(second.resource.aws_iam_role_policy.mediaconvert_default_role_kms.policy).toBe(
      first.resource.aws_iam_role_policy.mediaconvert_default_role_kms.policy,
    );
  });

  it("synthesizes the same bytes for the same input", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { roleName: "Same", inputKmsKeyArns: [KEY_B, KEY_A], outputKmsKeyArns: [OTHER_ACCOUNT_KEY] };
    const run = () => {
      const stack = new MediaConvertStack(Testing.app(), "test", { region: "us-east-1" });
      stack.addRole(props);
      return Testing.synth(stack, true);
    };
    // WHEN
    const [a, b] = [run(), run()];
    // THEN
    expect(b).toBe(a);
  });
});

describe("KMS key ARN validation", () => {
  it.each([
    ["a multi-Region key", "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab", "us-east-1"],
    ["a key in another region of the same partition", `arn:aws:kms:eu-central-1:111122223333:key/${KEY_ID}`, "us-east-1"],
    ["a China key in a China stack", `arn:aws-cn:kms:cn-north-1:111122223333:key/${KEY_ID}`, "cn-northwest-1"],
    ["a GovCloud key in a GovCloud stack", `arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/${KEY_ID}`, "us-gov-east-1"],
  ])("accepts %s", (_what, arn, region) => {
    // GIVEN / WHEN
    const tf = synth({ inputKmsKeyArns: [arn], outputKmsKeyArns: [arn] }, region);
    // THEN
    expect(Object.keys(grants(kmsStatements(tf)))).toEqual([arn]);
  });

  it.each([
    [
      "an alias ARN",
      "arn:aws:kms:us-east-1:111122223333:alias/media",
      `KMS key ARN "arn:aws:kms:us-east-1:111122223333:alias/media" is an alias ARN: IAM does not grant use of a KMS key through its alias ARN (aliases only match through the kms:ResourceAliases condition key). Give the key ARN instead (arn:<partition>:kms:<region>:<account>:key/<key id>); "aws kms describe-key --key-id <alias ARN>" prints it.`,
    ],
    [
      "an ARN of another service",
      "arn:aws:s3:::media-input",
      `KMS key ARN "arn:aws:s3:::media-input" is not valid: ${KMS_SHAPE}. It is an ARN of service "s3", not "kms".`,
    ],
    [
      "an 11-digit account",
      `arn:aws:kms:us-east-1:11112222333:key/${KEY_ID}`,
      `KMS key ARN "arn:aws:kms:us-east-1:11112222333:key/${KEY_ID}" is not valid: ${KMS_SHAPE}. Its account "11112222333" is not a 12-digit account id.`,
    ],
    [
      "a key id that is not a UUID",
      "arn:aws:kms:us-east-1:111122223333:key/my-key",
      `KMS key ARN "arn:aws:kms:us-east-1:111122223333:key/my-key" is not valid: ${KMS_SHAPE}. Its resource "key/my-key" is not key/ followed by a key id (a lower-case UUID, or mrk- and 32 hex digits).`,
    ],
    [
      "a bare key id",
      KEY_ID,
      `KMS key ARN "${KEY_ID}" is not valid: ${KMS_SHAPE}. It does not start with "arn:" or has fewer than six ":"-separated fields.`,
    ],
    [
      "an empty region",
      `arn:aws:kms::111122223333:key/${KEY_ID}`,
      `KMS key ARN "arn:aws:kms::111122223333:key/${KEY_ID}" is not valid: ${KMS_SHAPE}. Its region "" is not a region code such as us-east-1.`,
    ],
    [
      "an unknown partition",
      `arn:aws-eu:kms:eu-west-1:111122223333:key/${KEY_ID}`,
      `KMS key ARN "arn:aws-eu:kms:eu-west-1:111122223333:key/${KEY_ID}" is not valid: ${KMS_SHAPE}. Its partition "aws-eu" is not one of aws, aws-cn, aws-us-gov.`,
    ],
    [
      "a China key in a us-east-1 stack",
      `arn:aws-cn:kms:cn-north-1:111122223333:key/${KEY_ID}`,
      `KMS key ARN "arn:aws-cn:kms:cn-north-1:111122223333:key/${KEY_ID}" is in partition aws-cn, but the stack's region us-east-1 is in partition aws: a role cannot reach resources of another partition. Use one from partition aws.`,
    ],
  ])("rejects %s with the exact message", (_what, arn, message) => {
    // GIVEN / WHEN
    const asInput = roleProblems({ inputKmsKeyArns: [KEY_A, arn] });
    const asOutput = roleProblems({ outputKmsKeyArns: [arn] });
    // THEN
    expect(asInput).toEqual([at("inputKmsKeyArns[1]", message)]);
    expect(asOutput).toEqual([at("outputKmsKeyArns[0]", message)]);
  });

  it("rejects a commercial key in a China stack", () => {
    // GIVEN
    const arn = `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}`;
    // WHEN
    const problems = roleProblems({ inputKmsKeyArns: [arn] }, "cn-north-1");
    // THEN
    expect(problems).toEqual([
      at(
        "inputKmsKeyArns[0]",
        `KMS key ARN "${arn}" is in partition aws, but the stack's region cn-north-1 is in partition aws-cn: a role cannot reach resources of another partition. Use one from partition aws-cn.`,
      ),
    ]);
  });

  it("rejects a GovCloud key in a us-east-1 stack", () => {
    // GIVEN
    const arn = `arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/${KEY_ID}`;
    // WHEN
    const problems = roleProblems({ outputKmsKeyArns: [arn] });
    // THEN
    // Only the start of the ARN is asserted: messages shorten values past 80 characters, which cuts
    // this 83-character ARN (reported to the lead: an ARN should be shown whole).
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^outputKmsKeyArns\[0\]: KMS key ARN "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key\//);
    expect(problems[0]).toContain(
      "is in partition aws-us-gov, but the stack's region us-east-1 is in partition aws: a role cannot reach resources of another partition. Use one from partition aws.",
    );
  });

  it("accepts a key of any partition when the stack's region is unknown", () => {
    // GIVEN
    const stack = plainStack();
    const arn = `arn:aws-cn:kms:cn-north-1:111122223333:key/${KEY_ID}`;
    // WHEN
    new MediaConvertRole(stack, "role", { inputKmsKeyArns: [arn] });
    const tf = synthOf(stack);
    // THEN
    expect(grants(kmsStatements(tf, "role"))).toEqual({ [arn]: ["kms:Decrypt"] });
  });

  it("reports a bad key at each place it is given", () => {
    // GIVEN
    const arn = "arn:aws:kms:us-east-1:111122223333:alias/media";
    // WHEN
    const problems = roleProblems({ inputKmsKeyArns: [arn], outputKmsKeyArns: [KEY_A, arn] });
    // THEN
    expect(problems.map((p) => p.split(": KMS key ARN")[0])).toEqual(["inputKmsKeyArns[0]", "outputKmsKeyArns[1]"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Terraform tokens
// ---------------------------------------------------------------------------------------------

describe("Terraform tokens", () => {
  it("accepts a variable as role name and description and writes them as references", () => {
    // GIVEN
    const stack = new MediaConvertStack(Testing.app(), "test", { region: "us-east-1" });
    const roleName = new TerraformVariable(stack, "role_name", { type: "string" }).stringValue;
    const description = new TerraformVariable(stack, "role_description", { type: "string" }).stringValue;
    // WHEN
    new MediaConvertRole(stack, "role", { roleName, description });
    // THEN
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(IamRole, { name: "${var.role_name}", description: "${var.role_description}" });
  });

  it("accepts tokens in the key lists and writes them as references in the policy", () => {
    // GIVEN
    const stack = new MediaConvertStack(Testing.app(), "test", { region: "us-east-1" });
    const variableKey = new TerraformVariable(stack, "input_key", { type: "string" }).stringValue;
    const key = new KmsKey(stack, "output_key", {});
    key.overrideLogicalId("output_key");
    // WHEN
    stack.addRole({ inputKmsKeyArns: [variableKey, KEY_A], outputKmsKeyArns: [key.arn] });
    const tf = synthOf(stack);
    // THEN
    expect(grants(kmsStatements(tf))).toEqual({
      "${var.input_key}": ["kms:Decrypt"],
      [KEY_A]: ["kms:Decrypt"],
      "${aws_kms_key.output_key.arn}": ["kms:GenerateDataKey"],
    });
  });

  it("does not reject a token role name that would be invalid as a literal (Terraform checks it at plan)", () => {
    // GIVEN
    const stack = plainStack();
    const roleName = new TerraformVariable(stack, "role_name", { type: "string", default: "not valid" }).stringValue;
    // WHEN
    const create = () => new MediaConvertRole(stack, "role", { roleName });
    // THEN
    expect(create).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// Resource addresses
// ---------------------------------------------------------------------------------------------

describe("resource addresses", () => {
  const PROD = { roleName: "Prod.Transcode@Team-1", inputKmsKeyArns: [KEY_A] };

  it("derives every address from the role name, without hashes", () => {
    // GIVEN / WHEN
    const tf = synthStack([{}, PROD, { roleName: "2024=Archive,Jobs+" }]);
    // THEN
    expect(addresses(tf)).toEqual([
      "aws_iam_role.mediaconvert_default_role",
      "aws_iam_role.prod_transcode_team_1",
      "aws_iam_role.role_2024_archive_jobs_",
      "aws_iam_role_policy.prod_transcode_team_1_kms",
      "aws_iam_role_policy_attachment.mediaconvert_default_role_api_gateway_invoke_full_access",
      "aws_iam_role_policy_attachment.mediaconvert_default_role_s3_full_access",
      "aws_iam_role_policy_attachment.prod_transcode_team_1_api_gateway_invoke_full_access",
      "aws_iam_role_policy_attachment.prod_transcode_team_1_s3_full_access",
      "aws_iam_role_policy_attachment.role_2024_archive_jobs__api_gateway_invoke_full_access",
      "aws_iam_role_policy_attachment.role_2024_archive_jobs__s3_full_access",
      "output.mediaconvert_default_role_role_arn",
      "output.mediaconvert_default_role_role_name",
      "output.prod_transcode_team_1_role_arn",
      "output.prod_transcode_team_1_role_name",
      "output.role_2024_archive_jobs__role_arn",
      "output.role_2024_archive_jobs__role_name",
    ]);
    for (const address of addresses(tf)) expect(address).toMatch(/^[a-z0-9_]+\.[a-z0-9_]+$/);
  });

  it.each([
    ["added before it", [{ roleName: "Archive" }, PROD]],
    ["added after it", [PROD, { roleName: "Zeta" }]],
    ["added on both sides", [{ roleName: "Archive" }, PROD, { roleName: "Zeta" }]],
  ])("keeps a role's addresses and contents when other roles are %s", (_what, roles) => {
    // GIVEN
    const alone = synthStack([PROD]);
    // WHEN
    const withOthers = synthStack(roles);
    // THEN
    const mine = blocksOf(alone, "prod_transcode_team_1");
    expect(Object.keys(mine)).toHaveLength(6);
    expect(blocksOf(withOthers, "prod_transcode_team_1")).toEqual(mine);
  });

  it("keeps a role's addresses when another role is removed", () => {
    // GIVEN
    const before = synthStack([{ roleName: "Archive" }, PROD]);
    // WHEN
    const after = synthStack([PROD]);
    // THEN
    expect(blocksOf(after, "prod_transcode_team_1")).toEqual(blocksOf(before, "prod_transcode_team_1"));
    expect(blocksOf(after, "archive")).toEqual({});
  });
});
