/**
 * Output written atomically: a directory is filled in a temporary sibling and swapped in whole,
 * a file is written to a temporary name and renamed. A failure leaves the old output as it was.
 */
import * as fs from "fs";
import * as path from "path";
import * as errors from "../core/errors";
import { MediaConvertValidationError } from "../core/errors";

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
  if (stat && !stat.isDirectory()) return [errors.outputIsFile(dir, given)];
  if (stat) {
    const foreign = target.foreignEntry(fs.readdirSync(full).sort());
    if (foreign !== undefined) return [errors.outputHoldsOtherFiles(dir, given, foreign, target.writer)];
  }
  // The temporary sibling and the rename need the parent folder (or the first one that exists).
  let folder = path.dirname(full);
  while (!statOf(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  if (!statOf(folder)?.isDirectory()) return [errors.outputThroughFile(dir, given, folder)];
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch (e) {
    return [errors.outputNotWritable(dir, given, folder, (e as NodeJS.ErrnoException).code ?? "not writable")];
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
    throw new MediaConvertValidationError([errors.outputNotWritable(target.dir, target.given, folder, code)]);
  }
}
