/**
 * Terraform JSON configuration (what cdktf synthesizes into cdk.tf.json, and the module's
 * `*.tf.json`) rendered as idiomatic HCL: the same configuration for Terraform, laid out as
 * `terraform fmt` lays it out (two-space indents, `=` aligned in runs of one-line attributes,
 * blank lines between blocks), readable in review.
 *
 * It replaces cdktf's own HCL output (`cdktf synth --hcl`), which breaks every string holding a
 * Terraform reference inside a JSON document (upstream issue 3911). The printer is pure (JSON in,
 * text out) and imports nothing from the rest of the library (the package's `./hcl` entry):
 * - tree.ts maps the JSON to a syntax tree, template.ts carries strings over;
 * - blocks.ts tells nested blocks from arguments: the AWS provider's table
 *   (aws-blocks.generated.ts), or a given provider schema (schema.ts reads both);
 * - format.ts spaces expressions as `terraform fmt` does and finds where long ones may break;
 * - print.ts lays the tree out in lines.
 */
import { AWS_PROVIDER_VERSION } from "./aws-blocks.generated";
import { blockTables } from "./blocks";
import { HclRenderError } from "./errors";
import { fileText } from "./print";
import { schemaBlocks } from "./schema";
import { Block, blocksOf, TerraformJson } from "./tree";

export { HclRenderError } from "./errors";
export type { TerraformJson } from "./tree";
export { AWS_PROVIDER_VERSION } from "./aws-blocks.generated";

/** Options of renderHcl and renderHclFiles. */
export interface HclOptions {
  /**
   * Provider schemas: the output of `terraform providers schema -json` (run after `terraform init`
   * where the configuration is), parsed. In Terraform JSON a nested block and an argument holding
   * an object look alike; the schema tells which is which for the types of its providers.
   * @default - the renderer knows the AWS provider's blocks (AWS_PROVIDER_VERSION) and those of
   * Terraform's built-in provider; for a type of any other provider, a key holding an object, a
   * list of objects or an empty list is an error
   */
  readonly providerSchema?: unknown;
}

/**
 * The AWS provider major version a configuration requires (`terraform.required_providers.aws.version`,
 * its first version number), when it names one.
 */
function requiredAwsMajor(config: TerraformJson): number | undefined {
  const blocks = (v: unknown): Record<string, unknown>[] =>
    (Array.isArray(v) ? v : [v]).filter((b): b is Record<string, unknown> => typeof b === "object" && b !== null && !Array.isArray(b));
  for (const terraform of blocks(config.terraform)) {
    for (const providers of blocks(terraform.required_providers)) {
      const version = blocks(providers.aws)[0]?.version;
      const major = typeof version === "string" ? /(\d+)\.\d+/.exec(version)?.[1] : undefined;
      if (major !== undefined) return Number(major);
    }
  }
  return undefined;
}

function blocksOfConfigs(config: TerraformJson | readonly TerraformJson[], options: HclOptions): Map<string, Block[]> {
  const configs = Array.isArray(config) ? (config as readonly TerraformJson[]) : [config as TerraformJson];
  const schema = options.providerSchema === undefined ? undefined : schemaBlocks(options.providerSchema);
  const known = Number(AWS_PROVIDER_VERSION.split(".")[0]);
  const required = configs.map(requiredAwsMajor).find((major) => major !== undefined && major !== known);
  if (required !== undefined && !schema?.provider.has("aws")) {
    throw new HclRenderError(
      `Cannot render the configuration as HCL: it requires the AWS provider ${required}.x, and the nested blocks the renderer knows are those of ${AWS_PROVIDER_VERSION}, which may differ. ` +
        "Give it that provider's schema: the output of terraform providers schema -json, run after terraform init where the configuration is (the hcl command's --schema <file>).",
    );
  }
  return blocksOf(configs, blockTables(schema));
}

/**
 * Renders Terraform JSON configuration as one HCL file (e.g. a stack's `cdk.tf`): top-level
 * blocks in the order terraform, provider, variable, locals, data, resource, module, import,
 * moved, removed, output. Several configurations (the files of one module) render together.
 * Throws an HclRenderError on structures the renderer cannot express faithfully.
 */
export function renderHcl(config: TerraformJson | readonly TerraformJson[], options: HclOptions = {}): string {
  const blocks = [...blocksOfConfigs(config, options).values()].flat();
  return blocks.length === 0 ? "" : fileText(blocks);
}

/** Which file of a module each top-level block type goes to. */
const MODULE_FILE_OF: Readonly<Record<string, string>> = {
  terraform: "versions.tf",
  variable: "variables.tf",
  output: "outputs.tf",
};

/**
 * Renders Terraform JSON configuration (a stack that cdktf synthesized, say: its `cdk.tf.json`,
 * parsed) as the files of a Terraform configuration, in the layout of terraform-aws-modules:
 * `versions.tf` (the terraform block), `variables.tf`, `outputs.tf`, and `main.tf` (everything
 * else). Files with nothing to hold are left out. Pure: JSON in, `{ "<file>.tf": text }` out.
 * Throws an HclRenderError on structures the renderer cannot express faithfully.
 */
export function renderHclFiles(config: TerraformJson | readonly TerraformJson[], options: HclOptions = {}): Record<string, string> {
  const byFile = new Map<string, Block[]>();
  for (const [type, blocks] of blocksOfConfigs(config, options)) {
    const file = MODULE_FILE_OF[type] ?? "main.tf";
    byFile.set(file, [...(byFile.get(file) ?? []), ...blocks]);
  }
  const files: Record<string, string> = {};
  for (const name of ["main.tf", "outputs.tf", "variables.tf", "versions.tf"]) {
    const blocks = byFile.get(name);
    if (blocks) files[name] = fileText(blocks);
  }
  return files;
}
