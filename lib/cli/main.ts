#!/usr/bin/env node
/**
 * The command line, `mediaconvert-role-cdktf <command>`. Exit codes: 0 done, 1 invalid input
 * (every problem listed, nothing written), 2 usage error.
 *
 * Minimal version from the adopt branch (issue 10), registering only `adopt`; the CLI branch
 * owns this file.
 */
import { Command } from "commander";
import { adoptCommand } from "./adopt";

export function program(): Command {
  return new Command("mediaconvert-role-cdktf")
    .description("MediaConvert role: config, synth and adoption")
    .exitOverride((err) => {
      process.exit(err.exitCode === 0 ? 0 : 2);
    })
    .addCommand(adoptCommand());
}

if (require.main === module) {
  program()
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 2;
    });
}
