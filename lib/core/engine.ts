/**
 * The engine: every name lib/ takes from the CDK for Terraform (`cdktf`) and from its AWS provider
 * bindings (`@cdktf/provider-aws/lib/<resource>`, deep imports only, never the package root).
 * No other file under lib/ imports those packages (__tests__/architecture.test.ts checks it), so
 * another engine is one file away: `node bin/build-engine.js cdktn <dir>` builds the package
 * `mediaconvert-role-cdktn` for CDK Terrain by swapping only the module names below in the compiled
 * engine.js and engine.d.ts (`cdktf` to `cdktn`, `@cdktf/provider-aws/` to `@cdktn/provider-aws/`).
 *
 * Keep each specifier a plain string literal, one `export ... from` per module: the swap is textual.
 * An API that differs between the engines is adapted here, behind the same exported name.
 *
 * Loading this file also registers the engine's token test with `tokens.ts`, which the rules
 * and policy builders ask (they do not import the engine, so the config app can run without it).
 */
import { Token as EngineToken } from "cdktf";
import { registerTokenTest } from "./tokens";

registerTokenTest((value) => EngineToken.isUnresolved(value));

export {
  Annotations,
  App,
  CloudBackend,
  DefaultTokenResolver,
  Fn,
  LocalBackend,
  NamedCloudWorkspace,
  Op,
  S3Backend,
  StringConcat,
  TerraformElement,
  TaggedCloudWorkspaces,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Token,
  Tokenization,
} from "cdktf";
export type { IResolvable, TerraformVariableValidationConfig } from "cdktf";

export { AwsProvider } from "@cdktf/provider-aws/lib/provider";
export { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
export { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
export { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
export { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
export { IamRole } from "@cdktf/provider-aws/lib/iam-role";
export { IamRolePoliciesExclusive } from "@cdktf/provider-aws/lib/iam-role-policies-exclusive";
export { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
export { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
export { IamRolePolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";
