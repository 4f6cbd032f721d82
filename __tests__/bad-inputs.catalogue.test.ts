/**
 * The catalogue of bad inputs: one row per mistake, with the exact message the user gets.
 *
 * Props rows go through the construct (MediaConvertStack with its roles) and through the
 * in-process app (synthesizeConfig with the same stacks); config rows go through the file path
 * (loadConfig + synthesizeConfig, or resolveConfig with MEDIACONVERT_CONFIG). Every row runs
 * against an output directory that holds a good synth, and must leave it byte for byte as it was,
 * with no temporary directory next to it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { synthesizeConfig } from "../lib/app/synth";
import { Config, ConfigError, loadConfig, RoleConfig } from "../lib/app/config";
import { resolveConfig } from "../lib/app/config-source";
import { MediaConvertValidationError } from "../lib/core/messages";
import { MediaConvertStack } from "../lib/core/stack";
import { DESCRIPTION_RULE, KMS_SHAPE, NAME_RULE } from "./support/messages";
import { ACCOUNT, INPUT_KEY, KEY_ALIAS, KEY_ID, OTHER_ACCOUNT, queueArn, REGION, SPEKE_API } from "./support/fixtures";

// ---------------------------------------------------------------------------------------------
// Values and the rule texts messages carry
// ---------------------------------------------------------------------------------------------

const QUEUE = queueArn("Default");

const BUCKET_RULE =
  "S3 bucket names are 3 to 63 lower-case letters, digits, dots and hyphens, start and end with a letter or digit, and are not IP addresses";
const PREFIX_RULE =
  "an S3 key prefix is at most 1024 characters, does not start with /, and has no * or ? (they would act as wildcards in the policy) and no characters outside printable Latin-1";
const PATH_RULE = "an IAM path is / alone, or 1 to 512 printable ASCII characters that start and end with /";
const TAG_KEY_RULE =
  "IAM tag keys are 1 to 128 letters, digits, spaces and _ . : / = + - @, and may not start with aws: (reserved for AWS)";
const TAG_VALUE_RULE = "IAM tag values are at most 256 letters, digits, spaces and _ . : / = + - @";
const SPEKE_SHAPE = "a SPEKE API ARN has the form arn:<partition>:execute-api:<region>:<12-digit account id>:<api id>/*";
const SECRET_SHAPE = "a Kantar secret ARN has the form arn:<partition>:secretsmanager:<region>:<12-digit account id>:secret:<name>";
const QUEUE_SHAPE = "a Queue ARN has the form arn:<partition>:mediaconvert:<region>:<12-digit account id>:queues/<queue name>";
const BOUNDARY_SHAPE =
  "a Permissions boundary ARN has the form arn:<partition>:iam::<12-digit account id or aws>:policy/<path><name>";
const DURATION_TAIL = "is not valid: IAM allows 3600 to 43200 seconds. Use a whole number of seconds from 3600 (1 hour) to 43200 (12 hours).";
const ALIAS_TAIL =
  'is an alias ARN: IAM does not grant use of a KMS key through its alias ARN (aliases only match through the kms:ResourceAliases condition key). Give the key ARN instead (arn:<partition>:kms:<region>:<account>:key/<key id>); "aws kms describe-key --key-id <alias ARN>" prints it.';
const SCOPED_ONLY = (field: string): string =>
  `${field} is only used with access "scoped": with the console's full access the managed policies already decide what the role can reach. Set access to "scoped", or remove ${field}.`;
const NO_MANAGED = "scoped roles get no managed full-access policies";
const KEYS_PER_LOCATION = "scoped roles take each bucket's key with its location";
const FULL_ONLY = (field: string, why: string, instead: string): string =>
  `${field} cannot be used with access "scoped": ${why}. ${instead}`;
const ROLE_ACCOUNT_CLASH = `Account id "${OTHER_ACCOUNT}" of the role differs from the stack's account id "${ACCOUNT}": the trust conditions pin the account the role lives in, which is the stack's. Remove accountId from the role.`;
const BUDGET = (roleName: string, size: string): string =>
  `Role "${roleName}" is not valid: its inline policies add up to ${size} characters, and IAM allows at most 10,240 characters of inline policy per role (white space not counted). Merge locations that share a bucket (one location per bucket with a shorter common prefix), or split the locations across two roles.`;

/** 120 prefixed input locations: far over the inline policy budget. */
const MANY_INPUTS = Array.from({ length: 120 }, (_, i) => ({ bucket: `media-input-bucket-${i}`, prefix: `some/long/prefix/for/input/${i}/` }));
const FIFTY_ONE_TAGS = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));

// ---------------------------------------------------------------------------------------------
// The output directory every row must leave untouched
// ---------------------------------------------------------------------------------------------

/** A good config: a scoped role with every setting, and the console role in a second stack. */
const GOOD_CONFIG: Config = {
  stacks: [
    {
      name: "prod",
      region: REGION,
      accountId: ACCOUNT,
      roles: [
        {
          roleName: "Transcoder",
          access: "scoped",
          inputs: [{ bucket: "media-in", prefix: "source/", kmsKeyArn: INPUT_KEY }],
          outputs: [{ bucket: "media-out", prefix: "hls/", allowAcl: true }],
          spekeApiArns: [SPEKE_API],
          trustedQueueArns: [QUEUE],
          tags: { team: "video" },
          passRolePolicy: true,
          exclusiveAttachments: true,
        },
      ],
    },
    { name: "dev", region: "us-west-2", roles: [{}] },
  ],
};

let tmp: string;
let workDir: string;
let outdir: string;
let configDir: string;
/** Relative path -> content of the good output (directories as "<dir>"). */
let before: Map<string, string>;

/**
 * Every directory and file under `dir`, each file's bytes as a latin1 string: one character per
 * byte, so equal strings mean byte-identical files (and jest compares strings fast).
 */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        out.set(`${child}/`, "<dir>");
        walk(child);
      } else {
        out.set(child, fs.readFileSync(path.join(dir, child)).toString("latin1"));
      }
    }
  };
  walk("");
  return out;
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mediaconvert-catalogue-"));
  workDir = path.join(tmp, "work");
  configDir = path.join(tmp, "configs");
  fs.mkdirSync(workDir);
  fs.mkdirSync(configDir);
  outdir = path.join(workDir, "cdktf.out");
  synthesizeConfig(GOOD_CONFIG, outdir);
  // What `terraform init` leaves next to a stack's JSON must survive a failed synth too.
  fs.writeFileSync(path.join(outdir, "stacks", "prod", ".terraform.lock.hcl"), "# lock file stand-in\n");
  before = tree(outdir);
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The good output is byte for byte as it was, and nothing (no temporary directory) sits next to it. */
function expectOutputUntouched(): void {
  expect(tree(outdir)).toEqual(before);
  expect(fs.readdirSync(workDir)).toEqual(["cdktf.out"]);
}

/** The text of a MediaConvertValidationError carrying `problems`. */
function validationMessage(problems: readonly string[]): string {
  return problems.length === 1 ? problems[0] : `${problems.length} problems:\n- ${problems.join("\n- ")}`;
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error, but nothing was thrown");
}

// ---------------------------------------------------------------------------------------------
// Props: MediaConvertStack and addRole
// ---------------------------------------------------------------------------------------------

interface StackInput {
  readonly region?: string;
  readonly accountId?: string;
  readonly roles: RoleConfig[];
}

interface PropsRow {
  readonly title: string;
  readonly stack: StackInput;
  readonly problems: readonly string[];
}

/** A stack in eu-west-1 for the known account, holding `roles`. */
const inStack = (roles: RoleConfig[], env: Partial<Omit<StackInput, "roles">> = {}): StackInput => ({
  region: REGION,
  accountId: ACCOUNT,
  ...env,
  roles,
});

/** A scoped role reading one bucket, plus `extra`. */
const scoped = (extra: RoleConfig = {}): RoleConfig => ({ access: "scoped", inputs: [{ bucket: "media-in" }], ...extra });

const PROPS_ROWS: readonly PropsRow[] = [
  // Names and descriptions
  {
    title: "an empty role name",
    stack: inStack([{ roleName: "" }]),
    problems: [`Role name "" is not valid: ${NAME_RULE}. Give the role a name.`],
  },
  {
    title: "a role name with a space",
    stack: inStack([{ roleName: "Media Convert" }]),
    problems: [`Role name "Media Convert" is not valid: ${NAME_RULE}. Remove the space.`],
  },
  {
    title: "a 65-character role name",
    stack: inStack([{ roleName: "a".repeat(65) }]),
    problems: [`Role name "${"a".repeat(65)}" is not valid: ${NAME_RULE}. Shorten it to 64 characters (it has 65).`],
  },
  {
    title: "a 1001-character description",
    stack: inStack([{ description: "d".repeat(1001) }]),
    problems: [`Description "${"d".repeat(40)}..." is not valid: ${DESCRIPTION_RULE}. Shorten it to 1000 characters (it has 1001).`],
  },
  {
    title: "a description with typographic quotes",
    stack: inStack([{ description: "“quoted”" }]),
    problems: [`Description "“quoted”" is not valid: ${DESCRIPTION_RULE}. Remove or replace "“" (U+201C) and "”" (U+201D).`],
  },
  {
    title: "a name, a description and a key that are all bad, reported together",
    stack: inStack([{ roleName: "Media Convert", description: "“", inputKmsKeyArns: [KEY_ALIAS] }]),
    problems: [
      `Role name "Media Convert" is not valid: ${NAME_RULE}. Remove the space.`,
      `Description "“" is not valid: ${DESCRIPTION_RULE}. Remove or replace "“" (U+201C).`,
      `inputKmsKeyArns[0]: KMS key ARN "${KEY_ALIAS}" ${ALIAS_TAIL}`,
    ],
  },
  // KMS key ARNs
  {
    title: "an alias ARN as an input key",
    stack: inStack([{ inputKmsKeyArns: [KEY_ALIAS] }]),
    problems: [`inputKmsKeyArns[0]: KMS key ARN "${KEY_ALIAS}" ${ALIAS_TAIL}`],
  },
  {
    title: "an S3 bucket ARN as an output key (wrong service)",
    stack: inStack([{ outputKmsKeyArns: ["arn:aws:s3:::media-bucket"] }]),
    problems: [
      `outputKmsKeyArns[0]: KMS key ARN "arn:aws:s3:::media-bucket" is not valid: ${KMS_SHAPE}. It is an ARN of service "s3", not "kms".`,
    ],
  },
  {
    title: "a bare key id instead of a key ARN (wrong shape)",
    stack: inStack([{ inputKmsKeyArns: [KEY_ID] }]),
    problems: [
      `inputKmsKeyArns[0]: KMS key ARN "${KEY_ID}" is not valid: ${KMS_SHAPE}. It does not start with "arn:" or has fewer than six ":"-separated fields.`,
    ],
  },
  {
    title: "an empty string as a key ARN",
    stack: inStack([{ inputKmsKeyArns: [""] }]),
    problems: [`inputKmsKeyArns[0]: KMS key ARN "" is not valid: ${KMS_SHAPE}. It does not start with "arn:" or has fewer than six ":"-separated fields.`],
  },
  {
    title: "an aws-cn key in an eu-west-1 stack (wrong partition)",
    stack: inStack([{ inputKmsKeyArns: [`arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/${KEY_ID}`] }]),
    problems: [
      `inputKmsKeyArns[0]: KMS key ARN "arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/${KEY_ID}" is in partition aws-cn, but the stack's region eu-west-1 is in partition aws: a role cannot reach resources of another partition. Use one from partition aws.`,
    ],
  },
  {
    title: "an alias ARN as a location's key",
    stack: inStack([{ access: "scoped", inputs: [{ bucket: "media-in", kmsKeyArn: KEY_ALIAS }] }]),
    problems: [`inputs[0].kmsKeyArn: KMS key ARN "${KEY_ALIAS}" ${ALIAS_TAIL}`],
  },
  {
    title: "a GovCloud key for an output of an eu-west-1 stack",
    stack: inStack([{ access: "scoped", outputs: [{ bucket: "media-out", kmsKeyArn: `arn:aws-us-gov:kms:us-gov-west-1:${ACCOUNT}:key/${KEY_ID}` }] }]),
    problems: [
      `outputs[0].kmsKeyArn: KMS key ARN "arn:aws-us-gov:kms:us-gov-west-1:${ACCOUNT}:key/${KEY_ID}" is in partition aws-us-gov, but the stack's region eu-west-1 is in partition aws: a role cannot reach resources of another partition. Use one from partition aws.`,
    ],
  },
  // SPEKE and Kantar
  {
    title: "a Lambda function ARN as a SPEKE API",
    stack: inStack([scoped({ spekeApiArns: [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:speke`] })]),
    problems: [
      `spekeApiArns[0]: SPEKE API ARN "arn:aws:lambda:${REGION}:${ACCOUNT}:function:speke" is not valid: ${SPEKE_SHAPE}. It is an ARN of service "lambda", not "execute-api".`,
    ],
  },
  {
    title: "a SPEKE API in another region than the stack",
    stack: inStack([scoped({ spekeApiArns: [`arn:aws:execute-api:us-east-1:${ACCOUNT}:a1b2c3d4e5`] })]),
    problems: [
      `spekeApiArns[0]: SPEKE API ARN "arn:aws:execute-api:us-east-1:${ACCOUNT}:a1b2c3d4e5" is in region us-east-1, but the role's region is eu-west-1: MediaConvert only reaches it in its own region. Use one in eu-west-1, or create the role for us-east-1.`,
    ],
  },
  {
    title: "a SPEKE API ARN whose API id is not 10 characters",
    stack: inStack([scoped({ spekeApiArns: [`arn:aws:execute-api:${REGION}:${ACCOUNT}:myapi`] })]),
    problems: [
      `spekeApiArns[0]: SPEKE API ARN "arn:aws:execute-api:${REGION}:${ACCOUNT}:myapi" is not valid: ${SPEKE_SHAPE}. Its resource "myapi" is not a 10-character API id, optionally followed by /<stage>/<method>/<path> or /*.`,
    ],
  },
  {
    title: "an SSM parameter ARN as a Kantar secret",
    stack: inStack([scoped({ kantarSecretArns: [`arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/kantar`] })]),
    problems: [
      `kantarSecretArns[0]: Kantar secret ARN "arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/kantar" is not valid: ${SECRET_SHAPE}. It is an ARN of service "ssm", not "secretsmanager".`,
    ],
  },
  {
    title: "a Kantar secret ARN without secret:",
    stack: inStack([scoped({ kantarSecretArns: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:kantar`] })]),
    problems: [
      `kantarSecretArns[0]: Kantar secret ARN "arn:aws:secretsmanager:${REGION}:${ACCOUNT}:kantar" is not valid: ${SECRET_SHAPE}. Its resource "kantar" is not secret: followed by the secret's name (letters, digits and / _ + = . @ -).`,
    ],
  },
  // Confused-deputy protection
  {
    title: "a role accountId other than the stack's",
    stack: inStack([{ accountId: OTHER_ACCOUNT }]),
    problems: [ROLE_ACCOUNT_CLASH],
  },
  {
    title: "a role accountId of 11 digits",
    stack: inStack([{ accountId: "11112222333" }], { accountId: undefined }),
    problems: [
      'Account id "11112222333" is not valid: an AWS account id is exactly 12 digits. Copy it from "aws sts get-caller-identity" (keep leading zeros, and write it as a string).',
    ],
  },
  {
    title: "a trusted queue of another account than the role's own accountId",
    stack: inStack([{ accountId: ACCOUNT, trustedQueueArns: [`arn:aws:mediaconvert:${REGION}:${OTHER_ACCOUNT}:queues/Default`] }], { accountId: undefined }),
    problems: [
      `trustedQueueArns[0]: Queue ARN "arn:aws:mediaconvert:${REGION}:${OTHER_ACCOUNT}:queues/Default" belongs to account ${OTHER_ACCOUNT}, but the stack is for account ${ACCOUNT}: only jobs of the role's own account can assume it. Use a queue of account ${ACCOUNT}.`,
    ],
  },
  {
    title: "a trusted queue of another account",
    stack: inStack([{ trustedQueueArns: [`arn:aws:mediaconvert:${REGION}:${OTHER_ACCOUNT}:queues/Default`] }]),
    problems: [
      `trustedQueueArns[0]: Queue ARN "arn:aws:mediaconvert:${REGION}:${OTHER_ACCOUNT}:queues/Default" belongs to account ${OTHER_ACCOUNT}, but the stack is for account ${ACCOUNT}: only jobs of the role's own account can assume it. Use a queue of account ${ACCOUNT}.`,
    ],
  },
  {
    title: "trustedQueueArns with confusedDeputyProtection false",
    stack: inStack([{ confusedDeputyProtection: false, trustedQueueArns: [QUEUE] }]),
    problems: [
      "trustedQueueArns has no effect with confusedDeputyProtection false: the queues are only checked by the trust policy's aws:SourceArn condition. Remove one of the two settings.",
    ],
  },
  {
    title: "a preset ARN as a trusted queue",
    stack: inStack([{ trustedQueueArns: [`arn:aws:mediaconvert:${REGION}:${ACCOUNT}:presets/HLS`] }]),
    problems: [
      `trustedQueueArns[0]: Queue ARN "arn:aws:mediaconvert:${REGION}:${ACCOUNT}:presets/HLS" is not valid: ${QUEUE_SHAPE}. Its resource "presets/HLS" is not queues/ followed by a queue name.`,
    ],
  },
  // Settings of the other access mode
  {
    title: "access scoped without inputs or outputs",
    stack: inStack([{ access: "scoped" }]),
    problems: [
      'Role "MediaConvert_Default_Role" has access "scoped" but no inputs or outputs: MediaConvert could read and write nothing. Add at least one entry to inputs or outputs.',
    ],
  },
  {
    title: "attachS3FullAccess with access scoped",
    stack: inStack([scoped({ attachS3FullAccess: true })]),
    problems: [FULL_ONLY("attachS3FullAccess", NO_MANAGED, "Remove it; list the buckets in inputs and outputs.")],
  },
  {
    title: "attachApiGatewayInvokeFullAccess with access scoped",
    stack: inStack([scoped({ attachApiGatewayInvokeFullAccess: true })]),
    problems: [FULL_ONLY("attachApiGatewayInvokeFullAccess", NO_MANAGED, "Remove it; list the SPEKE APIs in spekeApiArns.")],
  },
  {
    title: "inputKmsKeyArns with access scoped",
    stack: inStack([scoped({ inputKmsKeyArns: [INPUT_KEY] })]),
    problems: [FULL_ONLY("inputKmsKeyArns", KEYS_PER_LOCATION, "Give each location's key as kmsKeyArn in inputs and outputs.")],
  },
  {
    title: "inputs with the console's full access",
    stack: inStack([{ inputs: [{ bucket: "media-in" }] }]),
    problems: [SCOPED_ONLY("inputs")],
  },
  {
    title: "an alias ARN in jobEncryptionKmsKeyArns of a scoped role",
    stack: inStack([scoped({ jobEncryptionKmsKeyArns: [KEY_ALIAS] })]),
    problems: [`jobEncryptionKmsKeyArns[0]: KMS key ARN "${KEY_ALIAS}" ${ALIAS_TAIL}`],
  },
  {
    title: "spekeApiArns with the console's full access (Kantar secrets are granted in both modes)",
    stack: inStack([{ spekeApiArns: [SPEKE_API], kantarSecretArns: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kantar-AbCdEf`] }]),
    problems: [SCOPED_ONLY("spekeApiArns")],
  },
  // Buckets and prefixes
  ...(
    [
      ["an upper-case bucket name", "Media-In", 'Remove or replace "M" and "I".'],
      ["an s3:// URL as a bucket", "s3://media-in", "Give the bare bucket name, without arn: or s3://."],
      ["a bucket ARN as a bucket", "arn:aws:s3:::media-in", "Give the bare bucket name, without arn: or s3://."],
      ["an empty bucket name", "", "Use 3 to 63 characters (it has 0)."],
      ["a 2-character bucket name", "ab", "Use 3 to 63 characters (it has 2)."],
      ["a bucket named like an IP address", "192.168.1.1", "It is formatted as an IP address; use a name."],
      ["a bucket name with two dots in a row", "media..in", "Remove the two dots in a row."],
      ["a bucket name starting with a hyphen", "-media", "Start and end it with a letter or digit."],
      ["a bucket name with a suffix S3 reserves", "media-s3alias", '"-s3alias" is reserved by S3.'],
    ] as const
  ).map(
    ([title, bucket, fix]): PropsRow => ({
      title,
      stack: inStack([{ access: "scoped", inputs: [{ bucket }] }]),
      problems: [`inputs[0].bucket: Bucket name ${JSON.stringify(bucket)} is not valid: ${BUCKET_RULE}. ${fix}`],
    }),
  ),
  ...(
    [
      ["a prefix with a leading /", "/source/", "Remove the leading / (S3 keys do not start with one)."],
      ["a prefix with a * wildcard", "source/*", 'Remove "*".'],
      ["an empty prefix", "", "Leave prefix out to mean the whole bucket."],
    ] as const
  ).map(
    ([title, prefix, fix]): PropsRow => ({
      title,
      stack: inStack([{ access: "scoped", outputs: [{ bucket: "media-out", prefix }] }]),
      problems: [`outputs[0].prefix: Prefix ${JSON.stringify(prefix)} is not valid: ${PREFIX_RULE}. ${fix}`],
    }),
  ),
  // Role settings
  {
    title: "a path without slashes",
    stack: inStack([{ path: "media" }]),
    problems: [`Path "media" is not valid: ${PATH_RULE}. Write it as /media/.`],
  },
  {
    title: "a path with a space",
    stack: inStack([{ path: "/media team/" }]),
    problems: [`Path "/media team/" is not valid: ${PATH_RULE}. Remove the space.`],
  },
  {
    // The fix it suggests, "//", is not a valid IAM path either (reported).
    title: "an empty path",
    stack: inStack([{ path: "" }]),
    problems: [`Path "" is not valid: ${PATH_RULE}. Use / or leave path out.`],
  },
  {
    title: "a role ARN as the permissions boundary",
    stack: inStack([{ permissionsBoundary: `arn:aws:iam::${ACCOUNT}:role/Boundary` }]),
    problems: [
      `Permissions boundary ARN "arn:aws:iam::${ACCOUNT}:role/Boundary" is not valid: ${BOUNDARY_SHAPE}. Its resource "role/Boundary" is not policy/ followed by an optional path and a policy name.`,
    ],
  },
  {
    title: "a permissions boundary ARN with a region",
    stack: inStack([{ permissionsBoundary: `arn:aws:iam:${REGION}:${ACCOUNT}:policy/Boundary` }]),
    problems: [
      `Permissions boundary ARN "arn:aws:iam:${REGION}:${ACCOUNT}:policy/Boundary" is not valid: ${BOUNDARY_SHAPE}. Its region field must be empty.`,
    ],
  },
  {
    title: "an aws-cn permissions boundary in an eu-west-1 stack",
    stack: inStack([{ permissionsBoundary: `arn:aws-cn:iam::${ACCOUNT}:policy/Boundary` }]),
    problems: [
      `Permissions boundary ARN "arn:aws-cn:iam::${ACCOUNT}:policy/Boundary" is in partition aws-cn, but the stack's region eu-west-1 is in partition aws: a role cannot reach resources of another partition. Use one from partition aws.`,
    ],
  },
  { title: "a session duration of 3599 seconds", stack: inStack([{ maxSessionDuration: 3599 }]), problems: [`Max session duration 3599 ${DURATION_TAIL}`] },
  { title: "a session duration of 43201 seconds", stack: inStack([{ maxSessionDuration: 43201 }]), problems: [`Max session duration 43201 ${DURATION_TAIL}`] },
  { title: "a fractional session duration", stack: inStack([{ maxSessionDuration: 3600.5 }]), problems: [`Max session duration 3600.5 ${DURATION_TAIL}`] },
  {
    title: "51 tags",
    stack: inStack([{ tags: FIFTY_ONE_TAGS }]),
    problems: ["Tags are not valid: IAM allows at most 50 tags per role. Remove 1 of the 51 tags."],
  },
  {
    title: "a tag key starting with aws:",
    stack: inStack([{ tags: { "aws:team": "video" } }]),
    problems: [`Tag key "aws:team" is not valid: ${TAG_KEY_RULE}. Remove the aws: prefix.`],
  },
  {
    title: "a tag key starting with AWS: in upper case",
    stack: inStack([{ tags: { "AWS:team": "video" } }]),
    problems: [`Tag key "AWS:team" is not valid: ${TAG_KEY_RULE}. Remove the aws: prefix.`],
  },
  {
    title: "an empty tag key",
    stack: inStack([{ tags: { "": "video" } }]),
    problems: [`Tag key "" is not valid: ${TAG_KEY_RULE}. Give the tag a key.`],
  },
  {
    title: "a 129-character tag key",
    stack: inStack([{ tags: { ["k".repeat(129)]: "video" } }]),
    problems: [`Tag key "${"k".repeat(80)}..." is not valid: ${TAG_KEY_RULE}. Shorten it to 128 characters (it has 129).`],
  },
  {
    title: "a 257-character tag value",
    stack: inStack([{ tags: { team: "v".repeat(257) } }]),
    problems: [`Tag value "${"v".repeat(80)}..." of tag "team" is not valid: ${TAG_VALUE_RULE}. Shorten it to 256 characters (it has 257).`],
  },
  {
    title: "a tag value with #",
    stack: inStack([{ tags: { team: "video#1" } }]),
    problems: [`Tag value "video#1" of tag "team" is not valid: ${TAG_VALUE_RULE}. Remove "#".`],
  },
  // Duplicates in one stack
  {
    title: "the same role name twice in one stack",
    stack: inStack([{ roleName: "Transcoder" }, { roleName: "Transcoder" }]),
    problems: ['Role name "Transcoder" is used twice in the same stack: IAM role names are unique per account. Rename one of them.'],
  },
  {
    title: "two role names of one stack that differ only in case",
    stack: inStack([{ roleName: "Transcoder" }, { roleName: "TRANSCODER" }]),
    problems: [
      'Role name "TRANSCODER" clashes with role "Transcoder" in the same stack: IAM role names are unique per account and not case-sensitive. Rename one of them.',
    ],
  },
  {
    title: "two role names of one stack that map to the same Terraform resource name",
    stack: inStack([{ roleName: "media.transcoder" }, { roleName: "media_transcoder" }]),
    problems: [
      'Roles "media.transcoder" and "media_transcoder" both map to Terraform resource name "media_transcoder" (names are lower-cased, + = , . @ - become _, and a leading digit gets role_ in front). Rename one of them.',
    ],
  },
  // The inline policy budget
  {
    title: "120 prefixed inputs (inline policy over 10,240 characters)",
    stack: inStack([{ access: "scoped", inputs: MANY_INPUTS }]),
    problems: [BUDGET("MediaConvert_Default_Role", "40,308")],
  },
  // The stack itself
  {
    title: "a region given by its display name",
    stack: inStack([{}], { region: "Ireland" }),
    problems: [
      'Region "Ireland" is not valid: an AWS region looks like us-east-1, eu-west-1, cn-north-1 or us-gov-west-1. Use a region code such as eu-west-1.',
    ],
  },
  {
    title: "an account id with dashes",
    stack: inStack([{}], { accountId: "1111-2222-3333" }),
    problems: [
      'Account id "1111-2222-3333" is not valid: an AWS account id is exactly 12 digits. Copy it from "aws sts get-caller-identity" (keep leading zeros, and write it as a string).',
    ],
  },
];

describe("bad props: MediaConvertStack and addRole throw the exact message, and synthesizeConfig leaves the previous output as it was", () => {
  it.each(PROPS_ROWS)("rejects $title", (row) => {
    // GIVEN a good synth in outdir (beforeAll) and the bad stack props
    const stackProps = { region: row.stack.region, accountId: row.stack.accountId, roles: row.stack.roles };
    // WHEN
    const direct = thrownBy(() => new MediaConvertStack(Testing.app(), "media", stackProps));
    const viaApp = thrownBy(() => synthesizeConfig({ stacks: [{ name: "prod", ...stackProps }] }, outdir));
    // THEN
    for (const error of [direct, viaApp]) {
      expect(error).toBeInstanceOf(MediaConvertValidationError);
      expect((error as MediaConvertValidationError).problems).toEqual(row.problems);
      expect((error as MediaConvertValidationError).message).toBe(validationMessage(row.problems));
    }
    expectOutputUntouched();
  });

  it("rejects, when the app validates, two stacks of one account whose role names differ only in case", () => {
    // GIVEN two stacks for the same account
    const config: Config = {
      stacks: [
        { name: "prod", region: REGION, accountId: ACCOUNT, roles: [{ roleName: "Shared" }] },
        { name: "dev", region: "us-west-2", accountId: ACCOUNT, roles: [{ roleName: "SHARED" }] },
      ],
    };
    // WHEN
    const error = thrownBy(() => synthesizeConfig(config, outdir));
    // THEN
    expect(error).toBeInstanceOf(MediaConvertValidationError);
    expect((error as MediaConvertValidationError).problems).toEqual([
      'dev: Role name "SHARED" clashes with role "Shared" in stack "prod" (same account): IAM role names are unique per account and not case-sensitive. Rename one of them.',
    ]);
    expectOutputUntouched();
  });
});

describe("the inline policy budget", () => {
  /** A scoped role whose policy lists Kantar secrets, the last one's name `lastLength` characters long. */
  const withSecrets = (lastLength: number): RoleConfig =>
    scoped({
      kantarSecretArns: [
        ...Array.from({ length: 19 }, (_, i) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kantar-${String(i).padStart(2, "0")}-${"x".repeat(400)}`),
        `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${"z".repeat(lastLength)}`,
      ],
    });
  /** The synthesized inline policy's length for `role`. */
  const policyLength = (role: RoleConfig): number => {
    const app = Testing.app();
    const stack = new MediaConvertStack(app, "media", { region: REGION, accountId: ACCOUNT, roles: [role] });
    const tf = JSON.parse(Testing.synth(stack)) as { resource: { aws_iam_role_policy: Record<string, { policy: string }> } };
    return tf.resource.aws_iam_role_policy.mediaconvert_default_role_scoped.policy.length;
  };

  it("accepts an inline policy of exactly 10,240 characters and rejects one of 10,241", () => {
    // GIVEN the last secret's name sized so that the synthesized policy is 10,240 characters long
    const lastLength = 10240 - policyLength(withSecrets(1)) + 1;
    // WHEN
    const atBudget = policyLength(withSecrets(lastLength));
    const over = thrownBy(() => new MediaConvertStack(Testing.app(), "media", { region: REGION, accountId: ACCOUNT, roles: [withSecrets(lastLength + 1)] }));
    // THEN
    expect(atBudget).toBe(10240);
    expect((over as MediaConvertValidationError).problems).toEqual([BUDGET("MediaConvert_Default_Role", "10,241")]);
  });
});

// ---------------------------------------------------------------------------------------------
// Config files: loadConfig + synthesizeConfig, and resolveConfig with MEDIACONVERT_CONFIG
// ---------------------------------------------------------------------------------------------

interface ConfigRow {
  readonly title: string;
  /** The file's text (objects are written as JSON); undefined: no file at all. */
  readonly content: string | object | undefined;
  /** Read through MEDIACONVERT_CONFIG (resolveConfig) instead of loadConfig. @default false */
  readonly fromEnvironment?: boolean;
  /** A directory at the config path instead of a file. @default false */
  readonly directory?: boolean;
  /** The ConfigError's problems, each `<JSON path>: <message>` (or the message alone for the file). */
  readonly problems: readonly string[];
}

/** A config with one stack "prod" in eu-west-1 for the known account, holding `roles`. */
const oneStack = (roles: unknown[], stack: Record<string, unknown> = {}): object => ({
  stacks: [{ name: "prod", region: REGION, accountId: ACCOUNT, ...stack, roles }],
});
const ROLE = "stacks[0].roles[0]";
const ROLE_KEYS =
  "roleName, description, access, attachS3FullAccess, attachApiGatewayInvokeFullAccess, inputKmsKeyArns, outputKmsKeyArns, inputs, outputs, outputMultipartUpload, jobEncryptionKmsKeyArns, decryptionKmsKeyArns, spekeApiArns, kantarSecretArns, confusedDeputyProtection, accountId, trustedQueueArns, path, permissionsBoundary, maxSessionDuration, tags, exclusiveAttachments, passRolePolicy, jobSubmitters, preventDestroy, adopt";
const EMPTY_FILE =
  'the config file is empty. Write a config such as {"stacks": [{"name": "mediaconvert", "roles": [{}]}]}, or remove the file to use the built-in default.';
const NOT_JSON_FIX = "Fix the syntax (JSON allows no comments or trailing commas).";

const CONFIG_ROWS: readonly ConfigRow[] = [
  // The file itself
  { title: "an empty file", content: "", problems: [EMPTY_FILE] },
  { title: "a file of white space, named by MEDIACONVERT_CONFIG", content: "  \n\t\n", fromEnvironment: true, problems: [EMPTY_FILE] },
  { title: "a file that is not JSON", content: "stacks: []", problems: [`the file is not valid JSON at line 1, column 1: an unexpected "stacks". ${NOT_JSON_FIX}`] },
  {
    title: "JSON with a trailing comma",
    content: '{"stacks": [{"name": "prod", "roles": [{}],}]}',
    problems: [`the file is not valid JSON at line 1, column 44: a key (in double quotes) was expected. ${NOT_JSON_FIX}`],
  },
  {
    // Node's excerpt of the file leaks into the message, and there is no line and column (reported).
    title: "JSON with a comment",
    content: '// prod\n{"stacks": []}',
    problems: [`the file is not valid JSON at line 1, column 1: JSON allows no comments. ${NOT_JSON_FIX}`],
  },
  {
    title: "a MEDIACONVERT_CONFIG that names no file",
    content: undefined,
    fromEnvironment: true,
    problems: ["cannot read the config file: the file does not exist. Check the path in MEDIACONVERT_CONFIG, or unset it to use mediaconvert.config.json or the built-in default."],
  },
  {
    title: "a MEDIACONVERT_CONFIG that names a directory",
    content: undefined,
    directory: true,
    fromEnvironment: true,
    problems: ["cannot read the config file: it is a directory. Check the path in MEDIACONVERT_CONFIG, or unset it to use mediaconvert.config.json or the built-in default."],
  },
  // Shape and types
  { title: "a top-level array", content: [], problems: ["(top level): expected an object, got an array. Write it as an object."] },
  { title: "no stacks key", content: {}, problems: ["stacks: is missing: it is required (an array)."] },
  { title: "an empty stacks list", content: { stacks: [] }, problems: ['stacks: is empty: add at least one stack, e.g. {"name": "mediaconvert", "roles": [{}]}.'] },
  { title: "an empty roles list", content: oneStack([]), problems: ["stacks[0].roles: is empty: add at least one role ({} is the console's default role)."] },
  {
    title: "a stack name with a space",
    content: { stacks: [{ name: "prod env", roles: [{}] }] },
    problems: [
      'stacks[0].name: the string "prod env" is not valid: a stack name is 1 to 64 letters, digits, - and _, starting with a letter or digit (it becomes the directory cdktf.out/stacks/<name>). Rename the stack.',
    ],
  },
  { title: "a misspelt role key", content: oneStack([{ roleNmae: "Transcoder" }]), problems: [`${ROLE}.roleNmae: unknown key "roleNmae". Did you mean "roleName"?`] },
  { title: "a role key that resembles none", content: oneStack([{ colour: "blue" }]), problems: [`${ROLE}.colour: unknown key "colour". Allowed keys: ${ROLE_KEYS}.`] },
  { title: "a misspelt stack key", content: { stacks: [{ name: "prod", account: ACCOUNT, roles: [{}] }] }, problems: ['stacks[0].account: unknown key "account". Did you mean "accountId"?'] },
  { title: "a number as role name", content: oneStack([{ roleName: 5 }]), problems: [`${ROLE}.roleName: expected a string, got the number 5. Write it as a string.`] },
  {
    title: "a string as session duration",
    content: oneStack([{ maxSessionDuration: "3600" }]),
    problems: [`${ROLE}.maxSessionDuration: expected a number, got the string "3600". Write it as a number.`],
  },
  { title: "an unknown access mode", content: oneStack([{ access: "least" }]), problems: [`${ROLE}.access: expected one of "full", "scoped", got the string "least". Use one of them.`] },
  // "record" is zod's word, not the user's (reported).
  { title: "tags as an array", content: oneStack([{ tags: ["team"] }]), problems: [`${ROLE}.tags: expected an object of string values, e.g. {"team": "video"}, got an array. Write it as an object of string values, e.g. {"team": "video"}.`] },
  { title: "a number as account id", content: oneStack([{}], { accountId: 111122223333 }), problems: ["stacks[0].accountId: expected a string, got the number 111122223333. Write it as a string."] },
  { title: "inputs as an object", content: oneStack([{ access: "scoped", inputs: { bucket: "media-in" } }]), problems: [`${ROLE}.inputs: expected an array, got an object. Write it as an array.`] },
  { title: "an input without a bucket", content: oneStack([{ access: "scoped", inputs: [{ prefix: "source/" }] }]), problems: [`${ROLE}.inputs[0].bucket: is missing: it is required (a string).`] },
  {
    title: "allowAcl on an input (an output-only field)",
    content: oneStack([{ access: "scoped", inputs: [{ bucket: "media-in", allowAcl: true }] }]),
    problems: [`${ROLE}.inputs[0].allowAcl: unknown key "allowAcl". Allowed keys: bucket, prefix, kmsKeyArn, bucketOwner.`],
  },
  { title: "an unknown backend type", content: oneStack([{}], { backend: { type: "gcs" } }), problems: ['stacks[0].backend.type: expected one of "local", "s3", "cloud", got the string "gcs". Use one of them.'] },
  // Values
  { title: "an empty role name", content: oneStack([{ roleName: "" }]), problems: [`${ROLE}.roleName: Role name "" is not valid: ${NAME_RULE}. Give the role a name.`] },
  {
    title: "a description with typographic quotes",
    content: oneStack([{ description: "“q”" }]),
    problems: [`${ROLE}.description: Description "“q”" is not valid: ${DESCRIPTION_RULE}. Remove or replace "“" (U+201C) and "”" (U+201D).`],
  },
  {
    title: "a region given by its display name",
    content: oneStack([{}], { region: "Ireland" }),
    problems: [
      'stacks[0].region: Region "Ireland" is not valid: an AWS region looks like us-east-1, eu-west-1, cn-north-1 or us-gov-west-1. Use a region code such as eu-west-1.',
    ],
  },
  {
    title: "an 11-digit account id",
    content: oneStack([{}], { accountId: "11112222333" }),
    problems: [
      'stacks[0].accountId: Account id "11112222333" is not valid: an AWS account id is exactly 12 digits. Copy it from "aws sts get-caller-identity" (keep leading zeros, and write it as a string).',
    ],
  },
  {
    title: "an alias ARN as a location's key",
    content: oneStack([{ access: "scoped", inputs: [{ bucket: "media-in", kmsKeyArn: KEY_ALIAS }] }]),
    problems: [`${ROLE}.inputs[0].kmsKeyArn: KMS key ARN "${KEY_ALIAS}" ${ALIAS_TAIL}`],
  },
  {
    title: "an aws-cn input key in an eu-west-1 stack",
    content: oneStack([{ inputKmsKeyArns: [`arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/${KEY_ID}`] }]),
    problems: [
      `${ROLE}.inputKmsKeyArns[0]: KMS key ARN "arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/${KEY_ID}" is in partition aws-cn, but the stack's region eu-west-1 is in partition aws: a role cannot reach resources of another partition. Use one from partition aws.`,
    ],
  },
  {
    title: "an output bucket with upper case and _",
    content: oneStack([{ access: "scoped", outputs: [{ bucket: "Media_Out" }] }]),
    problems: [`${ROLE}.outputs[0].bucket: Bucket name "Media_Out" is not valid: ${BUCKET_RULE}. Remove or replace "M", "_" and "O".`],
  },
  {
    title: "an output prefix with a leading /",
    content: oneStack([{ access: "scoped", outputs: [{ bucket: "media-out", prefix: "/hls/" }] }]),
    problems: [`${ROLE}.outputs[0].prefix: Prefix "/hls/" is not valid: ${PREFIX_RULE}. Remove the leading / (S3 keys do not start with one).`],
  },
  {
    title: "a role ARN as permissions boundary",
    content: oneStack([{ permissionsBoundary: `arn:aws:iam::${ACCOUNT}:role/Boundary` }]),
    problems: [
      `${ROLE}.permissionsBoundary: Permissions boundary ARN "arn:aws:iam::${ACCOUNT}:role/Boundary" is not valid: ${BOUNDARY_SHAPE}. Its resource "role/Boundary" is not policy/ followed by an optional path and a policy name.`,
    ],
  },
  { title: "a session duration of 50000 seconds", content: oneStack([{ maxSessionDuration: 50000 }]), problems: [`${ROLE}.maxSessionDuration: Max session duration 50000 ${DURATION_TAIL}`] },
  { title: "a tag key starting with aws:", content: oneStack([{ tags: { "aws:cost": "x" } }]), problems: [`${ROLE}.tags: Tag key "aws:cost" is not valid: ${TAG_KEY_RULE}. Remove the aws: prefix.`] },
  // Duplicates
  {
    title: "a stack name used twice",
    content: { stacks: [{ name: "prod", roles: [{}] }, { name: "prod", region: "us-west-2", roles: [{ roleName: "Other" }] }] },
    problems: ['stacks[1].name: stack name "prod" is already used by stacks[0]: each stack needs its own output directory. Rename one of them.'],
  },
  {
    title: "a role name used twice in one stack",
    content: oneStack([{ roleName: "Transcoder" }, { roleName: "Transcoder" }]),
    problems: [
      'stacks[0].roles[1].roleName: Role name "Transcoder" is used twice (stacks[0].roles[0].roleName) in the same stack: IAM role names are unique per account. Rename one of them.',
    ],
  },
  {
    title: "the default role twice in one stack",
    content: oneStack([{}, {}]),
    problems: [
      'stacks[0].roles[1].roleName: Role name "MediaConvert_Default_Role" is used twice (stacks[0].roles[0].roleName) in the same stack: IAM role names are unique per account. Rename one of them.',
    ],
  },
  {
    title: "two role names of one stack that differ only in case",
    content: oneStack([{ roleName: "Transcoder" }, { roleName: "transcoder" }]),
    problems: [
      'stacks[0].roles[1].roleName: Role name "transcoder" clashes with role "Transcoder" (stacks[0].roles[0].roleName) in the same stack: IAM role names are unique per account and not case-sensitive. Rename one of them.',
    ],
  },
  {
    title: "role names of two stacks of one account that differ only in case",
    content: {
      stacks: [
        { name: "east", region: "us-east-1", accountId: ACCOUNT, roles: [{ roleName: "Shared" }] },
        { name: "west", region: "us-west-2", accountId: ACCOUNT, roles: [{ roleName: "SHARED" }] },
      ],
    },
    problems: [
      'stacks[1].roles[0].roleName: Role name "SHARED" clashes with role "Shared" (stacks[0].roles[0].roleName) in stack "east" (same account): IAM role names are unique per account and not case-sensitive. Rename one of them.',
    ],
  },
  // Settings of the other access mode, and confused-deputy protection
  { title: "inputs with the console's full access", content: oneStack([{ inputs: [{ bucket: "media-in" }] }]), problems: [`${ROLE}.inputs: ${SCOPED_ONLY("inputs")}`] },
  {
    title: "outputKmsKeyArns with access scoped",
    content: oneStack([{ access: "scoped", outputs: [{ bucket: "media-out" }], outputKmsKeyArns: [INPUT_KEY] }]),
    problems: [`${ROLE}.outputKmsKeyArns: ${FULL_ONLY("outputKmsKeyArns", KEYS_PER_LOCATION, "Give each location's key as kmsKeyArn in inputs and outputs.")}`],
  },
  {
    title: "access scoped without inputs or outputs",
    content: oneStack([{ access: "scoped" }]),
    problems: [
      `${ROLE}.access: Role "MediaConvert_Default_Role" has access "scoped" but no inputs or outputs: MediaConvert could read and write nothing. Add at least one entry to inputs or outputs.`,
    ],
  },
  {
    title: "a role accountId other than the stack's",
    content: oneStack([{ accountId: OTHER_ACCOUNT }]),
    problems: [`${ROLE}.accountId: ${ROLE_ACCOUNT_CLASH}`],
  },
  {
    title: "a trusted queue of another account",
    content: oneStack([{ trustedQueueArns: [`arn:aws:mediaconvert:${REGION}:${OTHER_ACCOUNT}:queues/Default`] }]),
    problems: [
      `${ROLE}.trustedQueueArns[0]: Queue ARN "arn:aws:mediaconvert:${REGION}:${OTHER_ACCOUNT}:queues/Default" belongs to account ${OTHER_ACCOUNT}, but the stack is for account ${ACCOUNT}: only jobs of the role's own account can assume it. Use a queue of account ${ACCOUNT}.`,
    ],
  },
  {
    title: "a SPEKE API in another region",
    content: oneStack([{ access: "scoped", outputs: [{ bucket: "media-out" }], spekeApiArns: [`arn:aws:execute-api:us-east-1:${ACCOUNT}:a1b2c3d4e5/*`] }]),
    problems: [
      `${ROLE}.spekeApiArns[0]: SPEKE API ARN "arn:aws:execute-api:us-east-1:${ACCOUNT}:a1b2c3d4e5/*" is in region us-east-1, but the role's region is eu-west-1: MediaConvert only reaches it in its own region. Use one in eu-west-1, or create the role for us-east-1.`,
    ],
  },
  {
    title: "120 prefixed inputs (inline policy over 10,240 characters)",
    content: oneStack([{ access: "scoped", inputs: MANY_INPUTS }]),
    problems: [`${ROLE}: ${BUDGET("MediaConvert_Default_Role", "40,308")}`],
  },
];

describe("bad config files: the exact message with file and JSON path, and the previous output as it was", () => {
  it.each(CONFIG_ROWS.map((row, i) => ({ ...row, index: i })))("rejects $title", (row) => {
    // GIVEN a good synth in outdir (beforeAll) and the bad config at its path
    const file = path.join(configDir, `row-${row.index}.json`);
    if (row.directory) fs.mkdirSync(file);
    else if (row.content !== undefined) fs.writeFileSync(file, typeof row.content === "string" ? row.content : JSON.stringify(row.content, null, 2));
    // WHEN
    const error = thrownBy(() => {
      const config = row.fromEnvironment ? resolveConfig({ MEDIACONVERT_CONFIG: file }, configDir).config : loadConfig(file, {});
      synthesizeConfig(config, outdir);
    });
    // THEN
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.file).toBe(file);
    expect(configError.problems).toEqual(row.problems);
    expect(configError.message).toBe(row.problems.map((p) => `${file}: ${p}`).join("\n"));
    expectOutputUntouched();
  });

  it("still synthesizes the good config into the same bytes after every rejected input", () => {
    // GIVEN every bad row has run against outdir, and a fresh output directory at the same depth
    const otherWorkDir = path.join(tmp, "work-again");
    fs.mkdirSync(otherWorkDir);
    const other = path.join(otherWorkDir, "cdktf.out");
    // WHEN
    synthesizeConfig(GOOD_CONFIG, other);
    // THEN: the same files as the first synth, minus the lock file the test added
    const expected = new Map(before);
    expected.delete(path.join("stacks", "prod", ".terraform.lock.hcl"));
    expect(tree(other)).toEqual(expected);
    expectOutputUntouched();
  });
});
