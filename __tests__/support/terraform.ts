/**
 * Terraform at the edges of the tests: synthesize the app, then `terraform init`, `validate` and
 * an offline `plan` against the AWS provider from the local mirror, and read the plan back as
 * resource addresses and planned values.
 *
 * Everything runs in directories the test owns (a temporary directory), never in the repo:
 * the offline provider settings and a state file inside the directory are added with a Terraform
 * override file next to the synthesized JSON, so what users get is planned unchanged.
 * Commands run as child processes (`execFile`), so independent plans run in parallel.
 */
import { execFile, spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";

interface CliConfigModule {
  readonly CLI_CONFIG_ENV: string;
  readonly PROVIDER_MIRROR: string;
  createTerraformCliConfig(mirror?: string): string;
  sharedTerraformCliConfig(mirror?: string): string;
}
// Plain JavaScript shared with the jest global setup, which writes the config once per run.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a .js file without types: CliConfigModule gives them
const cliConfigModule = require("./terraform-cli-config") as CliConfigModule;

/** The repository root (where bin/synth.js is). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** The filesystem mirror the providers are installed from. */
export const PROVIDER_MIRROR = cliConfigModule.PROVIDER_MIRROR;

/** The AWS provider the stacks pin, as the mirror must hold it. */
export const AWS_PROVIDER = { source: "registry.terraform.io/hashicorp/aws", version: "5.100.0" } as const;

const TERRAFORM_FALLBACK_PATH = "/usr/local/bin/terraform";
const OVERRIDE_FILE = "zz_offline_override.tf.json";
const PROVIDER_FILE = "zz_offline_provider.tf.json";

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

// ---------------------------------------------------------------------------------------------
// Child processes

/** What a finished command printed and how it exited. */
export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A command that exited with an unexpected code; the message carries its output. */
export class CommandError extends Error {
  constructor(
    public readonly command: readonly string[],
    public readonly cwd: string,
    public readonly result: CommandResult,
    /** Why the command did not finish, when it did not (could not start, timed out). */
    reason?: string,
  ) {
    const output = [result.stderr.trim(), result.stdout.trim()].filter((s) => s !== "").join("\n");
    const what = reason ?? `exited with ${result.exitCode}`;
    super(`\`${command.join(" ")}\` in ${cwd} ${what}${output ? `:\n${tail(output, 6000)}` : "."}`);
    this.name = "CommandError";
  }
}

function tail(text: string, max: number): string {
  return text.length > max ? `...${text.slice(-max)}` : text;
}

/** Options of `runCommand`. */
export interface CommandOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Exit codes that resolve instead of rejecting. @default [0] */
  readonly okExitCodes?: readonly number[];
  /** Milliseconds before the process is killed. @default 120000 */
  readonly timeoutMs?: number;
}

/** Runs a program without a shell; resolves with its output, rejects with a CommandError. */
export function runCommand(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const okExitCodes = options.okExitCodes ?? [0];
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { cwd: options.cwd, env: options.env, maxBuffer: 256 * 1024 * 1024, timeout: options.timeoutMs ?? 120_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          const why = error.killed ? `was killed (${error.signal ?? "timeout"})` : `could not run (${error.message})`;
          reject(new CommandError([file, ...args], options.cwd, { exitCode: -1, stdout, stderr }, why));
          return;
        }
        const result = { exitCode: error ? Number(error.code) : 0, stdout, stderr };
        if (okExitCodes.includes(result.exitCode)) resolve(result);
        else reject(new CommandError([file, ...args], options.cwd, result));
      },
    );
  });
}

/**
 * At most this many Terraform processes at once (each loads the 675 MB provider); the rest
 * queue. `MEDIACONVERT_TEST_TF_PARALLELISM` overrides it.
 */
export const TERRAFORM_PARALLELISM = Number(process.env.MEDIACONVERT_TEST_TF_PARALLELISM) || Math.max(2, os.availableParallelism());

let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= TERRAFORM_PARALLELISM) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

// ---------------------------------------------------------------------------------------------
// The Terraform installation and the environment it runs in

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

/**
 * Checks that Terraform 1.x runs and that the mirror holds the AWS provider. Resolves with the
 * problem as an error (never rejects), or undefined when everything is in place.
 */
export async function terraformUnavailable(): Promise<TerraformUnavailableError | undefined> {
  try {
    await requireTerraform();
    return undefined;
  } catch (e) {
    if (e instanceof TerraformUnavailableError) return e;
    throw e;
  }
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
function runDirectory(): string | undefined {
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

/**
 * AWS service endpoints the provider calls instead of AWS's, by service name (e.g. `{ iam:
 * <a LocalIamEndpoint's url> }` for `terraform apply` against the local IAM endpoint). They are
 * passed as the AWS SDK's `AWS_ENDPOINT_URL_<SERVICE>` variables, as the offline STS endpoint is:
 * the provider's `endpoints` block would do the same, but the provider spends about 2.5 s of CPU
 * validating that block each time a command validates its configuration, two or three times per
 * plan or apply (measured with 5.100.0: a plan of one data source, 8.3 CPU-s with the block and
 * 3.1 without, farm-bench medians of 3).
 */
export type ServiceEndpoints = Readonly<Record<string, string>>;

function endpointEnv(endpoints: ServiceEndpoints = {}): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(endpoints).map(([service, url]) => [`AWS_ENDPOINT_URL_${service.toUpperCase()}`, url]));
}

/**
 * Runs `terraform <args>` in `dir` (queued behind TERRAFORM_PARALLELISM); rejects with a
 * TerraformUnavailableError when Terraform is missing and a CommandError when it fails.
 * `endpoints` reach the providers Terraform starts itself (a reattached provider has its own,
 * see startOwnProvider).
 */
export async function terraform(
  dir: string,
  args: readonly string[],
  options: Omit<CommandOptions, "cwd" | "env"> & { readonly shareProvider?: boolean; readonly reattach?: string; readonly endpoints?: ServiceEndpoints } = {},
): Promise<CommandResult> {
  const { binary } = await requireTerraform();
  return withSlot(async () => {
    const started = Date.now();
    try {
      const env: NodeJS.ProcessEnv = { ...terraformEnv(), AWS_ENDPOINT_URL_STS: await offlineStsEndpoint(), ...endpointEnv(options.endpoints) };
      if (options.reattach !== undefined) env.TF_REATTACH_PROVIDERS = options.reattach;
      else if (options.shareProvider || sharesProvider(dir, args)) env.TF_REATTACH_PROVIDERS = await sharedProviderServer();
      // An init is followed by a command that may share the provider: start it meanwhile (it
      // takes a second or more to print its reattach line).
      else if (args[0] === "init") sharedProviderServer().catch(() => undefined);
      return await runCommand(binary, args, { ...options, cwd: dir, env });
    } finally {
      logTiming(`terraform ${args[0]}`, dir, started);
    }
  });
}

/** With `MEDIACONVERT_TEST_TF_TIMING=1`, prints when each command ended (seconds since the process started) and how long it took. */
function logTiming(what: string, dir: string, started: number): void {
  if (process.env.MEDIACONVERT_TEST_TF_TIMING !== "1") return;
  const at = (performance.now() / 1000).toFixed(1);
  process.stderr.write(`[${at} s] ${what} took ${Date.now() - started} ms in ${dir}\n`);
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
 * `apply`, `console`, a `test` with a real provider) start their own: a shared provider configured
 * by several configurations at once would mix their regions and tags.
 */
function sharesProvider(dir: string, args: readonly string[]): boolean {
  const command = args[0];
  if (command === "validate" || command === "show") return true;
  if (command !== "test") return false;
  // The files the run reads: those of its -filter options, else every test file.
  const filters = args.filter((a) => a.startsWith("-filter=")).map((a) => path.join(dir, a.slice("-filter=".length)));
  const testFiles = filters.length > 0 ? filters : [dir, path.join(dir, "tests")]
    .filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d).filter((n) => n.endsWith(".tftest.hcl") || n.endsWith(".tftest.json")).map((n) => path.join(d, n)));
  return testFiles.length > 0 && testFiles.every((file) => /^\s*mock_provider\s+"aws"\s*\{/m.test(fs.readFileSync(file, "utf8")));
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
function sharedProviderServer(): Promise<string> {
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

/** Starts the provider with `-debug`, printing to `log`; returns a function that stops it. */
function startProvider(log: string, extraEnv: NodeJS.ProcessEnv = {}): () => void {
  const env = { ...terraformEnv(), ...extraEnv };
  delete env.TF_CLI_CONFIG_FILE;
  const watchdog = 'exec 3<&0; "$0" -debug </dev/null >>"$1" 2>&1 & pid=$!; trap \'kill $pid 2>/dev/null\' EXIT; cat <&3 >/dev/null';
  const child = spawn("/bin/sh", ["-c", watchdog, providerBinary(), log], { stdio: ["pipe", "ignore", "ignore"], env });
  child.stdin?.on("error", () => undefined);
  // Neither the shell nor its pipe keeps this process alive; when it ends, the pipe closes. (The
  // pipe is a net.Socket, typed as a plain Writable.)
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  child.unref();
  return () => child.stdin?.end();
}

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

// ---------------------------------------------------------------------------------------------
// Offline settings

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
  const names = fs.readdirSync(dir).filter((n) => n !== OVERRIDE_FILE && n !== PROVIDER_FILE);
  return {
    json: names.filter((n) => n.endsWith(".tf.json")).map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), "utf8")) as unknown),
    hcl: names.filter((n) => n.endsWith(".tf")).map((n) => fs.readFileSync(path.join(dir, n), "utf8")),
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
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
  const offline = {
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    access_key: "offline-test-access-key",
    secret_key: "offline-test-secret-key",
  };
  const written: string[] = [];
  const write = (name: string, content: object): void => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
    written.push(file);
  };
  for (const stale of [OVERRIDE_FILE, PROVIDER_FILE]) fs.rmSync(path.join(dir, stale), { force: true });

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

// ---------------------------------------------------------------------------------------------
// init, validate, plan

/** `terraform init` from the mirror (no registry, no upgrade checks). */
export async function init(dir: string, options: InitOptions = {}): Promise<void> {
  await terraform(dir, ["init", "-input=false", "-no-color"], { shareProvider: options.sharedProviderOnly });
}

/** Options of `init`. */
export interface InitOptions {
  /**
   * Only commands that share the provider process (`validate`, `show`, a mocked `terraform test`;
   * see sharesProvider) will run in the directory: the init then connects to that process instead
   * of installing the provider, which skips reading and hashing the 675 MB package (0.7 CPU-s an
   * init) and writes no lock file. A directory that will be planned needs a real init, unless
   * its plan reattaches to a provider of its own (PlanOptions.provider).
   * @default false
   */
  readonly sharedProviderOnly?: boolean;
}

/** What `terraform validate -json` reported. */
export interface ValidateResult {
  readonly valid: boolean;
  readonly errorCount: number;
  readonly warningCount: number;
  /** One line per diagnostic: `error: <summary>: <detail> (<file>:<line>)`. */
  readonly diagnostics: readonly string[];
}

interface RawDiagnostic {
  severity: string;
  summary: string;
  detail?: string;
  range?: { filename: string; start: { line: number } };
}

function formatDiagnostic(d: RawDiagnostic): string {
  const where = d.range ? ` (${d.range.filename}:${d.range.start.line})` : "";
  return `${d.severity}: ${d.summary}${d.detail ? `: ${d.detail}` : ""}${where}`;
}

/**
 * `terraform validate` in an initialized directory. Resolves for valid and invalid
 * configurations alike (assert on `valid` and `diagnostics`); rejects only when it cannot run.
 */
export async function validate(dir: string): Promise<ValidateResult> {
  const { stdout } = await terraform(dir, ["validate", "-json", "-no-color"], { okExitCodes: [0, 1] });
  const raw = JSON.parse(stdout) as { valid: boolean; error_count: number; warning_count: number; diagnostics?: RawDiagnostic[] };
  return {
    valid: raw.valid,
    errorCount: raw.error_count,
    warningCount: raw.warning_count,
    diagnostics: (raw.diagnostics ?? []).map(formatDiagnostic),
  };
}

/** A validation result made of diagnostic lines (as formatDiagnostic writes them). */
function validationOf(diagnostics: readonly string[]): ValidateResult {
  return {
    valid: !diagnostics.some((d) => d.startsWith("error")),
    errorCount: diagnostics.filter((d) => d.startsWith("error")).length,
    warningCount: diagnostics.filter((d) => d.startsWith("warning")).length,
    diagnostics,
  };
}

/** One resource of a plan: planned values and the change Terraform would make. */
export interface PlannedResource {
  /** The full address, e.g. `aws_iam_role.x` or `module.m.aws_iam_role.this`. */
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** `module.m` for resources in child modules, undefined in the root module. */
  readonly module?: string;
  /** The values known at plan time (attributes only known after apply are absent; see `unknown`). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Top-level attributes known only after apply. */
  readonly unknown: readonly string[];
  /** The planned actions, e.g. ["create"]; empty when the plan has no change for it. */
  readonly actions: readonly string[];
}

/** One root output of a plan. */
export interface PlannedOutput {
  /** False when the value is known only after apply. */
  readonly known: boolean;
  readonly value?: unknown;
  readonly sensitive: boolean;
}

interface RawModule {
  address?: string;
  resources?: { address: string; mode: "managed" | "data"; type: string; name: string; values?: Record<string, unknown> }[];
  child_modules?: RawModule[];
}

/** The parts of `terraform show -json <planfile>` the harness reads; the rest is in `json`. */
export interface PlanJson {
  readonly terraform_version: string;
  readonly planned_values: { root_module: RawModule; outputs?: Record<string, { sensitive: boolean; value?: unknown }> };
  readonly resource_changes?: { address: string; change: { actions: string[]; after_unknown?: Record<string, unknown> } }[];
  readonly output_changes?: Record<string, { after_unknown?: unknown }>;
  readonly configuration: {
    readonly provider_config?: Record<string, { expressions?: Record<string, { constant_value?: unknown }> }>;
  };
  readonly [key: string]: unknown;
}

/** A saved plan, read back with `terraform show -json`. */
export class TerraformPlan {
  /** Every planned resource, root module first, sorted by address within a module. */
  public readonly resources: readonly PlannedResource[];
  /** The addresses of the managed resources (what apply would create, update or keep), sorted. */
  public readonly addresses: readonly string[];
  public readonly outputs: Readonly<Record<string, PlannedOutput>>;

  constructor(
    public readonly json: PlanJson,
    /**
     * What the plan reported (it validates the configuration first): one line per diagnostic,
     * as ValidateResult has them. A plan with an error rejects instead.
     */
    public readonly diagnostics: readonly string[] = [],
  ) {
    const changes = new Map((json.resource_changes ?? []).map((c) => [c.address, c.change]));
    const collect = (module: RawModule): PlannedResource[] => [
      ...(module.resources ?? [])
        .map((r) => {
          const change = changes.get(r.address);
          const afterUnknown = record(change?.after_unknown);
          return {
            address: r.address,
            mode: r.mode,
            type: r.type,
            name: r.name,
            module: module.address,
            values: r.values ?? {},
            unknown: Object.keys(afterUnknown).filter((k) => afterUnknown[k] === true).sort(),
            actions: change?.actions ?? [],
          };
        })
        .sort((a, b) => a.address.localeCompare(b.address)),
      ...(module.child_modules ?? []).flatMap(collect),
    ];
    this.resources = collect(json.planned_values.root_module);
    this.addresses = this.resources.filter((r) => r.mode === "managed").map((r) => r.address).sort();
    const outputs: Record<string, PlannedOutput> = {};
    for (const [name, output] of Object.entries(json.planned_values.outputs ?? {})) {
      const known = json.output_changes?.[name]?.after_unknown !== true && "value" in output;
      outputs[name] = { known, sensitive: output.sensitive, ...(known ? { value: output.value } : {}) };
    }
    this.outputs = outputs;
  }

  /** The resource at `address`; throws, naming the planned addresses, when there is none. */
  public resource(address: string): PlannedResource {
    const found = this.resources.find((r) => r.address === address);
    if (!found) throw new Error(`The plan has no ${address}; it plans: ${this.resources.map((r) => r.address).join(", ")}.`);
    return found;
  }

  /** A constant argument of a root provider configuration as written (after override files), e.g. `region`. */
  public providerArgument(provider: string, argument: string): unknown {
    return this.json.configuration.provider_config?.[provider]?.expressions?.[argument]?.constant_value;
  }
}

/** Options of `plan` and `initAndPlan`. */
export interface PlanOptions {
  /** Input variables, passed through a `.tfvars.json` file (so lists and objects keep their types). */
  readonly vars?: Readonly<Record<string, unknown>>;
  /** Plan destruction (`-destroy`). @default false */
  readonly destroy?: boolean;
  /**
   * A provider process of the plan's own (startOwnProvider), for a configuration with a single
   * AWS provider configuration; the plan does not stop it.
   * @default - the plan starts its own provider processes
   */
  readonly provider?: OwnProvider;
}

let planCount = 0;

/**
 * `terraform plan -out` in an initialized directory, read back with `terraform show -json`.
 * Rejects with a CommandError (Terraform's diagnostics in the message) when planning fails,
 * so failure tests can `await expect(plan(dir)).rejects.toThrow(/.../)`. The plan runs with
 * `-json`, so that its warnings are read as diagnostics too (TerraformPlan.diagnostics).
 */
export async function plan(dir: string, options: PlanOptions = {}): Promise<TerraformPlan> {
  const id = `${process.pid}-${++planCount}`;
  const planFile = `harness-${id}.tfplan`;
  const args = ["plan", "-json", "-input=false", "-no-color", `-out=${planFile}`];
  if (options.destroy) args.push("-destroy");
  if (options.vars) {
    const varFile = `harness-${id}.tfvars.json`;
    fs.writeFileSync(path.join(dir, varFile), JSON.stringify(options.vars));
    args.push(`-var-file=${varFile}`);
  }
  const planned = await terraform(dir, args, { okExitCodes: [0, 1], reattach: options.provider && (await options.provider.reattach) });
  const diagnostics = planned.stdout
    .split("\n")
    .filter((line) => line.includes('"type":"diagnostic"'))
    .map((line) => formatDiagnostic((JSON.parse(line) as { diagnostic: RawDiagnostic }).diagnostic));
  if (planned.exitCode !== 0) throw new CommandError(["terraform", ...args], dir, { exitCode: planned.exitCode, stdout: "", stderr: diagnostics.join("\n") });
  const { stdout } = await terraform(dir, ["show", "-json", "-no-color", planFile]);
  return new TerraformPlan(JSON.parse(stdout) as PlanJson, diagnostics);
}

/** `writeOfflineOverride`, `init` and `plan` in one: the usual way to plan a directory offline. */
export async function initAndPlan(dir: string, options: PlanOptions & OfflineOptions = {}): Promise<TerraformPlan> {
  writeOfflineOverride(dir, options);
  await init(dir);
  return plan(dir, options);
}

// ---------------------------------------------------------------------------------------------
// Synthesizing the app

/** One synthesized stack. */
export interface SynthesizedStack {
  readonly name: string;
  /** The stack's working directory, holding cdk.tf.json. */
  readonly dir: string;
  /** The parsed cdk.tf.json. */
  readonly json: Readonly<Record<string, unknown>>;
}

/** The result of one run of the synth app. */
export interface SynthesizedApp {
  readonly outdir: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly stacks: readonly SynthesizedStack[];
}

/** Options of `synthesizeApp`. */
export interface SynthOptions {
  /** The output directory (CDKTF_OUTDIR); use a temporary directory. */
  readonly outdir: string;
  /** The config file (MEDIACONVERT_CONFIG). @default - none: the app picks mediaconvert.config.json at the repo root when it exists, else its built-in default */
  readonly configFile?: string;
  /** More environment variables for the app (e.g. `AWS_REGION`). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Run the command line's `synth` (what bin/synth.js runs) in this process (runCliInProcess),
   * not as `node bin/synth.js`: no process start and no load of cdktf for each synth, for files
   * that synthesize several configs. Such synths run one after the other.
   * @default false
   */
  readonly inProcess?: boolean;
}

/**
 * Runs the synth app (`node bin/synth.js`, or its `synth` in this process with
 * SynthOptions.inProcess; cwd = repo root) into `outdir` and lists the stacks of its manifest. The app sees neither MEDIACONVERT_CONFIG nor AWS_REGION / AWS_DEFAULT_REGION
 * from the developer's shell unless given, so the default region is us-east-1. Rejects with a
 * CommandError when synth fails.
 */
export async function synthesizeApp(options: SynthOptions): Promise<SynthesizedApp> {
  const started = Date.now();
  const { stdout, stderr } = options.inProcess ? await synthesizeInProcess(options) : await synthesizeAsProgram(options);
  logTiming("synth", options.outdir, started);
  const manifest = JSON.parse(fs.readFileSync(path.join(options.outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { workingDirectory: string; synthesizedStackPath: string }>;
  };
  const stacks = Object.entries(manifest.stacks).map(([name, stack]) => ({
    name,
    dir: path.join(options.outdir, stack.workingDirectory),
    json: JSON.parse(fs.readFileSync(path.join(options.outdir, stack.synthesizedStackPath), "utf8")) as Record<string, unknown>,
  }));
  return { outdir: options.outdir, stdout, stderr, stacks };
}

function synthesizeAsProgram(options: SynthOptions): Promise<CommandResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["MEDIACONVERT_CONFIG", "AWS_REGION", "AWS_DEFAULT_REGION"]) delete env[name];
  Object.assign(env, options.env, { CDKTF_OUTDIR: options.outdir });
  if (options.configFile !== undefined) env.MEDIACONVERT_CONFIG = options.configFile;
  return runCommand(process.execPath, [path.join(REPO_ROOT, "bin", "synth.js")], { cwd: REPO_ROOT, env });
}

async function synthesizeInProcess(options: SynthOptions): Promise<CommandResult> {
  // Required here: it loads the command line, which only files that synthesize in-process need.
  const { runCliInProcess } = require("./cli-in-process") as typeof import("./cli-in-process"); // eslint-disable-line @typescript-eslint/no-require-imports
  const env: Record<string, string> = { ...options.env, CDKTF_OUTDIR: options.outdir };
  if (options.configFile !== undefined) env.MEDIACONVERT_CONFIG = options.configFile;
  const result = await runCliInProcess(["synth"], { cwd: REPO_ROOT, env });
  if (result.exitCode !== 0) throw new CommandError(["synth (in-process)"], REPO_ROOT, result);
  return result;
}

/** A new temporary directory for one test's files; remove it in afterAll. */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

// ---------------------------------------------------------------------------------------------
// Planning many configurations in one Terraform run

/** One configuration of a batch: a name (a Terraform identifier) and the directory holding it. */
export interface BatchMember {
  readonly name: string;
  readonly dir: string;
}

/** What one batch member got: its share of the validation and of the plan. */
export interface BatchOutcome {
  readonly validation: ValidateResult;
  readonly plan: TerraformPlan;
}

/** Strips `module.<name>.` from addresses, so that a member's plan reads as if planned alone. */
function memberPlanJson(json: PlanJson, name: string, outputs: Readonly<Record<string, string>>, providers: Readonly<Record<string, string>>): PlanJson {
  const prefix = `module.${name}.`;
  const strip = (address: string) => address.slice(prefix.length);
  const rebase = (module: RawModule): RawModule => ({
    ...(module.address === `module.${name}` ? {} : { address: module.address && strip(module.address) }),
    resources: (module.resources ?? []).map((r) => ({ ...r, address: strip(r.address) })),
    child_modules: (module.child_modules ?? []).map(rebase),
  });
  const own = (json.planned_values.root_module.child_modules ?? []).find((m) => m.address === `module.${name}`) ?? {};
  const pick = <T>(from: Record<string, T> | undefined): Record<string, T> =>
    Object.fromEntries(Object.entries(outputs).flatMap(([rootName, memberName]) => (from && rootName in from ? [[memberName, from[rootName]]] : [])));
  // The member's provider configurations are root aliases, by the names the member gave them.
  const providerConfig = Object.fromEntries(
    Object.entries(providers).flatMap(([own, rootKey]) => {
      const config = json.configuration.provider_config?.[rootKey];
      return config ? [[own, config]] : [];
    }),
  );
  return {
    ...json,
    planned_values: { root_module: rebase(own), outputs: pick(json.planned_values.outputs) },
    resource_changes: (json.resource_changes ?? []).filter((c) => c.address.startsWith(prefix)).map((c) => ({ ...c, address: strip(c.address) })),
    output_changes: pick(json.output_changes),
    configuration: { ...json.configuration, provider_config: providerConfig },
  };
}

/** JSON with every object's keys sorted: equal for values that differ only in key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The offline settings of the AWS provider (see writeOfflineOverride). */
const OFFLINE_PROVIDER = {
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  access_key: "offline-test-access-key",
  secret_key: "offline-test-secret-key",
} as const;

/**
 * Validates and plans several configurations with one `init`, one `plan` and one `show`: each
 * member becomes a child module of a generated root. Its backend is removed (only a root has one)
 * and its AWS provider configuration moves to the root as an alias passed to it, made offline as
 * writeOfflineOverride does (members with the same configuration share one; an `assume_role`
 * block stays, and the offline STS endpoint answers it). The results are split back per member,
 * addresses, outputs and provider arguments as if it had been planned alone. Every Terraform
 * process loads the AWS provider's schema, which costs seconds of CPU: a batch pays that twice
 * (plan, show), not twice per member. A plan validates the configuration before it plans, so its
 * diagnostics are the validation. JSON configurations (`*.tf.json`) only.
 */
export async function validateAndPlanTogether(members: readonly BatchMember[], options: OfflineOptions = {}): Promise<Map<string, BatchOutcome>> {
  const root = makeTempDir("mediaconvert-batch");
  const rootConfig = { provider: { aws: [] as Record<string, unknown>[] }, module: {} as Record<string, unknown>, output: {} as Record<string, unknown> };
  const outputsOf = new Map<string, Record<string, string>>();
  const providersOf = new Map<string, Record<string, string>>();
  // Members whose provider configurations are the same (after the offline settings) share one
  // root alias: each distinct one is a provider process of the plan, a second or more of CPU.
  const aliasOf = new Map<string, string>();
  const rootAlias = (settings: Record<string, unknown>): string => {
    const key = canonicalJson(settings);
    let alias = aliasOf.get(key);
    if (alias === undefined) {
      alias = `p${aliasOf.size}`;
      aliasOf.set(key, alias);
      rootConfig.provider.aws.push({ ...settings, alias });
    }
    return `aws.${alias}`;
  };
  for (const member of members) {
    const child = path.join(root, member.name);
    fs.mkdirSync(child);
    const outputs: Record<string, string> = {};
    const providers: Record<string, string> = {};
    for (const file of fs.readdirSync(member.dir).filter((n) => n.endsWith(".tf.json") && n !== OVERRIDE_FILE && n !== PROVIDER_FILE)) {
      const doc = JSON.parse(fs.readFileSync(path.join(member.dir, file), "utf8")) as Record<string, unknown>;
      const terraformBlock = record(doc.terraform);
      delete terraformBlock.backend;
      delete terraformBlock.cloud;
      const awsConfigs = record(doc.provider).aws;
      for (const config of (Array.isArray(awsConfigs) ? awsConfigs : awsConfigs ? [awsConfigs] : []) as Record<string, unknown>[]) {
        const { alias, ...settings } = config;
        providers[alias === undefined ? "aws" : `aws.${String(alias)}`] = rootAlias({
          ...settings,
          ...OFFLINE_PROVIDER,
          allowed_account_ids: null,
          forbidden_account_ids: null,
          ...options.provider,
        });
      }
      delete doc.provider;
      for (const [outputName, output] of Object.entries(record(doc.output))) {
        const rootName = `${member.name}__${outputName}`;
        outputs[rootName] = outputName;
        rootConfig.output[rootName] = { value: `\${module.${member.name}.${outputName}}`, sensitive: record(output).sensitive === true };
      }
      fs.writeFileSync(path.join(child, file), JSON.stringify(doc));
    }
    if (!("aws" in providers)) providers.aws = rootAlias({ region: "us-east-1", ...OFFLINE_PROVIDER, ...options.provider });
    rootConfig.module[member.name] = { source: `./${member.name}`, providers };
    outputsOf.set(member.name, outputs);
    providersOf.set(member.name, providers);
  }
  // With one provider configuration, the plan reattaches to a provider process of its own (one
  // start instead of three: schema, validation, plan), and the init installs nothing.
  const provider = rootConfig.provider.aws.length === 1 ? startOwnProvider() : undefined;
  try {
    fs.writeFileSync(path.join(root, "main.tf.json"), JSON.stringify(rootConfig));
    await init(root, { sharedProviderOnly: provider !== undefined });
    const plannedAll = await plan(root, { provider });
    const validated = validationOf(plannedAll.diagnostics);
    const result = new Map<string, BatchOutcome>();
    for (const member of members) {
      const memberJson = memberPlanJson(plannedAll.json, member.name, outputsOf.get(member.name) ?? {}, providersOf.get(member.name) ?? {});
      const own = splitDiagnostics(validated, member.name);
      result.set(member.name, { validation: own, plan: new TerraformPlan(memberJson, own.diagnostics) });
    }
    return result;
  } finally {
    provider?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Removes `backend "<type>" { ... }` and `cloud { ... }` blocks from HCL text (a child module has no backend). */
function withoutHclBackend(text: string): string {
  let out = text;
  for (let match = /^(\s*)(?:backend\s+"[^"]*"|cloud)\s*\{/m.exec(out); match; match = /^(\s*)(?:backend\s+"[^"]*"|cloud)\s*\{/m.exec(out)) {
    let depth = 0;
    let end = match.index + match[0].length - 1;
    for (; end < out.length; end++) {
      if (out[end] === "{") depth++;
      else if (out[end] === "}" && --depth === 0) break;
    }
    out = out.slice(0, match.index) + out.slice(end + 1);
  }
  return out;
}

/**
 * The top-level `import { ... }` blocks of HCL text, with `to` under `module.<member>` (only a root
 * may hold import blocks), and the text without them.
 */
function withoutHclImports(text: string, member: string): { text: string; imports: string[] } {
  const imports: string[] = [];
  let out = text;
  for (let match = /^import\s*\{/m.exec(out); match; match = /^import\s*\{/m.exec(out)) {
    let depth = 0;
    let end = match.index + match[0].length - 1;
    for (; end < out.length; end++) {
      if (out[end] === "{") depth++;
      else if (out[end] === "}" && --depth === 0) break;
    }
    imports.push(out.slice(match.index, end + 1).replace(/^(\s*to\s*=\s*)/m, `$1module.${member}.`));
    out = out.slice(0, match.index) + out.slice(end + 1);
  }
  return { text: out, imports };
}

/** The validation results of one root, split per member by the `(<member>/file:line)` of each diagnostic. */
function splitDiagnostics(validation: ValidateResult, name: string): ValidateResult {
  const own = validation.diagnostics.filter((d) => d.includes(`(${name}/`)).map((d) => d.replace(`(${name}/`, "("));
  const shared = validation.diagnostics.filter((d) => !/\([^/()]+\/[^()]*:\d+\)$/.test(d));
  return validationOf([...own, ...shared]);
}

/**
 * `terraform validate` of several configurations (JSON or HCL) with one `init` and one `validate`:
 * each member becomes a child module of a generated root, its backend removed (only a root has
 * one), its `import` blocks (JSON or HCL) moved to the root (only a root may hold them) with `to`
 * under `module.<member>`, and its provider blocks kept (validate checks them without configuring the
 * provider). The diagnostics are split back per member, file names as if validated alone.
 */
export async function validateTogether(members: readonly BatchMember[]): Promise<Map<string, ValidateResult>> {
  const root = makeTempDir("mediaconvert-validate");
  const modules: Record<string, unknown> = {};
  const imports: Record<string, unknown>[] = [];
  const hclImports: string[] = [];
  for (const member of members) {
    const child = path.join(root, member.name);
    fs.mkdirSync(child);
    for (const file of fs.readdirSync(member.dir).filter((n) => (n.endsWith(".tf") || n.endsWith(".tf.json")) && n !== OVERRIDE_FILE && n !== PROVIDER_FILE)) {
      const text = fs.readFileSync(path.join(member.dir, file), "utf8");
      if (file.endsWith(".tf")) {
        const moved = withoutHclImports(withoutHclBackend(text), member.name);
        fs.writeFileSync(path.join(child, file), moved.text);
        hclImports.push(...moved.imports);
        continue;
      }
      const doc = JSON.parse(text) as Record<string, unknown>;
      delete record(doc.terraform).backend;
      delete record(doc.terraform).cloud;
      for (const block of (doc.import ?? []) as Record<string, unknown>[]) imports.push({ ...block, to: `module.${member.name}.${String(block.to)}` });
      delete doc.import;
      fs.writeFileSync(path.join(child, file), JSON.stringify(doc, null, 1));
    }
    modules[member.name] = { source: `./${member.name}` };
  }
  fs.writeFileSync(path.join(root, "main.tf.json"), JSON.stringify({ module: modules, ...(imports.length > 0 ? { import: imports } : {}) }));
  if (hclImports.length > 0) fs.writeFileSync(path.join(root, "imports.tf"), `${hclImports.join("\n\n")}\n`);
  try {
    await init(root, { sharedProviderOnly: true });
    const validation = await validate(root);
    return new Map(members.map((m) => [m.name, splitDiagnostics(validation, m.name)]));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
