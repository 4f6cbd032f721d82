// Runs once before all test files: compiles dist/ (tests that run `npm run synth` then never
// race to compile it), and writes the Terraform CLI config the test files share; the workers
// inherit its path through the environment.
const { ensureBuilt } = require("../../bin/ensure-built");
const { CLI_CONFIG_ENV, createTerraformCliConfig } = require("./terraform-cli-config");

module.exports = async () => {
  ensureBuilt({ failed: "The tests did not run" });
  process.env[CLI_CONFIG_ENV] = createTerraformCliConfig();
};
