/**
 * What is rendered: the syntax tree of an HCL file (blocks holding attributes and nested blocks,
 * expressions) and the mapping from Terraform JSON configuration to it
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
 *   `assume_role` and `default_tags`, ...) becomes a block, per the block tables (blocks.ts); any
 *   other object is an attribute holding an object. In the body of a type the tables do not
 *   know, an object, a list of objects or an empty list is an error: it could be either.
 * - `dynamic` blocks (`"dynamic": {"<type>": {"for_each": ..., "iterator": ..., "content": {...}}}`)
 *   become `dynamic "<type>"` blocks, the nested blocks of `<type>` applying inside `content`.
 * - A `*policy` attribute holding an IAM policy document (a JSON object with `Statement`) whose
 *   interpolations all sit inside JSON strings becomes `jsonencode({...})`: readable, and equal
 *   as a policy (the AWS provider compares policy documents by meaning, not by bytes). Anything
 *   else stays a quoted string, byte for byte.
 * - cdktf's `"//"` metadata is dropped.
 *
 * Structures it does not know (provisioners, `check` blocks, ...) are rejected with an error
 * rather than rendered wrongly.
 */
import type { Shape } from "./format";
import { BlockTables, BodyBlocks, KNOWN_SCHEMAS, NO_BLOCKS, UnknownBlocks } from "./blocks";
import { HclRenderError } from "./errors";
import { formatExpression } from "./format";
import { escapeTemplateSequences, literalString, quotedTemplate, scanTemplate, soleInterpolation, TemplatePart } from "./template";

/** A Terraform JSON configuration: the parsed content of a `.tf.json` file. */
export type TerraformJson = Readonly<Record<string, unknown>>;

/** Meta-argument blocks of resources and data sources that the renderer cannot express faithfully. */
const UNSUPPORTED_META_BLOCKS = ["provisioner", "connection"];

/** The order of top-level blocks in a rendered file. */
export const TOP_LEVEL_ORDER = ["terraform", "provider", "variable", "locals", "data", "resource", "module", "import", "moved", "removed", "output"];

// ---------------------------------------------------------------------------------------------
// What is rendered: bodies of attributes and blocks, and expressions

export type Expr =
  /** An expression's text; `shape` when layout found it one that breaks over lines (lib/hcl/print.ts). */
  | { readonly kind: "raw"; readonly text: string; readonly shape?: Extract<Shape, { kind: "for" | "group" | "conditional" }> }
  | { readonly kind: "list"; readonly items: readonly Expr[] }
  | { readonly kind: "object"; readonly entries: readonly (readonly [key: string, value: Expr])[] }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Expr[] };

export interface Attribute {
  readonly kind: "attribute";
  readonly name: string;
  readonly value: Expr;
  /** Attributes of different groups are separated by a blank line (meta-arguments first). */
  readonly group: number;
}

export interface Block {
  readonly kind: "block";
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: readonly Item[];
}

export type Item = Attribute | Block;

/** A one-line expression, spaced as `terraform fmt` spaces it. */
const raw = (text: string): Expr => ({ kind: "raw", text: formatExpression(text) });
const attribute = (name: string, value: Expr, group = 1): Attribute => ({ kind: "attribute", name, value, group });
const block = (type: string, labels: readonly string[], body: readonly Item[]): Block => ({ kind: "block", type, labels, body });

// ---------------------------------------------------------------------------------------------
// Strings

/** A string in an expression position: the bare expression, or a quoted template. */
function templateString(value: string): Expr {
  const parts = scanTemplate(value);
  return raw(soleInterpolation(parts) ?? quotedTemplate(parts));
}

/** A reference given as a string (`"aws_iam_role.x"`, or `"${aws_iam_role.x}"`), bare. */
function reference(value: unknown, where: string): Expr {
  if (typeof value !== "string") throw new HclRenderError(`Cannot render ${where} as HCL: expected a reference string, got ${JSON.stringify(value)}.`);
  const sole = soleInterpolation(scanTemplate(value));
  const text = sole ?? value.trim();
  if (!/^[A-Za-z_][\w-]*(?:\.[\w-]+|\[(?:\d+|"[^"]*")\])*$/.test(text)) {
    throw new HclRenderError(`Cannot render ${where} as HCL: ${JSON.stringify(value)} is not a reference.`);
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
    if (!Number.isFinite(value)) throw new HclRenderError(`Cannot render ${where} as HCL: ${value} is not a number Terraform knows.`);
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
  throw new HclRenderError(`Cannot render ${where} as HCL: unexpected value ${String(value)}.`);
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
  throw new HclRenderError(`Cannot render ${where} as HCL: unexpected value ${String(value)}.`);
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
  return document && { kind: "call", name: "jsonencode", args: [document] };
}

/** An argument in an expression position; `*policy` arguments holding policy documents become jsonencode(). */
function argument(name: string, value: unknown, where: string): Expr {
  if (typeof value === "string" && /(?:^|_)policy$/.test(name)) return policyDocument(value) ?? templateString(value);
  return expression(value, where);
}

// ---------------------------------------------------------------------------------------------
// Bodies

function identifier(name: string, where: string): string {
  if (!IDENTIFIER.test(name)) throw new HclRenderError(`Cannot render ${where} as HCL: "${name}" is not a valid argument or block name.`);
  return name;
}

/** The bodies a nested block property holds: one object, or an array of them. */
function blockBodies(value: unknown, where: string): Record<string, unknown>[] {
  const bodies = Array.isArray(value) ? value : [value];
  if (!bodies.every(isRecord)) throw new HclRenderError(`Cannot render ${where} as HCL: a block must be a JSON object or an array of objects.`);
  return bodies;
}

/** Entries of a block body, without cdktf's "//" metadata. */
function entries(body: Record<string, unknown>): [string, unknown][] {
  return Object.entries(body).filter(([k]) => k !== "//");
}

/** Whether a JSON value could be a nested block as well as an argument: an object, a list of objects, an empty list. */
function blockLike(value: unknown): boolean {
  return isRecord(value) || (Array.isArray(value) && (value.length === 0 || value.some(isRecord)));
}

/** A key of a body whose nested blocks are unknown, holding what could be a block: an error saying how to tell. */
function unknownBlock(blocks: UnknownBlocks, key: string, value: unknown, where: string): HclRenderError {
  const holds = isRecord(value) ? "an object" : Array.isArray(value) && value.length === 0 ? "an empty list" : "a list of objects";
  return new HclRenderError(
    `Cannot render ${where} as HCL: "${key}" holds ${holds}, which may be a nested block or an argument (HCL writes them differently), ` +
      `and ${blocks.what} is not in the schemas the renderer knows (${KNOWN_SCHEMAS}). ` +
      "Give it the provider's schema: the output of terraform providers schema -json, run after terraform init where the configuration is (the hcl command's --schema <file>).",
  );
}

/** A generic body: arguments are expressions, the nested blocks `blocks` lists (and `dynamic` ones) are blocks. */
function genericBody(body: Record<string, unknown>, blocks: BodyBlocks, where: string): Item[] {
  const attributes: Item[] = [];
  const nested: Item[] = [];
  for (const [key, value] of entries(body)) {
    const at = `${where}.${key}`;
    if (key === "dynamic") nested.push(...dynamicBlocks(value, blocks, at));
    else if (blocks instanceof UnknownBlocks) {
      if (blockLike(value)) throw unknownBlock(blocks, key, value, at);
      attributes.push(attribute(identifier(key, at), argument(key, value, at)));
    } else if (Object.prototype.hasOwnProperty.call(blocks, key)) {
      for (const b of blockBodies(value, at)) nested.push(block(key, [], genericBody(b, blocks[key], at)));
    } else attributes.push(attribute(identifier(key, at), argument(key, value, at)));
  }
  return [...attributes, ...nested];
}

/**
 * `dynamic "<type>"` blocks: `for_each`, `iterator` (a name, written bare) and `labels`, then the
 * `content` block, in which the nested blocks of `<type>` are blocks.
 */
function dynamicBlocks(value: unknown, blocks: BodyBlocks, where: string): Block[] {
  return labelled(value, where).map(([type, body]) => {
    const at = `${where}.${type}`;
    identifier(type, at);
    let inner: BodyBlocks;
    if (blocks instanceof UnknownBlocks) inner = blocks;
    else if (Object.prototype.hasOwnProperty.call(blocks, type)) inner = blocks[type];
    else {
      const names = Object.keys(blocks);
      throw new HclRenderError(
        `Cannot render ${at} as HCL: "${type}" is not a nested block type here; ${names.length === 0 ? "this body has none" : `those are ${names.map((n) => `"${n}"`).join(", ")}`}. Give the dynamic block the name of one of them.`,
      );
    }
    const order = ["for_each", "iterator", "labels"];
    const items: Item[] = [];
    const content: Item[] = [];
    for (const [key, v] of entries(body).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))) {
      const k = `${at}.${key}`;
      if (key === "for_each" || key === "labels") items.push(attribute(key, expression(v, k)));
      else if (key === "iterator") items.push(attribute(key, iteratorName(v, k)));
      else if (key === "content") content.push(...blockBodies(v, k).map((b) => block(key, [], genericBody(b, inner, k))));
      else throw new HclRenderError(`Cannot render ${k} as HCL: a dynamic block holds for_each, iterator, labels and content, not "${key}".`);
    }
    return block("dynamic", [type], [...items, ...content]);
  });
}

/** A dynamic block's iterator: a name, written bare. */
function iteratorName(value: unknown, where: string): Expr {
  const name = typeof value === "string" ? (soleInterpolation(scanTemplate(value)) ?? value) : undefined;
  if (name === undefined || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
    throw new HclRenderError(`Cannot render ${where} as HCL: an iterator is a name such as "statement", got ${JSON.stringify(value)}.`);
  }
  return raw(name);
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
  if (!Array.isArray(value)) throw new HclRenderError(`Cannot render ${where} as HCL: expected a JSON array, got ${JSON.stringify(value)}.`);
  return value;
}

function referenceList(value: unknown, where: string): Expr {
  return { kind: "list", items: asArray(value, where).map((r, i) => reference(r, `${where}[${i}]`)) };
}

/** The body of a resource, data source or module block, meta-arguments first and last as in the style guide. */
function resourceBody(body: Record<string, unknown>, blocks: BodyBlocks, where: string, literalArguments: readonly string[] = []): Item[] {
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
    else if (UNSUPPORTED_META_BLOCKS.includes(key)) throw new HclRenderError(`Cannot render ${at} as HCL: "${key}" blocks are not supported by this renderer.`);
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
      if (typeof value !== "string") throw new HclRenderError(`Cannot render ${at} as HCL: a type must be a string.`);
      return attribute(key, raw(soleInterpolation(scanTemplate(value)) ?? value));
    }
    return attribute(key, literal(value, at));
  });
  for (const [key, value] of entries(body)) {
    const at = `${where}.${key}`;
    if (order.includes(key)) continue;
    if (key === "validation") items.push(...conditionBlocks(key, value, at));
    else throw new HclRenderError(`Cannot render ${at} as HCL: variables have no argument "${key}".`);
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
    else throw new HclRenderError(`Cannot render ${at} as HCL: outputs have no argument "${key}".`);
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
function topLevelBlocks(key: string, value: unknown, tables: BlockTables): Block[] {
  switch (key) {
    case "terraform":
      return blockBodies(value, key).map((b) => block(key, [], terraformBody(b, key)));
    case "provider":
      return labelled(value, key).map(([name, body]) => block(key, [name], providerBody(body, `provider.${name}`, tables.provider(name))));
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
        block(key, [type, name], resourceBody(body, tables.resource(type), `${type}.${name}`)),
      );
    case "data":
      return doublyLabelled(value, key).map(([type, name, body]) =>
        block(key, [type, name], resourceBody(body, tables.data(type), `data.${type}.${name}`)),
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
      throw new HclRenderError(`Cannot render the top-level "${key}" of a Terraform JSON configuration as HCL: this renderer does not support it.`);
  }
}

function providerBody(body: Record<string, unknown>, where: string, blocks: BodyBlocks): Item[] {
  const meta: Item[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, value] of entries(body)) {
    if (key === "alias" || key === "version") meta.push(attribute(key, literal(value, `${where}.${key}`), 0));
    else rest[key] = value;
  }
  return [...meta, ...genericBody(rest, blocks, where)];
}

/** `from`, `to` and `id` open an address block, in that order, whatever the JSON's key order (cdktf sorts keys). */
const ADDRESS_ORDER = ["from", "to", "id"];

/** `import`, `moved` and `removed` blocks: the listed arguments are addresses; `lifecycle` is a block. */
function addressBody(body: Record<string, unknown>, where: string, addresses: readonly string[]): Item[] {
  const items: Item[] = [];
  const blocks: Item[] = [];
  const rank = (key: string) => (ADDRESS_ORDER.includes(key) ? ADDRESS_ORDER.indexOf(key) : ADDRESS_ORDER.length);
  for (const [key, value] of entries(body).sort(([a], [b]) => rank(a) - rank(b))) {
    const at = `${where}.${key}`;
    if (addresses.includes(key)) items.push(attribute(key, reference(value, at)));
    else if (key === "lifecycle") blocks.push(...blockBodies(value, at).map((b) => block(key, [], literalBody(b, at))));
    else items.push(attribute(identifier(key, at), expression(value, at)));
  }
  return [...items, ...blocks];
}

/** The blocks of configurations, grouped by top-level block type in the usual file order. */
export function blocksOf(configs: readonly TerraformJson[], tables: BlockTables): Map<string, Block[]> {
  const byType = new Map<string, Block[]>();
  for (const config of configs) {
    for (const [key, value] of entries(config as Record<string, unknown>)) {
      byType.set(key, [...(byType.get(key) ?? []), ...topLevelBlocks(key, value, tables)]);
    }
  }
  return new Map(TOP_LEVEL_ORDER.filter((t) => byType.has(t)).map((t) => [t, byType.get(t)!]));
}
