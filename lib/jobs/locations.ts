/**
 * The values job settings name places with: S3 URIs, API Gateway URLs, ARNs. Pure string
 * parsing, no AWS calls.
 */
import { partitionOfRegion, splitArn, type Partition } from "../core/arn";

/** An S3 object or prefix named by an `s3://bucket/key` URI. */
export interface S3Uri {
  readonly bucket: string;
  /** Everything after `bucket/`; "" for the bucket itself. */
  readonly key: string;
}

/** True when the value is an S3 URI in any case of the scheme (`s3://`, `S3://`). */
export function isS3Uri(value: string): boolean {
  return value.length > 5 && value.charCodeAt(2) === 58 /* : */ && /^s3:\/\//i.test(value);
}

/** The bucket and key of an `s3://bucket/key` URI, or undefined when it names no bucket. */
export function parseS3Uri(value: string): S3Uri | undefined {
  if (!isS3Uri(value)) return undefined;
  const rest = value.slice(5);
  const slash = rest.indexOf("/");
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  if (bucket === "" || /\s/.test(bucket)) return undefined;
  return { bucket, key: slash < 0 ? "" : rest.slice(slash + 1) };
}

/** True for `http://` and `https://` URLs (any case): MediaConvert fetches them without the role. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** The folder of a key: everything up to and including its last `/` ("" at the bucket's root). */
export function folderOf(key: string): string {
  return key.slice(0, key.lastIndexOf("/") + 1);
}

/** A settings variable (format identifier) such as `$d$`, `$dt$`, `$fn$` or `$h%05$`; `$$` is an escaped `$`. */
const FORMAT_IDENTIFIER = /\$(?:[A-Za-z]+(?:%0\d+)?)\$/;

/**
 * The literal start of a key that may hold settings variables: `out/$d$/master` gives
 * `{ literal: "out/", variable: "$d$" }` (the objects land under `out/` whatever the date).
 * `$$` (an escaped `$`) counts as a literal `$`.
 */
export function literalPrefix(key: string): { readonly literal: string; readonly variable?: string } {
  const unescape = (s: string): string => s.replace(/\$\$/g, "$");
  const m = FORMAT_IDENTIFIER.exec(key.replace(/\$\$/g, "\u0000\u0000"));
  if (!m) return { literal: unescape(key) };
  return { literal: unescape(key.slice(0, m.index)), variable: m[0] };
}

/** An API Gateway endpoint named by its default execute-api host name. */
export interface ApiGatewayUrl {
  readonly apiId: string;
  readonly region: string;
  readonly partition: Partition;
  /** The first path segment. */
  readonly stage: string;
  /** The rest of the path after the stage, without leading or trailing `/` ("" for the stage root). */
  readonly resourcePath: string;
}

/**
 * The API, region, stage and resource path of an `https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/<path>`
 * URL (also `.amazonaws.com.cn`, and private APIs' `<api-id>-<vpce-id>` host names); undefined for any
 * other host (a custom domain name cannot be mapped to its API from the URL alone).
 */
export function parseApiGatewayUrl(value: string): ApiGatewayUrl | undefined {
  const m = /^https:\/\/([a-z0-9]{10})(?:-vpce-[a-z0-9]+)?\.execute-api\.((?:[a-z]{2}|us-gov)-[a-z]+-\d{1,2})\.amazonaws\.com(?:\.cn)?(?::443)?(\/[^?#]*)?(?:[?#].*)?$/i.exec(
    value,
  );
  if (!m) return undefined;
  const segments = (m[3] ?? "/").split("/").filter((s) => s !== "");
  if (segments.length === 0) return undefined;
  const region = m[2].toLowerCase();
  return { apiId: m[1].toLowerCase(), region, partition: partitionOfRegion(region), stage: segments[0], resourcePath: segments.slice(1).join("/") };
}

/** The region, account and partition an ARN names (empty fields left out); undefined when it is not ARN-shaped. */
export function arnScope(arn: string): { partition?: Partition; region?: string; accountId?: string } | undefined {
  const parts = splitArn(arn);
  if (parts === undefined) return undefined;
  const partition = (["aws", "aws-cn", "aws-us-gov"] as const).find((p) => p === parts.partition);
  return {
    ...(partition !== undefined ? { partition } : {}),
    ...(parts.region !== "" ? { region: parts.region } : {}),
    ...(/^\d{12}$/.test(parts.accountId) ? { accountId: parts.accountId } : {}),
  };
}
