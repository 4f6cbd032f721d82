/**
 * The command lines the documentation shows name only options the commands take: every
 * `mediaconvert-role-cdktf <command> ...` and `npm run synth -- ...` in README.md and docs/*.md
 * (in code spans and blocks) is read, and each of its `--option`s must be one that the command's
 * help lists, so that the documentation and `--help` name the same flags (`--out`, though
 * `npm run synth` also maps cdktf's `--output` onto it). `npm run synth` also takes `--generated`,
 * the repository's own. The options come from the program itself.
 */
import * as fs from "fs";
import * as path from "path";
import { createProgram } from "../lib/cli/main";

const ROOT = path.resolve(__dirname, "..");
const DOCS = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

const program = createProgram({ cwd: ROOT, env: {}, out: () => undefined, err: () => undefined }, () => undefined);
/** Each command's long options, as its help lists them. */
const OPTIONS = new Map(program.commands.map((c) => [c.name(), new Set([...c.options.map((o) => o.long), "--help"])]));

/** The options of every documented command line: `file: command --option`. */
function documentedOptions(): string[] {
  const found: string[] = [];
  for (const file of DOCS) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    // A command line runs to the end of its code span or line.
    for (const match of text.matchAll(/(?:mediaconvert-role-cdktf ([a-z]+)|npm run (synth(?::hcl)?)(?: --)?)([^`\n]*)/g)) {
      const command = match[1] ?? "synth";
      if (!OPTIONS.has(command)) continue;
      const npm = match[2] !== undefined;
      for (const option of match[3].split("#")[0].matchAll(/(?<![\w-])--[a-z][a-z-]*/g)) {
        const name = option[0];
        const known = OPTIONS.get(command)!.has(name) || (npm && name === "--generated");
        found.push(`${file}: ${command} ${name}${known ? "" : " (not an option of the command)"}`);
      }
    }
  }
  return found;
}

describe("the command lines in README.md and docs/", () => {
  const options = documentedOptions();

  it("are found (the scan reads the documentation's command lines)", () => {
    // GIVEN / WHEN / THEN: the documentation shows synth and adopt with options
    expect(options.some((o) => o.includes(": synth --config"))).toBe(true);
    expect(options.some((o) => o.includes(": adopt --role-name"))).toBe(true);
  });

  it("name only options that the commands' help lists", () => {
    // GIVEN / WHEN / THEN
    expect(options.filter((o) => o.endsWith("(not an option of the command)"))).toEqual([]);
  });
});
