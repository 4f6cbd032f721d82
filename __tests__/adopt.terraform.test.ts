/**
 * Adoption planned by Terraform itself: `terraform test` with `mock_provider "aws"` plans the
 * synthesized stack of an adopted console role, and a root that calls the generated module with
 * the blocks of moduleImportBlocks. Mock providers cannot import on their own, so every imported
 * address gets an `override_resource`; the plan then counts imports, adds and destroys.
 *
 * A mock provider plans configured attributes from the configuration, imported or not, so these
 * plans show no in-place update of the trust policy (a real provider would); what they pin is
 * that nothing is created or destroyed, and that name and path (the attributes that force a
 * replacement) are the live ones.
 */
import * as fs from "fs";
import * as path from "path";
import { synthesizeConfig } from "../lib/app/synth";
import { moduleImportBlocks } from "../lib/module/imports";
import { ACCOUNT, REGION } from "./support/fixtures";
import { writeOfflineOverride } from "./support/offline-override";
import { makeTempDir, REPO_ROOT } from "./support/paths";
import { init, terraform } from "./support/terraform-commands";

const ROLE = "MediaConvert_Default_Role";
const CONSOLE_DESCRIPTION = "Allows MediaConvert service to call S3 APIs and API Gateway on your behalf.";
const LIVE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/${ROLE}`;

/** An `override_resource` block for an imported address, with the live role's identifying values. */
const override = (target: string, values: Record<string, string>): string =>
  [
    "  override_resource {",
    `    target = ${target}`,
    "    values = {",
    ...Object.entries(values).map(([k, v]) => `      ${k} = ${JSON.stringify(v)}`),
    "    }",
    "  }",
  ].join("\n");

const attachment = (policy: string) => ({ role: ROLE, policy_arn: `arn:aws:iam::aws:policy/${policy}` });

let root: string;
afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

it("plans the console's role adopted as 3 to import, 0 to add, 0 to destroy, for the stack and for the generated module", async () => {
  // GIVEN the stack of the console's role with adopt (as the adopt command writes it), synthesized
  root = makeTempDir("adopt-tftest");
  synthesizeConfig(
    {
      stacks: [
        {
          name: "prod",
          region: REGION,
          accountId: ACCOUNT,
          roles: [{ roleName: ROLE, description: CONSOLE_DESCRIPTION, path: "/service-role/", adopt: true, preventDestroy: true }],
        },
      ],
    },
    path.join(root, "out"),
  );
  const stackDir = path.join(root, "out", "stacks", "prod");
  writeOfflineOverride(stackDir);
  // AND a root calling the generated module, with the import blocks moduleImportBlocks gives (its own
  // directory: Terraform treats a run's alternate module as a child module, where import blocks are refused)
  const moduleRoot = path.join(root, "module-root");
  fs.mkdirSync(path.join(moduleRoot, "tests"), { recursive: true });
  fs.writeFileSync(
    path.join(moduleRoot, "main.tf.json"),
    JSON.stringify({
      module: {
        mediaconvert_role: {
          source: path.relative(moduleRoot, path.join(REPO_ROOT, "modules", "mediaconvert-role")),
          role_name: ROLE,
          role_description: CONSOLE_DESCRIPTION,
          role_path: "/service-role/",
        },
      },
      import: moduleImportBlocks("mediaconvert_role", ROLE),
    }),
  );
  writeOfflineOverride(moduleRoot);
  // AND a test file for each: a mock provider, overrides for every imported address
  const role = { name: ROLE, path: "/service-role/", arn: LIVE_ARN, unique_id: "AROAEXAMPLEEXAMPLE" };
  const r = "mediaconvert_default_role";
  const m = "module.mediaconvert_role";
  fs.mkdirSync(path.join(stackDir, "tests"));
  fs.writeFileSync(
    path.join(stackDir, "tests", "adopt.tftest.hcl"),
    [
      'mock_provider "aws" {}',
      "",
      'run "stack" {',
      "  command = plan",
      override(`aws_iam_role.${r}`, role),
      override(`aws_iam_role_policy_attachment.${r}_s3_full_access`, attachment("AmazonS3FullAccess")),
      override(`aws_iam_role_policy_attachment.${r}_api_gateway_invoke_full_access`, attachment("AmazonAPIGatewayInvokeFullAccess")),
      "  assert {",
      `    condition     = aws_iam_role.${r}.name == "${ROLE}" && aws_iam_role.${r}.path == "/service-role/"`,
      '    error_message = "The adopted role must keep its live name and path (both force a replacement)."',
      "  }",
      "}",
      "",
    ].join("\n"),
  );
  fs.writeFileSync(
    path.join(moduleRoot, "tests", "adopt.tftest.hcl"),
    [
      // The module's policies are aws_iam_policy_document data sources: a mock's made-up json must still be JSON.
      'mock_provider "aws" {',
      '  mock_data "aws_iam_policy_document" {',
      '    defaults = { json = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}" }',
      "  }",
      "}",
      "",
      'run "module" {',
      "  command = plan",
      // The module reads the partition from data.aws_partition; a mock would make one up.
      "  override_data {",
      `    target = ${m}.data.aws_partition.current`,
      '    values = { partition = "aws" }',
      "  }",
      override(`${m}.aws_iam_role.this`, role),
      override(`${m}.aws_iam_role_policy_attachment.this_s3_full_access`, attachment("AmazonS3FullAccess")),
      override(`${m}.aws_iam_role_policy_attachment.this_api_gateway_invoke_full_access`, attachment("AmazonAPIGatewayInvokeFullAccess")),
      "}",
      "",
    ].join("\n"),
  );

  // WHEN Terraform initializes each root once and runs its tests once (the two in parallel)
  const test = async (dir: string) => {
    await init(dir, { sharedProviderOnly: true });
    return (await terraform(dir, ["test", "-verbose", "-no-color"])).stdout;
  };
  const [stack, module] = await Promise.all([test(stackDir), test(moduleRoot)]);

  // THEN both runs pass, and each plan imports the role and both attachments, creating and destroying nothing
  for (const [stdout, run] of [[stack, "stack"], [module, "module"]]) {
    expect(stdout).toContain(`run "${run}"... pass`);
    expect(stdout.match(/^Plan: .*$/gm)).toEqual(["Plan: 3 to import, 0 to add, 0 to change, 0 to destroy."]);
    expect(stdout).toContain("Success! 1 passed, 0 failed.");
  }
  expect(stack).toContain(`# aws_iam_role.${r} will be imported`);
  expect(module).toContain(`# ${m}.aws_iam_role_policy_attachment.this_s3_full_access[0] will be imported`);
}, 180_000);
