/**
 * Terraform string templates as they appear in Terraform JSON, split into literal text and
 * `${...}` / `%{...}` sequences, and the quoting and escaping that carries them into HCL.
 */
import { HclRenderError } from "./errors";

/** A piece of a template: literal text (as written, escapes kept), an interpolation or a directive. */
export type TemplatePart =
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
  throw new HclRenderError(`Cannot render ${JSON.stringify(s)} as HCL: a template sequence is not closed.`);
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
  throw new HclRenderError(`Cannot render ${JSON.stringify(s)} as HCL: a quoted string in an interpolation is not closed.`);
}

/** Splits a Terraform string template into literal text (as written, escapes kept) and sequences. */
export function scanTemplate(s: string): TemplatePart[] {
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
export function escapeQuoted(text: string): string {
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
export function escapeTemplateSequences(text: string): string {
  return text.replace(/([$%])\{/g, (_, c: string) => `${c}${c}{`);
}

/** A string Terraform takes literally, as a quoted HCL string with the same value. */
export function literalString(value: string): string {
  return `"${escapeQuoted(escapeTemplateSequences(value))}"`;
}

/** A quoted HCL template from template parts (sequences as written). */
export function quotedTemplate(parts: readonly TemplatePart[]): string {
  return `"${parts.map((p) => (p.kind === "text" ? escapeQuoted(p.source) : p.source)).join("")}"`;
}

/** The bare expression of a template that is exactly one interpolation, if it is one. */
export function soleInterpolation(parts: readonly TemplatePart[]): string | undefined {
  if (parts.length !== 1 || parts[0].kind !== "interpolation") return undefined;
  // Strip markers (`${~ x ~}`) strip nothing when there is no text around: drop them, as fmt does.
  const inner = parts[0].inner.replace(/^~/, "").replace(/~$/, "");
  // Multi-line expressions stay in their template.
  if (/[\r\n]/.test(inner)) return undefined;
  const expression = inner.trim();
  return expression === "" ? undefined : expression;
}

