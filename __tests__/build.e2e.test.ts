/**
 * bin/build.js and bin/ensure-built.js keep dist/ exactly what the current sources compile to, so
 * that `npm pack` (prepack: `--if-stale`) never ships stale output without building from an empty
 * dist/ each time. They run on a tiny project of their own (support/tiny-project.ts: the real
 * scripts, a few sources), whose compiles cost a fraction of a second, not the seconds of the
 * whole project. The packed
 * package itself is checked by consumer.e2e.test.ts, whose dist/ gets orphans too.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { tinyProject } from "./support/tiny-project";

const SOURCES: Record<string, string> = {
  "main.ts": 'export { kept } from "./lib/core/kept";\n',
  "lib/core/kept.ts": "export const kept = 1;\n",
  "lib/old/gone.ts": "export const gone = 2;\n",
};

let project: string;

/** The files under the project's dist/, relative to it, sorted. */
function dist(): string[] {
  const dir = path.join(project, "dist");
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join("/")).sort();
}

/** `node bin/build.js <args>` in the project; returns what it printed. */
function build(...args: string[]): string {
  return execFileSync(process.execPath, [path.join(project, "bin", "build.js"), ...args], { cwd: project, encoding: "utf8", stdio: "pipe" });
}

beforeAll(() => {
  project = tinyProject("mediaconvert-build", SOURCES, ["build.js", "ensure-built.js"]);
  fs.mkdirSync(path.join(project, "dist", "lib"), { recursive: true });
  fs.writeFileSync(path.join(project, "dist", "lib", "left-over.js"), "exports.leftOver = true;\n");
});

afterAll(() => {
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

describe("the build (bin/build.js)", () => {
  it("with --clean, compiles every source into an emptied dist/", () => {
    // GIVEN a dist/ holding a file no source makes
    // WHEN it builds with --clean
    build("--clean");
    // THEN dist/ holds the compiled sources (a declaration source compiles to nothing) and the stamp
    expect(dist()).toEqual([
      ".source-hash",
      ".tsbuildinfo",
      "lib",
      "lib/core",
      "lib/core/kept.d.ts",
      "lib/core/kept.js",
      "lib/core/kept.js.map",
      "lib/old",
      "lib/old/gone.d.ts",
      "lib/old/gone.js",
      "lib/old/gone.js.map",
      "main.d.ts",
      "main.js",
      "main.js.map",
    ]);
  });

  it("removes the compiled files of a deleted source, and their folder, when it compiles", () => {
    // GIVEN dist/ built from the sources, then a source deleted
    fs.rmSync(path.join(project, "lib", "old", "gone.ts"));
    // WHEN it builds when stale (as prepack does)
    build("--if-stale");
    // THEN its .js, .js.map and .d.ts are gone, with the folder they were in
    expect(dist()).toEqual([
      ".source-hash",
      ".tsbuildinfo",
      "lib",
      "lib/core",
      "lib/core/kept.d.ts",
      "lib/core/kept.js",
      "lib/core/kept.js.map",
      "main.d.ts",
      "main.js",
      "main.js.map",
    ]);
  });

  it("compiles again a compiled file edited in dist/, though no source changed", () => {
    // GIVEN a current dist/ whose compiled file was edited by hand
    const compiled = path.join(project, "dist", "lib", "core", "kept.js");
    const original = fs.readFileSync(compiled, "utf8");
    expect(original).toContain("exports.kept = 1;");
    fs.writeFileSync(compiled, original.replace("exports.kept = 1;", "exports.kept = 2;"));
    // WHEN it builds when stale
    build("--if-stale");
    // THEN the file is what the source compiles to again, so the edit never ships
    expect(fs.readFileSync(compiled, "utf8")).toBe(original);
  });
});
