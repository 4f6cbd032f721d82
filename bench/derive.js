// The derive part of `npm run bench` (bench/run.js): `mediaconvert-role-cdktf derive` over 10,000
// job documents as a user runs it: the compiled bin (dist/lib/cli/main.js) on a directory of 5,000
// job files (CreateJob requests and get-job outputs, plus the corpus's job template) and one
// list-jobs output of 5,000 jobs, generated from examples/jobs/ by __tests__/support/job-corpus.js
// (every job's keys made unique, the worst case: the role widens to whole buckets). A dry run, so
// that each run derives into the same config: everything but the atomic write of a 2 KB file.
// Targets: at most 5 s wall time and 400 MiB peak RSS.
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const DERIVE_JOBS = 10_000;
const DERIVE_TARGETS = { wallMs: 5_000, rssMiB: 400 };

/** Generates the corpus into `dir` (not timed); returns its files directory and its list-jobs output. */
function deriveCorpus(root, dir) {
  const generated = spawnSync(process.execPath, [path.join(root, "__tests__", "support", "job-corpus.js"), dir, String(DERIVE_JOBS)], { encoding: "utf8" });
  if (generated.status !== 0) throw new Error(`generating the derive corpus failed:\n${generated.stdout}${generated.stderr}`);
  return { files: path.join(dir, "files"), listJobs: path.join(dir, "list-jobs.json"), summary: generated.stdout.trim() };
}

/** The derive command for bench/run.js's measure(), with the check of what it printed. */
function deriveCommand(project, corpus, configDir) {
  const main = path.join(project, "dist", "lib", "cli", "main.js");
  const config = path.join(configDir, "derive.config.json");
  return {
    key: "derive",
    label: `(g) derive over ${DERIVE_JOBS.toLocaleString("en-US")} job documents`,
    file: process.execPath,
    args: [main, "derive", corpus.files, corpus.listJobs, "--stack", "bench", "--role-name", "Derived", "--config", config, "--dry-run"],
    cwd: project,
    script: main,
    env: {},
    check: (command, _outdir, result) => {
      const expected = `Derived role "Derived" from ${DERIVE_JOBS.toLocaleString("en-US")} jobs and 1 job template: new scoped entry`;
      if (!result.stdout.includes(expected)) throw new Error(`${command.label} did not print ${JSON.stringify(expected)}:\n${result.stdout.slice(0, 2000)}${result.stderr}`);
    },
  };
}

/** The table of (g) and its targets, from bench/run.js's rows (medians, min and max of the wall time). */
function deriveReport(row, runs, fmt) {
  const table = fmt.table([
    ["command", `wall time, median of ${runs}`, "min – max", "peak RSS, median", "CPU time, median"],
    [row.label, fmt.ms(row.wallMs), `${fmt.ms(row.minMs)} – ${fmt.ms(row.maxMs)}`, fmt.mib(row.rssMiB), fmt.ms(row.cpuMs)],
  ]);
  const targets = [
    { name: `(g) derive over ${DERIVE_JOBS.toLocaleString("en-US")} job documents in at most 5 s`, value: fmt.ms(row.wallMs), pass: row.wallMs <= DERIVE_TARGETS.wallMs },
    { name: `(g) derive over ${DERIVE_JOBS.toLocaleString("en-US")} job documents in at most 400 MiB peak RSS`, value: fmt.mib(row.rssMiB), pass: row.rssMiB <= DERIVE_TARGETS.rssMiB },
  ];
  return { table, targets };
}

module.exports = { DERIVE_JOBS, deriveCorpus, deriveCommand, deriveReport };
