/**
 * Terraform `import` blocks (Terraform 1.5+), for adopting resources that exist already.
 *
 * cdktf's own `TerraformResource.importFrom(id)` renders the same root-level block, but it also
 * adds a validation that runs `terraform version` in a child process on every synth (and fails
 * where Terraform is not installed), so the blocks are rendered by this element instead.
 */
import { TerraformElement } from "./engine";
import { Construct } from "constructs";

/** One `import` block: the resource address to import into, and the provider's import id. */
export interface ImportBlock {
  /** A bare resource address, e.g. `aws_iam_role.mediaconvert_default_role` (no `${...}`). */
  readonly to: string;
  /** The import id the resource type expects, e.g. the role name for `aws_iam_role`. */
  readonly id: string;
}

/** Root-level `import` blocks in a stack's Terraform JSON (and in `cdktf synth --hcl` output). */
export class TerraformImports extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    public readonly blocks: readonly ImportBlock[],
  ) {
    super(scope, id);
  }

  public toTerraform(): Record<string, unknown> {
    return this.blocks.length === 0 ? {} : { import: this.blocks.map((b) => ({ to: b.to, id: b.id })) };
  }

  public toHclTerraform(): Record<string, unknown> {
    if (this.blocks.length === 0) return {};
    return {
      import: this.blocks.map((b) => ({
        to: { value: b.to, type: "simple", storageClassType: "reference" },
        id: { value: b.id, type: "simple", storageClassType: "string" },
      })),
    };
  }
}
