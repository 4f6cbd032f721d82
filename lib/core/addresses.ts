/**
 * Terraform addresses: the resource names the constructs derive from construct ids and role names.
 */

/** Lower-case, Terraform-safe resource name part from a construct id or role name. */
export function terraformName(id: string): string {
  const name = id.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  return /^[a-z_]/.test(name) ? name : `role_${name}`;
}
