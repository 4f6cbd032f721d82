/**
 * Parsing job documents: `JSON.parse` for speed, and on failure jsonc-parser (comments and
 * trailing commas disallowed, so it accepts what JSON.parse accepts) to say where and why: Node's
 * own messages carry no position for some mistakes ("Unexpected token ... is not valid JSON").
 */
import type { ParseError } from "jsonc-parser";

/** Where a document stops being JSON, 1-based, and what is wrong there. */
export interface JsonSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

export type JsonParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: JsonSyntaxError };

/** What each jsonc-parser error code means, in the words of the message. */
const REASONS: Readonly<Record<string, string>> = {
  InvalidSymbol: "a character that cannot start a JSON value",
  InvalidNumberFormat: "a number in a form JSON does not allow",
  PropertyNameExpected: "a property name in double quotes was expected",
  ValueExpected: "a value was expected",
  ColonExpected: "a colon was expected after the property name",
  CommaExpected: "a comma was expected",
  CloseBraceExpected: "a closing } was expected",
  CloseBracketExpected: "a closing ] was expected",
  EndOfFileExpected: "the document should end here (there is text after the closing bracket)",
  InvalidCommentToken: "a comment (JSON allows none)",
  UnexpectedEndOfComment: "a comment that does not end (JSON allows none)",
  UnexpectedEndOfString: "a string that does not end on its line",
  UnexpectedEndOfNumber: "a number that ends too early",
  InvalidUnicode: "an invalid \\u escape",
  InvalidEscapeCharacter: "an invalid escape character in a string",
  InvalidCharacter: "a control character inside a string (escape it)",
};

/** Parses one document; a leading UTF-8 byte-order mark is allowed. */
export function parseJson(text: string): JsonParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (e) {
    return { ok: false, error: locateError(body, (e as Error).message) };
  }
}

function locateError(text: string, fallback: string): JsonSyntaxError {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parse, printParseErrorCode } = require("jsonc-parser") as typeof import("jsonc-parser");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const first = errors[0];
  if (first === undefined) return { ...position(text, text.length), reason: fallback.replace(/\s+/g, " ") };
  const code = printParseErrorCode(first.error);
  const before = text.slice(0, first.offset).trimEnd();
  const closing = text[first.offset];
  const reason =
    closing === "'"
      ? "a single quote (JSON strings and property names take double quotes)"
      : before.endsWith(",") && (closing === "}" || closing === "]") && (code === "PropertyNameExpected" || code === "ValueExpected")
        ? `a trailing comma before ${closing} (JSON allows none)`
        : first.offset >= text.length && code !== "InvalidCommentToken"
          ? `the document ends too early: ${REASONS[code] ?? code}`
          : (REASONS[code] ?? code);
  return { ...position(text, first.offset), reason };
}

/** 1-based line and column of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
