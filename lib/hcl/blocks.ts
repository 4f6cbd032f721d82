/**
 * Which keys of a Terraform JSON body are nested blocks: in JSON a nested block and an argument
 * holding an object look alike, HCL writes them differently.
 */

/** Nested block types of a block body, each with the nested block types of its own body. */
export interface BlockTypes {
  readonly [type: string]: BlockTypes;
}

export const NO_BLOCKS: BlockTypes = {};

/** Nested blocks of provider configurations, by provider (from the AWS provider 5.100.0 schema). */
export const PROVIDER_BLOCKS: Readonly<Record<string, BlockTypes>> = {
  aws: { assume_role: {}, assume_role_with_web_identity: {}, default_tags: {}, endpoints: {}, ignore_tags: {} },
};

/** Nested blocks of resource types (from the AWS provider 5.100.0 schema); types not listed have none. */
export const RESOURCE_BLOCKS: Readonly<Record<string, BlockTypes>> = {
  aws_iam_role: { inline_policy: {} },
};

/** Nested blocks of data source types (from the AWS provider 5.100.0 schema); types not listed have none. */
export const DATA_BLOCKS: Readonly<Record<string, BlockTypes>> = {
  aws_iam_policy_document: { statement: { principals: {}, not_principals: {}, condition: {} } },
};
