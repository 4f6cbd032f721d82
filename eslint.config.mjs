// `npm run lint`: ESLint's and typescript-eslint's recommended rules over the code of the
// repository (lib/, main.ts, bin/, bench/, __tests__/); CI runs it before `npm test`, which does
// not (it takes about 5 seconds). Not typescript-eslint's type-checked rules: tsc checks the types
// (`npm test`), and with them a lint run took 15 CPU-seconds and reported 167 problems, mostly
// `no-unsafe-*` on the tests' loosely typed Terraform JSON.
import eslint from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["dist/", "cdktf.out/", "cdktf.out.*/", "coverage/", "engines/", "modules/", "examples/"]),
  {
    files: ["**/*.{ts,js,mjs}"],
    extends: [eslint.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `const { omitted: _omitted, ...rest } = value` is how the code drops a key.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    // What the library writes is the same on every machine: no order that follows the locale.
    files: ["lib/**/*.ts", "main.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { property: "localeCompare", message: "Its order follows the machine's locale (LANG); use byCodeUnits of lib/core/order.ts." },
      ],
    },
  },
  {
    // The tests read synthesized Terraform JSON as loosely typed data (`Record<string, any>`).
    files: ["__tests__/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The scripts, bench and test support written in JavaScript: CommonJS on Node.js.
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
