/**
 * The config-file app (the package's `./app` entry): a JSON config, validated, synthesized into
 * stacks on disk atomically, with a permissions report per stack.
 */
export { ConfigError } from "./messages";
export { ConfigSchema, configJsonSchema, loadConfig, parseConfig } from "./config";
export type { Config, ConfigOrigin, RoleConfig, StackConfig } from "./config";
export { CONFIG_FILE_NAME, DEFAULT_CONFIG, resolveConfig } from "./config-source";
export { buildApp, synthesizeConfig } from "./synth";
export type { StackSummary, SynthesizeOptions } from "./synth";
export { DEPLOYER_POLICY_FILE } from "./synth";
