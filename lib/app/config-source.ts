/**
 * Which config to synthesize: the file named by `MEDIACONVERT_CONFIG`, else
 * `mediaconvert.config.json` at the project root, else the built-in default. The schema (zod) is
 * loaded only when there is a file to read, so the default synth does not pay for it.
 */
import * as fs from "fs";
import * as path from "path";
import type { Config, ConfigOrigin } from "./config";
import { ConfigError } from "./messages";
import { checkRegion } from "../core/rules";
import { defaultRegion } from "../core/regions";
import { CONFIG_FILE_NAME, projectRoot } from "./project-root";

/** The built-in default: one stack `mediaconvert` with the console-equivalent role. */
export const DEFAULT_CONFIG: Config = { stacks: [{ name: "mediaconvert", roles: [{}] }] };

export { CONFIG_FILE_NAME, projectRoot };

/** Reads a config file with the schema module, required only now (it loads zod). */
function load(file: string, env: NodeJS.ProcessEnv, origin: ConfigOrigin): Config {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadConfig } = require("./config") as typeof import("./config");
  return loadConfig(file, env, origin);
}

/**
 * Picks and loads the config: `file` (the CLI's `--config`) when given, else as described above,
 * with the project root searched upwards from `start`. `source` says which, for messages.
 */
export function resolveConfig(env: NodeJS.ProcessEnv, start: string, file?: string): { config: Config; source: string } {
  if (file !== undefined) return { config: load(file, env, "option"), source: file };
  const fromEnv = env.MEDIACONVERT_CONFIG;
  if (fromEnv !== undefined && fromEnv !== "") return { config: load(fromEnv, env, "environment"), source: fromEnv };
  const atRoot = path.join(projectRoot(start), CONFIG_FILE_NAME);
  if (fs.existsSync(atRoot)) {
    const shown = path.relative(process.cwd(), atRoot);
    return { config: load(shown, env, "project"), source: shown };
  }
  const problems = checkRegion(defaultRegion(env));
  if (problems.length > 0) throw new ConfigError("AWS_REGION", problems);
  return { config: DEFAULT_CONFIG, source: "the built-in default" };
}
