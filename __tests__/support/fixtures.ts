/** ARNs the tests share: one account in eu-west-1, with real-shaped keys, API, secret and queues. */
export const ACCOUNT = "111122223333";
export const REGION = "eu-west-1";
export const INPUT_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const OUTPUT_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/mrk-0123456789abcdef0123456789abcdef`;
export const SPEKE_API = `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5`;
export const KANTAR_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:kantar/credentials-AbCdEf`;
export const queueArn = (name: string): string => `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:queues/${name}`;
