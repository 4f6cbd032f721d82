// Runs in each test file after jest is set up (jest.config.js `setupFilesAfterEnv`): cdktf's jest
// matchers (`toHaveResourceWithProperties`, `toHaveDataSource`, ...) on synthesized stacks.
"use strict";
require("cdktf").Testing.setupJest();
