/**
 * Scoped roles through Terraform: two config files (every scoped feature and role setting in
 * one; a known account with trusted queues in the other) are synthesized, then each stack goes
 * through `terraform init` (AWS provider from the local mirror) and an offline `plan`; the first
 * also through `terraform validate`, which reports warnings (deprecated arguments, ...) that
 * plan does not fail on. The second uses no resource type or argument the first does not, so
 * validating it again would only cost time. A third member is a consumer's own stack (not a
 * config): roles whose buckets and keys come from resources of that stack, so Terraform knows them
 * only after apply. All three are planned in one Terraform run.
 */
import * as fs from "fs";
import * as path from "path";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { App, TerraformStack } from "cdktf";
import { MediaConvertRole } from "../lib";
import { synthesizeConfig } from "../lib/app/synth";
import { loadConfig } from "../lib/app/config";
import { OFFLINE_CALLER_ACCOUNT_ID } from "./support/offline-sts";
import { makeTempDir } from "./support/paths";
import { validateAndPlanTogether } from "./support/plan-batches";
import { TerraformPlan, ValidateResult } from "./support/terraform-plan";
import { ACCOUNT, INPUT_KEY, KANTAR_SECRET, OUTPUT_KEY, queueArn, REGION, SPEKE_API } from "./support/fixtures";

const QUEUES = [queueArn("Default"), queueArn("Priority")];
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/MediaBoundary`;
const TAGS = { team: "video", "cost-center": "1234" };
const TERRAFORM_TIMEOUT_MS = 120_000;

/** Every scoped feature and role setting, in a stack without an account id. */
const EVERYTHING = {
  stacks: [
    {
      name: "everything",
      region: REGION,
      roles: [
        {
          roleName: "Transcoder",
          // ${ and %{ are template sequences in Terraform strings: written escaped, planned literally.
          description: "Scoped MediaConvert role (cost center ${team}, 100%{x})",
          access: "scoped",
          inputs: [{ bucket: "media-in", prefix: "source/", kmsKeyArn: INPUT_KEY }, { bucket: "media-in-plain" }],
          outputs: [{ bucket: "media-out", prefix: "hls/", allowAcl: true, kmsKeyArn: OUTPUT_KEY }, { bucket: "media-archive", prefix: "${season}/%{x}/" }],
          outputMultipartUpload: true,
          spekeApiArns: [SPEKE_API],
          kantarSecretArns: [KANTAR_SECRET],
          path: "/media/",
          permissionsBoundary: BOUNDARY,
          maxSessionDuration: 7200,
          tags: TAGS,
          exclusiveAttachments: true,
          passRolePolicy: true,
        },
      ],
    },
  ],
};

/** A known account: a scoped role for two trusted queues, and the console role next to it. */
const TRUSTED_QUEUES = {
  stacks: [
    {
      name: "queues",
      region: REGION,
      accountId: ACCOUNT,
      roles: [
        { roleName: "Queued", access: "scoped", outputs: [{ bucket: "media-out", prefix: "hls/" }], trustedQueueArns: QUEUES },
        { roleName: "Console" },
      ],
    },
  ],
};

interface Outcome {
  readonly json: Record<string, any>;
  readonly validation: ValidateResult;
  readonly plan: TerraformPlan;
}

let workRoot: string;
const outcomes = new Map<string, Promise<Outcome>>();

/** Writes `config` to a file and synthesizes it through the config path; returns its one stack's directory. */
function synthesize(name: string, config: object): string {
  const file = path.join(workRoot, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  const [stack] = synthesizeConfig(loadConfig(file, {}), path.join(workRoot, name));
  return path.dirname(stack.file);
}

/**
 * A consumer's stack: a KMS key and two buckets (named by prefix) created in the same root, whose
 * ARN and names reach a scoped and a full-access role as tokens, unknown until apply. Returns its directory.
 */
function synthesizeConsumer(): string {
  const outdir = path.join(workRoot, "consumer");
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, "consumer");
  new AwsProvider(stack, "aws", { region: REGION });
  const key = new KmsKey(stack, "media_key", { description: "Media key", deletionWindowInDays: 7 });
  const ingest = new S3Bucket(stack, "ingest", { bucketPrefix: "media-ingest-" });
  const renditions = new S3Bucket(stack, "renditions", { bucketPrefix: "media-renditions-" });
  new MediaConvertRole(stack, "scoped", {
    roleName: "Consumer_Scoped",
    access: "scoped",
    inputs: [{ bucket: ingest.bucket, prefix: "uploads/", kmsKeyArn: key.arn }],
    outputs: [{ bucket: renditions.id, prefix: "hls/", kmsKeyArn: key.arn }],
  });
  new MediaConvertRole(stack, "full", { roleName: "Consumer_Full", inputKmsKeyArns: [key.arn], outputKmsKeyArns: [key.arn] });
  app.synth();
  return path.join(outdir, "stacks", "consumer");
}

beforeAll(() => {
  workRoot = makeTempDir("mediaconvert-scoped-tf");
  const dirs = { everything: synthesize("everything", EVERYTHING), queues: synthesize("queues", TRUSTED_QUEUES), consumer: synthesizeConsumer() };
  // The stacks are validated and planned in one Terraform run.
  const batch = validateAndPlanTogether(Object.entries(dirs).map(([name, dir]) => ({ name, dir })));
  batch.catch(() => undefined); // reported by the tests that await it
  for (const [name, dir] of Object.entries(dirs)) {
    const json = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8")) as Record<string, any>;
    outcomes.set(name, batch.then((results) => ({ json, ...results.get(name)! })));
  }
});

afterAll(async () => {
  await Promise.allSettled(outcomes.values());
  fs.rmSync(workRoot, { recursive: true, force: true });
});

async function outcomeOf(name: string): Promise<Outcome> {
  const outcome = outcomes.get(name);
  if (!outcome) throw new Error(`No Terraform run was started for ${name}.`);
  return outcome;
}

const parsed = (value: unknown): unknown => JSON.parse(String(value));

/** The synthesized document of a resource's policy argument, as Terraform received it. */
function synthesizedPolicy(json: Record<string, any>, type: string, name: string, argument = "policy"): unknown {
  return JSON.parse(json.resource[type][name][argument]);
}

describe("a scoped role with every feature, in a stack without an account id", () => {
  it(
    "passes terraform validate without errors or warnings",
    async () => {
      // GIVEN / WHEN
      const { validation } = await outcomeOf("everything");
      // THEN
      expect(validation?.diagnostics).toEqual([]);
      expect(validation?.valid).toBe(true);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "plans to create the role, its scoped policy, both exclusive resources and the pass-role policy, and no managed policy attachment",
    async () => {
      // GIVEN / WHEN
      const { plan: planned } = await outcomeOf("everything");
      // THEN
      const expected = [
        "aws_iam_policy.transcoder_pass_role",
        "aws_iam_role.transcoder",
        "aws_iam_role_policies_exclusive.transcoder_policies_exclusive",
        "aws_iam_role_policy.transcoder_scoped",
        "aws_iam_role_policy_attachments_exclusive.transcoder_attachments_exclusive",
      ];
      expect(planned.addresses).toEqual(expected);
      for (const address of expected) expect(planned.resource(address).actions).toEqual(["create"]);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "plans the role with its path, boundary, session duration and tags, and a trust policy pinned to the deploying account",
    async () => {
      // GIVEN / WHEN
      const { plan: planned } = await outcomeOf("everything");
      const values = planned.resource("aws_iam_role.transcoder").values;
      // THEN
      expect(values).toMatchObject({
        name: "Transcoder",
        description: "Scoped MediaConvert role (cost center ${team}, 100%{x})",
        path: "/media/",
        permissions_boundary: BOUNDARY,
        max_session_duration: 7200,
        tags: TAGS,
      });
      expect(parsed(values.assume_role_policy)).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "mediaconvert.amazonaws.com" },
            Action: ["sts:AssumeRole"],
            // The stack names no account: data.aws_caller_identity reads the offline STS endpoint's.
            Condition: {
              StringEquals: { "aws:SourceAccount": OFFLINE_CALLER_ACCOUNT_ID },
              ArnLike: { "aws:SourceArn": `arn:aws:mediaconvert:*:${OFFLINE_CALLER_ACCOUNT_ID}:*` },
            },
          },
        ],
      });
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "plans the scoped inline policy exactly as synthesized, naming every declared bucket, key, API and secret",
    async () => {
      // GIVEN / WHEN
      const { plan: planned, json } = await outcomeOf("everything");
      const values = planned.resource("aws_iam_role_policy.transcoder_scoped").values;
      // THEN
      expect(values.name).toBe("mediaconvert-scoped-access");
      const document = parsed(values.policy) as { Statement: { Resource: string[] }[] };
      // The buckets are pinned to the deploying account, which the offline caller identity reads.
      const synthesized = JSON.stringify(synthesizedPolicy(json, "aws_iam_role_policy", "transcoder_scoped"));
      const asPlanned = synthesized.split("${data.aws_caller_identity.current.account_id}").join(OFFLINE_CALLER_ACCOUNT_ID).split("$${").join("${").split("%%{").join("%{");
      expect(document).toEqual(JSON.parse(asPlanned));
      expect(synthesized).toContain('"aws:ResourceAccount":"${data.aws_caller_identity.current.account_id}"');
      expect([...new Set(document.Statement.flatMap((s) => s.Resource))].sort()).toEqual(
        [
          "arn:aws:s3:::media-in",
          "arn:aws:s3:::media-in/source/*",
          "arn:aws:s3:::media-in-plain",
          "arn:aws:s3:::media-in-plain/*",
          "arn:aws:s3:::media-out",
          "arn:aws:s3:::media-out/hls/*",
          "arn:aws:s3:::media-archive",
          "arn:aws:s3:::media-archive/${season}/%{x}/*",
          INPUT_KEY,
          OUTPUT_KEY,
          `${SPEKE_API}/*`,
          KANTAR_SECRET,
        ].sort(),
      );
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "plans the exclusive resources with no managed policy and the scoped policy's name",
    async () => {
      // GIVEN / WHEN
      const { plan: planned } = await outcomeOf("everything");
      // THEN
      expect(planned.resource("aws_iam_role_policy_attachments_exclusive.transcoder_attachments_exclusive").values).toEqual({
        role_name: "Transcoder",
        policy_arns: [],
      });
      expect(planned.resource("aws_iam_role_policies_exclusive.transcoder_policies_exclusive").values).toEqual({
        role_name: "Transcoder",
        policy_names: ["mediaconvert-scoped-access"],
      });
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "plans the pass-role policy, and outputs its ARN and the role's once applied",
    async () => {
      // GIVEN / WHEN
      const { plan: planned } = await outcomeOf("everything");
      const policy = planned.resource("aws_iam_policy.transcoder_pass_role");
      // THEN
      expect(policy.values.name).toBe("Transcoder-pass-role");
      // The policy names the role's ARN, which is known only after apply.
      expect(policy.unknown).toContain("policy");
      expect(planned.outputs).toEqual({
        transcoder_role_name: { known: true, value: "Transcoder", sensitive: false },
        transcoder_role_arn: { known: false, sensitive: false },
        transcoder_pass_role_policy_arn: { known: false, sensitive: false },
      });
    },
    TERRAFORM_TIMEOUT_MS,
  );
});

describe("a stack with an account id and trusted queues", () => {
  it(
    "plans the scoped role with only its inline policy, and the console role with its two attachments",
    async () => {
      // GIVEN / WHEN
      const { plan: planned } = await outcomeOf("queues");
      // THEN
      expect(planned.addresses).toEqual([
        "aws_iam_role.console",
        "aws_iam_role.queued",
        "aws_iam_role_policy.queued_scoped",
        "aws_iam_role_policy_attachment.console_api_gateway_invoke_full_access",
        "aws_iam_role_policy_attachment.console_s3_full_access",
      ]);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "plans a trust policy pinned to the account and to the trusted queues",
    async () => {
      // GIVEN / WHEN
      const { plan: planned } = await outcomeOf("queues");
      // THEN
      expect(parsed(planned.resource("aws_iam_role.queued").values.assume_role_policy)).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "mediaconvert.amazonaws.com" },
            Action: ["sts:AssumeRole"],
            Condition: { ArnLike: { "aws:SourceArn": QUEUES }, StringEquals: { "aws:SourceAccount": ACCOUNT } },
          },
        ],
      });
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "plans the console role's trust policy pinned to any MediaConvert resource of the account",
    async () => {
      // GIVEN / WHEN
      const { plan: planned } = await outcomeOf("queues");
      // THEN
      const trust = parsed(planned.resource("aws_iam_role.console").values.assume_role_policy) as { Statement: { Condition: unknown }[] };
      expect(trust.Statement.map((s) => s.Condition)).toEqual([
        { ArnLike: { "aws:SourceArn": `arn:aws:mediaconvert:*:${ACCOUNT}:*` }, StringEquals: { "aws:SourceAccount": ACCOUNT } },
      ]);
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "restricts the AWS provider to the account (as synthesized; the offline plan clears it)",
    async () => {
      // GIVEN / WHEN
      const { json, plan: planned } = await outcomeOf("queues");
      // THEN
      expect(json.provider.aws).toEqual([{ region: REGION, allowed_account_ids: [ACCOUNT] }]);
      expect(planned.providerArgument("aws", "region")).toBe(REGION);
    },
    TERRAFORM_TIMEOUT_MS,
  );
});

describe("roles in a consumer's stack whose buckets and keys are created in the same root", () => {
  it(
    "pass validation and plan, the key's ARN and the buckets' names unknown until apply",
    async () => {
      // GIVEN / WHEN
      const { validation, plan: planned } = await outcomeOf("consumer");
      // THEN Terraform plans every resource, with no diagnostic
      expect(validation.diagnostics).toEqual([]);
      expect(planned.addresses).toEqual([
        "aws_iam_role.full",
        "aws_iam_role.scoped",
        "aws_iam_role_policy.full_kms",
        "aws_iam_role_policy.scoped_scoped",
        "aws_iam_role_policy_attachment.full_api_gateway_invoke_full_access",
        "aws_iam_role_policy_attachment.full_s3_full_access",
        "aws_kms_key.media_key",
        "aws_s3_bucket.ingest",
        "aws_s3_bucket.renditions",
      ]);
      // AND the policies that name the key and the buckets are known only after apply
      expect(planned.resource("aws_iam_role_policy.scoped_scoped").unknown).toContain("policy");
      expect(planned.resource("aws_iam_role_policy.full_kms").unknown).toContain("policy");
      expect(planned.resource("aws_s3_bucket.ingest").unknown).toContain("bucket");
    },
    TERRAFORM_TIMEOUT_MS,
  );

  it(
    "synthesizes the tokens into the policies as Terraform references",
    async () => {
      // GIVEN / WHEN
      const { json } = await outcomeOf("consumer");
      // THEN
      const scoped = json.resource.aws_iam_role_policy.scoped_scoped.policy as string;
      expect(scoped).toContain("${aws_s3_bucket.ingest.bucket}/uploads/*");
      expect(scoped).toContain("${aws_s3_bucket.renditions.id}/hls/*");
      expect(scoped).toContain("${aws_kms_key.media_key.arn}");
      expect(json.resource.aws_iam_role_policy.full_kms.policy).toContain("${aws_kms_key.media_key.arn}");
    },
    TERRAFORM_TIMEOUT_MS,
  );
});
