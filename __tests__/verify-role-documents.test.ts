/**
 * `roleDocuments` (lib/core/role-documents.ts) gives the documents `verify` evaluates without
 * cdktf; the construct synthesizes its resources from the same builders. These tests synthesize
 * the construct for the same props and compare what Terraform gets (trust policy, inline
 * policies, managed-policy attachments, permissions boundary) with `roleDocuments`, so the two
 * cannot drift.
 */
import { Testing } from "cdktf";
import { MediaConvertRoleProps, MediaConvertStack } from "../lib";
import { roleDocuments } from "../lib/core/role-documents";
import { ACCOUNT, INPUT_KEY, JOB_KEY, KANTAR_SECRET, kmsKeyArn, OUTPUT_KEY, queueArn, REGION, SPEKE_API } from "./support/fixtures";

type Json = Record<string, unknown>;
type Resources = Record<string, Record<string, Json> | undefined>;

/** The caller-identity reference the construct writes where no account id is known. */
const DEPLOYING_ACCOUNT_REFERENCE = "${data.aws_caller_identity.current.account_id}";
const DECRYPTION_KEY = kmsKeyArn("2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901");

/** What Terraform gets for the role: its documents, read back from the synthesized JSON. */
function synthesized(stack: { region: string; accountId?: string }, props: MediaConvertRoleProps) {
  const app = Testing.app();
  const s = new MediaConvertStack(app, "test", stack);
  const role = s.addRole(props);
  const resources = (JSON.parse(Testing.synth(s)) as { resource: Resources }).resource;
  const key = role.resourceName;
  const ofRole = (r: Json) => r.role === `\${aws_iam_role.${key}.name}` || r.role === `\${aws_iam_role.${key}.id}`;
  const roleResource = resources.aws_iam_role![key];
  return {
    trust: JSON.parse(String(roleResource.assume_role_policy)) as unknown,
    inlinePolicies: Object.values(resources.aws_iam_role_policy ?? {})
      .filter(ofRole)
      .map((p) => ({ name: p.name, document: JSON.parse(String(p.policy)) as unknown })),
    // Attachments are listed by Terraform address; the order means nothing to IAM.
    managedPolicyArns: Object.values(resources.aws_iam_role_policy_attachment ?? {})
      .filter(ofRole)
      .map((a) => String(a.policy_arn))
      .sort(),
    permissionsBoundary: roleResource.permissions_boundary,
  };
}

/** The same, from `roleDocuments`, as plain JSON. */
function computed(stack: { region: string; accountId?: string }, props: MediaConvertRoleProps) {
  const docs = roleDocuments(props, stack, DEPLOYING_ACCOUNT_REFERENCE);
  return JSON.parse(
    JSON.stringify({
      trust: docs.trust,
      inlinePolicies: docs.inlinePolicies.map((p) => ({ name: p.name, document: p.document })),
      managedPolicyArns: [...docs.managedPolicyArns].sort(),
      permissionsBoundary: docs.permissionsBoundary,
    }),
  ) as unknown;
}

const STACK = { region: REGION, accountId: ACCOUNT };

describe("roleDocuments gives exactly the documents the construct synthesizes", () => {
  it.each<[string, { region: string; accountId?: string }, MediaConvertRoleProps]>([
    ["the console's default role", STACK, {}],
    ["the default role in a stack without an account id", { region: REGION }, {}],
    ["the default role in aws-cn", { region: "cn-north-1", accountId: ACCOUNT }, {}],
    ["the default role in aws-us-gov with the role's own account id", { region: "us-gov-west-1" }, { accountId: ACCOUNT }],
    [
      "a full-access role with keys, decryption keys, Kantar secrets and a boundary",
      STACK,
      {
        roleName: "Transcoder",
        inputKmsKeyArns: [INPUT_KEY],
        outputKmsKeyArns: [OUTPUT_KEY],
        outputMultipartUpload: true,
        jobEncryptionKmsKeyArns: [JOB_KEY],
        decryptionKmsKeyArns: [DECRYPTION_KEY],
        kantarSecretArns: [KANTAR_SECRET],
        permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/media-boundary`,
        attachApiGatewayInvokeFullAccess: false,
      },
    ],
    ["a full-access role without managed policies", STACK, { attachS3FullAccess: false, attachApiGatewayInvokeFullAccess: false }],
    ["a role without confused-deputy protection", STACK, { confusedDeputyProtection: false }],
    ["a role that trusts two queues", STACK, { trustedQueueArns: [queueArn("Default"), queueArn("premium")] }],
    [
      "a scoped role with every kind of grant",
      STACK,
      {
        roleName: "Scoped",
        access: "scoped",
        inputs: [{ bucket: "media-in", prefix: "source/", kmsKeyArn: INPUT_KEY }, { bucket: "media-assets" }],
        outputs: [
          { bucket: "media-out", prefix: "hls/", allowAcl: true, kmsKeyArn: OUTPUT_KEY },
          { bucket: "media-archive", prefix: "mp4/" },
        ],
        jobEncryptionKmsKeyArns: [JOB_KEY],
        decryptionKmsKeyArns: [DECRYPTION_KEY],
        spekeApiArns: [SPEKE_API, `arn:aws:execute-api:${REGION}:${ACCOUNT}:f6g7h8i9j0/nielsen/POST/tic`],
        kantarSecretArns: [KANTAR_SECRET, `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kantar/other`],
        trustedQueueArns: [queueArn("premium")],
        outputMultipartUpload: true,
      },
    ],
    ["a scoped role in a stack without an account id", { region: REGION }, { access: "scoped", outputs: [{ bucket: "media-out" }] }],
  ])("for %s", (_what, stack, props) => {
    // GIVEN the same stack and props / WHEN both are made
    const fromConstruct = JSON.parse(JSON.stringify(synthesized(stack, props))) as unknown;
    const fromProps = computed(stack, props);
    // THEN they are equal, document for document
    expect(fromProps).toEqual(fromConstruct);
  });

  it("names the role's ARN and the pinned account when the stack knows its account, and neither when it does not", () => {
    // GIVEN / WHEN
    const known = roleDocuments({ roleName: "Transcoder", path: "/media/" }, STACK);
    const unknown = roleDocuments({ roleName: "Transcoder" }, { region: REGION });
    // THEN
    expect([known.roleArn, known.trustedAccount]).toEqual([`arn:aws:iam::${ACCOUNT}:role/media/Transcoder`, ACCOUNT]);
    expect([unknown.roleArn, unknown.trustedAccount, unknown.confusedDeputyProtection]).toEqual([undefined, undefined, true]);
  });
});
