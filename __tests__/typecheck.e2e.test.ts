/**
 * The type-check of `npm test`: tsc over everything tsconfig.json includes (the library, the
 * command line, main.ts, the bench and these tests; jest itself only transpiles), with `--noEmit`.
 * It runs as a test file, next to the others, rather than before jest: tsc keeps one core busy for
 * seconds, and run first it left the other core idle. A type error fails this test with tsc's
 * report; the other files still run. `npm run typecheck` runs the whole check alone.
 *
 * It runs in tsc's build mode (`tsc -b`), which checks only what changed since the last check
 * (dist/.typecheck.tsbuildinfo) and, when no source changed, says so without reading the program
 * (0.4 CPU-s instead of 5). Build mode compares the project's own files only, so the build info is
 * dropped, and everything checked, when the dependencies were installed after it
 * (node_modules/.package-lock.json, which npm rewrites on every install, is newer).
 */
import * as fs from "fs";
import * as path from "path";
import { runCommand } from "./support/commands";
import { REPO_ROOT } from "./support/paths";

const TIMEOUT_MS = 180_000;
const BUILD_INFO = path.join(REPO_ROOT, "dist", ".typecheck.tsbuildinfo");
const INSTALLED = path.join(REPO_ROOT, "node_modules", ".package-lock.json");

it(
  "type-checks the project with tsc --noEmit: no errors",
  async () => {
    // GIVEN the project's tsconfig.json, and build info only from after the last install
    if (fs.existsSync(BUILD_INFO) && (!fs.existsSync(INSTALLED) || fs.statSync(INSTALLED).mtimeMs > fs.statSync(BUILD_INFO).mtimeMs)) fs.rmSync(BUILD_INFO);
    // WHEN
    const result = await runCommand(process.execPath, [path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-b", "tsconfig.json", "--noEmit"], {
      cwd: REPO_ROOT,
      okExitCodes: [0, 1, 2],
      timeoutMs: TIMEOUT_MS,
    });
    // THEN tsc reports nothing
    expect({ exitCode: result.exitCode, report: `${result.stdout}${result.stderr}` }).toEqual({ exitCode: 0, report: "" });
  },
  TIMEOUT_MS,
);
