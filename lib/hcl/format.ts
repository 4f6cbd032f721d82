/**
 * Expressions spaced as `terraform fmt` (hclwrite) spaces them: a tokenizer for HCL expressions
 * (quoted templates split as hclwrite splits them) and hclwrite's rule for the space between two
 * tokens.
 */

export type TokenType =
  | "ident" | "number" | "oquote" | "quotedlit" | "cquote" | "interp" | "control" | "seqend"
  | "obrace" | "cbrace" | "obrack" | "cbrack" | "oparen" | "cparen" | "comma" | "dot" | "ellipsis"
  | "doublecolon" | "colon" | "question" | "equal" | "minus" | "bang" | "compare" | "logical" | "arith" | "other";

export interface Token {
  readonly type: TokenType;
  readonly text: string;
}

/** An expression that cannot be re-spaced safely (heredoc, comment, newline, strip marker). */
export class Unformattable extends Error {}

const PUNCTUATION: readonly (readonly [string, TokenType])[] = [
  ["...", "ellipsis"], ["::", "doublecolon"], ["=>", "other"], ["==", "compare"], ["!=", "compare"], ["<=", "compare"],
  [">=", "compare"], ["&&", "logical"], ["||", "logical"], ["{", "obrace"], ["}", "cbrace"], ["[", "obrack"], ["]", "cbrack"],
  ["(", "oparen"], [")", "cparen"], [",", "comma"], [".", "dot"], [":", "colon"], ["?", "question"], ["=", "equal"],
  ["-", "minus"], ["!", "bang"], ["<", "compare"], [">", "compare"], ["+", "arith"], ["*", "arith"], ["/", "arith"], ["%", "arith"],
];

/** Tokens of an HCL expression, with quoted templates split as hclwrite splits them. */
export function tokenize(s: string): Token[] {
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
export function formatExpression(text: string): string {
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
// The parts of a long expression, for the layout to break it over lines

/**
 * The shape of an expression that can be written over several lines: a function call with its
 * arguments, a tuple with its items, an object with its entries (each part an expression's text,
 * spaced as `terraform fmt` spaces it), a `for` expression with its clauses, a parenthesized chain of
 * `||` (or `&&`) or of conditionals with its operands. Other operators, templates and traversals have
 * none: they stay as written.
 */
export type Shape =
  | { readonly kind: "call"; readonly name: string; readonly args: readonly string[] }
  | { readonly kind: "tuple"; readonly items: readonly string[] }
  | { readonly kind: "object"; readonly entries: readonly (readonly [key: string, value: string])[] }
  /**
   * A `for` expression, `[for <head> : <body> if <condition>]` or `{for <head> : <key> => <body> if
   * <condition>}`, the clauses one per line.
   */
  | {
      readonly kind: "for";
      readonly brackets: "[]" | "{}";
      readonly head: string;
      /** The head's collection (`for <variables> in <collection> :`), which may break when the head is long. */
      readonly collection?: string;
      readonly key?: string;
      readonly body: string;
      /** The expression after `if`. */
      readonly condition?: string;
      /** An index or attribute after the closing bracket (`[0]`), kept on its line. */
      readonly suffix?: string;
    }
  /** `(a || b || c)` (or `&&`), maybe negated (`!(...)`): one operand per line. */
  | { readonly kind: "group"; readonly prefix: string; readonly operator: string; readonly operands: readonly string[] }
  /** `(c1 ? r1 : c2 ? r2 : last)`: one branch per line, `last` on a line of its own. */
  | { readonly kind: "conditional"; readonly branches: readonly (readonly [condition: string, result: string])[]; readonly last: string };

/** How much a token nests: +1 for an opening bracket, quote or template sequence, -1 for a closing one. */
function nesting(t: Token): number {
  if (opens(t) || t.type === "oquote") return 1;
  if (closes(t) || t.type === "cquote") return -1;
  return 0;
}

/**
 * The operators of an expression outside its brackets and strings that bind more loosely than a
 * comparison: `||`, `&&` and `?` (whose operands need parentheses to be one operand).
 */
export function looseOperators(expression: string): Set<string> {
  const found = new Set<string>();
  let depth = 0;
  for (const t of tokenize(expression)) {
    if (depth === 0 && (t.type === "logical" || t.type === "question")) found.add(t.text);
    depth += nesting(t);
  }
  return found;
}

/** Where the bracket opened at `start` is closed. */
function closing(tokens: readonly Token[], start: number): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    depth += nesting(tokens[i]);
    if (depth === 0) return i;
  }
  return -1;
}

/** `tokens` split at the commas outside brackets, quotes and sequences; a trailing comma ends nothing. */
function splitAtCommas(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (depth === 0 && t.type === "comma") {
      parts.push([]);
      continue;
    }
    depth += nesting(t);
    parts[parts.length - 1].push(t);
  }
  if (parts[parts.length - 1].length === 0) parts.pop();
  return parts;
}

function text(tokens: readonly Token[]): string {
  let out = "";
  tokens.forEach((token, i) => {
    if (i > 0 && spaceAfter(tokens[i - 1], tokens[i - 2], token)) out += " ";
    out += token.text;
  });
  return out;
}

/** The shape of `expression`, when it is a call, a tuple or an object constructor (not a `for` expression) with parts. */
export function shapeOf(expression: string): Shape | undefined {
  let tokens: Token[];
  try {
    tokens = tokenize(expression);
  } catch (e) {
    if (e instanceof Unformattable) return undefined;
    throw e;
  }
  const open = tokens.findIndex((t, i) => t.type !== "ident" && t.type !== "doublecolon" && !(i === 0 && t.type === "bang"));
  if (open < 0) return undefined;
  const last = closing(tokens, open);
  if (last < 0) return undefined;
  // What follows the closing bracket: nothing, or (after a `for` expression) an index or attribute.
  const suffix = tokens.slice(last + 1);
  if (suffix.length > 0) {
    const isFor = tokens[open].type === "obrack" && tokens[open + 1]?.type === "ident" && tokens[open + 1].text === "for";
    if (open !== 0 || !isFor || !isTraversal(suffix)) return undefined;
    const shape = forShape(tokens.slice(1, last), "[]");
    return shape === undefined ? undefined : { ...shape, suffix: text(suffix) };
  }
  const inner = tokens.slice(open + 1, last);
  const parts = splitAtCommas(inner);
  if (parts.length === 0 || parts.some((p) => p.length === 0)) return undefined;
  const head = tokens.slice(0, open);
  if (tokens[open].type === "oparen" && (head.length === 0 || (head.length === 1 && head[0].type === "bang"))) return groupShape(head, inner);
  if (tokens[open].type === "oparen" && head.length > 0) {
    // `f(list...)` expands its last argument: no line may end after the ellipsis.
    if (inner[inner.length - 1].type === "ellipsis") return undefined;
    return { kind: "call", name: text(head), args: parts.map(text) };
  }
  const isFor = inner[0].type === "ident" && inner[0].text === "for";
  if (head.length === 0 && isFor && (tokens[open].type === "obrack" || tokens[open].type === "obrace")) return forShape(inner, tokens[open].type === "obrack" ? "[]" : "{}");
  if (head.length > 0 || (inner[0].type === "ident" && inner[0].text === "for")) return undefined;
  if (tokens[open].type === "obrack") return { kind: "tuple", items: parts.map(text) };
  if (tokens[open].type !== "obrace") return undefined;
  const entries: (readonly [string, string])[] = [];
  for (const part of parts) {
    let depth = 0;
    const at = part.findIndex((t) => {
      const top = depth === 0 && (t.type === "equal" || t.type === "colon");
      depth += nesting(t);
      return top;
    });
    if (at <= 0 || at === part.length - 1) return undefined;
    entries.push([text(part.slice(0, at)), text(part.slice(at + 1))]);
  }
  return { kind: "object", entries };
}

/** The tokens of `inner` at bracket depth 0 that satisfy `test`, by index. */
function topLevel(inner: readonly Token[], test: (t: Token) => boolean): number[] {
  const found: number[] = [];
  let depth = 0;
  inner.forEach((t, i) => {
    if (depth === 0 && test(t)) found.push(i);
    depth += nesting(t);
  });
  return found;
}

/** `for <head> : [<key> =>] <body> [if <condition>]`, from the tokens inside the brackets (a key in braces only). */
function forShape(inner: readonly Token[], brackets: "[]" | "{}"): Extract<Shape, { kind: "for" }> | undefined {
  // The clause's colon: the first top-level one that no conditional in the collection takes.
  let conditionals = 0;
  const colon = topLevel(inner, (t) => t.type === "colon" || t.type === "question").find((i) => {
    if (inner[i].type === "question") conditionals++;
    else if (conditionals === 0) return true;
    else conditionals--;
    return false;
  });
  if (colon === undefined) return undefined;
  const ifAt = topLevel(inner, (t) => t.type === "ident" && t.text === "if").find((i) => i > colon);
  const clause = inner.slice(colon + 1, ifAt);
  const arrows = topLevel(clause, (t) => t.type === "other" && t.text === "=>");
  if (arrows.length !== (brackets === "{}" ? 1 : 0)) return undefined;
  const body = clause.slice(arrows.length === 1 ? arrows[0] + 1 : 0);
  if (body.length === 0 || (brackets === "{}" && arrows[0] === 0)) return undefined;
  // `...` after an object for's value groups it: left as written.
  if (body[body.length - 1].type === "ellipsis") return undefined;
  const inAt = topLevel(inner.slice(0, colon), (t) => t.type === "ident" && t.text === "in")[0];
  return {
    kind: "for",
    brackets,
    head: `${text(inner.slice(0, colon))} :`,
    ...(inAt !== undefined && inAt + 1 < colon ? { collection: text(inner.slice(inAt + 1, colon)) } : {}),
    ...(arrows.length === 1 ? { key: text(clause.slice(0, arrows[0])) } : {}),
    body: text(body),
    ...(ifAt !== undefined ? { condition: text(inner.slice(ifAt + 1)) } : {}),
  };
}

/** Whether `tokens` are indexes and attributes only (`[0]`, `.name`), as after a collection. */
function isTraversal(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; ) {
    if (tokens[i].type === "dot" && tokens[i + 1]?.type === "ident") i += 2;
    else if (tokens[i].type === "obrack") {
      const end = closing(tokens, i);
      if (end < 0) return false;
      i = end + 1;
    } else return false;
  }
  return true;
}

/**
 * `(c1 ? r1 : c2 ? r2 : last)` as its branches: each condition with its result, and the last
 * result. Only a chain in its false results breaks; a conditional in a condition or a true result
 * stays in its branch's text.
 */
function conditionalShape(inner: readonly Token[]): Shape | undefined {
  const branches: (readonly [string, string])[] = [];
  let rest = inner;
  for (;;) {
    const question = topLevel(rest, (t) => t.type === "question")[0];
    if (question === undefined) break;
    // The `:` of this `?`: the first top-level one not taken by a conditional inside the true result.
    let open = 0;
    const colon = topLevel(rest, (t) => t.type === "question" || t.type === "colon").find((i) => {
      if (i <= question) return false;
      if (rest[i].type === "question") open++;
      else if (open === 0) return true;
      else open--;
      return false;
    });
    if (colon === undefined || question === 0 || colon === question + 1 || colon === rest.length - 1) return undefined;
    branches.push([text(rest.slice(0, question)), text(rest.slice(question + 1, colon))]);
    rest = rest.slice(colon + 1);
  }
  return branches.length === 0 ? undefined : { kind: "conditional", branches, last: text(rest) };
}

/**
 * `(a || b)` split at its top-level `||` (else `&&`): only a chain of one operator is a group; or,
 * in plain parentheses, a chain of conditionals.
 */
function groupShape(head: readonly Token[], inner: readonly Token[]): Shape | undefined {
  if (head.length === 0 && topLevel(inner, (t) => t.type === "question").length > 0) return conditionalShape(inner);
  for (const operator of ["||", "&&"]) {
    const at = topLevel(inner, (t) => t.type === "logical" && t.text === operator);
    if (at.length === 0) continue;
    // A conditional at the top level binds looser than the operator: it is no chain.
    if (topLevel(inner, (t) => t.type === "question").length > 0) return undefined;
    const operands = [...at, inner.length].map((end, i) => text(inner.slice(i === 0 ? 0 : at[i - 1] + 1, end)));
    return { kind: "group", prefix: text(head), operator, operands };
  }
  return undefined;
}
