/**
 * The evaluator's own answers (lib/core/evaluate.ts): why it decided, the permissions boundary
 * known only by its ARN, the managed policies in each partition, and the documents it refuses
 * instead of guessing. What it decides is proved against the IAM simulator in evaluate-oracle.test.ts.
 */
import { awsManagedPolicy, evaluateIdentityPolicies, evaluateTrustPolicy, UnsupportedPolicyError } from "../lib/core/evaluate";

const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const GET = { action: "s3:GetObject", resource: "arn:aws:s3:::media-in/source/a.mp4" };

describe("evaluateIdentityPolicies", () => {
  it("names the statement that allowed, the Deny that won, or that nothing allows", () => {
    // GIVEN an Allow and a Deny on different prefixes
    const policies = [
      { name: "scoped", document: doc({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::media-in/*" }) },
      { name: "guard", document: doc({ Sid: "NoRaw", Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::media-in/raw/*" }) },
    ];
    // WHEN / THEN
    expect(evaluateIdentityPolicies(policies, GET)).toEqual({ decision: "allowed", statement: { policy: "scoped", index: 0 }, reason: 'allowed by statement 1 of policy "scoped"' });
    expect(evaluateIdentityPolicies(policies, { ...GET, resource: "arn:aws:s3:::media-in/raw/a.mp4" })).toEqual({
      decision: "explicit-deny",
      statement: { policy: "guard", index: 0, sid: "NoRaw" },
      reason: 'denied by statement 1 ("NoRaw") of policy "guard"',
    });
    expect(evaluateIdentityPolicies(policies, { ...GET, resource: "arn:aws:s3:::media-out/a.mp4" }).reason).toBe('no statement of policies "scoped" and "guard" allows it');
    expect(evaluateIdentityPolicies([], GET).reason).toBe("the role has no policy that allows it");
  });

  it("says that a permissions boundary known only by its ARN was not evaluated", () => {
    // GIVEN / WHEN
    const result = evaluateIdentityPolicies([{ name: "all", document: doc({ Effect: "Allow", Action: "*", Resource: "*" }) }], GET, { arn: "arn:aws:iam::111122223333:policy/b" });
    // THEN
    expect(result).toEqual({
      decision: "allowed",
      statement: { policy: "all", index: 0 },
      boundary: { arn: "arn:aws:iam::111122223333:policy/b", decision: "unknown" },
      reason: 'allowed by statement 1 of policy "all"; the permissions boundary arn:aws:iam::111122223333:policy/b was not evaluated (only its ARN is known) and may deny more',
    });
  });

  it("denies what the identity allows but a boundary document does not", () => {
    // GIVEN a boundary for execute-api only / WHEN
    const result = evaluateIdentityPolicies([{ name: "all", document: doc({ Effect: "Allow", Action: "*", Resource: "*" }) }], GET, {
      name: "boundary",
      document: doc({ Effect: "Allow", Action: "execute-api:Invoke", Resource: "*" }),
    });
    // THEN
    expect([result.decision, result.reason]).toEqual(["implicit-deny", 'allowed by statement 1 of policy "all", but the permissions boundary "boundary" does not allow it']);
  });

  it.each<[string, object, string]>([
    ["NotAction", { Effect: "Allow", NotAction: "s3:*", Resource: "*" }, 'Policy "p", statement 1: NotAction is not supported (Effect, Action, Resource, Condition are). Policy "p", statement 1 has no Action.'],
    ["an IfExists operator", { Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEqualsIfExists: { "aws:SourceAccount": "1" } } }, 'Policy "p", statement 1: the condition operator "StringEqualsIfExists" is not supported (StringEquals, StringNotEquals, StringLike, StringNotLike, ArnEquals, ArnLike, Bool, Null).'],
    ["a set operator", { Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["a"] } } }, 'Policy "p", statement 1: the condition operator "ForAnyValue:StringEquals" is not supported (StringEquals, StringNotEquals, StringLike, StringNotLike, ArnEquals, ArnLike, Bool, Null).'],
    ["a policy variable", { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${aws:username}/*" }, 'Policy "p", statement 1: Resource uses a policy variable (${...}), which is not supported.'],
    ["a statement without Resource", { Effect: "Allow", Action: "s3:*" }, 'Policy "p", statement 1 has no Resource (an identity policy\'s statements need one).'],
    ["an Effect of another kind", { Effect: "allow", Action: "s3:*", Resource: "*" }, 'Policy "p", statement 1: Effect must be "Allow" or "Deny", not "allow".'],
  ])("refuses %s instead of guessing, naming the policy and statement", (_what, statement, message) => {
    // GIVEN / WHEN
    const run = () => evaluateIdentityPolicies([{ name: "p", document: doc(statement) }], GET);
    // THEN
    expect(run).toThrow(UnsupportedPolicyError);
    expect(run).toThrow(message);
  });
});

describe("evaluateTrustPolicy", () => {
  const trust = { name: "trust", document: doc({ Effect: "Allow", Principal: { Service: "mediaconvert.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } } }) };

  it("lets the named service assume the role for its account, and says why not for another", () => {
    // GIVEN / WHEN
    const ok = evaluateTrustPolicy(trust, "mediaconvert.amazonaws.com", { action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/R", context: { "aws:SourceAccount": "111122223333" } });
    const other = evaluateTrustPolicy(trust, "mediaconvert.amazonaws.com", { action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/R", context: { "aws:SourceAccount": "444455556666" } });
    const service = evaluateTrustPolicy(trust, "medialive.amazonaws.com", { action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/R", context: {} });
    // THEN
    expect(ok.reason).toBe('allowed by statement 1 of policy "trust"');
    expect(other.reason).toBe('no statement of the trust policy lets mediaconvert.amazonaws.com call sts:AssumeRole with aws:SourceAccount "444455556666"');
    expect(service.reason).toBe("no statement of the trust policy lets medialive.amazonaws.com call sts:AssumeRole with no request context");
  });
});

describe("awsManagedPolicy", () => {
  it.each([
    ["arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess", "arn:aws:execute-api:*:*:*"],
    ["arn:aws-cn:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess", "arn:aws-cn:execute-api:*:*:*"],
    ["arn:aws-us-gov:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess", "arn:aws-us-gov:execute-api:*:*:*"],
  ])("gives %s the execute-api resource of its partition", (arn, resource) => {
    expect(awsManagedPolicy(arn)).toEqual({
      name: "AmazonAPIGatewayInvokeFullAccess",
      document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["execute-api:Invoke", "execute-api:ManageConnections"], Resource: resource }] },
    });
  });

  it("knows AmazonS3FullAccess, and no other managed policy", () => {
    expect(awsManagedPolicy("arn:aws:iam::aws:policy/AmazonS3FullAccess")?.document).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:*", "s3-object-lambda:*"], Resource: "*" }],
    });
    expect([awsManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess"), awsManagedPolicy("arn:aws:iam::111122223333:policy/AmazonS3FullAccess")]).toEqual([undefined, undefined]);
  });
});
