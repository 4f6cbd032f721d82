/**
 * Making a configuration plannable offline without touching its own files: a Terraform
 * override file (and, for a configuration without `provider "aws"`, a provider file) next to
 * it, with dummy credentials, no calls to AWS but the offline STS endpoint, and local state.
 */
import * as fs from "fs";
import * as path from "path";
import { record } from "./json";

const OVERRIDE_FILE = "zz_offline_override.tf.json";
const PROVIDER_FILE = "zz_offline_provider.tf.json";

/** The files writeOfflineOverride writes: not part of the configuration (a batch leaves them out). */
export const HARNESS_FILES: readonly string[] = [OVERRIDE_FILE, PROVIDER_FILE];

/** The offline settings of the AWS provider (see writeOfflineOverride). */
export const OFFLINE_PROVIDER = {
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  access_key: "offline-test-access-key",
  secret_key: "offline-test-secret-key",
} as const;

/** Options of `writeOfflineOverride`. */
export interface OfflineOptions {
  /**
   * Further AWS provider arguments, merged over the offline ones. When the configuration
   * declares no `provider "aws"` block (a bare module, or a root that only calls modules), the
   * harness declares one, and it needs a region.
   * @default - `{ region: "us-east-1" }` when the harness declares the provider, else nothing
   */
  readonly provider?: Readonly<Record<string, unknown>>;
}

/** The configuration files of a directory (not the harness's own). */
function configurationFiles(dir: string): { json: unknown[]; hcl: string[] } {
  const names = fs.readdirSync(dir).filter((n) => !HARNESS_FILES.includes(n));
  return {
    json: names.filter((n) => n.endsWith(".tf.json")).map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), "utf8")) as unknown),
    hcl: names.filter((n) => n.endsWith(".tf")).map((n) => fs.readFileSync(path.join(dir, n), "utf8")),
  };
}

/** What the configuration in `dir` declares that the offline settings must take into account. */
function declares(dir: string): { awsProvider: boolean; backend: boolean } {
  const { json, hcl } = configurationFiles(dir);
  // HCL is matched line by line: good enough for the configurations tests write and generate.
  return {
    awsProvider: json.some((doc) => "aws" in record(record(doc).provider)) || hcl.some((text) => /^\s*provider\s+"aws"\s*\{/m.test(text)),
    backend:
      json.some((doc) => ["backend", "cloud"].some((block) => block in record(record(record(doc).terraform)))) ||
      hcl.some((text) => /^\s*(?:backend\s+"[^"]+"|cloud)\s*\{/m.test(text)),
  };
}

/**
 * Makes the configuration in `dir` plannable offline, without touching its own files:
 *
 * - the AWS provider gets dummy static credentials and skips every call that needs AWS
 *   (`skip_credentials_validation`, `skip_requesting_account_id`, `skip_metadata_api_check`);
 * - an `assume_role` block stays as it is: the provider assumes the role through the offline
 *   STS endpoint (offlineStsEndpoint), which plan commands reach;
 * - `allowed_account_ids` / `forbidden_account_ids` are cleared: without the account id request
 *   the provider cannot check them and fails ("AWS account ID not allowed"), so tests assert
 *   them on the synthesized JSON instead;
 * - a declared backend (local, s3, ... or a `cloud` block) is replaced by local state in `dir`
 *   (`terraform.tfstate`): state and lock files never land where the original points (the repo
 *   root, for the default local backend), and remote backends are never contacted.
 *
 * Written to `zz_offline_override.tf.json` (a Terraform override file, merged over the
 * configuration) when the configuration declares `provider "aws"`, else the provider is
 * declared in `zz_offline_provider.tf.json`. Returns the files written.
 */
export function writeOfflineOverride(dir: string, options: OfflineOptions = {}): string[] {
  const found = declares(dir);
  const offline = OFFLINE_PROVIDER;
  const written: string[] = [];
  const write = (name: string, content: object): void => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
    written.push(file);
  };
  for (const stale of HARNESS_FILES) fs.rmSync(path.join(dir, stale), { force: true });

  const override: Record<string, unknown> = {};
  if (found.awsProvider) {
    override.provider = { aws: { ...offline, allowed_account_ids: null, forbidden_account_ids: null, ...options.provider } };
  } else {
    write(PROVIDER_FILE, { provider: { aws: { region: "us-east-1", ...offline, ...options.provider } } });
  }
  if (found.backend) override.terraform = { backend: { local: { path: "terraform.tfstate" } } };
  if (Object.keys(override).length > 0) write(OVERRIDE_FILE, override);
  return written;
}
