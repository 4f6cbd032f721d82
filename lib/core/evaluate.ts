/**
 * IAM policy evaluation over the statement shapes this project writes and the AWS managed policies
 * the console's role attaches: whether identity policies (and a permissions boundary, when its
 * document is known) allow a request, and whether a trust policy lets a service principal assume
 * the role. Pure functions of plain JSON; no cdktf, no AWS SDK. `verify` checks a role's own
 * documents with it, and reads a deployed role's trust policy with it (IAM's policy simulator
 * cannot simulate trust policies).
 *
 * The grammar (IAM's rules for what these documents use, from the IAM User Guide's policy
 * evaluation logic and condition operator reference):
 * - `Effect` Allow or Deny; an explicit Deny wins over every Allow; nothing allowed is denied.
 * - `Action` (string or list): `service:Name` with `*` and `?` wildcards, matched without regard to case.
 * - `Resource` (string or list): `*`, or an ARN whose partition, service, region and account fields
 *   are matched field by field and whose resource part is matched whole (`*` matching `/` and `:`
 *   there), `*` and `?` wildcards, case-sensitive. A trust policy's statements have none.
 * - `Principal` (trust policies): `"*"`, `{"AWS": "*"}` or `{"Service": ...}` naming the service.
 * - `Condition`: `StringEquals`, `StringNotEquals`, `StringLike`, `StringNotLike`, `ArnEquals`,
 *   `ArnLike` (the two are the same: wildcards per ARN field), `Bool`, `Null`. All operators of a
 *   statement and all keys of an operator must match; a key's values (one or a list) match when
 *   any one does; a key the request lacks fails a positive operator and passes a negated one
 *   (`StringNotEquals`, `StringNotLike`); `Null` true means absent. Condition keys are matched
 *   without regard to case, values with it (`Bool` without).
 * Anything else (NotAction, NotResource, NotPrincipal, other operators, `...IfExists`, set
 * operators, policy variables) is refused with {@link UnsupportedPolicyError}, never guessed.
 */
import { formatArn, splitArn } from "./arn";
import { MANAGED_POLICIES } from "./names";

/** A policy document with the name evaluations report it by (an inline policy's name, a managed policy's). */
export interface NamedPolicy {
  readonly name: string;
  /** The document as JSON: this project's `PolicyDocument`, an AWS managed policy's, one read from IAM. */
  readonly document: unknown;
}

/** A request to evaluate: one action on one resource, with the request context keys it carries. */
export interface PolicyRequest {
  readonly action: string;
  /** The resource's ARN (`*` for actions without a resource). */
  readonly resource: string;
  /** Request context keys and their values (`kms:ViaService`, `aws:SourceArn`, ...). @default - none */
  readonly context?: Readonly<Record<string, string>>;
}

/** A statement of a policy, by where it is. */
export interface StatementRef {
  /** The policy's name. */
  readonly policy: string;
  /** The statement's position in the policy, from 0. */
  readonly index: number;
  readonly sid?: string;
}

/** What IAM decides: allowed, denied by a Deny statement, or denied because nothing allows it. */
export type Decision = "allowed" | "explicit-deny" | "implicit-deny";

/** What a permissions boundary decided, or that only its ARN is known (it may deny more). */
export type BoundaryResult =
  | { readonly arn?: string; readonly decision: Decision; readonly statement?: StatementRef }
  | { readonly arn: string; readonly decision: "unknown" };

/** A decision, and why. */
export interface Evaluation {
  readonly decision: Decision;
  /** The statement that decided: the Deny that matched, else the Allow that allowed (absent when nothing matched). */
  readonly statement?: StatementRef;
  /** The permissions boundary's own decision, when the role has one. */
  readonly boundary?: BoundaryResult;
  /** Why, in one sentence: `allowed by statement 3 of policy "mediaconvert-scoped-access"`. */
  readonly reason: string;
}

/** Thrown for a document that uses what the evaluator does not support: every problem, each naming the policy and statement. */
export class UnsupportedPolicyError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.join(" "));
    this.name = "UnsupportedPolicyError";
  }
}

// ---------------------------------------------------------------------------------------------
// The AWS managed policies of the console's role

/**
 * The documents of the AWS managed policies the console's role attaches, as the AWS managed
 * policy reference publishes them (AmazonS3FullAccess v2, AmazonAPIGatewayInvokeFullAccess), in
 * `partition`: the execute-api resource takes the partition of the policy's ARN.
 */
export function awsManagedPolicyDocument(name: string, partition: string): unknown {
  switch (name) {
    case MANAGED_POLICIES.s3FullAccess:
      return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*", "s3-object-lambda:*"], Resource: "*" }] };
    case MANAGED_POLICIES.apiGatewayInvokeFullAccess:
      return {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["execute-api:Invoke", "execute-api:ManageConnections"],
            Resource: formatArn({ partition, service: "execute-api", region: "*", accountId: "*", resource: "*" }),
          },
        ],
      };
    default:
      return undefined;
  }
}

/** The managed policy an ARN names, when it is one of the console's (`arn:<partition>:iam::aws:policy/<name>`); undefined otherwise. */
export function awsManagedPolicy(arn: string): NamedPolicy | undefined {
  const parts = splitArn(arn);
  if (parts === undefined || parts.service !== "iam" || parts.accountId !== "aws" || !parts.resource.startsWith("policy/")) return undefined;
  const name = parts.resource.slice("policy/".length);
  const document = awsManagedPolicyDocument(name, parts.partition);
  return document === undefined ? undefined : { name, document };
}

// ---------------------------------------------------------------------------------------------
// Parsing what the evaluator supports

type Operator = "StringEquals" | "StringNotEquals" | "StringLike" | "StringNotLike" | "ArnEquals" | "ArnLike" | "Bool" | "Null";
const OPERATORS: ReadonlySet<string> = new Set<Operator>(["StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "ArnEquals", "ArnLike", "Bool", "Null"]);

interface ParsedCondition {
  readonly operator: Operator;
  /** The key, lower-cased (keys are matched without regard to case). */
  readonly key: string;
  readonly values: readonly string[];
}

interface ParsedStatement {
  readonly ref: StatementRef;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  /** Absent in trust policies: every resource. */
  readonly resources?: readonly string[];
  /** `*`, or the services named (lower-cased); absent in identity policies. */
  readonly principals?: "*" | readonly string[];
  readonly conditions: readonly ParsedCondition[];
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === "object" && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const show = (v: unknown): string => JSON.stringify(v);

const STATEMENT_KEYS = new Set(["Sid", "Effect", "Action", "Resource", "Condition", "Principal"]);

/** A list of strings (one string or a list), or a problem. */
function strings(value: unknown, what: string, problems: string[]): string[] {
  const list = asList(value);
  if (list.length === 0 || !list.every((v) => typeof v === "string")) {
    problems.push(`${what} must be a string or a list of strings, not ${show(value)}.`);
    return [];
  }
  return list as string[];
}

function parseConditions(value: unknown, where: string, problems: string[]): ParsedCondition[] {
  if (value === undefined) return [];
  if (!isRecord(value)) {
    problems.push(`${where}: Condition must be an object, not ${show(value)}.`);
    return [];
  }
  const out: ParsedCondition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    if (!OPERATORS.has(operator)) {
      problems.push(`${where}: the condition operator ${show(operator)} is not supported (${[...OPERATORS].join(", ")}).`);
      continue;
    }
    if (!isRecord(block)) {
      problems.push(`${where}: ${operator} must be an object of condition keys, not ${show(block)}.`);
      continue;
    }
    for (const [key, raw] of Object.entries(block)) {
      const list = asList(raw);
      if (list.length === 0 || !list.every((v) => typeof v === "string" || typeof v === "boolean")) {
        problems.push(`${where}: ${operator} ${show(key)} must be a string, a boolean or a list of them, not ${show(raw)}.`);
        continue;
      }
      const values = list.map(String);
      if (values.some((v) => v.includes("${"))) {
        problems.push(`${where}: ${operator} ${show(key)} uses a policy variable (\${...}), which is not supported.`);
        continue;
      }
      out.push({ operator: operator as Operator, key: key.toLowerCase(), values });
    }
  }
  return out;
}

function parsePrincipal(value: unknown, where: string, problems: string[]): "*" | string[] {
  if (value === "*") return "*";
  if (!isRecord(value)) {
    problems.push(`${where}: Principal must be "*" or an object, not ${show(value)}.`);
    return [];
  }
  const services: string[] = [];
  for (const [kind, raw] of Object.entries(value)) {
    const names = strings(raw, `${where}: Principal ${kind}`, problems);
    if (kind === "AWS" && names.includes("*")) return "*";
    if (kind === "Service") services.push(...names.map((n) => n.toLowerCase()));
  }
  return services;
}

/** The statements of one policy, or an UnsupportedPolicyError naming every problem. */
function parsePolicy(policy: NamedPolicy, kind: "identity" | "trust"): ParsedStatement[] {
  const problems: string[] = [];
  const name = show(policy.name);
  if (!isRecord(policy.document) || policy.document.Statement === undefined) {
    throw new UnsupportedPolicyError([`Policy ${name} is not a policy document (an object with a Statement).`]);
  }
  const statements: ParsedStatement[] = [];
  asList(policy.document.Statement).forEach((raw, index) => {
    const where = `Policy ${name}, statement ${index + 1}`;
    if (!isRecord(raw)) {
      problems.push(`${where} is not an object.`);
      return;
    }
    const unknown = Object.keys(raw).filter((k) => !STATEMENT_KEYS.has(k));
    if (unknown.length > 0) problems.push(`${where}: ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not supported (Effect, Action, Resource, Condition${kind === "trust" ? ", Principal" : ""} are).`);
    if (raw.Effect !== "Allow" && raw.Effect !== "Deny") problems.push(`${where}: Effect must be "Allow" or "Deny", not ${show(raw.Effect)}.`);
    const actions = raw.Action === undefined ? (problems.push(`${where} has no Action.`), []) : strings(raw.Action, `${where}: Action`, problems);
    let resources: string[] | undefined;
    if (raw.Resource !== undefined) resources = strings(raw.Resource, `${where}: Resource`, problems);
    else if (kind === "identity") problems.push(`${where} has no Resource (an identity policy's statements need one).`);
    if ((resources ?? []).some((r) => r.includes("${"))) problems.push(`${where}: Resource uses a policy variable (\${...}), which is not supported.`);
    let principals: "*" | string[] | undefined;
    if (kind === "trust") principals = raw.Principal === undefined ? (problems.push(`${where} has no Principal.`), []) : parsePrincipal(raw.Principal, where, problems);
    else if (raw.Principal !== undefined) problems.push(`${where}: an identity policy has no Principal.`);
    const conditions = parseConditions(raw.Condition, where, problems);
    const sid = typeof raw.Sid === "string" && raw.Sid !== "" ? raw.Sid : undefined;
    statements.push({
      ref: { policy: policy.name, index, ...(sid !== undefined ? { sid } : {}) },
      effect: raw.Effect === "Deny" ? "Deny" : "Allow",
      actions,
      ...(resources !== undefined ? { resources } : {}),
      ...(principals !== undefined ? { principals } : {}),
      conditions,
    });
  });
  if (problems.length > 0) throw new UnsupportedPolicyError(problems);
  return statements;
}

// ---------------------------------------------------------------------------------------------
// Matching

const patterns = new Map<string, RegExp>();

/** `*` any run of characters, `?` any one; `ignoreCase` for actions. Compiled once per pattern. */
function wildcard(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? "i" : "s"}${pattern}`;
  let re = patterns.get(key);
  if (re === undefined) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${source}$`, ignoreCase ? "is" : "s");
    if (patterns.size > 10000) patterns.clear();
    patterns.set(key, re);
  }
  return re;
}

const matches = (pattern: string, value: string, ignoreCase = false): boolean =>
  pattern === value || (/[*?]/.test(pattern) && wildcard(pattern, ignoreCase).test(value)) || (ignoreCase && pattern.toLowerCase() === value.toLowerCase());

/** The six fields of an ARN: arn, partition, service, region, account, and the resource part (which may hold colons). */
function arnFields(arn: string): string[] | undefined {
  const fields = arn.split(":");
  return fields.length < 6 ? undefined : [...fields.slice(0, 5), fields.slice(5).join(":")];
}

/** An ARN pattern against an ARN: field by field, so a wildcard in one field never spans a colon into the next. */
function arnMatches(pattern: string, arn: string): boolean {
  const p = arnFields(pattern);
  const a = arnFields(arn);
  if (p === undefined || a === undefined) return false;
  return p.every((field, i) => matches(field, a[i]));
}

function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === "*") return true;
  if (pattern.startsWith("arn:") && resource.startsWith("arn:")) return arnMatches(pattern, resource);
  return matches(pattern, resource);
}

/** The request's value of a condition key, found without regard to the key's case. */
function contextValue(context: Readonly<Record<string, string>>, key: string): string | undefined {
  for (const [k, v] of Object.entries(context)) if (k.toLowerCase() === key) return v;
  return undefined;
}

function conditionHolds(c: ParsedCondition, context: Readonly<Record<string, string>>): boolean {
  const value = contextValue(context, c.key);
  switch (c.operator) {
    case "Null":
      return c.values.some((v) => (v.toLowerCase() === "true" ? value === undefined : v.toLowerCase() === "false" ? value !== undefined : false));
    case "StringEquals":
      return value !== undefined && c.values.some((v) => v === value);
    case "StringNotEquals":
      return value === undefined || !c.values.some((v) => v === value);
    case "StringLike":
      return value !== undefined && c.values.some((v) => matches(v, value));
    case "StringNotLike":
      return value === undefined || !c.values.some((v) => matches(v, value));
    case "ArnEquals":
    case "ArnLike":
      return value !== undefined && c.values.some((v) => arnMatches(v, value));
    case "Bool": {
      const given = value?.toLowerCase();
      return (given === "true" || given === "false") && c.values.some((v) => v.toLowerCase() === given);
    }
  }
}

function statementApplies(s: ParsedStatement, request: PolicyRequest, principal?: string): boolean {
  if (principal !== undefined && s.principals !== "*" && !(s.principals ?? []).includes(principal.toLowerCase())) return false;
  if (!s.actions.some((a) => matches(a, request.action, true))) return false;
  if (s.resources !== undefined && !s.resources.some((r) => resourceMatches(r, request.resource))) return false;
  const context = request.context ?? {};
  return s.conditions.every((c) => conditionHolds(c, context));
}

// ---------------------------------------------------------------------------------------------
// Decisions

/** `statement 3 ("Sid") of policy "name"`. */
export function describeStatement(ref: StatementRef): string {
  return `statement ${ref.index + 1}${ref.sid !== undefined ? ` (${show(ref.sid)})` : ""} of policy ${show(ref.policy)}`;
}

interface Verdict {
  readonly decision: Decision;
  readonly statement?: StatementRef;
}

function decide(statements: readonly ParsedStatement[], request: PolicyRequest, principal?: string): Verdict {
  let allow: StatementRef | undefined;
  for (const s of statements) {
    if (!statementApplies(s, request, principal)) continue;
    if (s.effect === "Deny") return { decision: "explicit-deny", statement: s.ref };
    allow ??= s.ref;
  }
  return allow !== undefined ? { decision: "allowed", statement: allow } : { decision: "implicit-deny" };
}

const names = (policies: readonly NamedPolicy[]): string => {
  const shown = policies.map((p) => show(p.name));
  return shown.length === 1 ? `policy ${shown[0]}` : `policies ${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
};

function reasonOf(verdict: Verdict, policies: readonly NamedPolicy[], what: string): string {
  if (verdict.decision === "explicit-deny") return `denied by ${describeStatement(verdict.statement!)}`;
  if (verdict.decision === "allowed") return `allowed by ${describeStatement(verdict.statement!)}`;
  return policies.length === 0 ? `${what} has no policy that allows it` : `no statement of ${names(policies)} allows it`;
}

/** The permissions boundary: its document when known, else its ARN (it may deny more than the evaluation shows). */
export type Boundary = NamedPolicy | { readonly arn: string };

/**
 * Whether identity policies allow a request: an explicit Deny in any of them wins, else an Allow
 * of any allows, else it is denied. With a permissions boundary whose document is given, the
 * boundary must allow it too (and its Deny wins); with only the boundary's ARN, the result says
 * the boundary was not evaluated. Throws {@link UnsupportedPolicyError} for what the grammar lacks.
 */
export function evaluateIdentityPolicies(policies: readonly NamedPolicy[], request: PolicyRequest, boundary?: Boundary): Evaluation {
  const statements = policies.flatMap((p) => parsePolicy(p, "identity"));
  const identity = decide(statements, request);
  const base = { decision: identity.decision, ...(identity.statement !== undefined ? { statement: identity.statement } : {}) };
  const reason = reasonOf(identity, policies, "the role");
  if (boundary === undefined) return { ...base, reason };
  if (!("document" in boundary)) {
    return { ...base, boundary: { arn: boundary.arn, decision: "unknown" }, reason: `${reason}; the permissions boundary ${boundary.arn} was not evaluated (only its ARN is known) and may deny more` };
  }
  const bounded = decide(parsePolicy(boundary, "identity"), request);
  const boundaryResult: BoundaryResult = { decision: bounded.decision, ...(bounded.statement !== undefined ? { statement: bounded.statement } : {}) };
  if (identity.decision === "explicit-deny") return { ...base, boundary: boundaryResult, reason };
  if (bounded.decision === "explicit-deny") {
    return { decision: "explicit-deny", statement: bounded.statement, boundary: boundaryResult, reason: `denied by the permissions boundary: ${reasonOf(bounded, [boundary], "")}` };
  }
  if (identity.decision === "allowed" && bounded.decision === "implicit-deny") {
    return { decision: "implicit-deny", boundary: boundaryResult, reason: `${reason}, but the permissions boundary ${show(boundary.name)} does not allow it` };
  }
  return { ...base, boundary: boundaryResult, reason };
}

/**
 * Whether a trust policy lets a service principal (`mediaconvert.amazonaws.com`) make the request
 * (`sts:AssumeRole` on the role, with `aws:SourceArn` and `aws:SourceAccount`): its statements
 * that name the service (or `*`) decide as identity statements do. Throws
 * {@link UnsupportedPolicyError} for what the grammar lacks.
 */
export function evaluateTrustPolicy(trust: NamedPolicy, service: string, request: PolicyRequest): Evaluation {
  const verdict = decide(parsePolicy(trust, "trust"), request, service);
  const context = Object.entries(request.context ?? {}).map(([k, v]) => `${k} ${show(v)}`);
  const given = context.length > 0 ? ` with ${context.join(" and ")}` : " with no request context";
  const reason = verdict.decision === "implicit-deny" ? `no statement of the trust policy lets ${service} call ${request.action}${given}` : reasonOf(verdict, [trust], "the trust policy");
  return { decision: verdict.decision, ...(verdict.statement !== undefined ? { statement: verdict.statement } : {}), reason };
}
