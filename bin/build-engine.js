#!/usr/bin/env node
// `node bin/build-engine.js <engine> <outdir>`: the package of one engine as a folder that
// `npm pack <outdir>` and `npm publish <outdir>` take as it is (`npm run package` packs both):
// `cdktf` is this package (mediaconvert-role-cdktf), `cdktn` the CDK Terrain one. The folder holds
// exactly what npm packs from it:
//   - dist/: main.ts and lib/ compiled afresh into it (tsconfig.build.json, without tsc's build
//     info), never copied from the repository's dist/, so compiled files of a deleted source, or
//     edited by hand, cannot ship; no source maps, so nothing points at a file that is not shipped.
//     The type-check is `tsc -b`'s (bin/compile.js: incremental, so nothing to do when dist/ is
//     current); the fresh compile then only emits (`--noCheck`, 3 CPU-seconds instead of 5);
//   - the other files of `files`, as `npm pack --dry-run` lists them for the repository;
//   - a package.json for users: the published fields only (no scripts, no devDependencies), so
//     `npm install` of the package runs and reports no install script; its bin executable;
//   - for cdktn, the module names in dist/lib/core/engine.js and engine.d.ts, the one file that
//     imports the engine (`cdktf` -> `cdktn`, `@cdktf/provider-aws/` -> `@cdktn/provider-aws/`),
//     and its own name, bin and peer dependencies.
// <outdir> is replaced whole; it must be empty, missing, or an earlier output of this script. A
// failed build (a compile error, say) leaves it as it was.
"use strict";
const { execFile } = require("child_process");
const fs = require("fs");
const path = require("path");

const { compileOrExit, root } = require("./compile");

const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

/** The packages this script builds; cdktf is the repository's own. */
const ENGINES = {
  cdktf: {
    name: pkg.name,
    description: pkg.description,
    keywords: pkg.keywords,
    specifiers: [],
    peerDependencies: pkg.peerDependencies,
  },
  cdktn: {
    name: "mediaconvert-role-cdktn",
    description: "CDK Terrain (cdktn) constructs for the AWS Elemental MediaConvert IAM service role",
    keywords: [...new Set(["cdktn", "cdk-terrain", ...pkg.keywords.filter((k) => !/cdktf|cdk-for-terraform/.test(k))])],
    /** [from, to]: module specifiers in the engine file, matched inside their quotes. */
    specifiers: [
      ['"cdktf"', '"cdktn"'],
      ['"@cdktf/provider-aws/', '"@cdktn/provider-aws/'],
    ],
    peerDependencies: {
      "@cdktn/provider-aws": ">=25.0.0 <26.0.0",
      cdktn: ">=0.24.0 <0.25.0",
      constructs: ">=10.6.0 <10.8.0",
    },
  },
};

const ENGINE_FILES = ["dist/lib/core/engine.js", "dist/lib/core/engine.d.ts"];

function fail(message, code = 1) {
  console.error(`build-engine: ${message}`);
  process.exit(code);
}

/** Runs a program to its end; resolves with its stdout, rejects when it fails (its stderr went to ours). */
function run(file, args, cwd) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, shell: process.platform === "win32" && file === "npm" }, (error, stdout, stderr) => {
      process.stderr.write(stderr);
      if (error) reject(error);
      else resolve(stdout);
    });
  });
}

/** The files `npm pack` takes from `dir`, relative to it (npm's own `files` matching). */
async function packedFiles(dir) {
  const out = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], dir);
  return JSON.parse(out)[0].files.map((f) => f.path);
}

function walk(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join("/")];
  });
}

/** Removes the files under `dir` that npm would not pack, and the folders left empty. */
async function prune(dir) {
  const kept = new Set(await packedFiles(dir));
  for (const file of walk(dir)) if (!kept.has(file)) fs.rmSync(path.join(dir, file));
  const removeEmpty = (folder) => {
    for (const e of fs.readdirSync(folder, { withFileTypes: true })) if (e.isDirectory()) removeEmpty(path.join(folder, e.name));
    if (folder !== dir && fs.readdirSync(folder).length === 0) fs.rmdirSync(folder);
  };
  removeEmpty(dir);
}

async function build(engine, staging) {
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  // The compile and npm's list of the repository's files run side by side.
  const [compiled, repositoryFiles] = await Promise.allSettled([
    run(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json"), "--outDir", path.join(staging, "dist"), "--incremental", "false", "--noCheck"], root),
    packedFiles(root),
  ]);
  if (compiled.status === "rejected") {
    process.stderr.write(compiled.reason.stdout ?? "");
    throw new Error("tsc could not write the compiled files (errors above); nothing was written.");
  }
  if (repositoryFiles.status === "rejected") throw new Error(`npm pack --dry-run failed in ${root} (above).`);

  for (const file of repositoryFiles.value.filter((f) => f !== "package.json" && !f.startsWith("dist/"))) {
    fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(staging, file));
  }

  if (engine.specifiers.length > 0) {
    for (const file of ENGINE_FILES) {
      const full = path.join(staging, file);
      let text = fs.readFileSync(full, "utf8");
      for (const [from, to] of engine.specifiers) {
        if (!text.includes(from)) throw new Error(`${file} has no ${from}: the engine file changed; update ENGINES in bin/build-engine.js.`);
        text = text.split(from).join(to);
      }
      fs.writeFileSync(full, text);
    }
    // Only the engine file may name the engine: any other compiled file that does would still load cdktf.
    const leftovers = walk(path.join(staging, "dist"))
      .map((f) => `dist/${f}`)
      .filter((f) => !ENGINE_FILES.includes(f))
      .filter((f) => /(?:require\(|from |import\()"(?:cdktf|@cdktf\/)/.test(fs.readFileSync(path.join(staging, f), "utf8")));
    if (leftovers.length > 0) throw new Error(`${leftovers.join(", ")} import cdktf directly; import from lib/core/engine.ts instead.`);
  }

  const manifest = {
    name: engine.name,
    version: pkg.version,
    description: engine.description,
    license: pkg.license,
    keywords: engine.keywords,
    repository: pkg.repository,
    engines: pkg.engines,
    main: pkg.main,
    types: pkg.types,
    typesVersions: pkg.typesVersions,
    exports: pkg.exports,
    bin: Object.fromEntries(Object.values(pkg.bin).map((target) => [engine.name, target])),
    files: pkg.files,
    peerDependencies: engine.peerDependencies,
    dependencies: pkg.dependencies,
  };
  fs.writeFileSync(path.join(staging, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  // npm packs a file's mode as it finds it, and tsc writes the bin's file without the execute bit.
  for (const target of Object.values(manifest.bin)) fs.chmodSync(path.join(staging, target), 0o755);
  // The compile also wrote what the package does not ship (dist/main.js, the repository's app).
  await prune(staging);
}

async function main(args) {
  const [engineName, outArg, ...rest] = args;
  const engine = Object.hasOwn(ENGINES, engineName) ? ENGINES[engineName] : undefined;
  if (!engine || !outArg || rest.length > 0) {
    fail(`usage: node bin/build-engine.js <engine> <outdir>, with <engine> one of ${Object.keys(ENGINES).join(", ")}.`, 2);
  }
  const outdir = path.resolve(outArg);
  if (root === outdir || root.startsWith(`${outdir}${path.sep}`)) fail(`${outArg} holds this repository; name a separate folder.`, 2);
  if (fs.existsSync(outdir) && fs.readdirSync(outdir).length > 0) {
    const pkgFile = path.join(outdir, "package.json");
    const earlier = fs.existsSync(pkgFile) && JSON.parse(fs.readFileSync(pkgFile, "utf8")).name === engine.name;
    if (!earlier) fail(`${outArg} is not empty and is not an earlier ${engine.name} build; name an empty or new folder.`, 2);
  }

  compileOrExit("build-engine");
  // Build next to the output, then swap it in: a failed build leaves an earlier output as it was.
  const staging = `${outdir}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    await build(engine, staging);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    fail(e.message);
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.renameSync(staging, outdir);
  console.log(`${engine.name}@${pkg.version} in ${outdir}`);
}

void main(process.argv.slice(2));
