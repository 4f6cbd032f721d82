/**
 * Where things are on disk: the user's project root (where the config is looked for) and this
 * package's own directory (its package.json, its generated files). Plain fs and path, so that the
 * command line can find them without loading the config machinery.
 */
import * as fs from "fs";
import * as path from "path";

/** The config file name looked for at the project root. */
export const CONFIG_FILE_NAME = "mediaconvert.config.json";

/** The names the package is published under: one per engine (see bin/build-engine.js). */
export const PACKAGE_NAMES = ["mediaconvert-role-cdktf", "mediaconvert-role-cdktn"] as const;

/** The directory holding cdktf.json, searched upwards from `start` (else `start` itself). */
export function projectRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "cdktf.json"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start);
  }
}

/** This package's package.json: its directory, name and version. */
export interface PackageManifest {
  readonly dir: string;
  readonly name: string;
  readonly version: string;
}

/**
 * The package.json of this package, searched upwards from this file: `lib/app/` and
 * `dist/lib/app/` both find it, and so does the cdktn package built from the same output.
 */
export function packageManifest(): PackageManifest {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name && (PACKAGE_NAMES as readonly string[]).includes(pkg.name) && pkg.version) return { dir, name: pkg.name, version: pkg.version };
    }
    if (path.dirname(dir) === dir) throw new Error(`${PACKAGE_NAMES[0]}: no package.json of the package above ${__dirname}.`);
  }
}
