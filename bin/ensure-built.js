// Compiles main.ts and lib/ into dist/ when any source differs from the one the last build was
// made from (a content hash, not timestamps): a synth never runs stale code, and never pays
// for type-checking when nothing changed. `npm pack` relies on it too (prepack, prepare), so
// dist/ must hold exactly what the current sources compile to, and nothing else:
//   - a build removes every file under dist/ that tsc would not emit from the current sources
//     (the .js, .js.map and .d.ts of a renamed or deleted .ts would otherwise stay, and ship);
//   - the stamp (dist/.source-hash) holds the source hash, the files the build left and a hash of
//     their contents; dist/ is current only while the sources hash the same and those files are
//     all there, unchanged. A stamp from other sources, of an older format, or missing means a
//     compile, so a stale stamp never lets stale code through.
// Editing dist/ by hand does matter: the next `npm pack` would ship the edit. dist/ is the
// compiler's output, not a place to patch code, so a file edited or deleted there makes the next
// check compile every file (tsc's incremental build info only knows what tsc wrote, and would not
// rewrite a file whose source is unchanged); a file added there is removed, with no compile.
// Checking costs a read of the sources and of dist/ (about 2 MB), and does not load TypeScript.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
const BUILD_CONFIG = "tsconfig.build.json";
/** Written after each build: the source hash, the files the build left in dist/, and their hash (JSON). */
const stampFile = path.join(dist, ".source-hash");
/**
 * Files directly in dist/ that are bookkeeping, not compiled output: the stamp, the stamp of the
 * generated files (lib/generators/generated.ts), the last API.md typedoc generated (bin/docs.js),
 * and tsc's incremental build info (the build's, and the type-check's of `npm test`).
 */
const isBookkeeping = (file) => [".source-hash", ".generated-hash", ".api-docs.json"].includes(file) || /^[^/]*\.tsbuildinfo$/.test(file);
/** What the compiled output is made from: the sources and the compiler settings (and the compiler, below). */
const SOURCES = ["main.ts", "lib", "tsconfig.json", BUILD_CONFIG];

function files(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => files(path.join(entry, name)));
}

function sourceHash() {
  const hash = crypto.createHash("sha256");
  hash.update(`typescript ${require("typescript/package.json").version}\0`);
  for (const file of SOURCES.flatMap(files)) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** The files under dist/ other than the bookkeeping, relative to dist/ with `/` separators, sorted. */
function distFiles(dir = dist, prefix = "") {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? distFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .filter((file) => !isBookkeeping(file));
}

function outputsHash(outputs) {
  const hash = crypto.createHash("sha256");
  for (const file of outputs) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(dist, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** The stamp of the last build, or undefined when there is none (or it is of an older format). */
function readStamp() {
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, "utf8"));
    return typeof stamp.sources === "string" && typeof stamp.outputs === "string" && Array.isArray(stamp.files) ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * dist/ as the last build left it: undefined when one of its files is gone or changed (or there
 * is no stamp); else the stamp and the files added since.
 */
function stampedOutputs() {
  const stamp = readStamp();
  if (stamp === undefined) return undefined;
  const present = new Set(distFiles());
  if (!stamp.files.every((file) => present.has(file)) || outputsHash(stamp.files) !== stamp.outputs) return undefined;
  const stamped = new Set(stamp.files);
  return { stamp, added: [...present].filter((file) => !stamped.has(file)) };
}

/** Removes these files (relative to dist/) and any folder of dist/ left empty. */
function remove(orphans) {
  for (const file of orphans) fs.rmSync(path.join(dist, file), { force: true });
  const dirs = new Set(orphans.flatMap((file) => file.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"))));
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) {
    const full = path.join(dist, dir);
    if (fs.existsSync(full) && fs.readdirSync(full).length === 0) fs.rmdirSync(full);
  }
}

/**
 * The build's settings as tsc reads them: what it emits from the current sources (relative to
 * dist/) and where it keeps its incremental build info. Loads TypeScript, so only when building.
 */
function buildSettings() {
  const ts = require("typescript");
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => console.error(ts.flattenDiagnosticMessageText(d.messageText, "\n")) };
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, BUILD_CONFIG), undefined, host);
  if (config === undefined) process.exit(1);
  const ignoreCase = !ts.sys.useCaseSensitiveFileNames;
  const toDist = (file) => path.relative(dist, path.resolve(root, file)).split(path.sep).join("/");
  const buildInfo = ts.getTsBuildInfoEmitOutputFilePath(config.options);
  return {
    config,
    outputs: [...new Set(config.fileNames.flatMap((source) => ts.getOutputFileNames(config, source, ignoreCase)).map(toDist))],
    buildInfo: buildInfo === undefined ? undefined : path.resolve(root, buildInfo),
  };
}

/**
 * Compiles as `tsc -p tsconfig.build.json` does (incrementally, emitting even when there are
 * errors), through TypeScript's API in this process: TypeScript is loaded already for the
 * settings, and a tsc process would load it again (half a CPU-second). Errors go to stderr as tsc
 * formats them; then it says `${failed}: ...` and exits.
 */
function tsc(failed, config) {
  const ts = require("typescript");
  const program = ts.createIncrementalProgram({
    rootNames: config.fileNames,
    options: config.options,
    projectReferences: config.projectReferences,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(config),
  });
  const syntactic = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSyntacticDiagnostics()];
  // As tsc: the semantic check only when the syntax is sound.
  const checked = syntactic.length > 0 ? syntactic : [...syntactic, ...program.getSemanticDiagnostics()];
  const errors = ts.sortAndDeduplicateDiagnostics([...checked, ...program.emit().diagnostics]).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length === 0) return;
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => "\n" };
  process.stderr.write((process.stderr.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics)(errors, host));
  console.error(`${failed}: the TypeScript sources do not compile (errors above); nothing was written.`);
  process.exit(1);
}

/**
 * Compiles main.ts and lib/ into dist/, removes what the sources no longer make, and stamps dist/;
 * exits on compile errors, saying `${failed}: ...` (what did not happen). Without `clean`, tsc
 * compiles only what changed, unless dist/ is not as the last build left it (then it compiles
 * every file).
 */
function build({ clean = false, failed = "Build failed" } = {}) {
  if (clean) fs.rmSync(dist, { recursive: true, force: true });
  compile(!clean && stampedOutputs() !== undefined, failed);
}

/** `build`, told whether dist/ is as the last build left it (tsc's build info then describes it). */
function compile(asLeft, failed) {
  const hash = sourceHash();
  const { config, outputs: expected, buildInfo } = buildSettings();
  const compileEveryFile = () => buildInfo !== undefined && fs.rmSync(buildInfo, { force: true });
  if (!asLeft) compileEveryFile();
  tsc(failed, config);
  const kept = new Set(buildInfo === undefined ? expected : [...expected, path.relative(dist, buildInfo).split(path.sep).join("/")]);
  remove(distFiles().filter((file) => !kept.has(file)));
  if (expected.some((file) => !fs.existsSync(path.join(dist, file)))) {
    // An output tsc left out because its build info says it is there (a build that stopped
    // before it stamped, say): compile every file.
    compileEveryFile();
    tsc(failed, config);
  }
  const outputs = distFiles();
  fs.writeFileSync(stampFile, JSON.stringify({ sources: hash, outputs: outputsHash(outputs), files: outputs }));
}

/**
 * Returns true when it compiled, false when dist/ was already current (files added to it since
 * the last build are removed then); exits on compile errors, saying `${failed}: ...`.
 */
function ensureBuilt({ failed = "Synth failed" } = {}) {
  const stamped = stampedOutputs();
  if (stamped !== undefined && stamped.stamp.sources === sourceHash()) {
    remove(stamped.added);
    return false;
  }
  compile(stamped !== undefined, failed);
  return true;
}

module.exports = { build, ensureBuilt, root, dist };
