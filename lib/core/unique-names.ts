/**
 * Names that must be unique: IAM role names per account (not case-sensitive), and the Terraform
 * addresses the constructs derive from construct ids and role names (two elements with one
 * address would be merged into one by cdktf, and one role would silently disappear).
 *
 * The role names are compared by `roleNameClashes` (role-name-clashes.ts, free of cdktf), the one
 * check of role names that the config file uses too.
 */
import { App, TerraformDataSource, TerraformOutput, TerraformResource, TerraformStack } from "./engine";
import { IConstruct } from "constructs";
import { environmentOf } from "./environment";
import { addressUsedTwice } from "./messages";
import { roleNameClashes, type RoleNameEntry } from "./role-name-clashes";

export { roleNameClashes, type RoleNameEntry };

/** A role for the construct-side checks. */
interface NamedRole extends IConstruct {
  readonly roleName: string;
}

const CHECKED = Symbol.for("mediaconvert-role.uniqueNames");

type CheckedStack = TerraformStack & { [CHECKED]?: NamedRole[] };

/** Roles are in the same account when they share a stack, or their stacks declare the same account. */
function accountKey(stack: TerraformStack): string {
  const accountId = environmentOf(stack)?.accountId;
  return accountId ? `account:${accountId}` : `stack:${stack.node.path}`;
}

/** Registers a role for the checks of its stack, adding them to the stack on its first role. */
export function registerUniqueNames(role: NamedRole): void {
  const stack = TerraformStack.of(role) as CheckedStack;
  if (stack[CHECKED]) {
    stack[CHECKED].push(role);
    return;
  }
  Object.defineProperty(stack, CHECKED, { value: [role], enumerable: false });
  stack.node.addValidation({ validate: () => [...roleNameProblems(stack), ...addressProblems(stack)] });
}

/** Role names used twice in the account of `stack`; each clash reported once, by the stack of the later role. */
function roleNameProblems(stack: TerraformStack): string[] {
  const account = accountKey(stack);
  const stacks = App.of(stack).node.children.filter(TerraformStack.isStack).filter((s) => accountKey(s) === account);
  const roles = stacks.flatMap((s) => (s as CheckedStack)[CHECKED] ?? []);
  const entries = roles.map((r) => ({ name: r.roleName, account, stack: TerraformStack.of(r).node.id }));
  return roleNameClashes(entries)
    .filter(({ index }) => TerraformStack.of(roles[index]) === stack)
    .map(({ message }) => message);
}

/** The Terraform address of an element, or undefined for elements that have none of their own. */
function addressOf(element: IConstruct): string | undefined {
  if (element instanceof TerraformResource) return `${element.terraformResourceType}.${element.friendlyUniqueId}`;
  if (element instanceof TerraformDataSource) return `data.${element.terraformResourceType}.${element.friendlyUniqueId}`;
  if (element instanceof TerraformOutput) return `output.${element.friendlyUniqueId}`;
  return undefined;
}

/** The marker of MediaConvertRole constructs (role.ts sets it; a registered symbol, so copies of the library agree). */
const ROLE_MARKER = Symbol.for("mediaconvert-role.MediaConvertRole");

/** The role an element belongs to, for messages. */
function roleOf(element: IConstruct): NamedRole | undefined {
  for (let c: IConstruct | undefined = element; c; c = c.node.scope) {
    if (ROLE_MARKER in c) return c as unknown as NamedRole;
  }
  return undefined;
}

/** Elements of `stack` that share a Terraform address: cdktf would keep only one of them. */
function addressProblems(stack: TerraformStack): string[] {
  const first = new Map<string, IConstruct>();
  const problems: string[] = [];
  for (const element of stack.node.findAll()) {
    const address = addressOf(element);
    if (address === undefined) continue;
    const earlier = first.get(address);
    if (earlier === undefined) {
      first.set(address, element);
      continue;
    }
    const describe = (e: IConstruct) => {
      const role = roleOf(e);
      return `${e.node.path}${role ? ` (role ${JSON.stringify(role.roleName)})` : ""}`;
    };
    problems.push(addressUsedTwice(address, describe(earlier), describe(element)));
  }
  return problems;
}
