// Runs before each test file (jest.config.js `setupFiles`). cdktf records the JavaScript stack
// at the creation of every token (each `role.arn`, each reference), only to print it when a token
// fails to resolve. Under jest that is costly: jest maps every frame of every such stack through
// source maps, cdktf's own inline ones included, and it was the largest single cost of the unit
// tests (a tenth of their CPU time). The tests never read those stacks, so they are not recorded
// here; what cdktf synthesizes does not change. Programs the tests start (synth, the command line)
// run cdktf untouched.
"use strict";
require("cdktf/lib/tokens/private/stack-trace").captureStackTrace = () => [];
