/**
 * Synth and stacks that leave the config: the notice on stderr (resources may still exist, how to
 * destroy them), and stack directories holding Terraform state or `.terraform/` kept as they were.
 * Also: each stack gets its deployer-policy.json.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Config, synthesizeConfig } from "../lib/app";

const TWO: Config = {
  stacks: [
    { name: "keep", region: "us-east-1", roles: [{ confusedDeputyProtection: false }] },
    { name: "old", region: "us-east-1", roles: [{ roleName: "Old", confusedDeputyProtection: false }] },
  ],
};
const ONE: Config = { stacks: [TWO.stacks[0]] };

let tmp: string;
let outdir: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mediaconvert-removed-"));
  outdir = path.join(tmp, "out");
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Every file under `dir`: relative path -> content. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name))] = fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8");
  }
  return out;
}

function synth(config: Config): string[] {
  const messages: string[] = [];
  synthesizeConfig(config, outdir, { notify: (m) => messages.push(m) });
  return messages;
}

function put(rel: string, content: string): void {
  const file = path.join(outdir, "stacks", rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

describe("a stack removed from the config", () => {
  it("is named on stderr with how to destroy its resources, and its directory of synth output is removed", () => {
    // GIVEN
    synth(TWO);
    const errors: string[] = [];
    const spy = jest.spyOn(console, "error").mockImplementation((m: string) => void errors.push(m));
    // WHEN: the default notice goes to stderr
    try {
      synthesizeConfig(ONE, outdir);
    } finally {
      spy.mockRestore();
    }
    // THEN
    const dir = path.join(outdir, "stacks", "old");
    expect(errors).toEqual([
      `Warning: Stack "old" is no longer in the config, so ${dir} was removed from the output. Its resources may still exist in AWS; Terraform no longer manages them from here. To delete them, put the stack back in the config, run "cdktf destroy old" (or "terraform destroy" in ${dir}), then remove it again; to keep them, nothing is needed.`,
    ]);
    expect(fs.readdirSync(path.join(outdir, "stacks"))).toEqual(["keep"]);
  });

  it("is kept as it was when its directory holds .terraform/, and the notice says why", () => {
    // GIVEN
    synth(TWO);
    put("old/.terraform/terraform.tfstate", '{"version": 3, "backend": {"type": "s3"}}');
    put("old/.terraform.lock.hcl", "# lock\n");
    const before = files(path.join(outdir, "stacks", "old"));
    // WHEN
    const messages = synth(ONE);
    // THEN
    const dir = path.join(outdir, "stacks", "old");
    expect(messages).toEqual([
      `Stack "old" is no longer in the config, but ${dir} holds .terraform/, so it was kept as it was instead of being deleted. Its resources may still exist in AWS. To delete them, run "terraform destroy" in ${dir}; then, or to keep the resources, delete the directory yourself once you no longer need it.`,
    ]);
    expect(files(dir)).toEqual(before);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["cdk.tf.json", ".terraform/terraform.tfstate", ".terraform.lock.hcl"]));
  });

  it("is kept with its local state file, and the notice warns that deleting it forgets the resources", () => {
    // GIVEN
    synth(TWO);
    put("old/terraform.tfstate", '{"version": 4}');
    put("old/terraform.tfstate.backup", '{"version": 4}');
    const before = files(path.join(outdir, "stacks", "old"));
    // WHEN
    const messages = synth(ONE);
    // THEN
    const dir = path.join(outdir, "stacks", "old");
    expect(messages).toEqual([
      `Stack "old" is no longer in the config, but ${dir} holds terraform.tfstate and terraform.tfstate.backup, so it was kept as it was instead of being deleted. Its resources may still exist in AWS. To delete them, run "terraform destroy" in ${dir}; then, or to keep the resources, delete the directory yourself once you no longer need it (with its state, Terraform forgets the resources).`,
    ]);
    expect(files(dir)).toEqual(before);
  });

  it("is reported again on the next synth while its directory is kept", () => {
    // GIVEN
    synth(TWO);
    put("old/.terraform/terraform.tfstate", "{}");
    synth(ONE);
    // WHEN
    const messages = synth(ONE);
    // THEN
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^Stack "old" is no longer in the config, but .* holds \.terraform\/, so it was kept as it was/);
  });

  it("takes its kept working files back when the stack returns to the config", () => {
    // GIVEN
    synth(TWO);
    put("old/.terraform/terraform.tfstate", "{}");
    synth(ONE);
    // WHEN
    const messages = synth(TWO);
    // THEN
    expect(messages).toEqual([]);
    expect(fs.readFileSync(path.join(outdir, "stacks", "old", ".terraform", "terraform.tfstate"), "utf8")).toBe("{}");
  });

  it("says nothing and changes nothing when the synth fails", () => {
    // GIVEN
    synth(TWO);
    put("old/.terraform/terraform.tfstate", "{}");
    const before = files(outdir);
    const broken: Config = { stacks: [{ ...ONE.stacks[0], roles: [{ roleName: "bad name" }] }] };
    // WHEN
    const messages: string[] = [];
    expect(() => synthesizeConfig(broken, outdir, { notify: (m) => messages.push(m) })).toThrow(/Role name "bad name" is not valid/);
    // THEN
    expect(messages).toEqual([]);
    expect(files(outdir)).toEqual(before);
    expect(fs.readdirSync(tmp)).toEqual(["out"]);
  });

  it("says nothing on a first synth and when every stack stays", () => {
    // GIVEN / WHEN
    const first = synth(TWO);
    const second = synth(TWO);
    // THEN
    expect([first, second]).toEqual([[], []]);
  });
});

describe("deployer-policy.json", () => {
  it("is written next to each stack's JSON, as the stack's deployer policy", () => {
    // GIVEN / WHEN
    synth(TWO);
    // THEN
    const doc = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "old", "deployer-policy.json"), "utf8"));
    expect(doc.Statement.map((s: { Resource: string[] }) => s.Resource)).toEqual([["arn:aws:iam::*:role/Old"], ["arn:aws:iam::*:role/Old"]]);
    expect(fs.readdirSync(path.join(outdir, "stacks", "keep")).sort()).toEqual(["cdk.tf.json", "deployer-policy.json", "permissions.md", "resource-policies.json"]);
  });
});
