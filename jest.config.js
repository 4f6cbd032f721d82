/**
 * Type-checking is `tsc --noEmit`, run by __tests__/typecheck.e2e.test.ts; jest only transpiles,
 * which keeps it fast.
 * Test files say what they start by their names: `*.terraform.test.ts` run Terraform,
 * `*.e2e.test.ts` run other programs (npm, tsc, the command line); the rest run in-process, and
 * `npm run test:unit` runs only those, in a worker per core like the rest: the files load the
 * same modules (cdktf, zod, ...), which each worker compiles again, but with 41 files two workers
 * finish sooner (measured with farm-bench, 3 runs: 9.8 s and 18.1 CPU-s with two workers, 12.3 s
 * and 16.9 CPU-s in one process; with the 20 files of an earlier day, both took about 9.5 s, and
 * one process was chosen for its 13 CPU-s against 17). The dual-engine lane (`*.cdktn.test.ts`, needing
 * engines/cdktn installed) runs only in `npm run test:cdktn`, which overrides testPathIgnorePatterns.
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "\\.cdktn\\.test\\.ts$"],
  transform: { "^.+\\.ts$": "ts-jest" },
  globalSetup: "<rootDir>/__tests__/support/global-setup.js",
  setupFiles: ["<rootDir>/__tests__/support/setup-cdktf.js"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup-matchers.js"],
  // Without cached durations (a clean clone), the files that run other programs start first.
  testSequencer: "<rootDir>/__tests__/support/sequencer.js",
  testTimeout: 60000,
  // One worker per core (jest's default leaves one core to itself): most suites spend their time
  // waiting on Terraform and other child processes, so two suites side by side finish sooner
  // (measured on 2 cores: npm test 154 s with one worker, 121 s with two; later, with the suites
  // as they are now, 82 s with two and 87 s with three, which only adds module loading).
  maxWorkers: "100%",
};
