/**
 * Finding blocks in HCL text the tests write or generate (`backend "s3" { ... }`, `import { ... }`,
 * `provider "aws" { ... }`): a header matched line by line, the body up to its matching brace.
 * Good enough for those configurations (braces inside strings are balanced there); not a parser.
 */

/** Where one block is in the text: from the start of its header to just after its closing brace. */
export interface HclBlock {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The blocks whose header (a multiline regular expression ending in `{`) matches, in order. */
export function hclBlocks(text: string, header: RegExp): HclBlock[] {
  const found = new RegExp(header.source, header.flags.includes("g") ? header.flags : `${header.flags}g`);
  const blocks: HclBlock[] = [];
  for (let match = found.exec(text); match; match = found.exec(text)) {
    let depth = 0;
    let end = match.index + match[0].length - 1;
    for (; end < text.length; end++) {
      if (text[end] === "{") depth++;
      else if (text[end] === "}" && --depth === 0) break;
    }
    blocks.push({ start: match.index, end: end + 1, text: text.slice(match.index, end + 1) });
    found.lastIndex = end + 1;
  }
  return blocks;
}

/** The text without `blocks` (as hclBlocks found them in it). */
export function withoutBlocks(text: string, blocks: readonly HclBlock[]): string {
  let out = "";
  let at = 0;
  for (const block of blocks) {
    out += text.slice(at, block.start);
    at = block.end;
  }
  return out + text.slice(at);
}
