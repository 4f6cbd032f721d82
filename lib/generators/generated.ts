/**
 * The generated files committed to the repository: the Terraform module and the config's JSON
 * Schema. `npm run synth` rewrites them when the sources changed; `npm run check:generated`
 * compares them. Their generators (a second cdktf app, zod) load only when they are needed.
 */
import * as fs from "fs";
import * as path from "path";
import { writeDirectory, writeFileAtomically } from "../app/atomic-output";
import { README_FILE, withGeneratedTables } from "./readme-tables";

export const SCHEMA_FILE = "mediaconvert.config.schema.json";
export const MODULE_DIR = "modules/mediaconvert-role";

/** The config's JSON Schema as the committed file holds it (and `mediaconvert-role-cdktf schema` prints it). */
export function configSchemaText(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { configJsonSchema } = require("../app/config") as typeof import("../app/config");
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

/** The files of the Terraform module, by path relative to the module's directory. */
export function terraformModuleFiles(): Record<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { moduleFiles } = require("./module") as typeof import("./module");
  return moduleFiles();
}

/** The project root: the nearest folder up from here whose package.json is this package's. */
function projectRoot(): string | undefined {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === "mediaconvert-role-cdktf") return dir;
  }
  return undefined;
}

/**
 * Every generated file, by path relative to the project root: the schema, the module, and the
 * README with its generated tables (when the project root holds one).
 */
export function generatedFiles(root: string | undefined = projectRoot()): Record<string, string> {
  const files: Record<string, string> = { [SCHEMA_FILE]: configSchemaText() };
  for (const [name, content] of Object.entries(terraformModuleFiles())) files[path.posix.join(MODULE_DIR, name)] = content;
  const readme = root === undefined ? undefined : path.join(root, README_FILE);
  if (readme !== undefined && fs.existsSync(readme)) files[README_FILE] = withGeneratedTables(fs.readFileSync(readme, "utf8"));
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
  writeFileAtomically(path.join(root, SCHEMA_FILE), files[SCHEMA_FILE]);
  if (files[README_FILE] !== undefined) writeFileAtomically(path.join(root, README_FILE), files[README_FILE]);
  return true;
}
