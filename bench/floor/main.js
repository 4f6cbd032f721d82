// The floor of the benchmark: the least a compiled cdktf app must do to synthesize one IAM role.
// One stack, its AWS provider (cdktf refuses a resource without one) and one aws_iam_role, the
// provider classes imported deep as lib/ does, written to CDKTF_OUTDIR by cdktf's own App.
// Whatever the real app spends beyond this is its own cost.
"use strict";
const { App, TerraformStack } = require("cdktf");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { IamRole } = require("@cdktf/provider-aws/lib/iam-role");

const app = new App();
const stack = new TerraformStack(app, "floor");
new AwsProvider(stack, "aws", { region: "us-east-1" });
new IamRole(stack, "role", {
  name: "MediaConvert_Default_Role",
  assumeRolePolicy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "mediaconvert.amazonaws.com" }, Action: "sts:AssumeRole" }],
  }),
});
app.synth();
