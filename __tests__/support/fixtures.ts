/**
 * The accounts, region, keys and ARNs the tests share: one account in eu-west-1 with real-shaped
 * keys, API, secret and queues, and a second account for what belongs to someone else. The example
 * job documents (examples/jobs) use the same account, region, API and job key. A test that needs a
 * variant (another region, partition or account) builds it with the helpers here.
 */
export const ACCOUNT = "111122223333";
/** A second account: a cross-account key or queue, a stack deployed elsewhere. */
export const OTHER_ACCOUNT = "444455556666";
export const REGION = "eu-west-1";

/** A key id as KMS writes it (a lower-case UUID). */
export const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
/** A KMS key ARN: of ACCOUNT in REGION unless told otherwise. */
export const kmsKeyArn = (keyId: string, region = REGION, account = ACCOUNT, partition = "aws"): string => `arn:${partition}:kms:${region}:${account}:key/${keyId}`;
export const INPUT_KEY = kmsKeyArn(KEY_ID);
/** A multi-Region key. */
export const OUTPUT_KEY = kmsKeyArn("mrk-0123456789abcdef0123456789abcdef");
/** The job-level output key the example job examples/jobs/mp4-kms-acl.json names. */
export const JOB_KEY = kmsKeyArn("0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b");
/** A key of ACCOUNT that the tests' roles are not given. */
export const OTHER_KEY = kmsKeyArn("0f0f0f0f-aaaa-bbbb-cccc-0123456789ab");
/** A multi-Region key of OTHER_ACCOUNT. */
export const OTHER_ACCOUNT_KEY = kmsKeyArn("mrk-1234abcd12ab34cd56ef1234567890ab", REGION, OTHER_ACCOUNT);
/** An alias ARN, which IAM does not take for the key it names. */
export const KEY_ALIAS = `arn:aws:kms:${REGION}:${ACCOUNT}:alias/media`;

/** A SPEKE key provider's API (API Gateway); the example jobs call it. */
export const SPEKE_API = `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5`;
export const KANTAR_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kantar/credentials-AbCdEf`;
/** A MediaConvert queue's ARN: of ACCOUNT unless told otherwise. */
export const queueArn = (name: string, account = ACCOUNT): string => `arn:aws:mediaconvert:${REGION}:${account}:queues/${name}`;
/** An IAM role's ARN in ACCOUNT; `path` as IAM writes it (`/`, or `/service-role/`). */
export const roleArn = (name: string, path = "/"): string => `arn:aws:iam::${ACCOUNT}:role${path}${name}`;
/** The role Terraform assumes to deploy (a provider's `assume_role`). */
export const DEPLOYER_ROLE_ARN = roleArn("terraform-deployer");
