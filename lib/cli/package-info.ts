/** The package's own name and version, read from its package.json (found upwards from this file). */
import * as fs from "fs";
import * as path from "path";

/** The names the package is published under: one per engine (see bin/build-engine.js). */
export const PACKAGE_NAMES = ["mediaconvert-role-cdktf", "mediaconvert-role-cdktn"] as const;

/** The name of the package for cdktf, the one this repository is. */
export const PACKAGE_NAME = PACKAGE_NAMES[0];

/** A package's name and version. */
export interface PackageInfo {
  readonly name: string;
  readonly version: string;
}

/**
 * The name and version in the package.json of this package: dist/lib/cli/ and lib/cli/ both find
 * it, and so does the cdktn package built from the same output (its name is the program's name).
 */
export function packageInfo(): PackageInfo {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name && (PACKAGE_NAMES as readonly string[]).includes(pkg.name) && pkg.version) return { name: pkg.name, version: pkg.version };
    }
    if (path.dirname(dir) === dir) throw new Error(`${PACKAGE_NAME}: no package.json of the package above ${__dirname}.`);
  }
}

/** The version of this package. */
export function packageVersion(): string {
  return packageInfo().version;
}
