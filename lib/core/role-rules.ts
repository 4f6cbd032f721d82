/**
 * The rules of MediaConvertRoleProps as problems with a path (`inputs[0].bucket`), shared by the
 * construct (which throws them together) and the config file (which prefixes the JSON path).
 * What each property takes and which rule its values follow comes from the declaration
 * (`role-properties.ts`); the rules that need several properties or the stack are here.
 */
import { closest, distance } from "fastest-levenshtein";
import { splitArn } from "./arn";
import type { KnownEnvironment } from "./environment";
import * as errors from "./messages";
import { PolicyDocument, policyJson } from "./policy-document";
import { Fields, fieldsOf, PropertyDeclaration, renderNames, ROLE_PROPERTIES } from "./role-properties";
import type { MediaConvertRoleProps } from "./role-props";
import {
  checkKantarSecretArn,
  checkKmsKeyArn,
  checkMediaConvertNameOrArn,
  checkPolicyArn,
  checkQueueArn,
  checkSpekeApiArn,
  checkTags,
  DEFAULT_ROLE_NAME,
  ValueRule,
  VALUE_RULES,
} from "./rules";
import { isUnresolved } from "./tokens";

export type PropPath = readonly (string | number)[];

export interface Problem {
  readonly path: PropPath;
  readonly message: string;
}

/** IAM's limit on the aggregate size of one role's inline policies. */
export const INLINE_POLICY_BUDGET = 10240;

/** IAM's default limit on the size of a role's trust policy. */
export const TRUST_POLICY_BUDGET = 2048;

const at = (path: PropPath, messages: readonly string[]): Problem[] => messages.map((message) => ({ path, message }));

/** `inputs[0].bucket`: a path as messages show it. */
export function formatPath(path: PropPath): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** `inputs[0].bucket: message`, or the message alone at the top. */
export function formatProblem(problem: Problem): string {
  const path = formatPath(problem.path);
  return path === "" ? problem.message : `${path}: ${problem.message}`;
}

/** A value of a rule-checked field: where it is and which rule it follows. */
interface RuledValue {
  readonly path: PropPath;
  readonly rule: ValueRule;
  readonly value: unknown;
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** An unknown key of an object of props, with the nearest known key when one is close. */
function unknownKey(path: PropPath, key: string, known: readonly string[]): Problem {
  const near = closest(key, [...known]);
  const suggestion = near !== undefined && distance(key.toLowerCase(), near.toLowerCase()) <= Math.max(2, key.length / 3) ? near : undefined;
  return { path: [...path, key], message: errors.unknownProperty(key, suggestion, known) };
}

/**
 * What a value must be, by kind, for values that reach the construct without a type check
 * (JavaScript callers, parsed JSON): every kind is checked, an enum against its values, so a
 * misspelt `access` fails instead of falling back to the default. Collects the rule-checked values
 * on the way.
 */
function kindProblems(fields: Fields, object: Readonly<Record<string, unknown>>, path: PropPath, values: RuledValue[]): Problem[] {
  const problems: Problem[] = [];
  for (const key of Object.keys(object)) {
    if (!(key in fields) && object[key] !== undefined) problems.push(unknownKey(path, key, Object.keys(fields)));
  }
  for (const [name, declaration] of Object.entries(fields)) {
    const value = object[name];
    const where = [...path, name];
    if (value === undefined) {
      if (declaration.required) problems.push({ path: where, message: errors.requiredMissing(name) });
      continue;
    }
    if (isUnresolved(value)) continue;
    problems.push(...valueProblems(declaration, value, where, values));
  }
  return problems;
}

function valueProblems(declaration: PropertyDeclaration, value: unknown, path: PropPath, values: RuledValue[]): Problem[] {
  const name = String(path[path.length - 1]);
  const wrongType = (expected: string) => [{ path, message: errors.typeInvalid(name, value, expected) }];
  const kind = declaration.kind;
  switch (kind.type) {
    case "string":
      if (typeof value !== "string") return wrongType("a string");
      if (kind.rule !== undefined) values.push({ path, rule: kind.rule, value });
      return [];
    case "number":
      if (typeof value !== "number") return wrongType("a number");
      values.push({ path, rule: kind.rule, value });
      return [];
    case "boolean":
      return typeof value === "boolean" ? [] : wrongType("true or false");
    case "enum":
      return kind.values.includes(value as string) ? [] : [{ path, message: errors.enumInvalid(name, errors.describeValue(value), kind.values) }];
    case "list":
      if (!Array.isArray(value)) return wrongType("an array of strings");
      return value.flatMap((item: unknown, i) => {
        if (isUnresolved(item)) return [];
        if (typeof item !== "string") return [{ path: [...path, i], message: errors.typeInvalid(`${name}[${i}]`, item, "a string") }];
        values.push({ path: [...path, i], rule: kind.rule, value: item });
        return [];
      });
    case "tags":
      if (!isRecord(value)) return wrongType('an object of string values, e.g. {"team": "video"}');
      return at(path, checkTags(value as Readonly<Record<string, string>>));
    case "objects":
      if (!Array.isArray(value)) return wrongType("an array of objects");
      return value.flatMap((item: unknown, i) => {
        if (isUnresolved(item)) return [];
        if (!isRecord(item)) return [{ path: [...path, i], message: errors.typeInvalid(`${name}[${i}]`, item, "an object") }];
        return kindProblems(fieldsOf(kind), item, [...path, i], values);
      });
    case "object":
      if (!isRecord(value)) return wrongType("an object");
      return kindProblems(fieldsOf(kind), value, path, values);
  }
}

/** The rule-checked values of props whose kinds are right, and the problems of those that are not. */
function walk(props: MediaConvertRoleProps): { problems: Problem[]; values: RuledValue[] } {
  const values: RuledValue[] = [];
  const problems = kindProblems(ROLE_PROPERTIES, props as Readonly<Record<string, unknown>>, [], values);
  return { problems, values };
}

/** Every problem of one value at a time: kinds, unknown properties, and each value's rule. */
export function fieldProblems(props: MediaConvertRoleProps): Problem[] {
  const { problems, values } = walk(props);
  const checked = values.flatMap(({ path, rule, value }) => at(path, (VALUE_RULES[rule] as (v: unknown) => string[])(value)));
  return [...problems, ...checked];
}

/** The checks of a rule against the stack's environment (partition, region, account), where it has them. */
const ENVIRONMENT_RULES: Partial<Record<ValueRule, (value: string, env: KnownEnvironment) => string[]>> = {
  kmsKeyArn: checkKmsKeyArn,
  spekeApiArn: checkSpekeApiArn,
  kantarSecretArn: checkKantarSecretArn,
  queueArn: checkQueueArn,
  policyArn: checkPolicyArn,
  queueNameOrArn: (value, env) => checkMediaConvertNameOrArn("queues", value, env),
  jobTemplateNameOrArn: (value, env) => checkMediaConvertNameOrArn("jobTemplates", value, env),
  presetNameOrArn: (value, env) => checkMediaConvertNameOrArn("presets", value, env),
};

/**
 * Values checked against the stack's environment: partitions of ARNs, the region of SPEKE APIs,
 * the account of queues. Only values that are well-formed on their own are checked here.
 */
export function environmentProblems(props: MediaConvertRoleProps, env: KnownEnvironment | undefined): Problem[] {
  if (!env) return [];
  return walk(props).values.flatMap(({ path, rule, value }) => {
    const check = ENVIRONMENT_RULES[rule];
    if (check === undefined || typeof value !== "string" || (VALUE_RULES[rule] as (v: unknown) => string[])(value).length > 0) return [];
    return at(path, check(value, env));
  });
}

/** The fix of a mode's message, with its names as the props call them. */
const plain = (text: string) => renderNames(text, "props", "plain");

/**
 * Problems that need more than one field or the stack's environment: the environment's checks,
 * settings that belong to the other access mode, queues of another account than the role's, and
 * the size budgets of the inline and trust policies (measured on the documents the role would get).
 */
export function contextProblems(
  props: MediaConvertRoleProps,
  env: KnownEnvironment | undefined,
  inlinePolicies: (props: MediaConvertRoleProps) => readonly PolicyDocument[],
  trust: (props: MediaConvertRoleProps) => PolicyDocument,
): Problem[] {
  const access = props.access ?? "full";
  const problems: Problem[] = environmentProblems(props, env);
  const given = (name: string) => (props as Readonly<Record<string, unknown>>)[name] !== undefined;

  for (const [name, declaration] of Object.entries(ROLE_PROPERTIES as Fields)) {
    const mode = declaration.mode;
    if (mode === undefined || mode.access === access || !given(name)) continue;
    // A full-access switch set to false asks for what scoped access does anyway.
    if (mode.access === "full" && (props as Readonly<Record<string, unknown>>)[name] === false) continue;
    problems.push({
      path: [name],
      message: mode.access === "scoped" ? errors.scopedOnly(name) : errors.fullOnly(name, mode.why, plain(mode.fix)),
    });
  }
  if (access === "scoped" && (props.inputs ?? []).length + (props.outputs ?? []).length === 0 && !isUnresolved(props.inputs) && !isUnresolved(props.outputs)) {
    problems.push(...at(["access"], [errors.scopedWithoutLocations(props.roleName ?? DEFAULT_ROLE_NAME)]));
  }
  if (props.trustedQueueArns !== undefined && props.confusedDeputyProtection === false) {
    problems.push(...at(["trustedQueueArns"], [errors.trustedQueuesWithoutProtection()]));
  }
  problems.push(...queuesOfAnotherAccount(props, env));

  if (problems.length === 0) {
    const size = inlinePolicies(props).reduce((sum, doc) => sum + policyJson(doc).length, 0);
    if (size > INLINE_POLICY_BUDGET) problems.push(...at([], [errors.inlinePolicyTooLarge(props.roleName ?? DEFAULT_ROLE_NAME, size)]));
    const trustSize = policyJson(trust(props)).length;
    if (trustSize > TRUST_POLICY_BUDGET) problems.push(...at([], [errors.trustPolicyTooLarge(props.roleName ?? DEFAULT_ROLE_NAME, trustSize)]));
  }
  return problems;
}

/**
 * Trusted queues must belong to the account the trust conditions pin: a queue of another account
 * never matches `aws:SourceAccount`. The stack's account is checked with the environment; a
 * role's own `accountId` is checked here, whatever stack the role is in.
 */
function queuesOfAnotherAccount(props: MediaConvertRoleProps, env: KnownEnvironment | undefined): Problem[] {
  const account = props.accountId;
  const queues = props.trustedQueueArns;
  if (env?.accountId !== undefined || account === undefined || isUnresolved(account) || queues === undefined || isUnresolved(queues)) return [];
  return queues.flatMap((arn, i) => {
    if (isUnresolved(arn) || VALUE_RULES.queueArn(arn).length > 0) return [];
    const owner = splitArn(arn)?.accountId ?? "";
    return owner === account ? [] : at(["trustedQueueArns", i], [errors.accountMismatch("Queue ARN", arn, owner, account, "the role's accountId pins account")]);
  });
}
