/**
 * The command line run inside the test's own process: `run(argv)` of lib/cli/main.ts, answering
 * as a spawned `node dist/lib/cli/main.js` does ({ exitCode, stdout, stderr }), without the
 * process start and the load of cdktf, commander and zod that each spawn pays again (most of the
 * CPU time of the CLI tests). For the one call it sets the working directory, the environment
 * variables the CLI reads, stdout and stderr (commander and `schema` write to process.stdout /
 * process.stderr, the rest uses console.*), and puts all of it back afterwards, also when the call
 * throws. What only a real process shows (the bin as a program, its exit status) stays in
 * cli.e2e.test.ts.
 *
 * process.chdir needs jest's child-process workers (the default), not worker threads.
 */
import { Console } from "console";
import { run } from "../../lib/cli/main";
import type { CommandResult } from "./terraform";

/** Variables the CLI reads: unset for each call, so the developer's own settings never leak in. */
const CLI_VARIABLES = ["MEDIACONVERT_CONFIG", "AWS_REGION", "AWS_DEFAULT_REGION", "CDKTF_OUTDIR"];

/** Where and with what a call runs. */
export interface InProcessOptions {
  /** The working directory of the call. */
  readonly cwd: string;
  /** Variables to set for the call (the CLI's own are unset otherwise). */
  readonly env?: Readonly<Record<string, string>>;
}

/** The call running now: calls change process-wide state (cwd, environment, stdout), so they take turns. */
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
  // Undone last-first in `finally`, each pushed once its change is made.
  const undo: (() => void)[] = [];
  const exitCode = process.exitCode;
  undo.push(() => {
    // The commands set process.exitCode; left set, it becomes the exit status of jest when jest
    // runs the file in its own process (-i, or a single test file).
    process.exitCode = exitCode;
  });
  try {
    const cwd = process.cwd();
    process.chdir(options.cwd);
    undo.push(() => process.chdir(cwd));

    const env = options.env ?? {};
    for (const name of new Set([...CLI_VARIABLES, ...Object.keys(env)])) {
      const before = process.env[name];
      undo.push(() => {
        if (before === undefined) delete process.env[name];
        else process.env[name] = before;
      });
      if (Object.prototype.hasOwnProperty.call(env, name)) process.env[name] = env[name];
      else delete process.env[name];
    }

    capture(process.stdout, stdout, undo);
    capture(process.stderr, stderr, undo);
    // jest's console buffers and annotates what it prints; a plain Node console writing to the
    // (captured) streams prints as the program's does through a pipe: no colours.
    const testConsole = globalThis.console;
    globalThis.console = new Console({ stdout: process.stdout, stderr: process.stderr, colorMode: false });
    undo.push(() => {
      globalThis.console = testConsole;
    });

    return { exitCode: await run(argv), stdout: stdout.join(""), stderr: stderr.join("") };
  } finally {
    for (const step of undo.reverse()) step();
  }
}

/** Collects what is written to `stream` into `into`, as a pipe would: not a terminal. */
function capture(stream: NodeJS.WriteStream, into: string[], undo: (() => void)[]): void {
  const write = Object.getOwnPropertyDescriptor(stream, "write");
  const isTTY = Object.getOwnPropertyDescriptor(stream, "isTTY");
  undo.push(() => {
    restoreProperty(stream, "write", write);
    restoreProperty(stream, "isTTY", isTTY);
  });
  stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
    into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  }) as typeof stream.write;
  // Commander sizes the help to a terminal's width; the spawned program writes to a pipe.
  Object.defineProperty(stream, "isTTY", { value: false, configurable: true, writable: true });
}

/** Puts back an own property as it was, or removes it when the stream had none (its prototype's shows again). */
function restoreProperty(stream: NodeJS.WriteStream, name: string, own: PropertyDescriptor | undefined): void {
  if (own) Object.defineProperty(stream, name, own);
  else delete (stream as unknown as Record<string, unknown>)[name];
}
