/**
 * Field names: the CLI's and SDK's PascalCase (`Settings.Inputs[0].FileInput`) and the REST API's
 * camelCase (`settings.inputs[0].fileInput`).
 *
 * The mapping is the one @aws-sdk/client-mediaconvert's REST-JSON serializer uses: every body
 * member of every structure is sent under its `jsonName`, and in 3.1169.0 that name is the
 * PascalCase member name with its first letter lower-cased, for all 1,589 body members of the
 * 288 structures, with no two members of a structure sharing a wire name
 * (`__tests__/jobs-sdk-model.test.ts` proves it against the SDK's schemas). A member whose wire name
 * ever breaks that rule goes into {@link WIRE_NAME_EXCEPTIONS}; the test names it.
 *
 * Not every key is a field name: the keys of map members (`AudioSelectors`, `CaptionSelectors`,
 * ...) are names the user chose ("Audio Selector 1"), and stay as written.
 */

/** camelCase wire names whose PascalCase member name is not the wire name with its first letter upper-cased (none in 3.1169.0). */
export const WIRE_NAME_EXCEPTIONS: Readonly<Record<string, string>> = {};

/**
 * The members whose value is a map: their keys are data (selector names, tag keys), not field
 * names. The test checks this list against the SDK's map-typed members.
 */
export const MAP_MEMBERS: ReadonlySet<string> = new Set(["AudioSelectorGroups", "AudioSelectors", "CaptionSelectors", "DynamicAudioSelectors", "Tags", "UserMetadata"]);

/** The PascalCase member name of a wire name (`fileInput` -> `FileInput`); a PascalCase name is returned as is. */
export function pascalName(name: string): string {
  const exception = WIRE_NAME_EXCEPTIONS[name];
  if (exception !== undefined) return exception;
  const first = name.charCodeAt(0);
  // a-z only: the SDK's member names start with an ASCII letter.
  return first >= 97 && first <= 122 ? String.fromCharCode(first - 32) + name.slice(1) : name;
}

/**
 * The same JSON value with every field name in PascalCase, map keys kept. Values that need no
 * change are returned as they are (no copy), so a PascalCase document costs one walk.
 */
export function toPascalCase(value: unknown): unknown {
  return convert(value, false);
}

function convert(value: unknown, keysAreData: boolean): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = convert(value[i], false);
      if (item !== value[i]) {
        out ??= value.slice();
        out[i] = item;
      }
    }
    return out ?? value;
  }
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  let changed = false;
  const entries: [string, unknown][] = [];
  for (const key of Object.keys(record)) {
    const name = keysAreData ? key : pascalName(key);
    const item = convert(record[key], !keysAreData && MAP_MEMBERS.has(name));
    if (name !== key || item !== record[key]) changed = true;
    entries.push([name, item]);
  }
  return changed ? Object.fromEntries(entries) : value;
}
