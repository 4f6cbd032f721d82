#!/usr/bin/env node
// `npm run test:cdktn`: the dual-engine lane. Installs CDK Terrain (engines/cdktn, about 480 MB,
// never part of the root `npm ci`) from its lock file when it is missing or not the locked
// versions, then runs __tests__/engines.cdktn.test.ts, which the default jest run leaves out.
// Further arguments go to jest.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const lane = path.join(root, "engines", "cdktn");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** True when every dependency of the lane is installed at its locked version. */
function installed() {
  const wanted = JSON.parse(fs.readFileSync(path.join(lane, "package.json"), "utf8")).dependencies;
  return Object.entries(wanted).every(([name, version]) => {
    const file = path.join(lane, "node_modules", name, "package.json");
    return fs.existsSync(file) && JSON.parse(fs.readFileSync(file, "utf8")).version === version;
  });
}

if (!installed()) {
  console.error("test:cdktn: installing engines/cdktn (npm ci --prefix engines/cdktn)");
  execFileSync(npm, ["ci", "--prefix", lane, "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
}
try {
  // The lane's file is in the default run's testPathIgnorePatterns; this run ignores only node_modules.
  execFileSync(
    process.execPath,
    [require.resolve("jest/bin/jest", { paths: [root] }), "--testPathIgnorePatterns", "/node_modules/", "--", "__tests__/engines.cdktn.test.ts", ...process.argv.slice(2)],
    { cwd: root, stdio: "inherit" },
  );
} catch (e) {
  process.exit(typeof e.status === "number" ? e.status : 1);
}
