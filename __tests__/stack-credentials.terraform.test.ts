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
import { init, makeTempDir, validate } from "./support/terraform";

const TERRAFORM_TIMEOUT_MS = 180_000;
const ROLE = "arn:aws:iam::111122223333:role/terraform-deployer";

let dir: string;
let stackJson: { provider: { aws: { assume_role: Record<string, string>[] }[] } };

beforeAll(async () => {
  // A stack as synthesized, with an assume_role block (and its local backend: init and validate need no AWS).
  const outdir = makeTempDir("mediaconvert-assume-role-");
  const app = new App({ outdir });
  new MediaConvertStack(app, "media", { region: "eu-west-1", accountId: "111122223333", assumeRole: { roleArn: ROLE, duration: "1h" }, roles: [{}] });
  app.synth();
  dir = path.join(outdir, "stacks", "media");
  stackJson = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8"));
  await init(dir);
}, TERRAFORM_TIMEOUT_MS);

/** Runs validate with the assume_role field set to `value`; the provider block is otherwise as synthesized. */
async function providerAccepts(field: "duration" | "session_name", value: string): Promise<boolean> {
  const json = structuredClone(stackJson);
  json.provider.aws[0].assume_role[0] = { ...json.provider.aws[0].assume_role[0], [field]: value };
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json));
  return (await validate(dir)).valid;
}

it(
  "validates the assume_role block as synthesized",
  async () => {
    // GIVEN / WHEN
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(stackJson));
    const result = await validate(dir);
    // THEN
    expect(result.diagnostics).toEqual([]);
    expect(stackJson.provider.aws[0].assume_role).toEqual([{ role_arn: ROLE, duration: "1h" }]);
  },
  TERRAFORM_TIMEOUT_MS,
);

it(
  "agrees with the provider on assume_role durations at the boundaries and in Go's forms",
  async () => {
    // GIVEN
    const durations = ["14m59s", "15m", "12h", "12h0m1s", "1.5h", "+1h", "1h 30m", "1H", "3600"];
    // WHEN: one validate at a time (they share the directory)
    const verdicts: [string, boolean, boolean][] = [];
    for (const d of durations) verdicts.push([d, await providerAccepts("duration", d), checkAssumeRoleDuration(d).length === 0]);
    // THEN
    expect(verdicts.map(([d, provider]) => [d, provider])).toEqual(verdicts.map(([d, , ours]) => [d, ours]));
    expect(verdicts.filter(([, provider]) => provider).map(([d]) => d)).toEqual(["15m", "12h", "1.5h", "+1h"]);
  },
  TERRAFORM_TIMEOUT_MS,
);

it(
  "refuses the session name lengths the provider refuses (it does not check characters; IAM does, and so does synth)",
  async () => {
    // GIVEN
    const names = ["a", "ab", "s".repeat(64), "s".repeat(65)];
    // WHEN
    const verdicts: [number, boolean, boolean][] = [];
    for (const n of names) verdicts.push([n.length, await providerAccepts("session_name", n), checkSessionName(n).length === 0]);
    // THEN
    expect(verdicts).toEqual([
      [1, false, false],
      [2, true, true],
      [64, true, true],
      [65, false, false],
    ]);
  },
  TERRAFORM_TIMEOUT_MS,
);
