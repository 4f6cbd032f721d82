/** What the subcommands share: where an output path came from, the exit codes, how a failure is printed. */
import { ConfigError } from "../app/messages";
import { MediaConvertValidationError } from "../core/messages";
import { processContext } from "./context";

/** 0 success, 1 invalid input (every problem listed, nothing written), 2 usage error. */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2 } as const;

export const EXIT_CODES_HELP = "Exit codes: 0 success, 1 invalid input (every problem listed, nothing written), 2 usage error.";

/** Where an output directory came from, for messages: the option, the environment, or the default. */
export function outputOrigin(option: string | undefined, env: NodeJS.ProcessEnv, variable?: string): string {
  if (option !== undefined) return "--out";
  if (variable !== undefined && env[variable]) return variable;
  return "the default";
}

/**
 * Prints a failed command's problems to `err` and returns the exit code: user mistakes (a
 * ConfigError, a MediaConvertValidationError) as plain messages, exit 1; anything else as the
 * error it is, with its stack, exit 2. `command` names what failed ("Synth").
 */
export function reportFailure(e: unknown, command = "Synth", err: (line: string) => void = processContext().err): number {
  const count = (n: number) => `${n} problem${n === 1 ? "" : "s"}`;
  if (e instanceof ConfigError) {
    err(`${command} failed: ${count(e.problems.length)} in ${e.file}; nothing was written.`);
    for (const problem of e.problems) err(`${e.file}: ${problem}`);
    return EXIT.invalidInput;
  }
  if (e instanceof MediaConvertValidationError) {
    err(`${command} failed: ${count(e.problems.length)}; nothing was written.`);
    for (const problem of e.problems) err(problem);
    return EXIT.invalidInput;
  }
  err(e instanceof Error ? (e.stack ?? e.message) : String(e));
  return 2;
}
