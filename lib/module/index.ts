/**
 * The standalone Terraform module `modules/mediaconvert-role`: the MediaConvert role for teams
 * that write HCL. Its variables are made from the declaration of the role properties and validate
 * the same rules with the same messages as the construct; its policies are written as
 * `aws_iam_policy_document` data sources and proven equal to the construct's by the differential
 * test. One file per job: `variables.ts` (and `validations.ts`, `cross-validations.ts`,
 * `expressions.ts`), `policies.ts`, `main.ts`, `examples.ts`, `tests.ts`, `readme.ts`, `imports.ts`.
 */
import { renderHcl } from "../hcl";
import { exampleTerraform, MODULE_EXAMPLES } from "./examples";
import { moduleTerraform } from "./main";
import { ModuleInput, moduleReadme } from "./readme";
import { moduleTestFiles } from "./tests";

export { MODULE_EXAMPLES } from "./examples";
export type { ModuleExample } from "./examples";
export { moduleImportBlocks, moduleImportBlocksHcl } from "./imports";
export type { ModuleImportOptions } from "./imports";
export { MODULE_PROVIDER_CONSTRAINT, MODULE_TERRAFORM_CONSTRAINT, moduleTerraform } from "./main";

/** The module's files, by path relative to its directory: HCL, a README, examples and tests. */
export function moduleFiles(): Record<string, string> {
  const terraform = moduleTerraform();
  const variables = terraform["variables.tf"].variable as Record<string, { type: string; default?: unknown; description: string }>;
  const outputs = terraform["outputs.tf"].output as Record<string, { description: string }>;
  const inputs: ModuleInput[] = Object.entries(variables).map(([name, v]) => ({ name, type: v.type, default: v.default, description: v.description }));
  const main = terraform["main.tf"] as { resource: Record<string, Record<string, unknown>>; data: Record<string, Record<string, unknown>> };
  const policies = terraform["policies.tf"] as { data: Record<string, Record<string, unknown>> };
  const resources = [
    ...Object.entries(main.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => ({ address: `${type}.${name}`, kind: "resource" }))),
    ...[main.data, policies.data].flatMap((data) =>
      Object.entries(data).flatMap(([type, byName]) => Object.keys(byName).map((name) => ({ address: `${type}.${name}`, kind: "data source" }))),
    ),
  ];
  return {
    ...Object.fromEntries(Object.entries(terraform).map(([file, config]) => [file, renderHcl(config)])),
    "README.md": moduleReadme(
      inputs,
      Object.entries(outputs).map(([name, o]) => ({ name, description: o.description })),
      resources,
    ),
    ...Object.fromEntries(Object.entries(MODULE_EXAMPLES).map(([name, example]) => [`examples/${name}/main.tf`, renderHcl(exampleTerraform(example, "../.."))])),
    ...moduleTestFiles(Object.keys(MODULE_EXAMPLES)),
  };
}
