/**
 * The documentation as a reader meets it: the README stays short and names the test command CI
 * runs, and every relative link of the README, CONTRIBUTING.md, CHANGELOG.md and docs/ leads to a
 * file that exists, and to a heading that exists when it names one (GitHub's anchors).
 */
import * as fs from "fs";
import * as path from "path";

const REPO_ROOT = path.resolve(__dirname, "..");

/** Pages that branches merged later add; until then a link to one of them is not checked. Remove each once it exists. */

const read = (file: string): string => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
const withoutCode = (text: string): string => text.replace(/^```[\s\S]*?^```/gm, "");

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, "")
    .replace(/ /g, "-");

const anchorsOf = (file: string): Set<string> => new Set([...withoutCode(read(file)).matchAll(/^#+ (.*)$/gm)].map((m) => anchorOf(m[1])));

const DOCUMENTS = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", ...fs.readdirSync(path.join(REPO_ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** Every relative link of a Markdown file outside code blocks: the file it names (relative to the root) and its anchor. */
function relativeLinks(file: string): { readonly link: string; readonly target: string; readonly anchor: string }[] {
  return [...withoutCode(read(file)).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((link) => !/^[a-z]+:/.test(link))
    .map((link) => {
      const [target, anchor = ""] = link.split("#");
      return { link, target: target === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), target)), anchor };
    });
}

describe("README.md", () => {
  it("is at most 12 KB", () => {
    expect(Buffer.byteLength(read("README.md"))).toBeLessThanOrEqual(12 * 1024);
  });

  it("gives as its test command exactly the command CI runs", () => {
    const ci = read(".ci/run").split("\n");
    expect(read("README.md")).toContain("## Test\n\n```sh\nnpm test\n```\n");
    expect(ci).toContain("npm test");
  });
});

describe.each(DOCUMENTS)("the relative links of %s", (file) => {
  it("lead to files and headings that exist", () => {
    const broken = relativeLinks(file)
      .filter(({ target, anchor }) => {
        if (!fs.existsSync(path.join(REPO_ROOT, target))) return true;
        return anchor !== "" && target.endsWith(".md") && !anchorsOf(target).has(anchor);
      })
      .map(({ link }) => link);
    expect(broken).toEqual([]);
  });
});
