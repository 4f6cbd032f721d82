/**
 * The names the role's resources get: AWS managed policies, the suffixes of Terraform resource
 * names (`<role>_<suffix>`), and the names and descriptions of the customer managed policies.
 * Shared by the construct, the generated module and the reports.
 */

/** The AWS managed policies the MediaConvert console attaches. */
export const MANAGED_POLICIES = {
  s3FullAccess: "AmazonS3FullAccess",
  apiGatewayInvokeFullAccess: "AmazonAPIGatewayInvokeFullAccess",
} as const;

/**
 * The managed-policy attachments a full-access role can have: the suffix of their Terraform
 * resource name (`<role>_<suffix>`), the AWS managed policy, and the prop that switches it.
 */
export const MANAGED_POLICY_ATTACHMENTS = [
  { suffix: "s3_full_access", policy: MANAGED_POLICIES.s3FullAccess, prop: "attachS3FullAccess" },
  { suffix: "api_gateway_invoke_full_access", policy: MANAGED_POLICIES.apiGatewayInvokeFullAccess, prop: "attachApiGatewayInvokeFullAccess" },
] as const;

/** The Terraform resource name suffix of each inline policy (`<role>_<suffix>`). */
export const INLINE_POLICY_SUFFIXES = { kms: "kms", secrets: "secrets", scoped: "scoped" } as const;

/** The name of the pass-role policy of a role (`roleName` may be a Terraform reference). */
export const passRolePolicyName = (roleName: string): string => `${roleName}-pass-role`;

/** The description of the pass-role policy of a role. */
export const passRolePolicyDescription = (roleName: string): string =>
  `Lets the identities it is attached to pass the MediaConvert role ${roleName} to MediaConvert, and to nothing else.`;

/** The name of the job submitters' policy of a role; `grantee` names the identity of a `grantSubmitJobs` policy. */
export const submitJobsPolicyName = (roleName: string, grantee?: string): string => `${roleName}-submit-jobs${grantee === undefined ? "" : `-${grantee}`}`;

/** The description of the job submitters' policy of a role. */
export const submitJobsPolicyDescription = (roleName: string): string =>
  `Lets the identities it is attached to submit MediaConvert jobs that run as the role ${roleName}.`;
