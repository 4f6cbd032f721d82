/**
 * Where the tests keep files: the repository root, and fresh temporary directories (under the
 * run's TMPDIR, which the jest global setup points into the run's own directory, so that whatever
 * a test leaves behind is removed with the run).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The repository root (where bin/synth.js is). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** A new temporary directory for one test's files; remove it in afterAll. */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}
