/**
 * How a failed synth is reported: user mistakes as plain messages (no stack trace), anything
 * else as the error it is.
 */
import { MediaConvertValidationError } from "../core/messages";
import { ConfigError } from "./messages";

/** Prints the failure to stderr and returns the process exit code; `command` names what failed ("Synth"). */
export function reportFailure(e: unknown, command = "Synth"): number {
  if (e instanceof ConfigError) {
    console.error(`${command} failed: ${e.problems.length} problem${e.problems.length === 1 ? "" : "s"} in ${e.file}; nothing was written.`);
    for (const problem of e.problems) console.error(`${e.file}: ${problem}`);
    return 1;
  }
  if (e instanceof MediaConvertValidationError) {
    console.error(`${command} failed: ${e.problems.length} problem${e.problems.length === 1 ? "" : "s"}; nothing was written.`);
    for (const problem of e.problems) console.error(problem);
    return 1;
  }
  console.error(e);
  return 2;
}
