// Preloaded into every node process of a benchmark run (NODE_OPTIONS=--require=<this file>):
// at exit, appends one JSON line with the process's script, its peak resident set size
// (process.resourceUsage().maxRSS, in KiB) and the CPU time it used (user + system, in
// microseconds) to the file named by BENCH_PEAK_RSS_FILE.
// `npm run synth` starts node under npm, so one run can leave several lines; bench/run.js
// picks the line of the process it measures.
"use strict";
const fs = require("fs");

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const record = { pid: process.pid, script: process.argv[1] ?? "", maxRssKiB: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime };
    fs.appendFileSync(file, `${JSON.stringify(record)}\n`);
  });
}
