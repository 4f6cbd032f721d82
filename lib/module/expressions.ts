/**
 * Terraform expressions the module's text is made of: string literals, and the expressions that
 * show values in validation messages exactly as the TypeScript side's `quote` and
 * `describeCharacters` show them, so that both sides say the same thing.
 */
import { looseOperators } from "../hcl/format";
import { literalString, quotedTemplate, scanTemplate } from "../hcl/template";

/** A string as an HCL string literal (quotes and backslashes escaped, `${` and `%{` kept literal). */
export const literal = (value: string): string =>
  `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$\{/g, "$${").replace(/%\{/g, "%%{")}"`;

/**
 * The longest piece of a message's text, quoted: with its indent and comma, its line stays within
 * 120 columns.
 */
const TEXT_PIECE = 84;

/**
 * Text (as Terraform reads it) as an HCL expression: one quoted string while it is short, else
 * `join("", [...])` of pieces of at most TEXT_PIECE columns quoted, each cut after a space where
 * it has one, so that the layout writes a piece a line.
 */
function textExpression(text: string): string {
  if (literalString(text).length <= TEXT_PIECE) return literalString(text);
  const pieces: string[] = [];
  let rest = text;
  while (literalString(rest).length > TEXT_PIECE) {
    let fits = 1;
    while (literalString(rest.slice(0, fits + 1)).length <= TEXT_PIECE) fits++;
    const space = rest.lastIndexOf(" ", fits - 1);
    let cut = space >= fits / 2 ? space + 1 : fits;
    // Not between the two halves of a surrogate pair.
    if (/[\uD800-\uDBFF]/.test(rest[cut - 1])) cut--;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return `join("", [${pieces.map(literalString).join(", ")}])`;
}

/**
 * A message template as an HCL expression: a quoted template while it is short; else its text in
 * pieces (see textExpression), as the first argument of `format()` when values go into it (`%s`
 * where each goes), followed by the expressions that show the values. The layout breaks both over
 * lines.
 */
export function messageExpression(template: string): string {
  const parts = scanTemplate(template);
  const values = parts.flatMap((p) => (p.kind === "interpolation" ? [p.inner] : []));
  const whole = quotedTemplate(parts);
  if (whole.length <= TEXT_PIECE || parts.some((p) => p.kind === "directive") || (parts.length === 1 && values.length === 1)) return whole;
  // The text as Terraform reads it (`$${` is `${`), with format()'s `%` doubled when values go in.
  const text = (source: string) => source.replace(/([$%])\1\{/g, "$1{");
  if (values.length === 0) return textExpression(parts.map((p) => text(p.source)).join(""));
  const spec = parts.map((p) => (p.kind === "text" ? text(p.source).replace(/%/g, "%%") : "%s")).join("");
  return `format(${textExpression(spec)}, ${values.join(", ")})`;
}

/** A message template as the value of `error_message`: itself while it is short, else an expression (see messageExpression). */
export const messageValue = (template: string): string => {
  const expression = messageExpression(template);
  return expression.startsWith('"') ? template : `\${${expression}}`;
};

/**
 * `expr` in parentheses when an operator of `operators` (of `||`, `&&`, `?`) stands outside its
 * brackets, so that it keeps its meaning as an operand (and breaks over lines as a group).
 */
export function grouped(expr: string, operators: readonly string[] = ["||", "?"]): string {
  const loose = looseOperators(expr);
  return operators.some((o) => loose.has(o)) ? `(${expr})` : expr;
}

/** `can(regex("<pattern>", <expr>))` */
export const matches = (pattern: RegExp | string, expr: string): string =>
  `can(regex(${literal(typeof pattern === "string" ? pattern : pattern.source)}, ${expr}))`;

/**
 * `expr` (a string) as the TypeScript side's `quote` shows it, as template text (for a message
 * template): in double quotes, with JSON's escapes and those of U+007F to U+00A0, and cut to
 * `max` characters with "..." when longer (through `local.json_escapes`, see `messageLocals`).
 */
export function quoted(expr: string, max?: number): string {
  const cut = max === undefined ? expr : `(length(${expr}) > ${max} ? "\${substr(${expr}, 0, ${max})}..." : ${expr})`;
  return `"\${join("", [for c in split("", ${cut}) : lookup(local.json_escapes, c, c)])}"`;
}

/**
 * The characters of `expr` outside `allowed` (a regular expression class such as `A-Za-z0-9`),
 * named as the TypeScript side's `describeCharacters` names them: "the space", `"/"`,
 * `"é" (U+00E9)`, joined with commas and a final "and". As template text for a message; it
 * depends on no other input, so a message shows even where other inputs are known only after apply.
 */
export function describedCharacters(expr: string, allowed: string): string {
  const names = `[for c in distinct(regexall(${literal(`[^${allowed}]`)}, ${expr})) : ${characterName("c")}]`;
  // Terraform also evaluates messages of values that pass: no characters then.
  return `\${[for n in [${names}] : (length(n) < 2 ? join("", n) : "\${join(", ", slice(n, 0, length(n) - 1))} and \${n[length(n) - 1]}")][0]}`;
}

/** JSON.stringify's escapes of a character, and those `quote` adds for U+007F to U+00A0. */
function jsonEscape(code: number): string | undefined {
  const c = String.fromCodePoint(code);
  const shown = JSON.stringify(c).slice(1, -1);
  if (shown !== c) return shown;
  return code >= 0x7f && code <= 0xa0 ? `\\u${code.toString(16).padStart(4, "0")}` : undefined;
}

/** The escapes as an HCL map: character to the text `quote` shows for it. */
function jsonEscapesMap(): string {
  const entries: string[] = [];
  for (let code = 0; code <= 0xa0; code++) {
    const escaped = jsonEscape(code);
    if (escaped === undefined) continue;
    const key = code < 0x20 || code >= 0x7f ? `"\\u${code.toString(16).padStart(4, "0")}"` : literal(String.fromCharCode(code));
    entries.push(`${key} = ${literal(escaped)}`);
  }
  return `{ ${entries.join(", ")} }`;
}

/**
 * The code point of the one-character string `c` as `U+XXXX`. Terraform has no function for it,
 * so it reads the character's UTF-16 code units from their base64 digits (a surrogate pair for
 * the characters beyond U+FFFF).
 */
function codePoint(c: string): string {
  const digits = `[for x in split("", textencodebase64(${c}, "UTF-16BE")) : index(local.base64_digits, x) if x != "="]`;
  const pair = "[for v in [floor(sum([for i, x in d : x * pow(64, 5 - i)]) / 16)] : (floor(v / 65536) - 55296) * 1024 + v % 65536 - 56320 + 65536][0]";
  return `format("U+%04X", [for d in [${digits}] : (length(d) == 3 ? floor((d[0] * 4096 + d[1] * 64 + d[2]) / 4) : ${pair})][0])`;
}

/** The name of character `c`, as describeCharacters() gives it (its code point `u`, bound once). */
function characterName(c: string): string {
  const names = [
    `${c} == " " ? "the space" : ${c} == "\\t" ? "the tab" : ${c} == "\\n" ? "the line break"`,
    ` : ${matches("^[\\x{0}-\\x{1F}\\x{7F}-\\x{A0}]$", c)} ? "the invisible character \${u}"`,
    ` : ${matches("^[\\x{20}-\\x{7E}]$", c)} ? "\\"\${lookup(local.json_escapes, ${c}, ${c})}\\""`,
    ` : "\\"\${${c}}\\" (\${u})"`,
  ].join("");
  return `[for u in [${codePoint(c)}] : (${names})][0]`;
}

/** The constant locals the message expressions use. */
export const MESSAGE_LOCALS: Readonly<Record<string, string>> = {
  // What quote() escapes, by character.
  json_escapes: `\${${jsonEscapesMap()}}`,
  // The digits of base64, in order: a character's UTF-16 code units are read from them.
  base64_digits: `\${split("", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}`,
};
