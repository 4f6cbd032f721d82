/**
 * The messages of the jobs layer: reading job documents, resolving job templates, reading an
 * account. Each says what was given, the rule, and what to do.
 */
import { quote } from "../core/messages";

/** Thrown when job documents cannot be read: every problem found, each naming the file and the JSON path. */
export class JobDocumentError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems in the job documents:\n- ${problems.join("\n- ")}`);
    this.name = "JobDocumentError";
  }
}

/** Thrown when reading jobs from an account fails: the message names the MediaConvert action and the fix. */
export class AccountReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccountReadError";
  }
}

/** The shapes a job document may have, for the messages that reject one. */
export const ACCEPTED_SHAPES =
  'a CreateJob request {"Settings": ...} (as the console exports it), get-job output {"Job": ...}, list-jobs output {"Jobs": [...]}, ' +
  'a CreateJobTemplate request {"Name": ..., "Settings": ...}, get-job-template output {"JobTemplate": ...} or list-job-templates output {"JobTemplates": [...]}, ' +
  "in the CLI's PascalCase or the REST API's camelCase";

const where = (file: string, at: string): string => `${file}: ${at === "" ? "(root)" : at}`;

const kindOf = (value: unknown): string => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `a string (${quote(value, 40)})`;
  return `a ${typeof value} (${String(value)})`;
};

export const cannotRead = (file: string, why: string): string =>
  `${file}: cannot read the job document: ${why}. Check the path; pass job documents as files or directories of *.json files.`;

export const noJsonFiles = (dir: string): string =>
  `${dir}: the directory holds no *.json file (directories are searched recursively): nothing to read. Pass the directory that holds the job documents, or the files themselves.`;

export const emptyDocument = (file: string): string =>
  `${file}: the file is empty: a job document is JSON, ${ACCEPTED_SHAPES}. Write the job's JSON into it (for example "aws mediaconvert get-job --id <job id> > ${file}"), or leave the file out.`;

export const invalidJson = (file: string, line: number, column: number, reason: string): string =>
  `${file}: not valid JSON at line ${line}, column ${column}: ${reason}. Fix the syntax: job documents are plain JSON as the AWS CLI and the console write them (no comments or trailing commas).`;

export const notAJobDocument = (file: string, at: string, value: unknown): string => {
  const keys = typeof value === "object" && value !== null && !Array.isArray(value) ? Object.keys(value) : undefined;
  const listed =
    (keys ?? [])
      .slice(0, 8)
      .map((k) => quote(k))
      .join(", ") + ((keys ?? []).length > 8 ? ", ..." : "");
  const got = keys === undefined ? `it is ${kindOf(value)}` : keys.length === 0 ? "it is an empty object" : `it has the keys ${listed}`;
  const place = where(file, at);
  return `${place}: not a MediaConvert job document: ${got}. Accepted: ${ACCEPTED_SHAPES}.`;
};

export const mustBe = (file: string, at: string, what: string, value: unknown, fix: string): string => {
  const [place, got] = [where(file, at), kindOf(value)];
  return `${place}: must be ${what}, not ${got}. ${fix}`;
};

export const jobWithoutSettings = (file: string, at: string): string => {
  const place = where(file, at);
  return `${place}: the job has neither Settings nor JobTemplate: MediaConvert runs a job from its settings, its job template's, or both. Add the job's Settings, or name the job template it uses in JobTemplate.`;
};

export const templateWithoutSettings = (file: string, at: string, name: string | undefined): string => {
  const [place, named] = [where(file, at), name === undefined ? "" : ` ${quote(name)}`];
  return `${place}: the job template${named} has no Settings: a template is its settings. Pass the whole get-job-template output (aws mediaconvert get-job-template --name <name>).`;
};

export const templateWithoutName = (file: string, at: string): string => {
  const place = where(file, at);
  return `${place}: the job template has no Name: jobs name their template by it (JobTemplate). Add its Name, or pass the whole get-job-template output.`;
};

export const jobAndTemplateFields = (file: string, at: string, jobKey: string, templateKey: string): string => {
  const place = where(file, at);
  return `${place}: the document has both ${jobKey} (a job's field) and ${templateKey} (a job template's), so it is neither a CreateJob nor a CreateJobTemplate request. Remove the field that does not belong, or split it into a job and a template.`;
};

export const unresolvedTemplate = (entry: string, template: string): string => {
  const name = quote(template);
  return `${entry}: JobTemplate: job template ${name} is not among the documents read, so the settings it gives the job (usually its outputs) are unknown and their accesses are missing. Pass its get-job-template output too, or use --from-account.`;
};

export const conflictingTemplates = (name: string, first: string, second: string): string => {
  const template = quote(name);
  return `Job template ${template} is read twice with different settings (${first} and ${second}), and a job names it: which one the job runs with is unknown. Pass only the template's current get-job-template output.`;
};

// ---------------------------------------------------------------------------------------------
// Reading an account (--from-account)

/** The MediaConvert actions the account reader calls, in the order it calls them. */
export const ACCOUNT_READ_ACTIONS = ["mediaconvert:ListJobs", "mediaconvert:ListJobTemplates", "mediaconvert:GetJobTemplate"] as const;

export const accountNoCredentials = (action: string): string =>
  `No AWS credentials were found for reading MediaConvert jobs (${action}): the SDK's standard chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws/config, SSO, web identity, container and instance roles) found none. Set AWS_PROFILE (or run "aws sso login" for it), then run again.`;

export const accountCredentialsRejected = (action: string, code: string): string =>
  `AWS rejected the credentials used for ${action} (${code}): they are expired, revoked or malformed. Refresh them (for example "aws sso login"), then run again.`;

export const accountNoRegion = (): string =>
  "No AWS region is set: MediaConvert keeps jobs and job templates per region. Give --region, e.g. --region eu-west-1, or set AWS_REGION.";

export const accountAccessDenied = (action: string): string => {
  const actions = ACCOUNT_READ_ACTIONS.join(", ");
  return `Access denied: ${action} was refused. --from-account reads with ${actions}. Allow ${action} for the identity you run as ("aws sts get-caller-identity" names it), or run as one that has it.`;
};

export const accountQueueNotFound = (queue: string, region: string | undefined): string => {
  const [name, inRegion] = [quote(queue), region === undefined ? "" : ` in ${region}`];
  return `Queue ${name} does not exist${inRegion} (mediaconvert:ListJobs: NotFoundException). Check its name with "aws mediaconvert list-queues", or leave --queue out to read the jobs of every queue.`;
};

export const accountThrottled = (action: string, attempts: number | undefined): string => {
  const tries = attempts ?? "its";
  return `MediaConvert throttled ${action}, and the SDK gave up after ${tries} attempts (it retries throttled calls with backoff): the account's request rate for MediaConvert is used up. Wait a minute and run again, narrow the read with --since or --queue, or allow more attempts with AWS_MAX_ATTEMPTS.`;
};

export const accountAwsFailed = (action: string, code: string, message: string): string => {
  const said = message.replace(/\s+/g, " ");
  return `${action} failed: ${code}: ${said}. Run again once AWS answers.`;
};

// ---------------------------------------------------------------------------------------------
// Notes and undecidables of the extraction

export const noteHttp = (url: string): string => {
  const given = quote(url);
  return `${given} is fetched over HTTP(S) without the role: nothing to grant (MediaConvert reads only public files this way).`;
};

export const noteNotS3 = (value: string): string => {
  const given = quote(value);
  return `${given} is neither an S3 URI (s3://bucket/key) nor an HTTP(S) URL: MediaConvert rejects it; nothing granted.`;
};

export const noteSettingsVariable = (destination: string, variable: string, folder: string): string => {
  const [given, under] = [quote(destination), quote(folder || "(the bucket's root)")];
  return `${given} holds the settings variable ${variable}, which MediaConvert replaces when the job runs: the write covers every key under ${under}.`;
};

export const noteTamsServer = (url: string): string => {
  const given = quote(url);
  return `${given} is a TAMS server, called over HTTPS without the role; its authorization connection (TamsSettings.AuthConnectionArn) is granted instead.`;
};

export const noteAclWithoutDestination = (acl: string): string => {
  const given = quote(acl);
  return `The canned ACL ${given} belongs to an output group without an S3 Destination: nothing to grant until the job names one.`;
};

export const noteAwsManagedKey = (): string =>
  "SSE-KMS without a KmsKeyArn uses S3's AWS managed key (aws/s3), which S3 uses for the role without any KMS grant: nothing to grant.";

export const noteNotApiGateway = (url: string): string => {
  const given = quote(url);
  return `${given} is not an API Gateway execute-api URL: MediaConvert calls it without the role, nothing to grant. If it is a custom domain name of an API Gateway API with IAM authorization, grant execute-api:Invoke on that API yourself (spekeApiArns).`;
};

export const noteExternalUrl = (url: string, label: string): string => {
  const given = quote(url);
  return `${given} (${label}) is called outside AWS without the role: nothing to grant.`;
};

export const keyNotAnArn = (what: string, key: string, where: string): string => {
  const given = quote(key);
  return `${what} ${given} is not a key ARN (arn:<partition>:kms:<region>:<account>:key/<key id>): IAM grants use of a key only by its key ARN, which an alias or a bare key id does not show. Give the key ARN ${where}; "aws kms describe-key --key-id ${key}" prints it.`;
};

export const decryptionKeyUnknown = (region: string | undefined): string => {
  const where = region !== undefined ? ` in ${region}` : "";
  return `A client-side encrypted input: MediaConvert calls kms:Decrypt itself (not through S3) on the KMS key${where} that encrypted the input's data key, with the encryption context {"service": "mediaconvert.amazonaws.com"}; the job does not name that key. Give its key ARN as decryptionKmsKeyArns (module variable decryption_kms_key_arns).`;
};

export const bucketKeyUnknown = (bucket: string, configKey: string, moduleVariable: string, actions: readonly string[]): string => {
  const given = quote(bucket);
  return `Bucket ${given} may encrypt by default with a customer managed KMS key (SSE-KMS), which no job setting shows. If it does, give that key as ${configKey} (module: ${moduleVariable}) so the role may ${actions.join(" and ")} with it through S3.`;
};
