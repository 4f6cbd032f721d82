/**
 * A Terraform stack holding MediaConvert roles for one AWS account and region.
 */
import {
  App,
  AwsProvider,
  CloudBackend,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  TaggedCloudWorkspaces,
  TerraformOutput,
  TerraformStack,
  Annotations,
  Token,
} from "./engine";
import * as path from "path";
import type { AssumeRoleConfig } from "./assume-role";
import type { BackendConfig } from "./backend";
import { Construct } from "constructs";
import { terraformName } from "./addresses";
import { declareEnvironment } from "./environment";
import { defaultRegion } from "./regions";
import { assumeRoleWithoutAccount, MediaConvertValidationError, resourceKeyClash, roleNameCaseClash, roleNameUsedTwice, tokenRoleNameNeedsId } from "./messages";
import { DEFAULT_ROLE_NAME, MediaConvertRole, MediaConvertRoleProps } from "./role";
import { assumeRoleProblems, checkAccountId, checkMergedTagCount, checkRegion, checkTags } from "./rules";
import { partitionOfRegion, splitArn } from "./arn";
import { deployerPolicy } from "./deployer-policy";
import type { PolicyDocument } from "./policy-document";

export type { AssumeRoleConfig };

export interface MediaConvertStackProps {
  /**
   * The AWS region of the provider; it also fixes the partition of every ARN in the stack. A
   * Terraform reference is accepted: the partition then comes from `data.aws_partition`.
   * @default - `AWS_REGION`, else "us-east-1"
   */
  readonly region?: string;

  /**
   * The 12-digit AWS account id the stack is for (or a Terraform reference). When set, the
   * provider refuses to run against any other account (`allowed_account_ids`), and the roles'
   * trust conditions pin it.
   * @default - any account the credentials belong to; trust conditions pin the deploying account
   */
  readonly accountId?: string;

  /**
   * Where Terraform keeps the stack's state.
   * @default - local state in `terraform.<stack>.tfstate` in the directory synth runs from
   */
  readonly backend?: BackendConfig;

  /**
   * A role the AWS provider assumes (its `assume_role` block): the credentials Terraform runs
   * with (a CI pipeline's, say) only need `sts:AssumeRole` on it, and one set of credentials
   * reaches each stack's account. The ARN must be of the stack's partition, and of the stack's
   * account when `accountId` is set; without `accountId`, synth warns that the provider works in
   * whatever account the ARN names.
   * @see https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs#assume-role-configuration-block
   * @default - no role: the provider uses the credentials it finds (environment, profile, instance role)
   */
  readonly assumeRole?: AssumeRoleConfig;

  /**
   * Tags the AWS provider adds to every resource of the stack that takes tags (its
   * `default_tags` block): the roles and the pass-role policies. They merge with a role's own
   * `tags`; on a key in both, the role's value wins. The merged set is the resource's
   * `tags_all` in the plan, and the 50-tag limit of IAM counts it. Same rules as role tags.
   * @see https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs#default_tags-configuration-block
   * @default - no default tags
   */
  readonly defaultTags?: Readonly<Record<string, string>>;

  /**
   * The roles to create.
   * @default - no roles; add them with `addRole`
   */
  readonly roles?: readonly MediaConvertRoleProps[];
}

/**
 * One Terraform stack: the AWS provider for a region (and account), and MediaConvert roles
 * whose ARN and name are Terraform outputs `<role>_role_arn` and `<role>_role_name`.
 */
export class MediaConvertStack extends TerraformStack {
  public readonly region: string;
  public readonly accountId?: string;
  /** The role the provider assumes, when one is set. */
  public readonly assumeRole?: AssumeRoleConfig;
  /** The provider's default tags, when set. */
  public readonly defaultTags?: Readonly<Record<string, string>>;
  /** The roles by Terraform resource name, in the order they were added. */
  private readonly rolesByResourceName = new Map<string, MediaConvertRole>();
  /** The IAM path of each role, by Terraform resource name (part of the role's ARN). */
  private readonly rolePaths = new Map<string, string | undefined>();

  constructor(scope: Construct, name: string, props: MediaConvertStackProps = {}) {
    super(scope, name);
    this.region = props.region ?? defaultRegion();
    this.accountId = props.accountId;
    this.assumeRole = props.assumeRole;
    this.defaultTags = props.defaultTags;
    // Terraform references (tokens) are checked by Terraform at plan time.
    const problems = [
      ...(Token.isUnresolved(this.region) ? [] : checkRegion(this.region)),
      ...(this.accountId !== undefined && !Token.isUnresolved(this.accountId) ? checkAccountId(this.accountId) : []),
    ];
    if (problems.length === 0 && props.assumeRole && !Token.isUnresolved(this.region)) {
      const accountId = this.accountId !== undefined && !Token.isUnresolved(this.accountId) ? this.accountId : undefined;
      const env = { partition: partitionOfRegion(this.region), region: this.region, accountId };
      problems.push(...assumeRoleProblems(props.assumeRole, env).map((p) => p.message));
    }
    if (props.defaultTags) problems.push(...checkTags(props.defaultTags));
    if (problems.length > 0) throw new MediaConvertValidationError(problems);

    declareEnvironment(this, { region: this.region, accountId: this.accountId });
    const assumed = props.assumeRole;
    new AwsProvider(this, "aws", {
      region: this.region,
      allowedAccountIds: this.accountId !== undefined ? [this.accountId] : undefined,
      assumeRole: assumed
        ? [{ roleArn: assumed.roleArn, sessionName: assumed.sessionName, externalId: assumed.externalId, duration: assumed.duration }]
        : undefined,
      defaultTags:
        props.defaultTags && (Token.isUnresolved(props.defaultTags) || Object.keys(props.defaultTags).length > 0)
          ? [{ tags: Token.isUnresolved(props.defaultTags) ? props.defaultTags : { ...props.defaultTags } }]
          : undefined,
    });
    if (assumed && this.accountId === undefined && !Token.isUnresolved(assumed.roleArn)) {
      Annotations.of(this).addWarning(assumeRoleWithoutAccount(name, assumed.roleArn, splitArn(assumed.roleArn)?.accountId ?? ""));
    }
    this.useBackend(props.backend ?? { type: "local" });
    for (const role of props.roles ?? []) this.addRole(role);
  }

  private useBackend(backend: BackendConfig): void {
    switch (backend.type) {
      case "local":
        this.useLocalStateFile();
        return;
      case "s3":
        new S3Backend(this, {
          bucket: backend.bucket,
          key: backend.key,
          region: backend.region,
          dynamodbTable: backend.dynamodbTable,
          encrypt: backend.encrypt,
        });
        if (backend.useLockfile !== undefined) this.addOverride("terraform.backend.s3.use_lockfile", backend.useLockfile);
        return;
      case "cloud":
        new CloudBackend(this, {
          organization: backend.organization,
          hostname: backend.hostname,
          workspaces:
            backend.workspace !== undefined
              ? new NamedCloudWorkspace(backend.workspace, backend.project)
              : new TaggedCloudWorkspaces([...(backend.workspaceTags ?? [])], backend.project),
        });
        return;
    }
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

  /**
   * The least-privilege IAM policy the identity running `terraform apply` on this stack needs:
   * the actions of DEPLOYER_ACTIONS on the ARNs of this stack's roles and pass-role policies.
   * Synth writes it next to the stack as `deployer-policy.json`.
   */
  public deployerPolicy(): PolicyDocument {
    const scope = { partition: partitionOfRegion(this.region), accountId: this.accountId };
    return deployerPolicy(
      scope,
      this.roles.map((role) => ({
        roleName: role.roleName,
        path: this.rolePaths.get(role.resourceName),
        managedPolicyArns: role.permissions.managedPolicyArns,
        passRolePolicy: role.permissions.passRolePolicy,
      })),
    );
  }

  /** The roles of the stack, in the order they were added. */
  public get roles(): readonly MediaConvertRole[] {
    return [...this.rolesByResourceName.values()];
  }

  /**
   * Adds a role. Its construct id and Terraform resource names come from the role name, or from
   * `id` when given (required when the role name is a Terraform token, whose text is not stable).
   */
  public addRole(props: MediaConvertRoleProps, id?: string): MediaConvertRole {
    const roleName = props.roleName ?? DEFAULT_ROLE_NAME;
    if (id === undefined && Token.isUnresolved(roleName)) {
      throw new MediaConvertValidationError([tokenRoleNameNeedsId()]);
    }
    const tagProblems = checkMergedTagCount(roleName, props.tags, this.defaultTags);
    if (tagProblems.length > 0) throw new MediaConvertValidationError(tagProblems);
    const resourceName = terraformName(id ?? roleName);
    const clash = this.rolesByResourceName.get(resourceName);
    if (clash) {
      throw new MediaConvertValidationError([
        clash.roleName === roleName
          ? roleNameUsedTwice(roleName, "in the same stack")
          : clash.roleName.toLowerCase() === roleName.toLowerCase()
            ? roleNameCaseClash(roleName, clash.roleName, "in the same stack")
            : resourceKeyClash(resourceName, clash.roleName, roleName),
      ]);
    }
    const role = new MediaConvertRole(this, resourceName, props);
    this.rolesByResourceName.set(resourceName, role);
    this.rolePaths.set(resourceName, props.path);
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
