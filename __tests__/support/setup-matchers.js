// Runs in each test file after jest is set up (jest.config.js `setupFilesAfterEnv`): cdktf's jest
// matchers (`toHaveResourceWithProperties`, `toHaveDataSource`, ...) on synthesized stacks. The
// adapter is what `Testing.setupJest()` calls; required alone it loads 15 modules instead of all of
// cdktf (about 380), which each test file would load again whether it synthesizes anything or not.
"use strict";
require("cdktf/lib/testing/adapters/jest").setupJest();
