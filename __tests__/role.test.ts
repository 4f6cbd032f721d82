import { Testing } from "cdktf";
import { MediaConvertRole, MediaConvertStack } from "../lib";

function synth(props: ConstructorParameters<typeof MediaConvertRole>[2] = {}, region = "us-east-1") {
  const app = Testing.app();
  const stack = new MediaConvertStack(app, "test", { region });
  stack.addRole(props);
  return JSON.parse(Testing.synth(stack, true));
}

describe("MediaConvertRole", () => {
  it("creates the console-equivalent role by default", () => {
    // GIVEN / WHEN
    const tf = synth();
    // THEN
    const role = tf.resource.aws_iam_role.mediaconvert_default_role;
    expect(role.name).toBe("MediaConvert_Default_Role");
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { Service: "mediaconvert.amazonaws.com" }, Action: ["sts:AssumeRole"] },
      ],
    });
    expect(Object.keys(tf.resource.aws_iam_role_policy_attachment).sort()).toEqual([
      "mediaconvert_default_role_api_gateway_invoke_full_access",
      "mediaconvert_default_role_s3_full_access",
    ]);
    expect(tf.resource.aws_iam_role_policy).toBeUndefined();
  });
});
