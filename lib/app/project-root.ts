/**
 * Where the app looks for its config: the project root and the config file's name. Plain fs and
 * path, so that the command line can name the file without loading the config machinery (which
 * loads cdktf).
 */
import * as fs from "fs";
import * as path from "path";

/** The config file name looked for at the project root. */
export const CONFIG_FILE_NAME = "mediaconvert.config.json";

/** The directory holding cdktf.json, searched upwards from `start` (else `start` itself). */
export function projectRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "cdktf.json"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start);
  }
}
