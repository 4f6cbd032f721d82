/**
 * Running other programs from the tests: `runCommand` starts a program without a shell and
 * resolves with what it printed and how it exited, or rejects with a CommandError that carries
 * its output. Commands run as child processes (`execFile`), so independent ones run in parallel.
 */
import { execFile } from "child_process";

/** What a finished command printed and how it exited. */
export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A command that exited with an unexpected code; the message carries its output. */
export class CommandError extends Error {
  constructor(
    public readonly command: readonly string[],
    public readonly cwd: string,
    public readonly result: CommandResult,
    /** Why the command did not finish, when it did not (could not start, timed out). */
    reason?: string,
  ) {
    const output = [result.stderr.trim(), result.stdout.trim()].filter((s) => s !== "").join("\n");
    const what = reason ?? `exited with ${result.exitCode}`;
    super(`\`${command.join(" ")}\` in ${cwd} ${what}${output ? `:\n${tail(output, 6000)}` : "."}`);
    this.name = "CommandError";
  }
}

function tail(text: string, max: number): string {
  return text.length > max ? `...${text.slice(-max)}` : text;
}

/** Options of `runCommand`. */
export interface CommandOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Exit codes that resolve instead of rejecting. @default [0] */
  readonly okExitCodes?: readonly number[];
  /** Milliseconds before the process is killed. @default 120000 */
  readonly timeoutMs?: number;
}

/** Runs a program without a shell; resolves with its output, rejects with a CommandError. */
export function runCommand(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const okExitCodes = options.okExitCodes ?? [0];
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { cwd: options.cwd, env: options.env, maxBuffer: 256 * 1024 * 1024, timeout: options.timeoutMs ?? 120_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          const why = error.killed ? `was killed (${error.signal ?? "timeout"})` : `could not run (${error.message})`;
          reject(new CommandError([file, ...args], options.cwd, { exitCode: -1, stdout, stderr }, why));
          return;
        }
        const result = { exitCode: error ? Number(error.code) : 0, stdout, stderr };
        if (okExitCodes.includes(result.exitCode)) resolve(result);
        else reject(new CommandError([file, ...args], options.cwd, result));
      },
    );
  });
}

/** With `MEDIACONVERT_TEST_TF_TIMING=1`, prints when each command (a Terraform command, a synth) ended (seconds since the process started) and how long it took. */
export function logTiming(what: string, dir: string, started: number): void {
  if (process.env.MEDIACONVERT_TEST_TF_TIMING !== "1") return;
  const at = (performance.now() / 1000).toFixed(1);
  process.stderr.write(`[${at} s] ${what} took ${Date.now() - started} ms in ${dir}\n`);
}
