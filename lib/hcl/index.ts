/**
 * Terraform JSON configuration (what cdktf synthesizes into cdk.tf.json, and the module's
 * `*.tf.json`) rendered as idiomatic HCL: the same configuration for Terraform, laid out as
 * `terraform fmt` lays it out (two-space indents, `=` aligned in runs of one-line attributes,
 * blank lines between blocks), readable in review.
 *
 * It replaces cdktf's own HCL output (`cdktf synth --hcl`), which breaks every string holding a
 * Terraform reference inside a JSON document (upstream issue 3911). The printer is pure (JSON in,
 * text out) and imports nothing from the rest of the library: tree.ts maps the JSON to a syntax
 * tree (with the block tables of blocks.ts), format.ts spaces expressions as `terraform fmt` does,
 * print.ts lays the tree out.
 */
import { fileText } from "./print";
import { Block, blocksOf, TerraformJson } from "./tree";

export { HclRenderError } from "./errors";
export type { TerraformJson } from "./tree";

/**
 * Renders Terraform JSON configuration as one HCL file (e.g. a stack's `cdk.tf`): top-level
 * blocks in the order terraform, provider, variable, locals, data, resource, module, import,
 * moved, removed, output. Several configurations (the files of one module) render together.
 * Throws on structures the renderer cannot express faithfully.
 */
export function renderHcl(config: TerraformJson | readonly TerraformJson[]): string {
  const configs = Array.isArray(config) ? (config as readonly TerraformJson[]) : [config as TerraformJson];
  const blocks = [...blocksOf(configs).values()].flat();
  return blocks.length === 0 ? "" : fileText(blocks);
}

/** Which file of a module each top-level block type goes to. */
const MODULE_FILE_OF: Readonly<Record<string, string>> = {
  terraform: "versions.tf",
  variable: "variables.tf",
  output: "outputs.tf",
};

/**
 * Renders Terraform JSON configuration as the files of a module, in the layout of
 * terraform-aws-modules: `versions.tf` (the terraform block), `variables.tf`, `outputs.tf`,
 * and `main.tf` (everything else). Files with nothing to hold are left out.
 */
export function renderHclFiles(config: TerraformJson | readonly TerraformJson[]): Record<string, string> {
  const configs = Array.isArray(config) ? (config as readonly TerraformJson[]) : [config as TerraformJson];
  const byFile = new Map<string, Block[]>();
  for (const [type, blocks] of blocksOf(configs)) {
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
