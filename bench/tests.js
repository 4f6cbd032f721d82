// The test-suite part of `npm run bench` (bench/run.js): wall time of `npm test` (type-check,
// jest, every Terraform suite) and of `npm run test:unit` (the fast loop without Terraform),
// and the slowest single suite, read from the jest JSON report of `npm test`
// (`npm test -- --json --outputFile=...`; per test file `perfStats.end - perfStats.start`, which
// the report names `endTime` and `startTime`).
//
// The runs happen in a `git clone` of the committed project (node_modules linked, `npm run
// prepare` run once, not timed), as a new user would run them: the tests need git (e.g.
// `git check-ignore`), which a plain copy without .git lacks, and the clone leaves the
// repository untouched. The commands run interleaved in rounds without a warm-up round (one
// `npm test` takes minutes); the first round starts with jest's transform cache cold for the
// clone, as on a clean clone. Figures are medians over the rounds.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const TEST_TARGETS = {
  npmTestMs: 60_000,
  unitMs: 10_000,
  slowestSuiteMs: 20_000,
};

/** How many of the slowest suites the report lists. */
const SLOWEST_LISTED = 5;

/**
 * The environment of a run: no npm_* variables (under `npm run bench` they point npm at the
 * repository, not at the copy it runs in), no MEDIACONVERT_CONFIG.
 */
function cleanEnvironment() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== "INIT_CWD" && key !== "MEDIACONVERT_CONFIG"),
  );
}

/** A `git clone` of the committed project in a temporary directory, node_modules linked, prepared as `npm ci` would. */
function testClone(root) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mediaconvert-bench-tests-"));
  const dir = path.join(tmp, "clone");
  try {
    const cloned = spawnSync("git", ["clone", "-q", "--no-hardlinks", root, dir], { encoding: "utf8" });
    if (cloned.status !== 0) throw new Error(`git clone for the test runs failed: ${cloned.stderr.trim()}`);
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    const prepared = spawnSync("npm", ["run", "prepare"], { cwd: dir, env: cleanEnvironment(), encoding: "utf8" });
    if (prepared.status !== 0) throw new Error(`npm run prepare failed in the clone for the test runs:\n${prepared.stdout}${prepared.stderr}`);
    return { dir, tmp };
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** The test commands; one whose npm script the clone lacks is listed as not available. */
function testCommands(dir) {
  const scripts = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).scripts ?? {};
  const command = (key, script, label, extra = {}) => ({
    key,
    script,
    label,
    available: script in scripts,
    ...extra,
  });
  return [
    // The arguments after `--` reach jest, the last command of the `test` script.
    command("test", "test", "npm test (type-check, jest, every suite)", { jsonReport: true }),
    command("unit", "test:unit", "npm run test:unit (no Terraform)"),
  ];
}

/**
 * Per test file (relative to `dir`): its duration (ms) from a jest JSON report, or undefined if
 * there is none. `jest --json` writes each file's `perfStats.start` and `perfStats.end` as
 * `startTime` and `endTime`.
 */
function suiteDurations(reportFile, dir) {
  if (!fs.existsSync(reportFile)) return undefined;
  const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
  const duration = (r) => (r.perfStats ? r.perfStats.end - r.perfStats.start : r.endTime - r.startTime);
  return Object.fromEntries(report.testResults.map((r) => [path.relative(dir, r.name), duration(r)]));
}

/** Runs one test command once: wall time (ms), exit status, its log, and the suites' durations when it reports them. */
function runTestCommand(dir, command, logDir, round) {
  const log = path.join(logDir, `${command.key}-round-${round}.log`);
  const reportFile = path.join(logDir, `${command.key}-round-${round}.json`);
  const args = ["run", command.script, ...(command.jsonReport ? ["--", "--json", `--outputFile=${reportFile}`] : [])];
  const fd = fs.openSync(log, "w");
  try {
    const start = process.hrtime.bigint();
    const result = spawnSync("npm", args, { cwd: dir, env: cleanEnvironment(), stdio: ["ignore", fd, fd] });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    return { wallMs, status: result.status ?? result.signal, log, suites: command.jsonReport ? suiteDurations(reportFile, dir) : undefined };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Runs the available test commands `runs` times, interleaved (the order rotates each round),
 * in a fresh clone of `root`; the load average is taken before and after. Logs of failed runs
 * are kept (their paths are in the samples); everything else is removed.
 */
function measureTests(root, runs) {
  const { dir, tmp } = testClone(root);
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "mediaconvert-bench-test-logs-"));
  let failed = false;
  try {
    const list = testCommands(dir);
    const available = list.filter((c) => c.available);
    const samples = Object.fromEntries(list.map((c) => [c.key, []]));
    const load = { before: os.loadavg()[0] };
    for (let round = 0; round < runs; round++) {
      process.stdout.write(`tests, round ${round + 1}/${runs}`);
      for (let i = 0; i < available.length; i++) {
        const command = available[(i + round) % available.length];
        const sample = runTestCommand(dir, command, logDir, round + 1);
        if (sample.status !== 0) failed = true;
        samples[command.key].push(sample);
        process.stdout.write(".");
      }
      process.stdout.write("\n");
    }
    load.after = os.loadavg()[0];
    return { list, samples, runs, load };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!failed) fs.rmSync(logDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Figures

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fmtS = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Rows per command, the suites by median duration (slowest first), and the targets. */
function summarizeTests({ list, samples, runs, load }) {
  const rows = list.map((c) => {
    const s = samples[c.key];
    if (!c.available) return { ...c, note: `not available (package.json has no "${c.script}" script)` };
    const walls = s.map((x) => x.wallMs);
    const failures = s.filter((x) => x.status !== 0);
    return {
      ...c,
      wallMs: median(walls),
      minMs: Math.min(...walls),
      maxMs: Math.max(...walls),
      failures,
      note: failures.length > 0 ? `exited ${failures[0].status} in ${failures.length} of ${s.length} runs; log: ${failures[0].log}` : "",
    };
  });
  const reports = samples.test.map((s) => s.suites).filter((s) => s !== undefined);
  const files = [...new Set(reports.flatMap((r) => Object.keys(r)))];
  const suites = files
    .map((file) => ({ file, ms: median(reports.filter((r) => file in r).map((r) => r[file])) }))
    .sort((x, y) => y.ms - x.ms || x.file.localeCompare(y.file));
  const slowest = suites[0];

  const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
  const wallTarget = (row, limitMs, name) => {
    if (!row.available) return { name, value: "not available", pass: undefined };
    if (row.failures.length > 0) return { name, value: `${fmtS(row.wallMs)}, but the run failed`, pass: false };
    return { name, value: fmtS(row.wallMs), pass: row.wallMs <= limitMs };
  };
  const targets = [
    wallTarget(byKey.test, TEST_TARGETS.npmTestMs, "npm test, everything, in at most 60 s"),
    wallTarget(byKey.unit, TEST_TARGETS.unitMs, "npm run test:unit in at most 10 s"),
    slowest === undefined
      ? { name: "slowest single suite in at most 20 s", value: "not available (no jest JSON report from npm test)", pass: undefined }
      : { name: "slowest single suite in at most 20 s", value: `${fmtS(slowest.ms)} (${slowest.file})`, pass: slowest.ms <= TEST_TARGETS.slowestSuiteMs },
  ];
  return { rows, suites, slowest, targets, runs, load, reports: reports.length };
}

/** A Markdown table (also readable as plain text): rows of cells, the first row the header. */
function table(rows) {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(rows[0]), line(widths.map((w) => "-".repeat(w))), ...rows.slice(1).map(line)].join("\n");
}

/** The tables of the test part: commands, and the slowest suites. */
function testTables(summary) {
  const commands = table([
    ["command", `wall time, median of ${summary.runs}`, "min – max", "note"],
    ...summary.rows.map((r) =>
      r.available ? [r.label, fmtS(r.wallMs), `${fmtS(r.minMs)} – ${fmtS(r.maxMs)}`, r.note] : [r.label, "", "", r.note],
    ),
  ]);
  const suites =
    summary.suites.length === 0
      ? "Slowest suites: not available (no jest JSON report from npm test)."
      : table([
          [`slowest suites (jest perfStats, median of ${summary.reports})`, "duration"],
          ...summary.suites.slice(0, SLOWEST_LISTED).map((s) => [s.file, fmtS(s.ms)]),
          [`all ${summary.suites.length} suites, summed (jest runs them in parallel workers)`, fmtS(summary.suites.reduce((sum, s) => sum + s.ms, 0))],
        ]);
  const load = `Load average (1 min): ${summary.load.before.toFixed(2)} before, ${summary.load.after.toFixed(2)} after the test runs.`;
  return { commands, suites, load };
}

module.exports = { TEST_TARGETS, cleanEnvironment, testClone, testCommands, measureTests, summarizeTests, testTables };
