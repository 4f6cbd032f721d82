/**
 * From a validated config to synthesized stacks on disk, atomically: the app writes into a
 * temporary directory next to the output directory and swaps it in only when everything worked.
 */
import * as fs from "fs";
import * as path from "path";
import { App, DefaultTokenResolver, StringConcat, Tokenization } from "../core/engine";
import type { BackendConfig } from "../core/backend";
import type { Config } from "./config";
import { MediaConvertValidationError } from "../core/messages";
import { adoptionNote } from "./messages";
import { permissionsReport } from "./permissions-report";
import { RESOURCE_POLICIES_FILE, resourcePoliciesText, stackResourcePolicies } from "./resource-policies-file";
import type { RolePermissions } from "../core/role";
import { MediaConvertStack } from "../core/stack";
import { irreplaceable, LeftStacks, OutputTarget, replaceAtomically } from "./atomic-output";
import { removedStack, removedStackKept } from "./messages";
import type { PolicyDocument } from "../core/policy-document";

/** The deployer's policy, written next to each stack's JSON. */
export const DEPLOYER_POLICY_FILE = "deployer-policy.json";

/** The permissions report, written next to each stack's JSON. */
export const PERMISSIONS_FILE = "permissions.md";

/** Options of `buildApp`. */
export interface BuildOptions {
  /** For callers that run the constructs' validations themselves (synthesizeConfig does, to report every problem at once). */
  readonly skipValidation?: boolean;
  /**
   * The directory the config's relative paths are relative to (its own): local state files are
   * kept there (`terraform.<stack>.tfstate`, or the backend's `path`).
   * @default - the directory that holds the output directory (the constructs' default)
   */
  readonly baseDir?: string;
}

/** A stack's backend, with a local state file anchored at `baseDir` when given. */
function anchoredBackend(name: string, backend: BackendConfig | undefined, baseDir: string | undefined): BackendConfig | undefined {
  if (baseDir === undefined || (backend !== undefined && backend.type !== "local")) return backend;
  return { type: "local", path: path.resolve(baseDir, backend?.path ?? `terraform.${name}.tfstate`) };
}

/** Builds the cdktf app for a config: one MediaConvertStack per config stack. */
export function buildApp(config: Config, outdir: string, options: BuildOptions = {}): { app: App; stacks: MediaConvertStack[] } {
  const app = new App({ outdir, stackTraces: false, skipValidation: options.skipValidation });
  const stacks = config.stacks.map(
    (s) =>
      new MediaConvertStack(app, s.name, {
        region: s.region,
        accountId: s.accountId,
        backend: anchoredBackend(s.name, s.backend, options.baseDir),
        assumeRole: s.assumeRole,
        defaultTags: s.defaultTags,
        roles: s.roles,
      }),
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
   * Writes each stack as HCL: `cdk.tf`, rendered from the synthesized Terraform JSON by the
   * package's HCL printer (`renderHcl` of the `./hcl` entry), in place of `cdk.tf.json`, with a
   * `metadata.json` for the cdktf CLI (see docs/hcl.md).
   * @default false
   */
  readonly hcl?: boolean;
  /** The directory of the config file, where local state is kept (see BuildOptions.baseDir). */
  readonly baseDir?: string;
  /** The output directory as summaries and notices show it (as the user gave it). @default - `outdir` */
  readonly shownOutdir?: string;
  /**
   * Hears what synth has to say beyond the summaries: stacks of the previous output that are no
   * longer in the config (their resources may still exist in AWS).
   * @default - each message on stderr, after "Warning: "
   */
  readonly notify?: (message: string) => void;
}

/** The file a stack is written to, by format. */
const JSON_STACK_FILE = "cdk.tf.json";
const HCL_STACK_FILE = "cdk.tf";

/**
 * Synthesizes `config` into `outdir`. A stack directory of the previous output whose stack is
 * gone from the config is reported through `notify`; it is kept, as it was, when it holds
 * Terraform state or `.terraform/`, and removed otherwise. On any error the previous `outdir` is left exactly as it
 * was and the temporary directory is removed.
 */
export function synthesizeConfig(config: Config, outdir: string, options: SynthesizeOptions = {}): StackSummary[] {
  const notify = options.notify ?? ((message: string) => console.error(`Warning: ${message}`));
  const reportLeftStacks = (left: LeftStacks): void => {
    const dirOf = (name: string) => path.join(options.shownOutdir ?? outdir, "stacks", name);
    for (const name of left.removed) notify(removedStack(name, dirOf(name)));
    for (const { name, holds } of left.kept) notify(removedStackKept(name, dirOf(name), holds));
  };
  // The stacks of the output this run replaces: only those may be removed with it.
  const previous = fs.existsSync(outdir) ? (earlierOutput(outdir) ?? []) : [];
  return replaceAtomically(outdir, (staging) => {
    const { app, stacks } = buildApp(config, staging, { skipValidation: true, baseDir: options.baseDir });
    const problems = app.node
      .findAll()
      .flatMap((c) => c.node.validate().map((message) => `${c.node.path}: ${message}`));
    if (problems.length > 0) throw new MediaConvertValidationError(problems);
    app.synth();
    for (const stack of stacks) {
      const resolver = new DefaultTokenResolver(new StringConcat());
      const permissions = stack.roles.map((r) => Tokenization.resolve(r.permissions, { scope: stack, resolver }) as RolePermissions);
      const deployer = Tokenization.resolve(stack.deployerPolicy(), { scope: stack, resolver }) as PolicyDocument;
      const report = permissionsReport(stack.node.id, stack.region, stack.accountId, permissions, {
        policy: deployer,
        assumedRoleArn: stack.assumeRole?.roleArn,
      });
      fs.writeFileSync(path.join(staging, "stacks", stack.node.id, PERMISSIONS_FILE), report);
      fs.writeFileSync(path.join(staging, "stacks", stack.node.id, DEPLOYER_POLICY_FILE), `${JSON.stringify(deployer, null, 2)}\n`);
      fs.writeFileSync(path.join(staging, "stacks", stack.node.id, RESOURCE_POLICIES_FILE), resourcePoliciesText(stackResourcePolicies(permissions)));
    }
    if (options.hcl) writeHcl(staging);
    // The stacks synth answers for: those it wrote, and those of its earlier output that it keeps for their state.
    const written = stacks.map((stack) => stack.node.id);
    const kept = previous.filter((name) => !written.includes(name) && fs.existsSync(path.join(outdir, "stacks", name)) && irreplaceable(path.join(outdir, "stacks", name)).length > 0);
    const marker: OutputMarker = { writtenBy: OUTPUT_WRITER, stacks: [...written, ...kept] };
    fs.writeFileSync(path.join(staging, OUTPUT_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    return stacks.map((stack) => summarize(stack, options.shownOutdir ?? outdir, options.hcl ? HCL_STACK_FILE : JSON_STACK_FILE));
  }, reportLeftStacks, (name) => previous.includes(name));
}

/** The file that marks a directory as synth's output, and names the stacks synth wrote there. */
export const OUTPUT_MARKER = ".mediaconvert-role.json";

const OUTPUT_WRITER = "mediaconvert-role synth";

interface OutputMarker {
  readonly writtenBy: typeof OUTPUT_WRITER;
  readonly stacks: readonly string[];
}

/**
 * The stacks of an earlier output of synth in `dir`, or undefined when `dir` is not one: it has
 * the marker, or (written before the marker) cdktf's manifest.json listing only stacks that have
 * synth's own permissions.md and deployer-policy.json.
 */
export function earlierOutput(dir: string): readonly string[] | undefined {
  const read = (file: string): unknown => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    } catch {
      return undefined;
    }
  };
  const marker = read(OUTPUT_MARKER) as Partial<OutputMarker> | undefined;
  if (marker?.writtenBy === OUTPUT_WRITER && Array.isArray(marker.stacks)) return marker.stacks;
  const manifest = read("manifest.json") as { stacks?: Record<string, unknown> } | undefined;
  const names = Object.keys(manifest?.stacks ?? {});
  const ours = (name: string) => [PERMISSIONS_FILE, DEPLOYER_POLICY_FILE].every((f) => fs.existsSync(path.join(dir, "stacks", name, f)));
  return names.length > 0 && names.every(ours) ? names : undefined;
}

/**
 * Where synth writes: a directory that is new, empty, or an earlier output of synth (it is
 * replaced whole). Anything else, such as another cdktf app's `cdktf.out`, is refused, so that
 * synth never takes over or deletes what it did not write.
 */
export function synthOutputTarget(dir: string, given: string, shown?: string): OutputTarget {
  return {
    dir,
    shown,
    given,
    writer: "synth",
    foreignEntry: (names) => (names.length === 0 || earlierOutput(dir) !== undefined ? undefined : names.includes("manifest.json") ? "manifest.json" : names[0]),
  };
}

/**
 * Replaces each stack's `cdk.tf.json` in `staging` by `cdk.tf` and points the manifest at it. As
 * with cdktf's own HCL output, `metadata.json` keeps what the cdktf CLI reads from a stack (its
 * `"//"` metadata and `terraform` settings), so the cdktf CLI (`cdktf deploy`, `cdktf output`) works
 * on this output too.
 */
function writeHcl(staging: string): void {
  const manifestFile = path.join(staging, "manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as {
    stacks: Record<string, { synthesizedStackPath: string; stackMetadataPath: string }>;
  };
  for (const stack of Object.values(manifest.stacks)) {
    const jsonFile = path.join(staging, stack.synthesizedStackPath);
    const terraformJson = JSON.parse(fs.readFileSync(jsonFile, "utf8")) as Record<string, unknown>;
    const hclPath = path.join(path.dirname(stack.synthesizedStackPath), HCL_STACK_FILE);
    // Loaded for HCL output only: the printer and its AWS block table are not needed for JSON.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderHcl } = require("../hcl") as typeof import("../hcl");
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
      const { adoption, inlinePolicies } = r.permissions;
      return adoption ? [adoptionNote(r.roleName, adoption.imports.length, adoption.exclusiveAttachments, inlinePolicies.map((i) => i.name))] : [];
    }),
    file: path.join(outdir, "stacks", stack.node.id, stackFile),
    warnings: stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => `${c.node.path}: ${String(m.data)}`)),
  };
}
