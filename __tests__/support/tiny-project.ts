/**
 * A small TypeScript project for the tests of the build scripts (bin/synth.js, bin/compile.js,
 * bin/build-engine.js): the real scripts, copied, with node_modules linked, compiling a few files
 * of its own with the real build settings (tsconfig.build.json, but no node types). `noLib` and
 * the few global types tsc needs (lib/globals.d.ts) keep each compile at a fraction of a
 * CPU-second; the project's own sources take several.
 */
import * as fs from "fs";
import * as path from "path";
import { makeTempDir, REPO_ROOT } from "./paths";

/** The repository's build settings (tsconfig.build.json), less the node types that `noLib` cannot load. */
function buildSettings(): object {
  const settings = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "tsconfig.build.json"), "utf8")) as { compilerOptions: object };
  return { ...settings, compilerOptions: { ...settings.compilerOptions, types: [] } };
}

/** The compiler settings and the global types every tiny project has (with `require` for the files that load node modules). */
const SETTINGS: Readonly<Record<string, string>> = {
  "tsconfig.json": JSON.stringify({
    compilerOptions: { target: "ES2022", module: "commonjs", noLib: true, types: [], strict: true, declaration: true, sourceMap: true, incremental: true, rootDir: ".", outDir: "dist" },
    include: ["main.ts", "lib/**/*.ts"],
  }),
  "tsconfig.build.json": JSON.stringify(buildSettings()),
  "lib/globals.d.ts": [
    "interface Array<T> { length: number; [n: number]: T }",
    "interface Boolean {}",
    "interface CallableFunction {}",
    "interface Function {}",
    "interface IArguments {}",
    "interface NewableFunction {}",
    "interface Number {}",
    "interface Object {}",
    "interface RegExp {}",
    "interface String {}",
    "declare function require(module: string): any;",
    "declare const process: { env: { [name: string]: string | undefined } };",
    "",
  ].join("\n"),
};

/**
 * Writes a tiny project into a new temporary directory: the settings, `sources` (path to
 * content), the `scripts` of bin/ copied from the repository, node_modules linked. Returns its
 * directory; remove it in afterAll.
 */
export function tinyProject(prefix: string, sources: Readonly<Record<string, string>>, scripts: readonly string[]): string {
  const dir = makeTempDir(prefix);
  for (const [name, content] of Object.entries({ ...SETTINGS, ...sources })) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  for (const script of scripts) fs.cpSync(path.join(REPO_ROOT, "bin", script), path.join(dir, "bin", script));
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}
