/**
 * The layers of lib/ and their direction: core (the library a consumer imports) <- jobs (job
 * documents to the accesses they need; no cdktf) <- app (config file to stacks on disk) <-
 * generators (module, schema, docs) <- cli. Each layer imports only
 * its own and lower layers, nothing imports in a circle, and the library never touches the disk.
 * The engine (cdktf and its AWS provider bindings) is imported in one file, lib/core/engine.ts,
 * which bin/build-engine.js swaps to build the CDK Terrain (cdktn) package.
 */
import * as fs from "fs";
import * as path from "path";

const LIB = path.resolve(__dirname, "..", "lib");
const LAYERS = ["core", "hcl", "jobs", "app", "generators", "cli"] as const;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every module a file imports or requires: relative ones resolved to files under lib/, others by name. */
function importsOf(file: string): { local: string[]; packages: string[] } {
  const text = fs.readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:from|require\(|import\()\s*"([^"]+)"/g)].map((m) => m[1]);
  const local = specifiers
    .filter((s) => s.startsWith("."))
    .map((s) => {
      const base = path.resolve(path.dirname(file), s);
      return fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, "index.ts");
    });
  return { local, packages: specifiers.filter((s) => !s.startsWith(".")) };
}

/** The layer of a file: its folder under lib/; lib/index.ts is the library's entry (core). */
function layerOf(file: string): number {
  const top = path.relative(LIB, file).split(path.sep)[0];
  return top === "index.ts" ? 0 : LAYERS.indexOf(top as (typeof LAYERS)[number]);
}

const files = sourceFiles(LIB);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => path.relative(LIB, f);

describe("the layers of lib/", () => {
  it("puts every source file in one of the layers", () => {
    // GIVEN / WHEN every file under lib/
    const outside = files.filter((f) => layerOf(f) < 0).map(rel);
    // THEN none is outside core, jobs, app, generators and cli
    expect(outside).toEqual([]);
  });

  it("imports only downward: a layer never imports a layer above it", () => {
    // GIVEN the import graph
    // WHEN each local import is compared with the importer's layer
    const upward = files.flatMap((f) =>
      graph.get(f)!.local.filter((to) => layerOf(to) > layerOf(f)).map((to) => `${rel(f)} -> ${rel(to)}`),
    );
    // THEN no import goes up
    expect(upward).toEqual([]);
  });

  it("has no import circles", () => {
    // GIVEN the import graph
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(" -> "));
        return;
      }
      state.set(file, "open");
      for (const to of graph.get(file)?.local ?? []) visit(to, [...trail, file]);
      state.set(file, "done");
    };
    // WHEN every file is walked depth-first
    for (const f of files) visit(f, []);
    // THEN no walk comes back to a file it is still inside
    expect(cycles).toEqual([]);
  });

  it("keeps the library (core) off the file system and child processes", () => {
    // GIVEN the core layer
    const core = files.filter((f) => layerOf(f) === 0);
    // WHEN its package imports are listed
    const io = core.flatMap((f) => graph.get(f)!.packages.filter((p) => ["fs", "child_process", "os"].includes(p)).map((p) => `${rel(f)}: ${p}`));
    // THEN it reads and writes nothing
    expect(io).toEqual([]);
  });
});

describe("the engine file", () => {
  const ENGINE = path.join(LIB, "core", "engine.ts");
  /** cdktf, cdktn and their scoped packages (@cdktf/provider-aws, @cdktn/provider-aws, ...). */
  const ENGINE_PACKAGE = /^(?:cdktf|cdktn)(?:\/|$)|^@(?:cdktf|cdktn)\//;

  it("is the only file of lib/ that imports cdktf or @cdktf/provider-aws", () => {
    // GIVEN every file under lib/ but the engine file
    // WHEN their package imports are listed
    const direct = files
      .filter((f) => f !== ENGINE)
      .flatMap((f) => graph.get(f)!.packages.filter((p) => ENGINE_PACKAGE.test(p)).map((p) => `${rel(f)}: ${p}`));
    // THEN none names an engine package: they import those names from lib/core/engine.ts
    expect(direct).toEqual([]);
  });

  it("imports cdktf by its root and the AWS provider bindings only by deep paths", () => {
    // GIVEN the engine file's package imports
    const packages = graph.get(ENGINE)!.packages;
    // WHEN they are sorted into what the swap to cdktn rewrites and the rest
    const unexpected = packages.filter((p) => p !== "cdktf" && !/^@cdktf\/provider-aws\/lib\/[a-z0-9-]+$/.test(p));
    // THEN every one is `cdktf` or `@cdktf/provider-aws/lib/<resource>` (never the provider's root)
    expect(unexpected).toEqual([]);
    expect(packages).toContain("cdktf");
  });
});
