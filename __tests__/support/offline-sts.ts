/**
 * The local STS endpoint of offline plans: Terraform's AWS provider asks it who the credentials
 * belong to (`data.aws_caller_identity`) and for the session of a provider's `assume_role`
 * block, and it answers without AWS. Terraform finds it through the AWS SDK's
 * `AWS_ENDPOINT_URL_STS`, which every Terraform process and provider process of the tests gets.
 */
import * as http from "http";

/** The account the offline STS endpoint says the credentials belong to (what `data.aws_caller_identity` reads). */
export const OFFLINE_CALLER_ACCOUNT_ID = "123456789012";

/** An `sts:AssumeRole` request the offline STS endpoint answered: what a provider's `assume_role` block asked for. */
export interface AssumeRoleRequest {
  readonly roleArn: string;
  readonly sessionName?: string;
  readonly externalId?: string;
  readonly durationSeconds?: number;
}

const assumeRoleRequests: AssumeRoleRequest[] = [];

/** The `sts:AssumeRole` requests this test process's offline STS endpoint has answered, oldest first. */
export function offlineAssumeRoleRequests(): readonly AssumeRoleRequest[] {
  return [...assumeRoleRequests];
}

const STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
const STS_METADATA = "<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>";

/** The offline STS endpoint's answer to one request (form-encoded, AWS query protocol). */
function offlineStsResponse(form: URLSearchParams): string {
  if (form.get("Action") === "AssumeRole") {
    const roleArn = form.get("RoleArn") ?? "";
    const sessionName = form.get("RoleSessionName") ?? undefined;
    const duration = form.get("DurationSeconds");
    assumeRoleRequests.push({
      roleArn,
      ...(sessionName !== undefined ? { sessionName } : {}),
      ...(form.get("ExternalId") !== null ? { externalId: form.get("ExternalId")! } : {}),
      ...(duration !== null ? { durationSeconds: Number(duration) } : {}),
    });
    const roleName = roleArn.split("/").pop() ?? "role";
    return [
      `<AssumeRoleResponse xmlns="${STS_XMLNS}"><AssumeRoleResult>`,
      "<Credentials><AccessKeyId>ASIAOFFLINETEST</AccessKeyId><SecretAccessKey>offline-test-secret-key</SecretAccessKey>",
      "<SessionToken>offline-test-session-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>",
      `<AssumedRoleUser><AssumedRoleId>AROAOFFLINETEST:${sessionName ?? "session"}</AssumedRoleId>`,
      `<Arn>arn:aws:sts::${OFFLINE_CALLER_ACCOUNT_ID}:assumed-role/${roleName}/${sessionName ?? "session"}</Arn></AssumedRoleUser>`,
      `</AssumeRoleResult>${STS_METADATA}</AssumeRoleResponse>`,
    ].join("");
  }
  return [
    `<GetCallerIdentityResponse xmlns="${STS_XMLNS}"><GetCallerIdentityResult>`,
    `<Arn>arn:aws:iam::${OFFLINE_CALLER_ACCOUNT_ID}:user/offline-test</Arn>`,
    "<UserId>AIDAOFFLINETEST</UserId>",
    `<Account>${OFFLINE_CALLER_ACCOUNT_ID}</Account>`,
    `</GetCallerIdentityResult>${STS_METADATA}</GetCallerIdentityResponse>`,
  ].join("");
}

let stsEndpoint: Promise<string> | undefined;

/**
 * A local STS endpoint on 127.0.0.1 for offline plans: it answers `sts:AssumeRole` with dummy
 * session credentials (so a provider's `assume_role` block is planned as synthesized, and the
 * request is recorded: offlineAssumeRoleRequests) and every other request with GetCallerIdentity
 * for OFFLINE_CALLER_ACCOUNT_ID (what `data.aws_caller_identity` reads; the role's trust
 * conditions pin the deploying account through it). Terraform finds it through the AWS SDK's
 * `AWS_ENDPOINT_URL_STS`; it runs in this test process, one per jest worker, and does not keep
 * the process alive.
 */
export function offlineStsEndpoint(): Promise<string> {
  stsEndpoint ??= new Promise((resolve, reject) => {
    const server = http.createServer((request, response) => {
      let body = "";
      request.setEncoding("utf8");
      request.on("data", (chunk: string) => (body += chunk));
      request.on("end", () => {
        response.writeHead(200, { "Content-Type": "text/xml" });
        response.end(offlineStsResponse(new URLSearchParams(body)));
      });
    });
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.unref();
      const address = server.address();
      resolve(typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "");
    });
  });
  return stsEndpoint;
}
