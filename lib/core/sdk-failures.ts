/**
 * How an AWS SDK call failed, in the kinds the commands that call AWS (`adopt`, `verify --live`,
 * `derive --from-account`) explain differently: each turns a kind into its own message. Pure: it
 * reads the error's name, message and metadata, and loads no SDK.
 */

/** The ways a call fails that a user can act on, and the rest. */
export type SdkFailure =
  | { readonly kind: "no-credentials" }
  | { readonly kind: "no-region" }
  | { readonly kind: "credentials-rejected"; readonly code: string }
  | { readonly kind: "access-denied" }
  | { readonly kind: "not-found"; readonly code: string }
  | { readonly kind: "throttled"; readonly attempts?: number }
  | { readonly kind: "other"; readonly code: string; readonly message: string };

const CREDENTIALS_REJECTED = new Set([
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "UnrecognizedClientException",
  "InvalidAccessKeyId",
  "InvalidSignatureException",
]);
const DENIED = new Set(["AccessDenied", "AccessDeniedException", "ForbiddenException"]);
const NOT_FOUND = new Set(["NoSuchEntity", "NoSuchEntityException", "NotFoundException"]);
const THROTTLED = new Set(["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"]);

/** What kind of failure `e`, thrown by an AWS SDK call, is. */
export function sdkFailure(e: unknown): SdkFailure {
  const err = (typeof e === "object" && e !== null ? e : {}) as { name?: string; message?: string; $metadata?: { attempts?: number } };
  const code = err.name ?? "Error";
  const message = err.message ?? String(e);
  if (code === "CredentialsProviderError") return { kind: "no-credentials" };
  if (/region is missing/i.test(message)) return { kind: "no-region" };
  if (CREDENTIALS_REJECTED.has(code)) return { kind: "credentials-rejected", code };
  if (DENIED.has(code)) return { kind: "access-denied" };
  if (NOT_FOUND.has(code)) return { kind: "not-found", code };
  if (THROTTLED.has(code)) return { kind: "throttled", attempts: err.$metadata?.attempts };
  return { kind: "other", code, message };
}
