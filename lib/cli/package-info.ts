/** The package's own name and version, read from its package.json (found upwards from this file). */
import * as fs from "fs";
import * as path from "path";

export const PACKAGE_NAME = "mediaconvert-role-cdktf";

/** The version in the package.json of this package: dist/lib/cli/ and lib/cli/ both find it. */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) throw new Error(`${PACKAGE_NAME}: no package.json of the package above ${__dirname}.`);
  }
}
