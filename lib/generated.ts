/**
 * The generated files committed to the repository: the Terraform module and the config's JSON
 * Schema. `npm run synth` rewrites them; `npm run check:generated` compares them.
 */
import * as path from "path";
import { configJsonSchema } from "./config";
import { MODULE_DIR, moduleFiles } from "./module";

export const SCHEMA_FILE = "mediaconvert.config.schema.json";

/** Every generated file, by path relative to the project root. */
export function generatedFiles(): Record<string, string> {
  const files: Record<string, string> = {
    [SCHEMA_FILE]: `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
  };
  for (const [name, content] of Object.entries(moduleFiles())) files[path.posix.join(MODULE_DIR, name)] = content;
  return files;
}
