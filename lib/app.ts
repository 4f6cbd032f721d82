/**
 * From a validated config to synthesized stacks on disk, atomically: the app writes into a
 * temporary directory next to the output directory and swaps it in only when everything worked.
 */
import * as fs from "fs";
import * as path from "path";
import { App, DefaultTokenResolver, StringConcat, Tokenization } from "cdktf";
import type { Config } from "./config";
import { MediaConvertValidationError } from "./errors";
import { permissionsReport } from "./permissions-report";
import type { RolePermissions } from "./role";
import { MediaConvertStack } from "./stack";

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
}

/**
 * Synthesizes `config` into `outdir`. On any error the previous `outdir` is left exactly as it
 * was and the temporary directory is removed.
 */
export function synthesizeConfig(config: Config, outdir: string): StackSummary[] {
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
    return stacks.map((stack) => summarize(stack, outdir));
  });
}

/**
 * Fills a temporary directory next to `dir` and swaps it in when `fill` succeeds; on any error
 * `dir` is left exactly as it was and the temporary directory is removed.
 */
export function replaceAtomically<T>(dir: string, fill: (staging: string) => T): T {
  const target = path.resolve(dir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(`${target}.tmp-`);
  fs.chmodSync(staging, 0o755);
  try {
    const result = fill(staging);
    replaceDirectory(staging, target);
    return result;
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/** Writes `files` (relative path to content) as the whole content of `dir`, atomically. */
export function writeDirectory(dir: string, files: Readonly<Record<string, string>>): void {
  replaceAtomically(dir, (staging) => {
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(staging, name)), { recursive: true });
      fs.writeFileSync(path.join(staging, name), content);
    }
  });
}

/** Writes one file atomically (temporary file, then rename). */
export function writeFileAtomically(file: string, content: string): void {
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

function summarize(stack: MediaConvertStack, outdir: string): StackSummary {
  return {
    name: stack.node.id,
    region: stack.region,
    roleNames: stack.roles.map((r) => r.roleName),
    file: path.join(outdir, "stacks", stack.node.id, "cdk.tf.json"),
    warnings: stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => `${c.node.path}: ${String(m.data)}`)),
  };
}

type Move = readonly [from: string, to: string];

/** What Terraform itself keeps in a working directory: `.terraform/`, `.terraform.lock.hcl`, local state. */
function isTerraformWorkingFile(name: string): boolean {
  return name.startsWith(".terraform") || name.startsWith("terraform.tfstate");
}

/**
 * Moves what Terraform keeps in a stack's working directory (`.terraform/`, the lock file, local
 * state) from the old output into the new one, for every stack that is still there. Anything else
 * is synth's own output and is replaced (a `cdk.tf` from `--hcl` must not survive next to `cdk.tf.json`).
 */
function carryOverWorkingFiles(target: string, staging: string): Move[] {
  const moves: Move[] = [];
  const oldStacks = path.join(target, "stacks");
  if (!fs.existsSync(oldStacks)) return moves;
  for (const stack of fs.readdirSync(oldStacks)) {
    const newDir = path.join(staging, "stacks", stack);
    if (!fs.existsSync(newDir)) continue;
    for (const entry of fs.readdirSync(path.join(oldStacks, stack)).filter(isTerraformWorkingFile)) {
      const to = path.join(newDir, entry);
      if (!fs.existsSync(to)) moves.push([path.join(oldStacks, stack, entry), to]);
    }
  }
  const done: Move[] = [];
  try {
    for (const [from, to] of moves) {
      fs.renameSync(from, to);
      done.push([from, to]);
    }
  } catch (e) {
    undo(done);
    throw e;
  }
  return done;
}

function undo(moves: readonly Move[]): void {
  for (const [from, to] of [...moves].reverse()) fs.renameSync(to, from);
}

/**
 * Puts `staging` in place of `target`, keeping Terraform's working files of the stacks that
 * remain; the old target stays whole until the new one is in place.
 */
export function replaceDirectory(staging: string, target: string): void {
  if (!fs.existsSync(target)) {
    fs.renameSync(staging, target);
    return;
  }
  const moved = carryOverWorkingFiles(target, staging);
  const old = `${target}.old-${process.pid}`;
  try {
    fs.renameSync(target, old);
  } catch (e) {
    undo(moved);
    throw e;
  }
  try {
    fs.renameSync(staging, target);
  } catch (e) {
    fs.renameSync(old, target);
    undo(moved);
    throw e;
  }
  fs.rmSync(old, { recursive: true, force: true });
}
