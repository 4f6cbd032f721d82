/**
 * The evaluator (lib/core/evaluate.ts) against @cloud-copilot/iam-simulate, the project's IAM
 * oracle (AGPL: a test dependency only), with fast-check:
 * - generated role configs (full and scoped: locations with and without prefixes and keys, job
 *   and decryption keys, SPEKE APIs, Kantar secrets, trusted queues, confused-deputy protection)
 *   and requests around them (the same bucket, prefix, key, API, secret and queue, and one
 *   bucket, prefix, key, API, secret or queue away) get the same decision from both, for the
 *   identity policies and for the trust policy;
 * - generated statements over the evaluator's whole grammar (Allow and Deny, wildcards in
 *   actions and resources, the eight condition operators with one or several values, keys in any
 *   case, keys the request lacks, a permissions boundary) get the same three-way decision.
 * The simulator drops `kms:EncryptionContext:<key>` context keys (its service data lists the key
 * only as a template), so both sides get `kms:EncryptionAlgorithm` in its place: the same
 * operator on a single-valued string key of kms:Decrypt, so the same statement shape is decided.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import fc from "fast-check";
import { evaluateIdentityPolicies, evaluateTrustPolicy, awsManagedPolicy, type Decision, type NamedPolicy, type PolicyRequest } from "../lib/core/evaluate";
import { roleDocuments } from "../lib/core/role-documents";
import type { MediaConvertRoleProps } from "../lib/core/role-props";
import { defaultKeyPolicy } from "./support/simulate";
import { ACCOUNT, INPUT_KEY, JOB_KEY, kmsKeyArn, OTHER_ACCOUNT, OUTPUT_KEY, queueArn, REGION, roleArn } from "./support/fixtures";

const ROLE_NAME = "Transcoder";
const ROLE_ARN = roleArn(ROLE_NAME);
const SERVICE = "mediaconvert.amazonaws.com";

const KEYS = [INPUT_KEY, OUTPUT_KEY, JOB_KEY];
const API = (path: string, region = REGION) => `arn:aws:execute-api:${region}:${ACCOUNT}:${path}`;
const SPEKE_APIS = [API("a1b2c3d4e5"), API("a1b2c3d4e5/prod/*"), API("f6g7h8i9j0/nielsen/POST/tic"), API("k1l2m3n4o5/*")];
const secret = (name: string) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}`;
const SECRETS = [secret("kantar/credentials"), secret("kantar/credentials-AbCdEf"), secret("kantar/other")];
const QUEUES = [queueArn("Default"), queueArn("premium"), queueArn("overflow")];
const BUCKETS = ["media-in", "media-out", "media-assets"];
const PREFIXES = ["source/", "hls/", "a/b/", "logs"];

/** The simulator's stand-in for `kms:EncryptionContext:service` (see the file comment). */
const CONTEXT_STAND_IN = "kms:EncryptionAlgorithm";
const standIn = (text: string): string => text.replace(/kms:EncryptionContext:service/gi, CONTEXT_STAND_IN);

const ORACLE: Record<string, Decision> = { Allowed: "allowed", ExplicitlyDenied: "explicit-deny", ImplicitlyDenied: "implicit-deny" };

/** The simulator's decision for the role's identity policies (and a boundary), in strict mode. */
async function oracleIdentity(policies: readonly NamedPolicy[], request: PolicyRequest, boundary?: NamedPolicy): Promise<Decision> {
  const parse = (p: NamedPolicy) => ({ name: p.name, policy: JSON.parse(standIn(JSON.stringify(p.document))) as unknown });
  const context = JSON.parse(standIn(JSON.stringify(request.context ?? {}))) as Record<string, string>;
  const response = await runSimulation(
    {
      request: { principal: ROLE_ARN, action: request.action, resource: { resource: request.resource, accountId: ACCOUNT }, contextVariables: context },
      identityPolicies: policies.map(parse),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      // KMS needs a key policy: the default one lets IAM policies decide.
      ...(request.action.toLowerCase().startsWith("kms:") ? { resourcePolicy: defaultKeyPolicy(ACCOUNT) } : {}),
      ...(boundary !== undefined ? { permissionBoundaryPolicies: [parse(boundary)] } : {}),
    },
    { simulationMode: "Strict" },
  );
  return decisionOf(response, request);
}

async function oracleTrust(trust: unknown, principal: string, request: PolicyRequest): Promise<Decision> {
  const response = await runSimulation(
    {
      request: { principal, action: request.action, resource: { resource: request.resource, accountId: ACCOUNT }, contextVariables: { ...request.context } },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: trust,
    },
    { simulationMode: "Strict" },
  );
  return decisionOf(response, request);
}

function decisionOf(response: Awaited<ReturnType<typeof runSimulation>>, request: PolicyRequest): Decision {
  if (response.resultType === "error") throw new Error(`The simulator rejected ${JSON.stringify(request)}: ${JSON.stringify(response.errors)}`);
  const results = response.resultType === "single" ? [response.result] : response.results;
  const ignored = results.flatMap((r) => r.ignoredContextKeys ?? []);
  if (ignored.length > 0) throw new Error(`The simulator ignored ${ignored.join(", ")} for ${request.action}.`);
  return ORACLE[response.overallResult];
}

/** The role's identity policies as the evaluator and the oracle get them: inline policies and the managed policies' documents. */
function identityPolicies(props: MediaConvertRoleProps): NamedPolicy[] {
  const docs = roleDocuments(props, { region: REGION, accountId: ACCOUNT });
  return [...docs.inlinePolicies.map((p) => ({ name: p.name, document: p.document })), ...docs.managedPolicyArns.map((arn) => awsManagedPolicy(arn)!)];
}

// ---------------------------------------------------------------------------------------------
// Generated role configs, and requests around them

const some = <T>(values: readonly T[]) => fc.subarray([...values], { maxLength: values.length });
const location = fc.record({ bucket: fc.constantFrom(...BUCKETS), prefix: fc.option(fc.constantFrom(...PREFIXES), { nil: undefined }), kmsKeyArn: fc.option(fc.constantFrom(...KEYS), { nil: undefined }) });
const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const common = fc.record({
  roleName: fc.constant(ROLE_NAME),
  jobEncryptionKmsKeyArns: some(KEYS),
  decryptionKmsKeyArns: some(KEYS),
  kantarSecretArns: some(SECRETS),
  outputMultipartUpload: fc.boolean(),
  confusedDeputyProtection: fc.boolean(),
  trustedQueueArns: some(QUEUES),
});
const fullRole: fc.Arbitrary<MediaConvertRoleProps> = fc
  .tuple(common, fc.record({ attachS3FullAccess: fc.boolean(), attachApiGatewayInvokeFullAccess: fc.boolean(), inputKmsKeyArns: some(KEYS), outputKmsKeyArns: some(KEYS) }))
  .map(([c, f]) => ({ ...c, ...f, access: "full" as const }));
const scopedRole: fc.Arbitrary<MediaConvertRoleProps> = fc
  .tuple(
    common,
    fc.record({
      inputs: fc.array(location, { maxLength: 3 }).map((ls) => ls.map(strip)),
      outputs: fc.array(fc.tuple(location, fc.boolean()), { maxLength: 3 }).map((ls) => ls.map(([l, allowAcl]) => strip({ ...l, allowAcl }))),
      spekeApiArns: some(SPEKE_APIS),
    }),
  )
  .map(([c, s]) => ({ ...c, ...s, access: "scoped" as const }));

const s3 = (resource: string) => `arn:aws:s3:::${resource}`;

/** Requests at and one step away from what the config names, plus fixed ones any role may or may not reach. */
function requestsAround(props: MediaConvertRoleProps): PolicyRequest[] {
  const out: PolicyRequest[] = [];
  const objectActions = ["s3:GetObject", "s3:PutObject"];
  const locations = [...(props.inputs ?? []), ...(props.outputs ?? []), { bucket: "media-other", prefix: "source/" }];
  for (const l of locations) {
    const prefix = l.prefix ?? "";
    const keys = [`${prefix}file.mp4`, `${prefix}a/b.ts`, `x${prefix}file.mp4`, `${prefix.slice(0, -1)}file.mp4`];
    for (const k of keys) for (const action of objectActions) out.push({ action, resource: s3(`${l.bucket}/${k}`) }, { action, resource: s3(`${l.bucket}x/${k}`) });
    out.push({ action: "s3:PutObjectAcl", resource: s3(`${l.bucket}/${prefix}file.mp4`), context: { "s3:x-amz-acl": "bucket-owner-full-control" } });
    out.push({ action: "s3:PutObjectAcl", resource: s3(`other-${l.bucket}/${prefix}file.mp4`), context: { "s3:x-amz-acl": "bucket-owner-full-control" } });
    out.push({ action: "s3:ListBucket", resource: s3(l.bucket) }, { action: "s3:ListBucket", resource: s3(l.bucket), context: { "s3:prefix": `${prefix}x` } });
    out.push({ action: "s3:ListBucket", resource: s3(l.bucket), context: { "s3:prefix": `y${prefix}` } }, { action: "s3:GetBucketLocation", resource: s3(l.bucket) });
  }
  const contexts: Record<string, string>[] = [{}, { "kms:ViaService": `s3.${REGION}.amazonaws.com` }, { "kms:ViaService": "s3.us-east-1.amazonaws.com" }];
  for (const k of [...KEYS, kmsKeyArn("99999999-9999-4999-8999-999999999999")]) {
    for (const action of ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"]) for (const context of contexts) out.push({ action, resource: k, context });
    out.push({ action: "kms:Decrypt", resource: k, context: { "kms:EncryptionContext:service": SERVICE } });
    out.push({ action: "kms:Decrypt", resource: k, context: { "kms:EncryptionContext:service": "other.amazonaws.com" } });
  }
  for (const api of ["a1b2c3d4e5/prod/POST/copyProtection", "a1b2c3d4e5/test/POST/keys", "f6g7h8i9j0/nielsen/POST/tic", "f6g7h8i9j0/nielsen/GET/tic", "k1l2m3n4o5/prod/POST/x", "z9y8x7w6v5/prod/POST/keys"]) {
    out.push({ action: "execute-api:Invoke", resource: API(api) }, { action: "execute-api:Invoke", resource: API(api, "us-east-1") });
  }
  out.push({ action: "execute-api:ManageConnections", resource: API("a1b2c3d4e5/prod/POST/@connections") });
  for (const name of ["kantar/credentials-AbCdEf", "kantar/credentials-XyZ123", "kantar/credentialsX-AbCdEf", "kantar/other-Qw3rTy", "kantar/other", "other/secret-AbCdEf"]) {
    out.push({ action: "secretsmanager:GetSecretValue", resource: secret(name) });
  }
  return out;
}

/** Trust requests: MediaConvert (or another service) for a queue of the account, another queue, another account's, with keys missing. */
function trustRequests(): { principal: string; request: PolicyRequest }[] {
  const assume = (context: Record<string, string>) => ({ action: "sts:AssumeRole", resource: ROLE_ARN, context });
  const requests = [
    ...[...QUEUES, queueArn("other")].map((q) => assume({ "aws:SourceArn": q, "aws:SourceAccount": ACCOUNT })),
    assume({ "aws:SourceArn": queueArn("Default", OTHER_ACCOUNT), "aws:SourceAccount": OTHER_ACCOUNT }),
    assume({ "aws:SourceArn": queueArn("Default"), "aws:SourceAccount": OTHER_ACCOUNT }),
    assume({ "aws:SourceAccount": ACCOUNT }),
    assume({}),
  ];
  return [
    ...requests.map((request) => ({ principal: SERVICE, request })),
    { principal: "medialive.amazonaws.com", request: requests[0] },
    { principal: SERVICE, request: { ...requests[0], action: "sts:TagSession" } },
  ];
}

/** Fixed, so that a run is repeatable; ORACLE_SEED=<n> explores others. */
const SEED = Number(process.env.ORACLE_SEED ?? 19);
const GRAMMAR_RUNS = 600;

describe("the evaluator decides as the IAM simulator", () => {
  it("on generated role configs and requests at and around what they grant", async () => {
    // GIVEN role configs, full and scoped, and for each a sample of the requests around it
    const cases = fc.oneof(fullRole, scopedRole).chain((props) => fc.tuple(fc.constant(props), fc.shuffledSubarray(requestsAround(props), { minLength: 10, maxLength: 40 })));
    const seen: Record<Decision, number> = { allowed: 0, "explicit-deny": 0, "implicit-deny": 0 };
    await fc.assert(
      fc.asyncProperty(cases, async ([props, requests]) => {
        const policies = identityPolicies(props);
        for (const request of requests) {
          // WHEN both decide
          const ours = evaluateIdentityPolicies(policies, request).decision;
          const oracle = await oracleIdentity(policies, request);
          seen[ours]++;
          // THEN they agree
          if (ours !== oracle) throw new Error(`${JSON.stringify(request)}: evaluator ${ours}, simulator ${oracle}, for ${JSON.stringify(props)}`);
        }
      }),
      { numRuns: 60, seed: SEED },
    );
    // and the requests were both allowed and denied, each often (the roles have no Deny statements)
    expect([seen.allowed, seen["implicit-deny"]].every((n) => n > 200)).toBe(true);
  });

  it("on the trust policies of generated role configs, for queues of the account, other queues and other accounts", async () => {
    // GIVEN role configs with and without protection and trusted queues
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fullRole, scopedRole), async (props) => {
        const trust = roleDocuments(props, { region: REGION, accountId: ACCOUNT }).trust;
        for (const { principal, request } of trustRequests()) {
          // WHEN both decide
          const ours = evaluateTrustPolicy({ name: "trust", document: trust }, principal, request).decision;
          const oracle = await oracleTrust(trust, principal, request);
          checked++;
          // THEN they agree
          if (ours !== oracle) throw new Error(`${principal} ${JSON.stringify(request)}: evaluator ${ours}, simulator ${oracle}, for ${JSON.stringify(trust)}`);
        }
      }),
      { numRuns: 30, seed: SEED },
    );
    expect(checked).toBeGreaterThan(250);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated statements over the whole grammar

/** The requests the grammar's statements are aimed at, each with the context keys its action takes. */
const GRAMMAR_REQUESTS: readonly { action: string; resource: string; keys: readonly string[] }[] = [
  { action: "s3:GetObject", resource: s3("media-in/source/a.mp4"), keys: [] },
  { action: "s3:PutObjectAcl", resource: s3("media-out/hls/x.ts"), keys: ["s3:x-amz-acl"] },
  { action: "kms:Decrypt", resource: KEYS[0], keys: ["kms:ViaService", "kms:EncryptionContext:service"] },
  { action: "execute-api:Invoke", resource: API("a1b2c3d4e5/prod/POST/keys"), keys: [] },
  { action: "secretsmanager:GetSecretValue", resource: secret("kantar/credentials-AbCdEf"), keys: [] },
];
const GLOBAL_KEYS = ["aws:SecureTransport", "aws:SourceAccount", "aws:SourceArn"];
const VALUES: Readonly<Record<string, readonly string[]>> = {
  "s3:x-amz-acl": ["bucket-owner-full-control", "private"],
  "kms:ViaService": [`s3.${REGION}.amazonaws.com`, "s3.us-east-1.amazonaws.com"],
  "kms:EncryptionContext:service": [SERVICE, "other.amazonaws.com"],
  "aws:SecureTransport": ["true", "false"],
  "aws:SourceAccount": [ACCOUNT, OTHER_ACCOUNT],
  "aws:SourceArn": [queueArn("Default"), queueArn("premium", OTHER_ACCOUNT)],
};
const ALL_KEYS = Object.keys(VALUES);

/** A string changed a little: a character replaced by `?`, cut and ended with `*`, one character changed, case changed. */
const variant = (value: string, from = 0): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(value),
    fc.integer({ min: from, max: Math.max(from, value.length - 1) }).map((i) => `${value.slice(0, i)}?${value.slice(i + 1)}`),
    fc.integer({ min: from, max: value.length }).map((i) => `${value.slice(0, i)}*`),
    fc.integer({ min: from, max: Math.max(from, value.length - 1) }).map((i) => `${value.slice(0, i)}Z${value.slice(i + 1)}`),
    fc.constant(value.toUpperCase()),
  );

const randomCase = (text: string): fc.Arbitrary<string> => fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((up) => [...text].map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(""));

/** A resource pattern for `resource`: wildcards only after the resource type (IAM allows none in it). */
function resourcePattern(resource: string): fc.Arbitrary<string> {
  const fields = resource.split(":");
  const head = fields.slice(0, 5).join(":");
  const rest = fields.slice(5).join(":");
  const typeEnd = resource.startsWith("arn:aws:s3:") ? 0 : Math.max(rest.indexOf("/"), rest.indexOf(":")) + 1;
  return fc.oneof(
    { weight: 4, arbitrary: variant(rest, typeEnd).map((r) => `${head}:${r}`) },
    { weight: 1, arbitrary: fc.constant("*") },
    { weight: 1, arbitrary: fc.constantFrom(`${fields.slice(0, 3).join(":")}:*:*:${rest}`, `${fields.slice(0, 3).join(":")}:${fields[3]}:${fields[4].slice(0, 6)}??????:${rest}`) },
    { weight: 1, arbitrary: fc.constantFrom(...GRAMMAR_REQUESTS.map((r) => r.resource)) },
  );
}

function actionPattern(action: string): fc.Arbitrary<string> {
  const [service, name] = action.split(":");
  return fc.oneof(
    { weight: 3, arbitrary: randomCase(action) },
    { weight: 2, arbitrary: variant(name).map((n) => `${service}:${n}`) },
    { weight: 1, arbitrary: fc.constantFrom(`${service}:*`, "*", "s3:Get*", "kms:*", "secretsmanager:*") },
    { weight: 1, arbitrary: fc.constantFrom(...GRAMMAR_REQUESTS.map((r) => r.action)) },
  );
}

const OPERATORS = ["StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "ArnEquals", "ArnLike", "Bool", "Null"] as const;

function conditionValues(operator: (typeof OPERATORS)[number], conditionKey: string): fc.Arbitrary<string | string[]> {
  const pool = VALUES[conditionKey];
  const one =
    operator === "Null" || operator === "Bool"
      ? fc.constantFrom("true", "false")
      : fc.constantFrom(...pool).chain((v) => (operator.endsWith("Like") || operator.startsWith("Arn") ? variant(v) : fc.oneof(fc.constant(v), variant(v))));
  return fc.oneof(one, fc.array(one, { minLength: 1, maxLength: 3 }));
}

const condition = fc
  .array(
    fc.tuple(fc.constantFrom(...OPERATORS), fc.constantFrom(...ALL_KEYS)).chain(([operator, conditionKey]) =>
      fc.tuple(fc.constant(operator), randomCase(conditionKey), conditionValues(operator, conditionKey)),
    ),
    { maxLength: 3 },
  )
  .map((entries) => {
    const out: Record<string, Record<string, string | string[]>> = {};
    for (const [operator, conditionKey, values] of entries) (out[operator] ??= {})[conditionKey] = values;
    return out;
  });

const statement = (request: (typeof GRAMMAR_REQUESTS)[number]) =>
  fc.record({
    Effect: fc.constantFrom("Allow", "Allow", "Deny"),
    Action: fc.oneof(actionPattern(request.action), fc.array(actionPattern(request.action), { minLength: 1, maxLength: 3 })),
    Resource: fc.oneof(resourcePattern(request.resource), fc.array(resourcePattern(request.resource), { minLength: 1, maxLength: 3 })),
    Condition: condition,
  }).map(({ Condition, ...s }) => (Object.keys(Condition).length > 0 ? { ...s, Condition } : s));

const grammarCase = fc.constantFrom(...GRAMMAR_REQUESTS).chain((r) =>
  fc.record({
    request: fc.constant(r),
    policies: fc.array(fc.array(statement(r), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 2 }),
    boundary: fc.option(fc.array(statement(r), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    context: fc.subarray([...r.keys, ...GLOBAL_KEYS]).chain((keys) => fc.tuple(...keys.map((k) => fc.tuple(randomCase(k), fc.constantFrom(...VALUES[k]))))),
  }),
);

describe("the evaluator's grammar decides as the IAM simulator", () => {
  it("on generated statements: Allow and Deny, wildcards, every condition operator, missing keys, a permissions boundary", async () => {
    const seen: Record<Decision, number> = { allowed: 0, "explicit-deny": 0, "implicit-deny": 0 };
    await fc.assert(
      fc.asyncProperty(grammarCase, async ({ request: r, policies, boundary, context }) => {
        // GIVEN generated policies (and perhaps a boundary) and a request with some context keys
        const named = policies.map((statements, i) => ({ name: `policy-${i}`, document: { Version: "2012-10-17", Statement: statements } }));
        const bound = boundary === undefined ? undefined : { name: "boundary", document: { Version: "2012-10-17", Statement: boundary } };
        const request: PolicyRequest = { action: r.action, resource: r.resource, context: Object.fromEntries(context) };
        // WHEN both decide
        const ours = evaluateIdentityPolicies(named, request, bound).decision;
        const oracle = await oracleIdentity(named, request, bound);
        seen[ours]++;
        // THEN they agree, to the kind of denial
        if (ours !== oracle) throw new Error(`evaluator ${ours}, simulator ${oracle}`);
      }),
      { numRuns: GRAMMAR_RUNS, seed: SEED },
    );
    // and the cases reached every decision, each often
    expect(Math.min(...Object.values(seen))).toBeGreaterThan(GRAMMAR_RUNS / 20);
  });
});
