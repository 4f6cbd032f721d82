/**
 * The synth app run the way users run it (`node bin/synth.js`, or its `synth` command in this
 * process), into a test's output directory, with the synthesized stacks read back.
 */
import * as fs from "fs";
import * as path from "path";
import { CommandError, CommandResult, logTiming, runCommand } from "./commands";
import { REPO_ROOT } from "./paths";

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
