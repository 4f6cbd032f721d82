/**
 * Terraform JSON configuration (what cdktf synthesizes into cdk.tf.json, and the module's
 * `*.tf.json`) rendered as idiomatic HCL: the same configuration for Terraform, laid out as
 * `terraform fmt` lays it out (two-space indents, `=` aligned in runs of one-line attributes,
 * blank lines between blocks), readable in review.
 *
 * It replaces cdktf's own HCL output (`cdktf synth --hcl`), which breaks every string holding a
 * Terraform reference inside a JSON document (upstream issue 3911).
 *
 * The mapping follows Terraform's JSON syntax
 * (https://developer.hashicorp.com/terraform/language/syntax/json):
 * - Strings where an expression is expected are templates: one that is exactly one `${...}`
 *   interpolation becomes the bare expression (`count = var.x ? 1 : 0`); others stay quoted
 *   templates, with `"`, `\` and control characters escaped and `${...}` / `%{...}` kept.
 * - Strings Terraform takes literally (a variable's `default` and `description`, an output's
 *   `description`, everything in the `terraform` block, a module's `source` and `version`) are
 *   quoted with `${` and `%{` escaped, so they stay literal.
 * - References given as strings (`depends_on`, `provider`, `ignore_changes`, an import's `to`,
 *   `moved` addresses, a variable's `type`) are written bare.
 * - A JSON object under a nested block's name (`lifecycle`, `validation`, the AWS provider's
 *   `assume_role` and `default_tags`, ...) becomes a block, per the tables below; any other
 *   object is an attribute holding an object.
 * - A `*policy` attribute holding an IAM policy document (a JSON object with `Statement`) whose
 *   interpolations all sit inside JSON strings becomes `jsonencode({...})`: readable, and equal
 *   as a policy (the AWS provider compares policy documents by meaning, not by bytes). Anything
 *   else stays a quoted string, byte for byte.
 * - cdktf's `"//"` metadata is dropped.
 *
 * Structures the tables do not know (provisioners, `dynamic` blocks, `check` blocks, nested
 * blocks of resource types other than those listed) are rejected with an error rather than
 * rendered wrongly.
 */

/** A Terraform JSON configuration: the parsed content of a `.tf.json` file. */
export type TerraformJson = Readonly<Record<string, unknown>>;

// ---------------------------------------------------------------------------------------------
// Block tables

/** Nested block types of a block body, each with the nested block types of its own body. */
interface BlockTypes {
  readonly [type: string]: BlockTypes;
}

const NO_BLOCKS: BlockTypes = {};

/** Nested blocks of provider configurations, by provider (from the AWS provider 5.100.0 schema). */
const PROVIDER_BLOCKS: Readonly<Record<string, BlockTypes>> = {
  aws: { assume_role: {}, assume_role_with_web_identity: {}, default_tags: {}, endpoints: {}, ignore_tags: {} },
};

/** Nested blocks of resource types (from the AWS provider 5.100.0 schema); types not listed have none. */
const RESOURCE_BLOCKS: Readonly<Record<string, BlockTypes>> = {
  aws_iam_role: { inline_policy: {} },
};

/** Nested blocks of data source types (from the AWS provider 5.100.0 schema); types not listed have none. */
const DATA_BLOCKS: Readonly<Record<string, BlockTypes>> = {
  aws_iam_policy_document: { statement: { principals: {}, not_principals: {}, condition: {} } },
};

/** Meta-argument blocks of resources and data sources that the renderer cannot express faithfully. */
const UNSUPPORTED_META_BLOCKS = ["provisioner", "connection", "dynamic"];

/** The order of top-level blocks in a rendered file. */
const TOP_LEVEL_ORDER = ["terraform", "provider", "variable", "locals", "data", "resource", "module", "import", "moved", "removed", "output"];

// ---------------------------------------------------------------------------------------------
// What is rendered: bodies of attributes and blocks, and expressions

type Expr =
  | { readonly kind: "raw"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly Expr[] }
  | { readonly kind: "object"; readonly entries: readonly (readonly [key: string, value: Expr])[] }
  | { readonly kind: "call"; readonly name: string; readonly arg: Expr };

interface Attribute {
  readonly kind: "attribute";
  readonly name: string;
  readonly value: Expr;
  /** Attributes of different groups are separated by a blank line (meta-arguments first). */
  readonly group: number;
}

interface Block {
  readonly kind: "block";
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: readonly Item[];
}

type Item = Attribute | Block;

/** A one-line expression, spaced as `terraform fmt` spaces it. */
const raw = (text: string): Expr => ({ kind: "raw", text: formatExpression(text) });
const attribute = (name: string, value: Expr, group = 1): Attribute => ({ kind: "attribute", name, value, group });
const block = (type: string, labels: readonly string[], body: readonly Item[]): Block => ({ kind: "block", type, labels, body });

// ---------------------------------------------------------------------------------------------
// Templates

type TemplatePart =
  | { readonly kind: "text"; readonly source: string }
  | { readonly kind: "interpolation"; readonly source: string; readonly inner: string }
  | { readonly kind: "directive"; readonly source: string };

/** Where the `}` closing the sequence whose content starts at `start` is, plus one. */
function endOfSequence(s: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      i = endOfQuoted(s, i + 1);
      continue;
    }
    if (c === "{" || c === "(" || c === "[") depth++;
    else if (c === "}" && depth === 0) return i + 1;
    else if (c === "}" || c === ")" || c === "]") depth--;
    i++;
  }
  throw new Error(`Cannot render ${JSON.stringify(s)} as HCL: a template sequence is not closed.`);
}

/** Where the quoted string (in an expression) whose content starts at `start` ends, plus one. */
function endOfQuoted(s: string, start: number): number {
  let i = start;
  while (i < s.length) {
    if (s[i] === "\\") i += 2;
    else if (s[i] === '"') return i + 1;
    else if (s.startsWith("$${", i) || s.startsWith("%%{", i)) i += 3;
    else if (s.startsWith("${", i) || s.startsWith("%{", i)) i = endOfSequence(s, i + 2);
    else i++;
  }
  throw new Error(`Cannot render ${JSON.stringify(s)} as HCL: a quoted string in an interpolation is not closed.`);
}

/** Splits a Terraform string template into literal text (as written, escapes kept) and sequences. */
function scanTemplate(s: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = "";
  let i = 0;
  while (i < s.length) {
    if (s.startsWith("$${", i) || s.startsWith("%%{", i)) {
      text += s.slice(i, i + 3);
      i += 3;
    } else if (s.startsWith("${", i) || s.startsWith("%{", i)) {
      if (text !== "") parts.push({ kind: "text", source: text });
      text = "";
      const end = endOfSequence(s, i + 2);
      const source = s.slice(i, end);
      parts.push(s[i] === "$" ? { kind: "interpolation", source, inner: s.slice(i + 2, end - 1) } : { kind: "directive", source });
      i = end;
    } else if (s[i] === "\r" && s[i + 1] !== "\n") {
      // Terraform (HCL 2) reads everything from a carriage return that ends no line to the end of
      // a JSON template as literal text (escapes still apply): keep it literal.
      const rest = s.slice(i).replace(/([$%])\1\{/g, "$1{");
      text += escapeTemplateSequences(rest);
      i = s.length;
    } else {
      text += s[i];
      i++;
    }
  }
  if (text !== "") parts.push({ kind: "text", source: text });
  return parts;
}

/** Escapes literal text for a quoted HCL string: backslash, quote and control characters. */
function escapeQuoted(text: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what it escapes
  return text.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    switch (c) {
      case "\\":
        return "\\\\";
      case '"':
        return '\\"';
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  });
}

/** Escapes `${` and `%{` so that a template reads them literally. */
function escapeTemplateSequences(text: string): string {
  return text.replace(/([$%])\{/g, (_, c: string) => `${c}${c}{`);
}

/** A string Terraform takes literally, as a quoted HCL string with the same value. */
function literalString(value: string): string {
  return `"${escapeQuoted(escapeTemplateSequences(value))}"`;
}

/** A quoted HCL template from template parts (sequences as written). */
function quotedTemplate(parts: readonly TemplatePart[]): string {
  return `"${parts.map((p) => (p.kind === "text" ? escapeQuoted(p.source) : p.source)).join("")}"`;
}

/** The bare expression of a template that is exactly one interpolation, if it is one. */
function soleInterpolation(parts: readonly TemplatePart[]): string | undefined {
  if (parts.length !== 1 || parts[0].kind !== "interpolation") return undefined;
  // Strip markers (`${~ x ~}`) strip nothing when there is no text around: drop them, as fmt does.
  const inner = parts[0].inner.replace(/^~/, "").replace(/~$/, "");
  // Multi-line expressions stay in their template.
  if (/[\r\n]/.test(inner)) return undefined;
  const expression = inner.trim();
  return expression === "" ? undefined : expression;
}

/** A string in an expression position: the bare expression, or a quoted template. */
function templateString(value: string): Expr {
  const parts = scanTemplate(value);
  return raw(soleInterpolation(parts) ?? quotedTemplate(parts));
}

/** A reference given as a string (`"aws_iam_role.x"`, or `"${aws_iam_role.x}"`), bare. */
function reference(value: unknown, where: string): Expr {
  if (typeof value !== "string") throw new Error(`Cannot render ${where} as HCL: expected a reference string, got ${JSON.stringify(value)}.`);
  const sole = soleInterpolation(scanTemplate(value));
  const text = sole ?? value.trim();
  if (!/^[A-Za-z_][\w-]*(?:\.[\w-]+|\[(?:\d+|"[^"]*")\])*$/.test(text)) {
    throw new Error(`Cannot render ${where} as HCL: ${JSON.stringify(value)} is not a reference.`);
  }
  return raw(text);
}

// ---------------------------------------------------------------------------------------------
// Values

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Words that are not read as a literal key at the start of an object (`for`) or are literals. */
const KEYWORDS = new Set(["for", "in", "if", "true", "false", "null"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objectKey(key: string, literal: boolean): string {
  if (IDENTIFIER.test(key) && !KEYWORDS.has(key)) return key;
  return literal ? literalString(key) : quotedTemplate(scanTemplate(key));
}

function scalar(value: unknown, where: string): Expr | undefined {
  if (value === null) return raw("null");
  if (typeof value === "boolean") return raw(String(value));
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot render ${where} as HCL: ${value} is not a number Terraform knows.`);
    return raw(JSON.stringify(value));
  }
  return undefined;
}

/** A JSON value in an expression position (strings are templates). */
function expression(value: unknown, where: string): Expr {
  const s = scalar(value, where);
  if (s) return s;
  if (typeof value === "string") return templateString(value);
  if (Array.isArray(value)) return { kind: "list", items: value.map((v, i) => expression(v, `${where}[${i}]`)) };
  if (isRecord(value)) {
    return { kind: "object", entries: Object.entries(value).map(([k, v]) => [objectKey(k, false), expression(v, `${where}.${k}`)] as const) };
  }
  throw new Error(`Cannot render ${where} as HCL: unexpected value ${String(value)}.`);
}

/** A JSON value Terraform takes literally (strings are not templates). */
function literal(value: unknown, where: string): Expr {
  const s = scalar(value, where);
  if (s) return s;
  if (typeof value === "string") return raw(literalString(value));
  if (Array.isArray(value)) return { kind: "list", items: value.map((v, i) => literal(v, `${where}[${i}]`)) };
  if (isRecord(value)) {
    return { kind: "object", entries: Object.entries(value).map(([k, v]) => [objectKey(k, true), literal(v, `${where}.${k}`)] as const) };
  }
  throw new Error(`Cannot render ${where} as HCL: unexpected value ${String(value)}.`);
}

const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/**
 * An IAM policy document string as `jsonencode({...})`, when that is exact: the string is a
 * JSON object with `Statement` once each interpolation is replaced by a placeholder, every
 * placeholder sits inside a JSON string value, and numbers are safe integers. Otherwise undefined.
 */
function policyDocument(value: string): Expr | undefined {
  if (/[\uE000\uE001]/.test(value)) return undefined;
  let parts: TemplatePart[];
  try {
    parts = scanTemplate(value);
  } catch {
    return undefined;
  }
  const interpolations: string[] = [];
  let json = "";
  for (const part of parts) {
    if (part.kind === "directive") return undefined;
    if (part.kind === "text") {
      json += part.source.replace(/([$%])\1\{/g, "$1{");
      continue;
    }
    if (/["\\~]/.test(part.inner) || /[\r\n]/.test(part.inner)) return undefined;
    json += `\uE000${interpolations.length}\uE001`;
    interpolations.push(part.source);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || !("Statement" in parsed)) return undefined;

  const convert = (v: unknown): Expr | undefined => {
    if (v === null || typeof v === "boolean") return raw(String(v));
    if (typeof v === "number") return Number.isSafeInteger(v) ? raw(String(v)) : undefined;
    if (typeof v === "string") {
      const pieces: TemplatePart[] = [];
      let last = 0;
      for (const m of v.matchAll(PLACEHOLDER)) {
        if (m.index > last) pieces.push({ kind: "text", source: escapeTemplateSequences(v.slice(last, m.index)) });
        const source = interpolations[Number(m[1])];
        pieces.push({ kind: "interpolation", source, inner: source.slice(2, -1) });
        last = m.index + m[0].length;
      }
      if (last < v.length) pieces.push({ kind: "text", source: escapeTemplateSequences(v.slice(last)) });
      return raw(soleInterpolation(pieces) ?? quotedTemplate(pieces));
    }
    if (Array.isArray(v)) {
      const items = v.map(convert);
      return items.every((i) => i !== undefined) ? { kind: "list", items: items as Expr[] } : undefined;
    }
    if (isRecord(v)) {
      const entries: (readonly [string, Expr])[] = [];
      for (const [k, item] of Object.entries(v)) {
        const e = convert(item);
        if (e === undefined || /[\uE000\uE001]/.test(k)) return undefined;
        entries.push([objectKey(k, true), e]);
      }
      return { kind: "object", entries };
    }
    return undefined;
  };
  const document = convert(parsed);
  return document && { kind: "call", name: "jsonencode", arg: document };
}

/** An argument in an expression position; `*policy` arguments holding policy documents become jsonencode(). */
function argument(name: string, value: unknown, where: string): Expr {
  if (typeof value === "string" && /(?:^|_)policy$/.test(name)) return policyDocument(value) ?? templateString(value);
  return expression(value, where);
}

// ---------------------------------------------------------------------------------------------
// Bodies

function identifier(name: string, where: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Cannot render ${where} as HCL: "${name}" is not a valid argument or block name.`);
  return name;
}

/** The bodies a nested block property holds: one object, or an array of them. */
function blockBodies(value: unknown, where: string): Record<string, unknown>[] {
  const bodies = Array.isArray(value) ? value : [value];
  if (!bodies.every(isRecord)) throw new Error(`Cannot render ${where} as HCL: a block must be a JSON object or an array of objects.`);
  return bodies;
}

/** Entries of a block body, without cdktf's "//" metadata. */
function entries(body: Record<string, unknown>): [string, unknown][] {
  return Object.entries(body).filter(([k]) => k !== "//");
}

/** A generic body: arguments are expressions, the listed nested blocks are blocks. */
function genericBody(body: Record<string, unknown>, blocks: BlockTypes, where: string): Item[] {
  const attributes: Item[] = [];
  const nested: Item[] = [];
  for (const [key, value] of entries(body)) {
    const at = `${where}.${key}`;
    if (key in blocks) {
      for (const b of blockBodies(value, at)) nested.push(block(key, [], genericBody(b, blocks[key], at)));
    } else attributes.push(attribute(identifier(key, at), argument(key, value, at)));
  }
  return [...attributes, ...nested];
}

/** `precondition` / `postcondition` / `validation` blocks: `condition`, then `error_message`. */
function conditionBlocks(type: string, value: unknown, where: string): Block[] {
  const order = (k: string) => (k === "condition" ? 0 : k === "error_message" ? 1 : 2);
  return blockBodies(value, where).map((b) => {
    const sorted = Object.fromEntries(entries(b).sort(([x], [y]) => order(x) - order(y)));
    return block(type, [], genericBody(sorted, NO_BLOCKS, where));
  });
}

function lifecycleBlock(value: unknown, where: string): Block[] {
  return blockBodies(value, where).map((body) => {
    const items: Item[] = [];
    const conditions: Item[] = [];
    for (const [key, v] of entries(body)) {
      const at = `${where}.${key}`;
      if (key === "ignore_changes") {
        items.push(attribute(key, v === "all" ? raw("all") : { kind: "list", items: asArray(v, at).map((r) => reference(r, at)) }));
      } else if (key === "replace_triggered_by") {
        items.push(attribute(key, { kind: "list", items: asArray(v, at).map((r) => reference(r, at)) }));
      } else if (key === "precondition" || key === "postcondition") {
        conditions.push(...conditionBlocks(key, v, at));
      } else items.push(attribute(identifier(key, at), expression(v, at)));
    }
    return block("lifecycle", [], [...items, ...conditions]);
  });
}

function asArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`Cannot render ${where} as HCL: expected a JSON array, got ${JSON.stringify(value)}.`);
  return value;
}

function referenceList(value: unknown, where: string): Expr {
  return { kind: "list", items: asArray(value, where).map((r, i) => reference(r, `${where}[${i}]`)) };
}

/** The body of a resource, data source or module block, meta-arguments first and last as in the style guide. */
function resourceBody(body: Record<string, unknown>, blocks: BlockTypes, where: string, literalArguments: readonly string[] = []): Item[] {
  const meta: Item[] = [];
  const rest: Record<string, unknown> = {};
  const tail: Item[] = [];
  let lifecycle: Item[] = [];
  let dependsOn: Item[] = [];
  for (const [key, value] of entries(body)) {
    const at = `${where}.${key}`;
    if (key === "count" || key === "for_each") meta.push(attribute(key, expression(value, at), 0));
    else if (key === "provider") meta.push(attribute(key, reference(value, at), 0));
    else if (key === "providers" && isRecord(value)) {
      meta.push(attribute(key, { kind: "object", entries: Object.entries(value).map(([k, v]) => [objectKey(k, true), reference(v, at)] as const) }, 0));
    } else if (literalArguments.includes(key)) meta.push(attribute(key, literal(value, at), 0));
    else if (key === "depends_on") dependsOn = [attribute(key, referenceList(value, at), 2)];
    else if (key === "lifecycle") lifecycle = lifecycleBlock(value, at);
    else if (UNSUPPORTED_META_BLOCKS.includes(key)) throw new Error(`Cannot render ${at} as HCL: "${key}" blocks are not supported by this renderer.`);
    else rest[key] = value;
  }
  tail.push(...lifecycle, ...dependsOn);
  return [...meta, ...genericBody(rest, blocks, where), ...tail];
}

function variableBody(body: Record<string, unknown>, where: string): Item[] {
  const order = ["type", "description", "default", "sensitive", "nullable", "ephemeral"];
  const known = entries(body).filter(([k]) => order.includes(k));
  known.sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  const items: Item[] = known.map(([key, value]) => {
    const at = `${where}.${key}`;
    if (key === "type") {
      if (typeof value !== "string") throw new Error(`Cannot render ${at} as HCL: a type must be a string.`);
      return attribute(key, raw(soleInterpolation(scanTemplate(value)) ?? value));
    }
    return attribute(key, literal(value, at));
  });
  for (const [key, value] of entries(body)) {
    const at = `${where}.${key}`;
    if (order.includes(key)) continue;
    if (key === "validation") items.push(...conditionBlocks(key, value, at));
    else throw new Error(`Cannot render ${at} as HCL: variables have no argument "${key}".`);
  }
  return items;
}

function outputBody(body: Record<string, unknown>, where: string): Item[] {
  const order = ["description", "value", "sensitive", "ephemeral", "depends_on"];
  const known = entries(body).filter(([k]) => order.includes(k));
  known.sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  const items: Item[] = known.map(([key, value]) => {
    const at = `${where}.${key}`;
    if (key === "value") return attribute(key, expression(value, at));
    if (key === "depends_on") return attribute(key, referenceList(value, at));
    return attribute(key, literal(value, at));
  });
  for (const [key, value] of entries(body)) {
    const at = `${where}.${key}`;
    if (order.includes(key)) continue;
    if (key === "precondition") items.push(...conditionBlocks(key, value, at));
    else throw new Error(`Cannot render ${at} as HCL: outputs have no argument "${key}".`);
  }
  return items;
}

/** The `terraform` block: every setting is literal; `backend`, `cloud` and their `workspaces` are blocks. */
function terraformBody(body: Record<string, unknown>, where: string): Item[] {
  const attributes: Item[] = [];
  const blocks: Item[] = [];
  for (const [key, value] of entries(body)) {
    const at = `${where}.${key}`;
    if (key === "required_providers") {
      for (const b of blockBodies(value, at)) {
        blocks.push(block(key, [], entries(b).map(([name, requirement]) => attribute(identifier(name, at), literal(requirement, `${at}.${name}`)))));
      }
    } else if (key === "backend") {
      for (const b of blockBodies(value, at)) {
        for (const [type, config] of entries(b)) {
          for (const c of blockBodies(config, `${at}.${type}`)) blocks.push(block(key, [type], literalBody(c, `${at}.${type}`)));
        }
      }
    } else if (key === "cloud") {
      for (const b of blockBodies(value, at)) {
        const items: Item[] = [];
        const workspaces: Item[] = [];
        for (const [k, v] of entries(b)) {
          if (k === "workspaces") for (const w of blockBodies(v, `${at}.${k}`)) workspaces.push(block(k, [], literalBody(w, `${at}.${k}`)));
          else items.push(attribute(identifier(k, `${at}.${k}`), literal(v, `${at}.${k}`)));
        }
        blocks.push(block(key, [], [...items, ...workspaces]));
      }
    } else attributes.push(attribute(identifier(key, at), literal(value, at)));
  }
  return [...attributes, ...blocks];
}

function literalBody(body: Record<string, unknown>, where: string): Item[] {
  return entries(body).map(([k, v]) => attribute(identifier(k, `${where}.${k}`), literal(v, `${where}.${k}`)));
}

/** Objects keyed by one label (`variable`, `output`, `module`), as `[label, body]`, in order. */
function labelled(value: unknown, where: string): [string, Record<string, unknown>][] {
  return blockBodies(value, where).flatMap((group) =>
    entries(group).flatMap(([label, bodies]) => blockBodies(bodies, `${where}.${label}`).map((b) => [label, b] as [string, Record<string, unknown>])),
  );
}

/** Objects keyed by two labels (`resource`, `data`). */
function doublyLabelled(value: unknown, where: string): [string, string, Record<string, unknown>][] {
  return labelled(value, where).flatMap(([type, names]) =>
    labelled(names, `${where}.${type}`).map(([name, body]) => [type, name, body] as [string, string, Record<string, unknown>]),
  );
}

/** The blocks of one top-level property of a Terraform JSON configuration. */
function topLevelBlocks(key: string, value: unknown): Block[] {
  switch (key) {
    case "terraform":
      return blockBodies(value, key).map((b) => block(key, [], terraformBody(b, key)));
    case "provider":
      return labelled(value, key).map(([name, body]) => block(key, [name], providerBody(name, body, `provider.${name}`)));
    case "variable":
      return labelled(value, key).map(([name, body]) => block(key, [name], variableBody(body, `variable.${name}`)));
    case "output":
      return labelled(value, key).map(([name, body]) => block(key, [name], outputBody(body, `output.${name}`)));
    case "locals":
      return blockBodies(value, key).map((b) =>
        block(key, [], entries(b).map(([name, v]) => attribute(identifier(name, `locals.${name}`), argument(name, v, `local.${name}`)))),
      );
    case "resource":
      return doublyLabelled(value, key).map(([type, name, body]) =>
        block(key, [type, name], resourceBody(body, RESOURCE_BLOCKS[type] ?? NO_BLOCKS, `${type}.${name}`)),
      );
    case "data":
      return doublyLabelled(value, key).map(([type, name, body]) =>
        block(key, [type, name], resourceBody(body, DATA_BLOCKS[type] ?? NO_BLOCKS, `data.${type}.${name}`)),
      );
    case "module":
      return labelled(value, key).map(([name, body]) => block(key, [name], resourceBody(body, NO_BLOCKS, `module.${name}`, ["source", "version"])));
    case "import":
      return blockBodies(value, key).map((b, i) => block(key, [], addressBody(b, `import[${i}]`, ["to", "provider"])));
    case "moved":
      return blockBodies(value, key).map((b, i) => block(key, [], addressBody(b, `moved[${i}]`, ["from", "to"])));
    case "removed":
      return blockBodies(value, key).map((b, i) => block(key, [], addressBody(b, `removed[${i}]`, ["from"])));
    default:
      throw new Error(`Cannot render the top-level "${key}" of a Terraform JSON configuration as HCL: this renderer does not support it.`);
  }
}

function providerBody(name: string, body: Record<string, unknown>, where: string): Item[] {
  const meta: Item[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, value] of entries(body)) {
    if (key === "alias" || key === "version") meta.push(attribute(key, literal(value, `${where}.${key}`), 0));
    else rest[key] = value;
  }
  return [...meta, ...genericBody(rest, PROVIDER_BLOCKS[name] ?? NO_BLOCKS, where)];
}

/** `import`, `moved` and `removed` blocks: the listed arguments are addresses; `lifecycle` is a block. */
function addressBody(body: Record<string, unknown>, where: string, addresses: readonly string[]): Item[] {
  const items: Item[] = [];
  const blocks: Item[] = [];
  for (const [key, value] of entries(body)) {
    const at = `${where}.${key}`;
    if (addresses.includes(key)) items.push(attribute(key, reference(value, at)));
    else if (key === "lifecycle") blocks.push(...blockBodies(value, at).map((b) => block(key, [], literalBody(b, at))));
    else items.push(attribute(identifier(key, at), expression(value, at)));
  }
  return [...items, ...blocks];
}

// ---------------------------------------------------------------------------------------------
// Expression spacing as `terraform fmt` (hclwrite) does it

type TokenType =
  | "ident" | "number" | "oquote" | "quotedlit" | "cquote" | "interp" | "control" | "seqend"
  | "obrace" | "cbrace" | "obrack" | "cbrack" | "oparen" | "cparen" | "comma" | "dot" | "ellipsis"
  | "doublecolon" | "colon" | "question" | "equal" | "minus" | "bang" | "compare" | "logical" | "arith" | "other";

interface Token {
  readonly type: TokenType;
  readonly text: string;
}

/** An expression that cannot be re-spaced safely (heredoc, comment, newline, strip marker). */
class Unformattable extends Error {}

const PUNCTUATION: readonly (readonly [string, TokenType])[] = [
  ["...", "ellipsis"], ["::", "doublecolon"], ["=>", "other"], ["==", "compare"], ["!=", "compare"], ["<=", "compare"],
  [">=", "compare"], ["&&", "logical"], ["||", "logical"], ["{", "obrace"], ["}", "cbrace"], ["[", "obrack"], ["]", "cbrack"],
  ["(", "oparen"], [")", "cparen"], [",", "comma"], [".", "dot"], [":", "colon"], ["?", "question"], ["=", "equal"],
  ["-", "minus"], ["!", "bang"], ["<", "compare"], [">", "compare"], ["+", "arith"], ["*", "arith"], ["/", "arith"], ["%", "arith"],
];

/** Tokens of an HCL expression, with quoted templates split as hclwrite splits them. */
function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  /** Open brackets; "seq" marks a template sequence, closed by a `}` that is a sequence end. */
  const stack: string[] = [];
  const quoted = (): void => {
    tokens.push({ type: "oquote", text: '"' });
    i++;
    let text = "";
    const flush = () => {
      if (text !== "") tokens.push({ type: "quotedlit", text });
      text = "";
    };
    while (i < s.length) {
      if (s[i] === "\\") {
        text += s.slice(i, i + 2);
        i += 2;
      } else if (s.startsWith("$${", i) || s.startsWith("%%{", i)) {
        text += s.slice(i, i + 3);
        i += 3;
      } else if (s.startsWith("${", i) || s.startsWith("%{", i)) {
        flush();
        // The strip marker belongs to the token, as in hclsyntax: `${~`, `%{~`.
        const opener = s.slice(i, s[i + 2] === "~" ? i + 3 : i + 2);
        tokens.push({ type: s[i] === "$" ? "interp" : "control", text: opener });
        i += opener.length;
        const depth = stack.length;
        stack.push("seq");
        expression(depth);
      } else if (s[i] === '"') {
        flush();
        tokens.push({ type: "cquote", text: '"' });
        i++;
        return;
      } else if (s[i] === "\n" || s[i] === "\r") {
        throw new Unformattable();
      } else {
        text += s[i];
        i++;
      }
    }
    throw new Unformattable();
  };
  /** Reads tokens until the bracket stack is back to `depth` (or the input ends, at depth 0). */
  const expression = (depth: number): void => {
    while (i < s.length) {
      const c = s[i];
      if (c === " " || c === "\t") {
        i++;
        continue;
      }
      if (s.startsWith("~}", i) && stack[stack.length - 1] === "seq") {
        stack.pop();
        tokens.push({ type: "seqend", text: "~}" });
        i += 2;
        if (stack.length === depth) return;
        continue;
      }
      if (c === "\n" || c === "\r" || c === "#" || s.startsWith("//", i) || s.startsWith("/*", i) || s.startsWith("<<", i) || c === "~") {
        throw new Unformattable();
      }
      if (c === '"') {
        quoted();
        continue;
      }
      const word = /^[\p{L}_][\p{L}\p{N}_-]*/u.exec(s.slice(i));
      if (word) {
        tokens.push({ type: "ident", text: word[0] });
        i += word[0].length;
        continue;
      }
      const number = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(s.slice(i));
      if (number) {
        tokens.push({ type: "number", text: number[0] });
        i += number[0].length;
        continue;
      }
      const punctuation = PUNCTUATION.find(([p]) => s.startsWith(p, i));
      if (!punctuation) throw new Unformattable();
      const [text, type] = punctuation;
      i += text.length;
      if (type === "obrace" || type === "obrack" || type === "oparen") stack.push(text);
      if (type === "cbrace" || type === "cbrack" || type === "cparen") {
        const open = stack.pop();
        if (open === "seq") {
          tokens.push({ type: "seqend", text: "}" });
          if (stack.length === depth) return;
          continue;
        }
      }
      tokens.push({ type, text });
    }
    if (depth !== 0 || stack.length !== 0) throw new Unformattable();
  };
  expression(0);
  return tokens;
}

const opens = (t: Token) => t.type === "obrace" || t.type === "obrack" || t.type === "oparen" || t.type === "interp" || t.type === "control";
const closes = (t: Token) => t.type === "cbrace" || t.type === "cbrack" || t.type === "cparen" || t.type === "seqend";

/** hclwrite's spaceAfterToken: whether `terraform fmt` puts a space between `subject` and `after`. */
function spaceAfter(subject: Token, before: Token | undefined, after: Token): boolean {
  if (subject.type === "ident" && after.type === "oparen") return false;
  if ((subject.type === "ident" && after.type === "doublecolon") || (subject.type === "doublecolon" && after.type === "ident")) return false;
  if (subject.type === "dot" || after.type === "dot") return false;
  if (after.type === "comma" || after.type === "ellipsis") return false;
  if (subject.type === "comma") return true;
  if (["quotedlit", "oquote"].includes(subject.type) || ["quotedlit", "cquote"].includes(after.type)) return false;
  if (subject.type === "ident" && subject.text === "in" && before?.type === "ident") return true;
  if (after.type === "obrack" && (subject.type === "ident" || subject.type === "number" || closes(subject))) return false;
  if (subject.type === "minus") {
    if (before === undefined) return false;
    return !(
      opens(before) ||
      ["equal", "colon", "comma", "question", "arith", "minus", "compare", "logical", "bang"].includes(before.type)
    );
  }
  if (subject.type === "bang") return false;
  if (subject.type === "obrace" || after.type === "cbrace") return !(subject.type === "obrace" && after.type === "cbrace");
  if ((subject.type === "interp" || subject.type === "control") && after.type === "obrace") return true;
  if (subject.type === "cbrace" && after.type === "seqend") return true;
  if (subject.type === "seqend" && (after.type === "interp" || after.type === "control")) return false;
  if (opens(subject)) return false;
  if (closes(after)) return false;
  return true;
}

/** An expression re-spaced as `terraform fmt` spaces it; left as written when it cannot be re-spaced safely. */
function formatExpression(text: string): string {
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch (e) {
    if (e instanceof Unformattable) return text;
    throw e;
  }
  let out = "";
  tokens.forEach((token, i) => {
    if (i > 0 && spaceAfter(tokens[i - 1], tokens[i - 2], token)) out += " ";
    out += token.text;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Layout: lines, alignment as `terraform fmt` does it

interface Line {
  readonly indent: number;
  /** The text of the line, or, for a one-line attribute, its name and value (aligned later). */
  readonly text: string;
  readonly key?: string;
}

/** The longest one-line list, in characters, before its items go one per line. */
const INLINE_LIST_WIDTH = 72;

/** An expression as lines; the first continues the line of its attribute or key. */
function exprLines(e: Expr, indent: number): Line[] {
  switch (e.kind) {
    case "raw":
      return [{ indent, text: e.text }];
    case "list": {
      if (e.items.length === 0) return [{ indent, text: "[]" }];
      const inline = e.items.every((i) => i.kind === "raw") ? `[${e.items.map((i) => (i as { text: string }).text).join(", ")}]` : undefined;
      if (inline !== undefined && (e.items.length === 1 || inline.length <= INLINE_LIST_WIDTH)) return [{ indent, text: inline }];
      const lines: Line[] = [{ indent, text: "[" }];
      for (const item of e.items) {
        const inner = exprLines(item, indent + 1);
        lines.push({ indent: indent + 1, text: inner[0].text }, ...inner.slice(1));
        const last = lines.length - 1;
        lines[last] = { ...lines[last], text: `${lines[last].text},` };
      }
      lines.push({ indent, text: "]" });
      return lines;
    }
    case "object": {
      if (e.entries.length === 0) return [{ indent, text: "{}" }];
      return [{ indent, text: "{" }, ...e.entries.flatMap(([key, value]) => entryLines(key, value, indent + 1)), { indent, text: "}" }];
    }
    case "call": {
      const inner = exprLines(e.arg, indent);
      const last = inner.length - 1;
      return inner.map((l, i) => ({ ...l, text: `${i === 0 ? `${e.name}(` : ""}${l.text}${i === last ? ")" : ""}` }));
    }
  }
}

/** `key = value`: one line (aligned with its neighbours) or an opening line and the value's lines. */
function entryLines(key: string, value: Expr, indent: number): Line[] {
  const lines = exprLines(value, indent);
  if (lines.length === 1) return [{ indent, key, text: lines[0].text }];
  return [{ indent, text: `${key} = ${lines[0].text}` }, ...lines.slice(1)];
}

function blockHeader(b: Block): string {
  return [b.type, ...b.labels.map((l) => `"${escapeQuoted(l)}"`)].join(" ");
}

function bodyLines(items: readonly Item[], indent: number): (Line | undefined)[] {
  const lines: (Line | undefined)[] = [];
  let previous: Item | undefined;
  for (const item of items) {
    const separate = previous !== undefined && (item.kind === "block" || previous.kind === "block" || item.group !== previous.group);
    if (separate) lines.push(undefined);
    if (item.kind === "attribute") lines.push(...entryLines(item.name, item.value, indent));
    else lines.push(...blockLines(item, indent));
    previous = item;
  }
  return lines;
}

function blockLines(b: Block, indent: number): (Line | undefined)[] {
  if (b.body.length === 0) return [{ indent, text: `${blockHeader(b)} {}` }];
  return [{ indent, text: `${blockHeader(b)} {` }, ...bodyLines(b.body, indent + 1), { indent, text: "}" }];
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Columns as `terraform fmt` counts them: grapheme clusters. */
function columns(text: string): number {
  return /^[\x20-\x7e]*$/.test(text) ? text.length : [...segmenter.segment(text)].length;
}

/** Joins lines, aligning the `=` of each run of consecutive one-line attributes as `terraform fmt` does. */
function layout(lines: readonly (Line | undefined)[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line === undefined) {
      out.push("");
      i++;
      continue;
    }
    if (line.key === undefined) {
      out.push(`${"  ".repeat(line.indent)}${line.text}`);
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]?.key !== undefined) end++;
    const run = lines.slice(i, end) as Line[];
    const width = Math.max(...run.map((l) => 2 * l.indent + columns(l.key!)));
    for (const l of run) {
      const pad = " ".repeat(width - 2 * l.indent - columns(l.key!) + 1);
      out.push(`${"  ".repeat(l.indent)}${l.key}${pad}= ${l.text}`);
    }
    i = end;
  }
  return out.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** The blocks of configurations, grouped by top-level block type in the usual file order. */
function blocksOf(configs: readonly TerraformJson[]): Map<string, Block[]> {
  const byType = new Map<string, Block[]>();
  for (const config of configs) {
    for (const [key, value] of entries(config as Record<string, unknown>)) {
      byType.set(key, [...(byType.get(key) ?? []), ...topLevelBlocks(key, value)]);
    }
  }
  return new Map(TOP_LEVEL_ORDER.filter((t) => byType.has(t)).map((t) => [t, byType.get(t)!]));
}

function fileText(blocks: readonly Block[]): string {
  const lines: (Line | undefined)[] = [];
  blocks.forEach((b, i) => {
    if (i > 0) lines.push(undefined);
    lines.push(...blockLines(b, 0));
  });
  return `${layout(lines)}\n`;
}

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
