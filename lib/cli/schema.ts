/** `mediaconvert-role-cdktf schema`: prints the config file's JSON Schema (for editors and CI checks). */
import { Command } from "commander";
import { configSchemaText } from "../generators/generated";
import { EXIT } from "./output";

export function schemaCommand(): Command {
  return new Command("schema")
    .description("Print the JSON Schema of the config file (draft-07), with the value rules (patterns, lengths, enums).")
    .addHelpText("after", "\nSave it next to the config and point the config's \"$schema\" at it, e.g. npx mediaconvert-role-cdktf schema > mediaconvert.config.schema.json")
    .action(() => {
      process.stdout.write(configSchemaText());
      process.exitCode = EXIT.ok;
    });
}
