/**
 * IAM role names are unique per account and not case-sensitive: two roles of one app in the same
 * account whose names differ only in case cannot both exist. Checked once per stack at validation.
 */
import { App, TerraformStack, Token } from "./engine";
import { IConstruct } from "constructs";
import { environmentOf } from "./environment";
import { roleNameCaseClash, roleNameUsedTwice } from "./messages";

interface NamedRole extends IConstruct {
  readonly roleName: string;
}

const CHECKED = Symbol.for("mediaconvert-role.nameClashCheck");

/** Roles are in the same account when they share a stack, or their stacks declare the same account. */
function accountKey(scope: IConstruct): string {
  const accountId = environmentOf(scope)?.accountId;
  return accountId ? `account:${accountId}` : `stack:${TerraformStack.of(scope).node.path}`;
}

/** Adds the check to the role's stack, once per stack. */
export function registerNameClashCheck(role: NamedRole): void {
  const stack = TerraformStack.of(role) as TerraformStack & { [CHECKED]?: NamedRole[] };
  if (stack[CHECKED]) {
    stack[CHECKED].push(role);
    return;
  }
  const roles: NamedRole[] = [role];
  Object.defineProperty(stack, CHECKED, { value: roles, enumerable: false });
  stack.node.addValidation({ validate: () => clashes(stack) });
}

/** Each clash is reported once, by the stack of the role that comes later in the app. */
function clashes(stack: TerraformStack): string[] {
  const account = accountKey(stack);
  const allStacks = App.of(stack).node.children.filter(TerraformStack.isStack);
  const seen = new Map<string, NamedRole>();
  const problems: string[] = [];
  for (const other of allStacks) {
    if (accountKey(other) !== account) continue;
    const roles = (other as TerraformStack & { [CHECKED]?: NamedRole[] })[CHECKED] ?? [];
    for (const role of roles) {
      if (Token.isUnresolved(role.roleName)) continue;
      const key = role.roleName.toLowerCase();
      const first = seen.get(key);
      if (!first) {
        seen.set(key, role);
        continue;
      }
      if (other === stack) {
        const where = TerraformStack.of(first) === stack ? "in the same stack" : `in stack "${TerraformStack.of(first).node.id}" (same account)`;
        problems.push(
          role.roleName === first.roleName
            ? roleNameUsedTwice(role.roleName, where)
            : roleNameCaseClash(role.roleName, first.roleName, where),
        );
      }
    }
  }
  return problems;
}
