// The verify part of `npm run bench` (bench/run.js): `mediaconvert-role-cdktf verify` of one job
// against its role in a config (examples/jobs/hls-speke.json, the config of the verify tests), and
// `mediaconvert-role-cdktf --help`, the compiled bin as a user runs it, in the same rounds. Target:
// one job verifies in under twice the time of --help (the median of the per-round ratios).
"use strict";
const fs = require("fs");
const path = require("path");

const VERIFY_TARGET_RATIO = 2;

/** The two commands for bench/run.js's measure(): verify of one job, and --help. */
function verifyCommands(project, configDir) {
  const main = path.join(project, "dist", "lib", "cli", "main.js");
  const config = path.join(configDir, "verify.config.json");
  fs.copyFileSync(path.join(project, "__tests__", "fixtures", "verify", "corpus.config.json"), config);
  const job = path.join(project, "examples", "jobs", "hls-speke.json");
  const expect = (text) => (command, _outdir, result) => {
    if (!result.stdout.includes(text)) throw new Error(`${command.label} did not print ${JSON.stringify(text)}:\n${result.stdout.slice(0, 2000)}${result.stderr}`);
  };
  const base = { file: process.execPath, cwd: project, script: main, env: {} };
  return [
    { ...base, key: "verify", label: "(h) verify of one job", args: [main, "verify", job, "--role-name", "Transcoder", "--config", config], check: expect("1 of 1 jobs and job templates can run") },
    { ...base, key: "help", label: "(h) --help", args: [main, "--help"], check: expect("Usage:") },
  ];
}

/** The table of (h) and its target, from bench/run.js's rows and the paired ratio of the wall times. */
function verifyReport(rows, ratio, runs, fmt) {
  const table = fmt.table([
    ["command", `wall time, median of ${runs}`, "min – max", "peak RSS, median", "CPU time, median"],
    ...rows.map((row) => [row.label, fmt.ms(row.wallMs), `${fmt.ms(row.minMs)} – ${fmt.ms(row.maxMs)}`, fmt.mib(row.rssMiB), fmt.ms(row.cpuMs)]),
  ]);
  const targets = [{ name: "(h) verify of one job in under twice the time of --help", value: `${ratio.toFixed(2)}x`, pass: ratio < VERIFY_TARGET_RATIO }];
  return { table: `${table}\n\nverify / --help, median of the per-round ratios of wall time: ${ratio.toFixed(2)}x`, targets };
}

module.exports = { verifyCommands, verifyReport };
