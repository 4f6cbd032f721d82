/**
 * The rules of MediaConvertRoleProps as problems with a path (`inputs[0].bucket`), shared by the
 * construct (which throws them together) and the config file (which prefixes the JSON path).
 */
import { isUnresolved } from "./tokens";
import { KnownEnvironment } from "./environment";
import * as errors from "./messages";
import { PolicyDocument, policyJson } from "./policy-document";
import {
  checkBucket,
  checkDescription,
  checkKantarSecretArn,
  checkKmsKeyArn,
  checkMaxSessionDuration,
  checkPath,
  checkPolicyArn,
  checkPrefix,
  checkQueueArn,
  checkRoleName,
  checkSpekeApiArn,
  checkTags,
  DEFAULT_ROLE_NAME,
} from "./rules";
import type { MediaConvertRoleProps } from "./role-props";

export type PropPath = readonly (string | number)[];

export interface Problem {
  readonly path: PropPath;
  readonly message: string;
}

/** IAM's limit on the aggregate size of one role's inline policies. */
export const INLINE_POLICY_BUDGET = 10240;

/** IAM's default limit on the size of a role's trust policy. */
export const TRUST_POLICY_BUDGET = 2048;

type ArnCheck = (arn: string, env?: KnownEnvironment) => string[];

/** Runs a check on each entry of a list; a whole-list Terraform reference is checked by Terraform. */
function each<T>(path: PropPath, values: readonly T[] | undefined, check: (value: T, path: PropPath) => Problem[]): Problem[] {
  if (values === undefined || isUnresolved(values)) return [];
  return values.flatMap((value, i) => check(value, [...path, i]));
}

const at = (path: PropPath, messages: string[]): Problem[] => messages.map((message) => ({ path, message }));

/** Checks of one field at a time, that need nothing else (the config file runs them in its schema). */
export const FIELD_CHECKS = {
  roleName: checkRoleName,
  description: checkDescription,
  kmsKeyArn: (arn: string) => checkKmsKeyArn(arn),
  spekeApiArn: (arn: string) => checkSpekeApiArn(arn),
  kantarSecretArn: (arn: string) => checkKantarSecretArn(arn),
  queueArn: (arn: string) => checkQueueArn(arn),
  permissionsBoundary: (arn: string) => checkPolicyArn(arn),
  bucket: checkBucket,
  prefix: checkPrefix,
  path: checkPath,
  maxSessionDuration: checkMaxSessionDuration,
  tags: checkTags,
} as const;

/** Every single-field problem of the props. */
export function fieldProblems(props: MediaConvertRoleProps): Problem[] {
  const location = (l: { bucket: string; prefix?: string; kmsKeyArn?: string }, path: PropPath): Problem[] => [
    ...at([...path, "bucket"], checkBucket(l.bucket)),
    ...(l.prefix !== undefined ? at([...path, "prefix"], checkPrefix(l.prefix)) : []),
    ...(l.kmsKeyArn !== undefined ? at([...path, "kmsKeyArn"], FIELD_CHECKS.kmsKeyArn(l.kmsKeyArn)) : []),
  ];
  const arns = (field: keyof MediaConvertRoleProps, check: (arn: string) => string[]) =>
    each([field], props[field] as readonly string[] | undefined, (arn, path) => at(path, check(arn)));
  return [
    ...(props.roleName !== undefined ? at(["roleName"], checkRoleName(props.roleName)) : []),
    ...(props.description !== undefined ? at(["description"], checkDescription(props.description)) : []),
    ...arns("inputKmsKeyArns", FIELD_CHECKS.kmsKeyArn),
    ...arns("outputKmsKeyArns", FIELD_CHECKS.kmsKeyArn),
    ...arns("jobEncryptionKmsKeyArns", FIELD_CHECKS.kmsKeyArn),
    ...arns("spekeApiArns", FIELD_CHECKS.spekeApiArn),
    ...arns("kantarSecretArns", FIELD_CHECKS.kantarSecretArn),
    ...arns("trustedQueueArns", FIELD_CHECKS.queueArn),
    ...each(["inputs"], props.inputs, location),
    ...each(["outputs"], props.outputs, location),
    ...(props.path !== undefined ? at(["path"], checkPath(props.path)) : []),
    ...(props.permissionsBoundary !== undefined ? at(["permissionsBoundary"], FIELD_CHECKS.permissionsBoundary(props.permissionsBoundary)) : []),
    ...(props.maxSessionDuration !== undefined ? at(["maxSessionDuration"], checkMaxSessionDuration(props.maxSessionDuration)) : []),
    ...(props.tags !== undefined ? at(["tags"], checkTags(props.tags)) : []),
  ];
}

/** An ARN check against the stack's environment, run only on ARNs that are well-formed on their own. */
function inEnvironment(path: PropPath, arn: string | undefined, check: ArnCheck, env: KnownEnvironment | undefined): Problem[] {
  if (arn === undefined || !env || check(arn).length > 0) return [];
  return at(path, check(arn, env));
}

/**
 * ARNs checked against the stack's environment: partition, and for SPEKE APIs the region, for
 * queues the account. Only ARNs that are well-formed on their own are checked here.
 */
export function environmentProblems(props: MediaConvertRoleProps, env: KnownEnvironment | undefined): Problem[] {
  const envArns = (field: keyof MediaConvertRoleProps, check: ArnCheck) =>
    each([field], props[field] as readonly string[] | undefined, (arn, path) => inEnvironment(path, arn, check, env));
  return [
    ...envArns("inputKmsKeyArns", checkKmsKeyArn),
    ...envArns("outputKmsKeyArns", checkKmsKeyArn),
    ...envArns("jobEncryptionKmsKeyArns", checkKmsKeyArn),
    ...envArns("spekeApiArns", checkSpekeApiArn),
    ...envArns("kantarSecretArns", checkKantarSecretArn),
    ...envArns("trustedQueueArns", checkQueueArn),
    ...each(["inputs"], props.inputs, (l, path) => inEnvironment([...path, "kmsKeyArn"], l.kmsKeyArn, checkKmsKeyArn, env)),
    ...each(["outputs"], props.outputs, (l, path) => inEnvironment([...path, "kmsKeyArn"], l.kmsKeyArn, checkKmsKeyArn, env)),
    ...(props.permissionsBoundary !== undefined ? inEnvironment(["permissionsBoundary"], props.permissionsBoundary, checkPolicyArn, env) : []),
  ];
}

/**
 * Problems that need more than one field or the stack's environment: the environment's ARN
 * checks, settings that belong to the other access mode, and the size budgets of the inline and
 * trust policies (measured on the documents the role would get).
 */
export function contextProblems(
  props: MediaConvertRoleProps,
  env: KnownEnvironment | undefined,
  inlinePolicy: (props: MediaConvertRoleProps) => PolicyDocument | undefined,
  trust: (props: MediaConvertRoleProps) => PolicyDocument,
): Problem[] {
  const scoped = props.access === "scoped";
  const problems: Problem[] = environmentProblems(props, env);

  if (scoped) {
    const noManaged = "scoped roles get no managed full-access policies";
    if (props.attachS3FullAccess === true) {
      problems.push(...at(["attachS3FullAccess"], [errors.fullOnly("attachS3FullAccess", noManaged, "Remove it; list the buckets in inputs and outputs.")]));
    }
    if (props.attachApiGatewayInvokeFullAccess === true) {
      problems.push(
        ...at(["attachApiGatewayInvokeFullAccess"], [errors.fullOnly("attachApiGatewayInvokeFullAccess", noManaged, "Remove it; list the SPEKE APIs in spekeApiArns.")]),
      );
    }
    for (const field of ["inputKmsKeyArns", "outputKmsKeyArns"] as const) {
      if (props[field] !== undefined) {
        problems.push(...at([field], [errors.fullOnly(field, "scoped roles take each bucket's key with its location", "Give each location's key as kmsKeyArn in inputs and outputs.")]));
      }
    }
    if ((props.inputs ?? []).length + (props.outputs ?? []).length === 0) {
      problems.push(...at(["access"], [errors.scopedWithoutLocations(props.roleName ?? DEFAULT_ROLE_NAME)]));
    }
  } else {
    for (const field of ["inputs", "outputs", "spekeApiArns", "kantarSecretArns"] as const) {
      if (props[field] !== undefined) problems.push(...at([field], [errors.scopedOnly(field)]));
    }
  }

  if (props.trustedQueueArns !== undefined && props.confusedDeputyProtection === false) {
    problems.push(...at(["trustedQueueArns"], [errors.trustedQueuesWithoutProtection()]));
  }

  if (problems.length === 0) {
    const doc = inlinePolicy(props);
    const size = doc ? policyJson(doc).length : 0;
    if (size > INLINE_POLICY_BUDGET) problems.push(...at([], [errors.inlinePolicyTooLarge(props.roleName ?? DEFAULT_ROLE_NAME, size)]));
    const trustSize = policyJson(trust(props)).length;
    if (trustSize > TRUST_POLICY_BUDGET) problems.push(...at([], [errors.trustPolicyTooLarge(props.roleName ?? DEFAULT_ROLE_NAME, trustSize)]));
  }
  return problems;
}

/** `inputs[0].bucket: message`, or the message alone at the top. */
export function formatProblem(problem: Problem): string {
  const path = problem.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
  return path === "" ? problem.message : `${path}: ${problem.message}`;
}
