/**
 * The Terraform the tests run: the binary (on PATH, at /usr/local/bin/terraform, or named by
 * MEDIACONVERT_TEST_TERRAFORM), the AWS provider in the filesystem mirror, the CLI config every
 * Terraform process shares (plugin cache + mirror, written by the jest global setup), and the
 * environment Terraform runs in. Without Terraform or the mirror, the tests that need them fail
 * with a TerraformUnavailableError that says what is missing.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCommand } from "./commands";

interface CliConfigModule {
  readonly CLI_CONFIG_ENV: string;
  readonly PROVIDER_MIRROR: string;
  createTerraformCliConfig(mirror?: string): string;
  sharedTerraformCliConfig(mirror?: string): string;
}
// Plain JavaScript shared with the jest global setup, which writes the config once per run.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a .js file without types: CliConfigModule gives them
const cliConfigModule = require("./terraform-cli-config") as CliConfigModule;

/** The filesystem mirror the providers are installed from. */
export const PROVIDER_MIRROR = cliConfigModule.PROVIDER_MIRROR;

/** The AWS provider the stacks pin, as the mirror must hold it. */
export const AWS_PROVIDER = { source: "registry.terraform.io/hashicorp/aws", version: "5.100.0" } as const;

const TERRAFORM_FALLBACK_PATH = "/usr/local/bin/terraform";

/** Terraform's name for this machine's platform, e.g. linux_amd64. */
export function terraformPlatform(): string {
  const arch = ({ x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" } as Record<string, string>)[process.arch] ?? process.arch;
  return `${process.platform}_${arch}`;
}

/** What the Terraform tests need, for error messages. */
export const TERRAFORM_REQUIREMENT =
  `The Terraform tests need Terraform 1.x (on PATH or at ${TERRAFORM_FALLBACK_PATH}) and the AWS provider ` +
  `${AWS_PROVIDER.version} in the filesystem mirror ${PROVIDER_MIRROR} ` +
  `(${PROVIDER_MIRROR}/${AWS_PROVIDER.source}/${AWS_PROVIDER.version}/${terraformPlatform()}); the registry is never contacted.`;

/** Terraform or its provider mirror is missing: the tests that need them fail with this. */
export class TerraformUnavailableError extends Error {
  constructor(problem: string) {
    super(`${problem} ${TERRAFORM_REQUIREMENT}`);
    this.name = "TerraformUnavailableError";
  }
}

/** A usable Terraform: the binary and its version. */
export interface TerraformInstallation {
  readonly binary: string;
  readonly version: string;
}

/**
 * The CLI config file: the one the jest global setup wrote for this run, else (a test run
 * without that setup) the shared one in the temp directory, written on first use.
 */
export function cliConfigFile(): string {
  const fromSetup = process.env[cliConfigModule.CLI_CONFIG_ENV];
  if (fromSetup && fs.existsSync(fromSetup)) return fromSetup;
  return cliConfigModule.sharedTerraformCliConfig();
}

/**
 * The environment of every Terraform process: the test CLI config, no prompts, no version
 * checks, and none of the developer's TF_* or AWS_* settings (profiles, regions, TF_CLI_ARGS,
 * TF_DATA_DIR, ...), so that a plan means the same on every machine. TF_LOG passes, for debugging.
 *
 * Terraform and the provider (which inherits the environment) are Go programs that collect
 * garbage while loading the AWS schema. GOGC=200 (half as many collections as the default) is
 * the cheapest setting measured here, counting system time too: per validate / plan, user+system
 * CPU 3.9 s / 4.9 s with GOGC=200, 4.2 s / 5.1 s with the default, and 5.0 s / 6.2 s with GC off
 * until a 1 GiB heap (whose page faults cost more system time than the collections it saves).
 * A GOGC or GOMEMLIMIT of the developer's own wins.
 */
export function terraformEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    const dropped = (name.startsWith("TF_") && !name.startsWith("TF_LOG")) || name.startsWith("AWS_") || name === "CHECKPOINT_DISABLE";
    if (!dropped) env[name] = value;
  }
  return {
    GOGC: "200",
    ...env,
    TF_CLI_CONFIG_FILE: cliConfigFile(),
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

function findOnPath(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    const candidate = path.join(dir, program);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

let installation: Promise<TerraformInstallation> | undefined;

/** The Terraform installation; rejects with a TerraformUnavailableError when it is missing. Checked once per process. */
export function requireTerraform(): Promise<TerraformInstallation> {
  installation ??= findTerraform();
  return installation;
}

/** Names the Terraform binary to use instead of the one on PATH. */
export const TERRAFORM_BINARY_ENV = "MEDIACONVERT_TEST_TERRAFORM";

async function findTerraform(): Promise<TerraformInstallation> {
  const chosen = process.env[TERRAFORM_BINARY_ENV];
  const binary = chosen || findOnPath("terraform") || (fs.existsSync(TERRAFORM_FALLBACK_PATH) ? TERRAFORM_FALLBACK_PATH : undefined);
  if (binary === undefined) throw new TerraformUnavailableError(`terraform was not found on PATH nor at ${TERRAFORM_FALLBACK_PATH}.`);
  if (!fs.existsSync(binary)) {
    throw new TerraformUnavailableError(`${binary} does not exist${chosen ? ` (named by ${TERRAFORM_BINARY_ENV})` : ""}.`);
  }
  const version = await terraformVersion(binary);
  if (!/^1\./.test(version)) throw new TerraformUnavailableError(`${binary} is Terraform ${version}.`);
  const provider = path.join(PROVIDER_MIRROR, AWS_PROVIDER.source, AWS_PROVIDER.version, terraformPlatform());
  if (!fs.existsSync(provider)) throw new TerraformUnavailableError(`The mirror has no ${provider}.`);
  return { binary, version };
}

/** The run's CLI config file, from the jest global setup: its directory is the run's, and holds the shared provider's files. */
const RUN_DIR_ENV = cliConfigModule.CLI_CONFIG_ENV;

/** The jest run's directory (where the global setup wrote the CLI config), or undefined when the tests run without that setup. */
export function runDirectory(): string | undefined {
  const configFile = process.env[RUN_DIR_ENV];
  return configFile && fs.existsSync(configFile) ? path.dirname(configFile) : undefined;
}

/**
 * What `terraform version -json` says of `binary`. Asked once per jest run: the answer is kept in
 * the run's directory (from the global setup) for the same binary (path, size, modification
 * time), so the other test files read it instead of starting Terraform again.
 */
async function terraformVersion(binary: string): Promise<string> {
  const stat = fs.statSync(binary);
  const key = JSON.stringify([binary, stat.size, stat.mtimeMs]);
  const runDir = runDirectory();
  const known = runDir === undefined ? undefined : path.join(runDir, "terraform-version.json");
  if (known !== undefined && fs.existsSync(known)) {
    const cached = JSON.parse(fs.readFileSync(known, "utf8")) as { key?: string; version?: string };
    if (cached.key === key && typeof cached.version === "string") return cached.version;
  }
  let version: string;
  try {
    const { stdout } = await runCommand(binary, ["version", "-json"], { cwd: os.tmpdir(), env: terraformEnv(), timeoutMs: 30_000 });
    version = String((JSON.parse(stdout) as { terraform_version?: unknown }).terraform_version);
  } catch (e) {
    const firstLine = (e as Error).message.split("\n")[0].replace(/[.:]$/, "");
    throw new TerraformUnavailableError(`Terraform does not run: ${firstLine}.`);
  }
  if (known !== undefined) {
    const temporary = `${known}.${process.pid}`;
    fs.writeFileSync(temporary, JSON.stringify({ key, version }));
    fs.renameSync(temporary, known);
  }
  return version;
}
