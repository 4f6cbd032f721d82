/**
 * The config-file app (the package's `./app` entry): a JSON config, validated, synthesized into
 * stacks on disk atomically, with a permissions report per stack; and any synthesized stack
 * written as HCL (`writeStackHcl`, the `hcl` command).
 */
export { ConfigError } from "./messages";
export { ConfigSchema, configJsonSchema, loadConfig, parseConfig } from "./config";
export type { Config, ConfigOrigin, RoleConfig, StackConfig } from "./config";
export { CONFIG_FILE_NAME, DEFAULT_CONFIG, resolveConfig } from "./config-source";
export { buildApp, synthesizeConfig } from "./synth";
export type { StackSummary, SynthesizeOptions } from "./synth";
export { DEPLOYER_POLICY_FILE } from "./synth";
export { HCL_FILE_HEADER, writeStackHcl } from "./hcl-output";
export type { StackHclOptions, StackHclResult } from "./hcl-output";
