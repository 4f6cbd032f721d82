/**
 * The command line run inside the test's own process: `run(argv, context)` of lib/cli/main.ts,
 * answering as a spawned `node dist/lib/cli/main.js` does ({ exitCode, stdout, stderr }), without
 * the process start and the load of cdktf, commander and zod that each spawn pays again (most of
 * the CPU time of the CLI tests). The call gets a context of its own: the environment the test
 * gives (none of the developer's variables), and stdout and stderr collected as a pipe would
 * (no terminal: the usage wraps at 80 columns). No process global changes but the working
 * directory: the app resolves relative paths (the config file, the output directory) against the
 * process's, so it is the test's for the call and put back afterwards, also when the call throws.
 * What only a real process shows (the bin as a program, its exit status) stays in cli.e2e.test.ts.
 *
 * process.chdir needs jest's child-process workers (the default), not worker threads.
 */
import { run } from "../../lib/cli/main";
import type { CommandResult } from "./commands";

/** Where and with what a call runs. */
export interface InProcessOptions {
  /** The working directory of the call. */
  readonly cwd: string;
  /** The environment of the call: only these variables (and PATH, HOME, TMPDIR of the test's process). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Variables of the test's process that a call keeps: what child processes and temporary files need. */
const KEPT = ["PATH", "HOME", "TMPDIR"];

/** The call running now: calls change the working directory, so they take turns. */
let previous: Promise<unknown> = Promise.resolve();

/** Runs the command line on `argv` in this process; resolves as the spawned program would. Calls run one after the other. */
export function runCliInProcess(argv: readonly string[], options: InProcessOptions): Promise<CommandResult> {
  const call = previous.then(() => runNow(argv, options));
  previous = call.catch(() => undefined);
  return call;
}

async function runNow(argv: readonly string[], options: InProcessOptions): Promise<CommandResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const kept = Object.fromEntries(KEPT.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])));
  const context = {
    cwd: options.cwd,
    env: { ...kept, ...options.env },
    out: (line: string) => stdout.push(`${line}\n`),
    err: (line: string) => stderr.push(`${line}\n`),
  };
  const cwd = process.cwd();
  process.chdir(options.cwd);
  try {
    return { exitCode: await run(argv, context), stdout: stdout.join(""), stderr: stderr.join("") };
  } finally {
    process.chdir(cwd);
  }
}
