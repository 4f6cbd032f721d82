/** `mediaconvert-role-cdktf schema`: prints the config file's JSON Schema (for editors and CI checks). */
import { Command } from "commander";
import { configSchemaText } from "../generators/generated";
import type { CliContext } from "./context";
import { lines } from "./context";
import { EXIT, EXIT_CODES_HELP } from "./output";

export function schemaCommand(context: CliContext, done: (code: number) => void): Command {
  return new Command("schema")
    .description("Print the JSON Schema of the config file (draft-07), with the value rules (patterns, lengths, enums).")
    .addHelpText(
      "after",
      `
Save it next to the config and point the config's "$schema" at it, e.g.
npx mediaconvert-role-cdktf schema > mediaconvert.config.schema.json
${EXIT_CODES_HELP}`,
    )
    .action(() => {
      lines(context.out)(configSchemaText());
      done(EXIT.ok);
    });
}
