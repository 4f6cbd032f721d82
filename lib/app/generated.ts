/**
 * The generated files committed to the repository: the Terraform module, the config's JSON
 * Schema, the props interface `lib/core/role-props.ts`, and the docs' tables. `npm run synth`
 * rewrites them when the sources changed; `npm run check:generated` compares them. Their
 * generators (zod, the module) load only when they are needed. The AWS provider's block table of
 * the HCL printer (lib/hcl/aws-blocks.generated.ts) is read from the provider's schema with
 * Terraform, so `npm run check:generated` alone makes and compares it.
 */
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeDirectory, writeFileAtomically } from "./atomic-output";
import { packageManifest } from "./project-root";
import { PROPS_SOURCE_FILE, propsSource } from "./props-source";
import { DOC_TABLE_FILES, withGeneratedTables } from "./doc-tables";

export const SCHEMA_FILE = "mediaconvert.config.schema.json";
export const MODULE_DIR = "modules/mediaconvert-role";

/** The config's JSON Schema as the committed file holds it (and `mediaconvert-role-cdktf schema` prints it). */
export function configSchemaText(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { configJsonSchema } = require("./config") as typeof import("./config");
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

/** The files of the Terraform module, by path relative to the module's directory. */
export function terraformModuleFiles(): Record<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { moduleFiles } = require("../module") as typeof import("../module");
  return moduleFiles();
}

/** The repository root: the package's own directory, when it is a checkout (it has the sources). */
function repositoryRoot(): string | undefined {
  const { dir } = packageManifest();
  return fs.existsSync(path.join(dir, PROPS_SOURCE_FILE)) ? dir : undefined;
}

/**
 * Every generated file, by path relative to the repository root: the schema, the module, the
 * props interface, and the docs that hold generated tables (those the root holds).
 */
export function generatedFiles(root: string | undefined = repositoryRoot()): Record<string, string> {
  const files: Record<string, string> = { [SCHEMA_FILE]: configSchemaText(), [PROPS_SOURCE_FILE]: propsSource() };
  for (const [name, content] of Object.entries(terraformModuleFiles())) files[path.posix.join(MODULE_DIR, name)] = content;
  for (const doc of DOC_TABLE_FILES) {
    const file = root === undefined ? undefined : path.join(root, doc);
    if (file !== undefined && fs.existsSync(file)) files[doc] = withGeneratedTables(fs.readFileSync(file, "utf8"));
  }
  return files;
}

/**
 * Rewrites the generated files under `root` when one of them differs from what the code
 * generates now (or is missing). Returns whether it wrote.
 */
export function writeGeneratedFiles(root: string): boolean {
  const files = generatedFiles(root);
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined);
  if (Object.entries(files).every(([name, content]) => read(path.join(root, name)) === content)) return false;

  const prefix = `${MODULE_DIR}/`;
  const moduleFiles = Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, content]) => [name.slice(prefix.length), content]),
  );
  writeDirectory(path.join(root, MODULE_DIR), moduleFiles);
  for (const name of [SCHEMA_FILE, PROPS_SOURCE_FILE, ...DOC_TABLE_FILES]) {
    if (files[name] !== undefined) writeFileAtomically(path.join(root, name), files[name]);
  }
  return true;
}

/** The committed generated files and folders under `root` (the module's folder with everything in it). */
function generatedPaths(root: string): string[] {
  const walk = (file: string): string[] =>
    fs.statSync(file).isDirectory() ? [file, ...fs.readdirSync(file).flatMap((name) => walk(path.join(file, name)))] : [file];
  return [...walk(path.join(root, MODULE_DIR)), ...[SCHEMA_FILE, PROPS_SOURCE_FILE, ...DOC_TABLE_FILES].map((f) => path.join(root, f))];
}

/**
 * Whether the generated files under `root` were found current (`stamp` written then) since the
 * code was last built (`builtAt`, the build's info file) and none of them changed since: then
 * `npm run synth` need not load the generators to compare them.
 */
export function generatedStillCurrent(root: string, stamp: string, builtAt: string): boolean {
  try {
    const checked = fs.statSync(stamp).mtimeMs;
    return checked >= fs.statSync(builtAt).mtimeMs && generatedPaths(root).every((file) => fs.statSync(file).mtimeMs <= checked);
  } catch {
    return false;
  }
}

/** The AWS provider version whose schema the HCL printer's block table is read from (that of @cdktf/provider-aws 20.x). */
export const AWS_BLOCKS_PROVIDER_VERSION = "5.100.0";

/** Where the HCL printer's AWS block table is committed, relative to the project root. */
export const AWS_BLOCKS_FILE = "lib/hcl/aws-blocks.generated.ts";

/**
 * The text of lib/hcl/aws-blocks.generated.ts, from the AWS provider's schema: `terraform init`
 * of the provider in a temporary directory (installed as the CLI config `cliConfigFile` says),
 * then `terraform providers schema -json` (about 5 CPU-seconds). A release of the provider never
 * changes, so the text depends only on its version and on the generator (lib/hcl/schema.ts): it is
 * kept in `cacheFile` with a hash of both, and made again only when one of them changed.
 */
export function awsBlocksFileText(cliConfigFile: string, cacheFile: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { awsBlocksSource } = require("../hcl/schema") as typeof import("../hcl/schema");
  const generator = fs.readFileSync(require.resolve("../hcl/schema"), "utf8");
  const key = createHash("sha256").update(`${AWS_BLOCKS_PROVIDER_VERSION}\0${generator}`).digest("hex");
  try {
    const cached = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as { key?: string; text?: unknown };
    if (cached.key === key && typeof cached.text === "string") return cached.text;
  } catch {
    // No cache yet, or an unreadable one: Terraform runs.
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-blocks-"));
  let text: string;
  try {
    const requirement = { source: "hashicorp/aws", version: AWS_BLOCKS_PROVIDER_VERSION };
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: requirement } } }));
    const env = { GOGC: "200", ...process.env, TF_CLI_CONFIG_FILE: cliConfigFile, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
    const run = (args: string[]) => execFileSync("terraform", args, { cwd: dir, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
    run(["init", "-input=false", "-no-color"]);
    text = awsBlocksSource(JSON.parse(run(["providers", "schema", "-json"])), AWS_BLOCKS_PROVIDER_VERSION);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  const temporary = `${cacheFile}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify({ key, text }));
  fs.renameSync(temporary, cacheFile);
  return text;
}
