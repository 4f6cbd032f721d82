/**
 * The type-check of `npm test`: `tsc --noEmit` over everything tsconfig.json includes (the library,
 * the command line, main.ts, the bench and these tests; jest itself only transpiles). It runs as
 * a test file, next to the others, rather than before jest: tsc keeps one core busy for seconds,
 * and run first it left the other core idle. A type error fails this test with tsc's report;
 * the other files still run. `npm run typecheck` runs it alone.
 */
import * as path from "path";
import { REPO_ROOT, runCommand } from "./support/terraform";

const TIMEOUT_MS = 180_000;

it(
  "type-checks the project with tsc --noEmit: no errors",
  async () => {
    // GIVEN the project's tsconfig.json / WHEN
    const result = await runCommand(process.execPath, [path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "tsconfig.json"], {
      cwd: REPO_ROOT,
      okExitCodes: [0, 1, 2],
      timeoutMs: TIMEOUT_MS,
    });
    // THEN tsc reports nothing
    expect({ exitCode: result.exitCode, report: `${result.stdout}${result.stderr}` }).toEqual({ exitCode: 0, report: "" });
  },
  TIMEOUT_MS,
);
