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

/** Reads a config file (`shown` as messages name it) with the schema module, required only now (it loads zod). */
function load(file: string, shown: string, env: NodeJS.ProcessEnv, origin: ConfigOrigin): Config {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadConfig } = require("./config") as typeof import("./config");
  return loadConfig(file, env, origin, shown);
}

/**
 * Picks and loads the config: `file` (the CLI's `--config`) when given, else as described above,
 * with the project root searched upwards from `start`. `source` says which, for messages.
 */
export function resolveConfig(env: NodeJS.ProcessEnv, start: string, file?: string): ResolvedConfig {
  // Relative paths (the option, the variable) are relative to `start`, the working directory.
  const fromFile = (name: string, origin: ConfigOrigin): ResolvedConfig => ({
    config: load(path.resolve(start, name), name, env, origin),
    source: name,
    baseDir: path.dirname(path.resolve(start, name)),
  });
  if (file !== undefined) return fromFile(file, "option");
  const fromEnv = env.MEDIACONVERT_CONFIG;
  if (fromEnv !== undefined && fromEnv !== "") return fromFile(fromEnv, "environment");
  const root = projectRoot(start);
  const atRoot = path.join(root, CONFIG_FILE_NAME);
  if (fs.existsSync(atRoot)) return fromFile(path.relative(start, atRoot), "project");
  const problems = checkRegion(defaultRegion(env));
  if (problems.length > 0) throw new ConfigError("AWS_REGION", problems);
  return { config: DEFAULT_CONFIG, source: "the built-in default", baseDir: root };
}

/** A config, where it came from (for messages), and the directory its relative paths are relative to. */
export interface ResolvedConfig {
  readonly config: Config;
  readonly source: string;
  /** The config file's directory (the project root for the built-in default): local state files are kept there. */
  readonly baseDir: string;
}
