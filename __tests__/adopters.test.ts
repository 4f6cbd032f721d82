/**
 * What an adopter meets using the construct in an app of their own: every scope refuses two
 * elements with one Terraform address, JavaScript callers get their mistakes named (no type check
 * stands between them and the props), a role's own account pins its queues, Kantar secrets are
 * granted in both modes, paths and unknown regions are warned about.
 */
import "cdktf/lib/testing/adapters/jest";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack, Testing } from "cdktf";
import { MediaConvertRole, MediaConvertRoleProps, MediaConvertStack } from "../lib";
import { ACCOUNT, KANTAR_SECRET, queueArn, REGION } from "./support/fixtures";
import { problemsOf } from "./support/problems";

/** A plain TerraformStack (not a MediaConvertStack) with an AWS provider, as a consumer's app has. */
function plainStack(app: App = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, "consumer");
  new AwsProvider(stack, "aws", { region: REGION });
  return stack;
}

/** What the validations of every construct in the app report (what synth runs). */
const validationsOf = (app: App): string[] => app.node.findAll().flatMap((c) => c.node.validate());

/** The warnings the constructs of `app` attached. */
const warningsOf = (app: App): string[] =>
  app.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data)));

describe("two elements with one Terraform address", () => {
  it("are refused in a plain TerraformStack, naming both construct paths and both roles", () => {
    // GIVEN two roles whose ids differ but map to the same resource name
    const app = Testing.app();
    const stack = plainStack(app);
    new MediaConvertRole(stack, "a-b", { roleName: "One" });
    new MediaConvertRole(stack, "a_b", { roleName: "Two" });
    // WHEN
    const problems = validationsOf(app);
    // THEN one problem per clashing resource (the role, its two attachments), naming both
    expect(problems).toContain(
      'Terraform address aws_iam_role.a_b is used twice: by consumer/a-b/role (role "One") and by consumer/a_b/role (role "Two"). Resource names are derived from construct ids (lower-cased, other characters as _), so both ids map to the same name, and only one of the two would be synthesized. Give one of them another id.',
    );
    expect(problems.filter((p) => p.startsWith("Terraform address "))).toHaveLength(3);
  });

  it("are refused when a role's derived resource meets a resource of the consumer's own", () => {
    // GIVEN the consumer's role named like the MediaConvert role's resource
    const app = Testing.app();
    const stack = plainStack(app);
    new MediaConvertRole(stack, "media", { roleName: "Media" });
    new IamRole(stack, "theirs", { assumeRolePolicy: "{}" }).overrideLogicalId("media");
    // WHEN / THEN
    expect(validationsOf(app).filter((p) => p.startsWith("Terraform address aws_iam_role.media "))).toHaveLength(1);
  });

  it("are not reported for roles with distinct ids", () => {
    // GIVEN
    const app = Testing.app();
    const stack = plainStack(app);
    new MediaConvertRole(stack, "first", { roleName: "One" });
    new MediaConvertRole(stack, "second", { roleName: "Two" });
    // WHEN / THEN
    expect(validationsOf(app)).toEqual([]);
  });
});

describe("props that reach the construct without a type check (JavaScript)", () => {
  const role = (props: unknown) => problemsOf(() => new MediaConvertRole(plainStack(), "role", props as MediaConvertRoleProps));

  it.each([
    ["a misspelt access", { access: "scopped" }, 'access is not valid: expected one of "full", "scoped", got the string "scopped". Use one of them.'],
    ["a boolean as a string", { passRolePolicy: "yes" }, 'passRolePolicy is not valid: expected true or false, got the string "yes". Write it as true or false.'],
    ["a number as a string", { maxSessionDuration: "3600" }, 'maxSessionDuration is not valid: expected a number, got the string "3600". Write it as a number.'],
    ["a key list as a string", { inputKmsKeyArns: "arn:aws:kms:..." }, 'inputKmsKeyArns is not valid: expected an array of strings, got the string "arn:aws:kms:...". Write it as an array of strings.'],
    ["a misspelt property", { rolename: "Media" }, 'unknown property "rolename". Did you mean "roleName"?'],
    ["a location without a bucket", { access: "scoped", inputs: [{ prefix: "in/" }] }, "inputs[0].bucket: bucket is missing: it is required."],
  ])("fail closed on %s, with the allowed values", (_title, props, message) => {
    // GIVEN / WHEN / THEN
    expect(role(props)).toEqual([message]);
  });
});

describe("a role's own accountId", () => {
  it("refuses trusted queues of another account, in a stack that gives no account", () => {
    // GIVEN / WHEN
    const problems = problemsOf(
      () =>
        new MediaConvertRole(plainStack(), "role", {
          accountId: ACCOUNT,
          trustedQueueArns: [queueArn("Default"), `arn:aws:mediaconvert:${REGION}:444455556666:queues/Default`],
        }),
    );
    // THEN
    expect(problems).toEqual([
      `trustedQueueArns[1]: Queue ARN "arn:aws:mediaconvert:${REGION}:444455556666:queues/Default" belongs to account 444455556666, but the role's accountId pins account ${ACCOUNT}: only jobs of the role's own account can assume it. Use a queue of account ${ACCOUNT}.`,
    ]);
  });
});

describe("Kantar secrets", () => {
  it("are granted to a full-access role too, in an inline policy of their own (the managed policies grant no Secrets Manager action)", () => {
    // GIVEN
    const stack = new MediaConvertStack(Testing.app(), "kantar", { region: REGION, accountId: ACCOUNT });
    stack.addRole({ roleName: "Kantar", kantarSecretArns: [KANTAR_SECRET, `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:plain`] });
    // WHEN
    const synthesized = Testing.synth(stack);
    // THEN
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, {
      name: "kantar-secrets",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue"],
            Resource: [KANTAR_SECRET, `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:plain-??????`],
          },
        ],
      }),
    });
  });
});

describe("warnings at synth", () => {
  it("say that MediaConvert has been reported to fail jobs with a role under a path", () => {
    // GIVEN
    const app = Testing.app();
    new MediaConvertRole(plainStack(app), "role", { roleName: "Pathed", path: "/service-role/" });
    // WHEN / THEN
    expect(warningsOf(app)).toEqual([
      'Role "Pathed" has path "/service-role/": MediaConvert has been reported to fail jobs whose role is under a path other than / (error 1432, "Invalid role provided in RESOURCE_ROLE_ARN"). Keep the path only where your organization requires it (or an adopted role has it), and run a test job with the role before relying on it.',
    ]);
  });

  it.each([
    ["eu-wst-1", "eu-west-1"],
    ["us-est-1", "us-east-1"],
    ["cn-nrth-1", "cn-north-1"],
  ])("say that region %s is unknown, naming the nearest known region of its partition (%s)", (region, nearest) => {
    // GIVEN
    const app = Testing.app();
    new MediaConvertStack(app, "typo", { region, roles: [{}] });
    // WHEN / THEN
    expect(warningsOf(app)).toEqual([
      `Region "${region}" is not a region this version knows (${nearest} is the nearest of its partition). If it is a new AWS region, nothing is wrong; if it is a typo, the provider fails at plan. Check the spelling.`,
    ]);
  });

  it("say nothing of a known region and the root path", () => {
    // GIVEN
    const app = Testing.app();
    new MediaConvertStack(app, "quiet", { region: "ap-southeast-5", roles: [{ path: "/" }] });
    // WHEN / THEN
    expect(warningsOf(app)).toEqual([]);
  });
});
