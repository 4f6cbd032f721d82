/**
 * The package build, bin/build-engine.js: the folder `npm pack` and `npm publish` take. It compiles
 * the sources afresh into the package, so nothing in the repository's dist/ (where `tsc -b` leaves
 * the compiled files of deleted sources, and where a file may have been edited by hand) can ship.
 * It runs on a tiny project of its own (support/tiny-project.ts: the real script and package.json,
 * a few sources), whose compiles cost a fraction of a second, not the seconds of the whole
 * project. The real package, packed and installed, is checked by consumer.e2e.test.ts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { runCommand } from "./support/commands";
import { tinyProject } from "./support/tiny-project";

const SOURCES: Record<string, string> = {
  "main.ts": 'export { kept } from "./lib/index";\n',
  "lib/index.ts": 'export { kept } from "./core/kept";\n',
  "lib/core/kept.ts": "export const kept = 1;\n",
  "lib/cli/main.ts": '#!/usr/bin/env node\nimport { kept } from "../core/kept";\nexport const cli = kept;\n',
  "README.md": "# tiny\n",
};

/** What the repository's dist/ holds besides the current compile: a deleted source's files, an edit by hand, source maps. */
const LEFT_IN_DIST: Record<string, string> = {
  "dist/lib/old/gone.js": "exports.gone = 2;\n",
  "dist/lib/old/gone.d.ts": "export declare const gone = 2;\n",
  "dist/lib/core/kept.js": '"use strict";\nexports.kept = 2; // edited by hand\n',
  "dist/lib/core/kept.js.map": "{}\n",
};

/** The fields a published package.json keeps. */
const PUBLISHED_FIELDS = [
  "bin",
  "dependencies",
  "description",
  "engines",
  "exports",
  "files",
  "keywords",
  "license",
  "main",
  "name",
  "peerDependencies",
  "repository",
  "types",
  "typesVersions",
  "version",
];

let project: string;
let outdir: string;

/** The files under `dir`, relative to it with `/`, sorted. */
function files(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** `node bin/build-engine.js cdktf <outdir>` in the project. */
function buildPackage(okExitCodes = [0]) {
  return runCommand(process.execPath, [path.join(project, "bin", "build-engine.js"), "cdktf", outdir], { cwd: project, env: process.env, okExitCodes });
}

let built: Promise<unknown>;

beforeAll(() => {
  project = tinyProject("mediaconvert-build", SOURCES, ["build-engine.js", "compile.js"]);
  fs.cpSync(path.join(__dirname, "..", "package.json"), path.join(project, "package.json"));
  for (const [file, content] of Object.entries(LEFT_IN_DIST)) {
    fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    fs.writeFileSync(path.join(project, file), content);
  }
  outdir = `${project}-package`;
  built = buildPackage();
  built.catch(() => undefined); // each test awaits it, and reports a failure there
});

afterAll(() => {
  for (const dir of [project, outdir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the package build (bin/build-engine.js)", () => {
  it("compiles the sources afresh: no file of a deleted source, no edit made in dist/, no source map, not the repository's app", async () => {
    // GIVEN a dist/ holding a deleted source's files, a hand-edited file and a source map
    // WHEN the package is built
    await built;
    // THEN it holds the current sources compiled, the documents, and its package.json
    expect(files(outdir)).toEqual([
      "README.md",
      "dist/lib/cli/main.d.ts",
      "dist/lib/cli/main.js",
      "dist/lib/core/kept.d.ts",
      "dist/lib/core/kept.js",
      "dist/lib/index.d.ts",
      "dist/lib/index.js",
      "package.json",
    ]);
    const kept = fs.readFileSync(path.join(outdir, "dist", "lib", "core", "kept.js"), "utf8");
    expect(kept).toContain("exports.kept = 1;");
    expect(kept).not.toContain("sourceMappingURL");
  });

  it("writes a package.json of the published fields only, and an executable bin with its shebang", async () => {
    // GIVEN the repository's package.json (scripts, devDependencies, private) / WHEN
    await built;
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "package.json"), "utf8")) as Record<string, unknown>;
    const bin = path.join(outdir, "dist", "lib", "cli", "main.js");
    // THEN
    expect(Object.keys(manifest).sort()).toEqual(PUBLISHED_FIELDS);
    expect(manifest.bin).toEqual({ "mediaconvert-role-cdktf": "dist/lib/cli/main.js" });
    expect(fs.readFileSync(bin, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
    expect(fs.statSync(bin).mode & 0o777).toBe(0o755);
  });

  it("on a compile error, prints tsc's diagnostic, exits 1 and leaves the earlier package as it was", async () => {
    // GIVEN an earlier package, then a type error in the sources
    await built;
    const before = Object.fromEntries(files(outdir).map((f) => [f, fs.readFileSync(path.join(outdir, f), "utf8")]));
    fs.appendFileSync(path.join(project, "lib", "core", "kept.ts"), 'export const broken: number = "not a number";\n');
    // WHEN the package is built
    const result = await buildPackage([1]);
    // THEN tsc's diagnostic and the reason are printed, and the earlier package is untouched, with no staging folder left
    expect(result.stderr).toMatch(/^lib\/core\/kept\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'\.$/m);
    expect(result.stderr.trimEnd().split("\n").pop()).toBe("build-engine: the TypeScript sources do not compile (errors above); nothing was written.");
    expect(Object.fromEntries(files(outdir).map((f) => [f, fs.readFileSync(path.join(outdir, f), "utf8")]))).toEqual(before);
    expect(fs.readdirSync(path.dirname(outdir)).filter((name) => name.startsWith(`${path.basename(outdir)}.`))).toEqual([]);
  });

  it("refuses a folder that holds something else, naming it", () => {
    // GIVEN a folder with a file of its own
    const other = `${project}-other`;
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, "notes.txt"), "mine\n");
    try {
      // WHEN the package is built into it
      const run = spawnSync(process.execPath, [path.join(project, "bin", "build-engine.js"), "cdktf", other], { cwd: project, encoding: "utf8" });
      // THEN it exits 2 before compiling, and the folder keeps its file
      expect({ status: run.status, stderr: run.stderr }).toEqual({
        status: 2,
        stderr: `build-engine: ${other} is not empty and is not an earlier mediaconvert-role-cdktf build; name an empty or new folder.\n`,
      });
      expect(fs.readdirSync(other)).toEqual(["notes.txt"]);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
