/**
 * A synthesized stack as HCL on disk (the `hcl` command): any stack's Terraform JSON (a
 * `cdk.tf.json`, whoever's app synthesized it) rendered by the package's HCL printer into `.tf`
 * files, in a directory of their own, written atomically. Terraform loads every `.tf` and
 * `.tf.json` of a directory, so the HCL never lands next to the JSON (everything would be defined
 * twice); and never inside the synth output, which the next synth replaces whole.
 *
 * Relative paths are taken from the process's working directory, as everywhere in the app.
 */
import * as fs from "fs";
import * as path from "path";
import { MediaConvertValidationError } from "../core/messages";
import { HclRenderError, renderHclFiles } from "../hcl";
import { OutputTarget, writeOutput } from "./atomic-output";

/** What `writeStackHcl` reads and where it writes. */
export interface StackHclOptions {
  /** A stack directory of a synth output (`cdktf.out/stacks/<stack>`, holding `cdk.tf.json`), or a `cdk.tf.json` itself. */
  readonly stack: string;
  /**
   * The directory for the `.tf` files: new, empty, or an earlier output of this function (its
   * files are replaced; Terraform's own files there, `.terraform/`, the lock file and local
   * state, are kept). Never a directory inside the synth output the stack is in.
   * @default - `hcl/<stack>` in the folder holding the synth output (or, for a stack outside one, in the working directory)
   */
  readonly out?: string;
  /**
   * A file holding the output of `terraform providers schema -json` (run after `terraform init`
   * where the stack is), for stacks with resources of providers other than AWS.
   * @default - the AWS provider's and Terraform's built-in provider's block tables only
   */
  readonly schemaFile?: string;
  /** Where `out` came from, for messages ("--out"). @default "the default" when `out` is not given, else "out" */
  readonly outGiven?: string;
}

/** What `writeStackHcl` wrote. */
export interface StackHclResult {
  /** The Terraform JSON file read. */
  readonly source: string;
  /** The directory written (as given, or the default). */
  readonly out: string;
  /** The `.tf` files written, sorted. */
  readonly files: readonly string[];
  /** What the user should know: a local backend path rebased, cdktf assets left where they are. */
  readonly notes: readonly string[];
}

/** The first line of every file written: how the directory is recognised as this function's earlier output. */
export const HCL_FILE_HEADER = "# Generated from Terraform JSON by mediaconvert-role-cdktf hcl: edit what synthesized the stack, then run it again.";

const STACK_FILE = "cdk.tf.json";
const EXAMPLE = "cdktf.out/stacks/<stack>";

/** Top-level keys of a Terraform JSON configuration (and cdktf's "//" metadata). */
const TOP_LEVEL_KEYS = new Set(["//", "terraform", "provider", "variable", "locals", "output", "module", "resource", "data", "import", "moved", "removed", "check", "ephemeral"]);

/** What Terraform keeps in a working directory (its data, the lock file, local state and workspaces): kept when the directory is written again. */
function isTerraformWorkingFile(name: string): boolean {
  return name === ".terraform" || name === ".terraform.lock.hcl" || name === "terraform.tfstate.d" || name.endsWith(".tfstate") || name.includes(".tfstate.");
}

const quote = (s: string) => JSON.stringify(s);

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function problem(message: string): MediaConvertValidationError {
  return new MediaConvertValidationError([message]);
}

/**
 * Where JSON text stops being JSON: the offset of the first character that does not fit the
 * grammar (Node's JSON.parse names it for some errors only), or -1 when it is JSON.
 */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const scalar = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r") i++;
  };
  const string = () => {
    for (i++; i < text.length && text[i] !== '"'; i++) {
      if (text[i] < " ") fail();
      if (text[i] === "\\") i++;
    }
    if (text[i] !== '"') fail();
    i++;
  };
  const value = (): void => {
    space();
    const open = text[i];
    if (open === "{" || open === "[") {
      const close = open === "{" ? "}" : "]";
      i++;
      space();
      if (text[i] === close) return void i++;
      for (;;) {
        if (open === "{") {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ":") fail();
          i++;
        }
        value();
        space();
        if (text[i] === close) return void i++;
        if (text[i] !== ",") fail();
        i++;
      }
    }
    if (open === '"') return string();
    scalar.lastIndex = i;
    const match = scalar.exec(text);
    if (!match) fail();
    i += match![0].length;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return -1;
  } catch (e) {
    if (typeof e === "number") return e;
    throw e;
  }
}

/** ` at line 3, column 5: Unexpected token '}'`, from Node's JSON.parse message and the text. */
function jsonErrorLocation(text: string, message: string): string {
  const reason = message.replace(/\s+/g, " ").replace(/ in JSON at position \d+.*$/, "").replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/, "");
  const position = /position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : jsonErrorOffset(text);
  if (offset < 0) return `: ${reason}`;
  const before = text.slice(0, offset);
  return ` at line ${before.split("\n").length}, column ${before.length - before.lastIndexOf("\n")}: ${reason}`;
}

/** Reads a JSON file; a file that cannot be read or parsed is a problem naming it, where, and `fix`. */
function readJson(file: string, what: string, fix: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw problem(`${what} ${quote(file)} cannot be read (${code ?? (e as Error).message}). ${fix}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw problem(`${what} ${quote(file)} is not valid JSON${jsonErrorLocation(text, (e as Error).message)}. ${fix}`);
  }
}

/** The stack's JSON file, from a stack directory or the file itself; problems say what was expected. */
function stackFile(stack: string): string {
  const stat = statOf(stack);
  if (!stat) throw problem(`Stack ${quote(stack)} does not exist. Give a stack directory of a synth output (such as ${EXAMPLE}) or the path of its ${STACK_FILE}.`);
  if (!stat.isDirectory()) return stack;
  const names = fs.readdirSync(stack);
  if (names.includes(STACK_FILE)) return path.join(stack, STACK_FILE);
  const stacksDir = path.join(stack, "stacks");
  if (names.includes("manifest.json") && statOf(stacksDir)?.isDirectory()) {
    const stacks = fs.readdirSync(stacksDir).filter((s) => fs.existsSync(path.join(stacksDir, s, STACK_FILE))).sort();
    const which = stacks.length === 0 ? `it holds no stack with a ${STACK_FILE}` : `give one of its stacks: ${stacks.map((s) => path.join(stack, "stacks", s)).join(", ")}`;
    throw problem(`${quote(stack)} is a synth output, not a stack: ${which}.`);
  }
  if (names.includes("cdk.tf")) {
    throw problem(`${quote(stack)} holds cdk.tf, a stack synthesized as HCL already (synth --hcl). The hcl command reads Terraform JSON: synthesize without --hcl, then give the stack directory.`);
  }
  throw problem(`${quote(stack)} holds no ${STACK_FILE}, so it is not a stack directory. Give a stack directory of a synth output (such as ${EXAMPLE}) or the path of a ${STACK_FILE}.`);
}

/** The synth output a stack's JSON file is in (`<outdir>/stacks/<stack>/cdk.tf.json`, with `<outdir>/manifest.json`). */
function synthOutputOf(file: string): string | undefined {
  const stacks = path.dirname(path.dirname(path.resolve(file)));
  if (path.basename(stacks) !== "stacks") return undefined;
  const outdir = path.dirname(stacks);
  return fs.existsSync(path.join(outdir, "manifest.json")) ? outdir : undefined;
}

function isInside(dir: string, parent: string): boolean {
  const rel = path.relative(parent, dir);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** The parsed stack: a Terraform JSON configuration, or a problem saying what was expected instead. */
function readStack(file: string): Record<string, unknown> {
  const fix = `Give a stack's ${STACK_FILE} as synth wrote it (${EXAMPLE}/${STACK_FILE}).`;
  const json = readJson(file, "Stack file", fix);
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw problem(`${quote(file)} is not a synthesized stack: expected a Terraform JSON configuration (an object of top-level blocks such as terraform, provider, resource, output), got ${Array.isArray(json) ? "an array" : JSON.stringify(json)}. ${fix}`);
  }
  const keys = Object.keys(json);
  const other = keys.filter((k) => !TOP_LEVEL_KEYS.has(k));
  if (other.length > 0) {
    throw problem(
      `${quote(file)} is not a synthesized stack: expected a Terraform JSON configuration (an object of top-level blocks such as terraform, provider, resource, output), but it has ${other.map(quote).join(", ")}. ${fix}`,
    );
  }
  if (keys.every((k) => k === "//")) throw problem(`${quote(file)} holds no Terraform configuration: there is nothing to write. ${fix}`);
  return json as Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The stack with its local backend's relative paths (`path`, `workspace_dir`) taken from `to`
 * instead of `from`: Terraform resolves them from the directory it runs in, and the state must
 * stay the file the stack used. Notes say what changed.
 */
function rebaseLocalBackend(config: Record<string, unknown>, from: string, to: string): { config: Record<string, unknown>; notes: string[] } {
  const notes: string[] = [];
  const rebase = (body: Record<string, unknown>): Record<string, unknown> => {
    const out = { ...body };
    for (const key of ["path", "workspace_dir"]) {
      const value = out[key];
      if (typeof value !== "string" || value.includes("${") || path.isAbsolute(value)) continue;
      const rebased = path.relative(to, path.resolve(from, value)).split(path.sep).join("/") || ".";
      if (rebased === value) continue;
      out[key] = rebased;
      notes.push(`the local backend's ${key} ${quote(value)} is written as ${quote(rebased)}, the same file from the new directory.`);
    }
    return out;
  };
  const each = <T>(value: T, f: (body: Record<string, unknown>) => Record<string, unknown>): T =>
    (Array.isArray(value) ? value.map((v) => (isRecord(v) ? f(v) : v)) : isRecord(value) ? f(value) : value) as T;
  const terraform = each(config.terraform, (t) => ({
    ...t,
    backend: each(t.backend, (b) => (b.local === undefined ? b : { ...b, local: each(b.local, rebase) })),
  }));
  return { config: config.terraform === undefined ? config : { ...config, terraform }, notes };
}

/** Which entries of an existing output directory this function did not write: not its `.tf` files, not Terraform's. */
function foreignEntry(dir: string): (names: readonly string[]) => string | undefined {
  const ours = (name: string): boolean => {
    if (isTerraformWorkingFile(name)) return true;
    if (!name.endsWith(".tf")) return false;
    const file = path.join(dir, name);
    return statOf(file)?.isFile() === true && fs.readFileSync(file, "utf8").split("\n")[0] === HCL_FILE_HEADER;
  };
  return (names) => names.find((name) => !ours(name));
}

/**
 * Writes `files` as the content of `dir`, atomically: filled in a temporary sibling, with
 * Terraform's working files of the old directory moved in, then swapped in whole. On any error
 * the old directory is left as it was.
 */
function replaceKeepingTerraformFiles(dir: string, files: Readonly<Record<string, string>>): void {
  const target = path.resolve(dir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(`${target}.tmp-`);
  fs.chmodSync(staging, 0o755);
  const moved: [from: string, to: string][] = [];
  const undo = () => {
    for (const [from, to] of moved.reverse()) fs.renameSync(to, from);
  };
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(staging, name), text);
    if (!fs.existsSync(target)) {
      fs.renameSync(staging, target);
      return;
    }
    for (const name of fs.readdirSync(target).filter(isTerraformWorkingFile)) {
      fs.renameSync(path.join(target, name), path.join(staging, name));
      moved.push([path.join(target, name), path.join(staging, name)]);
    }
    const old = `${target}.old-${process.pid}`;
    fs.renameSync(target, old);
    try {
      fs.renameSync(staging, target);
    } catch (e) {
      fs.renameSync(old, target);
      throw e;
    }
    fs.rmSync(old, { recursive: true, force: true });
  } catch (e) {
    undo();
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Reads a synthesized stack (`cdk.tf.json`) and writes it as HCL, `.tf` files in the layout of
 * terraform-aws-modules (versions.tf, main.tf, outputs.tf, variables.tf; see `renderHclFiles` of
 * the `./hcl` entry), each opening with HCL_FILE_HEADER. A local backend's relative state path is
 * rebased onto the output directory, so that Terraform there uses the stack's state file. Throws a MediaConvertValidationError,
 * having written nothing, when the stack, the schema or the output directory is not usable, or
 * when the stack holds what the printer cannot render faithfully.
 */
export function writeStackHcl(options: StackHclOptions): StackHclResult {
  const source = stackFile(options.stack);
  const config = readStack(source);
  const schemaFix = "Run terraform init, then terraform providers schema -json > schema.json, where the stack is, and give that file.";
  const providerSchema = options.schemaFile === undefined ? undefined : readJson(options.schemaFile, "Provider schema file", schemaFix);
  const schemas = (providerSchema as { provider_schemas?: unknown } | undefined)?.provider_schemas;
  if (options.schemaFile !== undefined && (typeof schemas !== "object" || schemas === null || Array.isArray(schemas))) {
    throw problem(`Provider schema file ${quote(options.schemaFile)} is not the output of terraform providers schema -json: it has no "provider_schemas" object. ${schemaFix}`);
  }
  const synthOutput = synthOutputOf(source);
  const name = path.basename(path.dirname(path.resolve(source)));
  const out = options.out ?? path.relative(process.cwd(), path.join(synthOutput === undefined ? process.cwd() : path.dirname(synthOutput), "hcl", name));
  const given = options.outGiven ?? (options.out === undefined ? "the default" : "out");
  if (synthOutput !== undefined && isInside(path.resolve(out), synthOutput)) {
    const suggestion = path.relative(process.cwd(), path.join(path.dirname(synthOutput), "hcl", name));
    throw problem(
      `Output directory ${quote(out)} (${given}) is inside the synth output ${quote(path.relative(process.cwd(), synthOutput) || ".")}, which the next synth replaces whole. Give a directory outside it, such as ${suggestion}.`,
    );
  }
  const stackDir = path.dirname(path.resolve(source));
  const { config: rebased, notes } = rebaseLocalBackend(config, stackDir, path.resolve(out));
  if (fs.existsSync(path.join(stackDir, "assets"))) {
    notes.push(
      `${quote(path.join(path.dirname(source), "assets"))} (cdktf assets) is not copied: the configuration refers to it by relative paths, so copy it next to the .tf files before running Terraform there.`,
    );
  }
  let rendered: Record<string, string>;
  try {
    rendered = renderHclFiles(rebased, { providerSchema });
  } catch (e) {
    if (e instanceof HclRenderError) throw problem(`${source}: ${e.message}`);
    throw e;
  }
  const files = Object.fromEntries(Object.entries(rendered).map(([file, text]) => [file, `${HCL_FILE_HEADER}\n\n${text}`]));
  const target: OutputTarget = { dir: out, given, writer: "hcl", foreignEntry: foreignEntry(out) };
  writeOutput(target, () => replaceKeepingTerraformFiles(out, files));
  return { source, out, files: Object.keys(files).sort(), notes };
}
