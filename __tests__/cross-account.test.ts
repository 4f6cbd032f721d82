/**
 * The other side of every grant: scoped locations pinned to their bucket's owner
 * (`aws:ResourceAccount`), and the bucket and key policy statements the owners of other accounts'
 * buckets and keys must add, from the construct (`resourcePolicies`) and from the config
 * (`resource-policies.json` and its section of `permissions.md`). What they allow is evaluated
 * with @cloud-copilot/iam-simulate: another account's bucket or key is reached only with both
 * the role's policy and the resource's policy, and a same-named bucket of a stranger not at all.
 */
import "cdktf/lib/testing/adapters/jest";
import * as fs from "fs";
import * as path from "path";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { TerraformOutput, TerraformVariable, Testing } from "cdktf";
import { MediaConvertRoleProps, MediaConvertStack, MediaConvertStackProps, MediaConvertValidationError, PolicyDocument } from "../lib";
import { Config } from "../lib/app/config";
import { synthesizeConfig } from "../lib/app/synth";
import { ACCOUNT, OTHER_ACCOUNT, REGION } from "./support/fixtures";
import { evaluate, identityPoliciesOf, PolicyJson, synthesizeRole } from "./support/simulate";
import { makeTempDir } from "./support/paths";

const PARTNER = OTHER_ACCOUNT;
const STRANGER = "777788889999";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/Media`;
const PARTNER_KEY = `arn:aws:kms:${REGION}:${PARTNER}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OWN_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/2234abcd-12ab-34cd-56ef-1234567890ab`;

/** Reads from the partner's masters, writes renditions to the partner (with a key of theirs), and scratch to any owner. */
const PROPS: MediaConvertRoleProps = {
  roleName: "Media",
  access: "scoped",
  inputs: [{ bucket: "media-in", prefix: "source/", kmsKeyArn: OWN_KEY }, { bucket: "partner-masters", prefix: "masters/", bucketOwner: PARTNER }],
  outputs: [
    { bucket: "partner-renditions", prefix: "hls/", bucketOwner: PARTNER, kmsKeyArn: PARTNER_KEY },
    { bucket: "scratch", bucketOwner: "any", allowAcl: true },
  ],
};

/** The role in a stack of ACCOUNT, and its scoped statements. */
function roleIn(props: MediaConvertRoleProps = PROPS, stackProps: MediaConvertStackProps = { region: REGION, accountId: ACCOUNT }) {
  const stack = new MediaConvertStack(Testing.app(), "media", stackProps);
  const role = stack.addRole(props);
  const json = JSON.parse(Testing.synth(stack));
  return { stack, role, json, statements: JSON.parse(json.resource.aws_iam_role_policy.media_scoped.policy).Statement as Record<string, unknown>[] };
}

const pinnedTo = (owner: string) => ({ StringEquals: { "aws:ResourceAccount": owner } });

describe("bucket owners", () => {
  it("pins each location to its bucketOwner, the stack's account by default, and no owner for \"any\"", () => {
    // GIVEN / WHEN
    const { statements } = roleIn();
    // THEN
    const on = (resource: string) => statements.filter((s) => (s.Resource as string[]).includes(resource)).map((s) => [s.Action, s.Condition]);
    expect(on("arn:aws:s3:::media-in/source/*")).toEqual([[["s3:GetObject"], pinnedTo(ACCOUNT)]]);
    expect(on("arn:aws:s3:::partner-masters/masters/*")).toEqual([[["s3:GetObject"], pinnedTo(PARTNER)]]);
    expect(on("arn:aws:s3:::partner-renditions")).toEqual([
      [["s3:GetBucketLocation"], pinnedTo(PARTNER)],
      [["s3:ListBucket"], { ...pinnedTo(PARTNER), StringLike: { "s3:prefix": ["hls/*"] } }],
    ]);
    expect(on("arn:aws:s3:::scratch/*")).toEqual([[["s3:PutObject", "s3:PutObjectAcl"], undefined]]);
  });

  it("pins the buckets to the deploying account, read by Terraform, when no account id is known", () => {
    // GIVEN / WHEN
    const { json, statements } = roleIn({ roleName: "Media", access: "scoped", outputs: [{ bucket: "media-out" }] }, { region: REGION });
    // THEN
    expect(statements.map((s) => s.Condition)).toEqual([pinnedTo("${data.aws_caller_identity.current.account_id}"), pinnedTo("${data.aws_caller_identity.current.account_id}")]);
    expect(JSON.stringify(json)).toHaveDataSource(DataAwsCallerIdentity);
  });

  it("takes a Terraform reference as the owner, left to Terraform", () => {
    // GIVEN
    const stack = new MediaConvertStack(Testing.app(), "media", { region: REGION, accountId: ACCOUNT });
    const owner = new TerraformVariable(stack, "partner_account", { type: "string" });
    // WHEN
    stack.addRole({ roleName: "Media", access: "scoped", outputs: [{ bucket: "partner-out", bucketOwner: owner.stringValue }] });
    // THEN
    const policy = JSON.parse(JSON.parse(Testing.synth(stack)).resource.aws_iam_role_policy.media_scoped.policy);
    expect(policy.Statement.map((s: { Condition: unknown }) => s.Condition)).toEqual([pinnedTo("${var.partner_account}"), pinnedTo("${var.partner_account}")]);
  });

  it("warns at synth about the buckets any owner may hold", () => {
    // GIVEN / WHEN
    const { role } = roleIn();
    // THEN
    expect(role.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data)).toEqual([
      'Role "Media" may reach bucket "scratch" whoever owns it (bucketOwner "any"): bucket names are global, and a deleted bucket\'s name can be taken by another account. Give the owner\'s account id as bucketOwner where you know it.',
    ]);
  });

  it("refuses an owner that is neither an account id nor \"any\", naming the value, the rule and the fix", () => {
    // GIVEN
    const stack = new MediaConvertStack(Testing.app(), "media", { region: REGION, accountId: ACCOUNT });
    // WHEN
    let error: unknown;
    try {
      stack.addRole({ roleName: "Media", access: "scoped", outputs: [{ bucket: "partner-out", bucketOwner: "4444-5555-6666" }] });
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(MediaConvertValidationError);
    expect((error as MediaConvertValidationError).problems).toEqual([
      'outputs[0].bucketOwner: Bucket owner "4444-5555-6666" is not valid: a bucket owner is the 12-digit id of the AWS account that owns the bucket, or "any". Give the owner\'s account id as a string of 12 digits (keep leading zeros), or "any" to let the role reach the bucket whoever owns it.',
    ]);
  });
});

describe("the construct's resource policies", () => {
  it("lists per bucket the role's statements on it, with the role as principal, and the Object Ownership its owner should set", () => {
    // GIVEN / WHEN
    const { stack, role } = roleIn();
    // THEN
    const buckets = role.permissions.resourcePolicies.buckets;
    expect(buckets.map((b) => [b.bucket, b.owner, b.objectOwnership])).toEqual([
      ["media-in", ACCOUNT, undefined],
      ["partner-masters", PARTNER, undefined],
      ["partner-renditions", PARTNER, "BucketOwnerEnforced"],
      ["scratch", undefined, "BucketOwnerPreferred"],
    ]);
    expect(buckets[2].document).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: ROLE_ARN }, Action: ["s3:GetBucketLocation"], Resource: ["arn:aws:s3:::partner-renditions"] },
        { Effect: "Allow", Principal: { AWS: ROLE_ARN }, Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::partner-renditions"], Condition: { StringLike: { "s3:prefix": ["hls/*"] } } },
        { Effect: "Allow", Principal: { AWS: ROLE_ARN }, Action: ["s3:PutObject"], Resource: ["arn:aws:s3:::partner-renditions/hls/*"] },
      ],
    });
    // The construct's own: the role's ARN as a Terraform reference, rendered for Terraform.
    new TerraformOutput(stack, "partner_renditions_policy", { value: role.resourcePolicies.buckets[2].json });
    expect(JSON.parse(Testing.synth(stack)).output.partner_renditions_policy.value).toContain('"Principal":{"AWS":"${aws_iam_role.media.arn}"}');
  });

  it("lists per key the role's uses of it, through S3 only, with the key's account", () => {
    // GIVEN / WHEN
    const { role } = roleIn();
    // THEN
    expect(role.permissions.resourcePolicies.keys).toEqual([
      {
        keyArn: OWN_KEY,
        account: ACCOUNT,
        document: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { AWS: ROLE_ARN }, Action: ["kms:Decrypt"], Resource: ["*"], Condition: { StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com` } } }],
        },
      },
      {
        keyArn: PARTNER_KEY,
        account: PARTNER,
        document: {
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { AWS: ROLE_ARN }, Action: ["kms:GenerateDataKey"], Resource: ["*"], Condition: { StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com` } } },
          ],
        },
      },
    ]);
  });
});

describe("what IAM allows across accounts (iam-simulate)", () => {
  const role = synthesizeRole({ region: REGION, accountId: ACCOUNT }, PROPS);
  const { permissions } = roleIn().role;
  const bucketPolicy = (bucket: string) => permissions.resourcePolicies.buckets.find((b) => b.bucket === bucket)!.document as unknown as PolicyJson;
  const keyPolicy = (key: string) => permissions.resourcePolicies.keys.find((k) => k.keyArn === key)!.document as unknown as PolicyJson;
  const NONE: PolicyJson = { Version: "2012-10-17", Statement: [] };
  const ask = (action: string, resource: string, owner: string, policies: { identity: boolean; resource?: PolicyJson }, context: Record<string, string> = {}) =>
    evaluate({
      principal: ROLE_ARN,
      action,
      resource,
      resourceAccount: owner,
      context,
      identityPolicies: policies.identity ? identityPoliciesOf(role) : [],
      resourcePolicy: policies.resource,
    });

  it.each([
    ["s3:GetObject", "arn:aws:s3:::partner-masters/masters/reel.mxf", "partner-masters", {}],
    ["s3:ListBucket", "arn:aws:s3:::partner-masters", "partner-masters", { "s3:prefix": "masters/reel" }],
    ["s3:PutObject", "arn:aws:s3:::partner-renditions/hls/index.m3u8", "partner-renditions", {}],
    ["s3:GetBucketLocation", "arn:aws:s3:::partner-renditions", "partner-renditions", {}],
  ])("%s on the partner's %s: allowed with both policies, denied with either alone", async (action, resource, bucket, context) => {
    // GIVEN / WHEN / THEN
    expect(await ask(action, resource, PARTNER, { identity: true, resource: bucketPolicy(bucket) }, context)).toBe("Allowed");
    expect(await ask(action, resource, PARTNER, { identity: true, resource: NONE }, context)).not.toBe("Allowed");
    expect(await ask(action, resource, PARTNER, { identity: false, resource: bucketPolicy(bucket) }, context)).not.toBe("Allowed");
  });

  it("kms:GenerateDataKey through S3 with the partner's key: allowed with both policies, denied with either alone, and directly", async () => {
    // GIVEN
    const viaS3 = { "kms:ViaService": `s3.${REGION}.amazonaws.com` };
    // WHEN / THEN
    expect(await ask("kms:GenerateDataKey", PARTNER_KEY, PARTNER, { identity: true, resource: keyPolicy(PARTNER_KEY) }, viaS3)).toBe("Allowed");
    expect(await ask("kms:GenerateDataKey", PARTNER_KEY, PARTNER, { identity: true, resource: NONE }, viaS3)).not.toBe("Allowed");
    expect(await ask("kms:GenerateDataKey", PARTNER_KEY, PARTNER, { identity: false, resource: keyPolicy(PARTNER_KEY) }, viaS3)).not.toBe("Allowed");
    expect(await ask("kms:GenerateDataKey", PARTNER_KEY, PARTNER, { identity: true, resource: keyPolicy(PARTNER_KEY) })).not.toBe("Allowed");
  });

  it("denies writing to a same-named bucket that a stranger owns, even when the stranger's bucket policy lets the role in", async () => {
    // GIVEN the name "partner-renditions" taken by another account, whose bucket policy invites the role
    const resource = "arn:aws:s3:::partner-renditions/hls/index.m3u8";
    // WHEN / THEN
    expect(await ask("s3:PutObject", resource, STRANGER, { identity: true, resource: bucketPolicy("partner-renditions") })).not.toBe("Allowed");
    expect(await ask("s3:PutObject", "arn:aws:s3:::media-in/source/x", STRANGER, { identity: true, resource: NONE })).not.toBe("Allowed");
  });

  it("lets the role write to the bucket of any owner only where the config says so (bucketOwner \"any\")", async () => {
    // GIVEN / WHEN / THEN
    expect(await ask("s3:PutObject", "arn:aws:s3:::scratch/out.mp4", ACCOUNT, { identity: true })).toBe("Allowed");
  });
});

describe("resource-policies.json and permissions.md", () => {
  const config: Config = {
    stacks: [
      { name: "media", region: REGION, accountId: ACCOUNT, roles: [PROPS, { roleName: "Archive", access: "scoped", outputs: [{ bucket: "partner-renditions", prefix: "archive/", bucketOwner: PARTNER, allowAcl: true }] }] },
      { name: "plain", region: REGION, accountId: ACCOUNT, roles: [{ roleName: "Plain", access: "scoped", outputs: [{ bucket: "media-out" }] }] },
    ],
  };
  const outdir = path.join(makeTempDir("cross-account"), "cdktf.out");
  const warnings: string[] = [];
  const [media] = synthesizeConfig(config, outdir, { notify: (m) => warnings.push(m) });
  const read = (stack: string, file: string) => fs.readFileSync(path.join(outdir, "stacks", stack, file), "utf8");

  it("lists per bucket and key of another account the statements of every role of the stack, and what Object Ownership to set", () => {
    // GIVEN / WHEN
    const file = JSON.parse(read("media", "resource-policies.json")) as {
      buckets: Record<string, { account: string; objectOwnership?: string; policy: PolicyDocument }>;
      keys: Record<string, { account: string; policy: PolicyDocument }>;
    };
    // THEN the partner's two buckets (not the own account's, nor "any"'s), and the partner's key
    expect(Object.keys(file.buckets)).toEqual(["partner-masters", "partner-renditions"]);
    expect(file.buckets["partner-renditions"].account).toBe(PARTNER);
    // Archive sets ACLs there: bucket owner preferred, with bucket-owner-full-control
    expect(file.buckets["partner-renditions"].objectOwnership).toBe("BucketOwnerPreferred");
    const principals = file.buckets["partner-renditions"].policy.Statement.map((s) => s.Principal?.AWS);
    expect(new Set(principals)).toEqual(new Set([ROLE_ARN, `arn:aws:iam::${ACCOUNT}:role/Archive`]));
    expect(file.buckets["partner-masters"]).not.toHaveProperty("objectOwnership");
    expect(Object.keys(file.keys)).toEqual([PARTNER_KEY]);
    expect(file.keys[PARTNER_KEY].account).toBe(PARTNER);
  });

  it("writes an empty list where no other account must add anything", () => {
    // GIVEN / WHEN / THEN
    expect(JSON.parse(read("plain", "resource-policies.json"))).toEqual({ buckets: {}, keys: {} });
    expect(read("plain", "permissions.md")).toContain("Nothing: every bucket is pinned to its role's account, and every key is of that account.");
  });

  it("says in permissions.md what the partner must add, for which bucket and key, and which buckets are not pinned", () => {
    // GIVEN / WHEN
    const report = read("media", "permissions.md");
    // THEN
    expect(report).toContain(`### Bucket \`partner-renditions\` (account \`${PARTNER}\`)`);
    expect(report).toContain(`### Key \`${PARTNER_KEY}\` (account \`${PARTNER}\`)`);
    expect(report).toContain(`Keys of the role's own account (\`${OWN_KEY}\`) need no key policy statement when their key policy has the account-root statement`);
    expect(report).toContain('Not pinned to an owner (`bucketOwner: "any"`): `scratch`.');
    expect(media.warnings).toEqual([
      'media/media: Role "Media" may reach bucket "scratch" whoever owns it (bucketOwner "any"): bucket names are global, and a deleted bucket\'s name can be taken by another account. Give the owner\'s account id as bucketOwner where you know it.',
    ]);
  });
});
