// Runs once before all test files: compiles dist/ (tests that run `npm run synth` then never
// race to compile it).
const { ensureBuilt } = require("../../bin/ensure-built");

module.exports = async () => {
  ensureBuilt();
};
