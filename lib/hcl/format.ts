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
