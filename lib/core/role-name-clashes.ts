/**
 * The one check of role names: IAM role names are unique per account and not case-sensitive.
 * Used by the constructs (the whole app at validation, through unique-names.ts; a second role of
 * one construct id in MediaConvertStack.addRole) and by the config file (with JSON paths). A file
 * of its own, free of cdktf, so that the config file loads without it.
 */
import { roleNameCaseClash, roleNameUsedTwice } from "./messages";
import { isUnresolved } from "./tokens";

/** A role as the name check sees it. */
export interface RoleNameEntry {
  /** The role name (a Terraform reference is skipped). */
  readonly name: string;
  /** Roles clash only within one account: the account id, or a key standing for the stack's unknown account. */
  readonly account: string;
  /** The stack it is in, for messages. */
  readonly stack: string;
  /** Where it was declared, shown before the stack, e.g. `(stacks[0].roles[1].roleName) `; empty for constructs. */
  readonly label?: string;
}

/** Each entry whose name an earlier entry of the same account has (case-insensitively), with the message. */
export function roleNameClashes(entries: readonly RoleNameEntry[]): { readonly index: number; readonly message: string }[] {
  const first = new Map<string, RoleNameEntry>();
  const clashes: { index: number; message: string }[] = [];
  entries.forEach((entry, index) => {
    if (isUnresolved(entry.name)) return;
    const key = `${entry.account}\u0000${entry.name.toLowerCase()}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, entry);
      return;
    }
    const where = `${earlier.label ?? ""}${earlier.stack === entry.stack ? "in the same stack" : `in stack "${earlier.stack}" (same account)`}`;
    clashes.push({
      index,
      message: earlier.name === entry.name ? roleNameUsedTwice(entry.name, where) : roleNameCaseClash(entry.name, earlier.name, where),
    });
  });
  return clashes;
}
