/**
 * The generated Terraform module `modules/mediaconvert-role`, read as data (no Terraform here;
 * module.terraform.test.ts plans it): what it declares, what its README documents, that its
 * validation messages say what the TypeScript checks say, and that the committed files are
 * what the generator writes now.
 */
import * as fs from "fs";
import * as path from "path";
import { generatedFiles } from "../lib/app/generated";
import { MODULE_DIR } from "../lib/app/generated";
import { moduleFiles, moduleTerraform } from "../lib/module";
import { moduleImportBlocksHcl } from "../lib/module/imports";
import { Fields, moduleDescription, ROLE_PROPERTIES } from "../lib/core/role-properties";
import { fieldsTables, moduleVariablesTable, rolesTable } from "../lib/app/doc-tables";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const REPO_ROOT = path.resolve(__dirname, "..");

/** The AWS provider version the module is tested with (the local provider mirror holds it). */
const TESTED_PROVIDER_VERSION = "5.100.0";

interface Validation {
  readonly condition: string;
  readonly error_message: string;
}

interface Variable {
  readonly type?: string;
  readonly default?: unknown;
  readonly description?: string;
  readonly nullable?: boolean;
  readonly validation?: readonly Validation[];
}

interface ModuleJson {
  readonly terraform: Record<string, unknown>;
  readonly provider?: unknown;
  readonly variable: Record<string, Variable>;
  readonly output: Record<string, { value: string; description?: string }>;
  readonly resource: Record<string, Record<string, unknown>>;
}

/** The module's Terraform JSON, its files' blocks together (data sources of all files under `data`). */
const MODULE = Object.values(moduleTerraform()).reduce<Record<string, Record<string, unknown>>>((all, file) => {
  for (const [kind, blocks] of Object.entries(file as Record<string, Record<string, unknown>>)) all[kind] = { ...all[kind], ...blocks };
  return all;
}, {}) as unknown as ModuleJson;
const FILES = moduleFiles();

/** `1.2.3` compared with `1.10.0`, numerically per component. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The clauses of a Terraform version constraint such as `>= 5.100.0, < 7.0.0`. */
function constraintClauses(constraint: string): { op: string; version: string }[] {
  return constraint.split(",").map((clause) => {
    const m = /^\s*(>=|<=|!=|~>|>|<|=)?\s*(\d+(?:\.\d+){0,2})\s*$/.exec(clause);
    if (!m) throw new Error(`"${clause}" is not a version constraint clause`);
    return { op: m[1] ?? "=", version: m[2] };
  });
}

/** Whether `version` meets every clause of `constraint` (the operators Terraform allows, except ~>). */
function satisfies(version: string, constraint: string): boolean {
  return constraintClauses(constraint).every(({ op, version: bound }) => {
    const c = compareVersions(version, bound);
    const byOp: Record<string, boolean> = { ">=": c >= 0, ">": c > 0, "<=": c <= 0, "<": c < 0, "=": c === 0, "!=": c !== 0 };
    if (!(op in byOp)) throw new Error(`operator ${op} is not supported by this test`);
    return byOp[op];
  });
}

/** The lines of a README section (`## Inputs`), up to the next section. */
function section(readme: string, heading: string): string[] {
  const lines = readme.split("\n");
  const start = lines.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`The README has no "## ${heading}" section.`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith("## "));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The body rows of the first Markdown table in `lines`, as cells (`\|` unescaped). */
function tableRows(lines: readonly string[]): string[][] {
  const rows = lines
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/\\\|/g, "|")),
    );
  const [header, separator, ...body] = rows;
  expect(header).toBeDefined();
  expect(separator?.every((cell) => /^:?-+:?$/.test(cell))).toBe(true);
  return body;
}

/** The Terraform interpolations (`${...}`) in a template, found with balanced braces outside strings. */
function interpolations(template: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let i = 0; i < template.length; i++) {
    if (template.startsWith("$${", i)) {
      i += 2;
      continue;
    }
    if (!template.startsWith("${", i)) continue;
    let depth = 0;
    let inString = false;
    let j = i + 1;
    for (; j < template.length; j++) {
      const c = template[j];
      if (inString) {
        if (c === "\\") j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) break;
    }
    if (depth !== 0) throw new Error(`Unbalanced interpolation in ${template}`);
    found.push({ start: i, end: j + 1 });
    i = j;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The module's Terraform
// ---------------------------------------------------------------------------------------------

describe("the module's Terraform", () => {
  it("has no provider configuration and no backend, in any of its files", () => {
    // GIVEN
    const tfFiles = Object.entries(FILES).filter(([name]) => !name.includes("/") && name.endsWith(".tf"));
    // WHEN
    const offending = tfFiles.filter(([, content]) => /^provider "|^\s+backend "|^\s+cloud \{/m.test(content)).map(([name]) => name);
    // THEN
    expect(tfFiles.map(([name]) => name).sort()).toEqual(["main.tf", "outputs.tf", "policies.tf", "variables.tf", "versions.tf"]);
    expect(offending).toEqual([]);
    expect(MODULE.provider).toBeUndefined();
    expect(Object.keys(MODULE.terraform)).toEqual(["required_version", "required_providers"]);
  });

  it("requires Terraform 1.9 or later (validations that refer to other variables)", () => {
    // GIVEN / WHEN
    const required = MODULE.terraform.required_version;
    // THEN
    expect(required).toBe(">= 1.9.0");
    expect(FILES["versions.tf"]).toContain('required_version = ">= 1.9.0"');
  });

  it(`requires only hashicorp/aws, with a >= constraint that ${TESTED_PROVIDER_VERSION} satisfies`, () => {
    // GIVEN
    const required = MODULE.terraform.required_providers as Record<string, { source: string; version: string }>;
    // WHEN
    const clauses = constraintClauses(required.aws.version);
    // THEN
    expect(Object.keys(required)).toEqual(["aws"]);
    expect(required.aws.source).toBe("hashicorp/aws");
    expect(clauses.map((c) => c.op)).toEqual(clauses.map(() => ">="));
    expect(satisfies(TESTED_PROVIDER_VERSION, required.aws.version)).toBe(true);
  });

  it("declares exactly the variables of the role properties, in order, with their types and defaults", () => {
    // GIVEN: the inputs the module promises; null and [] mean "none" (or "the console's choice")
    const location = "object({ bucket = string, prefix = optional(string), kms_key_arn = optional(string), bucket_owner = optional(string)";
    const expected: Record<string, { type: string; default: unknown }> = {
      role_name: { type: "string", default: "MediaConvert_Default_Role" },
      role_description: { type: "string", default: null },
      access: { type: "string", default: "full" },
      attach_s3_full_access: { type: "bool", default: null },
      attach_api_gateway_invoke_full_access: { type: "bool", default: null },
      input_kms_key_arns: { type: "list(string)", default: [] },
      output_kms_key_arns: { type: "list(string)", default: [] },
      inputs: { type: `list(${location} }))`, default: [] },
      outputs: { type: `list(${location}, allow_acl = optional(bool, false) }))`, default: [] },
      output_multipart_upload: { type: "bool", default: false },
      job_encryption_kms_key_arns: { type: "list(string)", default: [] },
      decryption_kms_key_arns: { type: "list(string)", default: [] },
      speke_api_arns: { type: "list(string)", default: [] },
      kantar_secret_arns: { type: "list(string)", default: [] },
      confused_deputy_protection: { type: "bool", default: true },
      source_account_id: { type: "string", default: null },
      trusted_queue_arns: { type: "list(string)", default: [] },
      role_path: { type: "string", default: "/" },
      role_permissions_boundary_arn: { type: "string", default: null },
      max_session_duration: { type: "number", default: 3600 },
      tags: { type: "map(string)", default: {} },
      exclusive_policy_management: { type: "bool", default: false },
      create_pass_role_policy: { type: "bool", default: false },
      job_submitters: {
        type: "object({ roles = optional(list(string), []), users = optional(list(string), []), groups = optional(list(string), []), queues = optional(list(string), []), job_templates = optional(list(string), []), presets = optional(list(string), []), monitor = optional(bool, false) })",
        default: null,
      },
    };
    // WHEN
    const declared = Object.entries(MODULE.variable).map(([name, v]) => [name, { type: v.type, default: v.default }]);
    // THEN
    expect(declared).toEqual(Object.entries(expected));
  });

  it("makes only the inputs whose null means something nullable, so null elsewhere falls back to the default", () => {
    // GIVEN: null is "none" (description, boundary), "the deploying account" or "the console's choice"
    const nullable = ["role_description", "attach_s3_full_access", "attach_api_gateway_invoke_full_access", "source_account_id", "role_permissions_boundary_arn", "job_submitters"];
    // WHEN
    const declared = Object.entries(MODULE.variable).filter(([, v]) => v.nullable !== false).map(([name]) => name);
    // THEN
    expect(declared.sort()).toEqual(nullable.sort());
  });

  it("takes every variable's description from the declaration of its role property (lib/core/role-properties.ts)", () => {
    // GIVEN: the properties that have a module variable
    const declared = Object.values(ROLE_PROPERTIES as Fields).filter((d) => d.module !== undefined);
    // WHEN
    const descriptions = Object.fromEntries(Object.entries(MODULE.variable).map(([name, v]) => [name, v.description]));
    // THEN
    expect(declared.map((d) => d.module!.name)).toEqual(Object.keys(MODULE.variable));
    for (const d of declared) expect(descriptions[d.module!.name]).toBe(moduleDescription(d));
  });

  it("names no TypeScript prop in a variable description (they are written in the module's names)", () => {
    // GIVEN
    const props = Object.keys(ROLE_PROPERTIES).filter((prop) => prop !== prop.toLowerCase());
    // WHEN
    const found = Object.entries(MODULE.variable).flatMap(([name, v]) => props.filter((prop) => v.description?.includes(`\`${prop}\``)).map((prop) => `${name}: ${prop}`));
    // THEN
    expect(found).toEqual([]);
  });

  it("gives every variable a description and a type", () => {
    // GIVEN / WHEN
    const missing = Object.entries(MODULE.variable)
      .filter(([, v]) => !v.description?.trim() || !v.type?.trim())
      .map(([name]) => name);
    // THEN
    expect(missing).toEqual([]);
  });

  it("outputs the role's ARN, name and unique id, the pass-role and job submitters' policies' ARNs, and the bucket and key policy statements, each with a description", () => {
    // GIVEN / WHEN
    const outputs = Object.fromEntries(Object.entries(MODULE.output).map(([name, o]) => [name, o.value]));
    // THEN
    expect(outputs).toEqual({
      role_arn: "${aws_iam_role.this.arn}",
      role_name: "${aws_iam_role.this.name}",
      role_unique_id: "${aws_iam_role.this.unique_id}",
      pass_role_policy_arn: "${one(aws_iam_policy.this_pass_role[*].arn)}",
      submit_jobs_policy_arn: "${one(aws_iam_policy.this_submit_jobs[*].arn)}",
      bucket_policy_statements: "${local.bucket_policy_statements}",
      key_policy_statements: "${local.key_policy_statements}",
    });
    for (const output of Object.values(MODULE.output)) expect(output.description?.trim()).toBeTruthy();
  });
});

// ---------------------------------------------------------------------------------------------
// The module's README
// ---------------------------------------------------------------------------------------------

describe("the module's README", () => {
  const readme = FILES["README.md"];

  it("starts with a title and a one-line purpose", () => {
    // GIVEN
    const lines = readme.split("\n");
    // WHEN
    const [title, blank, purpose, after] = lines;
    // THEN
    expect(title).toMatch(/^# \S/);
    expect(blank).toBe("");
    expect(purpose).toMatch(/^[A-Z].*\.$/);
    expect(after).toBe("");
  });

  it("shows one HCL usage example per mode, each calling the module with a source and only inputs it declares", () => {
    // GIVEN
    const usage = section(readme, "Usage").join("\n");
    // WHEN
    const blocks = [...usage.matchAll(/```hcl\n([\s\S]*?)\n```/g)].map((m) => m[1]);
    const headings = usage.split("\n").filter((line) => line.startsWith("### "));
    // THEN
    expect(headings).toEqual(["### The console's role", "### SSE-KMS buckets", "### Scoped least privilege", "### Who may submit jobs"]);
    expect(blocks).toHaveLength(headings.length);
    for (const hcl of blocks) {
      const call = /^module "([a-z_]+)" \{\n([\s\S]*?)\n\}$/.exec(hcl);
      expect(call).not.toBeNull();
      const argumentsGiven = (call?.[2] ?? "").split("\n").flatMap((line) => /^ {2}([a-z_]+)\s*=/.exec(line)?.[1] ?? []);
      expect(argumentsGiven[0]).toBe("source");
      expect(argumentsGiven.slice(1).filter((a) => !(a in MODULE.variable))).toEqual([]);
    }
  });

  it("shows the import blocks that adopt the console's role, for the root module", () => {
    // GIVEN
    const adopting = section(readme, "Adopting an existing role").join("\n");
    // WHEN
    const block = /```hcl\n([\s\S]*?)\n```/.exec(adopting)?.[1];
    // THEN
    expect(block).toBe(moduleImportBlocksHcl("mediaconvert_role", "MediaConvert_Default_Role").trimEnd());
    expect(adopting).toContain("an attachment whose `attach_*` input is false is left out");
  });

  it("no longer says the module lacks confused-deputy conditions or a scoped mode", () => {
    // GIVEN / WHEN / THEN
    expect(readme).not.toMatch(/no confused-deputy conditions|no least-privilege `scoped` mode/);
  });

  it("has the terraform-docs sections in their order", () => {
    // GIVEN / WHEN
    const headings = readme.split("\n").filter((line) => line.startsWith("## "));
    // THEN
    expect(headings.filter((h) => ["## Usage", "## Requirements", "## Providers", "## Resources", "## Inputs", "## Outputs"].includes(h))).toEqual([
      "## Usage",
      "## Requirements",
      "## Providers",
      "## Resources",
      "## Inputs",
      "## Outputs",
    ]);
    expect(tableRows(section(readme, "Requirements"))).toEqual([
      ["terraform", "`>= 1.9.0`"],
      ["aws", "`>= 5.100.0`"],
    ]);
    expect(tableRows(section(readme, "Resources")).map((row) => row[0])).toEqual(
      expect.arrayContaining(["`aws_iam_role.this`", "`aws_iam_policy.this_pass_role`", "`aws_caller_identity.current`"]),
    );
  });

  it("lists exactly the module's variables in its inputs table, with their description, type, default and whether required", () => {
    // GIVEN
    const expected = Object.entries(MODULE.variable).map(([name, v]) => [
      `\`${name}\``,
      v.description,
      `\`${v.type}\``,
      v.default === undefined ? "n/a" : `\`${JSON.stringify(v.default)}\``,
      v.default === undefined ? "yes" : "no",
    ]);
    // WHEN
    const rows = tableRows(section(readme, "Inputs"));
    // THEN
    expect(rows).toEqual(expected);
  });

  it("lists exactly the module's outputs in its outputs table, with their description", () => {
    // GIVEN
    const expected = Object.entries(MODULE.output).map(([name, o]) => [`\`${name}\``, o.description]);
    // WHEN
    const rows = tableRows(section(readme, "Outputs"));
    // THEN
    expect(rows).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Validation messages: the same words on both sides
// ---------------------------------------------------------------------------------------------

describe("the module's validation messages", () => {
  it("each show the offending input through an interpolation, or name the variable they are about", () => {
    // GIVEN / WHEN
    const templates = Object.entries(MODULE.variable).flatMap(([name, v]) => (v.validation ?? []).map((rule) => [name, rule.error_message] as const));
    // (A message about an empty value shows it as "".)
    const silent = templates.filter(([name, template]) => interpolations(template).length === 0 && !template.startsWith(`${name} `) && !template.includes(' "" '));
    // THEN
    expect(templates.length).toBeGreaterThan(0);
    expect(silent).toEqual([]);
  });
});

describe("the docs' generated tables", () => {
  it("docs/configuration.md holds the Roles table generated from the role property declarations, one row per MediaConvertRoleProps property", () => {
    // GIVEN
    const doc = fs.readFileSync(path.join(REPO_ROOT, "docs", "configuration.md"), "utf8");
    // WHEN
    const table = rolesTable();
    // THEN
    expect(doc).toContain(`\n${table}\n`);
    expect(table.split("\n")).toHaveLength(Object.keys(ROLE_PROPERTIES).length + 2);
  });

  it("docs/configuration.md holds the fields of inputs, outputs and jobSubmitters, with their module attributes", () => {
    // GIVEN
    const doc = fs.readFileSync(path.join(REPO_ROOT, "docs", "configuration.md"), "utf8");
    // WHEN
    const tables = fieldsTables();
    // THEN
    expect(doc).toContain(`\n${tables}\n`);
    expect(tables).toContain("| `allowAcl` |");
    expect(tables).toContain("| `jobTemplates` |");
  });

  it("docs/module.md maps every module variable to its prop, and names the props without a variable", () => {
    // GIVEN
    const doc = fs.readFileSync(path.join(REPO_ROOT, "docs", "module.md"), "utf8");
    // WHEN
    const table = moduleVariablesTable();
    const rows = table.split("\n").slice(2);
    // THEN
    expect(doc).toContain(`\n${table}\n`);
    expect(rows.filter((row) => !row.startsWith("| none ")).map((row) => row.split(" | ")[0].slice(2))).toEqual(
      expect.arrayContaining(Object.keys(MODULE.variable).map((name) => `\`${name}\``)),
    );
    expect(rows.filter((row) => row.startsWith("| none "))).toEqual(["| none | `preventDestroy` |", "| none | `adopt` |"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Freshness of the committed module
// ---------------------------------------------------------------------------------------------

describe("the committed module", () => {
  it(`equals what generatedFiles() produces now, file by file, with no extra files in ${MODULE_DIR}`, () => {
    // GIVEN
    const generated = Object.fromEntries(Object.entries(generatedFiles()).filter(([name]) => name.startsWith(`${MODULE_DIR}/`)));
    // WHEN
    const committedDir = path.join(REPO_ROOT, MODULE_DIR);
    const files = (fs.readdirSync(committedDir, { recursive: true }) as string[]).filter((name) => fs.statSync(path.join(committedDir, name)).isFile());
    const committed = Object.fromEntries(
      files.map((name) => [path.posix.join(MODULE_DIR, name.split(path.sep).join("/")), fs.readFileSync(path.join(committedDir, name), "utf8")]),
    );
    // THEN
    expect(Object.keys(generated).length).toBeGreaterThan(0);
    expect(committed).toEqual(generated);
  });
});
