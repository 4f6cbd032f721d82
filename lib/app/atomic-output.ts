/**
 * Output written atomically: a directory is filled in a temporary sibling and swapped in whole,
 * a file is written to a temporary name and renamed. A failure leaves the old output as it was.
 */
import * as fs from "fs";
import * as path from "path";
import * as messages from "./messages";
import { MediaConvertValidationError } from "../core/messages";

/** Stack directories of the old output that the new output has no stack for. */
export interface LeftStacks {
  /** Stacks whose directory held only synth's output: gone with the old output. */
  readonly removed: readonly string[];
  /** Stacks whose directory held Terraform state or `.terraform/`: kept in the new output as they were. */
  readonly kept: readonly { readonly name: string; readonly holds: readonly string[] }[];
}

/**
 * Fills a temporary directory next to `dir` and swaps it in when `fill` succeeds; on any error
 * `dir` is left exactly as it was and the temporary directory is removed. `onReplaced` hears,
 * once the new output is in place, which stack directories of the old output had no stack in
 * the new one.
 */
export function replaceAtomically<T>(dir: string, fill: (staging: string) => T, onReplaced?: (left: LeftStacks) => void): T {
  const target = path.resolve(dir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(`${target}.tmp-`);
  fs.chmodSync(staging, 0o755);
  let result: T;
  let left: LeftStacks;
  try {
    result = fill(staging);
    left = replaceDirectory(staging, target);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  onReplaced?.(left);
  return result;
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

type Move = readonly [from: string, to: string];

/** What Terraform itself keeps in a working directory: `.terraform/`, `.terraform.lock.hcl`, local state. */
function isTerraformWorkingFile(name: string): boolean {
  return name.startsWith(".terraform") || name.startsWith("terraform.tfstate");
}

/** What in a stack directory would be lost with it: Terraform's working directory and state files. */
function irreplaceable(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name === ".terraform" || name.endsWith(".tfstate") || name.includes(".tfstate."))
    .sort()
    .map((name) => (name === ".terraform" ? ".terraform/" : name));
}

/**
 * Moves what Terraform keeps in a stack's working directory (`.terraform/`, the lock file, local
 * state) from the old output into the new one, for every stack that is still there. Anything else
 * is synth's own output and is replaced (a `cdk.tf` from `--hcl` must not survive next to `cdk.tf.json`).
 *
 * A stack directory with no stack in the new output is never deleted while it holds Terraform
 * state or `.terraform/`: it moves into the new output whole, as it was, so that `terraform
 * destroy` can still run there. Without them it goes with the old output.
 */
function carryOverWorkingFiles(target: string, staging: string): { moves: Move[]; left: LeftStacks } {
  const moves: Move[] = [];
  const removed: string[] = [];
  const kept: { name: string; holds: string[] }[] = [];
  const oldStacks = path.join(target, "stacks");
  if (!fs.existsSync(oldStacks)) return { moves, left: { removed, kept } };
  for (const stack of fs.readdirSync(oldStacks).sort()) {
    const oldDir = path.join(oldStacks, stack);
    if (!fs.statSync(oldDir).isDirectory()) continue;
    const newDir = path.join(staging, "stacks", stack);
    if (!fs.existsSync(newDir)) {
      const holds = irreplaceable(oldDir);
      if (holds.length === 0) {
        removed.push(stack);
      } else {
        fs.mkdirSync(path.dirname(newDir), { recursive: true });
        moves.push([oldDir, newDir]);
        kept.push({ name: stack, holds });
      }
      continue;
    }
    for (const entry of fs.readdirSync(oldDir).filter(isTerraformWorkingFile)) {
      const to = path.join(newDir, entry);
      if (!fs.existsSync(to)) moves.push([path.join(oldDir, entry), to]);
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
  return { moves: done, left: { removed, kept } };
}

function undo(moves: readonly Move[]): void {
  for (const [from, to] of [...moves].reverse()) fs.renameSync(to, from);
}

/**
 * Puts `staging` in place of `target`, keeping Terraform's working files of the stacks that
 * remain; the old target stays whole until the new one is in place.
 */
export function replaceDirectory(staging: string, target: string): LeftStacks {
  if (!fs.existsSync(target)) {
    fs.renameSync(staging, target);
    return { removed: [], kept: [] };
  }
  const { moves: moved, left } = carryOverWorkingFiles(target, staging);
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
  return left;
}

/** Where an output directory comes from, and what it may already hold. */
export interface OutputTarget {
  /** The path as the user gave it. */
  readonly dir: string;
  /** Where the path came from, for messages: "--out", "CDKTF_OUTDIR", "the default". */
  readonly given: string;
  /** What writes it, for messages: "synth". */
  readonly writer: string;
  /**
   * The first entry of an existing directory that is not an earlier output of the writer, or
   * undefined when the directory may be replaced: a mistyped path never replaces a folder of the
   * user's.
   */
  readonly foreignEntry: (names: readonly string[]) => string | undefined;
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** What stands in the way of replacing `target.dir` whole; empty when it can be written. */
export function outputDirectoryProblems(target: OutputTarget): string[] {
  const { dir, given } = target;
  const full = path.resolve(dir);
  const stat = statOf(full);
  if (stat && !stat.isDirectory()) return [messages.outputIsFile(dir, given)];
  if (stat) {
    const foreign = target.foreignEntry(fs.readdirSync(full).sort());
    if (foreign !== undefined) return [messages.outputHoldsOtherFiles(dir, given, foreign, target.writer)];
  }
  // The temporary sibling and the rename need the parent folder (or the first one that exists).
  let folder = path.dirname(full);
  while (!statOf(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  if (!statOf(folder)?.isDirectory()) return [messages.outputThroughFile(dir, given, folder)];
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch (e) {
    return [messages.outputNotWritable(dir, given, folder, (e as NodeJS.ErrnoException).code ?? "not writable")];
  }
  return [];
}

const PERMISSION_CODES = new Set(["EACCES", "EPERM", "EROFS"]);

/**
 * Checks `target` and runs `write`; throws a MediaConvertValidationError (nothing written) when the
 * directory cannot be used, also when the file system refuses the write itself (a read-only
 * mount, or a privileged user where the access check cannot tell).
 */
export function writeOutput<T>(target: OutputTarget, write: () => T): T {
  const problems = outputDirectoryProblems(target);
  if (problems.length > 0) throw new MediaConvertValidationError(problems);
  try {
    return write();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined || !PERMISSION_CODES.has(code)) throw e;
    const folder = path.dirname(path.resolve(target.dir));
    throw new MediaConvertValidationError([messages.outputNotWritable(target.dir, target.given, folder, code)]);
  }
}
