// The Terraform CLI config the tests share: providers come only from the local mirror (the
// network is closed; the registry is never contacted), through a plugin cache so that each
// `terraform init` links the provider instead of copying and hashing it again.
//
// Plain JavaScript because the jest global setup (global-setup.js) needs it too; the
// TypeScript harness (terraform-installation.ts) requires it when a test runs without that setup.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

/** The environment variable through which global setup hands the config file to the workers. */
const CLI_CONFIG_ENV = "MEDIACONVERT_TEST_TF_CLI_CONFIG_FILE";

/** The filesystem mirror holding the AWS provider (layout registry.terraform.io/hashicorp/aws/<version>/<platform>). */
const PROVIDER_MIRROR = "/opt/tf-plugins";

/** The providers the mirror serves; every other source fails to install, which is the point. */
const MIRRORED_PROVIDERS = ["registry.terraform.io/hashicorp/aws"];

const hcl = (value) => JSON.stringify(value);

/**
 * Links every mirrored provider package into the plugin cache, exactly as `terraform init`
 * would on first use. Doing it up front means inits running in parallel find a warm cache and
 * never race to fill it (Terraform's plugin cache is not safe for concurrent writers).
 */
function warmPluginCache(mirror, cacheDir) {
  for (const provider of MIRRORED_PROVIDERS) {
    const source = path.join(mirror, provider);
    if (!fs.existsSync(source)) continue;
    for (const version of fs.readdirSync(source)) {
      for (const platform of fs.readdirSync(path.join(source, version))) {
        const link = path.join(cacheDir, provider, version, platform);
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.symlinkSync(path.join(source, version, platform), link, "dir");
      }
    }
  }
}

/**
 * Writes the config and a warm plugin cache into `dir`; the config names the cache as it will be
 * found under `finalDir` (where `dir` is moved to, when it is a staging directory).
 */
function writeCliConfig(dir, mirror, finalDir = dir) {
  fs.mkdirSync(path.join(dir, "plugin-cache"));
  warmPluginCache(mirror, path.join(dir, "plugin-cache"));
  const file = path.join(dir, "terraform.tfrc");
  fs.writeFileSync(
    file,
    [
      "provider_installation {",
      "  filesystem_mirror {",
      `    path    = ${hcl(mirror)}`,
      `    include = ${hcl(MIRRORED_PROVIDERS)}`,
      "  }",
      "}",
      `plugin_cache_dir = ${hcl(path.join(finalDir, "plugin-cache"))}`,
      "plugin_cache_may_break_dependency_lock_file = true",
      "disable_checkpoint = true",
      "",
    ].join("\n"),
  );
  return file;
}

/**
 * Writes a CLI config and its plugin cache into a new temporary directory, removed when this
 * process exits (call it from the jest global setup, which runs in the real process). Returns
 * the path of the config file (for TF_CLI_CONFIG_FILE).
 */
function createTerraformCliConfig(mirror = PROVIDER_MIRROR) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mediaconvert-tf-cli-"));
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return writeCliConfig(dir, mirror);
}

/**
 * The same config in one fixed directory per user, reused from run to run: for test files run
 * without the global setup, whose sandboxed `process` never sees the exit of the real one (a
 * fresh directory per run would be left behind). Created atomically, so parallel workers agree.
 */
function sharedTerraformCliConfig(mirror = PROVIDER_MIRROR) {
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  const dir = path.join(os.tmpdir(), `mediaconvert-tf-cli-shared-${uid}`);
  const file = path.join(dir, "terraform.tfrc");
  if (fs.existsSync(file)) return file;
  const staging = fs.mkdtempSync(`${dir}.tmp-`);
  writeCliConfig(staging, mirror, dir);
  try {
    fs.renameSync(staging, dir);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(file)) throw e;
  }
  return file;
}

module.exports = { CLI_CONFIG_ENV, PROVIDER_MIRROR, MIRRORED_PROVIDERS, createTerraformCliConfig, sharedTerraformCliConfig };
