/**
 * From a validated config to synthesized stacks on disk, atomically: the app writes into a
 * temporary directory next to the output directory and swaps it in only when everything worked.
 */
import * as fs from "fs";
import * as path from "path";
import { App, DefaultTokenResolver, StringConcat, Tokenization } from "../core/engine";
import type { Config } from "./config";
import { adoptionNote, MediaConvertValidationError } from "../core/errors";
import { permissionsReport } from "./permissions-report";
import type { RolePermissions } from "../core/role";
import { MediaConvertStack } from "../core/stack";
import { replaceAtomically } from "./atomic-output";

/**
 * Builds the cdktf app for a config: one MediaConvertStack per config stack. `skipValidation`
 * is for callers that run the constructs' validations themselves (synthesizeConfig does, to
 * report every problem at once), so that `app.synth()` does not run them again.
 */
export function buildApp(
  config: Config,
  outdir: string,
  options: { readonly skipValidation?: boolean } = {},
): { app: App; stacks: MediaConvertStack[] } {
  const app = new App({ outdir, stackTraces: false, skipValidation: options.skipValidation });
  const stacks = config.stacks.map(
    (s) => new MediaConvertStack(app, s.name, { region: s.region, accountId: s.accountId, backend: s.backend, roles: s.roles }),
  );
  return { app, stacks };
}

/** What one synthesized stack holds, for the summary line. */
export interface StackSummary {
  readonly name: string;
  readonly region: string;
  readonly roleNames: readonly string[];
  readonly file: string;
  readonly warnings: readonly string[];
  /** One note per adopted role (`adopt`): what the plan imports and what happens to policies made by hand. */
  readonly adoptions: readonly string[];
}

/** Options of `synthesizeConfig`. */
export interface SynthesizeOptions {
  /**
   * Writes each stack as HCL: `cdk.tf`, rendered from the synthesized Terraform JSON by this
   * function, in place of `cdk.tf.json` (the generators layer provides it: `renderHcl`).
   * @default - Terraform JSON (`cdk.tf.json`)
   */
  readonly renderHcl?: (terraformJson: Readonly<Record<string, unknown>>) => string;
}

/** The file a stack is written to, by format. */
const JSON_STACK_FILE = "cdk.tf.json";
const HCL_STACK_FILE = "cdk.tf";

/**
 * Synthesizes `config` into `outdir`. On any error the previous `outdir` is left exactly as it
 * was and the temporary directory is removed.
 */
export function synthesizeConfig(config: Config, outdir: string, options: SynthesizeOptions = {}): StackSummary[] {
  return replaceAtomically(outdir, (staging) => {
    const { app, stacks } = buildApp(config, staging, { skipValidation: true });
    const problems = app.node
      .findAll()
      .flatMap((c) => c.node.validate().map((message) => `${c.node.path}: ${message}`));
    if (problems.length > 0) throw new MediaConvertValidationError(problems);
    app.synth();
    for (const stack of stacks) {
      const resolver = new DefaultTokenResolver(new StringConcat());
      const permissions = stack.roles.map((r) => Tokenization.resolve(r.permissions, { scope: stack, resolver }) as RolePermissions);
      const report = permissionsReport(stack.node.id, stack.region, stack.accountId, permissions);
      fs.writeFileSync(path.join(staging, "stacks", stack.node.id, "permissions.md"), report);
    }
    if (options.renderHcl) writeHcl(staging, options.renderHcl);
    return stacks.map((stack) => summarize(stack, outdir, options.renderHcl ? HCL_STACK_FILE : JSON_STACK_FILE));
  });
}

/**
 * Replaces each stack's `cdk.tf.json` in `staging` by `cdk.tf` and points the manifest at it. As
 * with cdktf's own HCL output, `metadata.json` keeps what the cdktf CLI reads from a stack (its
 * `"//"` metadata and `terraform` settings), so `cdktf synth --hcl` works on this output too.
 */
function writeHcl(staging: string, renderHcl: NonNullable<SynthesizeOptions["renderHcl"]>): void {
  const manifestFile = path.join(staging, "manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as {
    stacks: Record<string, { synthesizedStackPath: string; stackMetadataPath: string }>;
  };
  for (const stack of Object.values(manifest.stacks)) {
    const jsonFile = path.join(staging, stack.synthesizedStackPath);
    const terraformJson = JSON.parse(fs.readFileSync(jsonFile, "utf8")) as Record<string, unknown>;
    const hclPath = path.join(path.dirname(stack.synthesizedStackPath), HCL_STACK_FILE);
    fs.writeFileSync(path.join(staging, hclPath), renderHcl(terraformJson));
    const metadata = { "//": terraformJson["//"], terraform: terraformJson.terraform };
    fs.writeFileSync(path.join(staging, stack.stackMetadataPath), `${JSON.stringify(metadata, null, 2)}\n`);
    fs.rmSync(jsonFile);
    stack.synthesizedStackPath = hclPath;
  }
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
}

function summarize(stack: MediaConvertStack, outdir: string, stackFile: string): StackSummary {
  return {
    name: stack.node.id,
    region: stack.region,
    roleNames: stack.roles.map((r) => r.roleName),
    adoptions: stack.roles.flatMap((r) => {
      const { adoption, inlinePolicy } = r.permissions;
      return adoption ? [adoptionNote(r.roleName, adoption.imports.length, adoption.exclusiveAttachments, inlinePolicy?.name)] : [];
    }),
    file: path.join(outdir, "stacks", stack.node.id, stackFile),
    warnings: stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => `${c.node.path}: ${String(m.data)}`)),
  };
}
