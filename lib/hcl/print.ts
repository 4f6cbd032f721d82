/**
 * Layout: the syntax tree as lines of text, as `terraform fmt` lays them out (two-space indents,
 * `=` aligned in runs of one-line attributes, blank lines between blocks).
 */
import type { Block, Expr, Item } from "./tree";
import { Shape, shapeOf } from "./format";
import { escapeQuoted } from "./template";

interface Line {
  readonly indent: number;
  /** The text of the line, or, for a one-line attribute, its name and value (aligned later). */
  readonly text: string;
  readonly key?: string;
}

/**
 * Arguments that stay on one line however long: texts for people (a description), which
 * reviewers read as one sentence and line-length rules leave alone. A validation's message breaks
 * where it is an expression (the message a value gets); its quoted texts stay whole.
 */
const ONE_LINE_ARGUMENTS: ReadonlySet<string> = new Set(["description"]);

/** The longest one-line list, in characters, before its items go one per line. */
const INLINE_LIST_WIDTH = 72;

/**
 * The longest line, in columns: a list, object, function call, `for` expression, or parenthesized
 * chain of `||`, `&&` or conditionals whose one-line form would pass it goes over several lines.
 * Quoted strings, and expressions that are none of those (operators outside parentheses), stay
 * on one line however long.
 */
const MAX_WIDTH = 120;

/** The one-line form of an expression, when it may be written on one line; objects never are. */
function oneLine(e: Expr): string | undefined {
  switch (e.kind) {
    case "raw":
      return e.text;
    case "list": {
      if (e.items.length === 0) return "[]";
      if (!e.items.every((i) => i.kind === "raw")) return undefined;
      const inline = `[${e.items.map((i) => (i as { text: string }).text).join(", ")}]`;
      return e.items.length === 1 || inline.length <= INLINE_LIST_WIDTH ? inline : undefined;
    }
    case "object":
      return e.entries.length === 0 ? "{}" : undefined;
    case "call": {
      const args = e.args.map(oneLine);
      return args.every((a) => a !== undefined) ? `${e.name}(${args.join(", ")})` : undefined;
    }
  }
}

/**
 * A raw expression as the list, object or call it is, when it is one that breaks (see shapeOf); a
 * call of one argument that does not break itself is left as written (breaking it would gain
 * little), unless, at `indent`, that argument fits on a line of its own.
 */
function shaped(e: Expr, indent?: number): Expr | undefined {
  if (e.kind !== "raw") return e.kind === "list" || e.kind === "object" || e.kind === "call" ? e : undefined;
  const shape = shapeOf(e.text);
  if (shape === undefined) return undefined;
  if (shape.kind === "call" && shape.args.length === 1 && shaped({ kind: "raw", text: shape.args[0] }) === undefined) {
    if (indent === undefined || 2 * (indent + 1) + columns(shape.args[0]) + 1 > MAX_WIDTH) return undefined;
  }
  const raw = (text: string): Expr => ({ kind: "raw", text });
  switch (shape.kind) {
    case "call":
      return { kind: "call", name: shape.name, args: shape.args.map(raw) };
    case "tuple":
      return { kind: "list", items: shape.items.map(raw) };
    case "object":
      return { kind: "object", entries: shape.entries.map(([k, v]) => [k, raw(v)] as const) };
    case "for":
    case "group":
    case "conditional":
      return { kind: "raw", text: e.text, shape };
  }
}

/**
 * An expression as lines; the first continues a line that has `used` columns before it, and
 * `tail` columns (a comma, a parenthesis) follow its last line. It stays on one line when it may
 * and fits in MAX_WIDTH (or cannot be broken).
 */
function exprLines(e: Expr, indent: number, used: number, tail: number): Line[] {
  const line = oneLine(e);
  if (line !== undefined && used + columns(line) + tail <= MAX_WIDTH) return [{ indent, text: line }];
  const parts = shaped(e, indent);
  if (parts === undefined || (parts.kind === "list" && parts.items.length === 0)) return [{ indent, text: line ?? "" }];
  return brokenLines(parts, indent);
}

/** A list, object or call over several lines: items, entries or arguments one per line, one level in. */
function brokenLines(e: Expr, indent: number): Line[] {
  switch (e.kind) {
    case "raw":
      return e.shape === undefined ? [{ indent, text: e.text }] : shapeLines(e.shape, indent);
    case "list":
      return [{ indent, text: "[" }, ...e.items.flatMap((item) => withComma(exprLines(item, indent + 1, 2 * (indent + 1), 1))), { indent, text: "]" }];
    case "object":
      if (e.entries.length === 0) return [{ indent, text: "{}" }];
      return [{ indent, text: "{" }, ...entryLines(e.entries, indent + 1), { indent, text: "}" }];
    case "call": {
      // The argument that breaks hugs the parentheses: `jsonencode({` ... `})`, `list(object({` ... `}))`,
      // `join("", [` ... `])`.
      const arg = hugged(e);
      if (arg !== undefined) {
        const inner = brokenLines(arg, indent);
        const opening = `${e.name}(${e.args.slice(0, -1).map((a) => `${oneLine(a)}, `).join("")}`;
        const last = inner.length - 1;
        return inner.map((l, i) => ({ ...l, text: `${i === 0 ? opening : ""}${l.text}${i === last ? ")" : ""}` }));
      }
      return [
        { indent, text: `${e.name}(` },
        ...e.args.flatMap((arg) => withComma(exprLines(arg, indent + 1, 2 * (indent + 1), 1))),
        { indent, text: ")" },
      ];
    }
  }
}

/**
 * A `for` expression or a chain of `||` (`&&`) or of conditionals over several lines, as
 * `terraform fmt` keeps them: `[`, the `for` clause (its body on the next line when the clause
 * would pass the width), the `if` clause, `]`; `(`, one operand per line ending in the operator,
 * `)`; `(`, one `condition ? result :` per line (the result on the next line when they would pass
 * the width together), the last result, `)`.
 */
function shapeLines(shape: Extract<Shape, { kind: "for" | "group" | "conditional" }>, indent: number): Line[] {
  const raw = (text: string): Expr => ({ kind: "raw", text });
  if (shape.kind === "for") {
    const inner = indent + 1;
    const key = shape.key !== undefined ? `${shape.key} => ` : "";
    const together = `${shape.head} ${key}${shape.body}`;
    let clause: Line[];
    if (2 * inner + columns(together) <= MAX_WIDTH) clause = [{ indent: inner, text: together }];
    else {
      const body = exprLines(raw(shape.body), inner, 2 * inner + columns(key), 0);
      clause = [...headLines(shape, inner), { ...body[0], text: `${key}${body[0].text}` }, ...body.slice(1)];
    }
    const [open, close] = shape.brackets;
    const ending = { indent, text: `${close}${shape.suffix ?? ""}` };
    const condition = shape.condition === undefined ? [] : exprLines(raw(shape.condition), inner, 2 * inner + 3, 0);
    // `terraform fmt` writes `if(` before a parenthesized condition, as before a call's arguments.
    if (condition.length > 0) condition[0] = { ...condition[0], text: `if${condition[0].text.startsWith("(") ? "" : " "}${condition[0].text}` };
    return [{ indent, text: open }, ...clause, ...condition, ending];
  }
  if (shape.kind === "conditional") {
    const inner = indent + 1;
    const ended = (lines: Line[], end: string): Line[] => lines.map((l, i) => (i === lines.length - 1 ? { ...l, text: `${l.text}${end}` } : l));
    const branches = shape.branches.flatMap(([condition, result]) => {
      const together = `${condition} ? ${result} :`;
      if (2 * inner + columns(together) <= MAX_WIDTH) return [{ indent: inner, text: together }];
      return [...ended(exprLines(raw(condition), inner, 2 * inner, 2), " ?"), ...ended(exprLines(raw(result), inner, 2 * inner, 2), " :")];
    });
    return [{ indent, text: "(" }, ...branches, ...exprLines(raw(shape.last), inner, 2 * inner, 0), { indent, text: ")" }];
  }
  const last = shape.operands.length - 1;
  const operands = shape.operands.flatMap((operand, i) => {
    const lines = exprLines(raw(operand), indent + 1, 2 * (indent + 1), i === last ? 0 : shape.operator.length + 1);
    return i === last ? lines : lines.map((l, j) => (j === lines.length - 1 ? { ...l, text: `${l.text} ${shape.operator}` } : l));
  });
  return [{ indent, text: `${shape.prefix}(` }, ...operands, { indent, text: ")" }];
}

/**
 * The head of a `for` expression, `for <variables> in <collection> :`: one line, or, when that
 * would pass the width, its collection broken (`for n in [` ... `] :`).
 */
function headLines(shape: Extract<Shape, { kind: "for" }>, indent: number): Line[] {
  if (2 * indent + columns(shape.head) <= MAX_WIDTH || shape.collection === undefined) return [{ indent, text: shape.head }];
  const opening = shape.head.slice(0, shape.head.length - shape.collection.length - 2);
  const lines = exprLines({ kind: "raw", text: shape.collection }, indent, 2 * indent + columns(opening), 2);
  const last = lines.length - 1;
  return lines.map((l, i) => ({ ...l, text: `${i === 0 ? opening : ""}${l.text}${i === last ? " :" : ""}` }));
}

/** Whether a broken expression opens with its bracket on the first line and closes with it on the last. */
function hugs(e: Expr): boolean {
  if (e.kind === "raw") return e.shape !== undefined;
  if (e.kind === "list") return e.items.length > 0;
  if (e.kind === "object") return e.entries.length > 0;
  return hugged(e) !== undefined;
}

/** A string without template sequences, or a number: what may stand before a hugged argument. */
const LITERAL = /^(?:"(?:[^"\\$%]|\\.)*"|-?\d+(?:\.\d+)?)$/;

/**
 * The argument a call hugs when it breaks: its only argument, or its last when the ones before it
 * are literals (a separator, as in `join("", [` ... `])`); none when that argument does not open
 * and close the lines it breaks into.
 */
function hugged(e: Expr): Expr | undefined {
  if (e.kind !== "call" || e.args.length === 0) return undefined;
  if (!e.args.slice(0, -1).every((a) => LITERAL.test(oneLine(a) ?? ""))) return undefined;
  const last = shaped(e.args[e.args.length - 1]);
  return last !== undefined && hugs(last) ? last : undefined;
}

function withComma(lines: Line[]): Line[] {
  const last = lines.length - 1;
  return lines.map((l, i) => (i === last ? { ...l, text: `${l.text},` } : l));
}

/**
 * `key = value` entries of one body or object, in order. A value goes on the line of its key
 * (aligned with its neighbours by layout) when it may and the aligned line fits; else its key
 * opens the value's lines. Breaking a value ends the run of aligned lines, which can only narrow
 * the alignment of the others: repeated until no line changes.
 */
function entryLines(entries: readonly (readonly [key: string, value: Expr])[], indent: number): Line[] {
  const single = entries.map(([, value]) => oneLine(value));
  const inline = single.map((line) => line !== undefined);
  for (let changed = true; changed; ) {
    changed = false;
    let start = 0;
    while (start < entries.length) {
      if (!inline[start]) {
        start++;
        continue;
      }
      let end = start;
      while (end < entries.length && inline[end]) end++;
      const width = Math.max(...entries.slice(start, end).map(([key]) => 2 * indent + columns(key)));
      for (let i = start; i < end; i++) {
        if (width + 3 + columns(single[i]!) > MAX_WIDTH && !ONE_LINE_ARGUMENTS.has(entries[i][0]) && shaped(entries[i][1], indent) !== undefined) {
          inline[i] = false;
          changed = true;
        }
      }
      start = end;
    }
  }
  return entries.flatMap(([key, value], i) => {
    if (inline[i]) return [{ indent, key, text: single[i]! }];
    // Broken even when its unaligned line would fit: on one line, it would join the run again.
    const lines = brokenLines(shaped(value, indent) ?? value, indent);
    return [{ indent, text: `${key} = ${lines[0].text}` }, ...lines.slice(1)];
  });
}

function blockHeader(b: Block): string {
  return [b.type, ...b.labels.map((l) => `"${escapeQuoted(l)}"`)].join(" ");
}

/** A body: runs of attributes (a blank line between groups) and blocks (a blank line around each). */
function bodyLines(items: readonly Item[], indent: number): (Line | undefined)[] {
  const lines: (Line | undefined)[] = [];
  let previous: Item | undefined;
  for (let i = 0; i < items.length; ) {
    const item = items[i];
    const separate = previous !== undefined && (item.kind === "block" || previous.kind === "block" || item.group !== previous.group);
    if (separate) lines.push(undefined);
    if (item.kind === "block") {
      lines.push(...blockLines(item, indent));
      previous = item;
      i++;
      continue;
    }
    let end = i;
    const run: [string, Expr][] = [];
    for (; end < items.length; end++) {
      const next = items[end];
      if (next.kind !== "attribute" || next.group !== item.group) break;
      run.push([next.name, next.value]);
    }
    lines.push(...entryLines(run, indent));
    previous = items[end - 1];
    i = end;
  }
  return lines;
}

function blockLines(b: Block, indent: number): (Line | undefined)[] {
  if (b.body.length === 0) return [{ indent, text: `${blockHeader(b)} {}` }];
  return [{ indent, text: `${blockHeader(b)} {` }, ...bodyLines(b.body, indent + 1), { indent, text: "}" }];
}

/** Made on first use: making one loads ICU's break rules (about 7 ms), which a synth to JSON never needs. */
let segmenter: Intl.Segmenter | undefined;

/** Columns as `terraform fmt` counts them: grapheme clusters. */
function columns(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return [...segmenter.segment(text)].length;
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

export function fileText(blocks: readonly Block[]): string {
  const lines: (Line | undefined)[] = [];
  blocks.forEach((b, i) => {
    if (i > 0) lines.push(undefined);
    lines.push(...blockLines(b, 0));
  });
  return `${layout(lines)}\n`;
}
