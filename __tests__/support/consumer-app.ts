/**
 * What the consumer tests (the packed package, and the cdktn lane) share about the fresh cdktf
 * app they build: its strict tsconfig and the environment its programs run in.
 */

/** The consumer app's tsconfig: strict, Node 16 modules (package `exports` honoured), main.ts only. */
export const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "node16",
    moduleResolution: "node16",
    lib: ["ES2022"],
    types: ["node"],
    strict: true,
    noUnusedLocals: true,
    noEmitOnError: true,
    skipLibCheck: true,
    outDir: ".",
  },
  files: ["main.ts"],
};

/**
 * The environment of npm and of the app: none of the npm_* settings of an enclosing `npm test`,
 * and no config, region or output directory from the developer's shell.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== "INIT_CWD"));
  for (const name of ["MEDIACONVERT_CONFIG", "AWS_REGION", "AWS_DEFAULT_REGION", "CDKTF_OUTDIR"]) delete env[name];
  return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", ...extra };
}
