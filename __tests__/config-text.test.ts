/**
 * Config files as people write them, and stack names as file systems take them: a UTF-8
 * byte-order mark is accepted; a syntax error is reported with its line and column; a key written
 * twice in one object is an error naming the key and both lines (JSON.parse would keep the last
 * silently); stack names that differ only in case are refused (their directories and state files
 * are one on macOS and Windows), and so are Windows' device names. loadConfig and parseConfig,
 * in-process; the command line's synth for the file that must work.
 */
import * as fs from "fs";
import * as path from "path";
import { ConfigError, loadConfig, parseConfig } from "../lib/app/config";
import { runCliInProcess } from "./support/cli-in-process";
import { makeTempDir } from "./support/paths";

const DEVICE_NAMES = "CON, PRN, AUX, NUL, COM1, LPT1, COM2, LPT2, COM3, LPT3, COM4, LPT4, COM5, LPT5, COM6, LPT6, COM7, LPT7, COM8, LPT8, COM9, LPT9";

let dir: string;
beforeEach(() => {
  dir = makeTempDir("mediaconvert-config-text");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes `text` as the config file and returns its path. */
function configFile(text: string): string {
  const file = path.join(dir, "mediaconvert.config.json");
  fs.writeFileSync(file, text);
  return file;
}

/** The problems of a ConfigError that `load` throws. */
function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error("expected a ConfigError, but the config was accepted");
}

const stacks = (...names: string[]) => ({ stacks: names.map((name) => ({ name, region: "us-east-1", roles: [{}] })) });

describe("the config file's text", () => {
  it("may start with a UTF-8 byte-order mark: synth reads it and writes the stack", async () => {
    // GIVEN a config file saved by an editor that writes a byte-order mark
    configFile(`\uFEFF${JSON.stringify(stacks("media"))}`);
    // WHEN synth reads it
    const result = await runCliInProcess(["synth", "--out", "out"], { cwd: dir });
    // THEN it synthesizes the stack
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(fs.existsSync(path.join(dir, "out", "stacks", "media", "cdk.tf.json"))).toBe(true);
  });

  it("with a key written twice in one object is refused, naming the key and both lines", () => {
    // GIVEN a stack whose name is written twice (JSON.parse would keep "other" without a word)
    const file = configFile(['{', '  "stacks": [', "    {", '      "name": "media",', '      "name": "other",', '      "roles": [{}]', "    }", "  ]", "}", ""].join("\n"));
    // WHEN / THEN
    expect(problemsOf(() => loadConfig(file, {}))).toEqual(['line 5, column 7: key "name" is written twice in one object (first on line 4), and JSON keeps only the last. Remove one of them.']);
  });

  it("that is not valid JSON is reported with the line and column of the mistake", () => {
    // GIVEN a comment on line 3 (Node's own message for it has no position)
    const file = configFile(['{', '  "stacks": [', "    // production", '    {"name": "media", "roles": [{}]}', "  ]", "}", ""].join("\n"));
    // WHEN / THEN
    expect(problemsOf(() => loadConfig(file, {}))).toEqual(["the file is not valid JSON at line 3, column 5: JSON allows no comments. Fix the syntax (JSON allows no comments or trailing commas)."]);
  });
});

describe("stack names", () => {
  it("that differ only in case are refused: their directories and state files are one on macOS and Windows", () => {
    // GIVEN / WHEN / THEN
    expect(problemsOf(() => parseConfig(stacks("prod", "staging", "Prod"), "mediaconvert.config.json", {}))).toEqual([
      'stacks[2].name: stack name "Prod" differs from "prod" of stacks[0] only in case: their directories and state files are one on macOS and Windows. Rename one of them.',
    ]);
  });

  it.each(["CON", "con", "Prn", "aux", "NUL", "COM1", "com9", "LPT1", "lpt9"])("refuses %s, a device name on Windows (in any case)", (name) => {
    // GIVEN / WHEN / THEN
    expect(problemsOf(() => parseConfig(stacks(name), "mediaconvert.config.json", {}))).toEqual([
      `stacks[0].name: stack name "${name}" is a device name on Windows (${DEVICE_NAMES}, in any case): its directory and state file cannot be created there. Rename the stack.`,
    ]);
  });

  it.each(["CONS", "console", "COM10", "LPT10", "NULL", "prod", "PROD-eu"])("accepts %s, which only resembles a device name or differs from every other", (name) => {
    // GIVEN / WHEN / THEN
    expect(parseConfig(stacks(name), "mediaconvert.config.json", {}).stacks.map((s) => s.name)).toEqual([name]);
  });
});
