/**
 * Root-level `import` blocks that adopt an existing role into the generated module
 * (`modules/mediaconvert-role`). Terraform 1.11 allows `import` blocks only in the root module,
 * so the module cannot hold them; its caller writes these, with module addresses.
 */
import { awsManagedPolicyArn, Partition } from "../core/arn";
import type { ImportBlock } from "../core/import-blocks";
import { MANAGED_POLICIES } from "../core/names";

/** What the module call sets that decides which resources exist (the module's inputs of the same names). */
export interface ModuleImportOptions {
  /** The partition of the account (`aws`, `aws-cn`, `aws-us-gov`): the managed policies' ARNs name it. @default "aws" */
  readonly partition?: Partition;
  /** The module's `attach_s3_full_access`. @default true */
  readonly attachS3FullAccess?: boolean;
  /** The module's `attach_api_gateway_invoke_full_access`. @default true */
  readonly attachApiGatewayInvokeFullAccess?: boolean;
}

/**
 * The module's importable resources: the address inside the module, the import id, and when
 * the module has that resource. One row per resource, so a change of the module's resource
 * names (or from `count` to `for_each`) is a change of this table only. The inline KMS policy
 * (`aws_iam_role_policy.this_kms[0]`, policy name `kms-sse-keys`) is left out on purpose: the
 * console's role has none of that name, and importing an object that does not exist fails the plan.
 */
const MODULE_IMPORTS: readonly {
  readonly address: string;
  readonly id: (roleName: string, partition: Partition) => string;
  readonly when: (options: ModuleImportOptions) => boolean;
}[] = [
  { address: "aws_iam_role.this", id: (role) => role, when: () => true },
  {
    address: "aws_iam_role_policy_attachment.this_s3_full_access[0]",
    id: (role, partition) => `${role}/${awsManagedPolicyArn(partition, MANAGED_POLICIES.s3FullAccess)}`,
    when: (o) => o.attachS3FullAccess ?? true,
  },
  {
    address: "aws_iam_role_policy_attachment.this_api_gateway_invoke_full_access[0]",
    id: (role, partition) => `${role}/${awsManagedPolicyArn(partition, MANAGED_POLICIES.apiGatewayInvokeFullAccess)}`,
    when: (o) => o.attachApiGatewayInvokeFullAccess ?? true,
  },
];

/**
 * The `import` blocks that adopt role `roleName` into `module "<moduleName>"`: the role (id: its
 * name) and each managed-policy attachment the module call has (id: `<role name>/<policy ARN>`).
 */
export function moduleImportBlocks(moduleName: string, roleName: string, options: ModuleImportOptions = {}): ImportBlock[] {
  const partition = options.partition ?? "aws";
  return MODULE_IMPORTS.filter((row) => row.when(options)).map((row) => ({
    to: `module.${moduleName}.${row.address}`,
    id: row.id(roleName, partition),
  }));
}

/** The same blocks as HCL, for a README or a `.tf` file next to the module call. */
export function moduleImportBlocksHcl(moduleName: string, roleName: string, options: ModuleImportOptions = {}): string {
  return moduleImportBlocks(moduleName, roleName, options)
    .map((b) => `import {\n  to = ${b.to}\n  id = ${JSON.stringify(b.id)}\n}\n`)
    .join("\n");
}
