/**
 * AWS provider processes that Terraform reattaches to (`TF_REATTACH_PROVIDERS`) instead of
 * starting the provider itself: one shared by the whole jest run for the commands that never
 * configure the provider, and one of a plan's own for a configuration with a single provider
 * configuration. Each start of the 675 MB provider costs about a second of CPU (it builds its
 * schema); these processes save most of them.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { hclBlocks } from "./hcl-blocks";
import { offlineStsEndpoint } from "./offline-sts";
import { makeTempDir } from "./paths";
import { AWS_PROVIDER, PROVIDER_MIRROR, runDirectory, terraformEnv, terraformPlatform, TerraformUnavailableError } from "./terraform-installation";

/**
 * AWS service endpoints the provider calls instead of AWS's, by service name (e.g. `{ iam:
 * <a LocalIamEndpoint's url> }` for `terraform apply` against the local IAM endpoint). They are
 * passed as the AWS SDK's `AWS_ENDPOINT_URL_<SERVICE>` variables, as the offline STS endpoint is:
 * the provider's `endpoints` block would do the same, but the provider spends about 2.5 s of CPU
 * validating that block each time a command validates its configuration, two or three times per
 * plan or apply (measured with 5.100.0: a plan of one data source, 8.3 CPU-s with the block and
 * 3.1 without, medians of 3 runs).
 */
export type ServiceEndpoints = Readonly<Record<string, string>>;

/** The AWS SDK's `AWS_ENDPOINT_URL_<SERVICE>` variables for `endpoints`. */
export function endpointEnv(endpoints: ServiceEndpoints = {}): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(endpoints).map(([service, url]) => [`AWS_ENDPOINT_URL_${service.toUpperCase()}`, url]));
}

// ---------------------------------------------------------------------------------------------
// One AWS provider process for the commands that never configure it

/**
 * Every Terraform process starts the AWS provider for each provider configuration it meets, and
 * each start costs about a second of CPU (the 675 MB provider builds its schema): a validation of
 * 14 provider blocks starts 14, a `terraform test` starts one per run block. The commands that
 * only ask the provider stateless questions (its schema; whether a configuration is valid) can
 * all talk to one provider process instead: Terraform's TF_REATTACH_PROVIDERS, which connects to
 * a provider started with `-debug` (measured: `terraform test` of the module's 10 runs, 15.6 CPU-s
 * with a provider per run, 3.7 with the shared one).
 *
 * - `validate` checks configurations without configuring the provider;
 * - `show` reads the schema to print a saved plan;
 * - `test` whose every test file mocks the AWS provider (`mock_provider "aws"`): a mock takes
 *   its schema and validation from the provider and answers everything else itself.
 *
 * An `init` installs and locks the provider from the mirror, unless told that only such commands
 * follow (InitOptions.sharedProviderOnly). The commands that configure the provider (`plan`,
 * `apply`, `console`, a `test` with a real provider) start their own (a `test` whose files all
 * configure it alike, one of its own: ownsProvider): a shared provider configured by several
 * configurations at once would mix their regions and tags.
 */
export function sharesProvider(dir: string, args: readonly string[]): boolean {
  const command = args[0];
  if (command === "validate" || command === "show") return true;
  if (command !== "test") return false;
  const files = testFiles(dir, args);
  return files.length > 0 && files.every((file) => MOCK_PROVIDER.test(fs.readFileSync(file, "utf8")));
}

const MOCK_PROVIDER = /^\s*mock_provider\s+"aws"\s*\{/m;
const PROVIDER = /^\s*provider\s+"aws"\s*\{/m;

/** The test files a `terraform test` in `dir` reads: those of its -filter options, else every test file. */
function testFiles(dir: string, args: readonly string[]): string[] {
  const filters = args.filter((a) => a.startsWith("-filter=")).map((a) => path.join(dir, a.slice("-filter=".length)));
  if (filters.length > 0) return filters;
  return [dir, path.join(dir, "tests")]
    .filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d).filter((n) => n.endsWith(".tftest.hcl") || n.endsWith(".tftest.json")).map((n) => path.join(d, n)));
}

/** The `.tf` files under `dir` (Terraform's own `.terraform` folders left out). */
function configurationFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === ".terraform" ? [] : configurationFilesUnder(full);
    return e.name.endsWith(".tf") ? [full] : [];
  });
}

/**
 * Whether a command is a `terraform test` that can run against one provider process of its own
 * (startOwnProvider), started for it and stopped after it: every test file it reads configures
 * the real AWS provider (no mock) with one `provider "aws"` block, the same in each file, and no
 * configuration under `dir` has an aliased one. Such a run otherwise starts the provider for every
 * run block, several times (schema, validation, plan; a second of CPU each): measured on the
 * module's documents tests (4 run blocks), 7.3 CPU-s with a provider per step, 2.3 reattached
 * plus the one process's own. Every run block configures that process alike, so nothing mixes.
 */
export function ownsProvider(dir: string, args: readonly string[]): boolean {
  if (args[0] !== "test") return false;
  const files = testFiles(dir, args);
  if (files.length === 0) return false;
  const texts = files.map((file) => fs.readFileSync(file, "utf8"));
  if (texts.some((text) => MOCK_PROVIDER.test(text))) return false;
  const blocks = texts.map((text) => hclBlocks(text, PROVIDER));
  if (!blocks.every((found) => found.length === 1)) return false;
  const normalized = new Set(blocks.map(([block]) => block.text.replace(/\s+/g, " ")));
  const aliased = configurationFilesUnder(dir).some((file) => hclBlocks(fs.readFileSync(file, "utf8"), PROVIDER).some((b) => /^\s*alias\s*=/m.test(b.text)));
  return normalized.size === 1 && !/^\s*alias\s*=/m.test([...normalized][0]) && !aliased;
}

const PROVIDER_START_TIMEOUT_MS = 60_000;

let providerServer: Promise<string> | undefined;

/**
 * The TF_REATTACH_PROVIDERS value of the run's shared AWS provider, started on first use. The
 * jest run shares one across its workers: the first to need it creates `provider-server/` in the
 * run's directory (next to the CLI config the global setup wrote; mkdir is atomic) and starts it;
 * every worker reads the reattach line it prints. Without that setup, each process starts its own.
 * A shell between waits on a pipe from the starting process and stops the provider when that
 * process ends, however it ends.
 */
export function sharedProviderServer(): Promise<string> {
  providerServer ??= (async () => {
    const runDir = runDirectory() ?? makeOwnRunDir();
    const serverDir = path.join(runDir, "provider-server");
    const log = path.join(serverDir, "provider.log");
    let starter = false;
    try {
      fs.mkdirSync(serverDir);
      starter = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    if (starter) startProvider(log);
    return readReattach(log);
  })();
  return providerServer;
}

function makeOwnRunDir(): string {
  const dir = makeTempDir("mediaconvert-provider");
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function providerBinary(): string {
  const dir = path.join(PROVIDER_MIRROR, AWS_PROVIDER.source, AWS_PROVIDER.version, terraformPlatform());
  const name = fs.existsSync(dir) ? fs.readdirSync(dir).find((n) => n.startsWith("terraform-provider-aws")) : undefined;
  if (name === undefined) throw new TerraformUnavailableError(`The mirror has no provider binary in ${dir}.`);
  return path.join(dir, name);
}

/**
 * Starts the provider with `-debug`, printing to `log`; returns a function that stops it. The shell
 * that watches it also reaps it, so its CPU time is counted with the test run's (`time npm test`).
 */
function startProvider(log: string, extraEnv: NodeJS.ProcessEnv = {}): () => void {
  const env = { ...terraformEnv(), ...extraEnv };
  delete env.TF_CLI_CONFIG_FILE;
  const watchdog = 'exec 3<&0; "$0" -debug </dev/null >>"$1" 2>&1 & pid=$!; trap \'kill $pid 2>/dev/null; wait $pid\' EXIT; cat <&3 >/dev/null';
  const child = spawn("/bin/sh", ["-c", watchdog, providerBinary(), log], { stdio: ["pipe", "ignore", "ignore"], env });
  child.stdin?.on("error", () => undefined);
  // Neither the shell nor its pipe keeps this process alive; when it ends, the pipe closes. (The
  // pipe is a net.Socket, typed as a plain Writable.)
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  child.unref();
  return () => child.stdin?.end();
}

// ---------------------------------------------------------------------------------------------
// A provider process of one plan's own

/** A provider process of one plan's own (startOwnProvider). */
export interface OwnProvider {
  /** Its TF_REATTACH_PROVIDERS value, once it has started. */
  readonly reattach: Promise<string>;
  /** Stops it. */
  stop(): void;
}

/**
 * A provider process for one plan whose configuration has a single AWS provider configuration
 * (PlanOptions.provider). A plan otherwise starts the provider three times (for the schema, to
 * validate, to plan; a second of CPU each): reattached, it uses this one process, which the
 * caller can start early, while it prepares the configuration. Only for one configuration: a
 * provider process configured twice would mix the two configurations' settings. It reaches the
 * offline STS endpoint as a plan's own provider does, and `endpoints` (see ServiceEndpoints).
 */
export function startOwnProvider(endpoints?: ServiceEndpoints): OwnProvider {
  const dir = makeTempDir("mediaconvert-own-provider");
  const log = path.join(dir, "provider.log");
  let stop: () => void = () => undefined;
  const reattach = offlineStsEndpoint().then((sts) => {
    stop = startProvider(log, { AWS_ENDPOINT_URL_STS: sts, ...endpointEnv(endpoints) });
    return readReattach(log);
  });
  return {
    reattach,
    stop: () => {
      stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function readReattach(log: string): Promise<string> {
  const deadline = Date.now() + PROVIDER_START_TIMEOUT_MS;
  for (;;) {
    const text = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
    const found = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(text);
    if (found) return found[1];
    if (Date.now() > deadline) {
      throw new TerraformUnavailableError(`The AWS provider started with -debug printed no reattach line within ${PROVIDER_START_TIMEOUT_MS / 1000} s (${log}: ${text.trim() || "empty"}).`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
