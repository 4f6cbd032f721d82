/**
 * Where a MediaConvertStack keeps its Terraform state. The config file's schema parses exactly
 * these shapes.
 */

/** Local state, in a file on the machine that runs Terraform. */
export interface LocalBackendConfig {
  readonly type: "local";
  /**
   * The state file. A relative path is relative to the directory that holds the output
   * directory (the project); the config file's relative to the config file's directory.
   * @default - `terraform.<stack>.tfstate` in the directory that holds the output directory
   */
  readonly path?: string;
}

/** State in an S3 bucket. */
export interface S3BackendConfig {
  readonly type: "s3";
  /** The state bucket. */
  readonly bucket: string;
  /** The state object's key, e.g. `mediaconvert/prod.tfstate`. */
  readonly key: string;
  /** The region of the state bucket. */
  readonly region: string;
  /**
   * A DynamoDB table for state locking (deprecated by Terraform 1.10+ in favour of `useLockfile`).
   * @default - no DynamoDB locking
   */
  readonly dynamodbTable?: string;
  /**
   * S3-native state locking (Terraform 1.10+).
   * @default - no lock file
   */
  readonly useLockfile?: boolean;
  /**
   * Encrypt the state object.
   * @default - the bucket's default encryption
   */
  readonly encrypt?: boolean;
}

/** State in HCP Terraform or Terraform Enterprise: exactly one of `workspace` and `workspaceTags`. */
export interface CloudBackendConfig {
  readonly type: "cloud";
  /** The organization. */
  readonly organization: string;
  /** The workspace name. @default - none; give `workspaceTags` instead */
  readonly workspace?: string;
  /** Workspace tags. @default - none; give `workspace` instead */
  readonly workspaceTags?: readonly string[];
  /** The project of the workspace. @default - the organization's default project */
  readonly project?: string;
  /** The Terraform Enterprise host. @default "app.terraform.io" */
  readonly hostname?: string;
}

/** Where Terraform keeps a stack's state. */
export type BackendConfig = LocalBackendConfig | S3BackendConfig | CloudBackendConfig;
