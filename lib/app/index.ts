/**
 * The config-file app (the package's `./app` entry): a JSON config, validated, synthesized into
 * stacks on disk atomically, with a permissions report per stack; any synthesized stack written
 * as HCL (`writeStackHcl`, the `hcl` command); and what the `derive` and `verify` commands do,
 * with the job document reader they share.
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

// derive: job documents to the scoped role entry that grants what they need (docs/derive.md).
export { DeriveError, deriveRole } from "./derive";
export type { DeriveOptions, DeriveResult } from "./derive";
export { deriveRoleProps } from "./derive-props";
export type { DeriveRoleOptions, DerivedRole, RoleChange, Widening } from "./derive-props";

// verify: whether a role lets job documents run, from the config or the deployed role (docs/verify.md).
export { formatReport, LIVE_ACTIONS, verifyAgainstConfig, verifyLive, VerifyLiveError, VerifyUsageError } from "./verify";
export type { AccessCheck, CheckResult, EntryVerdict, UndecidableReport, VerifiedRole, VerifyOptions, VerifyReport } from "./verify";

// The jobs layer derive and verify read with: job documents (files, or the account's recent jobs) to the accesses they need.
export { ACCOUNT_READ_ACTIONS, AccountReadError, extractAccesses, JobDocumentError, readAccountDocuments, readJobDocuments } from "../jobs";
export type { Access, AccessOrigin, AccessReport, AccountReadOptions, EntryAccesses, ExtractOptions, JobDocuments, JobEntry, Note, Undecidable } from "../jobs";
