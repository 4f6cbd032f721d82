/**
 * The jobs layer loads fast: reading documents and extracting accesses loads neither cdktf (nor
 * the engine file, the provider bindings or constructs) nor zod, nor the AWS SDK, which only the
 * account reader requires when it runs, nor the JSON error locator, which only invalid JSON needs.
 */
import * as path from "path";

const HEAVY = ["cdktf", "constructs", "zod", "@aws-sdk/client-mediaconvert", "@aws-sdk/client-iam", "jsonc-parser", "../lib/core/engine"];

describe("the jobs layer", () => {
  it("reads and extracts the example corpus without loading cdktf, zod, the AWS SDK or jsonc-parser", () => {
    // GIVEN a fresh module registry in which each heavy module records that it was loaded
    const loaded: string[] = [];
    let accesses = 0;
    jest.isolateModules(() => {
      for (const name of HEAVY) {
        jest.doMock(name, () => {
          loaded.push(name);
          return {};
        });
      }
      // WHEN the layer is loaded and used on valid documents
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const jobs = require("../lib/jobs") as typeof import("../lib/jobs");
      accesses = jobs.extractAccesses(jobs.readJobDocuments([path.join("examples", "jobs")]).entries).accesses.length;
    });
    // THEN it did its work and loaded none of them
    expect(accesses).toBeGreaterThan(40);
    expect(loaded).toEqual([]);
  });
});
