/**
 * The public API of the library (the package's main entry): the constructs, their props, the
 * policy documents they are built from, and the rules and messages they check with. Nothing here
 * touches the file system. The config-file app is the `./app` entry (`lib/app/index.ts`).
 */
export * from "./core/role";
export * from "./core/stack";
export * from "./core/policies";
export * from "./core/policy-document";
export { policyCount, renderPolicy } from "./core/render-policy";
export * from "./core/deployer-policy";
export { crossAccount, resourcePoliciesOf } from "./core/resource-policies";
export type { AssumeRoleConfig } from "./core/assume-role";
export type { BackendConfig, CloudBackendConfig, LocalBackendConfig, S3BackendConfig } from "./core/backend";
export { MediaConvertValidationError, RULES } from "./core/messages";
export { awsManagedPolicyArn, partitionOfRegion } from "./core/arn";
export type { Partition } from "./core/arn";
