/** The package's own name and version, read from its package.json. */
import { packageManifest, PACKAGE_NAMES } from "../app/project-root";

export { PACKAGE_NAMES };

/** The name of the package for cdktf, the one this repository is. */
export const PACKAGE_NAME = PACKAGE_NAMES[0];

/** A package's name and version. */
export interface PackageInfo {
  readonly name: string;
  readonly version: string;
}

/** The name and version in the package.json of this package (its program's name and `--version`). */
export function packageInfo(): PackageInfo {
  const { name, version } = packageManifest();
  return { name, version };
}

/** The version of this package. */
export function packageVersion(): string {
  return packageInfo().version;
}
