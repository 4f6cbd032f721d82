#!/usr/bin/env node
// `node bin/build-engine.js cdktn <outdir>`: the package for another engine, as a folder `npm pack`
// and `npm install <outdir>` take. It is this package's compiled output (dist/, built first when
// stale) and files list, with two changes only:
//   - the module names in dist/lib/core/engine.js and engine.d.ts, the one file that imports the
//     engine (`cdktf` -> `cdktn`, `@cdktf/provider-aws/` -> `@cdktn/provider-aws/`);
//   - its own package.json: name, bin and peer dependencies of that engine.
// <outdir> is replaced whole; it must be empty, missing, or an earlier output of this script.
"use strict";
const fs = require("fs");
const path = require("path");
const { ensureBuilt, root } = require("./ensure-built");

/** The engines this script builds for; cdktf is the repository's own package. */
const ENGINES = {
  cdktn: {
    name: "mediaconvert-role-cdktn",
    description: "CDK Terrain (cdktn) constructs for the AWS Elemental MediaConvert IAM service role",
    keywords: ["cdktn", "cdk-terrain"],
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
/** Files npm packs whatever `files` says. */
const ALWAYS_PACKED = ["README.md", "LICENSE"];

function fail(message, code = 1) {
  console.error(`build-engine: ${message}`);
  process.exit(code);
}

/** A `files` pattern (`dir/**`, `dir/**\/*.js`, a plain path) as a regular expression on relative paths. */
function patternToRegExp(pattern) {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (pattern.startsWith("**/", i)) {
      source += "(?:.*/)?";
      i += 2;
    } else if (pattern.startsWith("**", i)) {
      source += ".*";
      i += 1;
    } else if (c === "*") source += "[^/]*";
    else source += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

function walk(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join("/")];
  });
}

function main(args) {
  const [engineName, outArg, ...rest] = args;
  const engine = ENGINES[engineName];
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

  ensureBuilt({ failed: "Build failed" });
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  // What `npm pack` takes: each `files` entry, a pattern walked from its folder, or a plain file.
  const packed = [
    ...ALWAYS_PACKED.filter((f) => fs.existsSync(path.join(root, f))),
    ...pkg.files.flatMap((entry) => {
      if (!entry.includes("*")) return fs.existsSync(path.join(root, entry)) ? [entry] : [];
      const folder = entry.slice(0, entry.indexOf("*")).replace(/\/[^/]*$/, "");
      const re = patternToRegExp(entry);
      return walk(path.join(root, folder)).map((f) => `${folder}/${f}`).filter((f) => re.test(f));
    }),
  ];

  // Build next to the output, then swap it in: a failed build leaves an earlier output as it was.
  const staging = `${outdir}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  for (const file of new Set(packed)) {
    fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(staging, file));
  }

  for (const file of ENGINE_FILES) {
    const full = path.join(staging, file);
    let text = fs.readFileSync(full, "utf8");
    for (const [from, to] of engine.specifiers) {
      if (!text.includes(from)) fail(`${file} has no ${from}: the engine file changed; update ENGINES in bin/build-engine.js.`);
      text = text.split(from).join(to);
    }
    fs.writeFileSync(full, text);
  }
  // Only the engine file may name the engine: any other compiled file that does would still load cdktf.
  const leftovers = walk(path.join(staging, "dist"))
    .map((f) => `dist/${f}`)
    .filter((f) => !ENGINE_FILES.includes(f))
    .filter((f) => /(?:require\(|from |import\()"(?:cdktf|@cdktf\/)/.test(fs.readFileSync(path.join(staging, f), "utf8")));
  if (leftovers.length > 0) fail(`${leftovers.join(", ")} import cdktf directly; import from lib/core/engine.ts instead.`);

  const manifest = {
    name: engine.name,
    version: pkg.version,
    description: engine.description,
    license: pkg.license,
    keywords: [...new Set([...engine.keywords, ...pkg.keywords.filter((k) => !/cdktf|cdk-for-terraform/.test(k))])],
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

  fs.rmSync(outdir, { recursive: true, force: true });
  fs.renameSync(staging, outdir);
  console.log(`${engine.name}@${pkg.version} in ${outdir}`);
}

main(process.argv.slice(2));
