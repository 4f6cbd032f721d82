/** What the HCL printer throws for a configuration it cannot render faithfully. */

/**
 * A Terraform JSON configuration holds something the printer cannot render as HCL exactly (a
 * structure it does not support, a value that is not what its place needs, a nested block it
 * cannot tell from an argument): the message names where, the rule and what to do.
 */
export class HclRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HclRenderError";
  }
}
