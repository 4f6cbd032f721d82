// The order jest starts test files in. Jest's own: files that failed last time first, then the
// longest by the durations it cached from earlier runs; without a cached duration (a clean
// clone, a new file) it falls back on file size, which says little here: a short file that packs
// the package or runs Terraform takes ten times longer than a long file of unit tests. Started
// last, such a file runs alone at the end while the other worker idles. So, without durations,
// this sequencer starts the tiers that run other programs first (`*.e2e.test.ts`, then
// `*.terraform.test.ts`, see jest.config.js), by file size within a tier.
"use strict";
const Sequencer = require("@jest/test-sequencer").default;

/** 0 for files that run whole programs (npm, tsc, the command line), 1 for Terraform, 2 for the rest. */
function tier(testPath) {
  if (/\.e2e\.test\.ts$/.test(testPath)) return 0;
  if (/\.terraform\.test\.ts$/.test(testPath)) return 1;
  return 2;
}

class TierSequencer extends Sequencer {
  sort(tests) {
    const size = new Map(tests.map((t) => [t.path, t.context.hasteFS.getSize(t.path) ?? 0]));
    for (const test of tests) test.duration = this.time(test);
    const rank = (test) => [this.hasFailed(test) ? 0 : 1, test.duration == null ? 0 : 1, test.duration == null ? tier(test.path) : 0, -(test.duration ?? size.get(test.path))];
    return [...tests].sort((a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
      return a.path < b.path ? -1 : 1;
    });
  }
}

module.exports = TierSequencer;
