#!/usr/bin/env node
// The synth entry point of `npm run synth` and of cdktf.json's `app` (so `cdktf synth` too):
// builds dist/ when a source changed (bin/compile.js), then runs the compiled app.
"use strict";
const path = require("path");
const { compileOrExit, dist } = require("./compile");

compileOrExit("Synth failed");
require(path.join(dist, "main.js"));
