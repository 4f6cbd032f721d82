/**
 * Block tables from provider schemas: which keys of a resource, data source or provider body are
 * nested blocks, read from `terraform providers schema -json`, and the compact text form in which
 * the AWS provider's table is committed (aws-blocks.generated.ts, kept current by
 * `npm run check:generated`).
 *
 * The text form: one entry per type, `<type>:<blocks>`, where `<blocks>` is a comma-separated list
 * of block names, each followed by `(<blocks>)` when its body has nested blocks of its own, or by
 * `@<n>` when those are the n-th shared list (lists that occur more than once are written once).
 */
import { HclRenderError } from "./errors";

/** Nested block types of a block body, each with the nested block types of its own body. */
export interface BlockTypes {
  readonly [type: string]: BlockTypes;
}

/** A block's schema, as `terraform providers schema -json` writes it (only what the tables need). */
interface SchemaBlock {
  readonly block_types?: Readonly<Record<string, { readonly block?: SchemaBlock }>>;
}

/** One provider's schemas, by resource and data source type. */
interface ProviderSchema {
  readonly provider?: { readonly block?: SchemaBlock };
  readonly resource_schemas?: Readonly<Record<string, { readonly block?: SchemaBlock }>>;
  readonly data_source_schemas?: Readonly<Record<string, { readonly block?: SchemaBlock }>>;
}

/** The nested block types of every type of one or more providers, as read from their schemas. */
export interface SchemaBlocks {
  /** By provider local name (the last part of its address, `aws` for registry.terraform.io/hashicorp/aws). */
  readonly provider: ReadonlyMap<string, BlockTypes>;
  readonly resource: ReadonlyMap<string, BlockTypes>;
  readonly data: ReadonlyMap<string, BlockTypes>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function blockTypes(block: SchemaBlock | undefined): BlockTypes {
  const types: Record<string, BlockTypes> = {};
  for (const name of Object.keys(block?.block_types ?? {}).sort()) types[name] = blockTypes(block?.block_types?.[name].block);
  return types;
}

/** The providers of `terraform providers schema -json` output, by address; throws on anything else. */
function providerSchemas(schema: unknown): [address: string, provider: ProviderSchema][] {
  const providers = isRecord(schema) ? schema.provider_schemas : undefined;
  if (!isRecord(providers) || !Object.values(providers).every(isRecord)) {
    throw new HclRenderError(
      'The provider schema is not the output of "terraform providers schema -json": it has no "provider_schemas" object. Run terraform init, then terraform providers schema -json > schema.json, where the configuration is.',
    );
  }
  return Object.entries(providers as Record<string, ProviderSchema>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The block tables of every provider in `terraform providers schema -json` output. */
export function schemaBlocks(schema: unknown): SchemaBlocks {
  const provider = new Map<string, BlockTypes>();
  const resource = new Map<string, BlockTypes>();
  const data = new Map<string, BlockTypes>();
  for (const [address, p] of providerSchemas(schema)) {
    provider.set(address.split("/").pop()!, blockTypes(p.provider?.block));
    for (const [type, s] of Object.entries(p.resource_schemas ?? {})) resource.set(type, blockTypes(s.block));
    for (const [type, s] of Object.entries(p.data_source_schemas ?? {})) data.set(type, blockTypes(s.block));
  }
  return { provider, resource, data };
}

// ---------------------------------------------------------------------------------------------
// The text form

/** A list of nested blocks written out (without sharing). */
function listText(types: BlockTypes): string {
  return Object.entries(types)
    .map(([name, inner]) => (Object.keys(inner).length === 0 ? name : `${name}(${listText(inner)})`))
    .join(",");
}

/**
 * The committed table of one provider: its own blocks, the shared lists, and for resources and
 * data sources one line per service (the first word of the type after the provider's prefix):
 * its types, space-separated, each as `<rest of the type>:<blocks>` when it has nested blocks.
 */
export interface BlockTableText {
  readonly provider: string;
  readonly shared: readonly string[];
  readonly resource: Readonly<Record<string, string>>;
  readonly data: Readonly<Record<string, string>>;
}

/** Lists at least this long that occur more than once are written once, in `shared`. */
const SHARED_MIN_LENGTH = 12;

/** The text form of one provider's table (types and blocks sorted: the same schema, the same text). */
export function blockTableText(blocks: SchemaBlocks, providerName: string): BlockTableText {
  const prefix = `${providerName}_`;
  const own = (m: ReadonlyMap<string, BlockTypes>) =>
    [...m.keys()]
      .filter((t) => t.startsWith(prefix))
      .sort()
      .map((t) => [t.slice(prefix.length), m.get(t)!] as const);
  const resources = own(blocks.resource);
  const dataSources = own(blocks.data);
  const counts = new Map<string, number>();
  const count = (types: BlockTypes): void => {
    for (const inner of Object.values(types)) {
      if (Object.keys(inner).length === 0) continue;
      const text = listText(inner);
      counts.set(text, (counts.get(text) ?? 0) + 1);
      count(inner);
    }
  };
  for (const [, types] of [...resources, ...dataSources]) count(types);
  const shared: string[] = [];
  const ids = new Map<string, number>();
  const encode = (types: BlockTypes): string =>
    Object.entries(types)
      .map(([name, inner]) => {
        if (Object.keys(inner).length === 0) return name;
        const plain = listText(inner);
        const encoded = encode(inner);
        if ((counts.get(plain) ?? 0) < 2 || encoded.length < SHARED_MIN_LENGTH) return `${name}(${encoded})`;
        let id = ids.get(plain);
        if (id === undefined) {
          id = shared.length;
          shared.push(encoded);
          ids.set(plain, id);
        }
        return `${name}@${id}`;
      })
      .join(",");
  const byService = (types: readonly (readonly [string, BlockTypes])[]) => {
    const lines: Record<string, string[]> = {};
    for (const [type, blockTypes] of types) {
      const cut = type.indexOf("_");
      const service = cut < 0 ? type : type.slice(0, cut);
      const rest = cut < 0 ? "" : type.slice(cut + 1);
      const entry = Object.keys(blockTypes).length === 0 ? rest : `${rest}:${encode(blockTypes)}`;
      (lines[service] ??= []).push(entry);
    }
    return Object.fromEntries(Object.entries(lines).map(([service, entries]) => [service, entries.join(" ")]));
  };
  const resource = byService(resources);
  const data = byService(dataSources);
  return { provider: listText(blocks.provider.get(providerName) ?? {}), shared, resource, data };
}

/** Reads a list of the text form back, `shared` lists by their number. */
export function parseBlockList(text: string, shared: (id: number) => BlockTypes): BlockTypes {
  let i = 0;
  const list = (): BlockTypes => {
    const types: Record<string, BlockTypes> = {};
    while (i < text.length && text[i] !== ")") {
      const name = /^[A-Za-z0-9_-]+/.exec(text.slice(i))![0];
      i += name.length;
      if (text[i] === "(") {
        i++;
        types[name] = list();
        i++; // ")"
      } else if (text[i] === "@") {
        const id = /^@(\d+)/.exec(text.slice(i))!;
        i += id[0].length;
        types[name] = shared(Number(id[1]));
      } else types[name] = {};
      if (text[i] === ",") i++;
    }
    return types;
  };
  return list();
}

/**
 * The text of aws-blocks.generated.ts: the AWS provider's block table, from the output of
 * `terraform providers schema -json` for the provider `version` (the schema does not name it).
 */
export function awsBlocksSource(schema: unknown, version: string): string {
  const table = blockTableText(schemaBlocks(schema), "aws");
  const entries = (record: Readonly<Record<string, string>>) => Object.entries(record).map(([k, v]) => `    ${k}: ${JSON.stringify(v)},`);
  return [
    `// Generated by lib/hcl/schema.ts from \`terraform providers schema -json\` of hashicorp/aws ${version}; do not edit.`,
    "// `npm run check:generated` compares it with what the schema gives now; `npm run check:generated -- --write-aws-blocks` rewrites it.",
    "import type { BlockTableText } from \"./schema\";",
    "",
    "/** The AWS provider version the table was read from. */",
    `export const AWS_PROVIDER_VERSION = ${JSON.stringify(version)};`,
    "",
    "/** The nested blocks of the AWS provider's configuration, resources and data sources (the format: schema.ts). */",
    "export const AWS_BLOCK_TABLE: BlockTableText = {",
    `  provider: ${JSON.stringify(table.provider)},`,
    "  shared: [",
    ...table.shared.map((s) => `    ${JSON.stringify(s)},`),
    "  ],",
    "  resource: {",
    ...entries(table.resource),
    "  },",
    "  data: {",
    ...entries(table.data),
    "  },",
    "};",
    "",
  ].join("\n");
}
