/** What the subcommands share: where an output path came from, and the exit codes. */

/** 0 success, 1 invalid input (every problem listed, nothing written), 2 usage error. */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2 } as const;

export const EXIT_CODES_HELP = "Exit codes: 0 success, 1 invalid input (every problem listed, nothing written), 2 usage error.";

/** Where an output directory came from, for messages: the option, the environment, or the default. */
export function outputOrigin(option: string | undefined, env: NodeJS.ProcessEnv, variable?: string): string {
  if (option !== undefined) return "--out";
  if (variable !== undefined && env[variable]) return variable;
  return "the default";
}
