#!/usr/bin/env node
// The synth entry point of `npm run synth` and of cdktf.json's `app` (so `cdktf synth` too):
// compiles when the sources changed, then runs the compiled app.
"use strict";
const path = require("path");
const { ensureBuilt, dist } = require("./ensure-built");

ensureBuilt();
require(path.join(dist, "main.js"));
