/**
 * A Terraform stack holding MediaConvert roles for one AWS account and region.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import * as path from "path";
import { App, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { declareEnvironment, terraformName } from "./environment";
import { MediaConvertValidationError, resourceKeyClash, roleNameCaseClash } from "./errors";
import { DEFAULT_ROLE_NAME, MediaConvertRole, MediaConvertRoleProps } from "./role";
import { checkAccountId, checkRegion } from "./rules";

export interface MediaConvertStackProps {
  /**
   * The AWS region of the provider; it also fixes the partition of every ARN in the stack.
   * @default - `AWS_REGION`, else "us-east-1"
   */
  readonly region?: string;

  /**
   * The 12-digit AWS account id the stack is for. When set, the provider refuses to run
   * against any other account (`allowed_account_ids`).
   * @default - any account the credentials belong to
   */
  readonly accountId?: string;

  /**
   * The roles to create.
   * @default - no roles; add them with `addRole`
   */
  readonly roles?: readonly MediaConvertRoleProps[];
}

/** The region used when neither the config nor the props name one. */
export function defaultRegion(): string {
  return process.env.AWS_REGION || "us-east-1";
}

/**
 * One Terraform stack: the AWS provider for a region (and account), and MediaConvert roles
 * whose ARN and name are Terraform outputs `<role>_role_arn` and `<role>_role_name`.
 */
export class MediaConvertStack extends TerraformStack {
  public readonly region: string;
  public readonly accountId?: string;
  public readonly roles: MediaConvertRole[] = [];

  constructor(scope: Construct, name: string, props: MediaConvertStackProps = {}) {
    super(scope, name);
    this.region = props.region ?? defaultRegion();
    this.accountId = props.accountId;
    const problems = [...checkRegion(this.region), ...(this.accountId !== undefined ? checkAccountId(this.accountId) : [])];
    if (problems.length > 0) throw new MediaConvertValidationError(problems);

    declareEnvironment(this, { region: this.region, accountId: this.accountId });
    new AwsProvider(this, "aws", {
      region: this.region,
      allowedAccountIds: this.accountId !== undefined ? [this.accountId] : undefined,
    });
    this.useLocalStateFile();
    for (const role of props.roles ?? []) this.addRole(role);
  }

  /**
   * Local state in `terraform.<stack>.tfstate` in the directory synth runs from (cdktf's own
   * default), written as a path relative to the stack's directory so that the JSON is the same
   * on every machine and the state survives re-synthesis.
   */
  private useLocalStateFile(): void {
    const stackDir = path.resolve(App.of(this).outdir, "stacks", this.node.id);
    const stateFile = path.resolve(`terraform.${this.node.id}.tfstate`);
    new LocalBackend(this, { path: path.relative(stackDir, stateFile) });
  }

  /** Adds a role; its construct id and Terraform resource names come from the role name. */
  public addRole(props: MediaConvertRoleProps): MediaConvertRole {
    const roleName = props.roleName ?? DEFAULT_ROLE_NAME;
    const clash = this.roles.find((r) => r.resourceName === terraformName(roleName));
    if (clash) {
      throw new MediaConvertValidationError([
        clash.roleName.toLowerCase() === roleName.toLowerCase()
          ? roleNameCaseClash(roleName, clash.roleName, "in the same stack")
          : resourceKeyClash(terraformName(roleName), clash.roleName, roleName),
      ]);
    }
    const role = new MediaConvertRole(this, terraformName(roleName), props);
    this.roles.push(role);
    const arn = new TerraformOutput(this, `${role.resourceName}_role_arn`, {
      value: role.roleArn,
      description: `ARN of the MediaConvert role ${roleName}: pass it as the Role of MediaConvert jobs.`,
    });
    arn.overrideLogicalId(`${role.resourceName}_role_arn`);
    const name = new TerraformOutput(this, `${role.resourceName}_role_name`, {
      value: role.role.name,
      description: `Name of the MediaConvert role ${roleName}.`,
    });
    name.overrideLogicalId(`${role.resourceName}_role_name`);
    if (role.passRolePolicyArn !== undefined) {
      const passRole = new TerraformOutput(this, `${role.resourceName}_pass_role_policy_arn`, {
        value: role.passRolePolicyArn,
        description: `ARN of the policy that lets job submitters pass ${roleName} to MediaConvert: attach it to them.`,
      });
      passRole.overrideLogicalId(`${role.resourceName}_pass_role_policy_arn`);
    }
    return role;
  }
}
