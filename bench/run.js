#!/usr/bin/env node
// Whole-process benchmark of the synth and of the test suites: wall time and peak RSS of
//   (a) the `app` command of cdktf.json (what `cdktf synth` runs) on the default config,
//   (b) `npm run synth` on the default config,
//   (c) the floor: bench/floor, a minimal compiled cdktf app that synthesizes one IamRole,
//       and the same under npm (`npm run synth` in bench/floor): what npm alone adds to (b),
//   (d) the app on generated configs of 1, 10, 100 and 1000 roles in one stack,
//   (e) the first `npm run synth` on a fresh clone: `git clone` of the committed project, then
//       what `npm ci` does minus the download (node_modules is linked instead of installed, which
//       would take minutes and need the registry): its `prepare` script (compile, stamp the
//       generated files; timed apart), then one `npm run synth`. One fresh clone per round.
//   (f) synth at scale: the app on 500 and on 5,000 roles (IAM's per-account maximum) over five
//       stacks, and the growth 500 -> 5,000. No target: shown so that a regression is visible.
//       In rounds of their own (default 3; a 5,000-role synth takes seconds).
//   (g) derive over 10,000 job documents (bench/derive.js says how), in rounds of their own
//       (default 3, after a warm-up round); targets: at most 5 s and 400 MiB peak RSS.
//   (h) verify of one job against --help, the compiled bin (bench/verify.js says how), in rounds of
//       their own (default 5, after a warm-up round); target: under twice the time of --help.
//   tests: wall time of `npm test` and of `npm run test:unit`, and the slowest single suite,
//       in a clone of the committed project (bench/tests.js says how), in rounds of their own
//       (default 3; one `npm test` takes minutes).
// All synth commands of (a)-(d) run interleaved in rounds (a warm-up round first), so that drift
// on a shared machine hits them alike; figures are medians over the rounds, ratios are medians of
// the per-round ratios.
//
// The synth runs happen in a scratch copy of the project (node_modules linked, dist/ built first):
// `npm run synth` also rewrites the committed generated files (modules/, the config schema),
// and the repository must stay untouched. Every run writes to a fresh temporary CDKTF_OUTDIR.
//
// Peak RSS comes from node itself: bench/peak-rss.js is preloaded into every node process
// (NODE_OPTIONS) and records process.resourceUsage() at exit; for `npm run synth` the peak RSS
// is that of the synth node process, not of npm. The CPU time (user + system, summed over the
// node processes of a run, npm included) is shown too: on a busy machine it varies far less
// than wall time.
//
// Usage: npm run bench [-- options]
//   --runs N         measured rounds of (a)-(d) (default 5)
//   --scale-runs N   rounds of (f) (default 3)
//   --test-runs N    rounds of the test suites (default 3)
//   --derive-runs N  rounds of (g) (default 3)
//   --skip-scale     leave out (f)
//   --skip-derive    leave out (g)
//   --skip-tests     leave out the test suites
//   --quick          one round of everything, no warm-up, bench/RESULTS.md left as it is
//                    (with --skip-tests about a minute on this machine; npm test alone takes minutes)
// bench/RESULTS.md is written unless --quick; a part left out with --skip-* says so there.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { compileOrExit, root } = require("../bin/compile");
const tests = require("./tests");
const derive = require("./derive");
const verify = require("./verify");

const ROLE_COUNTS = [1, 10, 100, 1000];
/** (f): role counts spread evenly over SCALE_STACKS stacks; 5,000 is IAM's default per-account quota of roles. */
const SCALE_ROLE_COUNTS = [500, 5000];
const SCALE_STACKS = 5;
const PRELOAD = path.join(__dirname, "peak-rss.js");
const RESULTS_FILE = path.join(__dirname, "RESULTS.md");
/** Not copied into the scratch project: dependencies (linked instead), history, outputs. */
const NOT_COPIED = new Set(["node_modules", ".git", ".terraform", "coverage"]);

const TARGETS = {
  appOverFloor: 1.5,
  npmOverFloor: 2,
  thousandRolesMs: 10_000,
  thousandRolesMiB: 600,
  firstSynthMs: 1000,
  growth100To1000: 12,
};

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const options = { runs: 5, scaleRuns: 3, testRuns: 3, deriveRuns: 3, warmup: true, writeResults: true, scale: true, tests: true, derive: true };
  const counts = {};
  const count = (name, value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) fail(`--${name} takes a whole number of at least 1, got ${JSON.stringify(value)}.`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const numeric = /^--(runs|scale-runs|test-runs|derive-runs)(?:=(.*))?$/.exec(arg);
    if (arg === "--quick") {
      Object.assign(options, { runs: 1, scaleRuns: 1, testRuns: 1, deriveRuns: 1, warmup: false, writeResults: false });
    } else if (numeric) {
      counts[numeric[1]] = count(numeric[1], numeric[2] ?? argv[++i]);
    } else if (arg === "--skip-scale") {
      options.scale = false;
    } else if (arg === "--skip-derive") {
      options.derive = false;
    } else if (arg === "--skip-tests") {
      options.tests = false;
    } else if (arg === "--help" || arg === "-h") {
      console.log("Usage: node bench/run.js [--runs N] [--scale-runs N] [--test-runs N] [--derive-runs N] [--skip-scale] [--skip-tests] [--skip-derive] [--quick]");
      process.exit(0);
    } else {
      fail(`Unknown option ${JSON.stringify(arg)}. Use --runs N, --scale-runs N, --test-runs N, --derive-runs N, --skip-scale, --skip-tests, --skip-derive or --quick.`);
    }
  }
  if (counts.runs !== undefined) options.runs = counts.runs;
  if (counts["scale-runs"] !== undefined) options.scaleRuns = counts["scale-runs"];
  if (counts["derive-runs"] !== undefined) options.deriveRuns = counts["derive-runs"];
  if (counts["test-runs"] !== undefined) options.testRuns = counts["test-runs"];
  return options;
}

/** A problem with the benchmark's inputs or a run: reported as one message, without a stack trace. */
class BenchError extends Error {}

function fail(message) {
  throw new BenchError(message);
}

// ---------------------------------------------------------------------------------------------
// The scratch project and what is measured in it

/** Copies the project (dist/ included) into a temporary directory, linking node_modules. */
function scratchProject() {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "mediaconvert-bench-project-"));
  fs.cpSync(root, project, {
    recursive: true,
    preserveTimestamps: true,
    filter: (src) => {
      const name = path.basename(src);
      return !NOT_COPIED.has(name) && !name.startsWith("cdktf.out") && !name.endsWith(".tfstate");
    },
  });
  fs.symlinkSync(path.join(root, "node_modules"), path.join(project, "node_modules"), "dir");
  // The copy carries dist/ with its sources' timestamps, so tsc's build mode finds it current.
  require(path.join(project, "bin", "compile")).compileOrExit("bench failed");
  return project;
}

/** A config of `count` roles with distinct valid names, spread evenly over `stacks` stacks. */
function rolesConfig(count, stacks = 1) {
  const roles = Array.from({ length: count }, (_, i) => ({ roleName: `MediaConvert_Bench_${String(i + 1).padStart(4, "0")}` }));
  const perStack = Math.ceil(count / stacks);
  return {
    stacks: Array.from({ length: stacks }, (_, s) => ({
      name: stacks === 1 ? "bench" : `bench-${s + 1}`,
      region: "us-east-1",
      roles: roles.slice(s * perStack, (s + 1) * perStack),
    })),
  };
}

/** The `app` of the cdktf.json in `dir`, e.g. `node main.js`, as a command; `script` is its file. */
function appCommand(dir) {
  const app = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.json"), "utf8")).app;
  const [program, script, ...rest] = app.split(/\s+/);
  if (program !== "node" || !script) fail(`cannot run the app ${JSON.stringify(app)}: expected "node <script> ...".`);
  const scriptPath = path.resolve(dir, script);
  return { file: process.execPath, args: [scriptPath, ...rest], cwd: dir, script: scriptPath, commandLine: app };
}

function commands(project, configDir) {
  const app = appCommand(project);
  const floor = appCommand(path.join(project, "bench", "floor"));
  const list = [
    { key: "a", label: `(a) cdktf.json app: ${app.commandLine}`, ...app, env: {} },
    // npm starts the same script (its `synth` script runs it); peak RSS is that process's.
    { key: "b", label: "(b) npm run synth", file: "npm", args: ["run", "synth"], cwd: project, script: app.script, env: {} },
    { key: "c", label: "(c) floor: bench/floor", ...floor, env: {}, expectRoles: 1 },
    { key: "cNpm", label: "(c) floor under npm: npm run synth in bench/floor", file: "npm", args: ["run", "synth"], cwd: floor.cwd, script: floor.script, env: {}, expectRoles: 1 },
  ];
  for (const count of ROLE_COUNTS) {
    const config = path.join(configDir, `roles-${count}.json`);
    fs.writeFileSync(config, JSON.stringify(rolesConfig(count)));
    list.push({
      key: `roles${count}`,
      label: `(d) ${count} role${count === 1 ? "" : "s"}`,
      ...app,
      env: { MEDIACONVERT_CONFIG: config },
      expectRoles: count,
      roles: count,
    });
  }
  return list;
}

/** (f): the app on SCALE_ROLE_COUNTS roles over SCALE_STACKS stacks. */
function scaleCommands(project, configDir) {
  const app = appCommand(project);
  return SCALE_ROLE_COUNTS.map((count) => {
    const config = path.join(configDir, `scale-${count}.json`);
    fs.writeFileSync(config, JSON.stringify(rolesConfig(count, SCALE_STACKS)));
    return { key: `scale${count}`, label: `(f) ${count} roles, ${SCALE_STACKS} stacks`, ...app, env: { MEDIACONVERT_CONFIG: config }, expectRoles: count, roles: count };
  });
}

// ---------------------------------------------------------------------------------------------
// Running

/**
 * The environment of a run: no npm_* variables (under `npm run bench` they point npm at the
 * repository, not at the scratch copy), no MEDIACONVERT_CONFIG unless the command sets one.
 */
function runEnvironment(command, outdir, rssFile) {
  return {
    ...tests.cleanEnvironment(),
    ...command.env,
    CDKTF_OUTDIR: outdir,
    BENCH_PEAK_RSS_FILE: rssFile,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require=${PRELOAD}`.trim(),
  };
}

/** Runs one command once in a fresh output directory: wall time (ms), peak RSS (MiB), CPU time (ms). */
function measure(command) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mediaconvert-bench-run-"));
  const outdir = path.join(tmp, "cdktf.out");
  const rssFile = path.join(tmp, "peak-rss.jsonl");
  const env = runEnvironment(command, outdir, rssFile);
  try {
    const start = process.hrtime.bigint();
    const result = spawnSync(command.file, command.args, { cwd: command.cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    if (result.status !== 0) {
      throw new Error(`${command.label} exited with ${result.status ?? result.signal}:\n${result.stdout}${result.stderr}`);
    }
    (command.check ?? checkOutput)(command, outdir, result);
    return { wallMs, ...usage(command, rssFile) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Makes sure the run synthesized what it should: every stack file, and the expected roles. */
function checkOutput(command, outdir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  let roles = 0;
  for (const stack of Object.values(manifest.stacks)) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), "utf8"));
    roles += Object.keys(json.resource?.aws_iam_role ?? {}).length;
  }
  if (roles === 0 || (command.expectRoles !== undefined && roles !== command.expectRoles)) {
    throw new Error(`${command.label}: synthesized ${roles} aws_iam_role resources, expected ${command.expectRoles ?? "at least 1"}.`);
  }
}

/** Peak RSS (MiB) of the measured script's process, CPU time (ms) of all node processes of the run. */
function usage(command, rssFile) {
  const records = fs.existsSync(rssFile)
    ? fs.readFileSync(rssFile, "utf8").trim().split("\n").map((line) => JSON.parse(line))
    : [];
  const own = records.filter((r) => r.script === command.script);
  if (own.length === 0) throw new Error(`${command.label}: no peak RSS recorded for ${command.script}.`);
  return {
    rssMiB: Math.max(...own.map((r) => r.maxRssKiB)) / 1024,
    cpuMs: records.reduce((sum, r) => sum + r.cpuMicros, 0) / 1000,
  };
}

function runRounds(list, options, prefix = "") {
  const samples = Object.fromEntries(list.map((c) => [c.key, []]));
  const rounds = (options.warmup ? 1 : 0) + options.runs;
  for (let round = 0; round < rounds; round++) {
    const warmup = options.warmup && round === 0;
    process.stdout.write(`${prefix}${warmup ? "warm-up" : `round ${round + (options.warmup ? 0 : 1)}/${options.runs}`}`);
    // Rotate the order each round, so that no command always runs first or after the biggest.
    const order = list.map((_, i) => list[(i + round) % list.length]);
    for (const command of order) {
      const sample = measure(command);
      if (!warmup) samples[command.key].push(sample);
      process.stdout.write(".");
    }
    process.stdout.write("\n");
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------
// Figures

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median over rounds of the ratio between two commands measured in the same round. */
function pairedRatio(samples, over, under, field) {
  return median(samples[over].map((s, i) => s[field] / samples[under][i][field]));
}

/** Per command: medians over the rounds of wall time, peak RSS and CPU time, and the wall time's range. */
function rowsOf(list, samples) {
  return list.map((c) => {
    const of = (field) => samples[c.key].map((s) => s[field]);
    return {
      label: c.label,
      key: c.key,
      roles: c.roles,
      wallMs: median(of("wallMs")),
      minMs: Math.min(...of("wallMs")),
      maxMs: Math.max(...of("wallMs")),
      rssMiB: median(of("rssMiB")),
      cpuMs: median(of("cpuMs")),
    };
  });
}

function summarize(list, samples) {
  const rows = rowsOf(list, samples);
  const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
  const ratio = (over, under) => ({
    wall: pairedRatio(samples, over, under, "wallMs"),
    rss: pairedRatio(samples, over, under, "rssMiB"),
    cpu: pairedRatio(samples, over, under, "cpuMs"),
  });
  const ratios = { app: ratio("a", "c"), npm: ratio("b", "c"), npmFloor: ratio("cNpm", "c"), growth: ratio("roles1000", "roles100") };
  const thousand = byKey.roles1000;
  const targets = [
    { name: "(a) at most 1.5x the floor (c), wall time", value: fmtRatio(ratios.app.wall), pass: ratios.app.wall <= TARGETS.appOverFloor },
    { name: "(b) at most 2x the floor (c), wall time, no source changed", value: fmtRatio(ratios.npm.wall), pass: ratios.npm.wall <= TARGETS.npmOverFloor },
    { name: "1000 roles in at most 10 s", value: fmtMs(thousand.wallMs), pass: thousand.wallMs <= TARGETS.thousandRolesMs },
    { name: "1000 roles in at most 600 MiB peak RSS", value: fmtMiB(thousand.rssMiB), pass: thousand.rssMiB <= TARGETS.thousandRolesMiB },
    { name: "time from 100 to 1000 roles grows at most 12x", value: fmtRatio(ratios.growth.wall), pass: ratios.growth.wall <= TARGETS.growth100To1000 },
  ];
  return { rows, ratios, targets };
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const fmtMiB = (mib) => `${mib.toFixed(1)} MiB`;
const fmtRatio = (r) => `${r.toFixed(2)}x`;

/** A Markdown table (also readable as plain text): rows of cells, the first row the header. */
function table(rows) {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(rows[0]), line(widths.map((w) => "-".repeat(w))), ...rows.slice(1).map(line)].join("\n");
}

function report({ rows, ratios }, runs) {
  // What each role beyond the first costs: (figure at n roles - figure at 1 role) / (n - 1).
  const one = rows.find((r) => r.roles === 1);
  const perAddedRole = (r) =>
    `${((r.wallMs - one.wallMs) / (r.roles - 1)).toFixed(2)} ms, ${(((r.rssMiB - one.rssMiB) * 1024) / (r.roles - 1)).toFixed(0)} KiB`;
  const figures = table([
    ["command", `wall time, median of ${runs}`, "min – max", "peak RSS, median", "CPU time, median", "per added role (wall, RSS)"],
    ...rows.map((r) => [
      r.label,
      fmtMs(r.wallMs),
      `${fmtMs(r.minMs)} – ${fmtMs(r.maxMs)}`,
      fmtMiB(r.rssMiB),
      fmtMs(r.cpuMs),
      r.roles > 1 ? perAddedRole(r) : "",
    ]),
  ]);
  const ratioRow = (name, r, withRss = true) => [name, fmtRatio(r.wall), withRss ? fmtRatio(r.rss) : "", fmtRatio(r.cpu)];
  const ratioTable = table([
    ["ratio (median of per-round ratios)", "wall time", "peak RSS", "CPU time"],
    ratioRow("(a) / (c)", ratios.app),
    ratioRow("(b) / (c)", ratios.npm),
    ratioRow("floor under npm / (c): the least (b) / (c) can be", ratios.npmFloor),
    ratioRow("1000 roles / 100 roles", ratios.growth, false),
  ]);
  return { figures, ratioTable };
}

/** The targets of every part; `pass` undefined means the figure was not available. */
function targetTable(targets) {
  const result = (t) => (t.pass === undefined ? "not available" : t.pass ? "pass" : "FAIL");
  return table([["target", "measured", "result"], ...targets.map((t) => [t.name, t.value, result(t)])]);
}

// ---------------------------------------------------------------------------------------------
// (e) The first synth on a fresh clone

/** One fresh clone: `npm run prepare` as `npm ci` runs it, then the first `npm run synth`, timed. */
function firstSynthOnFreshClone() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mediaconvert-bench-clone-"));
  const clone = path.join(tmp, "clone");
  try {
    const cloned = spawnSync("git", ["clone", "-q", "--no-hardlinks", root, clone], { encoding: "utf8" });
    if (cloned.status !== 0) fail(`git clone failed: ${cloned.stderr.trim()}`);
    fs.symlinkSync(path.join(root, "node_modules"), path.join(clone, "node_modules"), "dir");
    const env = runEnvironment({ env: {} }, path.join(tmp, "unused"), path.join(tmp, "unused.jsonl"));
    delete env.NODE_OPTIONS;
    const started = process.hrtime.bigint();
    const prepared = spawnSync("npm", ["run", "prepare"], { cwd: clone, env, encoding: "utf8" });
    const prepareMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (prepared.status !== 0) fail(`npm run prepare failed in the fresh clone:\n${prepared.stdout}${prepared.stderr}`);
    const command = { key: "first", label: "(e) first npm run synth on a fresh clone", file: "npm", args: ["run", "synth"], cwd: clone, script: path.join(clone, "bin", "synth.js"), env: {} };
    return { prepareMs, ...measure(command) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function freshCloneRounds(runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(firstSynthOnFreshClone());
  const pick = (field) => median(samples.map((s) => s[field]));
  const first = { wallMs: pick("wallMs"), minMs: Math.min(...samples.map((s) => s.wallMs)), maxMs: Math.max(...samples.map((s) => s.wallMs)), rssMiB: pick("rssMiB"), cpuMs: pick("cpuMs") };
  return { first, prepareMs: pick("prepareMs"), runs };
}

function freshCloneTable(fresh) {
  return table([
    ["fresh clone (median of " + fresh.runs + ")", "wall time", "min – max", "peak RSS", "CPU time"],
    ["npm run prepare (what npm ci runs after installing; not part of the target)", fmtMs(fresh.prepareMs), "", "", ""],
    ["(e) first npm run synth after it", fmtMs(fresh.first.wallMs), `${fmtMs(fresh.first.minMs)} – ${fmtMs(fresh.first.maxMs)}`, fmtMiB(fresh.first.rssMiB), fmtMs(fresh.first.cpuMs)],
  ]);
}

// ---------------------------------------------------------------------------------------------
// (f) Synth at scale

/** What issue 11 measured for 5,000 roles over five stacks, to compare with by eye. */
const SCALE_REFERENCE = { wall: "7.4 s", rss: "372 MiB", growth: "5.2x" };

function scaleTable(list, samples, runs) {
  const [small, large] = SCALE_ROLE_COUNTS.map((n) => `scale${n}`);
  const growth = { wall: pairedRatio(samples, large, small, "wallMs"), rss: pairedRatio(samples, large, small, "rssMiB"), cpu: pairedRatio(samples, large, small, "cpuMs") };
  const reference = { [small]: "", [large]: `${SCALE_REFERENCE.wall}, ${SCALE_REFERENCE.rss}` };
  return table([
    ["command", `wall time, median of ${runs}`, "min – max", "peak RSS, median", "CPU time, median", "issue 11 measured"],
    ...rowsOf(list, samples).map((r) => [r.label, fmtMs(r.wallMs), `${fmtMs(r.minMs)} – ${fmtMs(r.maxMs)}`, fmtMiB(r.rssMiB), fmtMs(r.cpuMs), reference[r.key]]),
    [`${SCALE_ROLE_COUNTS[1]} roles / ${SCALE_ROLE_COUNTS[0]} roles (median of per-round ratios)`, fmtRatio(growth.wall), "", fmtRatio(growth.rss), fmtRatio(growth.cpu), `${SCALE_REFERENCE.growth} (wall)`],
  ]);
}

// ---------------------------------------------------------------------------------------------
// Machine and RESULTS.md

function capture(file, args) {
  const result = spawnSync(file, args, { cwd: root, encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The commit the scratch copy was taken from, and whether the app's sources differed from it. */
function codeVersion() {
  const commit = capture("git", ["rev-parse", "--short", "HEAD"]);
  const dirty = capture("git", ["status", "--porcelain", "--", "main.ts", "lib", "bin", "package.json", "package-lock.json", "cdktf.json"]);
  return commit ? `${commit}${dirty ? " with uncommitted changes to the app's sources" : ""}` : "unknown";
}

function machine(load, code) {
  const cpus = os.cpus();
  return [
    ["date", new Date().toISOString()],
    ["cpu", `${cpus[0]?.model ?? "unknown"}, ${cpus.length} cores`],
    ["memory", `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`],
    ["os", `${os.type()} ${os.release()} ${os.arch()}`],
    ["node", process.version],
    ["npm", capture("npm", ["--version"]) ?? "unknown"],
    ["load average (1 min)", `${load.before.toFixed(2)} before, ${load.after.toFixed(2)} after the synth runs`],
    ...(load.tests ? [["load average (1 min), test runs", `${load.tests.before.toFixed(2)} before, ${load.tests.after.toFixed(2)} after`]] : []),
    ["code", code],
  ];
}

function writeResults(machineRows, tables, options) {
  const text = [
    "# Benchmark: latest figures",
    "",
    "Written by `npm run bench` (bench/run.js); rerun it to refresh. Synth: whole-process wall time, peak",
    "RSS (node's `process.resourceUsage().maxRSS` of the synth node process, not of npm) and CPU time",
    `(user + system of all node processes of a run), medians of ${options.runs} interleaved rounds${options.warmup ? " after a warm-up round" : ""}.`,
    "The runs use a scratch copy of the project and a fresh temporary CDKTF_OUTDIR each. Targets are",
    "judged on wall time; on a busy machine (see the load average) the CPU time is the steadier comparison.",
    "",
    "## Machine",
    "",
    ...machineRows.map(([key, value]) => `- ${key}: ${value}`),
    "",
    "## Figures",
    "",
    tables.figures,
    "",
    tables.ratioTable,
    "",
    "## First synth on a fresh clone",
    "",
    "A `git clone` of the committed project with node_modules linked (standing in for the download of",
    "`npm ci`), then `npm run prepare` as `npm ci` runs it, then one timed `npm run synth`.",
    "",
    tables.freshTable,
    "",
    "## Synth at scale",
    "",
    `The app on ${SCALE_ROLE_COUNTS.join(" and ")} roles spread over ${SCALE_STACKS} stacks (${SCALE_ROLE_COUNTS[1]} is IAM's default per-account quota of roles),`,
    `in rounds of their own (medians of ${options.scaleRuns}, no warm-up). No target: shown so that a regression is visible.`,
    "",
    tables.scaleTable ?? "Not measured in this run (--skip-scale).",
    "",
    "## Derive",
    "",
    `\`mediaconvert-role-cdktf derive\` (the compiled bin, a dry run) over ${derive.DERIVE_JOBS.toLocaleString("en-US")} job documents: a directory of job files and one`,
    "list-jobs output generated by `__tests__/support/job-corpus.js` (bench/derive.js says how), in rounds of",
    `their own (medians of ${options.deriveRuns}${options.warmup ? " after a warm-up round" : ""}).`,
    "",
    tables.deriveTable ?? "Not measured in this run (--skip-derive).",
    "",
    "## Verify",
    "",
    "`mediaconvert-role-cdktf verify` of one job against its role in a config, and `mediaconvert-role-cdktf --help`",
    `(the compiled bin, bench/verify.js says how), interleaved, medians of ${options.runs}${options.warmup ? " after a warm-up round" : ""}.`,
    "",
    tables.verifyTable,
    "",
    "## Test suites",
    "",
    "`npm test` (type-check, jest, every Terraform suite) and `npm run test:unit` (the fast loop without",
    "Terraform) in a `git clone` of the committed project (node_modules linked, `npm run prepare` first,",
    `not timed), interleaved, medians of ${options.testRuns} rounds without a warm-up (the first starts with jest's`,
    "transform cache cold, as on a clean clone). Suite durations are jest's per-file `perfStats` from",
    "`npm test -- --json`.",
    "",
    ...(tables.tests ? [tables.tests.commands, "", tables.tests.suites, "", tables.tests.load] : ["Not measured in this run (--skip-tests)."]),
    "",
    "## Targets",
    "",
    tables.targetTable,
    "",
  ].join("\n");
  fs.writeFileSync(RESULTS_FILE, text);
}

// ---------------------------------------------------------------------------------------------

function main() {
  const options = parseArgs(process.argv.slice(2));
  compileOrExit("bench failed");
  const code = codeVersion();
  const project = scratchProject();
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), "mediaconvert-bench-configs-"));
  try {
    const list = commands(project, configDir);
    const load = { before: os.loadavg()[0] };
    const samples = runRounds(list, options);
    const fresh = freshCloneRounds(options.warmup ? Math.min(options.runs, 3) : 1);
    const summary = summarize(list, samples);
    summary.targets.push({
      name: `(e) first npm run synth on a fresh clone <= ${fmtMs(TARGETS.firstSynthMs)}`,
      value: fmtMs(fresh.first.wallMs),
      pass: fresh.first.wallMs <= TARGETS.firstSynthMs,
    });
    const tables = report(summary, options.runs);
    tables.freshTable = freshCloneTable(fresh);
    if (options.scale) {
      const scaleList = scaleCommands(project, configDir);
      const scaleSamples = runRounds(scaleList, { runs: options.scaleRuns, warmup: false }, "(f) at scale, ");
      tables.scaleTable = scaleTable(scaleList, scaleSamples, options.scaleRuns);
    }
    if (options.derive) {
      const corpus = derive.deriveCorpus(root, path.join(configDir, "derive-corpus"));
      console.log(`(g) ${corpus.summary}`);
      const deriveList = [derive.deriveCommand(project, corpus, configDir)];
      const deriveSamples = runRounds(deriveList, { runs: options.deriveRuns, warmup: options.warmup }, "(g) derive, ");
      const { table: deriveTable, targets: deriveTargets } = derive.deriveReport(rowsOf(deriveList, deriveSamples)[0], options.deriveRuns, { table, ms: fmtMs, mib: fmtMiB });
      tables.deriveTable = deriveTable;
      summary.targets.push(...deriveTargets);
    }
    {
      const verifyList = verify.verifyCommands(project, configDir);
      const verifySamples = runRounds(verifyList, { runs: options.runs, warmup: options.warmup }, "(h) verify, ");
      const ratio = pairedRatio(verifySamples, "verify", "help", "wallMs");
      const { table: verifyTable, targets: verifyTargets } = verify.verifyReport(rowsOf(verifyList, verifySamples), ratio, options.runs, { table, ms: fmtMs, mib: fmtMiB });
      tables.verifyTable = verifyTable;
      summary.targets.push(...verifyTargets);
    }
    load.after = os.loadavg()[0];
    if (options.tests) {
      const testSummary = tests.summarizeTests(tests.measureTests(root, options.testRuns));
      load.tests = testSummary.load;
      tables.tests = tests.testTables(testSummary);
      summary.targets.push(...testSummary.targets);
    }
    tables.targetTable = targetTable(summary.targets);
    console.log(`\n${tables.figures}\n\n${tables.ratioTable}\n\n${tables.freshTable}\n`);
    if (tables.scaleTable) {
      console.log(`(f) synth at scale: ${options.scaleRuns} round${options.scaleRuns === 1 ? "" : "s"} of its own, no warm-up (a ${SCALE_ROLE_COUNTS[1]}-role synth takes seconds); no target.\n${tables.scaleTable}\n`);
    }
    if (tables.deriveTable) console.log(`${tables.deriveTable}\n`);
    console.log(`${tables.verifyTable}\n`);
    if (tables.tests) {
      console.log(`Test suites: ${options.testRuns} round${options.testRuns === 1 ? "" : "s"}, in a clone of the committed project (${code}).\n${tables.tests.commands}\n\n${tables.tests.suites}\n\n${tables.tests.load}\n`);
    }
    console.log(`${tables.targetTable}\n`);
    const loads = [load.before, load.after, ...(load.tests ? [load.tests.before, load.tests.after] : [])];
    if (Math.max(...loads) > os.cpus().length) {
      console.log(`Note: the load average (up to ${Math.max(...loads).toFixed(1)}) exceeds the ${os.cpus().length} cores: other work skews the wall times.`);
    }
    const missed = summary.targets.filter((t) => t.pass === false).length;
    const unavailable = summary.targets.filter((t) => t.pass === undefined).length;
    console.log(
      (missed === 0 ? "All measured targets met." : `${missed} of ${summary.targets.length} targets missed.`) +
        (unavailable > 0 ? ` ${unavailable} not available (see above).` : ""),
    );
    if (options.writeResults) {
      writeResults(machine(load, code), tables, options);
      console.log(`Figures written to ${path.relative(process.cwd(), RESULTS_FILE)}.`);
    }
  } finally {
    fs.rmSync(configDir, { recursive: true, force: true });
    fs.rmSync(project, { recursive: true, force: true });
  }
}

try {
  main();
} catch (e) {
  console.error(e instanceof BenchError ? `bench: ${e.message}` : e);
  process.exitCode = 1;
}
