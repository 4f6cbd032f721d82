/**
 * Scoped access and the role settings, as synthesized Terraform JSON (cdktf Testing): the exact
 * statements of the scoped inline policy, the trust policy's confused-deputy conditions and the
 * warning without them, the role's path, boundary, session duration and tags, the exclusive
 * attachment resources, the pass-role policy, and the merged policy's order independence.
 */
import "cdktf/lib/testing/adapters/jest";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Testing } from "cdktf";
import * as fc from "fast-check";
import { inlinePolicies } from "../lib/core/policies";
import type { InputLocation, OutputLocation } from "../lib/core/role-props";
import { mergeStatements, PolicyStatement } from "../lib/core/policy-document";
import { renderPolicy } from "../lib/core/render-policy";
import { MediaConvertRole, MediaConvertRoleProps } from "../lib/core/role";
import { MediaConvertStack, MediaConvertStackProps } from "../lib/core/stack";
import { ACCOUNT, INPUT_KEY, KANTAR_SECRET, KEY_ID, kmsKeyArn, OTHER_KEY, OUTPUT_KEY, queueArn, REGION, SPEKE_API } from "./support/fixtures";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const ROLE_NAME = "Transcoder";
/** The Terraform resource name of ROLE_NAME. */
const KEY = "transcoder";

const VIA_S3 = { StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com` } };

// Terraform JSON is read as loosely typed data.
type TfJson = Record<string, any>;

interface Synthesized {
  /** The synthesized JSON text, what cdktf's matchers read. */
  readonly text: string;
  readonly tf: TfJson;
  readonly role: MediaConvertRole;
}

/** Synthesizes one stack (eu-west-1, account known unless overridden) with one role, validations on. */
function synth(props: MediaConvertRoleProps, stack: MediaConvertStackProps = { region: REGION, accountId: ACCOUNT }): Synthesized {
  const app = Testing.app();
  const mediaconvert = new MediaConvertStack(app, "test", stack);
  const role = mediaconvert.addRole({ roleName: ROLE_NAME, ...props });
  const text = Testing.synth(mediaconvert, true);
  return { text, tf: JSON.parse(text) as TfJson, role };
}

/** A scoped role's inline policy statements, parsed. */
function scopedStatements(tf: TfJson): PolicyStatement[] {
  return JSON.parse(tf.resource.aws_iam_role_policy[`${KEY}_scoped`].policy).Statement;
}

function trustStatements(tf: TfJson): PolicyStatement[] {
  return JSON.parse(tf.resource.aws_iam_role[KEY].assume_role_policy).Statement;
}

const warningsOf = (role: MediaConvertRole): string[] =>
  role.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));

/** Every (effect, action, resource, condition) a policy grants, one string each, sorted. */
function grantsOf(statements: readonly PolicyStatement[]): string[] {
  const grants = statements.flatMap((s) =>
    s.Action.flatMap((action) => (s.Resource ?? ["*"]).map((resource) => JSON.stringify([s.Effect, action, resource, s.Condition ?? null]))),
  );
  return [...new Set(grants)].sort();
}

const allow = (action: string[], resource: string[], condition?: PolicyStatement["Condition"]): PolicyStatement => ({
  Effect: "Allow",
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});

/** An S3 statement pinned to the bucket owner, the stack's account (every location's default). */
const owned = (action: string[], resource: string[], condition?: PolicyStatement["Condition"]): PolicyStatement =>
  allow(action, resource, { StringEquals: { "aws:ResourceAccount": ACCOUNT }, ...condition });

// ---------------------------------------------------------------------------------------------
// The scoped inline policy
// ---------------------------------------------------------------------------------------------

describe("scoped access: S3 locations", () => {
  it("grants s3:GetObject on the whole input bucket and s3:ListBucket without a condition when the input has no prefix", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { access: "scoped", inputs: [{ bucket: "media-in" }] };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(scopedStatements(tf)).toEqual([
      owned(["s3:GetBucketLocation", "s3:ListBucket"], ["arn:aws:s3:::media-in"]),
      owned(["s3:GetObject"], ["arn:aws:s3:::media-in/*"]),
    ]);
  });

  it("limits s3:GetObject to the input prefix and s3:ListBucket to it with StringLike s3:prefix", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { access: "scoped", inputs: [{ bucket: "media-in", prefix: "source/" }] };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(scopedStatements(tf)).toEqual([
      owned(["s3:GetBucketLocation"], ["arn:aws:s3:::media-in"]),
      owned(["s3:GetObject"], ["arn:aws:s3:::media-in/source/*"]),
      owned(["s3:ListBucket"], ["arn:aws:s3:::media-in"], { StringLike: { "s3:prefix": ["source/*"] } }),
    ]);
  });

  it("grants s3:PutObject in the output prefix, and no s3:PutObjectAcl without allowAcl", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { access: "scoped", outputs: [{ bucket: "media-out", prefix: "hls/" }] };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(scopedStatements(tf)).toEqual([
      owned(["s3:GetBucketLocation"], ["arn:aws:s3:::media-out"]),
      owned(["s3:ListBucket"], ["arn:aws:s3:::media-out"], { StringLike: { "s3:prefix": ["hls/*"] } }),
      owned(["s3:PutObject"], ["arn:aws:s3:::media-out/hls/*"]),
    ]);
  });

  it("adds s3:PutObjectAcl on the output's objects with allowAcl", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { access: "scoped", outputs: [{ bucket: "media-out", prefix: "hls/", allowAcl: true }] };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(scopedStatements(tf)).toEqual([
      owned(["s3:GetBucketLocation"], ["arn:aws:s3:::media-out"]),
      owned(["s3:ListBucket"], ["arn:aws:s3:::media-out"], { StringLike: { "s3:prefix": ["hls/*"] } }),
      owned(["s3:PutObject", "s3:PutObjectAcl"], ["arn:aws:s3:::media-out/hls/*"]),
    ]);
  });

  it("grants s3:PutObjectAcl only on the outputs that allow ACLs", () => {
    // GIVEN
    const props: MediaConvertRoleProps = {
      access: "scoped",
      outputs: [
        { bucket: "media-out", prefix: "hls/", allowAcl: true },
        { bucket: "media-archive" },
      ],
    };
    // WHEN
    const statements = scopedStatements(synth(props).tf);
    // THEN
    expect(statements.filter((s) => s.Action.includes("s3:PutObjectAcl"))).toEqual([
      owned(["s3:PutObject", "s3:PutObjectAcl"], ["arn:aws:s3:::media-out/hls/*"]),
    ]);
    expect(statements.filter((s) => s.Action.includes("s3:PutObject"))).toContainEqual(owned(["s3:PutObject"], ["arn:aws:s3:::media-archive/*"]));
  });

  it("writes bucket ARNs of the stack's partition", () => {
    // GIVEN a stack in China
    const props: MediaConvertRoleProps = { access: "scoped", inputs: [{ bucket: "media-in", prefix: "source/" }] };
    // WHEN
    const { tf } = synth(props, { region: "cn-north-1", accountId: ACCOUNT });
    // THEN
    expect(scopedStatements(tf).flatMap((s) => s.Resource)).toEqual([
      "arn:aws-cn:s3:::media-in",
      "arn:aws-cn:s3:::media-in/source/*",
      "arn:aws-cn:s3:::media-in",
    ]);
  });
});

describe("scoped access: KMS keys", () => {
  const kmsStatements = (tf: TfJson): PolicyStatement[] => scopedStatements(tf).filter((s) => s.Action.some((a) => a.startsWith("kms:")));

  it("grants kms:Decrypt on an input's key and kms:GenerateDataKey on an output's key, only through S3 in the stack's region", () => {
    // GIVEN
    const props: MediaConvertRoleProps = {
      access: "scoped",
      inputs: [{ bucket: "media-in", kmsKeyArn: INPUT_KEY }],
      outputs: [{ bucket: "media-out", kmsKeyArn: OUTPUT_KEY }],
    };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(kmsStatements(tf)).toEqual([allow(["kms:Decrypt"], [INPUT_KEY], VIA_S3), allow(["kms:GenerateDataKey"], [OUTPUT_KEY], VIA_S3)]);
  });

  it("adds kms:Decrypt on output keys with outputMultipartUpload", () => {
    // GIVEN
    const props: MediaConvertRoleProps = {
      access: "scoped",
      inputs: [{ bucket: "media-in", kmsKeyArn: INPUT_KEY }],
      outputs: [{ bucket: "media-out", kmsKeyArn: OUTPUT_KEY }],
      outputMultipartUpload: true,
    };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(kmsStatements(tf)).toEqual([
      allow(["kms:Decrypt", "kms:GenerateDataKey"], [OUTPUT_KEY], VIA_S3),
      allow(["kms:Decrypt"], [INPUT_KEY], VIA_S3),
    ]);
  });

  it("grants kms:Encrypt and kms:GenerateDataKey on job encryption keys, only through S3 in the key's region", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { access: "scoped", outputs: [{ bucket: "media-out" }], jobEncryptionKmsKeyArns: [OUTPUT_KEY] };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(kmsStatements(tf)).toEqual([allow(["kms:Encrypt", "kms:GenerateDataKey"], [OUTPUT_KEY], VIA_S3)]);
  });

  it("grants no KMS action for locations without a key, also with outputMultipartUpload", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { access: "scoped", inputs: [{ bucket: "media-in" }], outputs: [{ bucket: "media-out" }], outputMultipartUpload: true };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(kmsStatements(tf)).toEqual([]);
  });

  it("names the S3 endpoint of a China region in kms:ViaService, with the .amazonaws.com suffix", () => {
    // GIVEN
    const cnKey = kmsKeyArn(KEY_ID, "cn-north-1", ACCOUNT, "aws-cn");
    const props: MediaConvertRoleProps = { access: "scoped", inputs: [{ bucket: "media-in", kmsKeyArn: cnKey }] };
    // WHEN
    const { tf } = synth(props, { region: "cn-north-1", accountId: ACCOUNT });
    // THEN
    expect(kmsStatements(tf)).toEqual([allow(["kms:Decrypt"], [cnKey], { StringEquals: { "kms:ViaService": "s3.cn-north-1.amazonaws.com" } })]);
  });
});

describe("scoped access: SPEKE and Kantar", () => {
  it("grants execute-api:Invoke on every stage, method and path of a SPEKE API given by its bare id", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { access: "scoped", outputs: [{ bucket: "media-out" }], spekeApiArns: [SPEKE_API] };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(scopedStatements(tf).filter((s) => s.Action.includes("execute-api:Invoke"))).toEqual([allow(["execute-api:Invoke"], [`${SPEKE_API}/*`])]);
  });

  it("keeps a SPEKE API ARN that names a stage, method and path as given", () => {
    // GIVEN
    const route = `${SPEKE_API}/prod/POST/copyProtection`;
    const props: MediaConvertRoleProps = { access: "scoped", outputs: [{ bucket: "media-out" }], spekeApiArns: [route, `${SPEKE_API}/*`] };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(scopedStatements(tf).filter((s) => s.Action.includes("execute-api:Invoke"))).toEqual([
      allow(["execute-api:Invoke"], [`${SPEKE_API}/*`, route]),
    ]);
  });

  it("grants secretsmanager:GetSecretValue on exactly the Kantar secrets", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { access: "scoped", outputs: [{ bucket: "media-out" }], kantarSecretArns: [KANTAR_SECRET] };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(scopedStatements(tf).filter((s) => s.Action.includes("secretsmanager:GetSecretValue"))).toEqual([
      allow(["secretsmanager:GetSecretValue"], [KANTAR_SECRET]),
    ]);
  });
});

describe("scoped access: resources", () => {
  it("attaches no managed policy and creates exactly one inline policy, attached to the role", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { access: "scoped", inputs: [{ bucket: "media-in" }], outputs: [{ bucket: "media-out" }] };
    // WHEN
    const { text, tf, role } = synth(props);
    // THEN
    expect(tf.resource.aws_iam_role_policy_attachment).toBeUndefined();
    expect(Object.keys(tf.resource.aws_iam_role_policy)).toEqual([`${KEY}_scoped`]);
    // For aws_iam_role, id and name are the same value: either reference wires the policy to this role.
    expect(text).toHaveResourceWithProperties(IamRolePolicy, {
      name: "mediaconvert-scoped-access",
      role: expect.stringMatching(new RegExp(`^\\$\\{aws_iam_role\\.${KEY}\\.(id|name)\\}$`)),
    });
    expect(role.permissions.managedPolicyArns).toEqual([]);
  });

  it("merges statements that share their actions into one, with sorted and de-duplicated resources", () => {
    // GIVEN two inputs in the order z, a, and the second given twice
    const props: MediaConvertRoleProps = {
      access: "scoped",
      inputs: [
        { bucket: "media-z", prefix: "in/" },
        { bucket: "media-a", prefix: "in/" },
        { bucket: "media-a", prefix: "in/" },
      ],
    };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(scopedStatements(tf)).toEqual([
      owned(["s3:GetBucketLocation"], ["arn:aws:s3:::media-a", "arn:aws:s3:::media-z"]),
      owned(["s3:GetObject"], ["arn:aws:s3:::media-a/in/*", "arn:aws:s3:::media-z/in/*"]),
      owned(["s3:ListBucket"], ["arn:aws:s3:::media-a", "arn:aws:s3:::media-z"], { StringLike: { "s3:prefix": ["in/*"] } }),
    ]);
  });

  it("lists the prefixes of one bucket in one s3:ListBucket statement, and the whole bucket too when a location has no prefix", () => {
    // GIVEN two inputs with different prefixes in one bucket, and an output with and one without a prefix in another
    const props: MediaConvertRoleProps = {
      access: "scoped",
      inputs: [{ bucket: "media-in", prefix: "a/" }, { bucket: "media-in", prefix: "b/" }],
      outputs: [{ bucket: "media-out", prefix: "hls/" }, { bucket: "media-out" }],
    };
    // WHEN
    const listBucket = scopedStatements(synth(props).tf).filter((s) => s.Action.includes("s3:ListBucket"));
    // THEN
    expect(listBucket).toEqual([
      owned(["s3:GetBucketLocation", "s3:ListBucket"], ["arn:aws:s3:::media-out"]),
      owned(["s3:ListBucket"], ["arn:aws:s3:::media-in"], { StringLike: { "s3:prefix": ["a/*", "b/*"] } }),
      owned(["s3:ListBucket"], ["arn:aws:s3:::media-out"], { StringLike: { "s3:prefix": ["hls/*"] } }),
    ]);
  });

  it("synthesizes the same bytes for the same input", () => {
    // GIVEN
    const props: MediaConvertRoleProps = {
      access: "scoped",
      inputs: [{ bucket: "media-in", prefix: "source/", kmsKeyArn: INPUT_KEY }],
      outputs: [{ bucket: "media-out", allowAcl: true, kmsKeyArn: OUTPUT_KEY }],
      spekeApiArns: [SPEKE_API],
      kantarSecretArns: [KANTAR_SECRET],
    };
    // WHEN
    const first = synth(props).tf.resource.aws_iam_role_policy[`${KEY}_scoped`].policy;
    const second = synth(props).tf.resource.aws_iam_role_policy[`${KEY}_scoped`].policy;
    // THEN
    expect(second).toBe(first);
  });
});

// ---------------------------------------------------------------------------------------------
// The merged policy's order independence
// ---------------------------------------------------------------------------------------------

describe("the merged scoped policy, for any order of the declared locations, APIs and secrets", () => {
  const BUCKETS = ["media-a", "media-b", "media-c"];
  const PREFIXES = ["in/", "out/", "source/hls/"];
  const KEYS = [INPUT_KEY, OUTPUT_KEY, OTHER_KEY];
  const APIS = [SPEKE_API, `${SPEKE_API}/prod/POST/speke`, `arn:aws:execute-api:${REGION}:${ACCOUNT}:z9y8x7w6v5`];
  const SECRETS = [KANTAR_SECRET, `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kantar-2-XyZ123`];

  /** A location in one of `buckets`; `prefixes` may give undefined (no prefix), and the key is optional. */
  const location = (buckets: string[], prefixes: fc.Arbitrary<string | undefined>, keys: string[]): fc.Arbitrary<InputLocation> =>
    fc
      .record({ bucket: fc.constantFrom(...buckets), prefix: prefixes, kmsKeyArn: fc.option(fc.constantFrom(...keys), { nil: undefined }) })
      .map(({ bucket, prefix, kmsKeyArn }) => ({ bucket, ...(prefix !== undefined ? { prefix } : {}), ...(kmsKeyArn !== undefined ? { kmsKeyArn } : {}) }));
  const withAcl = (l: fc.Arbitrary<InputLocation>): fc.Arbitrary<OutputLocation> =>
    fc.tuple(l, fc.boolean()).map(([loc, allowAcl]) => ({ ...loc, allowAcl }));
  const shuffled = <T>(values: T[]): fc.Arbitrary<T[]> => fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length });

  interface Scoped {
    inputs: InputLocation[];
    outputs: OutputLocation[];
    spekeApiArns: string[];
    kantarSecretArns: string[];
    outputMultipartUpload: boolean;
  }

  /** A scoped role's lists, and the same lists each in another order. */
  const scopedAndReordered = (inputs: fc.Arbitrary<InputLocation[]>, outputs: fc.Arbitrary<OutputLocation[]>): fc.Arbitrary<[Scoped, Scoped]> =>
    fc
      .record({
        inputs,
        outputs,
        spekeApiArns: fc.subarray(APIS),
        kantarSecretArns: fc.subarray(SECRETS),
        outputMultipartUpload: fc.boolean(),
      })
      .chain((a) =>
        fc
          .record({
            inputs: shuffled(a.inputs),
            outputs: shuffled(a.outputs),
            spekeApiArns: shuffled(a.spekeApiArns),
            kantarSecretArns: shuffled(a.kantarSecretArns),
          })
          .map((b): [Scoped, Scoped] => [a, { ...b, outputMultipartUpload: a.outputMultipartUpload }]),
      );

  const documentOf = (s: Scoped) => inlinePolicies({ access: "scoped", ...s }, { partition: "aws", region: REGION, account: () => ACCOUNT })[0]?.document;

  it("grants the same actions on the same resources under the same conditions", () => {
    // GIVEN any locations (with or without prefixes and keys, buckets shared between inputs and outputs)
    const any = location(BUCKETS, fc.option(fc.constantFrom(...PREFIXES), { nil: undefined }), KEYS);
    fc.assert(
      fc.property(scopedAndReordered(fc.array(any, { maxLength: 4 }), fc.array(withAcl(any), { maxLength: 4 })), ([a, b]) => {
        // WHEN
        const first = documentOf(a);
        const second = documentOf(b);
        // THEN
        expect(grantsOf(second?.Statement ?? [])).toEqual(grantsOf(first?.Statement ?? []));
      }),
      { numRuns: 300 },
    );
  });

  it("renders the same bytes for any order of the same declarations", () => {
    // GIVEN any locations (with or without prefixes and keys, buckets shared between inputs and outputs)
    const any = location(BUCKETS, fc.option(fc.constantFrom(...PREFIXES), { nil: undefined }), KEYS);
    fc.assert(
      fc.property(scopedAndReordered(fc.array(any, { maxLength: 4 }), fc.array(withAcl(any), { maxLength: 4 })), ([a, b]) => {
        // WHEN
        const first = documentOf(a);
        const second = documentOf(b);
        // THEN
        expect(second && renderPolicy(second)).toBe(first && renderPolicy(first));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Trust policy: confused-deputy protection
// ---------------------------------------------------------------------------------------------

const TRUST = { Effect: "Allow", Principal: { Service: "mediaconvert.amazonaws.com" }, Action: ["sts:AssumeRole"] };
describe("statement order", () => {
  it("orders statements by code units, the same in every locale (localeCompare put \"alpha\" before \"Zeta\" in en-US, and \"aa\" after \"z\" in da-DK)", () => {
    // GIVEN statements whose order differs between code units and a locale's collation
    const statement = (sid: string): PolicyStatement => ({ Sid: sid, Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${sid.toLowerCase()}/*`] });
    // WHEN they are merged (and sorted)
    const sids = mergeStatements(["z", "alpha", "aa", "Zeta"].map(statement)).map((s) => s.Sid);
    // THEN
    expect(sids).toEqual(["Zeta", "aa", "alpha", "z"]);
  });
});

describe("the trust policy's confused-deputy conditions", () => {
  it("pins aws:SourceAccount to the stack's account and aws:SourceArn to its MediaConvert resources by default", () => {
    // GIVEN / WHEN
    const { tf, role } = synth({});
    // THEN
    expect(trustStatements(tf)).toEqual([
      {
        ...TRUST,
        Condition: {
          ArnLike: { "aws:SourceArn": `arn:aws:mediaconvert:*:${ACCOUNT}:*` },
          StringEquals: { "aws:SourceAccount": ACCOUNT },
        },
      },
    ]);
    expect(warningsOf(role)).toEqual([]);
  });

  it("pins them in scoped mode as well, with the partition of the stack", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { access: "scoped", inputs: [{ bucket: "media-in" }] };
    // WHEN
    const { tf } = synth(props, { region: "us-gov-west-1", accountId: ACCOUNT });
    // THEN
    expect(trustStatements(tf)[0].Condition).toEqual({
      ArnLike: { "aws:SourceArn": `arn:aws-us-gov:mediaconvert:*:${ACCOUNT}:*` },
      StringEquals: { "aws:SourceAccount": ACCOUNT },
    });
  });

  it("narrows aws:SourceArn to the trusted queues, sorted and de-duplicated", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { trustedQueueArns: [queueArn("Priority"), queueArn("Default"), queueArn("Priority")] };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(trustStatements(tf)).toEqual([
      {
        ...TRUST,
        Condition: {
          ArnLike: { "aws:SourceArn": [queueArn("Default"), queueArn("Priority")] },
          StringEquals: { "aws:SourceAccount": ACCOUNT },
        },
      },
    ]);
  });

  it("sets no condition and gives no warning with confusedDeputyProtection false", () => {
    // GIVEN a stack with an account and one without
    for (const stack of [{ region: REGION, accountId: ACCOUNT }, { region: REGION }]) {
      // WHEN
      const { tf, role } = synth({ confusedDeputyProtection: false }, stack);
      // THEN
      expect(trustStatements(tf)).toEqual([TRUST]);
      expect(warningsOf(role)).toEqual([]);
    }
  });

  it("pins the deploying account through data.aws_caller_identity, without a warning, when the stack's account is unknown", () => {
    // GIVEN / WHEN
    const { tf, role } = synth({ access: "scoped", outputs: [{ bucket: "media-out" }] }, { region: REGION });
    // THEN
    const caller = "${data.aws_caller_identity.current.account_id}";
    expect(trustStatements(tf)).toEqual([
      { ...TRUST, Condition: { ArnLike: { "aws:SourceArn": `arn:aws:mediaconvert:*:${caller}:*` }, StringEquals: { "aws:SourceAccount": caller } } },
    ]);
    expect((tf as { data?: Record<string, unknown> }).data?.aws_caller_identity).toEqual({ current: {} });
    expect(warningsOf(role)).toEqual([]);
    expect(role.permissions.warnings).toEqual([]);
    expect(role.permissions.trustedAccount).toBe("<the deploying account>");
  });

  it("reads no caller identity when the account is known or the protection is off", () => {
    // GIVEN / WHEN
    const known = synth({}, { region: REGION, accountId: ACCOUNT });
    const off = synth({ confusedDeputyProtection: false }, { region: REGION });
    // THEN
    for (const { tf } of [known, off]) expect((tf as { data?: Record<string, unknown> }).data?.aws_caller_identity).toBeUndefined();
    expect(off.role.permissions.trustedAccount).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Role settings
// ---------------------------------------------------------------------------------------------

describe("role settings", () => {
  it("writes path, permissions boundary, maximum session duration and tags on aws_iam_role", () => {
    // GIVEN
    const props: MediaConvertRoleProps = {
      path: "/media/transcoding/",
      permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/MediaBoundary`,
      maxSessionDuration: 7200,
      tags: { team: "video", "cost-center": "1234" },
    };
    // WHEN
    const { text } = synth(props);
    // THEN
    expect(text).toHaveResourceWithProperties(IamRole, {
      name: ROLE_NAME,
      path: "/media/transcoding/",
      permissions_boundary: `arn:aws:iam::${ACCOUNT}:policy/MediaBoundary`,
      max_session_duration: 7200,
      tags: { team: "video", "cost-center": "1234" },
    });
  });

  it("accepts an AWS managed policy as permissions boundary", () => {
    // GIVEN
    const boundary = "arn:aws:iam::aws:policy/PowerUserAccess";
    // WHEN
    const { text } = synth({ permissionsBoundary: boundary });
    // THEN
    expect(text).toHaveResourceWithProperties(IamRole, { name: ROLE_NAME, permissions_boundary: boundary });
  });

  it.each([3600, 43200])("accepts a maximum session duration of %i seconds", (seconds) => {
    // GIVEN / WHEN
    const { text } = synth({ maxSessionDuration: seconds });
    // THEN
    expect(text).toHaveResourceWithProperties(IamRole, { name: ROLE_NAME, max_session_duration: seconds });
  });

  it("accepts 50 tags", () => {
    // GIVEN
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key-${i}`, `value ${i}`]));
    // WHEN
    const { text } = synth({ tags });
    // THEN
    expect(text).toHaveResourceWithProperties(IamRole, { name: ROLE_NAME, tags });
  });

  it("leaves path, boundary, session duration and tags to IAM's defaults when not given", () => {
    // GIVEN / WHEN
    const { tf } = synth({});
    // THEN
    const role = tf.resource.aws_iam_role[KEY];
    for (const argument of ["path", "permissions_boundary", "max_session_duration", "tags"]) expect(role).not.toHaveProperty(argument);
  });
});

describe("exclusiveAttachments", () => {
  it("makes Terraform own a scoped role's inline policy and an empty list of managed policies", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { access: "scoped", inputs: [{ bucket: "media-in" }], exclusiveAttachments: true };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(tf.resource.aws_iam_role_policy_attachments_exclusive).toEqual({
      [`${KEY}_attachments_exclusive`]: { role_name: `\${aws_iam_role.${KEY}.name}`, policy_arns: [] },
    });
    expect(tf.resource.aws_iam_role_policies_exclusive).toEqual({
      [`${KEY}_policies_exclusive`]: { role_name: `\${aws_iam_role.${KEY}.name}`, policy_names: [`\${aws_iam_role_policy.${KEY}_scoped.name}`] },
    });
  });

  it("lists the console role's two managed policy attachments and its KMS policy", () => {
    // GIVEN
    const props: MediaConvertRoleProps = { inputKmsKeyArns: [INPUT_KEY], exclusiveAttachments: true };
    // WHEN
    const { tf } = synth(props);
    // THEN
    expect(tf.resource.aws_iam_role_policy_attachments_exclusive[`${KEY}_attachments_exclusive`].policy_arns).toEqual([
      `\${aws_iam_role_policy_attachment.${KEY}_s3_full_access.policy_arn}`,
      `\${aws_iam_role_policy_attachment.${KEY}_api_gateway_invoke_full_access.policy_arn}`,
    ]);
    expect(tf.resource.aws_iam_role_policies_exclusive[`${KEY}_policies_exclusive`].policy_names).toEqual([`\${aws_iam_role_policy.${KEY}_kms.name}`]);
  });

  it("lists no inline policy for a console role without KMS keys", () => {
    // GIVEN / WHEN
    const { tf } = synth({ exclusiveAttachments: true });
    // THEN
    expect(tf.resource.aws_iam_role_policies_exclusive[`${KEY}_policies_exclusive`].policy_names).toEqual([]);
  });

  it("creates neither exclusive resource by default", () => {
    // GIVEN / WHEN
    const { tf } = synth({ access: "scoped", inputs: [{ bucket: "media-in" }] });
    // THEN
    expect(tf.resource.aws_iam_role_policy_attachments_exclusive).toBeUndefined();
    expect(tf.resource.aws_iam_role_policies_exclusive).toBeUndefined();
  });
});

describe("passRolePolicy", () => {
  it("creates a policy allowing iam:PassRole on this role only, and only to MediaConvert", () => {
    // GIVEN / WHEN
    const { tf, role } = synth({ access: "scoped", inputs: [{ bucket: "media-in" }], passRolePolicy: true });
    // THEN
    const policy = tf.resource.aws_iam_policy[`${KEY}_pass_role`];
    expect(policy.name).toBe("Transcoder-pass-role");
    expect(policy.description).toBe(
      "Lets the identities it is attached to pass the MediaConvert role Transcoder to MediaConvert, and to nothing else.",
    );
    expect(JSON.parse(policy.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["iam:PassRole"],
          Resource: [`\${aws_iam_role.${KEY}.arn}`],
          Condition: { StringEquals: { "iam:PassedToService": "mediaconvert.amazonaws.com" } },
        },
      ],
    });
    expect(role.permissions.passRolePolicy).toBe(true);
  });

  it("outputs the policy's ARN as <role>_pass_role_policy_arn", () => {
    // GIVEN / WHEN
    const { tf } = synth({ passRolePolicy: true });
    // THEN
    expect(tf.output[`${KEY}_pass_role_policy_arn`]).toEqual({
      value: `\${aws_iam_policy.${KEY}_pass_role.arn}`,
      description: "ARN of the policy that lets job submitters pass Transcoder to MediaConvert: attach it to them.",
    });
  });

  it("creates no policy and no output by default", () => {
    // GIVEN / WHEN
    const { tf } = synth({});
    // THEN
    expect(tf.resource.aws_iam_policy).toBeUndefined();
    expect(Object.keys(tf.output).sort()).toEqual([`${KEY}_role_arn`, `${KEY}_role_name`]);
  });
});
