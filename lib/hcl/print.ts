/**
 * Layout: the syntax tree as lines of text, as `terraform fmt` lays them out (two-space indents,
 * `=` aligned in runs of one-line attributes, blank lines between blocks).
 */
import type { Block, Expr, Item } from "./tree";
import { escapeQuoted } from "./template";

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

export function fileText(blocks: readonly Block[]): string {
  const lines: (Line | undefined)[] = [];
  blocks.forEach((b, i) => {
    if (i > 0) lines.push(undefined);
    lines.push(...blockLines(b, 0));
  });
  return `${layout(lines)}\n`;
}
