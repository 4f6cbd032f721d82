/**
 * What every command runs in: the working directory, the environment, and where it prints. The
 * program's `run` passes the process's own; tests pass theirs, so that no command reads or
 * changes process globals (the exit code is what a command returns).
 */

/** The working directory, the environment and the output of one run of the command line. */
export interface CliContext {
  /** The directory relative paths are taken from, and the project root is searched upwards from. */
  readonly cwd: string;
  /** The environment variables the commands read (MEDIACONVERT_CONFIG, CDKTF_OUTDIR, AWS_REGION, ...). */
  readonly env: NodeJS.ProcessEnv;
  /** Prints one line (or several, joined by "\n") to standard output; the line end is added. */
  readonly out: (line: string) => void;
  /** Prints one line (or several) to standard error; the line end is added. */
  readonly err: (line: string) => void;
  /**
   * The width the usage is wrapped to: the terminal's, when standard output is one.
   * @default - 80 columns (not a terminal)
   */
  readonly columns?: number;
}

/** The context of the running process: its working directory, environment, stdout and stderr. */
export function processContext(): CliContext {
  return {
    cwd: process.cwd(),
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  };
}

/** Text as commander writes it (ending in a line end) to a context's line printer. */
export function lines(print: (line: string) => void): (text: string) => void {
  return (text) => print(text.endsWith("\n") ? text.slice(0, -1) : text);
}
