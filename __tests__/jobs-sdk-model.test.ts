/**
 * The jobs layer against @aws-sdk/client-mediaconvert's own model: the camelCase <-> PascalCase
 * mapping against the REST-JSON serializer's field names (the schemas in dist-cjs), and the
 * classifier's table against every field the model documents as an S3 location, URL, key or
 * secret (the doc comments in dist-types/models/models_0.d.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { FIELD_RULES, formatPath, ruleFor, type FieldRule, type PathStep } from "../lib/jobs/rules";
import { MAP_MEMBERS, pascalName } from "../lib/jobs/names";

// The SDK's schemas: a structure is [3, namespace, name, traits, memberNames, memberRefs]; a list
// [1, namespace, name, traits, memberRef]; a map [2, namespace, name, traits, keyRef, valueRef]. A
// member ref is a schema, or [schema, traits] with traits.jsonName the REST-JSON field name. A
// number is a simple type: 0 a string, with 64 set a list of it, with 128 a map of it.
type SchemaArray = readonly unknown[];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require("@aws-sdk/client-mediaconvert") as Record<string, unknown>;

const deref = (s: unknown): unknown => (typeof s === "function" ? (s as () => unknown)() : s);
function unref(ref: unknown): { schema: unknown; traits: Record<string, unknown> } {
  if (Array.isArray(ref) && ref.length === 2 && (typeof ref[0] === "function" || typeof ref[0] === "number")) {
    return { schema: deref(ref[0]), traits: typeof ref[1] === "object" && ref[1] !== null ? (ref[1] as Record<string, unknown>) : {} };
  }
  return { schema: deref(ref), traits: {} };
}
const isStruct = (s: unknown): s is SchemaArray => Array.isArray(s) && s[0] === 3;
const isList = (s: unknown): boolean => (Array.isArray(s) && s[0] === 1) || (typeof s === "number" && (s & 64) !== 0);
const isMap = (s: unknown): boolean => (Array.isArray(s) && s[0] === 2) || (typeof s === "number" && (s & 128) !== 0);
const elementOf = (s: unknown): unknown => (typeof s === "number" ? s & 63 : unref((s as SchemaArray)[(s as SchemaArray).length - 1]).schema);

const structures = Object.entries(sdk)
  .filter(([name, value]) => name.endsWith("$") && isStruct(value))
  .map(([, value]) => value as SchemaArray);

function members(struct: SchemaArray): { name: string; schema: unknown; traits: Record<string, unknown> }[] {
  const names = struct[4] as string[];
  const refs = struct[5] as unknown[];
  return names.map((name, i) => ({ name, ...unref(refs[i]) }));
}

describe("camelCase and PascalCase field names", () => {
  it("maps every REST-JSON field name of the SDK's serializer to its PascalCase member name", () => {
    // GIVEN every body member of every structure (members bound to the HTTP path or query have no jsonName)
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const struct of structures) {
      for (const m of members(struct)) {
        const jsonName = m.traits.jsonName;
        if (typeof jsonName !== "string") continue;
        checked.push(`${String(struct[2])}.${m.name}`);
        // WHEN the wire name is mapped back
        if (pascalName(jsonName) !== m.name) wrong.push(`${String(struct[2])}.${m.name}: wire name ${jsonName} -> ${pascalName(jsonName)}`);
      }
    }
    // THEN each gives its member name exactly (a new exception belongs in WIRE_NAME_EXCEPTIONS)
    expect(wrong).toEqual([]);
    expect(checked.length).toBeGreaterThan(1500);
  });

  it("leaves no member without a wire name but those the HTTP path or query carries", () => {
    const unbound = structures.flatMap((struct) =>
      members(struct)
        .filter((m) => typeof m.traits.jsonName !== "string" && m.traits.httpQuery === undefined && m.traits.httpLabel === undefined && !/Request$/.test(String(struct[2])))
        .map((m) => `${String(struct[2])}.${m.name}`),
    );
    expect(unbound).toEqual([]);
  });

  it("finds no two members of one structure with the same wire name, so the mapping goes both ways", () => {
    const clashes = structures.flatMap((struct) => {
      const names = members(struct)
        .map((m) => m.traits.jsonName)
        .filter((n): n is string => typeof n === "string");
      return names.filter((n, i) => names.indexOf(n) !== i).map((n) => `${String(struct[2])}.${n}`);
    });
    expect(clashes).toEqual([]);
  });

  it("keeps the keys of exactly the SDK's map members as data", () => {
    // GIVEN every member whose value is a map (its keys are names the user chose)
    const maps = new Set(
      structures.flatMap((struct) =>
        members(struct)
          .filter((m) => isMap(m.schema))
          .map((m) => m.name),
      ),
    );
    // THEN MAP_MEMBERS is that set
    expect([...MAP_MEMBERS].sort()).toEqual([...maps].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// The classifier against the model's documented location fields

/** Every path from the settings root to a string or string-list field, with the field's structure and name. */
function settingsPaths(root: SchemaArray): { struct: string; member: string; steps: PathStep[] }[] {
  const out: { struct: string; member: string; steps: PathStep[] }[] = [];
  const visit = (struct: SchemaArray, steps: PathStep[], open: Set<unknown>): void => {
    if (open.has(struct)) return;
    open.add(struct);
    for (const m of members(struct)) {
      let schema = m.schema;
      const at: PathStep[] = [...steps, { field: m.name }];
      while (isList(schema) || isMap(schema)) {
        at.push(isList(schema) ? { index: 0 } : { mapKey: "Selector 1" });
        schema = elementOf(schema);
      }
      if (isStruct(schema)) visit(schema, at, open);
      else if (schema === 0) out.push({ struct: String(struct[2]), member: m.name, steps: at });
    }
    open.delete(struct);
  };
  visit(root, [], new Set());
  return out;
}

const ROOTS = [sdk.JobSettings$ as SchemaArray, sdk.JobTemplateSettings$ as SchemaArray];
const PATHS = ROOTS.flatMap(settingsPaths);

/** Each documented member of models_0.d.ts: `Interface.member` -> its doc comment on one line, and its type. */
function modelDocs(): Map<string, { doc: string; type: string }> {
  const file = path.join(path.dirname(require.resolve("@aws-sdk/client-mediaconvert/package.json")), "dist-types", "models", "models_0.d.ts");
  const text = fs.readFileSync(file, "utf8");
  const docs = new Map<string, { doc: string; type: string }>();
  for (const iface of text.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    for (const m of iface[2].matchAll(/\/\*\*([\s\S]*?)\*\/\s*\n\s*(\w+)\?*:\s*([^;]+);/g)) {
      docs.set(`${iface[1]}.${m[2]}`, { doc: m[1].replace(/\s*\*\s?/g, " ").trim(), type: m[3].trim() });
    }
  }
  return docs;
}

/** A free-text field (not an enum) the model documents as a place: an S3 location, a URL or URI, a location; or named like one. */
const SPEAKS_OF_A_PLACE = /\bS3\b|s3:\/\/|\bUR[IL]s?\b|\blocation\b/i;
const NAMED_LIKE_A_PLACE = /(?:Url|Uri|File|Input|Destination|Image|Xml|Filename|Imps|Arn|Secret|SecretName|Key)$/;

const DOCS = modelDocs();
const FREE_TEXT = /^string(?:\[\])? \| undefined$/;
const CANDIDATES = PATHS.filter((p) => {
  const model = DOCS.get(`${p.struct}.${p.member}`);
  return model !== undefined && FREE_TEXT.test(model.type) && (SPEAKS_OF_A_PLACE.test(model.doc) || NAMED_LIKE_A_PLACE.test(p.member));
});

/** The documented place fields a classifier neither classifies nor lists as not-a-location. */
function unclassifiedPlaces(classify: (steps: readonly PathStep[]) => FieldRule | undefined): string[] {
  const missing = CANDIDATES.filter((p) => classify(p.steps) === undefined).map((p) => `${p.struct}.${p.member} at ${formatPath(p.steps)}`);
  return [...new Set(missing)].sort();
}

describe("the classifier against the SDK's model", () => {
  it("finds the documented S3 locations in the model (the test reads what it should)", () => {
    const names = new Set(CANDIDATES.map((p) => `${p.struct}.${p.member}`));
    for (const known of [
      "Input.FileInput",
      "HlsGroupSettings.Destination",
      "KantarWatermarkSettings.LogDestination",
      "AudioSelector.ExternalAudioFileInput",
      "S3EncryptionSettings.KmsKeyArn",
    ]) {
      expect(names).toContain(known);
    }
    expect(names.size).toBeGreaterThan(50);
  });

  it("classifies, or lists as not a location with a reason, every field the model documents as a place", () => {
    expect(unclassifiedPlaces(ruleFor)).toEqual([]);
  });

  it("reports a documented S3 location as soon as its rule is removed from the table", () => {
    // GIVEN the table without the Kantar log destination
    const without = (steps: readonly PathStep[]): FieldRule | undefined => {
      const rule = ruleFor(steps);
      return rule?.path === "KantarWatermark.LogDestination" ? undefined : rule;
    };
    // WHEN the model is checked against it
    // THEN the field is reported, on every path it has (jobs and templates)
    expect(unclassifiedPlaces(without)).toEqual(["KantarWatermarkSettings.LogDestination at KantarWatermark.LogDestination"]);
  });

  it("gives every not-a-location row its reason, and no other row one", () => {
    const bad = FIELD_RULES.filter((r) => (r.kind === "not-a-location") !== (r.reason !== undefined && r.reason.length > 20)).map((r) => r.path);
    expect(bad).toEqual([]);
  });

  it("has no rule whose path matches no field of the model (a typo would never fire)", () => {
    // GIVEN the rules every SDK path resolves to
    const used = new Set(PATHS.map((p) => ruleFor(p.steps)).filter((r): r is FieldRule => r !== undefined));
    // THEN every row of the table is among them
    expect(FIELD_RULES.filter((r) => !used.has(r)).map((r) => r.path)).toEqual([]);
  });
});
