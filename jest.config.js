/** Type-checking is `tsc --noEmit` in `npm test`; jest only transpiles, which keeps it fast. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "ts-jest" },
  globalSetup: "<rootDir>/__tests__/support/global-setup.js",
  testTimeout: 60000,
};
