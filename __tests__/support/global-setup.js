// Runs once before all test files: compiles dist/ (tests that run `npm run synth` then never
// race to compile it), and writes the Terraform CLI config the test files share; the workers
// inherit its path through the environment. Temporary files of the run (the tests' own, cdktf's
// `cdktf.outdir.*` of every in-process synth, Terraform's) go into a folder of the run's directory
// (TMPDIR, which the workers and every program they start inherit), so that they are removed with
// it when the run ends, whatever a test leaves behind.
const fs = require("fs");
const path = require("path");
const { compileOrExit } = require("../../bin/compile");
const { CLI_CONFIG_ENV, createTerraformCliConfig } = require("./terraform-cli-config");

module.exports = async () => {
  compileOrExit("The tests did not run");
  const configFile = createTerraformCliConfig();
  process.env[CLI_CONFIG_ENV] = configFile;
  const tmp = path.join(path.dirname(configFile), "tmp");
  fs.mkdirSync(tmp);
  process.env.TMPDIR = tmp;
};
