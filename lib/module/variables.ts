/**
 * The module's variables, made from the declaration of the role properties: one variable per
 * property that has a module side, its Terraform type and default, its description, and the
 * validations of its values (the same rules, with the same messages, as the construct's), of its
 * access mode, and of the few rules that relate it to other variables.
 */
import { enumInvalid, fullOnly, scopedOnly } from "../core/messages";
import { Fields, fieldsOf, moduleDescription, PropertyDeclaration, PropertyKind, renderNames, ROLE_PROPERTIES } from "../core/role-properties";
import { messageValue, quoted } from "./expressions";
import { crossValidations } from "./cross-validations";
import { ruleValidations, tagValidations, Validation } from "./validations";

/** A variable as Terraform JSON. */
export interface Variable {
  readonly type: string;
  readonly default?: unknown;
  readonly nullable?: boolean;
  readonly description: string;
  readonly validation?: Validation[];
}

/** The Terraform type of a kind; `optional` wraps an attribute of an object type. */
function typeOf(kind: PropertyKind): string {
  switch (kind.type) {
    case "string":
    case "enum":
      return "string";
    case "boolean":
      return "bool";
    case "number":
      return "number";
    case "list":
      return "list(string)";
    case "tags":
      return "map(string)";
    case "objects":
      return `list(${objectType(fieldsOf(kind))})`;
    case "object":
      return objectType(fieldsOf(kind));
  }
}

function objectType(fields: Fields): string {
  const attributes = Object.values(fields).map((d) => {
    const type = typeOf(d.kind);
    const name = d.module!.name;
    if (d.required) return `${name} = ${type}`;
    return d.module?.default === undefined || d.module.default === null ? `${name} = optional(${type})` : `${name} = optional(${type}, ${JSON.stringify(d.module.default)})`;
  });
  return `object({ ${attributes.join(", ")} })`;
}

/** The validations of a variable's values, by its kind: each rule over every value it applies to. */
function valueValidations(variable: string, declaration: PropertyDeclaration): Validation[] {
  const kind = declaration.kind;
  const ref = `var.${variable}`;
  switch (kind.type) {
    case "string":
    case "number":
      return kind.rule === undefined ? [] : ruleValidations(kind.rule, { scalar: ref, nullable: declaration.module?.nullable });
    case "enum":
      return [
        {
          condition: `\${contains(${JSON.stringify(kind.values)}, ${ref})}`,
          error_message: enumInvalid(variable, `the string ${quoted(ref, 40)}`, kind.values),
        },
      ];
    case "list":
      return ruleValidations(kind.rule, { list: ref, path: (i) => `${variable}[\${${i}}]: ` });
    case "tags":
      return tagValidations(ref);
    case "objects":
      return Object.values(fieldsOf(kind)).flatMap((field) =>
        field.kind.type === "string" && field.kind.rule !== undefined
          ? ruleValidations(field.kind.rule, {
              list: ref,
              item: (x) => `${x}.${field.module!.name}`,
              path: (i) => `${variable}[\${${i}}].${field.module!.name}: `,
            })
          : [],
      );
    case "object":
      return Object.values(fieldsOf(kind)).flatMap((field) =>
        field.kind.type === "list"
          ? ruleValidations(field.kind.rule, {
              list: `${ref} == null ? [] : ${ref}.${field.module!.name}`,
              path: (i) => `${variable}.${field.module!.name}[\${${i}}]: `,
            })
          : [],
      );
    case "boolean":
      return [];
  }
}

/** The validation that refuses a property of the other access mode. */
function modeValidation(variable: string, declaration: PropertyDeclaration): Validation[] {
  const mode = declaration.mode;
  if (mode === undefined) return [];
  const given = declaration.kind.type === "boolean" ? `var.${variable} == true` : `length(var.${variable}) > 0`;
  return [
    {
      condition: `\${var.access == "${mode.access}" || !(${given})}`,
      error_message: mode.access === "scoped" ? scopedOnly(variable) : fullOnly(variable, mode.why, renderNames(mode.fix, "module", "plain")),
    },
  ];
}

/** The module's variables, in the order of the declaration. */
export function moduleVariables(): Record<string, Variable> {
  const variables: Record<string, Variable> = {};
  for (const declaration of Object.values(ROLE_PROPERTIES as Fields)) {
    const side = declaration.module;
    if (side === undefined) continue;
    const validation = [...valueValidations(side.name, declaration), ...modeValidation(side.name, declaration), ...(crossValidations[side.name] ?? [])];
    variables[side.name] = {
      type: typeOf(declaration.kind),
      ...(side.default !== undefined ? { default: side.default } : {}),
      nullable: side.nullable ?? false,
      description: moduleDescription(declaration),
      ...(validation.length > 0 ? { validation: validation.map((v) => ({ ...v, error_message: messageValue(v.error_message) })) } : {}),
    };
  }
  return variables;
}
