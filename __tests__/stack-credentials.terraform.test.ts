/**
 * The assume_role rules agree with the AWS provider 5.100.0: `terraform validate` (which checks
 * the provider block without configuring the provider, so no STS call) accepts the durations and
 * session names synth accepts, and refuses the boundary values synth refuses.
 */
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { MediaConvertStack } from "../lib/core/stack";
import { checkAssumeRoleDuration, checkSessionName } from "../lib/core/rules";
import { makeTempDir, validateTogether, ValidateResult } from "./support/terraform";

const TERRAFORM_TIMEOUT_MS = 180_000;
const ROLE = "arn:aws:iam::111122223333:role/terraform-deployer";

let stackJson: { provider: { aws: { assume_role: Record<string, string>[] }[] } };
let workRoot: string;
let verdicts: Promise<Map<string, ValidateResult>>;

const DURATIONS = ["14m59s", "15m", "12h", "12h0m1s", "1.5h", "+1h", "1h 30m", "1H", "3600"];
const SESSION_NAMES = ["a", "ab", "s".repeat(64), "s".repeat(65)];

/** A copy of the synthesized stack with one assume_role field changed, as a member of the validation batch. */
function variant(name: string, field?: "duration" | "session_name", value?: string): { name: string; dir: string } {
  const json = structuredClone(stackJson);
  if (field !== undefined) json.provider.aws[0].assume_role[0] = { ...json.provider.aws[0].assume_role[0], [field]: value! };
  const dir = path.join(workRoot, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json));
  return { name, dir };
}

beforeAll(() => {
  // A stack as synthesized, with an assume_role block; init and validate need no AWS.
  workRoot = makeTempDir("mediaconvert-assume-role-");
  const app = new App({ outdir: path.join(workRoot, "cdktf.out") });
  new MediaConvertStack(app, "media", { region: "eu-west-1", accountId: "111122223333", assumeRole: { roleArn: ROLE, duration: "1h" }, roles: [{}] });
  app.synth();
  stackJson = JSON.parse(fs.readFileSync(path.join(workRoot, "cdktf.out", "stacks", "media", "cdk.tf.json"), "utf8"));
  // Every variant is validated in one Terraform run (each a child module of one root).
  verdicts = validateTogether([
    variant("as_synthesized"),
    ...DURATIONS.map((d, i) => variant(`duration_${i}`, "duration", d)),
    ...SESSION_NAMES.map((n, i) => variant(`session_name_${i}`, "session_name", n)),
  ]);
  verdicts.catch(() => undefined); // reported by the tests that await it
});

afterAll(() => fs.rmSync(workRoot, { recursive: true, force: true }));

/** Whether the provider accepted the variant: no error of its own in the batch's validation. */
async function providerAccepts(name: string): Promise<boolean> {
  return (await verdicts).get(name)!.valid;
}

it(
  "validates the assume_role block as synthesized",
  async () => {
    // GIVEN / WHEN
    const result = (await verdicts).get("as_synthesized")!;
    // THEN
    expect(result.diagnostics).toEqual([]);
    expect(stackJson.provider.aws[0].assume_role).toEqual([{ role_arn: ROLE, duration: "1h" }]);
  },
  TERRAFORM_TIMEOUT_MS,
);

it(
  "agrees with the provider on assume_role durations at the boundaries and in Go's forms",
  async () => {
    // GIVEN the durations of the batch
    // WHEN
    const results: [string, boolean, boolean][] = [];
    for (const [i, d] of DURATIONS.entries()) results.push([d, await providerAccepts(`duration_${i}`), checkAssumeRoleDuration(d).length === 0]);
    // THEN
    expect(results.map(([d, provider]) => [d, provider])).toEqual(results.map(([d, , ours]) => [d, ours]));
    expect(results.filter(([, provider]) => provider).map(([d]) => d)).toEqual(["15m", "12h", "1.5h", "+1h"]);
  },
  TERRAFORM_TIMEOUT_MS,
);

it(
  "refuses the session name lengths the provider refuses (it does not check characters; IAM does, and so does synth)",
  async () => {
    // GIVEN the session names of the batch
    // WHEN
    const results: [number, boolean, boolean][] = [];
    for (const [i, n] of SESSION_NAMES.entries()) results.push([n.length, await providerAccepts(`session_name_${i}`), checkSessionName(n).length === 0]);
    // THEN
    expect(results).toEqual([
      [1, false, false],
      [2, true, true],
      [64, true, true],
      [65, false, false],
    ]);
  },
  TERRAFORM_TIMEOUT_MS,
);
