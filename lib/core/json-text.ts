/**
 * JSON text as people write it into files: a UTF-8 byte-order mark is skipped, a syntax error is
 * reported with its line and column, and a key written twice in one object (which `JSON.parse`
 * silently resolves to the last one) is an error naming the key and both lines. Strict JSON
 * otherwise: no comments, no trailing commas. Parsing is `jsonc-parser`'s (the parser of VS Code).
 */
import { getNodeValue, parseTree, printParseErrorCode, visit } from "jsonc-parser";
import type { ParseError } from "jsonc-parser";

/** A problem of the text: where, and what. */
export interface JsonTextProblem {
  readonly line: number;
  readonly column: number;
  /** A syntax error, or a key written twice. */
  readonly kind: "syntax" | "duplicate key";
  /** What is wrong, without a fix: "a comma was expected". */
  readonly message: string;
}

/** The parsed value, or the problems of the text. */
export type JsonTextResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: readonly JsonTextProblem[] };

const OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

/** What each of jsonc-parser's error codes means, in words a person fixes. */
const ERROR_WORDS: Readonly<Record<string, string>> = {
  InvalidNumberFormat: "a malformed number",
  PropertyNameExpected: "a key (in double quotes) was expected",
  ValueExpected: "a value was expected",
  ColonExpected: "a colon was expected",
  CommaExpected: "a comma was expected",
  CloseBraceExpected: "a closing } was expected",
  CloseBracketExpected: "a closing ] was expected",
  EndOfFileExpected: "the text goes on after the JSON value",
  InvalidCommentToken: "JSON allows no comments",
  UnexpectedEndOfComment: "JSON allows no comments",
  UnexpectedEndOfString: "a string is not closed",
  UnexpectedEndOfNumber: "a number is cut off",
  InvalidUnicode: "a malformed \\u escape",
  InvalidEscapeCharacter: "a malformed escape in a string",
  InvalidCharacter: "a control character in a string (write it as an escape such as \\n)",
};

/** The 1-based line and column of `offset` in `text`. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** Parses `text` as strict JSON, reporting every syntax error and every key written twice. */
export function parseJsonText(text: string): JsonTextResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const errors: ParseError[] = [];
  const tree = parseTree(body, errors, OPTIONS);
  // The first syntax error only: the parser's later ones mostly follow from it.
  const problems: JsonTextProblem[] = errors.slice(0, 1).map((e) => {
    const code = printParseErrorCode(e.error);
    const found = body.slice(e.offset, e.offset + Math.max(1, e.length)).slice(0, 20);
    const words = code === "InvalidSymbol" ? `an unexpected ${JSON.stringify(found)}` : (ERROR_WORDS[code] ?? code);
    return { ...position(body, e.offset), kind: "syntax" as const, message: words };
  });
  if (problems.length === 0) {
    // Keys of each open object, with the line each was first written on.
    const objects: Map<string, number>[] = [];
    visit(
      body,
      {
        onObjectBegin: () => void objects.push(new Map()),
        onObjectEnd: () => void objects.pop(),
        onObjectProperty: (key, offset) => {
          const keys = objects[objects.length - 1];
          const at = position(body, offset);
          const first = keys.get(key);
          if (first !== undefined) problems.push({ ...at, kind: "duplicate key", message: `key ${JSON.stringify(key)} is written twice in one object (first on line ${first}), and JSON keeps only the last` });
          else keys.set(key, at.line);
        },
      },
      OPTIONS,
    );
  }
  if (problems.length > 0 || tree === undefined) return { ok: false, problems };
  return { ok: true, value: getNodeValue(tree) };
}
