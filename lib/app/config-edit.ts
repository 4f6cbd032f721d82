/**
 * Editing the config file, for the commands that write role entries into it (`adopt`, `derive`):
 * read the file as it is (validated first, so that no command builds on a broken file), find a
 * stack and a role entry by name, add the stack when it is missing, validate the edited config
 * as a whole, and replace the file atomically. Nothing here loads cdktf or the AWS SDK.
 */
import * as fs from "fs";
import * as path from "path";
import { quote } from "../core/messages";
import { DEFAULT_ROLE_NAME } from "../core/rules";
import { writeFileAtomically } from "./atomic-output";
import { Config, formatPath, loadConfig, parseConfig } from "./config";
import { ConfigError } from "./messages";
import { CONFIG_FILE_NAME, projectRoot } from "./project-root";

/**
 * The config file a command edits: `option` (its --config), else MEDIACONVERT_CONFIG, else
 * mediaconvert.config.json at the project root (as synth picks it), relative to `cwd`.
 */
export function configFileToEdit(option: string | undefined, cwd: string, env: NodeJS.ProcessEnv): string {
  if (option !== undefined) return option;
  const fromEnv = env.MEDIACONVERT_CONFIG;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  return path.relative(cwd, path.join(projectRoot(cwd), CONFIG_FILE_NAME)) || CONFIG_FILE_NAME;
}

/** A JSON object of the config file, as read (not yet validated as a whole after an edit). */
export type ConfigJson = Record<string, unknown>;

/** The value as an object; anything else as an empty one. */
export const asRecord = (v: unknown): ConfigJson => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as ConfigJson) : {});

/** The value as a list: a list as it is, nothing as empty, one value as a list of one. */
export const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The config file's JSON, validated as it is (so that an edit never builds on a broken file), or none when it does not exist. */
export function readConfigJson(file: string, env: NodeJS.ProcessEnv): ConfigJson | undefined {
  if (!fs.existsSync(file)) return undefined;
  loadConfig(file, env, "project");
  return asRecord(JSON.parse(fs.readFileSync(file, "utf8")));
}

/** A role entry found in the config. */
export interface FoundRoleEntry {
  readonly stackIndex: number;
  readonly roleIndex: number;
  /** The entry's JSON, as in the file. */
  readonly entry: ConfigJson;
  /** The entry's role name as written (the default role's name when it names none). */
  readonly name: string;
  /** `stacks[0].roles[1]`. */
  readonly path: string;
}

/** The entry of stack `stackName` whose role name is `roleName`, compared as IAM does (not case-sensitive). */
export function findRoleEntry(data: ConfigJson, stackName: string, roleName: string): FoundRoleEntry | undefined {
  const stacks = asList(data.stacks).map(asRecord);
  for (let s = 0; s < stacks.length; s++) {
    if (stacks[s].name !== stackName) continue;
    const roles = asList(stacks[s].roles).map(asRecord);
    for (let r = 0; r < roles.length; r++) {
      const name = typeof roles[r].roleName === "string" ? (roles[r].roleName as string) : DEFAULT_ROLE_NAME;
      if (name.toLowerCase() === roleName.toLowerCase()) {
        return { stackIndex: s, roleIndex: r, entry: roles[r], name, path: formatPath(["stacks", s, "roles", r]) };
      }
    }
  }
  return undefined;
}

/** What {@link stackForEdit} found or added. */
export interface StackForEdit {
  /** The stack's JSON, inside `data`: edits to it are edits to `data`. */
  readonly stack: ConfigJson;
  readonly index: number;
  /** True when the stack was added. */
  readonly created: boolean;
}

/** The stack named `name` in `data`, or a new one made by `create` and appended to `data.stacks`. */
export function stackForEdit(data: ConfigJson, name: string, create: () => ConfigJson): StackForEdit {
  const stacks = asList(data.stacks).map(asRecord);
  data.stacks = stacks;
  const index = stacks.findIndex((s) => s.name === name);
  if (index >= 0) return { stack: stacks[index], index, created: false };
  const stack = create();
  stacks.push(stack);
  return { stack, index: stacks.length - 1, created: true };
}

/**
 * Validates the edited config as a whole, as synth would read it. A problem is reported with the
 * file and JSON path, followed by `(in the config <what>; nothing was written)`, e.g. `what` =
 * `adopt would write for role "MediaConvert_Default_Role"`.
 */
export function checkEditedConfig(data: ConfigJson, file: string, env: NodeJS.ProcessEnv, what: string): Config {
  try {
    return parseConfig(data, file, env);
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(file, e.problems.map((p) => `${p} (in the config ${what}; nothing was written)`));
    throw e;
  }
}

/** `adopt would write for role "<name>"`: the `what` of {@link checkEditedConfig}. */
export const writtenBy = (command: string, roleName: string): string => `${command} would write for role ${quote(roleName)}`;

/** Replaces the config file atomically with `data`, formatted as the commands write it (two-space indent, final newline). */
export function writeConfigJson(file: string, data: ConfigJson): void {
  writeFileAtomically(file, configText(data));
}

/** The text the commands write for `data`. */
export function configText(data: ConfigJson): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
