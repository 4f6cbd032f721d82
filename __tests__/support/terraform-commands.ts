/**
 * Terraform commands in a test's directory: `terraform(dir, args)` runs any command (at most
 * TERRAFORM_PARALLELISM at once, each on the offline STS endpoint, reattached to a running
 * provider when it can be), and `init`, `validate` and `plan` run the usual ones and read what
 * they report.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CommandError, CommandOptions, CommandResult, logTiming, runCommand } from "./commands";
import { offlineStsEndpoint } from "./offline-sts";
import { endpointEnv, OwnProvider, ownsProvider, ServiceEndpoints, sharedProviderServer, sharesProvider, startOwnProvider } from "./provider-processes";
import { requireTerraform, terraformEnv } from "./terraform-installation";
import { formatDiagnostic, PlanJson, RawDiagnostic, TerraformPlan, ValidateResult } from "./terraform-plan";

// ---------------------------------------------------------------------------------------------
// Any command

/**
 * At most this many Terraform processes at once (each loads the 675 MB provider); the rest
 * queue. `MEDIACONVERT_TEST_TF_PARALLELISM` overrides it.
 */
const TERRAFORM_PARALLELISM = Number(process.env.MEDIACONVERT_TEST_TF_PARALLELISM) || Math.max(2, os.availableParallelism());

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

/**
 * Runs `terraform <args>` in `dir` (queued behind TERRAFORM_PARALLELISM); rejects with a
 * TerraformUnavailableError when Terraform is missing and a CommandError when it fails.
 * `endpoints` reach the providers Terraform starts itself, and the provider process of a `terraform
 * test` that has one of its own (ownsProvider); a provider reattached by `options.reattach` has
 * its own (see startOwnProvider).
 */
export async function terraform(
  dir: string,
  args: readonly string[],
  options: Omit<CommandOptions, "cwd" | "env"> & { readonly shareProvider?: boolean; readonly reattach?: string; readonly endpoints?: ServiceEndpoints } = {},
): Promise<CommandResult> {
  const { binary } = await requireTerraform();
  return withSlot(async () => {
    const started = Date.now();
    let own: OwnProvider | undefined;
    try {
      const env: NodeJS.ProcessEnv = { ...terraformEnv(), AWS_ENDPOINT_URL_STS: await offlineStsEndpoint(), ...endpointEnv(options.endpoints) };
      if (options.reattach !== undefined) env.TF_REATTACH_PROVIDERS = options.reattach;
      else if (options.shareProvider || sharesProvider(dir, args)) env.TF_REATTACH_PROVIDERS = await sharedProviderServer();
      else if (ownsProvider(dir, args)) {
        own = startOwnProvider(options.endpoints);
        env.TF_REATTACH_PROVIDERS = await own.reattach;
      }
      // An init is followed by a command that may share the provider: start it meanwhile (it
      // takes a second or more to print its reattach line).
      else if (args[0] === "init") sharedProviderServer().catch(() => undefined);
      return await runCommand(binary, args, { ...options, cwd: dir, env });
    } finally {
      own?.stop();
      logTiming(`terraform ${args[0]}`, dir, started);
    }
  });
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

/** Options of `plan`. */
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

